/**
 * `source: athena` against a full scan of the same trail archive, through the CLI as a user runs it, on the AWS twin
 * (its Athena runs the SQL on DuckDB over the archive's objects): the 20,000-event window from the shared datasets
 * (synthetic volume from the real shapes with every Stratus Red Team detonation spread through it) and synthetic
 * volume from bench/synthetic.ts. Same rule findings (ids and counts), same statistics, far fewer rows back.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import schema from '../../../schemas/report.schema.json' with { type: 'json' };
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { main } from '../../../src/cli-main.js';
import type { Report } from '../../../src/types.js';
import { startTwin, type RunningTwin } from '../../../twin/server.js';
import { windowWithDetonations } from '../../analyze/helpers.js';
import { SyntheticVolume } from '../../../bench/synthetic.js';

let dir: string;
const saved = { ...process.env };
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trailsight-athena-'));
});
afterAll(async () => {
  process.env = saved;
  await rm(dir, { recursive: true, force: true });
});

/** `trailsight analyze` against the twin; the report it wrote. */
async function analyze(
  twin: RunningTwin,
  name: string,
  args: string[],
  window: [string, string],
): Promise<Report> {
  process.env.AWS_ENDPOINT_URL = twin.url;
  process.env.AWS_ACCESS_KEY_ID = 'test';
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
  process.env.AWS_REGION = 'us-east-1';
  const reportPath = join(dir, `${name}.json`);
  const code = await main(
    [
      'analyze',
      ...args,
      '--start-time',
      window[0],
      '--end-time',
      window[1],
      '--redact',
      'none',
      '--fail-on',
      'none',
      '--report-path',
      reportPath,
      '--output',
      join(dir, `${name}.md`),
    ],
    process.env,
  );
  expect(code).toBe(0);
  return JSON.parse(await readFile(reportPath, 'utf8')) as Report;
}

const findingsOf = (r: Report): string[] =>
  r.findings.map((f) => `${f.ruleId ?? ''} ${f.id} ${f.count}`).sort();

/** The three runs over one archive: Athena, the S3 full scan, and a full scan of the same records in time order. */
async function threeRuns(records: Record<string, unknown>[], name: string, window: [string, string]) {
  const twin = await startTwin({ port: 0, events: records, batchStepMs: 1 });
  try {
    const sorted = [...records].sort((a, b) =>
      String(a.eventTime) < String(b.eventTime)
        ? -1
        : String(a.eventTime) > String(b.eventTime)
          ? 1
          : String(a.eventID) < String(b.eventID)
            ? -1
            : 1,
    );
    const file = join(dir, `${name}.jsonl`);
    await writeFile(file, sorted.map((r) => JSON.stringify(r)).join('\n'));
    const rules = ['--engine', 'rules-only'];
    const athena = await analyze(
      twin,
      `${name}-athena`,
      ['--source', 'athena', '--athena-table', 'default.cloudtrail_logs', ...rules],
      window,
    );
    const s3 = await analyze(
      twin,
      `${name}-s3`,
      ['--source', 's3', '--trail-bucket', 'twin-cloudtrail', ...rules],
      window,
    );
    const inOrder = await analyze(
      twin,
      `${name}-file`,
      ['--source', 'file', '--events-file', file, ...rules],
      window,
    );
    const queries = (await (await fetch(`${twin.url}/_twin/athena/queries`)).json()) as {
      state: string;
      rowsReturned: number;
      dataScannedInBytes: number;
    }[];
    return { athena, s3, inOrder, queries, twin };
  } finally {
    await twin.close();
  }
}

