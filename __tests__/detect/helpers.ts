/** Test helpers: real dataset records as TrailEvents, a Config-like object, and a silent logger and fixed clock. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../../src/config/types.js';
import { normalizeRecord } from '../../src/sources/normalize.js';
import type { Clock, Logger, TrailEvent } from '../../src/types.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DATASETS = join(ROOT, '__fixtures__', 'datasets');

export interface Labelled<L> {
  event: TrailEvent;
  label: L;
  index: number;
}

/** Read a dataset folder's records and labels (same order) as TrailEvents. */
export function loadDataset<L = Record<string, unknown>>(folder: string): Labelled<L>[] {
  const read = (f: string): unknown[] =>
    readFileSync(join(DATASETS, folder, f), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as unknown);
  const events = read('events.jsonl');
  const labels = read('labels.jsonl') as L[];
  return events.map((raw, index) => {
    // Panther unit-test records omit fields their rule does not read, sometimes eventTime: give those a fixed time.
    const rec = raw as Record<string, unknown>;
    let r = normalizeRecord(rec);
    if (r.reason === 'missing-time' || r.reason === 'invalid-time')
      r = normalizeRecord({ ...rec, eventTime: '2019-01-01T00:00:00Z' });
    if (!r.event) throw new Error(`${folder} record ${index} does not normalise: ${r.reason}`);
    return { event: r.event, label: labels[index] as L, index };
  });
}

export const silentLogger: Logger & { warnings: string[] } = {
  warnings: [],
  debug: () => undefined,
  info: () => undefined,
  warning(m: string) {
    this.warnings.push(m);
  },
  error: () => undefined,
};

/** A clock fixed at `iso`. */
export function fixedClock(iso = '2026-06-01T00:00:00Z'): Clock {
  return { now: () => new Date(iso), sleep: () => Promise.resolve() };
}

/** A Config-like object with only the fields detect reads meaningfully; everything else a plausible default. */
export function testConfig(
  detection: Partial<Config['detection']> = {},
  window?: { start: string; end: string },
): Config {
  const start = new Date(window?.start ?? '2000-01-01T00:00:00Z');
  const end = new Date(window?.end ?? '2030-01-01T00:00:00Z');
  return {
    aws: {
      region: 'us-east-1',
      roleDurationSeconds: 3600,
      audience: 'sts.amazonaws.com',
      allowedAccountIds: [],
    },
    window: {
      kind: 'fixed',
      start,
      end,
      lookbackMs: end.getTime() - start.getTime(),
      statePrefix: 'trailsight/',
    },
    source: { kind: 'file', regions: [], trailPrefix: '', accounts: [], eventsFiles: [], maxEvents: 0 },
    filters: {
      includeServices: [],
      excludeServices: [],
      includePrincipals: [],
      excludePrincipals: [],
      includeEvents: [],
      excludeEvents: [],
      includeReadOnly: true,
    },
    detection: {
      rulesFiles: [],
      suppressionsFiles: [],
      disableRules: [],
      allowedRegions: [],
      trustedAccountIds: [],
      ...detection,
    },
    analysis: {
      engine: 'rules-only',
      modelId: 'm',
      summaryModelId: 'm',
      batchPrefix: '',
      mode: 'run',
      waitTimeoutMinutes: 0,
      maxCostUsd: 0,
      reportLanguage: 'en',
      batchMinRecords: 100,
      recordTokenBudget: 1000,
      directConcurrency: 1,
      aiFindingsGate: false,
    },
    reporting: {
      reportTo: ['summary'],
      issueMode: 'report',
      issueLabels: [],
      issueAssignees: [],
      closeResolved: false,
      snsMinSeverity: 'high',
      redact: { mode: 'none' },
      reportPath: 'r.json',
    },
    gate: { failOn: 'none', failOnError: false },
  };
}

/** A TrailEvent built from a raw record literal (fills the record fields a test does not care about). */
export function ev(raw: Record<string, unknown>): TrailEvent {
  const r = normalizeRecord({
    eventTime: '2026-05-01T10:00:00Z',
    eventName: 'GetUser',
    eventSource: 'iam.amazonaws.com',
    awsRegion: 'us-east-1',
    recipientAccountId: '111122223333',
    userIdentity: {
      type: 'IAMUser',
      arn: 'arn:aws:iam::111122223333:user/alice',
      userName: 'alice',
      accountId: '111122223333',
    },
    eventID: `id-${Math.random().toString(36).slice(2)}`,
    ...raw,
  });
  if (!r.event) throw new Error(`bad test record: ${r.reason}`);
  return r.event;
}

/** A seeded Fisher-Yates shuffle, so a failure can be replayed: arrival orders a source could deliver. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
