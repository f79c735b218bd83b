/**
 * Load benchmark (not a test): N events (1,000,000 by default) through the whole tool, each path in its own
 * process so its peak RSS is its own, checked against the 400 MB bound of the Sources issue.
 *
 *   npm run load -- [--events N] [--per-file N] [--only rules|batch] [--json out.json] [--keep]
 *
 * (a) `rules-only` through the CLI: `node dist/cli.js analyze --source file --engine rules-only …`
 * (b) the batch engine through the action (`dist/index.js`, run as a runner would) against the local AWS twin:
 *     `source: file`, `engine: batch`; the twin stands in for S3, STS and Bedrock batch inference.
 *
 * The volume is SYNTHETIC; the record shapes are the REAL CloudTrail records of __fixtures__/datasets (fresh ids,
 * times spread over 24 h, principals and source IPs from a pool; see bench/synthetic.ts).
 * Peak RSS is the child's own `getrusage` maxRSS (VmHWM), written by a small wrapper when the child exits.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { runAction } from '../scripts/run-action.js';
import { startTwin } from '../twin/server.js';
import { DEFAULT_START_MS, DEFAULT_WINDOW_MS, ROOT, SyntheticVolume } from './synthetic.js';
import { USAGE_OUT, USAGE_SCRIPT, USAGE_WRAPPER, iso } from './usage.js';

/** The memory bound of issue 4: peak RSS under 400 MB whatever the volume. */
export const RSS_BOUND_MB = 400;

export interface PathResult {
  path: string;
  command: string;
  exitCode: number | null;
  events: number;
  ms: number;
  eventsPerSecond: number;
  peakRssMb: number;
  boundMet: boolean;
  verdict?: string;
  analysis?: string;
  findings?: number;
  note?: string;
}

export interface LoadResult {
  date: string;
  events: number;
  synthetic: string;
  files: number;
  gzBytes: number;
  boundMb: number;
  boundMet: boolean;
  paths: PathResult[];
  /** This process: the generator and the twin (HTTP server, its S3 store, the batch model). */
  parentPeakRssMb: number;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function num(name: string, fallback: number): number {
  const raw = arg(name);
  const v = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} takes a positive number`);
  return Math.floor(v);
}

function generate(dir: string, n: number, perFile: number): { files: number; bytes: number } {
  const vol = new SyntheticVolume({ events: n });
  let files = 0;
  let bytes = 0;
  for (const chunk of vol.chunks(perFile)) {
    const gz = gzipSync(JSON.stringify({ Records: chunk }), { level: 6 });
    writeFileSync(path.join(dir, `trail-${String(files).padStart(6, '0')}.json.gz`), gz);
    files++;
    bytes += gz.length;
  }
  return { files, bytes };
}

function peakRss(file: string): number {
  try {
    const { maxRssKb } = JSON.parse(readFileSync(file, 'utf8')) as { maxRssKb: number };
    return Math.round(maxRssKb / 1024);
  } catch {
    return Number.NaN;
  }
}

interface ReportSummary {
  verdict?: string;
  counts?: { eventsRead?: number; findings?: number };
  analysis?: { engine?: string; status?: string };
}

function readReport(file: string): ReportSummary {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ReportSummary;
  } catch {
    return {};
  }
}

function result(
  name: string,
  command: string,
  exitCode: number | null,
  ms: number,
  rssFile: string,
  report: ReportSummary,
  note?: string,
): PathResult {
  const events = report.counts?.eventsRead ?? 0;
  const peakRssMb = peakRss(rssFile);
  const r: PathResult = {
    path: name,
    command,
    exitCode,
    events,
    ms,
    eventsPerSecond: Math.round(events / (ms / 1000)),
    peakRssMb,
    boundMet: Number.isFinite(peakRssMb) && peakRssMb < RSS_BOUND_MB,
  };
  if (report.verdict) r.verdict = report.verdict;
  if (report.analysis?.status) r.analysis = `${report.analysis.engine ?? '?'}: ${report.analysis.status}`;
  if (report.counts?.findings !== undefined) r.findings = report.counts.findings;
  if (note) r.note = note;
  return r;
}

async function rulesOnly(work: string, dist: string, wrapper: string, glob: string): Promise<PathResult> {
  const rssFile = path.join(work, 'rss-rules.json');
  const reportPath = path.join(work, 'rules-report.json');
  const args = [
    'analyze',
    '--source',
    'file',
    '--events-file',
    glob,
    '--engine',
    'rules-only',
    '--start-time',
    iso(DEFAULT_START_MS),
    '--end-time',
    iso(DEFAULT_START_MS + DEFAULT_WINDOW_MS),
    '--report-path',
    reportPath,
    '--output',
    path.join(work, 'rules-report.md'),
    '--fail-on',
    'none',
  ];
  const script = path.join(dist, 'cli.js');
  const t = performance.now();
  let stderr = '';
  const exitCode = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [wrapper, ...args], {
      cwd: work,
      env: { ...process.env, [USAGE_OUT]: rssFile, [USAGE_SCRIPT]: script, NODE_NO_WARNINGS: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    child.on('close', (code) => resolve(code));
  });
  const ms = performance.now() - t;
  if (exitCode !== 0) console.error(stderr);
  return result(
    'rules-only (CLI)',
    `node dist/cli.js analyze --source file --engine rules-only`,
    exitCode,
    ms,
    rssFile,
    readReport(reportPath),
  );
}

async function batch(work: string, dist: string, wrapper: string, glob: string): Promise<PathResult> {
  const twin = await startTwin({ port: 0, events: [], batchStepMs: 50 });
  const rssFile = path.join(work, 'rss-batch.json');
  try {
    const t = performance.now();
    const run = await runAction({
      twinUrl: twin.url,
      entry: wrapper,
      timeoutMs: 60 * 60_000,
      env: { [USAGE_OUT]: rssFile, [USAGE_SCRIPT]: path.join(dist, 'index.js') },
      inputs: {
        'aws-region': 'us-east-1',
        'role-to-assume': 'arn:aws:iam::123456789012:role/trailsight',
        source: 'file',
        'events-file': glob,
        'start-time': iso(DEFAULT_START_MS),
        'end-time': iso(DEFAULT_START_MS + DEFAULT_WINDOW_MS),
        engine: 'batch',
        'batch-role-arn': 'arn:aws:iam::123456789012:role/trailsight-bedrock-batch',
        'batch-bucket': 'twin-batch',
        'wait-timeout-minutes': '60',
        'max-cost-usd': '10000',
        'report-to': 'summary',
        'fail-on': 'none',
        // A partial analysis (an answer cut at max tokens) is reported in the table, not a failed load run.
        'fail-on-error': 'false',
      },
    });
    const ms = performance.now() - t;
    if (run.exitCode !== 0) console.error(run.stderr.slice(-4000) || run.stdout.slice(-4000));
    const report = readReport(path.join(run.dir, 'report.json'));
    if (!process.argv.includes('--keep')) rmSync(run.dir, { recursive: true, force: true });
    else console.log(`Kept the action's run directory ${run.dir}`);
    return result(
      'batch engine (action, twin)',
      'node dist/index.js (source: file, engine: batch) against the twin',
      run.exitCode,
      ms,
      rssFile,
      report,
      `job summary ${Buffer.byteLength(run.summary)} bytes`,
    );
  } finally {
    await twin.close();
  }
}

