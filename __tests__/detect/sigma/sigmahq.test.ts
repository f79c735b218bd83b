/**
 * The SigmaHQ CloudTrail rules (fixtures, DRL 1.1) loaded through rules-file and run on every shared dataset record.
 * The expected matches were derived by hand from each rule's detection, with independent jq queries over the
 * datasets (case-folded comparisons, as Sigma compares), not by running this loader.
 */
import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { createDetector } from '../../../src/detect/index.js';
import { normalizeRecord } from '../../../src/sources/normalize.js';
import type { Finding, TrailEvent } from '../../../src/types.js';
import { fixedClock, loadDataset, ROOT, silentLogger, testConfig } from '../helpers.js';

const RULES = join(ROOT, '__fixtures__', 'sigma', 'sigmahq');
const FOLDERS = [
  'panther_cloudtrail_tests',
  'panther_test_scenarios',
  'stratus_red_team_detonations',
  'streamalert_rule_tests',
  'awsdocs_cloudtrail_userguide_examples',
];

const range = (folder: string, from: number, to: number, skip: number[] = []): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i)
    .filter((n) => !skip.includes(n))
    .map((n) => `${folder}:${n}`);

/** Sigma id -> the dataset records (folder:line, 1-based) its detection matches. */
const EXPECTED: Record<string, string[]> = {
  // eventName DeleteGuardrail and eventSource bedrock.amazonaws.com.
  '59b70e4d-dd17-44a9-b740-acf07ae3eb6a': ['panther_cloudtrail_tests:18'],
  // ConsoleLogin with errorMessage "Failed authentication" (AWS docs examples 3 and 8 are failed sign-ins).
  '6393e346-1977-46ef-8987-ad414a145fad': [
    'panther_cloudtrail_tests:52',
    'awsdocs_cloudtrail_userguide_examples:3',
    'awsdocs_cloudtrail_userguide_examples:8',
  ],
  // GuardDuty DeleteDetector, or UpdateDetector with enable false, and errorCode Success or absent.
  'd2656e78-c069-4571-8220-9e0ab5913f19': ['streamalert_rule_tests:12', 'streamalert_rule_tests:13'],
  'c803b2ce-c4a2-4836-beae-b112010390b1': ['panther_cloudtrail_tests:119', 'panther_cloudtrail_tests:121'],
  '6fb77778-040f-4015-9440-572aa9b6b580': [
    ...['100', '102', '103', '104', '122', '124'].map((n) => `panther_cloudtrail_tests:${n}`),
    'stratus_red_team_detonations:266',
    'streamalert_rule_tests:48',
    'streamalert_rule_tests:49',
  ],
  // SendCommand with errorCode Success or absent: the failed Panther cases (e.g. 414) do not match.
  '38e7f511-3f74-41d4-836e-f57dfa18eead': [
    'panther_cloudtrail_tests:411',
    'panther_cloudtrail_tests:412',
    'panther_cloudtrail_tests:413',
    'stratus_red_team_detonations:35',
    'stratus_red_team_detonations:207',
  ],
  // GetSigninToken unless the user agent holds "Jersey/${project.version}" (record 67 is that console client).
  'f8103686-e3e8-46f3-be72-65f7fcb4aa53': ['panther_cloudtrail_tests:66'],
  // PutBucketVersioning whose requestParameters' JSON text holds "Suspended".
  'a136ac98-b2bc-4189-a14d-f0d0388e57a7': [
    'panther_cloudtrail_tests:366',
    'panther_cloudtrail_tests:369',
    'panther_cloudtrail_tests:375',
    'panther_cloudtrail_tests:377',
  ],
  // The real ModifyInstanceAttribute records carry requestParameters.userData, not attribute: userData.
  '1ab3c5ed-5baf-417b-bb6b-78ca33f6c3df': [],
  '25cb1ba1-8a19-4a23-a198-d252664c8cef': [],
  '4ae68615-866f-4304-b24b-ba048dfa5ca7': [],
  '6e61ee20-ce00-4f8d-8aee-bedd8216f7e3': [],
  // No PutUserPolicy record comes from S3 Browser.
  'db014773-7375-4f4e-b83b-133337c0ffee': [],
  'ec541962-c05a-4420-b9ea-84de072d18f4': [],
  // ModifyDBInstance whose response has a pending master password (masterUserPassword|contains: '*').
  '8a63cdd4-6207-414a-85bc-7e032bd3c1a2': ['panther_cloudtrail_tests:274'],
  // userIdentity.type Root and eventType not AwsServiceEvent.
  '8ad1600d-e9dc-4251-b0ee-a65268f29add': [
    ...['35', '71', '82', '84', '85'].map((n) => `panther_cloudtrail_tests:${n}`),
    ...range('panther_cloudtrail_tests', 315, 324, [319]),
    ...range('panther_test_scenarios', 1, 27, [16]),
    'streamalert_rule_tests:46',
    'streamalert_rule_tests:47',
    ...range('awsdocs_cloudtrail_userguide_examples', 6, 10),
  ],
  '78b3756a-7804-4ef7-8555-7b9024a02e2d': [
    ...['353', '354', '355', '356', '365', '370', '373'].map((n) => `panther_cloudtrail_tests:${n}`),
  ],
  'd3adb3ef-b7e7-4003-9092-1924c797db35': [],
  // GetSessionToken by an IAMUser.
  'b45ab1d2-712f-4f01-a751-df3826969807': ['panther_cloudtrail_tests:419', 'panther_cloudtrail_tests:420'],
};

