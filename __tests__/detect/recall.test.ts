/**
 * The recall rules (issue 15): failed attempts at high-impact calls, resource policies granting another account,
 * EC2 instance credentials used off the instance. Positives and negatives are real dataset records, or synthetic
 * records built from real ones where the datasets hold no such case (each says so).
 */
import { describe, expect, it } from '@jest/globals';
import { createDetector, type DetectResult } from '../../src/detect/index.js';
import { MAX_IPS_PER_SESSION } from '../../src/detect/instance-credentials.js';
import { normalizeRecord } from '../../src/sources/normalize.js';
import type { Config } from '../../src/config/types.js';
import type { Finding, TrailEvent } from '../../src/types.js';
import { fixedClock, loadDataset, silentLogger, testConfig } from './helpers.js';

interface Label {
  source_rule?: string;
  expected_result?: boolean;
  label?: string;
  stratus_technique?: string;
}

const panther = loadDataset<Label>('panther_cloudtrail_tests');
const scenarios = loadDataset<Label>('panther_test_scenarios');
const stratus = loadDataset<Label>('stratus_red_team_detonations');
const streamalert = loadDataset<Label>('streamalert_rule_tests');
const awsdocs = loadDataset<Label>('awsdocs_cloudtrail_userguide_examples');

const NEW_RULES = ['TS-TRY-001', 'TS-XACCT-001', 'TS-XACCT-002', 'TS-EC2-007'];

async function detect(events: readonly TrailEvent[], config: Config = testConfig()): Promise<DetectResult> {
  const d = await createDetector(config, { logger: silentLogger, clock: fixedClock() });
  for (const e of events) d.observe(e);
  return d.finish();
}
const of = (res: DetectResult, rule: string): Finding[] => res.findings.filter((f) => f.ruleId === rule);

/** A real record rewritten (a copy): fresh id, and the fields given replaced. */
function rewrite(e: TrailEvent, id: string, patch: Record<string, unknown>): TrailEvent {
  const r = normalizeRecord({ ...e.raw, eventID: id, ...patch });
  if (!r.event) throw new Error(`bad rewrite: ${r.reason}`);
  return r.event;
}

/** The one dataset record with this event name and error code. */
function find(set: typeof panther, name: string, errorCode?: string): TrailEvent {
  const hit = set.filter((r) => r.event.name === name && r.event.errorCode === errorCode);
  if (hit.length === 0) throw new Error(`no ${name} ${errorCode ?? 'success'} record`);
  return (hit[0] as (typeof hit)[number]).event;
}

