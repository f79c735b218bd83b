/** rules-file with Sigma: recognised by shape, mixed with our format, directories and globs, correlations, errors. */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDetector } from '../../../src/detect/index.js';
import { ConfigError } from '../../../src/errors.js';
import { normalizeRecord } from '../../../src/sources/normalize.js';
import type { TrailEvent } from '../../../src/types.js';
import { fixedClock, loadDataset, silentLogger, testConfig } from '../helpers.js';

const dir = (): string => mkdtempSync(join(tmpdir(), 'sigma-'));
const write = (d: string, name: string, text: string): string => {
  const p = join(d, name);
  writeFileSync(p, text);
  return p;
};
const make = (rulesFiles: string[], builtinRules = false) =>
  createDetector(testConfig({ rulesFiles, builtinRules }), { logger: silentLogger, clock: fixedClock() });
async function problems(rulesFiles: string[]): Promise<string[]> {
  try {
    await make(rulesFiles);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}
function event(raw: Record<string, unknown>): TrailEvent {
  const r = normalizeRecord(raw);
  if (!r.event) throw new Error(String(r.reason));
  return r.event;
}

// A real failed console sign-in (panther_cloudtrail_tests line 52).
const failedLogin = loadDataset('panther_cloudtrail_tests')[51]?.event.raw as Record<string, unknown>;

const RULE = (id: string, extra = ''): string => `title: Failed console sign-in
id: ${id}
status: test
logsource:
    product: aws
    service: cloudtrail
detection:
    selection:
        eventName: ConsoleLogin
        errorMessage: Failed authentication
    condition: selection
level: high
tags:
    - attack.credential-access
    - attack.t1110.001
${extra}`;

describe('rules-file with Sigma files', () => {
  it('takes directories and globs, mixes Sigma with our format, and keeps the built-in pack unless told', async () => {
    const d = dir();
    mkdirSync(join(d, 'sigma'));
    write(join(d, 'sigma'), 'a.yml', RULE('11111111-1111-4111-8111-111111111111'));
    write(join(d, 'sigma'), 'notes.txt', 'not a rule');
    write(
      d,
      'ours.yaml',
      `rules:
  - id: ACME-AUTH-001
    title: Console sign-in failed
    severity: low
    why: test
    technique: T1110
    description: d
    remediation: r
    includeErrors: true
    match: { field: name, equals: ConsoleLogin }
`,
    );
    const only = await make([join(d, 'sigma'), join(d, '*.yaml')]);
    expect(only.finish().rulesLoaded).toBe(2);
    const hits = (await make([join(d, 'sigma'), join(d, '*.yaml')])).observe(event(failedLogin));
    expect([...hits].sort()).toEqual(['11111111-1111-4111-8111-111111111111', 'ACME-AUTH-001']);
    const withPack = await make([join(d, 'sigma')], true);
    expect(withPack.finish().rulesLoaded).toBeGreaterThan(50);
  });

  it('skips rules for other log sources with a warning that names them', async () => {
    const d = dir();
    write(d, 'a.yml', RULE('11111111-1111-4111-8111-111111111111'));
    write(
      d,
      'b.yml',
      RULE('22222222-2222-4222-8222-222222222222').replace('service: cloudtrail', 'service: guardduty'),
    );
    const det = await make([d]);
    const res = det.finish();
    expect(res.rulesLoaded).toBe(1);
    expect(res.warnings.join('\n')).toMatch(
      /Sigma rule "Failed console sign-in" \(22222222-2222-4222-8222-222222222222\) at .*b\.yml:4:\d+ is skipped: its logsource \{"product":"aws","service":"guardduty"\} is not \{product: aws, service: cloudtrail\}/,
    );
  });

  it('names file, line and what is accepted for bad Sigma', async () => {
    const d = dir();
    const f = write(
      d,
      'bad.yml',
      `title: Bad
id: 33333333-3333-4333-8333-333333333333
logsource:
    product: aws
    service: cloudtrail
detection:
    selection:
        eventName|startwith: ConsoleLogin
    condition: selection
level: severe
`,
    );
    const p = await problems([f]);
    expect(p).toEqual([
      `${f}:8:9: unknown modifier "startwith" in "eventName|startwith"; accepted: contains, startswith, endswith, all, cased, exists, re, i, m, s, cidr, fieldref, base64, base64offset, utf16le, utf16be, utf16, wide, windash, gt, gte, lt, lte`,
    ]);
    const g = write(
      d,
      'bad2.yml',
      RULE('44444444-4444-4444-8444-444444444444').replace(
        'condition: selection',
        'condition: selection and not filter',
      ),
    );
    expect(await problems([g])).toEqual([
      `${g}:11:16: condition "selection and not filter": "filter" is not a search identifier of this rule (defined: selection)`,
    ]);
    const h = write(
      d,
      'bad3.yml',
      RULE('55555555-5555-4555-8555-555555555555').replace('level: high', 'level: severe'),
    );
    expect(await problems([h])).toEqual([
      `${h}:12:8: level: "severe" is not a Sigma level; accepted: informational, low, medium, high, critical`,
    ]);
    const i = write(d, 'bad4.yml', RULE('x').replace('id: x\n', ''));
    expect(await problems([i])).toEqual([
      `${i}:1:1: id: missing; a Sigma rule needs an id (its findings are named by it; a UUID as Sigma recommends)`,
    ]);
    const j = write(
      d,
      'bad5.yml',
      `${RULE('66666666-6666-4666-8666-666666666666')}---\n${RULE('66666666-6666-4666-8666-666666666666')}`,
    );
    expect((await problems([j]))[0]).toMatch(
      /bad5\.yml:\d+:5: id: "66666666-6666-4666-8666-666666666666" is also the id of the rule at .*bad5\.yml:2:5/,
    );
    const k = write(d, 'bad6.yml', 'title: x\ndetection: [\n');
    expect((await problems([k]))[0]).toMatch(/bad6\.yml:\d+:\d+: invalid YAML/);
    expect(await problems([join(d, 'nothing-*.yml')])).toEqual([
      `rules-file: "${join(d, 'nothing-*.yml')}" matches no .yml or .yaml file; give files, directories or globs of rule files`,
    ]);
  });

  it('turns an event_count correlation into a threshold rule over its base rule', async () => {
    const d = dir();
    const f = write(
      d,
      'corr.yml',
      `${RULE('77777777-7777-4777-8777-777777777777', 'name: failed_login\n')}---
title: Many failed console sign-ins from one address
id: 88888888-8888-4888-8888-888888888888
level: critical
correlation:
    type: event_count
    rules:
        - failed_login
    group-by:
        - sourceIPAddress
    timespan: 10m
    condition:
        gte: 3
`,
    );
    const det = await make([f]);
    const at = (min: number, ip: string, n: number): TrailEvent =>
      event({
        ...failedLogin,
        eventID: `e-${ip}-${n}`,
        eventTime: `2026-05-01T10:${String(min).padStart(2, '0')}:00Z`,
        sourceIPAddress: ip,
      });
    // Three from one address within 10 minutes; two from another; a third from it 30 minutes later.
    const hits = [
      at(0, '198.51.100.7', 1),
      at(4, '198.51.100.7', 2),
      at(0, '203.0.113.9', 1),
      at(9, '198.51.100.7', 3),
      at(5, '203.0.113.9', 2),
      at(35, '203.0.113.9', 3),
    ].map((e) => det.observe(e));
    expect(hits).toEqual([[], [], [], ['88888888-8888-4888-8888-888888888888'], [], []]);
    const res = det.finish();
    expect(res.rulesLoaded).toBe(1);
    expect(res.findings).toHaveLength(1);
    expect(res.findings[0]).toMatchObject({
      ruleId: '88888888-8888-4888-8888-888888888888',
      severity: 'critical',
      count: 3,
    });
    // generate: true keeps the base rule's own findings.
    const g = write(
      d,
      'corr2.yml',
      `${RULE('99999999-9999-4999-8999-999999999999', 'name: failed\n')}---
title: c
id: aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa
generate: true
correlation:
    type: event_count
    rules: failed
    timespan: 1h
    condition:
        gt: 1
`,
    );
    const det2 = await make([g]);
    expect(det2.observe(at(0, '198.51.100.7', 1))).toEqual(['99999999-9999-4999-8999-999999999999']);
    expect([...det2.observe(at(1, '198.51.100.8', 2))].sort()).toEqual([
      '99999999-9999-4999-8999-999999999999',
      'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
    ]);
  });

  it('turns a value_count correlation into a threshold on distinct values', async () => {
    const d = dir();
    const f = write(
      d,
      'vc.yml',
      `${RULE('dddddddd-dddd-4ddd-8ddd-dddddddddddd', 'name: failed_login\n')}---
title: One address failing sign-ins for several users
id: eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee
correlation:
    type: value_count
    rules: failed_login
    group-by:
        - sourceIPAddress
    timespan: 10m
    field: userIdentity.userName
    condition:
        gte: 3
`,
    );
    const det = await make([f]);
    const at = (min: number, user: string, n: number): TrailEvent =>
      event({
        ...failedLogin,
        eventID: `v-${n}`,
        eventTime: `2026-05-01T10:${String(min).padStart(2, '0')}:00Z`,
        sourceIPAddress: '198.51.100.7',
        userIdentity: { ...(failedLogin.userIdentity as object), userName: user },
      });
    // alice twice and bob: two distinct users; carol 8 minutes later makes three within 10 minutes of the first.
    const hits = [
      at(0, 'alice', 1),
      at(1, 'alice', 2),
      at(2, 'bob', 3),
      at(8, 'carol', 4),
      at(30, 'dave', 5),
    ].map((e) => det.observe(e));
    expect(hits).toEqual([[], [], [], ['eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee'], []]);
    const res = det.finish();
    expect(res.findings).toHaveLength(1);
    expect(res.findings[0]).toMatchObject({ ruleId: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee', count: 4 });
    const g = write(
      d,
      'vc2.yml',
      `${RULE('ffffffff-ffff-4fff-8fff-ffffffffffff', 'name: b\n')}---
title: c
id: 12121212-1212-4121-8121-121212121212
correlation:
    type: value_count
    rules: b
    timespan: 10m
    condition:
        gte: 3
`,
    );
    expect((await problems([g])).join('\n')).toMatch(/correlation\.field: value_count needs the field/);
  });

  it('rejects correlations it cannot run exactly, saying what is accepted', async () => {
    const d = dir();
    const f = write(
      d,
      'c.yml',
      `${RULE('bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', 'name: base\n')}---
title: c
id: cccccccc-cccc-4ccc-8ccc-cccccccccccc
correlation:
    type: temporal
    rules: [base, nope]
    timespan: 10 minutes
    condition:
        lt: 3
`,
    );
    const p = await problems([f]);
    expect(p.join('\n')).toMatch(
      /c\.yml:21:11: correlation\.type: temporal is not supported .*accepted: event_count/,
    );
    expect(p.join('\n')).toMatch(/"nope" is not the id or name of a Sigma rule loaded from rules-file/);
    expect(p.join('\n')).toMatch(
      /correlation\.timespan: "10 minutes" is not a timespan; write a number and a unit s, m, h, d or w/,
    );
    expect(p.join('\n')).toMatch(
      /correlation\.condition: \{"lt":3\} is not supported; accepted: one of \{gte: N\} or \{gt: N\}/,
    );
  });
});
