/**
 * End-to-end ingest benchmark (not a test): the whole CLI, rules-only, over N events (1,000,000 by default) in
 * gzipped trail files, beside the bare ceiling of the same files in the same run: gunzip + one `JSON.parse` of
 * each whole file, nothing else. Prints the ratio (ceiling time / CLI time) and each side's peak RSS.
 *
 *   npm run bench:e2e -- [--events N] [--files 100,500] [--mix trail,attack] [--rounds 2] [--bounds] [--keep]
 *
 * `--bounds` measures two more sides in each round, to tell where the time goes and what a design could reach:
 * the CLI with every built-in rule turned off (reading, parsing, de-duplication and statistics alone), and the
 * CLI as two processes started together, each over half the files (wall time until both end, CPU time summed,
 * the larger peak RSS): no design that splits the same work between two threads of one process does better than
 * that, since it adds no work for crossing between them.
 *
 * Each measurement is its own child process (its peak RSS is its own getrusage maxRSS); the two sides take turns
 * for `--rounds` rounds and the fastest run of each side is reported, so a busy machine slows both alike. CPU time
 * (user + system) is printed too: it moves less than wall time when other work shares the cores. The volume is
 * SYNTHETIC; the record shapes are the REAL CloudTrail records of __fixtures__/datasets, written as CloudTrail
 * writes its files (compact, `eventVersion` first in every record). Two mixes (see MIXES): `trail`, 1% of records
 * from shapes the rule pack flags and the rest from shapes it does not, each made by a caller of the kind that made
 * the recorded call and never by the root user (a day of a real account with an attack in it), and `attack`, every shape alike (the datasets are mostly attack recordings: a third of the records are
 * flagged, thousands of findings; the detector's worst case).
 */
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { builtinRules } from '../src/detect/index.js';
import { DEFAULT_START_MS, DEFAULT_WINDOW_MS, ROOT, SyntheticVolume } from './synthetic.js';
import { USAGE_OUT, USAGE_SCRIPT, USAGE_WRAPPER, iso } from './usage.js';

