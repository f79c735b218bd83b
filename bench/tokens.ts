/**
 * Token bench: input tokens per event of TrailSight's digests beside the seed's layout (10 events per record
 * with its prompt), counted with the same estimator (src/analyze/tokens.ts, chars / 3.5) in the same run, on
 * the real datasets and on synthetic volume, plus the estimated cost of 20k events. Prints figures; asserts
 * nothing (the properties are asserted in __tests__/analyze/digest.test.ts).
 *
 *   npm run bench:tokens [-- --events 20000 --budget 6000]
 */
import type { DigestBuilder } from '../src/analyze/digest.js';
import { costUsd, DEFAULT_MODEL_ID, PRICES_AS_OF, priceFor } from '../src/analyze/pricing.js';
import {
  buildPrompt,
  EXPECTED_OUTPUT_TOKENS_PER_RECORD,
  promptOverheadTokens,
} from '../src/analyze/prompt.js';
import { CHARS_PER_TOKEN, estimateTokens } from '../src/analyze/tokens.js';
import { createDigestCollector } from '../src/analyze/index.js';
import type { ActivityStats, Finding, TrailEvent } from '../src/types.js';
import { realClock } from '../src/types.js';
import {
  loadDatasets,
  makeConfig,
  normalizeAll,
  seedRecords,
  standInRules,
  synthesize,
} from './tokens-data.js';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : dflt;
}
const VOLUME = arg('events', 20_000);
const BUDGET = arg('budget', 6000);

const quiet = { debug: () => {}, info: () => {}, warning: () => {}, error: () => {} };

/** Rule ids per event, findings and stats: the project's detector when it loads, else the bench's stand-in. */
async function detect(events: readonly TrailEvent[]): Promise<{
  ruleIds: Map<TrailEvent, readonly string[]>;
  findings: Finding[];
  stats?: ActivityStats;
  engine: string;
}> {
  try {
    const mod = await import('../src/detect/index.js');
    const det = await mod.createDetector(makeConfig(), { logger: quiet, clock: realClock });
    const ruleIds = new Map<TrailEvent, readonly string[]>();
    for (const e of events) {
      const ids = det.observe(e);
      if (ids.length) ruleIds.set(e, ids);
    }
    const r = det.finish();
    return { ruleIds, findings: r.findings, stats: r.stats, engine: `src/detect (${r.rulesLoaded} rules)` };
  } catch (err) {
    const s = standInRules(events);
    return {
      ruleIds: s.ruleIds,
      findings: s.findings,
      engine: `bench stand-in rules (src/detect not usable: ${String(err).slice(0, 80)})`,
    };
  }
}

function emptyStats(n: number): ActivityStats {
  return {
    totalEvents: n,
    topEventNames: [],
    topPrincipals: [],
    topServices: [],
    topResources: [],
    topSourceIps: [],
    topUserAgents: [],
    regions: [],
    accounts: [],
    principals: [],
    consoleLogins: { success: 0, failure: 0, withMfa: 0, withoutMfa: 0, root: 0 },
    readOnly: { read: 0, write: 0, unknown: 0 },
    errors: { total: 0, accessDenied: 0 },
    hourly: [],
    approximate: false,
  };
}

interface Row {
  name: string;
  events: number;
  flagged: number;
  flaggedVerbatim: number;
  records: number;
  ours: number;
  seedLookup: number;
  seedRaw: number;
  seedRecords: number;
}

async function measure(
  name: string,
  events: TrailEvent[],
  raw: readonly Record<string, unknown>[],
): Promise<Row & { engine: string }> {
  const d = await detect(events);
  const config = makeConfig({ recordTokenBudget: BUDGET });
  const collector = createDigestCollector(config) as DigestBuilder;
  for (const e of events) collector.observe(e, d.ruleIds.get(e) ?? []);
  const set = collector.finish(BUDGET - promptOverheadTokens(BUDGET));
  const ctx = {
    ruleFindings: d.findings,
    stats: d.stats ?? emptyStats(events.length),
    window: { start: config.window.start, end: config.window.end },
  };
  const ours = set.records.reduce((n, r) => n + buildPrompt(r, ctx, BUDGET).tokens, 0);
  // "Present verbatim": the event's own line, with its id and call, is in a record.
  const lines = new Set(set.records.flatMap((r) => r.text.split('\n').filter((l) => l.startsWith('id='))));
  const texts = [...lines].join('\n');
  let verbatim = 0;
  for (const e of d.ruleIds.keys())
    if (texts.includes(`id=${e.id} `) && set.records.some((r) => r.events.get(e.id)?.name === e.name))
      verbatim++;
  const seedL = seedRecords(raw, 'lookup');
  const seedR = seedRecords(raw, 'raw');
  return {
    name,
    engine: d.engine,
    events: events.length,
    flagged: d.ruleIds.size,
    flaggedVerbatim: verbatim,
    records: set.records.length,
    ours,
    seedLookup: seedL.reduce((n, t) => n + estimateTokens(t), 0),
    seedRaw: seedR.reduce((n, t) => n + estimateTokens(t), 0),
    seedRecords: seedL.length,
  };
}

