/**
 * Detect benchmark (not a test): events/s of normalise + the whole built-in rule pack and statistics, beside the
 * normalise-only baseline and a gunzip + JSON.parse baseline, all measured in this run.
 *
 *   npm run bench:detect -- [--events N] [--parse-events N] [--chunk N]
 *
 * The volume is synthetic; the record shapes are the real CloudTrail records in __fixtures__/datasets (see
 * bench/synthetic.ts). Records are generated chunk by chunk outside the timed sections, so the figures are the
 * cost of the code under test, not of the generator. The phases take turns chunk by chunk (see measure()): on a
 * shared machine, phases run one after another can land in quiet and busy spells and skew the ratio.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { readConfig } from '../src/config/index.js';
import { createDetector, type DetectResult, type Detector } from '../src/detect/index.js';
import { normalizeRecord } from '../src/sources/normalize.js';
import type { Logger } from '../src/types.js';
import { realClock } from '../src/types.js';
import { SyntheticVolume } from './synthetic.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} takes a positive number`);
  return Math.floor(v);
}

interface Phase {
  name: string;
  events: number;
  ms: number;
}

const rate = (p: Phase): number => p.events / (p.ms / 1000);
const mb = (bytes: number): number => Math.round(bytes / 1_048_576);

const quiet: Logger = { debug: () => {}, info: () => {}, warning: () => {}, error: (m) => console.error(m) };

async function detector(vol: SyntheticVolume): Promise<Detector> {
  const start = new Date(vol.startMs).toISOString();
  const end = new Date(vol.startMs + vol.windowMs).toISOString();
  const config = readConfig(
    {
      source: 'file',
      'events-file': 'bench.jsonl',
      engine: 'rules-only',
      'report-to': 'summary',
      'start-time': start,
      'end-time': end,
      // Set so that the allowed-regions rule is on too: the whole pack runs.
      'allowed-regions': 'us-east-1,us-west-2,eu-west-1',
    },
    { now: new Date(vol.startMs + vol.windowMs + 3_600_000) },
  );
  return createDetector(config, { logger: quiet, clock: realClock });
}

/** (a) raw record object -> TrailEvent, nothing else. */
function normaliseOnly(recs: readonly unknown[], into: Phase): void {
  let sink = 0;
  const t = performance.now();
  for (const r of recs) {
    const n = normalizeRecord(r);
    // Touch the result so the work cannot be optimised away.
    if (n.event) {
      into.events++;
      sink += n.event.timeMs & 1;
    }
  }
  into.ms += performance.now() - t;
  if (sink < 0) console.log(sink);
}

/** (b) normalise + every built-in rule + statistics. */
function normaliseAndPack(recs: readonly unknown[], d: Detector, into: Phase): void {
  const t = performance.now();
  for (const r of recs) {
    const n = normalizeRecord(r);
    if (n.event) {
      into.events++;
      d.observe(n.event);
    }
  }
  into.ms += performance.now() - t;
}

/** (c) gunzip + JSON.parse of trail files (`{"Records":[...]}`, as CloudTrail delivers them); gzip is not timed. */
function parseFiles(recs: readonly unknown[], perFile: number, into: Phase & { gzBytes: number }): void {
  for (let i = 0; i < recs.length; i += perFile) {
    const file = gzipSync(JSON.stringify({ Records: recs.slice(i, i + perFile) }), { level: 6 });
    into.gzBytes += file.length;
    const t = performance.now();
    const doc = JSON.parse(gunzipSync(file).toString('utf8')) as { Records: unknown[] };
    into.events += doc.Records.length;
    into.ms += performance.now() - t;
  }
}

/**
 * The three phases, interleaved chunk by chunk so that a slow spell of the machine falls on all of them alike:
 * each chunk is generated afresh for (a) and for (b), in alternating order, and every `parseEvery`-th chunk is also
 * parsed. Generation is never timed.
 */