describe('TS-TRY-001 failed attempts at high-impact calls', () => {
  // Real refused or failed calls from Panther's rule tests (where Panther's success-only rules must not fire).
  const failedCalls: [string, string][] = [
    ['StopLogging', 'InvalidTrailNameException'],
    ['DeleteTrail', 'ConflictException'],
    ['DeleteDeliveryChannel', 'NoSuchDeliveryChannelException'],
    ['DisableKey', 'NotFoundException'],
    ['PutBucketPolicy', 'AccessDenied'],
    ['DeleteBucketPublicAccessBlock', 'AccessDenied'],
    ['ModifySnapshotAttribute', 'ValidationError'],
  ];

  it.each(failedCalls)(
    'flags a failed %s (%s) as an attempt, low, with the error in the evidence',
    async (name, code) => {
      const e = find(panther, name, code);
      const res = await detect([e]);
      const [f] = of(res, 'TS-TRY-001');
      expect(f).toMatchObject({ severity: 'low', count: 1, evidence: { eventIds: [e.id] } });
      expect(f?.evidence.samples?.[0]).toMatchObject({ eventName: name, errorCode: code });
    },
  );

  it("flags the compromised-root scenario's refused StopLogging", async () => {
    const e = find(scenarios, 'StopLogging', 'NotOrganizationMasterAccountException');
    expect(of(await detect([e]), 'TS-TRY-001')).toHaveLength(1);
  });

  it('escalates to medium when one principal attempts three different calls, not for two or for one call repeated', async () => {
    // Three real failed calls, made one principal's (the StopLogging record's identity).
    const who = find(panther, 'StopLogging', 'InvalidTrailNameException');
    const as = (e: TrailEvent, id: string): TrailEvent =>
      rewrite(e, id, { userIdentity: who.raw.userIdentity, recipientAccountId: who.account });
    const three = [
      who,
      as(find(panther, 'DeleteTrail', 'ConflictException'), 'try-2'),
      as(find(panther, 'PutBucketPolicy', 'AccessDenied'), 'try-3'),
    ];
    const [f] = of(await detect(three), 'TS-TRY-001');
    expect(f).toMatchObject({ severity: 'medium', count: 3 });
    // One sample per different call, each with its error.
    expect(new Set(f?.evidence.samples?.map((s) => s.eventName))).toEqual(
      new Set(['StopLogging', 'DeleteTrail', 'PutBucketPolicy']),
    );
    expect(of(await detect(three.slice(0, 2)), 'TS-TRY-001')[0]?.severity).toBe('low');
    const repeated = [who, rewrite(who, 'again-1', {}), rewrite(who, 'again-2', {})];
    expect(of(await detect(repeated), 'TS-TRY-001')[0]).toMatchObject({ severity: 'low', count: 3 });
  });

  it('does not report a call that succeeded (its own rule does) or a failed routine call', async () => {
    const succeeded = panther
      .filter(
        (r) =>
          r.label.expected_result === true &&
          [
            'AWS.CloudTrail.Stopped',
            'AWS.IAM.Backdoor.User.Keys',
            'AWS.CloudTrail.SecurityConfigurationChange',
          ].includes(r.label.source_rule ?? ''),
      )
      .map((r) => r.event);
    expect(succeeded.length).toBeGreaterThan(3);
    const res = await detect(succeeded);
    expect(of(res, 'TS-TRY-001')).toEqual([]);
    expect(res.findings.length).toBeGreaterThan(0);
    // Failed calls that no rule would flag on success: denied reads and listings.
    const routine = [...panther, ...stratus]
      .map((r) => r.event)
      .filter((e) => e.errorCode !== undefined && /^(Get|List|Describe|Head)/.test(e.name));
    expect(routine.length).toBeGreaterThan(5);
    expect(of(await detect(routine), 'TS-TRY-001')).toEqual([]);
  });

  it('leaves LeaveOrganization to TS-ORG-001, which counts a refused one itself', async () => {
    const e = find(stratus, 'LeaveOrganization', 'AccessDenied');
    const res = await detect([e]);
    expect(of(res, 'TS-ORG-001')).toHaveLength(1);
    expect(of(res, 'TS-TRY-001')).toEqual([]);
  });
});

describe('background activity', () => {
  it('raises no medium-or-higher finding from the new rules on the benign records of the datasets', async () => {
    const benign = [
      ...awsdocs,
      ...scenarios.filter((r) => r.label.label === 'benign'),
      ...streamalert.filter((r) => r.label.label !== 'alert'),
    ].map((r) => r.event);
    expect(benign.length).toBeGreaterThan(40);
    const res = await detect(benign);
    const loud = res.findings.filter(
      (f) => NEW_RULES.includes(f.ruleId ?? '') && ['medium', 'high', 'critical'].includes(f.severity),
    );
    expect(loud).toEqual([]);
  });
});

