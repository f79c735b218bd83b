/**
 * Statistics benchmark (not a test): the current StatsCollector beside the reference (the collector before the
 * exact-counting rewrite, __tests__/detect/stats-reference.ts) over the same synthetic events, in the same run.
 *
 *   npm run bench:stats -- [--events N] [--chunk N] [--principals N] [--k N]
 *
 * Each chunk of records is parsed and normalised twice, so each collector sees fresh strings (as it does in a real
 * run, where a string's hash is computed by the first table that looks it up); which collector goes first
 * alternates chunk by chunk, so a busy spell on a shared machine slows both alike. At the end both results are
 * compared and the run fails if they differ. Times are CPU times of the observing thread.
 */
import { isDeepStrictEqual } from 'node:util';
import { ReferenceStatsCollector } from '../__tests__/detect/stats-reference.js';
import { StatsCollector, type StatsOptions } from '../src/detect/stats.js';
import { normalizeRecord } from '../src/sources/normalize.js';
import type { TrailEvent } from '../src/types.js';
import { SyntheticVolume } from './synthetic.js';
import { wholeArg as arg } from './usage.js';

const events = arg('events', 1_000_000);
const chunk = arg('chunk', 10_000);
const k = arg('k', 1000);
const vol = new SyntheticVolume({ events, principals: arg('principals', 3000) });
const opts: Partial<StatsOptions> = { k };

function normalised(json: string): TrailEvent[] {
  const out: TrailEvent[] = [];
  for (const rec of JSON.parse(json) as unknown[]) {
    const r = normalizeRecord(rec);
    if (r.event) out.push(r.event);
  }
  return out;
}

const collectors = [
  { name: 'reference', s: new ReferenceStatsCollector(opts), ms: 0 },
  { name: 'current', s: new StatsCollector(opts), ms: 0 },
];
let n = 0;
let turn = 0;
for (const records of vol.chunks(chunk)) {
  const json = JSON.stringify(records);
  const batches = collectors.map(() => normalised(json));
  for (let j = 0; j < collectors.length; j++) {
    const i = (j + turn) % collectors.length;
    const c = collectors[i] as (typeof collectors)[number];
    const batch = batches[i] as TrailEvent[];
    // CPU time, not wall time: on a shared machine the wall clock also counts the time others had the cores.
    const t = process.cpuUsage();
    for (const e of batch) c.s.observe(e);
    const d = process.cpuUsage(t);
    c.ms += (d.user + d.system) / 1000;
  }
  n += (batches[0] as TrailEvent[]).length;
  turn++;
}
const results = collectors.map((c) => c.s.result());
for (const c of collectors)
  console.log(
    `${c.name.padEnd(10)} ${c.ms.toFixed(0).padStart(6)} ms  ${((c.ms * 1e6) / n).toFixed(0).padStart(5)} ns/event`,
  );
const [ref, cur] = collectors as [(typeof collectors)[number], (typeof collectors)[number]];
console.log(
  `${n} events, k ${k}, approximate: ${String(results[0]?.approximate)}; current/reference: ${(cur.ms / ref.ms).toFixed(2)}`,
);
if (!isDeepStrictEqual(results[0], results[1])) {
  console.error('the results differ');
  process.exitCode = 1;
}