async function measure(
  vol: SyntheticVolume,
  chunk: number,
  parseEvery: number,
): Promise<{ a: Phase; b: Phase; c: Phase & { gzBytes: number }; result: DetectResult }> {
  const d = await detector(vol);
  const a: Phase = { name: 'normalise only', events: 0, ms: 0 };
  const b: Phase = { name: 'normalise + pack + stats', events: 0, ms: 0 };
  const c = { name: 'gunzip + JSON.parse', events: 0, ms: 0, gzBytes: 0 };
  let k = 0;
  for (let from = 0; from < vol.events; from += chunk, k++) {
    const count = Math.min(chunk, vol.events - from);
    if (k % 2 === 0) {
      normaliseOnly(vol.chunk(from, count), a);
      normaliseAndPack(vol.chunk(from, count), d, b);
    } else {
      normaliseAndPack(vol.chunk(from, count), d, b);
      normaliseOnly(vol.chunk(from, count), a);
    }
    if (k % parseEvery === 0) parseFiles(vol.chunk(from, count), 2000, c);
  }
  const t = performance.now();
  const result = d.finish();
  b.ms += performance.now() - t;
  return { a, b, c, result };
}

async function main(): Promise<void> {
  const n = arg('events', 1_000_000);
  const chunk = arg('chunk', 10_000);
  const parseN = Math.min(n, arg('parse-events', 200_000));
  const vol = new SyntheticVolume({ events: n });
  console.log(`TrailSight detect benchmark: ${n.toLocaleString('en')} events.`);
  console.log(
    `The volume is SYNTHETIC; the record shapes are REAL (${vol.shapes.length} CloudTrail records from __fixtures__/datasets):`,
  );
  console.log(
    `fresh event ids, times spread over 24 h, ${vol.identities.length} principals and ${vol.ips.length} source IPs from a skewed pool.`,
  );
  console.log(
    'Every shape is equally likely, so security-relevant calls are far more common than in a real trail (a harsh load for the rules).\n',
  );

  // Warm the JIT on a small volume so neither measured phase pays for compilation the other does not.
  await measure(new SyntheticVolume({ events: 20_000 }), chunk, 5);

  const wall = performance.now();
  const parseEvery = Math.max(1, Math.round(n / parseN));
  const { a, b, c, result: res } = await measure(vol, chunk, parseEvery);
  const wallS = (performance.now() - wall) / 1000;

  const rows: [Phase, string][] = [
    [c, `1 chunk in ${parseEvery}, ${(c.gzBytes / 1e6).toFixed(1)} MB gzipped`],
    [a, ''],
    [b, `${res.rulesLoaded} rules`],
  ];
  console.log('phase                       events     seconds     events/s   note');
  for (const [p, note] of rows) {
    console.log(
      `${p.name.padEnd(25)} ${String(p.events).padStart(9)} ${(p.ms / 1000).toFixed(2).padStart(10)} ${Math.round(rate(p)).toLocaleString('en').padStart(12)}   ${note}`,
    );
  }

  const ratio = rate(b) / rate(a);
  // Per-event cost of a whole ingest (parse + normalise) with and without the pack: the figure a run actually sees.
  const perParse = c.ms / c.events;
  const ingest = 1000 / (perParse + a.ms / a.events);
  const withPack = 1000 / (perParse + b.ms / b.events);
  console.log('');
  const share = withPack / ingest;
  console.log(
    `ingest (parse + normalise): ${Math.round(ingest).toLocaleString('en')} events/s; ingest + pack: ${Math.round(withPack).toLocaleString('en')} events/s = ${(share * 100).toFixed(0)}% of ingest (target >= 50%: ${share >= 0.5 ? 'met' : 'NOT met'})`,
  );
  console.log(
    `(beside normalise alone, without parsing: the pack runs at ${(ratio * 100).toFixed(0)}% of its events/s)`,
  );
  console.log(
    `findings: ${res.findings.length} (+${res.suppressed.length} suppressed), statistics approximate: ${res.stats.approximate}, warnings: ${res.warnings.length}`,
  );
  console.log(
    `peak RSS of the process: ${mb(process.resourceUsage().maxRSS * 1024)} MB; the interleaved phases took ${wallS.toFixed(1)} s (generation and gzip included).`,
  );
  console.log(
    '\nTarget (issue 5): the whole pack may cost at most half of the ingest throughput, i.e. ingest + pack >= 50% of ingest alone.',
  );
}

await main();
