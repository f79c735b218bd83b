/**
 * The recall rules (issue 15): failed attempts at high-impact calls, resource policies granting another account,
 * EC2 instance credentials used off the instance. Positives and negatives are real dataset records, or synthetic
 * records built from real ones where the datasets hold no such case (each says so).
 */
import { describe, expect, it } from '@jest/globals';
import { createDetector, type DetectResult } from '../../src/detect/index.js';
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