async function main(): Promise<void> {
  const n = num('events', 1_000_000);
  const perFile = num('per-file', 5_000);
  for (const f of ['dist/index.js', 'dist/cli.js'])
    if (!existsSync(path.join(ROOT, f))) throw new Error(`${f} is missing: run npm run bundle first`);
  const work = mkdtempSync(path.join(tmpdir(), 'trailsight-load-'));
  const data = path.join(work, 'trail');
  mkdirSync(data);
  // A private copy of the bundles: a rebuild of dist/ while this runs (npm run bundle) must not pull them away.
  const dist = path.join(work, 'dist');
  cpSync(path.join(ROOT, 'dist'), dist, { recursive: true });
  const wrapper = path.join(work, 'rss-wrapper.mjs');
  writeFileSync(wrapper, USAGE_WRAPPER);
  console.log(
    `TrailSight load: ${n.toLocaleString('en')} events through rules-only (CLI) and the batch engine (twin).`,
  );
  console.log(
    'The volume is SYNTHETIC; the record shapes are REAL CloudTrail records from __fixtures__/datasets.',
  );
  const g = performance.now();
  const { files, bytes } = generate(data, n, perFile);
  console.log(
    `Generated ${files} gzipped files (${(bytes / 1e6).toFixed(1)} MB) in ${((performance.now() - g) / 1000).toFixed(1)} s\n`,
  );
  const glob = path.join(data, '*.json.gz');
  const paths: PathResult[] = [];
  try {
    const only = arg('only');
    if (only !== 'batch') paths.push(await rulesOnly(work, dist, wrapper, glob));
    if (only !== 'rules') paths.push(await batch(work, dist, wrapper, glob));
  } finally {
    if (!process.argv.includes('--keep')) rmSync(work, { recursive: true, force: true });
    else console.log(`Kept ${work}`);
  }
  const out: LoadResult = {
    date: new Date().toISOString(),
    events: n,
    synthetic: 'synthetic volume of real record shapes (__fixtures__/datasets)',
    files,
    gzBytes: bytes,
    boundMb: RSS_BOUND_MB,
    boundMet: paths.every((p) => p.boundMet && p.exitCode === 0 && p.events === n),
    paths,
    parentPeakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  console.log('path                          exit     events   seconds   events/s   peak RSS   < 400 MB');
  for (const p of paths) {
    console.log(
      `${p.path.padEnd(29)} ${String(p.exitCode).padStart(4)} ${p.events.toLocaleString('en').padStart(10)} ${(p.ms / 1000).toFixed(1).padStart(9)} ${p.eventsPerSecond.toLocaleString('en').padStart(10)} ${`${p.peakRssMb} MB`.padStart(10)}   ${p.boundMet ? 'yes' : 'NO'}`,
    );
    console.log(
      `  ${p.command}; verdict ${p.verdict ?? '?'}, analysis ${p.analysis ?? '?'}, findings ${p.findings ?? '?'}${p.note ? `; ${p.note}` : ''}`,
    );
  }
  console.log(
    `Parent (generator + twin) peak RSS: ${out.parentPeakRssMb} MB (not bounded: the twin stands in for AWS).`,
  );
  console.log(`Bound met on every path with every event read: ${out.boundMet ? 'yes' : 'NO'}`);
  const json = arg('json');
  if (json) writeFileSync(json, JSON.stringify(out, null, 2) + '\n');
  if (!out.boundMet) process.exitCode = 1;
}

await main();
