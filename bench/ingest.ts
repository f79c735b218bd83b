/**
 * Ingest benchmark (not a test): events/s and peak RSS of the `file` and `s3` (twin) sources beside a bare
 * baseline (gunzip + JSON.parse of the same files, nothing else), all measured in this run.
 *
 *   npm run bench:ingest -- [--events N] [--per-file N] [--keep]
 *
 * Each measurement runs in its own child process so that its peak RSS is its own. The volume is synthetic; the
 * record shapes are the real CloudTrail records in __fixtures__/datasets.
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Config } from '../src/config/types.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const ACCOUNT = '123456789012';
const REGIONS = ['us-east-1', 'eu-west-1'];
const WINDOW_START = Date.parse('2024-03-01T00:00:00Z');
const WINDOW_MS = 24 * 3_600_000;

interface PhaseResult {
  phase: string;
  events: number;
  ms: number;
  maxRssMb: number;
  note?: string;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} takes a positive number`);
  return Math.floor(v);
}

function shapes(): Record<string, unknown>[] {
  const dir = path.join(ROOT, '__fixtures__', 'datasets');
  const out: Record<string, unknown>[] = [];
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    if (!d.isDirectory()) continue;
    for (const line of readFileSync(path.join(dir, d.name, 'events.jsonl'), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as Record<string, unknown>;
      // Only shapes a trail would deliver: a time and a name (examples with "..." placeholders are left out).
      if (typeof r.eventName === 'string' && typeof r.eventTime === 'string' && /^\d{4}-/.test(r.eventTime))
        out.push(r);
    }
  }
  return out;
}

/** Writes N synthetic events (real shapes, fresh ids/times, pooled principals and IPs) as a gzipped trail archive. */
function generate(dir: string, n: number, perFile: number): { files: string[]; bytes: number } {
  const pool = shapes();
  const identities = pool.map((r) => r.userIdentity).filter((u) => u && typeof u === 'object');
  const ips = Array.from({ length: 200 }, (_, i) => `198.51.${Math.floor(i / 100)}.${(i % 100) + 1}`);
  const files: string[] = [];
  let bytes = 0;
  let i = 0;
  while (i < n) {
    const count = Math.min(perFile, n - i);
    const region = REGIONS[files.length % REGIONS.length] as string;
    const recs: Record<string, unknown>[] = [];
    for (let k = 0; k < count; k++, i++) {
      const shape = pool[i % pool.length] as Record<string, unknown>;
      // CloudTrail writes eventVersion first in every record; some fixture lines were re-ordered by their tools.
      recs.push({
        eventVersion: shape.eventVersion ?? '1.08',
        ...shape,
        eventID: randomUUID(),
        eventTime: new Date(WINDOW_START + Math.floor((i / n) * WINDOW_MS))
          .toISOString()
          .replace('.000Z', 'Z'),
        awsRegion: region,
        recipientAccountId: ACCOUNT,
        sourceIPAddress: ips[(i * 7) % ips.length],
        userIdentity: identities[(i * 13) % identities.length],
      });
    }
    const last = Date.parse(recs[recs.length - 1]?.eventTime as string);
    const delivered = new Date(Math.ceil((last + 1) / 300_000) * 300_000);
    const iso = delivered.toISOString();
    const day = `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}`;
    const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
    const rel = `AWSLogs/${ACCOUNT}/CloudTrail/${region}/${day}/${ACCOUNT}_CloudTrail_${region}_${stamp}_${String(files.length).padStart(16, '0')}.json.gz`;
    const full = path.join(dir, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    const gz = gzipSync(JSON.stringify({ Records: recs }), { level: 6 });
    writeFileSync(full, gz);
    bytes += gz.length;
    files.push(full);
  }
  return { files, bytes };
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (f.endsWith('.json.gz')) out.push(f);
    }
  };
  walk(dir);
  return out.sort();
}

function maxRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function baselinePhase(dir: string): Promise<PhaseResult> {
  const t = performance.now();
  let events = 0;
  for (const f of listFiles(dir)) {
    const doc = JSON.parse(gunzipSync(await readFile(f)).toString('utf8')) as { Records: unknown[] };
    events += doc.Records.length;
  }
  return { phase: 'baseline', events, ms: performance.now() - t, maxRssMb: maxRssMb() };
}

