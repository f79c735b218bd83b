/** Typed parsers for input values. Each returns the value or records one problem naming the input. */

import { SEVERITIES, type Severity } from '../types.js';

/** Collects every problem so a bad configuration fails once, listing them all. */
export class Problems {
  readonly list: string[] = [];
  /** Records `input: 'value' is not …; accepted: …`. */
  bad(input: string, value: string, accepted: string): void {
    this.list.push(`\`${input}\`: ${JSON.stringify(value)} is not valid; ${accepted}`);
  }
  /** Records a problem across inputs, already worded. */
  add(message: string): void {
    this.list.push(message);
  }
}

const DURATION_UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** `90m`, `24h`, `7d`, `2w` -> milliseconds. */
export function parseDuration(input: string, raw: string, p: Problems): number | undefined {
  const m = /^(\d{1,6})\s*([mhdw])$/i.exec(raw.trim());
  const unit = m?.[2] ? DURATION_UNITS[m[2].toLowerCase()] : undefined;
  if (!m || unit === undefined || Number(m[1]) <= 0) {
    p.bad(input, raw, 'use a positive whole number followed by m, h, d or w (e.g. 90m, 24h, 7d)');
    return undefined;
  }
  return Number(m[1]) * unit;
}

// Date-only or date-time with a zone; a time without a zone is ambiguous on a runner, so it is refused.
const ISO_RE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/** ISO 8601 date or date-time with a zone -> Date. */
export function parseIsoTime(input: string, raw: string, p: Problems): Date | undefined {
  const v = raw.trim();
  const d = new Date(v);
  if (!ISO_RE.test(v) || Number.isNaN(d.getTime())) {
    p.bad(
      input,
      raw,
      'use an ISO 8601 time with a zone, e.g. 2026-11-01T00:00:00Z, or a date, e.g. 2026-11-01',
    );
    return undefined;
  }
  return d;
}

/** Comma- or newline-separated list, trimmed, empties dropped. */
export function parseList(raw: string): string[] {
  return raw
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const TRUE = new Set(['true', 'yes', 'on', '1']);
const FALSE = new Set(['false', 'no', 'off', '0']);

/** YAML 1.2 core booleans as @actions/core accepts them, plus yes/no/on/off/1/0. */
export function parseBool(input: string, raw: string, p: Problems): boolean | undefined {
  const v = raw.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  p.bad(input, raw, 'use true or false');
  return undefined;
}

/** One of a fixed set of words. */
export function parseEnum<T extends string>(
  input: string,
  raw: string,
  allowed: readonly T[],
  p: Problems,
): T | undefined {
  const v = raw.trim().toLowerCase();
  if ((allowed as readonly string[]).includes(v)) return v as T;
  p.bad(input, raw, `use one of: ${allowed.join(', ')}`);
  return undefined;
}

/** A severity name. */
export function parseSeverity(input: string, raw: string, p: Problems): Severity | undefined {
  return parseEnum(input, raw, SEVERITIES, p);
}

/** A whole number within a range. */
export function parseInteger(
  input: string,
  raw: string,
  min: number,
  max: number,
  p: Problems,
): number | undefined {
  const v = raw.trim();
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    p.bad(input, raw, `use a whole number from ${min} to ${max}`);
    return undefined;
  }
  return Number(v);
}

/** A non-negative decimal number within a range. */
export function parseNumber(
  input: string,
  raw: string,
  min: number,
  max: number,
  p: Problems,
): number | undefined {
  const v = raw.trim();
  if (!/^\d+(\.\d+)?$/.test(v) || Number(v) < min || Number(v) > max) {
    p.bad(input, raw, `use a number from ${min} to ${max}`);
    return undefined;
  }
  return Number(v);
}

/** Shapes of AWS identifiers, each with the wording shown when a value does not match. */
export const PATTERNS = {
  region: {
    re: /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/,
    accepted: 'use an AWS region name such as us-east-1 or eu-west-3',
  },
  accountId: { re: /^\d{12}$/, accepted: 'use a 12-digit AWS account id' },
  roleArn: {
    re: /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/,
    accepted: 'use an IAM role ARN such as arn:aws:iam::123456789012:role/trailsight',
  },
  topicArn: {
    re: /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/,
    accepted: 'use an SNS topic ARN such as arn:aws:sns:us-east-1:123456789012:security-alerts',
  },
  bucket: {
    re: /^(?!\d{1,3}(\.\d{1,3}){3}$)(?!xn--)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
    accepted: 'use an S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, not an IP address',
  },
  modelId: {
    re: /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,2047}$/,
    accepted:
      'use a Bedrock model id, inference profile id or ARN, such as us.anthropic.claude-haiku-4-5-20251001-v1:0',
  },
  organizationId: { re: /^o-[a-z0-9]{10,32}$/, accepted: 'use an organization id such as o-a1b2c3d4e5' },
  accountOrOrganizationId: {
    re: /^(\d{12}|o-[a-z0-9]{10,32})$/,
    accepted: 'use 12-digit AWS account ids or organization ids such as o-a1b2c3d4e5',
  },
  eventDataStore: {
    re: /^(arn:aws[a-z-]*:cloudtrail:[a-z0-9-]+:\d{12}:eventdatastore\/)?[A-Za-z0-9-]{3,128}$/,
    accepted: 'use an event data store ARN or id',
  },
  athenaTable: {
    re: /^[A-Za-z0-9_]{1,255}\.[A-Za-z0-9_]{1,255}$/,
    accepted:
      'use `database.table` with letters, digits and underscores (the names Athena accepts unquoted), such as default.cloudtrail_logs',
  },
  athenaWorkgroup: {
    re: /^[A-Za-z0-9._-]{1,128}$/,
    accepted:
      'use an Athena workgroup name: 1-128 letters, digits, dots, hyphens and underscores, such as primary',
  },
  s3Uri: {
    re: /^s3:\/\/(?!\d{1,3}(\.\d{1,3}){3}\/)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[^\0]{0,900})?$/,
    accepted: 'use an S3 URI such as s3://my-athena-results/trailsight/',
  },
  sessionName: { re: /^[\w+=,.@-]{2,64}$/, accepted: 'use 2-64 characters from letters, digits and +=,.@_-' },
  prefix: { re: /^[^\0]{0,900}$/, accepted: 'use an S3 key prefix of at most 900 characters' },
} as const;

/** Checks a value against a named AWS identifier pattern. */
export function parsePattern(
  input: string,
  raw: string,
  kind: keyof typeof PATTERNS,
  p: Problems,
): string | undefined {
  const v = raw.trim();
  const pat = PATTERNS[kind];
  if (!pat.re.test(v)) {
    p.bad(input, raw, pat.accepted);
    return undefined;
  }
  return v;
}

/** A list whose every element matches a pattern. */
export function parsePatternList(
  input: string,
  raw: string,
  kind: keyof typeof PATTERNS,
  p: Problems,
): string[] {
  const out: string[] = [];
  for (const item of parseList(raw)) {
    const v = parsePattern(input, item, kind, p);
    if (v !== undefined) out.push(v);
  }
  return out;
}
