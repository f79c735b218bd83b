import type { Report } from '../types.js';

const NUMBER = new Intl.NumberFormat('en-US');

/** 1234 → `1,234`. */
export function num(n: number): string {
  return NUMBER.format(n);
}

/** `n thing` / `n things`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}

/** An ISO time as `2026-11-23 09:14:03 UTC`; undefined when it does not parse (the caller shows it escaped). */
export function utc(iso: string, opts: { seconds?: boolean } = {}): string | undefined {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return undefined;
  const s = new Date(t).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, opts.seconds === false ? 16 : 19)} UTC`;
}

/** A duration in the largest whole unit that fits: `90 min`, `24 h`, `7 d`. */
export function duration(ms: number): string {
  if (ms % 86_400_000 === 0 && ms >= 3 * 86_400_000) return `${ms / 86_400_000} d`;
  if (ms % 3_600_000 === 0 && ms >= 3_600_000) return `${ms / 3_600_000} h`;
  return `${Math.round(ms / 60_000)} min`;
}

/** US dollars with enough precision for a few cents of tokens. */
export function usd(n: number): string {
  return `$${n.toFixed(n > 0 && n < 0.01 ? 4 : 2)}`;
}

/** `completed`/`pending`/`failed` plus the verdict, as one readable phrase. */
export function windowPhrase(report: Report): string {
  // Minutes suffice for the usual window (settle-minutes ends it on a minute); one off the minute (an explicit
  // time, an older checkpoint) shows its seconds, so the phrase is always the exact window.
  const seconds = [report.window.start, report.window.end].some((t) => Date.parse(t) % 60_000 !== 0);
  const start = utc(report.window.start, { seconds }) ?? report.window.start;
  const end = utc(report.window.end, { seconds }) ?? report.window.end;
  const ms = Date.parse(report.window.end) - Date.parse(report.window.start);
  return `${start} → ${end}${Number.isFinite(ms) && ms > 0 ? ` (${duration(ms)})` : ''}`;
}

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
const EVENT_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,127}$/;

/**
 * The CloudTrail console's event-history page for one event, or undefined when the region or id is not
 * shaped like one (both come from event data, so they never reach a URL unchecked).
 */
export function consoleEventUrl(region: string, eventId: string): string | undefined {
  if (!REGION.test(region) || !EVENT_ID.test(eventId)) return undefined;
  return `https://${region}.console.aws.amazon.com/cloudtrailv2/home?region=${region}#/events/${eventId}`;
}

/** True for an http(s) URL we built ourselves from the runner's environment (the run link). */
export function isRunUrl(url: string | undefined): url is string {
  if (!url) return false;
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && !/[\s<>()[\]`]/.test(url);
  } catch {
    return false;
  }
}

const ARN = /^arn:[^:\s]+:([^:\s]*):[^:\s]*:([^:\s]*):(\S+)$/;

/**
 * An ARN as `account:resource` (`123456789012:role/deploy`), or `service:resource` when it has no account
 * (`s3:my-bucket`), cut in the middle beyond `max` characters so table columns fit a 1,012 px page; any other
 * text is only cut. The full value belongs in the finding's details.
 */
export function shortArn(value: string, max = 44): string {
  const m = ARN.exec(value);
  const short = m ? `${m[2] || m[1]}:${m[3]}` : value;
  const chars = [...short];
  if (chars.length <= max) return short;
  const head = Math.ceil((max - 1) / 2);
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - (max - 1 - head)).join('')}`;
}

/** A span of time as `2026-11-23 03:14 → 04:01 UTC (47 min)`, the date repeated only when it changes. */
export function spanPhrase(startIso: string, endIso: string): string {
  const a = Date.parse(startIso);
  const b = Date.parse(endIso);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return `${startIso} → ${endIso}`;
  const s = new Date(a).toISOString();
  const e = new Date(b).toISOString();
  const end = s.slice(0, 10) === e.slice(0, 10) ? e.slice(11, 16) : `${e.slice(0, 10)} ${e.slice(11, 16)}`;
  const ms = Math.max(0, b - a);
  const length =
    ms < 60_000
      ? 'under 1 min'
      : ms < 3 * 3_600_000
        ? `${Math.round(ms / 60_000)} min`
        : ms < 3 * 86_400_000
          ? `${Math.round(ms / 3_600_000)} h`
          : `${Math.round(ms / 86_400_000)} d`;
  // Within one minute the span is a moment: one time, no arrow.
  return s.slice(0, 16) === e.slice(0, 16)
    ? `${s.slice(0, 10)} ${s.slice(11, 16)} UTC`
    : `${s.slice(0, 10)} ${s.slice(11, 16)} → ${end} UTC (${length})`;
}

/** A byte count for people: `46.4 MB` (powers of 1024, as Athena's console shows scanned data). */
export function bytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${n} B` : `${v.toFixed(1)} ${units[i] as string}`;
}
