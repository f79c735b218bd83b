/**
 * Mermaid diagrams for the Markdown report: an incident's timeline and the activity chart. GitHub renders a
 * ```mermaid block as a diagram; every label that carries event or model text passes through `mermaidLabel`,
 * which keeps only letters, digits and a few punctuation marks that no Mermaid grammar gives a meaning to.
 */
import { SEVERITIES, type Severity } from '../types.js';
import { plainText } from './sanitize.js';

// Letters, digits, space and punctuation that neither Mermaid's lexers (`:` `;` `#` `%%` quotes, brackets,
// braces, `<>` for HTML labels, backticks for Markdown strings, `&`/`#` entity codes) nor Markdown act on.
const MERMAID_UNSAFE = /[^\p{L}\p{N} .,/_()+='…-]/gu;

/** Untrusted text as a Mermaid label: sanitised first (URLs defanged), then cut to Mermaid-inert characters. */
export function mermaidLabel(text: string, max = 60): string {
  const clean = plainText(text)
    // A defanged URL keeps its brackets as parentheses, so it stays visibly defanged.
    .replace(/\[/g, '(')
    .replace(/\]/g, ')')
    .replace(MERMAID_UNSAFE, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (clean.length <= max) return clean;
  return `${[...clean]
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

/** A ```mermaid fenced block. Its lines are ours or built from `mermaidLabel`, so none holds a backtick. */
export function mermaidBlock(lines: readonly string[]): string {
  return ['```mermaid', ...lines, '```'].join('\n');
}

/** One finding on an incident's timeline. */
export interface TimelineItem {
  /** ISO time the finding was first seen. */
  time: string;
  severity: Severity;
  /** Untrusted: becomes a label through mermaidLabel. */
  label: string;
}

// Beyond this many columns a timeline is too wide for a 1,012 px page; minutes are merged into ranges.
const MAX_PERIODS = 6;
const EVENTS_PER_PERIOD = 3;
const SEVERITY_WORD: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

// `:` separates a timeline period from its events, so the clock shows U+2236 (RATIO), which looks alike.
function clock(ms: number, withDay: boolean): string {
  const iso = new Date(ms).toISOString();
  return `${withDay ? `${iso.slice(5, 10)} ` : ''}${iso.slice(11, 13)}\u2236${iso.slice(14, 16)}`;
}

/**
 * A Mermaid `timeline` of an incident's findings by the minute (UTC) they were first seen; undefined when a
 * chart would say nothing (fewer than two findings, or times that do not parse).
 */
export function timelineChart(items: readonly TimelineItem[]): string | undefined {
  const timed = items
    .map((x) => ({ ...x, ms: Date.parse(x.time) }))
    .filter((x) => Number.isFinite(x.ms))
    .sort((a, b) => a.ms - b.ms);
  if (timed.length < 2) return undefined;
  const minutes = [...new Set(timed.map((x) => Math.floor(x.ms / 60_000)))];
  const per = Math.ceil(minutes.length / MAX_PERIODS);
  const first = timed[0]?.ms ?? 0;
  const last = timed[timed.length - 1]?.ms ?? 0;
  const withDay = new Date(first).toISOString().slice(0, 10) !== new Date(last).toISOString().slice(0, 10);
  // No title: the incident's heading is right above, and a title would be one more label built from event data.
  const lines = ['timeline'];
  for (let p = 0; p < minutes.length; p += per) {
    const from = minutes[p] as number;
    const to = minutes[Math.min(p + per, minutes.length) - 1] as number;
    const inPeriod = timed.filter((x) => {
      const m = Math.floor(x.ms / 60_000);
      return m >= from && m <= to;
    });
    const period =
      from === to
        ? clock(from * 60_000, withDay)
        : `${clock(from * 60_000, withDay)} to ${clock(to * 60_000, false)}`;
    // The most severe first, so what "+N more" hides is the least severe.
    const events = [...inPeriod]
      .sort((a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) || a.ms - b.ms)
      .slice(0, EVENTS_PER_PERIOD)
      .map((x) => `${SEVERITY_WORD[x.severity]} - ${mermaidLabel(x.label, 48) || 'finding'}`);
    if (inPeriod.length > EVENTS_PER_PERIOD) events.push(`+${inPeriod.length - EVENTS_PER_PERIOD} more`);
    lines.push(`    ${period} : ${events.join(' : ')}`);
  }
  return mermaidBlock(lines);
}

/** Events and errors per hour, as the stats count them. */
export interface HourBucket {
  hour: string;
  count: number;
  errors: number;
}

// Bucket widths tried in order; the first that keeps the chart to at most MAX_BARS bars is used.
const STEPS_HOURS = [1, 2, 3, 4, 6, 12, 24, 48, 168, 336, 720] as const;
const MAX_BARS = 48;

/** The hourly counts folded into at most MAX_BARS buckets, quiet hours filled with zero. */
export function activityBuckets(hourly: readonly HourBucket[]): {
  stepHours: number;
  buckets: { start: number; count: number; errors: number }[];
} {
  const hours = hourly
    .map((x) => ({ h: Math.floor(Date.parse(x.hour) / 3_600_000), count: x.count, errors: x.errors }))
    .filter((x) => Number.isFinite(x.h));
  if (hours.length === 0) return { stepHours: 1, buckets: [] };
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const x of hours) {
    lo = Math.min(lo, x.h);
    hi = Math.max(hi, x.h);
  }
  const span = hi - lo + 1;
  const step = STEPS_HOURS.find((s) => Math.ceil(span / s) <= MAX_BARS) ?? Math.ceil(span / MAX_BARS);
  // Buckets start on a multiple of the step (days start at midnight UTC).
  const base = Math.floor(lo / step) * step;
  const n = Math.floor((hi - base) / step) + 1;
  const buckets = Array.from({ length: n }, (_, i) => ({
    start: (base + i * step) * 3_600_000,
    count: 0,
    errors: 0,
  }));
  for (const x of hours) {
    const b = buckets[Math.floor((x.h - base) / step)];
    if (b) {
      b.count += x.count;
      b.errors += x.errors;
    }
  }
  return { stepHours: step, buckets };
}

/** A Mermaid `xychart-beta` of events (bars) and errors (line) over time; undefined when there is no activity. */
export function activityChart(hourly: readonly HourBucket[]): string | undefined {
  const { stepHours, buckets } = activityBuckets(hourly);
  if (buckets.length === 0) return undefined;
  const first = buckets[0]?.start ?? 0;
  const last = buckets[buckets.length - 1]?.start ?? 0;
  // Two-character labels (the hour, or the date where a day starts) so up to 48 fit under the bars; the
  // title carries the full range.
  const label = (ms: number): string => {
    const iso = new Date(ms).toISOString();
    return stepHours >= 24 || iso.slice(11, 13) === '00' ? iso.slice(5, 10) : iso.slice(11, 13);
  };
  const at = (ms: number): string => {
    const iso = new Date(ms).toISOString();
    return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
  };
  const unit = stepHours === 1 ? 'hour' : stepHours === 24 ? 'day' : `${stepHours} hours`;
  return mermaidBlock([
    // Wider than Mermaid's default 700 px, to use GitHub's page; still within its 1,012 px.
    '---',
    'config:',
    '  xyChart:',
    '    width: 900',
    '---',
    'xychart-beta',
    `    title "Events (bars) and errors (line) per ${unit}, ${at(first)} to ${at(last)} UTC"`,
    `    x-axis [${buckets.map((b) => `"${label(b.start)}"`).join(', ')}]`,
    '    y-axis "Events"',
    `    bar [${buckets.map((b) => b.count).join(', ')}]`,
    `    line [${buckets.map((b) => b.errors).join(', ')}]`,
  ]);
}
