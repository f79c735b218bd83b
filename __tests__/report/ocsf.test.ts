/** `--format ocsf` / `report-format: ocsf`: OCSF 1.1.0 Detection Findings, checked against the schema's requirements. */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli-main.js';
import { NO_REDACTION, renderOcsf, writeReportFiles } from '../../src/report/index.js';
import { ocsfFindingUids, ocsfPathFor } from '../../src/report/ocsf.js';
import type { Finding } from '../../src/types.js';
import { makeFinding, makeReport } from './fixtures.js';
import { hostileFinding } from './hostile.js';

interface Requirements {
  version: string;
  class: { uid: number; category_uid: number };
  required: Record<string, string[]>;
  at_least_one: Record<string, string[]>;
  enums: Record<string, number[]>;
  timestamps: string[];
}
const REQ = JSON.parse(
  readFileSync(join(process.cwd(), '__fixtures__/ocsf/detection-finding-1.1.0.json'), 'utf8'),
) as Requirements;

/** The objects at a fixture path (`a.b[].c`) in an event; '' is the event. */
function at(event: unknown, path: string): unknown[] {
  if (path === '') return [event];
  let nodes: unknown[] = [event];
  for (const part of path.split('.')) {
    const many = part.endsWith('[]');
    const key = many ? part.slice(0, -2) : part;
    nodes = nodes.flatMap((n) => {
      const v = (n as Record<string, unknown> | undefined)?.[key];
      if (v === undefined) return [];
      return many ? (Array.isArray(v) ? v : [v]) : [v];
    });
  }
  return nodes;
}

/** Every way an event falls short of OCSF 1.1.0's Detection Finding requirements. */
function violations(event: Record<string, unknown>): string[] {
  const out: string[] = [];
  const profiles = at(event, 'metadata.profiles')[0] as string[] | undefined;
  for (const [path, attrs] of Object.entries(REQ.required)) {
    const profile = /^\?profile:(.+)$/.exec(path)?.[1];
    if (profile && !profiles?.includes(profile)) continue;
    for (const obj of at(event, profile ? '' : path))
      for (const a of attrs)
        if ((obj as Record<string, unknown>)[a] === undefined) out.push(`${path || '(event)'}: missing ${a}`);
  }
  for (const [path, attrs] of Object.entries(REQ.at_least_one)) {
    for (const obj of at(event, path))
      if (!attrs.some((a) => (obj as Record<string, unknown>)[a] !== undefined))
        out.push(`${path}: needs one of ${attrs.join(', ')}`);
  }
  for (const [path, values] of Object.entries(REQ.enums)) {
    for (const v of at(event, path))
      if (!values.includes(v as number)) out.push(`${path}: ${String(v)} not in enum`);
  }
  for (const path of REQ.timestamps) {
    for (const v of at(event, path)) if (!Number.isInteger(v)) out.push(`${path}: not epoch milliseconds`);
  }
  if (event.class_uid !== REQ.class.uid) out.push('class_uid');
  if (event.category_uid !== REQ.class.category_uid) out.push('category_uid');
  if (event.type_uid !== REQ.class.uid * 100 + (event.activity_id as number)) out.push('type_uid');
  if ((event.metadata as { version?: string }).version !== REQ.version) out.push('metadata.version');
  return out;
}

const principals: Partial<Finding>[] = [
  { principal: 'arn:aws:iam::123456789012:role/deploy' },
  { principal: 'arn:aws:iam::123456789012:user/alice' },
  { principal: 'root@123456789012' },
  { principal: 'cloudformation.amazonaws.com' },
  { principal: undefined as never },
];

