import type { Config } from '../config/types.js';
import type { Report, WindowExplanation } from '../types.js';
import { duration, plural, utc } from './format.js';

const START_TEXT: Record<WindowExplanation['startBasis'], (w: Config['window']) => string> = {
  lookback: (w) => `the last ${duration(w.lookbackMs)}, lookback`,
  'start-time': () => 'from start-time',
  checkpoint: () => "from the previous run's end",
  submitted: () => "from the end of a pending batch job's window",
  'lookup-limit': () => "from LookupEvents' 90-day limit, later than the previous run's end",
};

/**
 * Why the window starts and ends where it does, for the report: undefined for configs that do not say (built by
 * hand, not by readConfig). `lateEvents` are events from before the window that this run reviewed as late arrivals.
 */
export function explainWindow(
  w: Config['window'],
  opts: { lateEvents?: number } = {},
): WindowExplanation | undefined {
  if (w.settleMs === undefined || !w.resolvedAt || !w.startBasis || !w.endBasis) return undefined;
  const settleMinutes = Math.round(w.settleMs / 60_000);
  const beforeRunMin = Math.floor((w.resolvedAt.getTime() - w.end.getTime()) / 60_000);
  // An explicit end inside the settle time: its last minutes may still be on their way from CloudTrail.
  const undelivered =
    w.endBasis === 'end-time'
      ? Math.ceil((w.end.getTime() - (w.resolvedAt.getTime() - w.settleMs)) / 60_000)
      : 0;
  let end: string;
  if (w.endBasis === 'settle') {
    end =
      settleMinutes > 0
        ? `ends ${beforeRunMin} min before the run: CloudTrail's delivery delay, settle-minutes ${settleMinutes}`
        : 'ends at the run, settle-minutes 0: its last minutes may not be delivered yet';
  } else if (undelivered > 0) {
    end = `ends at end-time, ${Math.max(0, beforeRunMin)} min before the run: its last ${undelivered} min may not be delivered yet, settle-minutes ${settleMinutes}`;
  } else {
    end = 'ends at end-time';
  }
  const late = opts.lateEvents ?? 0;
  const text = [
    START_TEXT[w.startBasis](w),
    end,
    ...(late > 0 ? [`plus ${plural(late, 'event')} from before it that CloudTrail delivered late`] : []),
  ].join('; ');
  return {
    startBasis: w.startBasis,
    endBasis: w.endBasis,
    settleMinutes,
    resolvedAt: w.resolvedAt.toISOString(),
    ...(undelivered > 0 ? { undeliveredMinutes: undelivered } : {}),
    ...(late > 0 ? { lateEvents: late } : {}),
    text,
  };
}

/** The explanation as a rendering shows it after the window (`` when the report has none). */
export function windowNote(r: Pick<Report, 'window'>): string {
  return r.window.explanation?.text ?? '';
}

/**
 * The job summary of a `since-last-run` run that had nothing new to review (a window under a minute): says what
 * was not done, so nobody reads it as a clean review.
 */
export function nothingNewMarkdown(w: Config['window']): string {
  const since = utc(w.start.toISOString()) ?? w.start.toISOString();
  const end = utc(w.end.toISOString()) ?? w.end.toISOString();
  const settle =
    w.settleMs !== undefined && w.endBasis === 'settle'
      ? ` (${Math.round(w.settleMs / 60_000)} min before the run: CloudTrail's delivery delay)`
      : '';
  const when =
    w.end.getTime() >= w.start.getTime()
      ? 'less than a minute later'
      : 'before that (settle-minutes was raised since)';
  return [
    `## ⏸️ TrailSight: nothing new to review since ${since}`,
    `The previous run reviewed up to ${since}; this run's window would end at ${end}${settle}, ${when}. Nothing was reviewed, no issue was opened or closed, and the checkpoint stays where it was: the next run starts from ${since}.`,
    '',
  ].join('\n\n');
}