function event(raw: Record<string, unknown>): TrailEvent {
  const r = normalizeRecord(raw);
  if (!r.event) throw new Error(`does not normalise: ${r.reason}`);
  return r.event;
}

async function detector() {
  return createDetector(testConfig({ rulesFiles: [RULES], builtinRules: false }), {
    logger: silentLogger,
    clock: fixedClock(),
  });
}

describe('SigmaHQ CloudTrail rules on the shared datasets', () => {
  it('loads all 19 rules, and only them', async () => {
    const d = await detector();
    const res = d.finish();
    expect(res.rulesLoaded).toBe(19);
  });

  it('matches exactly the records each detection describes', async () => {
    const d = await detector();
    const got: Record<string, string[]> = Object.fromEntries(Object.keys(EXPECTED).map((k) => [k, []]));
    for (const folder of FOLDERS) {
      for (const { event: e, index } of loadDataset(folder)) {
        for (const id of d.observe(e)) (got[id] ??= []).push(`${folder}:${index + 1}`);
      }
    }
    expect(got).toEqual(EXPECTED);
    // Findings carry the Sigma id, and their counts add up to the matching records.
    const byRule = new Map<string, number>();
    for (const f of d.finish().findings)
      byRule.set(f.ruleId ?? '', (byRule.get(f.ruleId ?? '') ?? 0) + f.count);
    for (const [id, recs] of Object.entries(EXPECTED)) expect(byRule.get(id) ?? 0).toBe(recs.length);
  });

  it('matches edited copies of real records for the rules no dataset record meets', async () => {
    const panther = loadDataset('panther_cloudtrail_tests');
    const stratus = loadDataset('stratus_red_team_detonations');
    const raw = (l: { event: TrailEvent } | undefined): Record<string, unknown> =>
      structuredClone(l?.event.raw ?? {});
    // panther 18 is a real DeleteGuardrail call; its service and name are changed to each rule's.
    const as = (
      source: string,
      name: string,
      extra: Record<string, unknown> = {},
    ): Record<string, unknown> => ({
      ...raw(panther[17]),
      eventSource: source,
      eventName: name,
      ...extra,
    });
    const modify = stratus.find((l) => l.event.name === 'ModifyInstanceAttribute');
    const policy = raw(panther[163]);
    const cases: [string, Record<string, unknown>][] = [
      [
        '1ab3c5ed-5baf-417b-bb6b-78ca33f6c3df',
        { ...raw(modify), requestParameters: { instanceId: 'i-1', attribute: 'userData', value: 'x' } },
      ],
      ['25cb1ba1-8a19-4a23-a198-d252664c8cef', as('elasticfilesystem.amazonaws.com', 'DeleteFileSystem')],
      ['4ae68615-866f-4304-b24b-ba048dfa5ca7', as('elasticache.amazonaws.com', 'CreateCacheSecurityGroup')],
      ['6e61ee20-ce00-4f8d-8aee-bedd8216f7e3', as('guardduty.amazonaws.com', 'CreateIPSet')],
      ['ec541962-c05a-4420-b9ea-84de072d18f4', as('lambda.amazonaws.com', 'CreateFunctionUrlConfig20211031')],
      [
        'd3adb3ef-b7e7-4003-9092-1924c797db35',
        as('sso.amazonaws.com', 'EnableExternalIdPConfigurationForDirectory'),
      ],
      [
        'db014773-7375-4f4e-b83b-133337c0ffee',
        {
          ...policy,
          userAgent: 'S3 Browser 11.5.7 https://s3browser.com',
          requestParameters: {
            Statement: [
              { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::<YOUR-BUCKET-NAME>/*'] },
            ],
          },
        },
      ],
    ];
    const d = await detector();
    const hits = cases.map(([, r]) => d.observe(event(r)));
    // Lambda's versioned event name does not equal CreateFunctionUrlConfig: the rule names it exactly.
    expect(hits).toEqual([
      ['1ab3c5ed-5baf-417b-bb6b-78ca33f6c3df'],
      ['25cb1ba1-8a19-4a23-a198-d252664c8cef'],
      ['4ae68615-866f-4304-b24b-ba048dfa5ca7'],
      ['6e61ee20-ce00-4f8d-8aee-bedd8216f7e3'],
      [],
      ['d3adb3ef-b7e7-4003-9092-1924c797db35'],
      ['db014773-7375-4f4e-b83b-133337c0ffee'],
    ]);
    expect(d.observe(event(as('lambda.amazonaws.com', 'createfunctionurlconfig')))).toEqual([
      'ec541962-c05a-4420-b9ea-84de072d18f4',
    ]);
    // The S3 Browser rule's quoted strings are searched in requestParameters' JSON text, where an embedded policy
    // document (a string, as CloudTrail records it) has its quotes escaped: as in a SIEM, that does not match.
    const embedded = {
      ...policy,
      userAgent: 'S3 Browser 11.5.7 https://s3browser.com',
      requestParameters: {
        policyDocument: JSON.stringify({
          Statement: [
            { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::<YOUR-BUCKET-NAME>/*'] },
          ],
        }),
      },
    };
    expect(d.observe(event(embedded))).toEqual([]);
  });

  it('carries the rule into its findings: id, title, level, technique, references, false positives', async () => {
    const d = await detector();
    for (const { event: e } of loadDataset('panther_cloudtrail_tests')) d.observe(e);
    const findings = d.finish().findings;
    const of = (id: string): Finding => findings.find((f) => f.ruleId === id) as Finding;
    const root = of('8ad1600d-e9dc-4251-b0ee-a65268f29add');
    expect(root).toMatchObject({
      origin: 'rule',
      title: 'AWS Root Credentials',
      severity: 'medium',
      technique: 'T1078.004',
      description: 'Detects AWS root account usage',
      references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html'],
      falsePositives: [
        'AWS Tasks That Require AWS Account Root User Credentials https://docs.aws.amazon.com/general/latest/gr/aws_tasks-that-require-root.html',
      ],
    });
    expect(root.remediation).toMatch(/Known false positives \(from the rule\): AWS Tasks That Require/);
    expect(of('b45ab1d2-712f-4f01-a751-df3826969807').severity).toBe('low');
    // A rule whose tags name no technique has none.
    const ec = (await detector()).observe(
      event({
        ...(loadDataset('panther_cloudtrail_tests')[17]?.event.raw ?? {}),
        eventSource: 'elasticfilesystem.amazonaws.com',
        eventName: 'DeleteFileSystem',
      }),
    );
    expect(ec).toEqual(['25cb1ba1-8a19-4a23-a198-d252664c8cef']);
  });

  it('applies none of our implicit exclusions: failed calls and AWS service calls match', async () => {
    const d = await detector();
    const base = loadDataset('panther_cloudtrail_tests')[17]?.event.raw ?? {};
    const failed = { ...base, errorCode: 'AccessDenied', errorMessage: 'denied' };
    const byService = { ...base, userIdentity: { type: 'AWSService', invokedBy: 'bedrock.amazonaws.com' } };
    expect(d.observe(event(failed))).toEqual(['59b70e4d-dd17-44a9-b740-acf07ae3eb6a']);
    expect(d.observe(event(byService))).toEqual(['59b70e4d-dd17-44a9-b740-acf07ae3eb6a']);
  });
});
