/**
 * Athena benchmark (not a test): the whole CLI, rules-only, over N synthetic events (1,000,000 by default) in the
 * twin's trail archive, `--source athena` beside `--source s3` in the same run. Prints, per side: events per second
 * of the whole run, the runner's CPU time (user + system of the CLI process), and for Athena the rows returned per
 * event, the queries and the bytes scanned.
 *
 *   npm run bench:athena -- [--events N] [--rounds 1] [--mix attack|trail]
 *
 * The twin runs Athena's SQL on an embedded DuckDB in THIS process, on the same cores as the runner: its speed is not
 * Athena's, and its wall time is part of the Athena side's events per second. The figures that carry over to AWS
 * are the rows returned per event and the runner's CPU time (what the runner itself spends on the window). The
 * volume is SYNTHETIC (bench/synthetic.ts); the record shapes are the REAL CloudTrail records of
 * __fixtures__/datasets. `--mix trail` draws 1% of the records from shapes the rule pack flags and the rest from
 * shapes it does not (as bench:e2e's trail mix); the default draws every shape alike, so about half the events are
 * candidates. Compare only figures of one run: other work on the machine moves them.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTwin } from '../twin/server.js';
import { DEFAULT_START_MS, DEFAULT_WINDOW_MS, ROOT, SyntheticVolume } from './synthetic.js';
import { USAGE_OUT, USAGE_SCRIPT, USAGE_WRAPPER, iso } from './usage.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const events = Number(arg('events', '1000000'));
const rounds = Number(arg('rounds', '1'));
const mix = arg('mix', 'attack');
if (mix !== 'attack' && mix !== 'trail') throw new Error(`--mix takes attack or trail, not "${mix}"`);
if (!Number.isInteger(events) || events <= 0) throw new Error('--events takes a positive whole number');
if (!Number.isInteger(rounds) || rounds <= 0) throw new Error('--rounds takes a positive whole number');

interface Side {
  name: string;
  wallMs: number;
  cpuMs: number;
  rssMb: number;
  report: {
    stats: { totalEvents: number };
    findings: { ruleId?: string; id: string; count: number }[];
    warnings: string[];
    sources: {
      athena?: {
        rowsReturned: number;
        queries: number;
        bytesScanned: number;
        costUsd: number;
        candidates: number;
      };
    }[];
  };
}

async function run(url: string, dir: string, name: string, source: string[]): Promise<Side> {
  const out = path.join(dir, `${name}.usage.json`);
  const wrapper = path.join(dir, 'wrapper.mjs');
  writeFileSync(wrapper, USAGE_WRAPPER);
  const reportPath = path.join(dir, `${name}.json`);
  const args = [
    path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
    wrapper,
    'analyze',
    ...source,
    '--engine',
    'rules-only',
    '--start-time',
    iso(DEFAULT_START_MS),
    '--end-time',
    iso(DEFAULT_START_MS + DEFAULT_WINDOW_MS),
    '--fail-on',
    'none',
    '--report-path',
    reportPath,
    '--output',
    path.join(dir, `${name}.md`),
  ];
  const started = Date.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      AWS_ENDPOINT_URL: url,
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      AWS_REGION: 'us-east-1',
      [USAGE_OUT]: out,
      [USAGE_SCRIPT]: path.join(ROOT, 'src/cli.ts'),
    },
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const wallMs = Date.now() - started;
  if (code !== 0) throw new Error(`${name}: the CLI exited ${String(code)}:\n${stderr}`);
  const usage = JSON.parse(readFileSync(out, 'utf8')) as { maxRssKb: number; cpuUs: number };
  return {
    name,
    wallMs,
    cpuMs: usage.cpuUs / 1000,
    rssMb: usage.maxRssKb / 1024,
    report: JSON.parse(readFileSync(reportPath, 'utf8')) as Side['report'],
  };
}

const volume = new SyntheticVolume(mix === 'trail' ? { events, attackShare: 0.01 } : { events });
const records = [...volume.chunks()]
  .flat()
  // Placeholder regions (`...`) are no folder a trail writes, and no partition projection can address.
  .filter((r) => typeof r.awsRegion !== 'string' || r.awsRegion === '' || /^[a-z0-9-]+$/.test(r.awsRegion));
const dir = mkdtempSync(path.join(tmpdir(), 'trailsight-bench-athena-'));
console.log(`Loading ${records.length} synthetic events (${mix} mix) into the twin's archive…`);
const twin = await startTwin({
  port: 0,
  events: records,
  now: () => DEFAULT_START_MS + DEFAULT_WINDOW_MS + 3_600_000,
});
try {
  // The twin loads the archive into its table on the first query; load it now, so neither side pays for it.
  const sync = await fetch(`${twin.url}/_twin/athena/sync`, { method: 'POST' });
  console.log(`Twin table loaded: ${JSON.stringify(await sync.json())}`);
  const best = new Map<string, Side>();
  for (let r = 0; r < rounds; r++) {
    for (const [name, source] of [
      ['s3', ['--source', 's3', '--trail-bucket', 'twin-cloudtrail']],
      ['athena', ['--source', 'athena', '--athena-table', 'default.cloudtrail_logs']],
    ] as const) {
      const side = await run(twin.url, dir, name, [...source]);
      const prev = best.get(name);
      if (!prev || side.wallMs < prev.wallMs) best.set(name, side);
    }
  }
  const s3 = best.get('s3') as Side;
  const athena = best.get('athena') as Side;
  const n = athena.report.stats.totalEvents;
  const a = athena.report.sources[0]?.athena;
  const line = (s: Side): string =>
    `${s.name.padEnd(7)} ${Math.round(s.report.stats.totalEvents / (s.wallMs / 1000))
      .toLocaleString('en-US')
      .padStart(9)} events/s  wall ${(s.wallMs / 1000).toFixed(1).padStart(6)} s  runner CPU ${(
      s.cpuMs / 1000
    )
      .toFixed(1)
      .padStart(6)} s  peak RSS ${Math.round(s.rssMb)} MB  findings ${s.report.findings.length}`;
  console.log(
    `\n${n.toLocaleString('en-US')} events (synthetic), rules-only, fastest of ${rounds} round(s):`,
  );
  console.log(line(s3));
  console.log(line(athena));
  if (a)
    console.log(
      `athena  ${a.queries} queries, ${a.rowsReturned.toLocaleString('en-US')} rows returned = ${(a.rowsReturned / n).toFixed(3)} rows per event (${a.candidates.toLocaleString('en-US')} candidate events), ${(a.bytesScanned / 1024 ** 2).toFixed(1)} MB scanned ($${a.costUsd.toFixed(4)} at $5/TB)`,
    );
  // The two sides must find the same: any rule whose findings (ids and counts) differ is named.
  const byRule = (side: Side): Map<string, string[]> => {
    const m = new Map<string, string[]>();
    for (const f of side.report.findings) {
      const list = m.get(f.ruleId ?? 'ai') ?? [];
      list.push(`${f.id}:${f.count}`);
      m.set(f.ruleId ?? 'ai', list);
    }
    return m;
  };
  const rs3 = byRule(s3);
  const rathena = byRule(athena);
  const differ = [...new Set([...rs3.keys(), ...rathena.keys()])].filter(
    (r) => (rs3.get(r) ?? []).sort().join() !== (rathena.get(r) ?? []).sort().join(),
  );
  console.log(
    differ.length === 0
      ? 'findings: identical on both sides (ids and counts)'
      : `findings DIFFER for ${differ.map((r) => `${r} (s3 ${rs3.get(r)?.length ?? 0}, athena ${rathena.get(r)?.length ?? 0})`).join(', ')}`,
  );
  for (const side of [s3, athena])
    for (const w of side.report.warnings) console.log(`${side.name} warning: ${w.slice(0, 300)}`);
  console.log(
    `runner CPU: athena ${(athena.cpuMs / s3.cpuMs).toFixed(2)} x the s3 side's. The twin's DuckDB shares these cores and is not Athena: events/s of the athena side is not Athena's speed; rows per event and the runner's CPU carry over.`,
  );
} finally {
  await twin.close();
  rmSync(dir, { recursive: true, force: true });
}
