/**
 * Detect benchmark (not a test): events/s of normalise + the whole built-in rule pack and statistics, beside the
 * normalise-only baseline and a gunzip + JSON.parse baseline, all measured in this run.
 *
 *   npm run bench:detect -- [--events N] [--parse-events N] [--chunk N]
 *
 * The volume is synthetic; the record shapes are the real CloudTrail records in __fixtures__/datasets (see
 * bench/synthetic.ts). Records are generated chunk by chunk outside the timed sections, so the figures are the
 * cost of the code under test, not of the generator.
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
  /** Largest RSS sampled during the phase (MB). */
  peakRssMb: number;
}

const rate = (p: Phase): number => p.events / (p.ms / 1000);
const mb = (bytes: number): number => Math.round(bytes / 1_048_576);

const quiet: Logger = { debug: () => {}, info: () => {}, warning: () => {}, error: (m) => console.error(m) };

/** RSS sampled at every chunk boundary (cheap; the timed loops themselves are never interrupted). */
class RssPeak {
  peak = 0;
  sample(): void {
    const r = process.memoryUsage.rss();
    if (r > this.peak) this.peak = r;
  }
}

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
function normalisePhase(vol: SyntheticVolume, chunk: number): Phase {
  const rss = new RssPeak();
  let ms = 0;
  let events = 0;
  let sink = 0;
  for (const recs of vol.chunks(chunk)) {
    const t = performance.now();
    for (const r of recs) {
      const n = normalizeRecord(r);
      // Touch the result so the work cannot be optimised away.
      if (n.event) {
        events++;
        sink += n.event.timeMs & 1;
      }
    }
    ms += performance.now() - t;
    rss.sample();
  }
  if (sink < 0) console.log(sink);
  return { name: 'normalise only', events, ms, peakRssMb: mb(rss.peak) };
}

/** (b) normalise + every built-in rule + statistics, including finish(). */
async function packPhase(
  vol: SyntheticVolume,
  chunk: number,
): Promise<{ phase: Phase; result: DetectResult; rules: number }> {
  const d = await detector(vol);
  const rss = new RssPeak();
  let ms = 0;
  let events = 0;
  for (const recs of vol.chunks(chunk)) {
    const t = performance.now();
    for (const r of recs) {
      const n = normalizeRecord(r);
      if (n.event) {
        events++;
        d.observe(n.event);
      }
    }
    ms += performance.now() - t;
    rss.sample();
  }
  const t = performance.now();
  const result = d.finish();
  ms += performance.now() - t;
  rss.sample();
  return {
    phase: { name: 'normalise + pack + stats', events, ms, peakRssMb: mb(rss.peak) },
    result,
    rules: result.rulesLoaded,
  };
}

/** (c) gunzip + JSON.parse of trail files (`{"Records":[...]}`, as CloudTrail delivers them), on a sample. */
function parsePhase(vol: SyntheticVolume, sample: number, perFile: number): Phase & { gzMb: number } {
  const sub = new SyntheticVolume({ events: sample, startMs: vol.startMs, windowMs: vol.windowMs });
  const rss = new RssPeak();
  let ms = 0;
  let events = 0;
  let gz = 0;
  for (const recs of sub.chunks(perFile)) {
    const file = gzipSync(JSON.stringify({ Records: recs }), { level: 6 });
    gz += file.length;
    const t = performance.now();
    const doc = JSON.parse(gunzipSync(file).toString('utf8')) as { Records: unknown[] };
    events += doc.Records.length;
    ms += performance.now() - t;
    rss.sample();
  }
  return { name: 'gunzip + JSON.parse', events, ms, peakRssMb: mb(rss.peak), gzMb: gz / 1e6 };
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
  const warm = new SyntheticVolume({ events: 20_000 });
  normalisePhase(warm, chunk);
  await packPhase(warm, chunk);

  const wall = performance.now();
  const a = normalisePhase(vol, chunk);
  const b = await packPhase(vol, chunk);
  const c = parsePhase(vol, parseN, 2000);
  const wallS = (performance.now() - wall) / 1000;

  const rows: [Phase, string][] = [
    [c, `${c.events.toLocaleString('en')}-event sample, ${c.gzMb.toFixed(1)} MB gzipped`],
    [a, ''],
    [b.phase, `${b.rules} rules`],
  ];
  console.log('phase                       events     seconds     events/s   peak RSS   note');
  for (const [p, note] of rows) {
    console.log(
      `${p.name.padEnd(25)} ${String(p.events).padStart(9)} ${(p.ms / 1000).toFixed(2).padStart(10)} ${Math.round(rate(p)).toLocaleString('en').padStart(12)} ${`${p.peakRssMb} MB`.padStart(10)}   ${note}`,
    );
  }

  const ratio = rate(b.phase) / rate(a);
  // Per-event cost of a whole ingest (parse + normalise) with and without the pack: the figure a run actually sees.
  const perParse = c.ms / c.events;
  const ingest = 1000 / (perParse + a.ms / a.events);
  const withPack = 1000 / (perParse + b.phase.ms / b.phase.events);
  const res = b.result;
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
    `peak RSS of the process: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB; measured phases took ${wallS.toFixed(1)} s (generation included).`,
  );
  console.log(
    '\nTarget (issue 5): the whole pack may cost at most half of the ingest throughput, i.e. ingest + pack >= 50% of ingest alone.',
  );
}

await main();
