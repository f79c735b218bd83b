import type { AwsClients } from '../aws/clients.js';
import type { Config } from '../config/types.js';
import { StageError } from '../errors.js';
import type { Clock, Logger, SourceReport, TrailEvent } from '../types.js';
import { digestsOf } from './content-hash.js';
import { Deduplicator } from './dedupe.js';
import { fileSource } from './file.js';
import { createEventFilter } from './filters.js';
import { LateArrivals, type ArchiveReadRecord } from './late-arrivals.js';
import type { PushdownOptions, PushdownTotals } from './athena/index.js';
import { OUTSIDE_WINDOW, coverageOf, type Scope, type TimeWindow } from './scope.js';

export { normalizeRecord, normalizePrincipal } from './normalize.js';
export { createEventFilter } from './filters.js';
export { Deduplicator } from './dedupe.js';
export { LateArrivals, type ArchiveReadRecord } from './late-arrivals.js';
export type { PushdownOptions } from './athena/index.js';

/** Knobs the tests and the benchmark turn; production uses the defaults (AWS's limits). */
export interface SourceTuning {
  /** LookupEvents requests per second per region (default 2, the service's limit). */
  lookupRatePerSecond?: number;
  /** Attempts per LookupEvents/Lake call when throttled (default 8). */
  throttleAttempts?: number;
  /** Log progress every this many pages (default 25). */
  progressEveryPages?: number;
  /** S3 objects (or local files) read at once (default 8 for S3, whose reads wait on the network; 2 for local files). */
  concurrency?: number;
  /** Milliseconds between DescribeQuery polls at first (default 1000, doubling to 10 s). */
  lakePollMs?: number;
}

export interface SourceDeps {
  clients: AwsClients;
  logger: Logger;
  clock: Clock;
  signal?: AbortSignal;
  /** Optional; added for tests and the benchmark. */
  tuning?: SourceTuning;
}

export interface SourceCounts {
  /** Usable events inside the window that the sources handed on (before filters and de-duplication). */
  read: number;
  /** Events yielded to the pipeline. */
  kept: number;
  /** Dropped by the include/exclude/read-only filters. */
  filtered: number;
  /** Dropped as a second copy of an event already yielded. */
  duplicates: number;
  /** Unusable records: invalid JSON, no time or name, corrupt or truncated objects. */
  skipped: number;
  /** Records read but outside the window (archive files carry neighbouring hours). */
  outsideWindow: number;
}

export interface EventStream {
  /** The events, batch by batch as the source read them (kept ones only). Read this or `events`, not both. */
  batches: AsyncIterable<TrailEvent[]>;
  /** The same events one at a time (an await per event: `batches` costs one per batch). */
  events: AsyncIterable<TrailEvent>;
  reports(): SourceReport[];
  counts(): SourceCounts;
  truncated(): boolean;
  /** Late arrivals (S3 with `lateArrivals`): events from before the window it added, and the listing to remember. */
  late(): { events: number; objects: number; record: ArchiveReadRecord } | undefined;
}

/** Per-run options of a stream. */
export interface StreamOptions {
  /**
   * S3 only: catch late arrivals against what the previous run listed (undefined: its first run, or it kept no
   * record; this run still records its own listing for the next).
   */
  lateArrivals?: { previous: ArchiveReadRecord | undefined };
  /** `source: athena`: the rules to push down, and where the GROUP BY rows (statistics, rule context) go. */
  pushdown?: PushdownOptions;
}

/** Context every source gets: the window, where to register its scopes, and the deps. */
export interface SourceContext {
  config: Config;
  deps: SourceDeps;
  win: TimeWindow;
  scopes: Scope[];
  /** Set for a `since-last-run` S3 read: tracks late arrivals (see late-arrivals.ts). */
  late?: LateArrivals;
  /** `source: athena` (see StreamOptions), and what it counted of the window. */
  pushdown?: PushdownOptions;
  totals?: PushdownTotals;
}

/**
 * The sources that call AWS are loaded when a run uses them: each brings its SDK package, a chunk of its own in
 * dist/ (see AwsClients), and a run of local files needs none of them.
 */
async function* dispatch(ctx: SourceContext): AsyncGenerator<TrailEvent[]> {
  const { config, deps, win, scopes } = ctx;
  switch (config.source.kind) {
    case 'file':
      yield* fileSource(config.source.eventsFiles, win, deps.logger, scopes, deps.tuning?.concurrency ?? 2);
      return;
    case 'lookup':
      yield* (await import('./lookup.js')).lookupSource(ctx);
      return;
    case 's3':
      yield* (await import('./s3-archive.js')).s3Source(ctx);
      return;
    case 'lake':
      yield* (await import('./lake.js')).lakeSource(ctx);
      return;
    case 'athena':
      yield* (await import('./athena/index.js')).athenaSource(ctx);
      return;
  }
}

