/**
 * Late arrivals in the S3 archive. CloudTrail delivers a log file minutes after its events (usually about 5,
 * sometimes much more); an event delivered after `window: since-last-run` reviewed its window would never be read
 * again. Each run remembers which recently delivered objects it listed; the next run reads any object it did not
 * list and reviews that object's events from before its own window as late arrivals, once.
 *
 * Why this catches every late event exactly once: an object the previous run never listed was not there when it
 * listed, so no earlier run read it either; an object it did list held nothing new for the windows before its
 * end. Only objects delivered within MARGIN of the newest one it saw need remembering by key: older ones were
 * visible long before it listed (S3 sets LastModified when an upload starts, seconds before it is visible).
 */

/** What a run listed of the archive's recent deliveries, kept in the state bucket between runs. */
export interface ArchiveReadRecord {
  version: 1;
  /** The end of the window the recording run reviewed. */
  windowEnd: string;
  /** Every log object with a LastModified at or after this time that the run listed is in `keys`. */
  since: string;
  keys: string[];
}

// Far more than the seconds between an upload's LastModified and its being listed, small enough to keep few keys.
const MARGIN_MS = 30 * 60_000;
// Prune remembered keys older than the margin once this many accumulate, so a busy archive stays small in memory.
const PRUNE_AT = 20_000;

/** Tracks one run's listing: which objects are late for it, and what the next run must know. */
export class LateArrivals {
  private readonly previousKeys: ReadonlySet<string>;
  private readonly previousSince: number;
  private readonly listed = new Map<string, number>();
  private newest = Number.NEGATIVE_INFINITY;
  /** Events from before the window read from objects the previous run never listed. */
  events = 0;
  /** Objects the previous run never listed that hold events from before the window (read in full). */
  objects = 0;

  constructor(
    previous: ArchiveReadRecord | undefined,
    /** The window's start: events before it in an unlisted object are late arrivals. */
    readonly windowStartMs: number,
  ) {
    const since = previous ? Date.parse(previous.since) : NaN;
    this.previousSince = Number.isFinite(since) ? since : Number.POSITIVE_INFINITY;
    this.previousKeys = new Set(previous?.keys ?? []);
  }

  /** Whether there is a previous listing to compare with (the first run has none, so it catches nothing late). */
  get active(): boolean {
    return Number.isFinite(this.previousSince);
  }

  /**
   * Records a listed log object; true when the previous run did not list it although it would have, had it been
   * there, so its events from before the window were never reviewed.
   */
  observe(key: string, lastModifiedMs: number | undefined): boolean {
    if (lastModifiedMs === undefined || !Number.isFinite(lastModifiedMs)) return false;
    this.listed.set(key, lastModifiedMs);
    if (lastModifiedMs > this.newest) this.newest = lastModifiedMs;
    if (this.listed.size >= PRUNE_AT) this.prune();
    return lastModifiedMs >= this.previousSince && !this.previousKeys.has(key);
  }

  /** Counts late events found in one object. */
  add(events: number): void {
    if (events <= 0) return;
    this.events += events;
    this.objects += 1;
  }

  /** The record the next run compares its listing with. */
  record(windowEnd: Date): ArchiveReadRecord {
    this.prune();
    const since = Number.isFinite(this.newest) ? this.newest - MARGIN_MS : windowEnd.getTime();
    return {
      version: 1,
      windowEnd: windowEnd.toISOString(),
      since: new Date(since).toISOString(),
      keys: [...this.listed.keys()].sort(),
    };
  }

  private prune(): void {
    const cutoff = this.newest - MARGIN_MS;
    for (const [k, t] of this.listed) if (t < cutoff) this.listed.delete(k);
  }
}
