import type { ScopeCoverage, SourceKind, SourceReport, TrailEvent } from '../types.js';
import { DIGEST_WORDS, digestsOf, setDigests } from './content-hash.js';
import { normalizeEvent } from './normalize.js';

/** The half-open window [startMs, endMs) every source keeps to. */
export interface TimeWindow {
  startMs: number;
  endMs: number;
}

/** Reasons that are not "unusable record": outside the window is counted on its own. */
export const OUTSIDE_WINDOW = 'outside-window';

/** One part of a source (a region, an account/region prefix, a file, a query) and what it read. */
export class Scope {
  readonly report: SourceReport;
  /** Set when the scope was read to its end; scopes still open when the stream stops are reported incomplete. */
  done = false;
  /** Set by notRead: the scope's message already says what to check, so no generic hint is added to it. */
  explained = false;
  /** Records kept although they held bytes that are not UTF-8 (replaced by U+FFFD). */
  repaired = 0;

  constructor(source: SourceKind, scope: string) {
    this.report = { source, scope, eventsRead: 0, skipped: {}, complete: true, errors: [] };
  }

  /** Counts `n` records skipped for `reason`. */
  skip(reason: string, n = 1): void {
    if (reason === 'invalid-utf8-replaced') {
      this.repaired += n;
      return;
    }
    this.report.skipped[reason] = (this.report.skipped[reason] ?? 0) + n;
  }

  /** Marks the scope incomplete with a reason a user can act on. */
  fail(message: string): void {
    this.report.complete = false;
    if (!this.report.errors.includes(message)) this.report.errors.push(message);
  }

  /**
   * Marks the scope as never read: there was nothing under it to read (an account, region, organization or data
   * store the source does not hold) or it was refused outright. `message` says where it looked and what to check.
   * Every source keeps to this, `source: athena` too when it lands (an unknown table, a window before its first
   * partition): an empty answer from a place that was never there must not read as a quiet window.
   */
  notRead(message: string): void {
    this.explained = true;
    this.report.coverage = 'not-read';
    this.fail(message);
  }

  add(field: 'pages' | 'objects' | 'bytes', n: number): void {
    this.report[field] = (this.report[field] ?? 0) + n;
  }

  /** Sets `coverage` from what was read, unless a source already said the scope was not read. */
  settleCoverage(): SourceReport {
    this.report.coverage ??= coverageOf(this.report);
    return this.report;
  }
}

/** A scope's coverage from its counts: nothing read and cut short is `not-read`, not an empty window. */
export function coverageOf(r: SourceReport): ScopeCoverage {
  const touched = r.eventsRead > 0 || (r.pages ?? 0) > 0 || (r.objects ?? 0) > 0;
  if (!r.complete) return touched ? 'partial' : 'not-read';
  return r.eventsRead > 0 ? 'read' : 'no-activity';
}

/** Normalises a batch of raw records into in-window events, counting every record it drops on the scope. */
export function toEvents(records: readonly unknown[], scope: Scope, win: TimeWindow): TrailEvent[] {
  const out: TrailEvent[] = [];
  // The records' content digests (when read from bytes) follow the events that are kept, in the same order.
  const digests = digestsOf(records);
  const kept = digests ? new Uint32Array(digests.length) : undefined;
  for (let i = 0; i < records.length; i++) {
    const rec = records[i];
    const e = normalizeEvent(rec);
    if (typeof e === 'string') {
      scope.skip(e);
      continue;
    }
    const t = e.timeMs;
    if (t < win.startMs || t >= win.endMs) {
      scope.skip(OUTSIDE_WINDOW);
      continue;
    }
    if (kept && digests) {
      const from = i * DIGEST_WORDS;
      const to = out.length * DIGEST_WORDS;
      kept[to] = digests[from] as number;
      kept[to + 1] = digests[from + 1] as number;
      kept[to + 2] = digests[from + 2] as number;
    }
    out.push(e);
  }
  if (kept && out.length > 0) setDigests(out, kept.subarray(0, out.length * DIGEST_WORDS));
  scope.report.eventsRead += out.length;
  return out;
}
