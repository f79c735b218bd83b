/** The engine through createDetector: dedupe, threshold, first-seen, noise exclusions, user rules, suppressions, errors. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { createDetector, type Detector } from '../../src/detect/index.js';
import { isAwsServiceCall, MAX_FINDINGS_PER_RULE } from '../../src/detect/engine.js';
import { ConfigError } from '../../src/errors.js';
import type { Config } from '../../src/config/types.js';
import { ev, fixedClock, shuffled, silentLogger, testConfig } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'ts-detect-'));
let n = 0;
function file(text: string, name = `f${++n}.yml`): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
const detector = (config: Config = testConfig(), now?: string): Promise<Detector> =>
  createDetector(config, { logger: silentLogger, clock: fixedClock(now) });
const at = (min: number): string =>
  new Date(Date.parse('2026-05-01T10:00:00Z') + min * 60_000).toISOString().replace('.000Z', 'Z');

const stopLogging = (id: string, min: number, extra: Record<string, unknown> = {}): ReturnType<typeof ev> =>
  ev({
    eventID: id,
    eventTime: at(min),
    eventName: 'StopLogging',
    eventSource: 'cloudtrail.amazonaws.com',
    requestParameters: { name: 'main-trail' },
    ...extra,
  });
const failedLogin = (id: string, min: number, user: string, ip: string): ReturnType<typeof ev> =>
  ev({
    eventID: id,
    eventTime: at(min),
    eventName: 'ConsoleLogin',
    eventSource: 'signin.amazonaws.com',
    eventType: 'AwsConsoleSignIn',
    sourceIPAddress: ip,
    errorMessage: 'Failed authentication',
    responseElements: { ConsoleLogin: 'Failure' },
    userIdentity: {
      type: 'IAMUser',
      userName: user,
      arn: `arn:aws:iam::111122223333:user/${user}`,
      accountId: '111122223333',
    },
  });

describe('match rules and de-duplication', () => {
  it('folds one incident into one finding with count, first/last seen, evidence and samples', async () => {
    const d = await detector();
    expect(d.observe(stopLogging('a', 0))).toEqual(['TS-LOG-001']);
    d.observe(stopLogging('b', 5));
    d.observe(stopLogging('c', 2));
    const { findings } = d.finish();
    const f = findings.filter((x) => x.ruleId === 'TS-LOG-001');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      count: 3,
      firstSeen: at(0),
      lastSeen: at(5),
      severity: 'high',
      technique: 'T1562.008',
      principal: 'arn:aws:iam::111122223333:user/alice',
      accounts: ['111122223333'],
      // In time order, not arrival order.
      evidence: { eventIds: ['a', 'c', 'b'] },
    });
    expect(f[0]?.evidence.samples?.[0]).toMatchObject({
      eventId: 'a',
      eventName: 'StopLogging',
      details: { name: 'main-trail' },
    });
    expect(f[0]?.id).toMatch(/^ts-[0-9a-f]{16}$/);
  });

  it('keeps the finding id stable across runs and times, and separate per dedupe value', async () => {
    const d1 = await detector();
    d1.observe(stopLogging('a', 0));
    const d2 = await detector();
    d2.observe(stopLogging('zz', 300));
    d2.observe(stopLogging('y', 1, { requestParameters: { name: 'other-trail' } }));
    const id1 = d1.finish().findings.find((f) => f.ruleId === 'TS-LOG-001')?.id;
    const ids2 = d2
      .finish()
      .findings.filter((f) => f.ruleId === 'TS-LOG-001')
      .map((f) => f.id);
    expect(ids2).toHaveLength(2);
    expect(ids2).toContain(id1);
  });

  it('caps evidence ids at 20 and counts the rest as omitted', async () => {
    const d = await detector();
    for (let i = 0; i < 25; i++) d.observe(stopLogging(`e${i}`, i));
    const f = d.finish().findings.find((x) => x.ruleId === 'TS-LOG-001');
    expect(f?.count).toBe(25);
    expect(f?.evidence.eventIds).toHaveLength(20);
    expect(f?.evidence.omitted).toBe(5);
    expect(f?.evidence.samples).toHaveLength(3);
  });

  it('ignores failed calls unless the rule counts them', async () => {
    const d = await detector();
    // A refused StopLogging is not TS-LOG-001's (nothing stopped); it is an attempt, which TS-TRY-001 counts.
    expect(d.observe(stopLogging('a', 0, { errorCode: 'AccessDenied' }))).toEqual(['TS-TRY-001']);
    expect(
      d.observe(
        ev({
          eventName: 'LeaveOrganization',
          eventSource: 'organizations.amazonaws.com',
          errorCode: 'AccessDenied',
        }),
      ),
    ).toEqual(['TS-ORG-001']);
  });

  it('excludes AWS service principals, service-linked roles and invokedBy services, but not console sign-in', async () => {
    const d = await detector();
    expect(
      d.observe(
        stopLogging('a', 0, { userIdentity: { type: 'AWSService', invokedBy: 'config.amazonaws.com' } }),
      ),
    ).toEqual([]);
    const slr = {
      type: 'AssumedRole',
      arn: 'arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForConfig/x',
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          userName: 'AWSServiceRoleForConfig',
          arn: 'arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
        },
      },
    };
    expect(d.observe(stopLogging('b', 0, { userIdentity: slr }))).toEqual([]);
    const viaService = {
      type: 'IAMUser',
      userName: 'alice',
      arn: 'arn:aws:iam::111122223333:user/alice',
      invokedBy: 'backup.amazonaws.com',
    };
    expect(d.observe(stopLogging('c', 0, { userIdentity: viaService }))).toEqual([]);
    const viaConsole = { ...viaService, invokedBy: 'signin.amazonaws.com' };
    expect(d.observe(stopLogging('d', 0, { userIdentity: viaConsole }))).toEqual(['TS-LOG-001']);
  });

  it('knows a service-linked role by its ARN alone, and only by a whole path segment', () => {
    const by = (ui: Record<string, unknown>): boolean => isAwsServiceCall(ev({ userIdentity: ui }));
    const role = (arn: string): Record<string, unknown> => ({ type: 'AssumedRole', arn });
    expect(by(role('arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForConfig/x'))).toBe(true);
    expect(by(role('arn:aws:iam::111122223333:role/aws-service-role/ecs.amazonaws.com/Anything'))).toBe(true);
    expect(by({ type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/AWSServiceRoleForFun' })).toBe(true);
    expect(by(role('arn:aws:sts::111122223333:assumed-role/MyAWSServiceRoleForConfig/x'))).toBe(false);
    expect(by(role('arn:aws:sts::111122223333:assumed-role/x-AWSServiceRoleForA/AWSServiceRoleForB'))).toBe(
      true,
    );
    expect(by(role('arn:aws:sts::111122223333:assumed-role/deploy/session'))).toBe(false);
    expect(by({ type: 'IAMUser', userName: 'alice' })).toBe(false);
  });

  it('does not flag SSO or SAML console sign-ins for missing MFA', async () => {
    const d = await detector();
    const login = (ui: Record<string, unknown>, extra: Record<string, unknown> = {}): string[] => [
      ...d.observe(
        ev({
          eventName: 'ConsoleLogin',
          eventSource: 'signin.amazonaws.com',
          userIdentity: ui,
          responseElements: { ConsoleLogin: 'Success' },
          additionalEventData: { MFAUsed: 'No', ...extra },
        }),
      ),
    ];
    expect(login({ type: 'IAMUser', userName: 'bob', arn: 'arn:aws:iam::111122223333:user/bob' })).toEqual([
      'TS-AUTH-001',
    ]);
    expect(
      login(
        { type: 'IAMUser', userName: 'bob', arn: 'arn:aws:iam::111122223333:user/bob' },
        { SamlProviderArn: 'arn:aws:iam::111122223333:saml-provider/okta' },
      ),
    ).toEqual([]);
    expect(
      login({
        type: 'AssumedRole',
        arn: 'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_1/bob',
      }),
    ).toEqual([]);
    expect(login({ type: 'Root', arn: 'arn:aws:iam::111122223333:root' })).toEqual(['TS-ROOT-003']);
  });
});

describe('threshold rules', () => {
  it('fires at the 5th failed sign-in within 10 minutes, per user and per IP, with the whole burst as evidence', async () => {
    const d = await detector();
    const hits: string[][] = [];
    for (let i = 0; i < 4; i++)
      hits.push([...d.observe(failedLogin(`u${i}`, i * 2, 'carol', '198.51.100.9'))]);
    expect(hits.flat()).toEqual([]);
    expect(d.observe(failedLogin('u4', 8, 'carol', '198.51.100.9'))).toEqual(['TS-AUTH-002', 'TS-AUTH-003']);
    expect(d.observe(failedLogin('u5', 9, 'carol', '198.51.100.9'))).toEqual(['TS-AUTH-002', 'TS-AUTH-003']);
    const f = d.finish().findings.find((x) => x.ruleId === 'TS-AUTH-002');
    expect(f?.count).toBe(6);
    expect(f?.evidence.eventIds).toEqual(['u0', 'u1', 'u2', 'u3', 'u4', 'u5']);
  });

  it('applies suppressions that match event fields to the burst it holds', async () => {
    const p = file(`
- rule: TS-AUTH-002
  principal: "arn:aws:iam::*:user/carol"
  reason: carol's password manager retries
`);
    const d = await detector(testConfig({ suppressionsFiles: [p] }));
    for (let i = 0; i < 6; i++) d.observe(failedLogin(`q${i}`, i, 'carol', '198.51.100.9'));
    for (let i = 0; i < 5; i++) d.observe(failedLogin(`r${i}`, i, 'erin', '198.51.100.77'));
    const res = d.finish();
    expect(res.findings.filter((f) => f.ruleId === 'TS-AUTH-002').map((f) => f.principal)).toEqual([
      'arn:aws:iam::111122223333:user/erin',
    ]);
    const hidden = res.suppressed.filter((s) => s.ruleId === 'TS-AUTH-002');
    expect(hidden).toEqual([
      expect.objectContaining({ reason: "carol's password manager retries", suppression: `${p}:2` }),
    ]);
  });

  it('does not fire when the failures are spread wider than the window', async () => {
    const d = await detector();
    for (let i = 0; i < 10; i++) d.observe(failedLogin(`s${i}`, i * 3, 'dave', '198.51.100.10'));
    expect(d.finish().findings.filter((f) => f.ruleId === 'TS-AUTH-002')).toEqual([]);
  });

  it('finds the same burst whatever order the sources deliver it in', async () => {
    // A burst of 5 failures in 4 minutes, and 12 failures of the same user spread an hour apart later in the day.
    // LookupEvents delivers newest first; the S3 source reads one region's day before the next region's, so a
    // group's later events can arrive before its burst.
    const burst = [0, 1, 2, 3, 4].map((m) => failedLogin(`b${m}`, m, 'frank', '198.51.100.20'));
    const spread = Array.from({ length: 12 }, (_, k) =>
      failedLogin(`s${k}`, 60 * (k + 2), 'frank', `203.0.113.${k + 1}`),
    );
    const chronological = [...burst, ...spread];
    const orders = {
      chronological,
      newestFirst: [...chronological].reverse(),
      laterRegionFirst: [...spread, ...burst],
      interleaved: spread.flatMap((s, k) => (burst[k] ? [s, burst[k]] : [s])),
    };
    const seen: Record<string, unknown> = {};
    for (const [name, events] of Object.entries(orders)) {
      const d = await detector();
      for (const e of events) d.observe(e);
      const f = d.finish().findings.filter((x) => x.ruleId === 'TS-AUTH-002');
      seen[name] = f.map((x) => ({
        id: x.id,
        count: x.count,
        first: x.firstSeen,
        last: x.lastSeen,
        ids: [...x.evidence.eventIds].sort(),
      }));
    }
    const expected = [
      {
        id: expect.any(String),
        count: 5,
        first: at(0),
        last: at(4),
        ids: ['b0', 'b1', 'b2', 'b3', 'b4'],
      },
    ];
    expect(seen).toEqual({
      chronological: expected,
      newestFirst: seen.chronological,
      laterRegionFirst: seen.chronological,
      interleaved: seen.chronological,
    });
    expect(seen.chronological).toEqual(expected);
  });

  it("shows a burst's held events as it would have shown them at hand, and counts a re-delivered one once", async () => {
    // A threshold rule holds each match until its burst forms; the samples and the digest's later events are
    // then built from what the held hit kept. Two detail fields (one absent on the first event), a user agent
    // over the shown length, an address and an error code must all come out as the event had them.
    const rule = file(`
rules:
  - id: ACME-DEL-009
    title: Burst of object deletions
    severity: medium
    why: Many deletions by one principal in minutes.
    technique: T1485
    description: Three DeleteObject calls within ten minutes.
    remediation: Review the principal's deletions.
    kind: threshold
    includeErrors: true
    match:
      field: name
      equals: DeleteObject
    threshold: { count: 3, windowMinutes: 10, groupBy: [principal.key] }
    details: [raw.requestParameters.bucketName, raw.requestParameters.key]
`);
    const longAgent = `aws-cli/2.15.0 ${'x'.repeat(300)}`;
    const del = (id: string, min: number, key?: string): ReturnType<typeof ev> =>
      ev({
        eventID: id,
        eventTime: at(min),
        eventName: 'DeleteObject',
        eventSource: 's3.amazonaws.com',
        sourceIPAddress: '203.0.113.40',
        userAgent: longAgent,
        errorCode: 'AccessDenied',
        requestParameters: { bucketName: 'acme-audit', ...(key ? { key } : {}) },
      });
    const d = await detector(testConfig({ rulesFiles: [rule] }));
    expect(d.observe(del('d1', 0))).toEqual([]);
    expect(d.observe(del('d2', 1, 'a.log'))).toEqual([]);
    expect(d.observe(del('d3', 2, 'b.log'))).toContain('ACME-DEL-009');
    const shown = `aws-cli/2.15.0 ${'x'.repeat(185)}…`;
    // What the first event shows wherever it is shown: in the digest's later events and in the finding's samples.
    const first = {
      sourceIp: '203.0.113.40',
      userAgent: shown,
      errorCode: 'AccessDenied',
      details: { bucketName: 'acme-audit' },
    };
    const later = d.takeFlaggedLater().filter((x) => x.ruleId === 'ACME-DEL-009');
    expect(later).toEqual([
      expect.objectContaining({ id: 'd1', name: 'DeleteObject', service: 's3', ...first }),
      expect.objectContaining({ id: 'd2', details: { bucketName: 'acme-audit', key: 'a.log' } }),
    ]);
    // The same event delivered again (a second copy whose bytes differ, so de-duplication kept it).
    d.observe(del('d2', 1, 'a.log'));
    const f = d.finish().findings.find((x) => x.ruleId === 'ACME-DEL-009');
    expect(f?.count).toBe(3);
    expect(f?.evidence.eventIds).toEqual(['d1', 'd2', 'd3']);
    expect(f?.evidence.samples).toEqual([
      {
        eventId: 'd1',
        time: at(0),
        eventName: 'DeleteObject',
        region: 'us-east-1',
        account: '111122223333',
        ...first,
      },
      expect.objectContaining({ eventId: 'd2', details: { bucketName: 'acme-audit', key: 'a.log' } }),
      expect.objectContaining({
        eventId: 'd3',
        userAgent: shown,
        details: { bucketName: 'acme-audit', key: 'b.log' },
      }),
    ]);
    expect(f?.actors?.userAgents).toEqual([shown]);
  });

  it('groups password spraying by IP across users into one finding', async () => {
    const d = await detector();
    for (let i = 0; i < 5; i++) d.observe(failedLogin(`p${i}`, i, `user${i}`, '192.0.2.55'));
    const { findings } = d.finish();
    expect(findings.filter((f) => f.ruleId === 'TS-AUTH-002')).toEqual([]);
    const spray = findings.filter((f) => f.ruleId === 'TS-AUTH-003');
    expect(spray).toHaveLength(1);
    expect(spray[0]?.count).toBe(5);
    expect(spray[0]?.principal).toMatch(/and 4 more$/);
  });
});

describe("a finding's capped lists", () => {
  const sec = (s: number): string =>
    new Date(Date.parse('2026-05-01T10:00:00Z') + s * 1000).toISOString().replace('.000Z', 'Z');

  it('keep the values first seen, by event time, whatever order the events arrive in', async () => {
    // One user failing from 15 addresses (more than a finding lists) and one address trying 60 users (more than
    // a finding names): the file source reads two files at once, so arrival order varies from run to run.
    const oneUser = Array.from({ length: 15 }, (_, k) => ({
      ...failedLogin(`u${String(k).padStart(2, '0')}`, 0, 'erin', `198.51.100.${k + 1}`),
      time: sec(20 * k),
      timeMs: Date.parse(sec(20 * k)),
    }));
    const oneIp = Array.from({ length: 60 }, (_, k) => ({
      ...failedLogin(`s${String(k).padStart(2, '0')}`, 0, `user${String(k).padStart(2, '0')}`, '203.0.113.9'),
      time: sec(5 * k),
      timeMs: Date.parse(sec(5 * k)),
    }));
    const all = [...oneUser, ...oneIp];
    const lists = async (events: readonly ReturnType<typeof ev>[]): Promise<unknown> => {
      const d = await detector();
      for (const e of events) d.observe(e);
      return d
        .finish()
        .findings.filter((f) => f.ruleId === 'TS-AUTH-002' || f.ruleId === 'TS-AUTH-003')
        .map((f) => ({ rule: f.ruleId, count: f.count, principal: f.principal, actors: f.actors }));
    };
    const want = await lists(all);
    expect(want).toEqual(
      expect.arrayContaining([
        {
          rule: 'TS-AUTH-002',
          count: 15,
          principal: 'arn:aws:iam::111122223333:user/erin',
          actors: expect.objectContaining({
            // The ten used first (sorted as text in the report), not the ten that arrived first.
            sourceIps: Array.from({ length: 10 }, (_, k) => `198.51.100.${k + 1}`).sort(),
          }),
        },
        {
          rule: 'TS-AUTH-003',
          count: 60,
          // Named after the first user tried; 50 kept of 60, so "49+".
          principal: 'arn:aws:iam::111122223333:user/user00 and 49+ more',
          actors: expect.objectContaining({
            principals: Array.from(
              { length: 10 },
              (_, k) => `arn:aws:iam::111122223333:user/user${String(k).padStart(2, '0')}`,
            ),
          }),
        },
      ]),
    );
    for (const order of [[...all].reverse(), shuffled(all, 1), shuffled(all, 2), shuffled(all, 3)])
      expect(await lists(order)).toEqual(want);
  });
});

describe('findings per rule', () => {
  it('counts incidents beyond the per-rule cap together in one overflow finding, losing no event', async () => {
    const d = await detector();
    const trails = MAX_FINDINGS_PER_RULE + 30;
    for (let i = 0; i < trails; i++) {
      const e = stopLogging(`t${i}`, i % 50, { requestParameters: { name: `trail-${i}` } });
      d.observe(e);
      if (i >= MAX_FINDINGS_PER_RULE) d.observe({ ...e, id: `t${i}-again` });
    }
    const res = d.finish();
    const f = res.findings.filter((x) => x.ruleId === 'TS-LOG-001');
    expect(f).toHaveLength(MAX_FINDINGS_PER_RULE + 1);
    const over = f.filter((x) => x.title.endsWith('(further occurrences)'));
    expect(over).toHaveLength(1);
    // The 100 incidents that began first are kept whatever the arrival order: the 30 late trails (minutes 0-29)
    // each began before trails 35-49 and 85-99 (minutes 35-49), which are counted here with one event each.
    expect(over[0]?.count).toBe(30);
    // It lumps many actors together, so it carries none (correlate must not tie them through it).
    expect(over[0]?.actors).toEqual({});
    expect(f.find((x) => !x.title.endsWith('(further occurrences)'))?.actors?.principals).toHaveLength(1);
    expect(over[0]?.description).toContain('30 further distinct occurrence(s)');
    expect(f.reduce((a, x) => a + x.count, 0)).toBe(trails + 30);
    expect(res.warnings.join('\n')).toContain(`Rule TS-LOG-001 opened ${MAX_FINDINGS_PER_RULE} findings`);
  });

  it('says which rules reached the cap in rule order, whichever reached it first', async () => {
    // Past the incidents a rule follows in full (twice the cap), its overflow finding opens during the pass.
    const deletions = Array.from({ length: 2 * MAX_FINDINGS_PER_RULE + 1 }, (_, i) =>
      stopLogging(`d${i}`, i % 50, { eventName: 'DeleteTrail', requestParameters: { name: `trail-${i}` } }),
    );
    const stops = Array.from({ length: 2 * MAX_FINDINGS_PER_RULE + 1 }, (_, i) =>
      stopLogging(`s${i}`, i % 50, { requestParameters: { name: `trail-${i}` } }),
    );
    const capped = async (events: readonly ReturnType<typeof ev>[]): Promise<string[]> => {
      const d = await detector();
      for (const e of events) d.observe(e);
      return d.finish().warnings.filter((w) => w.includes(`opened ${MAX_FINDINGS_PER_RULE} findings`));
    };
    const want = [
      expect.stringMatching(/^Rule TS-LOG-001 opened/),
      expect.stringMatching(/^Rule TS-LOG-002 opened/),
    ];
    expect(await capped([...stops, ...deletions])).toEqual(want);
    expect(await capped([...deletions, ...stops])).toEqual(want);
  });

  it('keeps the incidents that began first whatever order their events arrive in', async () => {
    // Incidents of three events a minute apart, one starting every two minutes, and some of the same trails' calls
    // much later on.
    const incidents = (n: number) => {
      const events: ReturnType<typeof stopLogging>[] = [];
      for (let i = 0; i < n; i++)
        for (let k = 0; k < 3; k++)
          events.push(stopLogging(`t${i}-${k}`, 2 * i + k, { requestParameters: { name: `trail-${i}` } }));
      for (let i = 0; i < n; i += 7)
        events.push(stopLogging(`late${i}`, 2 * n + i, { requestParameters: { name: `trail-${i}` } }));
      return events.sort((a, b) => a.timeMs - b.timeMs || (a.id < b.id ? -1 : 1));
    };
    const run = async (list: readonly ReturnType<typeof stopLogging>[]) => {
      const d = await detector();
      for (const e of list) d.observe(e);
      return d
        .finish()
        .findings.filter((x) => x.ruleId === 'TS-LOG-001')
        .map((x) => `${x.id} ${x.count} ${x.firstSeen} ${x.lastSeen} ${x.evidence?.eventIds.join(',')}`)
        .sort();
    };
    // Near time order, as the S3 archive read several objects at a time gives: ten-minute blocks, each scrambled.
    const block = (e: ReturnType<typeof stopLogging>): number => Math.floor(e.timeMs / 600_000);
    const scramble = (id: string): number =>
      (id.charCodeAt(1) * 31 + id.length * 7 + id.charCodeAt(id.length - 1)) % 13;
    const near = (list: ReturnType<typeof stopLogging>[]) =>
      [...list].sort((a, b) => block(a) - block(b) || scramble(a.id) - scramble(b.id));
    // 400 incidents: past the incidents a rule follows in full, so some make room for earlier ones as they come.
    const many = incidents(400);
    const expected = await run(many);
    expect(expected).toHaveLength(MAX_FINDINGS_PER_RULE + 1);
    expect(near(many).map((e) => e.id)).not.toEqual(many.map((e) => e.id));
    expect(await run(near(many))).toEqual(expected);
    // Newest first (LookupEvents): exact while the incidents are no more than the rule follows in full.
    const some = incidents(180);
    expect(await run([...some].reverse())).toEqual(await run(some));
  });

  it('makes room against the incident that begins last now, not the one that did when it last looked', async () => {
    // The rule follows 200 incidents in full; trail-199 begins last (minute 418) until one of its calls from
    // minute 1 arrives, and from then on trail-198 (minute 416) does. An incident beginning at minute 417 must
    // then join the overflow: trail-199 began among the first and keeps its finding.
    const trail = (i: number) => ({ requestParameters: { name: `trail-${i}` } });
    const events = [
      ...Array.from({ length: 2 * MAX_FINDINGS_PER_RULE }, (_, i) =>
        stopLogging(`t${i}`, 20 + 2 * i, trail(i)),
      ),
      stopLogging('late', 1000, trail(500)), // after every followed incident: overflow
      stopLogging('t199-early', 1, trail(199)),
      stopLogging('between', 417, trail(501)),
    ];
    const d = await detector();
    for (const e of events) d.observe(e);
    const f = d.finish().findings.filter((x) => x.ruleId === 'TS-LOG-001');
    const own = f.filter((x) => !x.title.endsWith('(further occurrences)'));
    expect(own).toHaveLength(MAX_FINDINGS_PER_RULE);
    expect(own.some((x) => x.evidence?.eventIds.includes('t199-early'))).toBe(true);
    expect(own.some((x) => x.evidence?.eventIds.includes('between'))).toBe(false);
  });

  it('knows an overflow incident whatever its case, and asks suppressions about each of its events', async () => {
    const p = file(`
- rule: TS-LOG-001
  match: { field: sourceIp, equals: 198.51.100.1 }
  reason: the trail tests run from this address
`);
    const d = await detector(testConfig({ suppressionsFiles: [p] }));
    for (let i = 0; i < MAX_FINDINGS_PER_RULE; i++)
      d.observe(stopLogging(`t${i}`, 0, { requestParameters: { name: `trail-${i}` } }));
    const extra = (id: string, name: string, ip: string): readonly string[] =>
      d.observe(stopLogging(id, 1, { requestParameters: { name }, sourceIPAddress: ip }));
    expect(extra('x1', 'extra', '203.0.113.9')).toEqual(['TS-LOG-001']);
    expect(extra('x2', 'extra', '198.51.100.1')).toEqual([]);
    expect(extra('x3', 'EXTRA', '203.0.113.9')).toEqual(['TS-LOG-001']);
    expect(extra('x4', 'extra', '203.0.113.9')).toEqual(['TS-LOG-001']);
    expect(extra('x5', 'Extra', '198.51.100.1')).toEqual([]);
    const res = d.finish();
    const over = res.findings.filter((x) => x.title.endsWith('(further occurrences)'));
    expect(over).toHaveLength(1);
    expect(over[0]?.count).toBe(3);
    expect(over[0]?.evidence.eventIds).toEqual(['x1', 'x3', 'x4']);
    expect(over[0]?.description).toContain(' 1 further distinct occurrence(s)');
    expect(res.suppressed).toEqual([
      expect.objectContaining({ ruleId: 'TS-LOG-001', reason: 'the trail tests run from this address' }),
    ]);
  });
});

describe('first-seen rules', () => {
  const call = (
    id: string,
    hour: number,
    region: string,
    extra: Record<string, unknown> = {},
  ): ReturnType<typeof ev> =>
    ev({
      eventID: id,
      eventTime: new Date(Date.parse('2026-05-01T00:00:00Z') + hour * 3_600_000).toISOString(),
      eventName: 'RunInstances',
      eventSource: 'ec2.amazonaws.com',
      awsRegion: region,
      readOnly: false,
      ...extra,
    });
  const window = { start: '2026-05-01T00:00:00Z', end: '2026-05-02T00:00:00Z' };

  it('learns during the warm-up half of the window and flags a new region after it', async () => {
    const d = await detector(testConfig({}, window));
    d.observe(call('w1', 1, 'us-east-1'));
    d.observe(call('w2', 2, 'eu-west-1')); // still warm-up: learned, not flagged
    expect(d.observe(call('a1', 13, 'us-east-1'))).not.toContain('TS-NEW-001');
    expect(d.observe(call('a2', 14, 'ap-south-1'))).toContain('TS-NEW-001');
    expect(d.observe(call('a3', 15, 'ap-south-1'))).toContain('TS-NEW-001');
    expect(d.observe(call('a4', 16, 'eu-west-1'))).not.toContain('TS-NEW-001');
    const f = d.finish().findings.filter((x) => x.ruleId === 'TS-NEW-001');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ count: 2, regions: ['ap-south-1'], evidence: { eventIds: ['a2', 'a3'] } });
  });

  it('flags nothing of a principal first seen after the warm-up: it has no baseline', async () => {
    const d = await detector(testConfig({}, window));
    expect(d.observe(call('n1', 20, 'ap-south-1'))).not.toContain('TS-NEW-001');
    expect(d.observe(call('n2', 21, 'sa-east-1'))).not.toContain('TS-NEW-001');
    expect(d.finish().findings.filter((x) => x.ruleId === 'TS-NEW-001')).toEqual([]);
  });

  it('finds the same incidents whatever order the events arrive in (sources read files concurrently)', async () => {
    const events = [
      call('w1', 1, 'us-east-1'),
      call('w2', 2, 'eu-west-1'),
      call('a1', 13, 'ap-south-1'),
      call('a2', 14, 'sa-east-1'),
      call('a3', 15, 'ap-south-1'),
      call('a4', 16, 'eu-west-1'),
    ];
    const late = (id: string, hour: number, region: string): ReturnType<typeof ev> =>
      call(id, hour, region, {
        userIdentity: {
          type: 'IAMUser',
          arn: 'arn:aws:iam::123456789012:user/late',
          accountId: '123456789012',
        },
      });
    events.push(late('l1', 18, 'us-east-1'), late('l2', 19, 'ca-central-1'));
    const incidents = async (order: number[]): Promise<string[]> => {
      const d = await detector(testConfig({}, window));
      for (const i of order) d.observe(events[i] as ReturnType<typeof ev>);
      return d
        .finish()
        .findings.filter((x) => x.ruleId === 'TS-NEW-001')
        .map((x) => `${x.id} ${x.count} ${[...x.evidence.eventIds].sort().join(',')}`)
        .sort();
    };
    const forward = await incidents([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(forward).toHaveLength(2);
    expect(await incidents([7, 6, 1, 0, 5, 3, 2, 4])).toEqual(forward);
    expect(await incidents([1, 0, 4, 3, 2, 7, 5, 6])).toEqual(forward);
    // Newest first (LookupEvents), and the warm-up arriving after every later event (an archive read region by
    // region): the pairs are judged at the end, when every warm-up event is in.
    expect(await incidents([7, 6, 5, 4, 3, 2, 1, 0])).toEqual(forward);
    expect(await incidents([2, 3, 4, 5, 6, 7, 0, 1])).toEqual(forward);
    expect(await incidents([5, 1, 7, 2, 0, 6, 4, 3])).toEqual(forward);
  });

  it('drops a value flagged early when a warm-up event with it arrives later', async () => {
    const d = await detector(testConfig({}, window));
    d.observe(call('w1', 1, 'us-east-1'));
    d.observe(call('a1', 14, 'ap-south-1'));
    d.observe(call('w2', 3, 'ap-south-1')); // the warm-up used ap-south-1 after all
    expect(d.finish().findings.filter((x) => x.ruleId === 'TS-NEW-001')).toEqual([]);
  });
});

describe('allowed regions', () => {
  it('is off without a list and flags writes outside it, ignoring global services', async () => {
    const write = (region: string, source = 'ec2.amazonaws.com'): ReturnType<typeof ev> =>
      ev({ eventName: 'CreateVolume', eventSource: source, awsRegion: region, readOnly: false });
    const off = await detector();
    expect(off.observe(write('ap-east-1'))).not.toContain('TS-REG-002');
    const on = await detector(testConfig({ allowedRegions: ['eu-west-1'] }));
    expect(on.observe(write('ap-east-1'))).toContain('TS-REG-002');
    expect(on.observe(write('eu-west-1'))).not.toContain('TS-REG-002');
    expect(on.observe(write('us-east-1', 'iam.amazonaws.com'))).not.toContain('TS-REG-002');
  });
});

describe('user rules files', () => {
  const rule = `
rules:
  - id: ACME-S3-001
    title: Objects deleted from the audit bucket
    severity: high
    why: Nobody deletes audit objects.
    technique: T1485
    description: DeleteObject on the audit bucket.
    remediation: Restore the object version with aws s3api copy-object.
    match:
      all:
        - field: name
          in: [DeleteObject, DeleteObjects]
        - field: raw.requestParameters.bucketName
          glob: acme-audit-*
    dedupe: [raw.requestParameters.bucketName]
allowlist:
  - principal: "arn:aws:iam::*:role/terraform-*"
    rules: ["TS-IAM-*"]
    reason: Terraform deploy role manages IAM
`;
  it('loads user rules beside the built-ins and applies the principal allowlist', async () => {
    const d = await detector(testConfig({ rulesFiles: [file(rule)] }));
    const del = ev({
      eventName: 'DeleteObject',
      eventSource: 's3.amazonaws.com',
      requestParameters: { bucketName: 'acme-audit-logs' },
    });
    expect(d.observe(del)).toEqual(['ACME-S3-001']);
    const tf = {
      type: 'AssumedRole',
      arn: 'arn:aws:sts::111122223333:assumed-role/terraform-prod/run',
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          userName: 'terraform-prod',
          arn: 'arn:aws:iam::111122223333:role/terraform-prod',
        },
      },
    };
    const createUser = (ui?: Record<string, unknown>): ReturnType<typeof ev> =>
      ev({
        eventName: 'CreateUser',
        requestParameters: { userName: 'x' },
        ...(ui ? { userIdentity: ui } : {}),
      });
    expect(d.observe(createUser(tf))).toEqual([]);
    expect(d.observe(createUser())).toEqual(['TS-IAM-008']);
    expect(d.finish().rulesLoaded).toBeGreaterThan(60);
  });

  it('rejects a rule id that collides with a built-in, naming file and line', async () => {
    const p = file(rule.replace('ACME-S3-001', 'TS-LOG-001'));
    await expect(detector(testConfig({ rulesFiles: [p] }))).rejects.toThrow(
      `${p}:3:9: rules[0].id: "TS-LOG-001" is a built-in rule id; choose another id (turn the built-in off with disable-rules)`,
    );
  });

  it('names file, line and field of an unknown field', async () => {
    const p = file(rule.replace('    technique: T1485', '    technique: T1485\n    severty: high'));
    const err = await detector(testConfig({ rulesFiles: [p] })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems).toEqual([`${p}:8:5: rules[0].severty: unknown field "severty"`]);
  });

  it('names the field of an unknown operator inside a condition', async () => {
    const p = file(rule.replace('          glob: acme-audit-*', '          globb: acme-audit-*'));
    const err = (await detector(testConfig({ rulesFiles: [p] })).catch((e: unknown) => e)) as ConfigError;
    expect(err.problems).toContain(`${p}:15:11: rules[0].match.all[1].globb: unknown field "globb"`);
  });

  it('names file, line and column of malformed YAML', async () => {
    const p = file('rules:\n  - id: X-1\n    title: [unclosed\n');
    const err = (await detector(testConfig({ rulesFiles: [p] })).catch((e: unknown) => e)) as ConfigError;
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.problems[0]).toMatch(new RegExp(`^${p.replace(/[.]/g, '\\.')}:\\d+:\\d+: invalid YAML: `));
  });

  it('names a bad value with its line', async () => {
    const p = file(rule.replace('severity: high', 'severity: urgent'));
    const err = (await detector(testConfig({ rulesFiles: [p] })).catch((e: unknown) => e)) as ConfigError;
    expect(err.problems[0]).toMatch(new RegExp(`:5:15: rules\\[0\\]\\.severity: `));
  });

  it('rejects unknown ids in disable-rules and turns known ones off', async () => {
    await expect(detector(testConfig({ disableRules: ['TS-NOPE-001'] }))).rejects.toThrow(
      'disable-rules: "TS-NOPE-001" matches no rule id',
    );
    const d = await detector(testConfig({ disableRules: ['TS-LOG-001', 'TS-NET-*'] }));
    expect(d.observe(stopLogging('a', 0))).toEqual([]);
  });
});

describe('suppressions', () => {
  const sup = (body: string): string => file(body);
  it('lists suppressed findings with reason and location instead of dropping them', async () => {
    const p = sup(`
- rule: TS-LOG-001
  principal: "arn:aws:iam::*:user/alice"
  reason: Alice rotates the trail during the migration
  expires: 2026-12-31
`);
    const d = await detector(testConfig({ suppressionsFiles: [p] }));
    expect(d.observe(stopLogging('a', 0))).toEqual([]);
    const res = d.finish();
    expect(res.findings.filter((f) => f.ruleId === 'TS-LOG-001')).toEqual([]);
    expect(res.suppressed).toEqual([
      expect.objectContaining({
        ruleId: 'TS-LOG-001',
        title: 'CloudTrail logging stopped',
        reason: 'Alice rotates the trail during the migration',
        suppression: `${p}:2`,
      }),
    ]);
    expect(res.warnings).toEqual([]);
  });

  it('matches on event fields and account', async () => {
    const p = sup(`
- match: { field: raw.requestParameters.name, equals: scratch-trail }
  account: "111122223333"
  reason: scratch trail is disposable
`);
    const d = await detector(testConfig({ suppressionsFiles: [p] }));
    expect(d.observe(stopLogging('a', 0, { requestParameters: { name: 'scratch-trail' } }))).toEqual([]);
    expect(d.observe(stopLogging('b', 0))).toEqual(['TS-LOG-001']);
  });

  it('warns about an expired suppression and no longer hides the finding', async () => {
    const p = sup(`
- rule: TS-LOG-001
  reason: temporary
  expires: 2026-01-31
`);
    const d = await detector(testConfig({ suppressionsFiles: [p] }), '2026-02-01T00:00:00Z');
    expect(d.observe(stopLogging('a', 0))).toEqual(['TS-LOG-001']);
    const res = d.finish();
    expect(res.suppressed).toEqual([]);
    expect(res.warnings).toEqual([
      `Suppression at ${p}:2 ("temporary") expired on 2026-01-31; it no longer hides findings. Renew or remove it.`,
    ]);
  });

  it('warns about a suppression that matched nothing', async () => {
    const p = sup('- rule: TS-KMS-001\n  reason: key rotation drill\n');
    const d = await detector(testConfig({ suppressionsFiles: [p] }));
    expect(d.finish().warnings).toEqual([
      `Suppression at ${p}:1 ("key rotation drill") matched no finding in this window.`,
    ]);
  });

  it('suppresses one finding by id', async () => {
    const d0 = await detector();
    d0.observe(stopLogging('a', 0));
    const id = d0.finish().findings[0]?.id as string;
    const d = await detector(testConfig({ suppressionsFiles: [sup(`- id: ${id}\n  reason: known\n`)] }));
    d.observe(stopLogging('a', 0));
    d.observe(stopLogging('b', 0, { requestParameters: { name: 'other' } }));
    const res = d.finish();
    expect(res.suppressed.map((s) => s.findingId)).toEqual([id]);
    expect(res.findings.filter((f) => f.ruleId === 'TS-LOG-001')).toHaveLength(1);
  });

  it('requires a reason and rejects unknown fields with file and line', async () => {
    const p = sup('- rule: TS-LOG-001\n  principle: alice\n');
    const err = (await detector(testConfig({ suppressionsFiles: [p] })).catch(
      (e: unknown) => e,
    )) as ConfigError;
    expect(err.problems).toEqual([
      `${p}:1:3: [0].reason: Invalid input: expected string, received undefined`,
      `${p}:2:3: [0].principle: unknown field "principle"`,
    ]);
  });
});