describe('renderOcsf', () => {
  it('writes one Detection Finding per finding that meets every OCSF 1.1.0 requirement', () => {
    const findings = [
      ...principals.map((p, i) => makeFinding('high', 10 + i, p)),
      makeFinding('info', 20, { technique: 'T9999.001' }),
      { ...makeFinding('medium', 21, { origin: 'ai', confidence: 0.55 }), ruleId: undefined as never },
      hostileFinding(22),
    ];
    const events = renderOcsf(makeReport(findings));
    expect(events).toHaveLength(findings.length);
    for (const e of events) expect([e.finding_info.uid, violations(e)]).toEqual([e.finding_info.uid, []]);
  });

  it('has a requirement check that catches what is missing (so the tests above can fail)', () => {
    const [e] = renderOcsf(makeReport([makeFinding('high', 1)]));
    const broken = JSON.parse(JSON.stringify(e)) as Record<string, Record<string, unknown>>;
    delete broken.finding_info?.title;
    delete broken.cloud;
    (broken.evidences as unknown as Record<string, unknown>[])[0] = { nothing: 1 };
    broken.severity_id = 7 as never;
    broken.time = '2026-11-23T12:00:05Z' as never;
    expect(violations(broken).sort()).toEqual([
      '?profile:cloud: missing cloud',
      'evidences[]: needs one of actor, api, connection_info, data, dst_endpoint, file, process, query, src_endpoint',
      'finding_info: missing title',
      'severity_id: 7 not in enum',
      'time: not epoch milliseconds',
    ]);
  });

  it('maps a rule finding field by field', () => {
    const f = makeFinding('critical', 1);
    const report = makeReport([f]);
    const [e] = renderOcsf(report);
    expect(e).toMatchObject({
      activity_id: 1,
      activity_name: 'Create',
      class_uid: 2004,
      category_uid: 2,
      type_uid: 200401,
      severity_id: 5,
      severity: 'Critical',
      status_id: 1,
      time: Date.parse(report.generatedAt),
      count: f.count,
      finding_info: {
        uid: f.id,
        title: f.title,
        desc: f.description,
        analytic: { uid: f.ruleId, type_id: 1, type: 'Rule' },
        first_seen_time: Date.parse('2026-11-23T03:14:07Z'),
        last_seen_time: Date.parse('2026-11-23T04:01:55Z'),
        related_events: f.evidence.eventIds.map((uid) => ({ uid })),
        attacks: [
          {
            tactic: { uid: 'TA0005', name: 'Defense Evasion' },
            technique: { uid: 'T1562' },
            sub_technique: { uid: 'T1562.008' },
          },
        ],
        src_url: 'https://github.com/octo-org/infra/actions/runs/42',
      },
      actor: {
        user: { uid: f.principal, name: 'deploy-role-1', account: { uid: '123456789012', type_id: 10 } },
        session: { issuer: f.principal },
      },
      cloud: { provider: 'AWS', account: { uid: '123456789012' }, region: 'us-east-1' },
      remediation: { desc: f.remediation },
      metadata: { version: '1.1.0', product: { name: 'TrailSight', vendor_name: 'TrailSight' } },
    });
    expect(e?.evidences).toEqual([
      expect.objectContaining({
        api: { operation: 'StopLogging' },
        src_endpoint: { ip: '198.51.100.23' },
        data: expect.objectContaining({
          event_uid: f.evidence.samples?.[0]?.eventId,
          details: { name: 'management-trail' },
        }),
      }),
      expect.objectContaining({ api: { operation: 'DeleteTrail', response: { error: 'AccessDenied' } } }),
    ]);
  });

  it('marks findings present in the previous file as updates', () => {
    const a = makeFinding('high', 1);
    const b = makeFinding('low', 2);
    const first = renderOcsf(makeReport([a]));
    const second = renderOcsf(makeReport([a, b]), { previous: ocsfFindingUids(first) });
    expect(second.map((e) => [e.finding_info.uid, e.activity_id, e.type_uid])).toEqual([
      [a.id, 2, 200402],
      [b.id, 1, 200401],
    ]);
    expect(ocsfFindingUids({ not: 'ocsf' }).size).toBe(0);
    expect(ocsfFindingUids([null, { finding_info: { uid: 'x' } }]).size).toBe(0);
  });

  it('strips control and bidi characters from hostile text', () => {
    const [e] = renderOcsf(makeReport([hostileFinding()]));
    expect(JSON.stringify(e)).not.toMatch(/\\u202e|\\u0007|\\u200b/i);
  });

  it('is written beside the JSON report with report-format: ocsf, updates on the next write', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trailsight-ocsf-'));
    const report = makeReport([makeFinding('high', 1)]);
    const files = await writeReportFiles(report, join(dir, 'report.json'), {
      redaction: NO_REDACTION,
      ocsf: true,
    });
    expect(files.ocsfPath).toBe(join(dir, 'report.ocsf.json'));
    expect(ocsfPathFor('out/trail')).toBe('out/trail.ocsf.json');
    const again = await writeReportFiles(report, join(dir, 'report.json'), {
      redaction: NO_REDACTION,
      ocsf: true,
    });
    const written = JSON.parse(await readFile(again.ocsfPath ?? '', 'utf8')) as Record<string, unknown>[];
    expect(written.map((e) => e.activity_id)).toEqual([2]);
    expect(
      (await writeReportFiles(report, join(dir, 'plain.json'), { redaction: NO_REDACTION })).ocsfPath,
    ).toBeUndefined();
  });
});

describe('trailsight analyze --format ocsf', () => {
  it('writes Detection Findings for real detonation records that pass the requirement test', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trailsight-ocsf-cli-'));
    const output = join(dir, 'f.json');
    // Real records: Stratus Red Team detonations (see __fixtures__/datasets/PROVENANCE.md).
    const events = join(process.cwd(), '__fixtures__/datasets/stratus_red_team_detonations/events.jsonl');
    const stderr = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    let code: number;
    try {
      code = await main(
        [
          'analyze',
          '--source',
          'file',
          '--events-file',
          events,
          '--engine',
          'rules-only',
          '--start-time',
          '2024-07-30T00:00:00Z',
          '--end-time',
          '2024-12-01T00:00:00Z',
          '--fail-on',
          'none',
          '--format',
          'ocsf',
          '--output',
          output,
        ],
        {},
      );
    } finally {
      process.stderr.write = stderr;
    }
    expect(code).toBe(0);
    const written = JSON.parse(await readFile(output, 'utf8')) as Record<string, unknown>[];
    expect(written.length).toBeGreaterThan(10);
    for (const e of written) expect(violations(e)).toEqual([]);
    expect(new Set(written.map((e) => e.activity_id))).toEqual(new Set([1]));
    // A second run over the same window reports the same findings as updates.
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      await main(
        [
          'analyze',
          '--source',
          'file',
          '--events-file',
          events,
          '--engine',
          'rules-only',
          '--start-time',
          '2024-07-30T00:00:00Z',
          '--end-time',
          '2024-12-01T00:00:00Z',
          '--fail-on',
          'none',
          '--format',
          'ocsf',
          '--output',
          output,
        ],
        {},
      );
    } finally {
      process.stderr.write = stderr;
    }
    const again = JSON.parse(await readFile(output, 'utf8')) as Record<string, unknown>[];
    expect(again).toHaveLength(written.length);
    expect(new Set(again.map((e) => e.activity_id))).toEqual(new Set([2]));
  });
});