async function sourcePhase(kind: 'file' | 's3', dir: string, twinUrl?: string): Promise<PhaseResult> {
  const { openEventStream } = await import('../src/sources/index.js');
  const { createClientFactory } = await import('../src/aws/clients.js');
  const { realClock } = await import('../src/types.js');
  if (twinUrl) process.env.AWS_ENDPOINT_URL = twinUrl;
  const clients = createClientFactory({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' },
    env: twinUrl ? { AWS_ENDPOINT_URL: twinUrl } : {},
  });
  const quiet = {
    debug: () => {},
    info: () => {},
    warning: (m: string) => console.error(`warning: ${m}`),
    error: (m: string) => console.error(m),
  };
  const config = {
    window: {
      kind: 'fixed',
      start: new Date(WINDOW_START),
      end: new Date(WINDOW_START + WINDOW_MS),
      lookbackMs: WINDOW_MS,
      statePrefix: '',
    },
    source: {
      kind,
      regions: kind === 's3' ? REGIONS : [],
      trailBucket: 'twin-cloudtrail',
      trailPrefix: '',
      accounts: kind === 's3' ? [ACCOUNT] : [],
      eventsFiles: [path.join(dir, 'AWSLogs', '**', '*.json.gz')],
      maxEvents: 0,
    },
    filters: {
      includeServices: [],
      excludeServices: [],
      includePrincipals: [],
      excludePrincipals: [],
      includeEvents: [],
      excludeEvents: [],
      includeReadOnly: true,
    },
  } as unknown as Config;
  const t = performance.now();
  const stream = openEventStream(config, { clients, logger: quiet, clock: realClock });
  let events = 0;
  for await (const e of stream.events) if (e.timeMs > 0) events++;
  const ms = performance.now() - t;
  const c = stream.counts();
  const incomplete = stream.reports().filter((r) => !r.complete).length;
  return {
    phase: kind,
    events,
    ms,
    maxRssMb: maxRssMb(),
    note: `read ${c.read}, duplicates ${c.duplicates}, skipped ${c.skipped}, ${incomplete} incomplete scopes`,
  };
}

function runChild(args: string[]): Promise<PhaseResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), args, {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    });
    let result: PhaseResult | undefined;
    child.on('message', (m) => (result = m as PhaseResult));
    child.on('error', reject);
    child.on('exit', (code) =>
      result && code === 0 ? resolve(result) : reject(new Error(`${args.join(' ')} exited ${code}`)),
    );
  });
}

async function child(): Promise<void> {
  const phase = process.argv[process.argv.indexOf('--phase') + 1] as string;
  const dir = process.argv[process.argv.indexOf('--dir') + 1] as string;
  const url = process.argv.includes('--twin') ? process.argv[process.argv.indexOf('--twin') + 1] : undefined;
  const r =
    phase === 'baseline' ? await baselinePhase(dir) : await sourcePhase(phase as 'file' | 's3', dir, url);
  process.send?.(r);
}

async function main(): Promise<void> {
  const n = arg('events', 1_000_000);
  const perFile = arg('per-file', 2000);
  const dir = mkdtempSync(path.join(tmpdir(), 'trailsight-bench-'));
  console.log(`TrailSight ingest benchmark: ${n.toLocaleString('en')} events.`);
  console.log(
    'The volume is SYNTHETIC; the record shapes are REAL CloudTrail records from __fixtures__/datasets',
  );
  console.log('(fresh event ids, times spread over 24 h, principals and source IPs drawn from a pool).');
  const g0 = performance.now();
  const { files, bytes } = generate(dir, n, perFile);
  console.log(
    `Generated ${files.length} gzipped archive files (${(bytes / 1e6).toFixed(1)} MB) in ${((performance.now() - g0) / 1000).toFixed(1)} s under ${dir}\n`,
  );

  const { startTwin } = await import('../twin/server.js');
  const twin = await startTwin({ port: 0, events: [] });
  for (const f of files)
    twin.ctx.store.put('twin-cloudtrail', path.relative(dir, f).split(path.sep).join('/'), readFileSync(f));

  const results: PhaseResult[] = [];
  try {
    results.push(await runChild(['--phase', 'baseline', '--dir', dir]));
    results.push(await runChild(['--phase', 'file', '--dir', dir]));
    results.push(await runChild(['--phase', 's3', '--dir', dir, '--twin', twin.url]));
  } finally {
    await twin.close();
    if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
  }
  const base = results[0] as PhaseResult;
  const rate = (r: PhaseResult): number => r.events / (r.ms / 1000);
  console.log('phase      events      seconds   events/s   vs baseline   peak RSS');
  for (const r of results) {
    console.log(
      `${r.phase.padEnd(9)} ${String(r.events).padStart(9)} ${(r.ms / 1000).toFixed(2).padStart(10)} ${Math.round(rate(r)).toLocaleString('en').padStart(10)} ${`${((rate(r) / rate(base)) * 100).toFixed(0)}%`.padStart(13)} ${`${r.maxRssMb} MB`.padStart(10)}`,
    );
  }
  for (const r of results) if (r.note) console.log(`  ${r.phase}: ${r.note}`);
  console.log("\nTargets: file and s3 at >= 60% of the baseline's events/s; peak RSS < 400 MB.");
  console.log(
    'Baseline: read, gunzip and JSON.parse each file in turn, nothing else. The s3 phase reads through the',
  );
  console.log(
    'local AWS twin (an HTTP server in the parent process), so it also pays HTTP and SigV4 on loopback.',
  );
}

if (process.argv.includes('--phase')) await child();
else await main();