describe('source: athena on the 20,000-event window from the shared datasets', () => {
  let runs: Awaited<ReturnType<typeof threeRuns>>;
  beforeAll(async () => {
    const records = windowWithDetonations(20_000).map((e) => e.raw);
    runs = await threeRuns(records, 'window', ['2026-11-22T00:00:00Z', '2026-11-23T00:00:00Z']);
  }, 300_000);

  it('finds exactly what a full scan in time order finds (ids and counts), and what the S3 full scan finds', () => {
    const { athena, s3, inOrder } = runs;
    expect(athena.status).toBe('completed');
    expect(athena.findings.length).toBeGreaterThan(500);
    expect(findingsOf(athena)).toEqual(findingsOf(inOrder));
    // First-seen rules included: the engine judges them at the end, so the S3 source's read order does not matter.
    expect(findingsOf(athena)).toEqual(findingsOf(s3));
    // Threshold, correlate (instance credentials), grants and attempt rules are among them.
    const rules = new Set(athena.findings.map((f) => f.ruleId));
    for (const id of ['TS-EC2-007', 'TS-TRY-001', 'TS-NEW-002']) expect(rules).toContain(id);
    expect(athena.findings.some((f) => f.ruleId === 'TS-SEC-001' || f.ruleId === 'TS-SEC-002')).toBe(true);
  });

  it('has the same statistics as the S3 full scan, from GROUP BY rows', () => {
    expect(runs.athena.stats).toEqual(runs.s3.stats);
    expect(runs.athena.counts.eventsRead).toBe(20_000);
  });

  it('brings back fewer rows than half the window, and says what Athena scanned and what it cost', () => {
    const source = runs.athena.sources[0];
    const a = source?.athena;
    expect(a).toBeDefined();
    if (!a) return;
    expect(a.rowsReturned).toBeLessThan(10_000);
    expect(a.rowsReturned).toBe(runs.queries.reduce((n, q) => n + q.rowsReturned, 0));
    expect(a.queries).toBe(runs.queries.length);
    expect(runs.queries.every((q) => q.state === 'SUCCEEDED')).toBe(true);
    expect(a.bytesScanned).toBe(runs.queries.reduce((n, q) => n + q.dataScannedInBytes, 0));
    expect(a.bytesScanned).toBeGreaterThan(0);
    // $5 per TB, each query billed for at least 10 MB.
    const billed = runs.queries.reduce((n, q) => n + Math.max(q.dataScannedInBytes, 10 * 1024 * 1024), 0);
    expect(a.costUsd).toBeCloseTo((billed / 1024 ** 4) * 5, 12);
    expect(a.windowEvents).toBe(20_000);
    expect(source?.coverage).toBe('read');
  });

  it('writes a report the schema accepts, and shows the Athena figures where coverage is shown', async () => {
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    expect(validate(runs.athena)).toBe(true);
    const md = await readFile(join(dir, 'window-athena.md'), 'utf8');
    expect(md).toMatch(/Athena/);
    expect(md).toMatch(/bytes scanned|scanned/i);
  });
});

describe('source: athena on synthetic volume (bench/synthetic.ts)', () => {
  let runs: Awaited<ReturnType<typeof threeRuns>>;
  const start = Date.parse('2026-11-20T00:00:00Z');
  beforeAll(async () => {
    const volume = new SyntheticVolume({ events: 40_000, principals: 400, startMs: start, seed: 3 });
    // Some dataset shapes carry placeholder regions (`...`): a trail never writes such a folder, and the table's
    // partition projection (region as a path segment) cannot address one, so those records are left out.
    const records = [...volume.chunks()]
      .flat()
      .filter(
        (r) => typeof r.awsRegion !== 'string' || r.awsRegion === '' || /^[a-z0-9-]+$/.test(r.awsRegion),
      );
    runs = await threeRuns(records, 'synthetic', [
      new Date(start).toISOString(),
      new Date(start + 24 * 3_600_000).toISOString(),
    ]);
  }, 400_000);

  it('finds what the S3 full scan and a full scan in time order find, with the same statistics and fewer rows', () => {
    const { athena, s3, inOrder } = runs;
    expect(findingsOf(athena)).toEqual(findingsOf(inOrder));
    // The S3 source reads many objects at once across accounts and regions, in delivery order: threshold bursts,
    // first-seen values, instance sessions and the rules at their finding cap come out as in time order.
    expect(findingsOf(s3)).toEqual(findingsOf(inOrder));
    expect(athena.findings.length).toBeGreaterThan(1000);
    const capped = new Set(
      athena.findings.filter((f) => f.title.endsWith('(further occurrences)')).map((f) => f.ruleId),
    );
    expect(capped.size).toBeGreaterThan(0);
    expect(athena.stats).toEqual(inOrder.stats);
    expect(s3.stats).toEqual(inOrder.stats);
    const a = athena.sources[0]?.athena;
    expect(a?.windowEvents).toBe(athena.stats.totalEvents);
    // This volume is made of the datasets' detection test cases: nearly half its events match some rule, so the
    // candidates alone are close to half of it; the rows are still fewer than a full scan's.
    expect(a?.candidates).toBeLessThan(athena.stats.totalEvents / 2);
    expect(a?.rowsReturned).toBeLessThan(athena.stats.totalEvents);
  });
});