function fmt(n: number, d = 1): string {
  return n.toFixed(d);
}

async function main(): Promise<void> {
  const datasets = loadDatasets();
  const rows: (Row & { engine: string })[] = [];
  for (const ds of datasets)
    rows.push(await measure(ds.name, normalizeAll(ds.raw, ds.name.slice(0, 4)), ds.raw));
  const allRaw = datasets.flatMap((d) => d.raw);
  rows.push(await measure('all datasets', normalizeAll(allRaw, 'all'), allRaw));
  const synthRaw = synthesize(allRaw, VOLUME, {
    seed: 42,
    start: new Date('2026-11-22T00:00:00Z'),
    end: new Date('2026-11-23T00:00:00Z'),
  });
  const synth = await measure(`synthetic ${VOLUME}`, normalizeAll(synthRaw, 'syn'), synthRaw);
  rows.push(synth);

  console.log(
    `Token bench — estimator: chars / ${CHARS_PER_TOKEN} for every figure; record budget ${BUDGET} tokens; rules: ${synth.engine}`,
  );
  console.log(
    'Synthetic volume is synthetic: copies of the real dataset records with fresh ids, times over 24 h, principals/IPs/accounts from a pool.',
  );
  console.log(
    'Seed layout: its prompt + 10 events per record; "lookup" = events as boto3 lookup_events returns them (json.dumps), "raw" = bare record JSON (smaller, favours the seed).\n',
  );
  const head = [
    'input',
    'events',
    'flagged',
    'verbatim',
    'records',
    'ours tok/ev',
    'seed lookup tok/ev',
    'seed raw tok/ev',
    'ours/seed lookup',
    'ours/seed raw',
  ];
  const table = rows.map((r) => [
    r.name,
    String(r.events),
    String(r.flagged),
    `${r.flaggedVerbatim}/${r.flagged}`,
    String(r.records),
    fmt(r.ours / r.events),
    fmt(r.seedLookup / r.events),
    fmt(r.seedRaw / r.events),
    fmt(r.ours / r.seedLookup, 3),
    fmt(r.ours / r.seedRaw, 3),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(head));
  for (const row of table) console.log(line(row));

  // Cost of 20k events, scaled from the synthetic run; output = records x expected answer + one summary.
  const scale = 20_000 / synth.events;
  const model = priceFor(DEFAULT_MODEL_ID);
  const haiku3 = priceFor('anthropic.claude-3-haiku-20240307-v1:0');
  const oursIn = synth.ours * scale;
  const oursOut = synth.records * scale * EXPECTED_OUTPUT_TOKENS_PER_RECORD + 600;
  const seedIn = synth.seedLookup * scale;
  const seedOut = synth.seedRecords * scale * 500; // the seed's own assumption: 500 output tokens per record
  console.log(`\nEstimated cost for 20,000 events (prices as of ${PRICES_AS_OF}; batch = 50% of on-demand):`);
  console.log(
    `  ours, batch, ${DEFAULT_MODEL_ID}: ${Math.round(oursIn)} in + ${Math.round(oursOut)} out tokens = $${costUsd(model.price, oursIn, oursOut, true).toFixed(4)}`,
  );
  console.log(
    `  ours, direct (on-demand), same model: $${costUsd(model.price, oursIn, oursOut, false).toFixed(4)}`,
  );
  console.log(
    `  seed layout, batch, same model: ${Math.round(seedIn)} in + ${Math.round(seedOut)} out tokens = $${costUsd(model.price, seedIn, seedOut, true).toFixed(4)}`,
  );
  console.log(
    `  seed layout, batch, Claude 3 Haiku (the seed's model): $${costUsd(haiku3.price, seedIn, seedOut, true).toFixed(4)} (the seed's write-up quotes ~$4.25 on-demand incl. its summary)`,
  );
}

await main();