describe('TS-XACCT-001/002 resource policies that grant another account', () => {
  // Real resource-policy records (policies as objects and as JSON strings); positives rewrite their policy.
  const bucketPolicy = find(panther, 'PutBucketPolicy'); // {AWS: "*"} s3:GetBucketAcl on example-bucket, as an object
  const keyPolicy = streamalert.map((r) => r.event).find((e) => e.name === 'PutKeyPolicy') as TrailEvent; // a string
  const topicPolicy = streamalert[31]?.event as TrailEvent; // SetTopicAttributes, SourceOwner pinned, a string
  const FOREIGN = '444455556666';
  const withBucketPolicy = (
    id: string,
    statements: unknown[],
    extra: Record<string, unknown> = {},
  ): TrailEvent =>
    rewrite(bucketPolicy, id, {
      requestParameters: {
        ...(bucketPolicy.raw.requestParameters as Record<string, unknown>),
        bucketPolicy: { Version: '2012-10-17', Statement: statements },
      },
      ...extra,
    });
  const grant = (action: string, principal: unknown = { AWS: `arn:aws:iam::${FOREIGN}:root` }) => ({
    Effect: 'Allow',
    Principal: principal,
    Action: action,
    Resource: 'arn:aws:s3:::example-bucket/*',
  });
  const xacct = (res: DetectResult): Finding[] =>
    res.findings.filter((f) => f.ruleId === 'TS-XACCT-001' || f.ruleId === 'TS-XACCT-002');

  it('reads of data granted to another account are high, other grants medium, with the grantee in the evidence', async () => {
    const read = await detect([withBucketPolicy('x1', [grant('s3:GetObject')])]);
    expect(xacct(read)).toMatchObject([{ ruleId: 'TS-XACCT-002', severity: 'high' }]);
    expect(xacct(read)[0]?.evidence.samples?.[0]?.details).toMatchObject({
      grantees: FOREIGN,
      bucketName: 'example-bucket',
    });
    // s3:* covers GetObject; GetBucketAcl does not.
    expect(xacct(await detect([withBucketPolicy('x2', [grant('s3:*')])]))[0]?.ruleId).toBe('TS-XACCT-002');
    const acl = await detect([withBucketPolicy('x3', [grant('s3:GetBucketAcl', { AWS: [FOREIGN] })])]);
    expect(xacct(acl)).toMatchObject([{ ruleId: 'TS-XACCT-001', severity: 'medium' }]);
  });

  it('reads policies given as JSON strings (KMS, SNS) and the owner being locked out of a key', async () => {
    const doc = JSON.parse(
      keyPolicy.raw.requestParameters
        ? String((keyPolicy.raw.requestParameters as Record<string, unknown>).policy)
        : '{}',
    ) as {
      Statement: unknown[];
    };
    const asKey = (id: string, statements: unknown[]): TrailEvent =>
      rewrite(keyPolicy, id, {
        requestParameters: {
          ...(keyPolicy.raw.requestParameters as Record<string, unknown>),
          policy: JSON.stringify({ ...doc, Statement: statements }, null, 2),
        },
      });
    const decrypt = {
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${FOREIGN}:root` },
      Action: ['kms:Decrypt'],
      Resource: '*',
    };
    expect(xacct(await detect([asKey('k1', [...doc.Statement, decrypt])]))[0]?.ruleId).toBe('TS-XACCT-002');
    // Only the foreign account, and only to encrypt: no data read, but the owner's own statement is gone.
    const lockout = { ...decrypt, Action: 'kms:Encrypt' };
    expect(xacct(await detect([asKey('k2', [lockout])]))).toMatchObject([{ ruleId: 'TS-XACCT-002' }]);
    expect(xacct(await detect([asKey('k3', [...doc.Statement, lockout])]))).toMatchObject([
      { ruleId: 'TS-XACCT-001' },
    ]);
    const topic = JSON.parse(
      String((topicPolicy.raw.requestParameters as Record<string, unknown>).attributeValue),
    ) as {
      Statement: unknown[];
    };
    const publish = { Effect: 'Allow', Principal: { AWS: FOREIGN }, Action: 'SNS:Publish', Resource: '*' };
    const sns = rewrite(topicPolicy, 't1', {
      requestParameters: {
        ...(topicPolicy.raw.requestParameters as Record<string, unknown>),
        attributeValue: JSON.stringify({ ...topic, Statement: [...topic.Statement, publish] }),
      },
    });
    expect(xacct(await detect([sns]))).toMatchObject([{ ruleId: 'TS-XACCT-001', severity: 'medium' }]);
  });

  it('a Deny of the owner next to a foreign grant is high', async () => {
    const deny = {
      Effect: 'Deny',
      Principal: { AWS: `arn:aws:iam::${bucketPolicy.account}:root` },
      Action: 's3:*',
      Resource: '*',
    };
    const res = await detect([withBucketPolicy('d1', [grant('s3:PutObject'), deny])]);
    expect(xacct(res)).toMatchObject([{ ruleId: 'TS-XACCT-002' }]);
  });

  it("stays quiet on the datasets' own resource policies: public, service, own-account and organisation-pinned grants", async () => {
    const policies = [...panther, ...streamalert]
      .map((r) => r.event)
      .filter((e) =>
        [
          'PutBucketPolicy',
          'PutKeyPolicy',
          'CreateKey',
          'SetQueueAttributes',
          'SetTopicAttributes',
          'CreateTopic',
          'SetRepositoryPolicy',
          'PutResourcePolicy',
        ].includes(e.name),
      );
    expect(policies.length).toBeGreaterThanOrEqual(15);
    expect(xacct(await detect(policies))).toEqual([]);
  });

  it('a trusted account or organisation, or an account of the window itself, is not outside, in any order', async () => {
    const e = withBucketPolicy('tr1', [grant('s3:GetObject')]);
    expect(xacct(await detect([e], testConfig({ trustedAccountIds: [FOREIGN] })))).toEqual([]);
    const pinned = withBucketPolicy('tr2', [
      { ...grant('s3:GetObject'), Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } } },
    ]);
    expect(xacct(await detect([pinned], testConfig({ trustedAccountIds: ['o-abcdefghij'] })))).toEqual([]);
    expect(xacct(await detect([pinned], testConfig({ trustedAccountIds: ['o-zzzzzzzzzz'] })))).toHaveLength(
      1,
    );
    // An organisation trail: the grantee's own activity is in the window too.
    const there = rewrite(find(panther, 'StopLogging', 'InvalidTrailNameException'), 'there', {
      recipientAccountId: FOREIGN,
    });
    expect(xacct(await detect([e, there]))).toEqual([]);
    expect(xacct(await detect([there, e]))).toEqual([]);
  });

  it('`*` narrowed to an outside account by aws:SourceAccount is a grant to it; to the owner, none', async () => {
    const to = (acct: string) =>
      withBucketPolicy(`sa-${acct}`, [
        { ...grant('s3:PutObject', '*'), Condition: { StringEquals: { 'aws:SourceAccount': acct } } },
      ]);
    expect(xacct(await detect([to(FOREIGN)]))).toMatchObject([{ ruleId: 'TS-XACCT-001' }]);
    expect(xacct(await detect([to(bucketPolicy.account)]))).toEqual([]);
  });

  it('SQS AddPermission to another account is a grant (synthetic, from the real SetQueueAttributes record)', async () => {
    const q = find(panther, 'SetQueueAttributes');
    const add = rewrite(q, 'sq1', {
      eventName: 'AddPermission',
      // Panther's record says s3.amazonaws.com, a slip in their test; the call is SQS's.
      eventSource: 'sqs.amazonaws.com',
      requestParameters: {
        queueUrl: (q.raw.requestParameters as Record<string, unknown>).queueUrl,
        label: 'x',
        aWSAccountIds: [FOREIGN],
        actions: ['SendMessage'],
      },
    });
    expect(xacct(await detect([add]))).toMatchObject([{ ruleId: 'TS-XACCT-001', severity: 'medium' }]);
  });
});

describe('TS-EC2-007 EC2 instance credentials used outside the instance', () => {
  const detonation = stratus
    .filter((r) => r.label.stratus_technique === 'aws.credential-access.ec2-steal-instance-credentials')
    .map((r) => r.event);
  const window = testConfig({}, { start: '2019-01-01T00:00:00Z', end: '2025-01-01T00:00:00Z' });
  // Panther's IMDS-exfiltration tests: one instance session (MyAppRole/i-0abcdef1234567890) seen from a public
  // address, an Amazon address, a private address, AWS service hosts, `AWS Internal`, and on behalf of EKS.
  const imds = panther.filter((r) => r.label.source_rule === 'AWS.CloudTrail.IMDSCredentialExfiltration');
  const byTest = (name: string): TrailEvent => {
    const r = imds.find((x) => (x.label as { test_name?: string }).test_name === name);
    if (!r) throw new Error(`no test ${name}`);
    return r.event;
  };
  const at = (e: TrailEvent, id: string, minute: number, patch: Record<string, unknown> = {}): TrailEvent =>
    rewrite(e, id, {
      eventTime: new Date(Date.parse('2024-01-01T00:00:00Z') + minute * 60_000).toISOString(),
      ...patch,
    });

  it("Stratus ec2-steal-instance-credentials: the instance role used from the operator's own address is high, in any order", async () => {
    const res = await detect(detonation, window);
    const [f] = of(res, 'TS-EC2-007');
    const offInstance = detonation.filter((e) => /\/i-[0-9a-fA-F]+$/.test(e.principal.arn ?? ''));
    expect(offInstance.length).toBe(2);
    expect(f).toMatchObject({ severity: 'high', count: 2 });
    expect(new Set(f?.evidence.eventIds)).toEqual(new Set(offInstance.map((e) => e.id)));
    const reversed = of(await detect([...detonation].reverse(), window), 'TS-EC2-007')[0];
    expect(reversed?.evidence).toEqual(f?.evidence);
    // Without the person's calls in the window, the same calls are one session from one network: nothing.
    expect(of(await detect(offInstance, window), 'TS-EC2-007')).toEqual([]);
  });

  it('a second network in one session is high; the evidence is the call from the network the session did not start on', async () => {
    const home = at(byTest('IMDS Credentials Used From Public IP'), 'n1', 0);
    const away = at(byTest('IMDS Credentials Used From Amazon.com ASN Source IP'), 'n2', 10);
    for (const order of [
      [home, away],
      [away, home],
    ]) {
      const [f] = of(await detect(order, window), 'TS-EC2-007');
      expect(f).toMatchObject({ severity: 'high', count: 1, evidence: { eventIds: ['n2'] } });
    }
    // Through a VPC endpoint the address says nothing about where the caller sat.
    const endpoint = at(byTest('IMDS Credentials Used From Amazon.com ASN Source IP'), 'n3', 10, {
      vpcEndpointId: 'vpce-1111',
    });
    expect(of(await detect([home, endpoint], window), 'TS-EC2-007')).toEqual([]);
  });

  it('a session with more addresses than are remembered keeps those it used first, in any arrival order', async () => {
    // One instance session moving through more /16 networks than a session remembers, one call from each.
    const base = byTest('IMDS Credentials Used From Public IP');
    const calls = Array.from({ length: MAX_IPS_PER_SESSION + 8 }, (_, i) =>
      at(base, `m${i}`, i, { sourceIPAddress: `${40 + i}.1.2.3` }),
    );
    const forward = of(await detect(calls, window), 'TS-EC2-007');
    expect(forward).toMatchObject([{ severity: 'high', count: MAX_IPS_PER_SESSION - 1 }]);
    // Home is the first call's network; the calls kept are those from the first addresses used, not the last.
    expect(forward[0]?.evidence.eventIds).not.toContain(`m${MAX_IPS_PER_SESSION + 7}`);
    for (const order of [[...calls].reverse(), [...calls.slice(12), ...calls.slice(0, 12)]])
      expect(of(await detect(order, window), 'TS-EC2-007')).toEqual(forward);
  });

  it("a person's address counts once any of their calls came from it directly, whichever arrived first", async () => {
    const home = at(byTest('IMDS Credentials Used From Public IP'), 'h1', 0);
    const ip = home.sourceIp as string;
    const user = panther.find((r) => r.event.principal.type === 'IAMUser' && r.event.sourceIp)?.event;
    if (!user) throw new Error('no IAM user record');
    const viaEndpoint = at(user, 'p1', 5, { sourceIPAddress: ip, vpcEndpointId: 'vpce-2222' });
    const direct = at(user, 'p2', 6, { sourceIPAddress: ip });
    const instance = at(byTest('IMDS Credentials Used From Public IP'), 'h2', 7);
    // Through an endpoint alone, the address says nothing about a person.
    expect(of(await detect([home, viaEndpoint, instance], window), 'TS-EC2-007')).toEqual([]);
    for (const order of [
      [home, viaEndpoint, direct, instance],
      [direct, viaEndpoint, home, instance],
      [viaEndpoint, instance, home, direct],
    ]) {
      const [f] = of(await detect(order, window), 'TS-EC2-007');
      expect(f).toMatchObject({ severity: 'high', count: 2 });
    }
  });

  it("stays quiet on Panther's benign instance activity: private address, service hosts, AWS Internal, on behalf of EKS", async () => {
    const benign = imds
      .filter((r) => r.label.expected_result === false)
      .map((r, i) => at(r.event, `b${i}`, i));
    expect(benign.length).toBeGreaterThanOrEqual(7);
    const home = at(byTest('IMDS Credentials Used From Public IP'), 'pub', 30);
    expect(of(await detect([...benign, home], window), 'TS-EC2-007')).toEqual([]);
  });

  it('a desktop user agent on instance credentials is high alone; a Windows Server SDK is not a desktop', async () => {
    const base = byTest('IMDS Credentials Used From Public IP');
    const mac = at(base, 'ua1', 0, {
      userAgent: 'aws-cli/2.15.0 Python/3.11.6 Darwin/23.1.0 exe/x86_64 prompt/off',
    });
    expect(of(await detect([mac], window), 'TS-EC2-007')).toMatchObject([{ severity: 'high', count: 1 }]);
    const server = at(base, 'ua2', 0, {
      userAgent: 'aws-cli/2.15.0 Python/3.11.6 Windows/2019Server exe/AMD64',
    });
    expect(of(await detect([server], window), 'TS-EC2-007')).toEqual([]);
  });
});
