/** Shared test helpers for the analysis stage: configs, stats, a virtual clock, a recording logger, events. */
import type { ActivityStats, Clock, Finding, Logger, TrailEvent } from '../../src/types.js';
import { createDigestCollector, type DigestCollector, type DigestLimits } from '../../src/analyze/index.js';
import { makeConfig, normalizeAll, loadDatasets, standInRules, synthesize } from '../../bench/tokens-data.js';

export type { AnalysisOverrides } from '../../bench/tokens-data.js';

export { makeConfig };

/** Minimal activity stats with the totals a prompt mentions. */
export function makeStats(total: number): ActivityStats {
  return {
    totalEvents: total,
    topEventNames: [{ key: 'GetObject', count: Math.floor(total / 2) }],
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

/** A logger that keeps what it was told. */
export function memLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    debug: (m) => lines.push(`debug ${m}`),
    info: (m) => lines.push(`info ${m}`),
    warning: (m) => lines.push(`warning ${m}`),
    error: (m) => lines.push(`error ${m}`),
  };
}

/** A virtual clock: sleeping advances it and resolves after ~2 real ms, so polling and backoff are instant. */
export function virtualClock(start = new Date('2026-11-23T08:00:00Z')): Clock & { slept: number[] } {
  let now = start.getTime();
  const slept: number[] = [];
  return {
    slept,
    now: () => new Date(now),
    sleep: (ms, signal) =>
      new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(new Error('aborted'));
        slept.push(ms);
        now += ms;
        // A couple of real milliseconds, so servers with real timers (the twin's batch jobs) move on too.
        setTimeout(resolve, 2);
      }),
  };
}

/** Every real dataset record, normalised (placeholder ids made unique). */
export function datasetEvents(): TrailEvent[] {
  return normalizeAll(
    loadDatasets().flatMap((d) => d.raw),
    'fx',
  );
}

/** `n` synthetic events from the real shapes, in the test window. */
export function syntheticEvents(n: number, seed = 7): TrailEvent[] {
  const base = loadDatasets().flatMap((d) => d.raw);
  return normalizeAll(
    synthesize(base, n, {
      seed,
      start: new Date('2026-11-22T00:00:00Z'),
      end: new Date('2026-11-23T00:00:00Z'),
    }),
    'syn',
  );
}

/**
 * A 20,000-event window from the datasets: synthetic volume from the real shapes, with every Stratus Red Team
 * detonation (real records, moved into the window with their own timing kept) spread through it, so that the real
 * rule pack finds bursts (secret and parameter reads) and correlations (instance credentials) in it.
 */
export function windowWithDetonations(n = 20_000, seed = 7): TrailEvent[] {
  const stratus = loadDatasets().find((d) => d.name === 'stratus_red_team_detonations')?.raw ?? [];
  // The detonations span days; folded into the window's 24 hours (a detonation lasts minutes, so its own timing stays).
  const start = Date.parse('2026-11-22T00:00:00Z');
  const moved = normalizeAll(
    stratus.map((r) => ({
      ...r,
      eventTime: new Date(start + (Date.parse(String(r.eventTime)) % 86_400_000)).toISOString(),
    })),
    'st',
  );
  const volume = syntheticEvents(n - moved.length, seed);
  // Interleaved, as sources deliver: a detonation's events arrive among the others, out of time order.
  const out: TrailEvent[] = [];
  const step = Math.floor(volume.length / moved.length);
  volume.forEach((e, i) => {
    out.push(e);
    if (i % step === 0 && moved.length) out.push(moved.pop() as TrailEvent);
  });
  out.push(...moved);
  return out;
}

/** Events flagged by the stand-in rules and observed by a fresh collector. */
export function collect(
  events: readonly TrailEvent[],
  config = makeConfig(),
  limits?: Partial<DigestLimits>,
): { collector: DigestCollector; ruleFindings: Finding[]; flagged: TrailEvent[] } {
  const { ruleIds, findings } = standInRules(events);
  const collector = createDigestCollector(config, limits);
  for (const e of events) collector.observe(e, ruleIds.get(e) ?? []);
  return { collector, ruleFindings: findings, flagged: [...ruleIds.keys()] };
}
