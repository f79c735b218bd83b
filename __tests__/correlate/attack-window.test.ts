/** The correlate stage on the datasets' attack runs (see attack-runs.ts), through the CLI as a user runs it. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import schema from '../../schemas/report.schema.json' with { type: 'json' };
import { ACCOUNT, attackRuns, END, shuffled, type RawRecord } from './attack-runs.js';
import { main } from '../../src/cli-main.js';
import type { Report } from '../../src/types.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trailsight-incidents-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `trailsight analyze` over the records (in this order), rules only; the report it wrote. */
async function analyze(records: readonly RawRecord[], name: string): Promise<Report> {
  const events = join(dir, `${name}.jsonl`);
  await writeFile(events, records.map((r) => JSON.stringify(r)).join('\n'));
  const reportPath = join(dir, `${name}.json`);
  const code = await main(
    [
      'analyze',
      '--source',
      'file',
      '--events-file',
      events,
      '--engine',
      'rules-only',
      '--start-time',
      new Date(END - 24 * 3_600_000).toISOString(),
      '--end-time',
      new Date(END).toISOString(),
      '--redact',
      'none',
      '--fail-on',
      'none',
      '--report-path',
      reportPath,
      '--output',
      join(dir, `${name}.md`),
    ],
    {},
  );
  expect(code).toBe(0);
  return JSON.parse(await readFile(reportPath, 'utf8')) as Report;
}

describe('incidents on the datasets’ attack runs', () => {
  let report: Report;
  beforeAll(async () => {
    report = await analyze(attackRuns(), 'in-order');
  }, 120_000);

  it('hold every finding exactly once, in at most half as many incidents', () => {
    const listed = report.incidents.flatMap((i) => i.findingIds);
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.sort()).toEqual(report.findings.map((f) => f.id).sort());
    expect(report.findings.length).toBeGreaterThanOrEqual(40);
    expect(report.incidents.length * 2).toBeLessThanOrEqual(report.findings.length);
    console.log(`attack runs: ${report.findings.length} findings -> ${report.incidents.length} incidents`);
  });

  it('tell the compromised-root story as one critical incident of root and the attacker’s user', () => {
    const root = report.incidents.find((i) => i.principals.includes(`root@${ACCOUNT}`));
    expect(root?.principals).toEqual(expect.arrayContaining([`arn:aws:iam::${ACCOUNT}:user/tracy_stone`]));
    expect(root?.severity).toBe('critical');
    expect(root?.tactics.length).toBeGreaterThanOrEqual(3);
    expect(root?.title).toMatch(/^root and tracy_stone: .+ in \d+ min$/);
  });

  it('give each finding its actors, and validate against the schema', () => {
    for (const f of report.findings) expect(f.actors?.principals?.length).toBeGreaterThan(0);
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
    const validate = ajv.compile(schema);
    expect(validate(report) ? '' : ajv.errorsText(validate.errors)).toBe('');
  });

  it('lead the rules-only executive summary: how many, how bad, what happened, who, what to do first', () => {
    const top = report.incidents[0];
    const text = report.summary.text;
    expect(report.summary.origin).toBe('template');
    expect(text).toMatch(
      new RegExp(
        `^${report.incidents.length} incident\\(s\\) \\(.+\\) from ${report.findings.length} finding\\(s\\)`,
      ),
    );
    expect(text).toContain(`${top?.severity.toUpperCase()}: ${top?.title} (`);
    const first = report.findings.find((f) => f.id === top?.findingIds[0]);
    expect(text).toContain(`Do first: ${first?.title} — ${first?.remediation.slice(0, 100)}`);
    expect(report.summary.priorities[0]).toBe(`${first?.title}: ${first?.remediation}`.slice(0, 500));
  });

  it('keep their ids and members whatever order the events arrive in', async () => {
    const again = await analyze(shuffled(attackRuns(), 7), 'shuffled');
    const view = (r: Report) => r.incidents.map((i) => ({ ...i, findingIds: [...i.findingIds].sort() }));
    expect(view(again)).toEqual(view(report));
  }, 120_000);
});