/** The bar of the ingest issue: the CLI at 0.6 of the bare parse ceiling or better, within 256 MB. */
const RATIO_TARGET = 0.6;
const RSS_TARGET_MB = 256;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function positive(name: string, raw: string): number {
  const v = Number(raw);
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} takes positive whole numbers, not "${raw}"`);
  return v;
}

// The ceiling: read, gunzip and JSON.parse each whole file, counting records; nothing else.
const CEILING = `import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
const dir = process.argv[2];
let n = 0;
for (const f of readdirSync(dir).sort()) n += JSON.parse(gunzipSync(readFileSync(join(dir, f))).toString('utf8')).Records.length;
process.stdout.write(String(n));
`;

/** CloudTrail writes `eventVersion` first in every record; the fixtures' tools did not always keep that order. */
function trailOrder(rec: Record<string, unknown>): Record<string, unknown> {
  const { eventVersion, ...rest } = rec;
  return { eventVersion: eventVersion ?? '1.08', ...rest };
}

/** The record mixes: the share of records drawn from shapes the rule pack flags (undefined: every shape alike). */
const MIXES: Record<string, number | undefined> = { trail: 0.01, attack: undefined };

function generate(dir: string, n: number, files: number, attackShare: number | undefined): number {
  const vol = new SyntheticVolume(attackShare === undefined ? { events: n } : { events: n, attackShare });
  const perFile = Math.ceil(n / files);
  let bytes = 0;
  let k = 0;
  for (const chunk of vol.chunks(perFile)) {
    const gz = gzipSync(JSON.stringify({ Records: chunk.map(trailOrder) }), { level: 6 });
    writeFileSync(
      path.join(dir, `123456789012_CloudTrail_us-east-1_${String(k++).padStart(6, '0')}.json.gz`),
      gz,
    );
    bytes += gz.length;
  }
  return bytes;
}

interface Run {
  ms: number;
  cpuMs: number;
  rssMb: number;
  events: number;
  exitCode: number | null;
}

async function measure(
  work: string,
  wrapper: string,
  script: string,
  args: string[],
  events: () => number,
  tag = '',
): Promise<Run> {
  const out = path.join(work, `usage${tag}.json`);
  rmSync(out, { force: true });
  const t = performance.now();
  let stderr = '';
  const exitCode = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [wrapper, ...args], {
      cwd: work,
      env: { ...process.env, [USAGE_OUT]: out, [USAGE_SCRIPT]: script, NODE_NO_WARNINGS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) =>
      writeFileSync(path.join(work, `stdout${tag}.txt`), d, { flag: 'a' }),
    );
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    child.on('close', (code) => resolve(code));
  });
  const ms = performance.now() - t;
  if (exitCode !== 0) console.error(stderr);
  const usage = JSON.parse(readFileSync(out, 'utf8')) as { maxRssKb: number; cpuUs: number };
  return {
    ms,
    cpuMs: usage.cpuUs / 1000,
    rssMb: Math.round(usage.maxRssKb / 1024),
    events: events(),
    exitCode,
  };
}

const best = (runs: Run[], key: 'ms' | 'cpuMs'): number => Math.min(...runs.map((r) => r[key]));

/** Two runs started together, as one: until both end, their CPU summed, the larger peak RSS, their events summed. */
async function together(a: Promise<Run>, b: Promise<Run>): Promise<Run> {
  const t = performance.now();
  const [x, y] = await Promise.all([a, b]);
  return {
    ms: performance.now() - t,
    cpuMs: x.cpuMs + y.cpuMs,
    rssMb: Math.max(x.rssMb, y.rssMb),
    events: x.events + y.events,
    exitCode: x.exitCode !== 0 ? x.exitCode : y.exitCode,
  };
}

/** The files of `data` in two folders of hard links, every other file in each (the halves of --bounds). */
function halves(data: string): [string, string] {
  const out: [string, string] = [`${data}-a`, `${data}-b`];
  for (const d of out) mkdirSync(d);
  readdirSync(data)
    .sort()
    .forEach((f, i) => linkSync(path.join(data, f), path.join(out[i % 2] as string, f)));
  return out;
}

async function main(): Promise<void> {
  const n = positive('events', arg('events') ?? '1000000');
  const fileCounts = (arg('files') ?? '100,500').split(',').map((f) => positive('files', f.trim()));
  const rounds = positive('rounds', arg('rounds') ?? '2');
  const mixes = (arg('mix') ?? 'trail,attack').split(',').map((m) => m.trim());
  const bounds = process.argv.includes('--bounds');
  const allRules = builtinRules()
    .map((r) => r.id)
    .join(',');
  for (const m of mixes)
    if (!(m in MIXES))
      throw new Error(`--mix takes ${Object.keys(MIXES).join(', ')} (comma-separated), not "${m}"`);
  if (!existsSync(path.join(ROOT, 'dist', 'cli.js')))
    throw new Error('dist/cli.js is missing: run npm run bundle first');
  const work = mkdtempSync(path.join(tmpdir(), 'trailsight-e2e-'));
  // A private copy of the bundle: a rebuild of dist/ while this runs must not pull it away.
  cpSync(path.join(ROOT, 'dist'), path.join(work, 'dist'), { recursive: true });
  const wrapper = path.join(work, 'wrapper.mjs');
  writeFileSync(wrapper, USAGE_WRAPPER);
  const ceiling = path.join(work, 'ceiling.mjs');
  writeFileSync(ceiling, CEILING);
  console.log(
    `TrailSight end to end: ${n.toLocaleString('en')} events, CLI rules-only vs gunzip + JSON.parse.`,
  );
  console.log(
    'The volume is SYNTHETIC; the record shapes are REAL CloudTrail records from __fixtures__/datasets.\n',
  );
  let met = true;
  try {
    for (const mix of mixes)
      for (const files of fileCounts) {
        const data = path.join(work, `${mix}-${files}`);
        mkdirSync(data);
        const bytes = generate(data, n, files, MIXES[mix]);
        const report = path.join(work, `report-${files}.json`);
        const cliArgs = (dir: string, rep: string, tag = ''): string[] => [
          'analyze',
          '--source',
          'file',
          '--events-file',
          path.join(dir, '*.json.gz'),
          '--engine',
          'rules-only',
          '--start-time',
          iso(DEFAULT_START_MS),
          '--end-time',
          iso(DEFAULT_START_MS + DEFAULT_WINDOW_MS),
          '--format',
          'json',
          '--output',
          path.join(work, `out${tag}.json`),
          '--report-path',
          rep,
          '--fail-on',
          'none',
        ];
        const cliScript = path.join(work, 'dist', 'cli.js');
        const readOf = (rep: string) => (): number =>
          (JSON.parse(readFileSync(rep, 'utf8')) as { counts: { eventsRead: number } }).counts.eventsRead;
        const halfDirs = bounds ? halves(data) : undefined;
        const base: Run[] = [];
        const cli: Run[] = [];
        const bare: Run[] = [];
        const split: Run[] = [];
        for (let r = 0; r < rounds; r++) {
          rmSync(path.join(work, 'stdout.txt'), { force: true });
          base.push(
            await measure(work, wrapper, ceiling, [data], () =>
              Number(readFileSync(path.join(work, 'stdout.txt'), 'utf8')),
            ),
          );
          cli.push(await measure(work, wrapper, cliScript, cliArgs(data, report), readOf(report)));
          if (!halfDirs) continue;
          const bareReport = path.join(work, `report-${files}-bare.json`);
          bare.push(
            await measure(
              work,
              wrapper,
              cliScript,
              [...cliArgs(data, bareReport), '--disable-rules', allRules],
              readOf(bareReport),
            ),
          );
          const [ha, hb] = halfDirs;
          const repA = path.join(work, `report-${files}-a.json`);
          const repB = path.join(work, `report-${files}-b.json`);
          split.push(
            await together(
              measure(work, wrapper, cliScript, cliArgs(ha, repA, '-a'), readOf(repA), '-a'),
              measure(work, wrapper, cliScript, cliArgs(hb, repB, '-b'), readOf(repB), '-b'),
            ),
          );
        }
        const findings = (JSON.parse(readFileSync(report, 'utf8')) as { findings: unknown[] }).findings
          .length;
        const ratio = best(base, 'ms') / best(cli, 'ms');
        const cpuRatio = best(base, 'cpuMs') / best(cli, 'cpuMs');
        const rss = Math.max(...cli.map((c) => c.rssMb));
        const allRead =
          cli.every((c) => c.exitCode === 0 && c.events === n) && base.every((b) => b.events === n);
        const ok = ratio >= RATIO_TARGET && rss <= RSS_TARGET_MB && allRead;
        met &&= ok;
        const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
        console.log(
          `${mix} mix, ${files} files (${(bytes / 1e6).toFixed(1)} MB gzipped, ${Math.ceil(n / files).toLocaleString('en')} events each; ${findings.toLocaleString('en')} findings), best of ${rounds}:`,
        );
        console.log(
          `  ceiling  ${s(best(base, 'ms')).padStart(8)} wall ${s(best(base, 'cpuMs')).padStart(8)} CPU  peak RSS ${Math.max(...base.map((b) => b.rssMb))} MB`,
        );
        console.log(
          `  CLI      ${s(best(cli, 'ms')).padStart(8)} wall ${s(best(cli, 'cpuMs')).padStart(8)} CPU  peak RSS ${rss} MB  (${(n / (best(cli, 'ms') / 1000)).toFixed(0)} events/s)`,
        );
        console.log(
          `  ratio ${ratio.toFixed(2)} of the ceiling (CPU ${cpuRatio.toFixed(2)}); target ${RATIO_TARGET} and ${RSS_TARGET_MB} MB: ${ok ? 'met' : 'NOT met'}${allRead ? '' : ' (not every event was read!)'}`,
        );
        const bound = (label: string, runs: Run[]): void => {
          const whole = runs.every((x) => x.exitCode === 0 && x.events === n);
          console.log(
            `  ${label.padEnd(27)} ${s(best(runs, 'ms')).padStart(8)} wall ${s(best(runs, 'cpuMs')).padStart(8)} CPU  peak RSS ${Math.max(...runs.map((x) => x.rssMb))} MB  ratio ${(best(base, 'ms') / best(runs, 'ms')).toFixed(2)}${whole ? '' : ' (not every event was read!)'}`,
          );
        };
        if (bounds) {
          console.log('  bounds:');
          bound('CLI, every rule turned off', bare);
          bound('CLI, two halves at once', split);
        }
        console.log('');
        rmSync(data, { recursive: true, force: true });
        for (const d of halfDirs ?? []) rmSync(d, { recursive: true, force: true });
      }
  } finally {
    if (!process.argv.includes('--keep')) rmSync(work, { recursive: true, force: true });
    else console.log(`Kept ${work}`);
  }
  if (!met) process.exitCode = 1;
}

await main();
