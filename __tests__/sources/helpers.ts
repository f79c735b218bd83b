import { expect } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { AwsClients } from '../../src/aws/clients.js';
import type { Config } from '../../src/config/types.js';
import type { SourceDeps, EventStream } from '../../src/sources/index.js';
import type { Clock, Logger, TrailEvent } from '../../src/types.js';

export const DATASETS = path.resolve(process.cwd(), '__fixtures__/datasets');

/** Every dataset's raw lines, by folder name. */
export function datasetLines(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of readdirSync(DATASETS, { withFileTypes: true })) {
    if (!d.isDirectory()) continue;
    const text = readFileSync(path.join(DATASETS, d.name, 'events.jsonl'), 'utf8');
    out.set(
      d.name,
      text.split('\n').filter((l) => l.trim().length > 0),
    );
  }
  return out;
}

export function allRecords(): Record<string, unknown>[] {
  return [...datasetLines().values()].flat().map((l) => JSON.parse(l) as Record<string, unknown>);
}

type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends object ? (T[K] extends Date | unknown[] ? T[K] : DeepPartial<T[K]>) : T[K];
};

/** A complete Config for tests (the lead's parser builds the real one); override only what a test needs. */
export function testConfig(over: DeepPartial<Config> = {}): Config {
  const base: Config = {
    aws: {
      region: 'us-east-1',
      roleDurationSeconds: 3600,
      audience: 'sts.amazonaws.com',
      allowedAccountIds: [],
    },
    window: {
      kind: 'fixed',
      start: new Date('2000-01-01T00:00:00Z'),
      end: new Date('2100-01-01T00:00:00Z'),
      lookbackMs: 0,
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
    },
    analysis: {
      engine: 'rules-only',
      modelId: 'm',
      summaryModelId: 'm',
      batchPrefix: 'b/',
      mode: 'run',
      waitTimeoutMinutes: 1,
      maxCostUsd: 1,
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
    gate: { failOn: 'high', failOnError: false },
  };
  return {
    ...base,
    ...over,
    aws: { ...base.aws, ...(over.aws as Partial<Config['aws']>) },
    window: { ...base.window, ...(over.window as Partial<Config['window']>) },
    source: { ...base.source, ...(over.source as Partial<Config['source']>) },
    filters: { ...base.filters, ...(over.filters as Partial<Config['filters']>) },
  } as Config;
}

/** Virtual time: sleep advances the clock at once, so retries, pacing and polling never wait for real. */
export class VirtualClock implements Clock {
  ms: number;
  sleeps: number[] = [];
  constructor(start = Date.parse('2024-06-01T00:00:00Z')) {
    this.ms = start;
  }
  now(): Date {
    return new Date(this.ms);
  }
  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.ms += ms;
    return Promise.resolve();
  }
}

export class MemoryLogger implements Logger {
  lines: { level: string; message: string }[] = [];
  debug(m: string): void {
    this.lines.push({ level: 'debug', message: m });
  }
  info(m: string): void {
    this.lines.push({ level: 'info', message: m });
  }
  warning(m: string): void {
    this.lines.push({ level: 'warning', message: m });
  }
  error(m: string): void {
    this.lines.push({ level: 'error', message: m });
  }
  warnings(): string[] {
    return this.lines.filter((l) => l.level === 'warning').map((l) => l.message);
  }
}

/** Clients for sources that must not touch AWS (the file source). */
export const noClients = new Proxy({} as AwsClients, {
  get: (_t, p) => {
    if (p === 'region') return 'us-east-1';
    return () => {
      throw new Error(`no AWS client expected (${String(p)})`);
    };
  },
});

export function deps(
  over: Partial<SourceDeps> = {},
): SourceDeps & { logger: MemoryLogger; clock: VirtualClock } {
  return {
    clients: noClients,
    logger: new MemoryLogger(),
    clock: new VirtualClock(),
    ...over,
  } as SourceDeps & {
    logger: MemoryLogger;
    clock: VirtualClock;
  };
}

export async function drain(stream: EventStream): Promise<TrailEvent[]> {
  const out: TrailEvent[] = [];
  for await (const e of stream.events) out.push(e);
  return out;
}

/**
 * Drains a stream whose every scope was not read: the run fails with a StageError that names the scopes, and each
 * scope's own message (returned, joined) says where it looked and what to check.
 */
export async function notReadErrors(stream: EventStream): Promise<string> {
  await expect(drain(stream)).rejects.toThrow(
    /read no events: (its only scope was|none of its \d+ scopes was) there to read/,
  );
  return stream
    .reports()
    .flatMap((r) => r.errors)
    .join('\n');
}
