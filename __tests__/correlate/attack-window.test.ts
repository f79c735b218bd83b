/**
 * The correlate stage on real attack runs, through the CLI as a user runs it (`--engine rules-only`, file source):
 * every Stratus Red Team detonation and Panther's compromised-root scenario (from __fixtures__/datasets, with
 * their provenance), put into one account and re-timed into one day as scripts/demo-data.ts does — the
 * detonations were all run by one person, whom the anonymisation spread over made-up accounts.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import schema from '../../schemas/report.schema.json' with { type: 'json' };
import { freshIds, readDataset, remapAccount, retime } from '../../scripts/demo-data.js';
import { main } from '../../src/cli-main.js';
import type { Report } from '../../src/types.js';

type RawRecord = Record<string, unknown>;
const ACCOUNT = '123456789012';
const END = Date.parse('2026-12-04T11:00:00Z');

function attackRuns(): RawRecord[] {
  const stratus = readDataset('stratus_red_team_detonations').map((r) =>
    remapAccount(r, String(r.recipientAccountId ?? '')),
  );
  const root = freshIds(
    readDataset('panther_test_scenarios').map((r) => remapAccount(r, String(r.recipientAccountId ?? ''))),
  );
  retime(stratus, END - 10 * 3_600_000, END - 3_600_000);
  retime(root, END - 5 * 3_600_000, END - 4 * 3_600_000);
  return [...stratus, ...root];
}

/** A deterministic shuffle, so a failure can be replayed. */
function shuffled<T>(xs: readonly T[], seed: number): T[] {
  let s = seed;
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1664525 + 1013904223) >>> 0;
    const j = Math.floor((s / 2 ** 32) * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

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

  it('keep their ids and members whatever order the events arrive in', async () => {
    const again = await analyze(shuffled(attackRuns(), 7), 'shuffled');
    const view = (r: Report) => r.incidents.map((i) => ({ ...i, findingIds: [...i.findingIds].sort() }));
    expect(view(again)).toEqual(view(report));
  }, 120_000);
});
