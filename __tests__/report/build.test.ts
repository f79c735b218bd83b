import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import schema from '../../schemas/report.schema.json' with { type: 'json' };
import { FULL_REDACTION, renderMarkdown, writeReportFiles } from '../../src/report/index.js';
import { EVERY_SEVERITY, makeFinding, makeReport } from './fixtures.js';

const ajv = new Ajv2020({ allErrors: true, strict: true });
ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
const validate = ajv.compile(schema);

function valid(value: unknown): string {
  return validate(value) ? '' : ajv.errorsText(validate.errors);
}

describe('buildReport', () => {
  it('sorts findings by severity, then count, and counts them by severity', () => {
    const findings = [
      makeFinding('low', 1, { count: 50 }),
      makeFinding('high', 2, { count: 1 }),
      makeFinding('high', 3, { count: 9 }),
      makeFinding('critical', 4, { count: 2 }),
    ];
    const r = makeReport(findings);
    expect(r.findings.map((f) => `${f.severity}:${f.count}`)).toEqual([
      'critical:2',
      'high:9',
      'high:1',
      'low:50',
    ]);
    expect(r.counts.bySeverity).toEqual({ info: 0, low: 1, medium: 0, high: 2, critical: 1 });
    expect(r.counts.findings).toBe(4);
    expect(r.verdict).toBe('findings');
    expect(r.status).toBe('completed');
  });

  it('says clean only for a complete window without findings', () => {
    expect(makeReport([]).verdict).toBe('clean');
    expect(makeReport([], { complete: false }).verdict).toBe('incomplete');
    expect(makeReport([], { analysis: { status: 'failed' } }).verdict).toBe('incomplete');
    expect(makeReport([], { errors: ['S3 GetObject AccessDenied'] }).verdict).toBe('incomplete');
    const pending = makeReport([makeFinding('high', 1)], { analysis: { status: 'pending' } });
    expect(pending.status).toBe('pending');
    expect(pending.verdict).toBe('incomplete');
  });

  it('builds reports that validate against schemas/report.schema.json', () => {
    const reports = [
      makeReport([]),
      makeReport(EVERY_SEVERITY.map((s, i) => makeFinding(s, i + 1))),
      makeReport([makeFinding('high', 1, { origin: 'ai', confidence: 0.8, aiNotes: ['x'] })], {
        complete: false,
        analysis: {
          engine: 'batch',
          status: 'partial',
          jobs: [
            {
              engine: 'batch',
              jobArn: 'arn:aws:bedrock:us-east-1:123456789012:model-invocation-job/abc',
              status: 'PartiallyCompleted',
              modelId: 'm',
              records: 120,
              recordsFailed: 3,
            },
          ],
        },
      }),
    ];
    for (const r of reports) expect(valid(JSON.parse(JSON.stringify(r)))).toBe('');
  });

  it('the schema rejects what is not a report', () => {
    const r = JSON.parse(JSON.stringify(makeReport([makeFinding('high', 1)]))) as Record<string, unknown>;
    expect(valid({ ...r, verdict: 'fine' })).toMatch(/verdict/);
    expect(valid({ ...r, findings: [{ id: 'x' }] })).toMatch(/findings/);
    const { window: _w, ...noWindow } = r;
    expect(valid(noWindow)).toMatch(/window/);
  });
});

describe('writeReportFiles', () => {
  it('writes the complete JSON and a redacted Markdown copy beside it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trailsight-report-'));
    const report = makeReport([makeFinding('critical', 1)]);
    const files = await writeReportFiles(report, join(dir, 'out', 'trailsight-report.json'), {
      redaction: FULL_REDACTION,
    });
    expect(files.jsonPath).toBe(join(dir, 'out', 'trailsight-report.json'));
    expect(files.markdownPath).toBe(join(dir, 'out', 'trailsight-report.md'));
    const json = await readFile(files.jsonPath, 'utf8');
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(report)));
    expect(json).toContain('123456789012');
    expect(json).toContain('198.51.100.23');
    const md = await readFile(files.markdownPath, 'utf8');
    expect(md).toContain('Critical finding number 1');
    expect(md).not.toContain('123456789012');
    expect(md).not.toContain('198.51.100.23');
  });

  it.each([0, 1, 300])(
    'the Markdown copy of %i finding(s), written piece by piece, is the one-string rendering byte for byte',
    async (n) => {
      const dir = await mkdtemp(join(tmpdir(), 'trailsight-report-'));
      const sev = ['critical', 'high', 'medium', 'low'] as const;
      const report = makeReport(Array.from({ length: n }, (_, i) => makeFinding(sev[i % 4] ?? 'low', i + 1)));
      const files = await writeReportFiles(report, join(dir, 'r.json'), { redaction: FULL_REDACTION });
      const expected = renderMarkdown(report, {
        maxChars: Number.POSITIVE_INFINITY,
        redaction: FULL_REDACTION,
        destination: 'file',
      });
      expect(expected.length).toBeGreaterThan(n * 200);
      expect(await readFile(files.markdownPath, 'utf8')).toBe(expected);
    },
  );
});
