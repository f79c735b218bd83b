/**
 * The CLI with Sigma rules only: `analyze --rules-file DIR_OF_SIGMA --builtin-rules false --engine rules-only
 * --format json` reports, per Sigma rule id, a total count equal to the distinct records its detection matches;
 * and `rules export --format sigma --output DIR`.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import schema from '../../../schemas/report.schema.json' with { type: 'json' };
import { main } from '../../../src/cli-main.js';
import { findingBody } from '../../../src/report/md-findings.js';
import type { Report } from '../../../src/types.js';
import { DATASETS, ROOT } from '../helpers.js';

const FOLDERS = [
  'panther_cloudtrail_tests',
  'panther_test_scenarios',
  'stratus_red_team_detonations',
  'streamalert_rule_tests',
  'awsdocs_cloudtrail_userguide_examples',
];

/**
 * Every dataset record as a distinct record: its own event id (Panther's placeholder ids repeat) and, where the
 * record has no usable time, a fixed one. One record is then written twice, byte for byte: the same record.
 */
function eventsFile(dir: string): string {
  const lines: string[] = [];
  for (const folder of FOLDERS) {
    readFileSync(join(DATASETS, folder, 'events.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .forEach((l, i) => {
        const rec = JSON.parse(l) as Record<string, unknown>;
        rec.eventID = `${folder}-${i + 1}`;
        if (typeof rec.eventTime !== 'string' || !/^\d{4}-\d\d-\d\dT/.test(rec.eventTime))
          rec.eventTime = '2019-01-01T00:00:00Z';
        lines.push(JSON.stringify(rec));
      });
  }
  const rootCall = lines.find((l) => l.includes('"eventID":"panther_test_scenarios-1"')) as string;
  lines.push(rootCall);
  const f = join(dir, 'events.jsonl');
  writeFileSync(f, lines.join('\n') + '\n');
  return f;
}

/** Distinct records each SigmaHQ rule matches (the hand-derived lists of sigmahq.test.ts, counted). */
const EXPECTED_COUNTS: Record<string, number> = {
  '59b70e4d-dd17-44a9-b740-acf07ae3eb6a': 1,
  '6393e346-1977-46ef-8987-ad414a145fad': 3,
  'd2656e78-c069-4571-8220-9e0ab5913f19': 2,
  'c803b2ce-c4a2-4836-beae-b112010390b1': 2,
  '6fb77778-040f-4015-9440-572aa9b6b580': 9,
  '38e7f511-3f74-41d4-836e-f57dfa18eead': 5,
  'f8103686-e3e8-46f3-be72-65f7fcb4aa53': 1,
  'a136ac98-b2bc-4189-a14d-f0d0388e57a7': 4,
  '8a63cdd4-6207-414a-85bc-7e032bd3c1a2': 1,
  '8ad1600d-e9dc-4251-b0ee-a65268f29add': 47,
  '78b3756a-7804-4ef7-8555-7b9024a02e2d': 7,
  'b45ab1d2-712f-4f01-a751-df3826969807': 2,
};

describe('trailsight analyze with Sigma rules only', () => {
  it('reports per Sigma rule id a total count equal to the distinct records it matches', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sigma-cli-'));
    const out = join(dir, 'report.json');
    const code = await main(
      [
        'analyze',
        '--source',
        'file',
        '--events-file',
        eventsFile(dir),
        '--rules-file',
        join(ROOT, '__fixtures__', 'sigma', 'sigmahq'),
        '--builtin-rules',
        'false',
        '--engine',
        'rules-only',
        '--format',
        'json',
        '--start-time',
        '1990-01-01T00:00:00Z',
        '--end-time',
        '2026-01-01T00:00:00Z',
        '--fail-on',
        'none',
        '--output',
        out,
      ],
      { ...process.env, TRAILSIGHT_DEBUG: '' },
    );
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(report.counts.duplicates).toBe(1);
    const totals: Record<string, number> = {};
    for (const f of report.findings) totals[f.ruleId ?? ''] = (totals[f.ruleId ?? ''] ?? 0) + f.count;
    expect(totals).toEqual(EXPECTED_COUNTS);
    // The report, references and false positives included, is what the published schema describes.
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
    const validate = ajv.compile(schema);
    expect(validate(report) ? '' : ajv.errorsText(validate.errors)).toBe('');
    const root = report.findings.find((f) => f.ruleId === '8ad1600d-e9dc-4251-b0ee-a65268f29add');
    expect(root?.references).toEqual(['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html']);
    expect(root?.falsePositives?.length).toBe(1);
    expect(findingBody(root as NonNullable<typeof root>)).toContain(
      '**References:**\n\n- <https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html>',
    );
  });
});

describe('trailsight rules export', () => {
  it('writes the pack as Sigma files', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'sigma-cli-')), 'out');
    expect(await main(['rules', 'export', '--format', 'sigma', '--output', dir])).toBe(0);
    const files = readdirSync(dir);
    expect(files).toContain('ts-log-001.yml');
    expect(files).toContain('SKIPPED.yml');
    expect(readFileSync(join(dir, 'ts-log-001.yml'), 'utf8')).toContain('id: ');
  });
  it('rejects bad usage with exit code 2', async () => {
    expect(await main(['rules', 'export', '--format', 'splunk', '--output', '/tmp/x'])).toBe(2);
    expect(await main(['rules', 'export', '--format', 'sigma'])).toBe(2);
    expect(await main(['rules', 'list'])).toBe(2);
  });
});