describe('source: athena with an event delivered twice', () => {
  it('counts the copy once in the statistics, as the S3 source does', async () => {
    const records = windowWithDetonations(3000).map((e) => e.raw);
    const twin = await startTwin({ port: 0, events: records });
    try {
      // CloudTrail sometimes delivers a log file's events again: the same records under another object name.
      const s3 = new S3Client({
        endpoint: twin.url,
        forcePathStyle: true,
        region: 'us-east-1',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      });
      const listed = (await (
        await fetch(`${twin.url}/_twin/s3/objects?bucket=twin-cloudtrail&prefix=AWSLogs/`)
      ).json()) as { objects: { key: string }[] };
      const key = listed.objects
        .map((o) => o.key)
        .find((k) => k.includes('/CloudTrail/') && k.includes('/2026/11/22/') && k.endsWith('.json.gz'));
      if (!key) throw new Error('no log object of the window in the archive');
      const obj = await s3.send(new GetObjectCommand({ Bucket: 'twin-cloudtrail', Key: key }));
      const body = await (obj.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray();
      const copy = key.replace(/_([A-Za-z0-9]+)\.json\.gz$/, '_REDELIVEREDCOPY0.json.gz');
      await s3.send(new PutObjectCommand({ Bucket: 'twin-cloudtrail', Key: copy, Body: body }));
      const window: [string, string] = ['2026-11-22T00:00:00Z', '2026-11-23T00:00:00Z'];
      const rules = ['--engine', 'rules-only'];
      const athena = await analyze(
        twin,
        'twice-athena',
        ['--source', 'athena', '--athena-table', 'default.cloudtrail_logs', ...rules],
        window,
      );
      const viaS3 = await analyze(
        twin,
        'twice-s3',
        ['--source', 's3', '--trail-bucket', 'twin-cloudtrail', ...rules],
        window,
      );
      expect(viaS3.counts.duplicates).toBeGreaterThan(0);
      expect(athena.stats).toEqual(viaS3.stats);
      expect(athena.stats.totalEvents).toBe(3000);
      expect(findingsOf(athena)).toEqual(findingsOf(viaS3));
    } finally {
      await twin.close();
    }
  }, 120_000);
});

describe('source: athena with --engine batch', () => {
  it('completes a Bedrock batch job over digests whose call counts come from GROUP BY rows', async () => {
    const records = windowWithDetonations(20_000).map((e) => e.raw);
    const twin = await startTwin({ port: 0, events: records, batchStepMs: 1 });
    try {
      const r = await analyze(
        twin,
        'batch-athena',
        [
          '--source',
          'athena',
          '--engine',
          'batch',
          '--batch-role-arn',
          'arn:aws:iam::123456789012:role/trailsight-bedrock-batch',
          '--batch-bucket',
          'twin-batch',
        ],
        ['2026-11-22T00:00:00Z', '2026-11-23T00:00:00Z'],
      );
      expect(r.status).toBe('completed');
      expect(r.jobs[0]?.status).toBe('Completed');
      expect(r.usage.inputTokens).toBeGreaterThan(0);
      expect(r.usage.outputTokens).toBeGreaterThan(0);
      // Every event of the window is accounted for in the digests, though only candidates came back as rows.
      expect(r.analysis.digests.eventsCovered).toBe(20_000);
      expect(r.sources[0]?.athena?.candidates).toBeLessThan(20_000);
      expect(r.findings.some((f) => f.origin === 'ai')).toBe(true);
    } finally {
      await twin.close();
    }
  }, 300_000);
});
