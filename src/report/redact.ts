import { isIPv4, isIPv6 } from 'node:net';
import type { Report } from '../types.js';

/** What to mask in renderings for a destination (the JSON report on disk is never redacted). */
export interface Redaction {
  accountIds: boolean;
  ipAddresses: boolean;
  accessKeyIds: boolean;
}

/** Nothing masked: private repositories and `redact: none`. */
export const NO_REDACTION: Redaction = Object.freeze({
  accountIds: false,
  ipAddresses: false,
  accessKeyIds: false,
});
/** Everything masked: public repositories, and whenever visibility is unknown (fail safe). */
export const FULL_REDACTION: Redaction = Object.freeze({
  accountIds: true,
  ipAddresses: true,
  accessKeyIds: true,
});

// Masks use lower-case `x`, which none of the patterns match, so redacting twice changes nothing.
const ACCOUNT_ID = /(?<![0-9A-Za-z])\d{12}(?![0-9A-Za-z])/g;
const ACCESS_KEY_ID =
  /(?<![0-9A-Za-z])(AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)([A-Z0-9]{12,124})(?![0-9A-Za-z])/g;
const IPV4 = /(?<![0-9.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![0-9]|\.\d)/g;
// Candidates only; net.isIPv6 decides (ARNs, times and MAC-like strings fail it).
const IPV6_CANDIDATE =
  /(?<![0-9A-Za-z:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![0-9A-Za-z:])/g;

/** Masks account ids (last 4 digits kept), IP addresses (network part kept) and access key ids in `text`. */
export function redactText(text: string, r: Redaction): string {
  let out = text;
  if (r.accessKeyIds) {
    out = out.replace(
      ACCESS_KEY_ID,
      (_m, prefix: string, rest: string) => prefix + 'x'.repeat(rest.length - 4) + rest.slice(-4),
    );
  }
  if (r.ipAddresses) {
    out = out.replace(IPV6_CANDIDATE, (m) => (m.length > 2 && isIPv6(m) ? maskIPv6(m) : m));
    out = out.replace(IPV4, (m, a: string, b: string) => (isIPv4(m) ? `${a}.${b}.x.x` : m));
  }
  if (r.accountIds) out = out.replace(ACCOUNT_ID, (m) => `xxxxxxxx${m.slice(-4)}`);
  return out;
}

function maskIPv6(ip: string): string {
  const head = ip
    .split(':')
    .filter((g) => g !== '')
    .slice(0, 2);
  return `${head.join(':')}:x:x::x`;
}

/** True when any kind of masking is on. */
export function redacts(r: Redaction): boolean {
  return r.accountIds || r.ipAddresses || r.accessKeyIds;
}

// Identifiers that must survive untouched: markers and links are built from them, and a UUID's last group
// or a commit SHA can hold twelve digits in a row.
const KEEP_KEYS = new Set([
  'id',
  'findingId',
  'eventId',
  'eventIds',
  'findingIds',
  'runId',
  'runUrl',
  'sha',
  'schemaVersion',
  'generatedAt',
]);

/** A deep copy of the report with every free-text string redacted; ids stay intact. */
export function redactReport(report: Report, r: Redaction): Report {
  if (!redacts(r)) return report;
  return redactValue(report, r, '') as Report;
}

function redactValue(v: unknown, r: Redaction, key: string): unknown {
  if (KEEP_KEYS.has(key)) return v;
  if (typeof v === 'string') return redactText(v, r);
  if (Array.isArray(v)) return v.map((x) => redactValue(x, r, ''));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[redactText(k, r)] = redactValue(x, r, k);
    return out;
  }
  return v;
}