const HINTS: Record<Config['source']['kind'], string> = {
  lookup: 'check that the role may call cloudtrail:LookupEvents in each region of `regions`',
  s3: 'check `trail-bucket`, `trail-prefix`, `organization-id` and `accounts`, and that the role may call s3:ListBucket and s3:GetObject on the trail bucket (and kms:Decrypt if the logs are SSE-KMS encrypted)',
  lake: 'check `event-data-store` and that the role may call cloudtrail:StartQuery, DescribeQuery and GetQueryResults on it',
  file: 'check the paths in `events-file` and that the files are CloudTrail JSON, JSON Lines or their .gz',
  athena:
    'check `athena-table`, `athena-workgroup` and `athena-output`, and that the role may call glue:GetTable, athena:GetWorkGroup, StartQueryExecution, GetQueryExecution, GetQueryResults and StopQueryExecution, read the trail bucket and write the results location',
};

/** Opens the configured source as one stream of normalised, window-bounded, filtered, de-duplicated events. */
export function openEventStream(config: Config, deps: SourceDeps, opts: StreamOptions = {}): EventStream {
  const scopes: Scope[] = [];
  const win: TimeWindow = { startMs: config.window.start.getTime(), endMs: config.window.end.getTime() };
  const late =
    opts.lateArrivals && config.source.kind === 's3'
      ? new LateArrivals(opts.lateArrivals.previous, win.startMs)
      : undefined;
  const counts = { read: 0, kept: 0, filtered: 0, duplicates: 0 };
  // `source: athena`: the window's events are counted by Athena; the stream itself carries only candidates.
  const totals: PushdownTotals = { events: 0, filtered: 0 };
  let wasTruncated = false;
  const max = config.source.maxEvents;

  async function* run(): AsyncGenerator<TrailEvent[]> {
    const keep = createEventFilter(config.filters);
    const dedupe = new Deduplicator();
    const batches = dispatch({
      config,
      deps,
      win,
      scopes,
      ...(late ? { late } : {}),
      ...(opts.pushdown ? { pushdown: opts.pushdown, totals } : {}),
    });
    let ended = false;
    try {
      outer: for await (const batch of batches) {
        const digests = digestsOf(batch);
        let kept: TrailEvent[] = [];
        for (let i = 0; i < batch.length; i++) {
          const e = batch[i] as TrailEvent;
          if (max > 0 && counts.read >= max) {
            wasTruncated = true;
            if (kept.length > 0) yield kept;
            break outer;
          }
          counts.read++;
          if (!keep(e)) {
            counts.filtered++;
            continue;
          }
          if (!dedupe.first(e, digests, i)) {
            counts.duplicates++;
            continue;
          }
          counts.kept++;
          kept.push(e);
        }
        if (kept.length > 0) {
          yield kept;
          kept = [];
        }
      }
      ended = true;
    } finally {
      await batches.return(undefined);
      const why = wasTruncated
        ? `not read to the end: max-events (${max}) reached`
        : 'not read to the end: the run stopped reading early';
      for (const s of scopes) if (!s.done) s.fail(why);
      for (const s of scopes) s.settleCoverage();
      if (wasTruncated) {
        deps.logger.warning(
          `Stopped at max-events (${max}); the rest of the window was not read and the report says so`,
        );
      }
    }
    if (ended && !wasTruncated) failIfNothingRead(config, scopes);
  }

  const batches = run();
  return {
    batches,
    events: (async function* () {
      for await (const b of batches) yield* b;
    })(),
    // Coverage is final once the stream ended; asked earlier, it is what has been read so far.
    reports: () => scopes.map((s) => ({ ...s.report, coverage: s.report.coverage ?? coverageOf(s.report) })),
    counts: () => {
      let skipped = 0;
      let outside = 0;
      for (const s of scopes) {
        for (const [k, n] of Object.entries(s.report.skipped)) {
          if (k === OUTSIDE_WINDOW) outside += n;
          else skipped += n;
        }
      }
      if (config.source.kind === 'athena')
        return {
          read: totals.events,
          kept: totals.events - totals.filtered,
          filtered: totals.filtered,
          duplicates: 0,
          skipped,
          outsideWindow: outside,
        };
      return { ...counts, skipped, outsideWindow: outside };
    },
    truncated: () => wasTruncated || scopes.some((s) => !s.report.complete),
    late: () =>
      late
        ? { events: late.events, objects: late.objects, record: late.record(config.window.end) }
        : undefined,
  };
}

/** A source that read nothing at all and failed everywhere is a failed run, not an empty window. */
function failIfNothingRead(config: Config, scopes: readonly Scope[]): void {
  if (scopes.length === 0) return;
  const read = scopes.reduce((n, s) => n + s.report.eventsRead, 0);
  if (read > 0 || scopes.some((s) => s.report.complete)) return;
  const errors = [...new Set(scopes.flatMap((s) => s.report.errors))];
  if (scopes.every((s) => s.explained)) {
    // Each scope's own message (in the coverage and the verdict) says where it looked and what to check.
    throw new StageError(
      'sources',
      `the ${config.source.kind} source read no events: ${scopes.length === 1 ? 'its only scope was' : `none of its ${scopes.length} scopes was`} there to read (${scopes
        .slice(0, 5)
        .map((s) => s.report.scope)
        .join(', ')}${scopes.length > 5 ? ', …' : ''})`,
    );
  }
  throw new StageError(
    'sources',
    `the ${config.source.kind} source read no events: ${errors.slice(0, 5).join('; ')}${errors.length > 5 ? ` (and ${errors.length - 5} more)` : ''}. ${HINTS[config.source.kind]}`,
  );
}
