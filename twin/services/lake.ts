import { eventTimeMs, type TrailRecord } from '../events.js';

/** A Lake error with the CloudTrail error code it maps to. */
export class LakeQueryError extends Error {
  constructor(
    readonly code: 'InvalidQueryStatementException' | 'EventDataStoreNotFoundException',
    message: string,
  ) {
    super(message);
    this.name = 'LakeQueryError';
  }
}

export interface LakeResult {
  columns: string[];
  rows: Record<string, string>[];
  scanned: number;
}

const ALL_COLUMNS = [
  'eventVersion',
  'userIdentity',
  'eventTime',
  'eventSource',
  'eventName',
  'awsRegion',
  'sourceIPAddress',
  'userAgent',
  'errorCode',
  'errorMessage',
  'requestParameters',
  'responseElements',
  'additionalEventData',
  'requestID',
  'eventID',
  'readOnly',
  'resources',
  'eventType',
  'apiVersion',
  'managementEvent',
  'recipientAccountId',
  'sharedEventID',
  'vpcEndpointId',
  'serviceEventDetails',
  'eventCategory',
  'tlsDetails',
  'sessionCredentialFromConsole',
];

const IDENT = String.raw`[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*`;
const STRING = String.raw`'(?:[^']|'')*'`;
const LIST = String.raw`\(\s*${STRING}(?:\s*,\s*${STRING})*\s*\)`;

function invalid(detail: string): LakeQueryError {
  return new LakeQueryError(
    'InvalidQueryStatementException',
    `The query statement is not supported by the twin: ${detail}`,
  );
}

function unquote(s: string): string {
  return s.slice(1, -1).replace(/''/g, "'");
}

/** Lake timestamps look like `2024-01-02 03:04:05.000` (UTC); ISO 8601 is accepted too. */
function parseLakeTime(s: string): number {
  const iso = s.includes('T') ? s : s.replace(' ', 'T');
  const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
  if (!Number.isFinite(t)) throw invalid(`'${s}' is not a timestamp`);
  return t;
}

function lakeTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

function column(r: TrailRecord, path: string): unknown {
  let v: unknown = r;
  for (const part of path.split('.')) {
    if (typeof v !== 'object' || v === null) return undefined;
    const o = v as Record<string, unknown>;
    // Lake column names are case-insensitive.
    const key = Object.keys(o).find((k) => k.toLowerCase() === part.toLowerCase());
    v = key === undefined ? undefined : o[key];
  }
  return v;
}

function render(path: string, v: unknown): string {
  if (v === undefined || v === null) return '';
  if (path.toLowerCase() === 'eventtime' && typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isFinite(t) ? lakeTime(t) : v;
  }
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * Runs the supported subset of CloudTrail Lake SQL (see twin/README.md):
 * `SELECT cols|* FROM <store> WHERE eventTime >= '…' AND eventTime < '…' [AND eventSource IN (…)]
 * [AND eventName IN (…)] [AND readOnly = false] [ORDER BY eventTime [ASC|DESC]] [LIMIT n]`.
 */
export function runLakeQuery(
  sql: string,
  events: TrailRecord[],
  storeExists: (id: string) => boolean,
): LakeResult {
  const text = sql.trim().replace(/;\s*$/, '').replace(/\s+/g, ' ');
  const m = new RegExp(
    String.raw`^SELECT (\*|${IDENT}(?: ?, ?${IDENT})*) FROM ([A-Za-z0-9:/._-]+|"[^"]+")(?: WHERE (.+?))?(?: ORDER BY (eventTime)(?: (ASC|DESC))?)?(?: LIMIT (\d+))?$`,
    'i',
  ).exec(text);
  if (!m)
    throw invalid(
      'expected SELECT <columns> FROM <event data store id> WHERE … [ORDER BY eventTime] [LIMIT n]',
    );
  const [, cols = '*', rawStore = '', where, orderBy, direction, limit] = m;
  const store = rawStore.replace(/^"|"$/g, '');
  if (!storeExists(store)) {
    throw new LakeQueryError(
      'EventDataStoreNotFoundException',
      `The specified event data store ${store} was not found.`,
    );
  }
  const columns = cols === '*' ? ALL_COLUMNS : cols.split(',').map((c) => c.trim());
  const predicates: ((r: TrailRecord) => boolean)[] = [];
  if (where) {
    for (const clause of where.split(/ AND /i)) predicates.push(parsePredicate(clause.trim()));
  }
  const matched = events.filter((r) => predicates.every((p) => p(r)));
  if (orderBy) {
    const sign = direction?.toUpperCase() === 'DESC' ? -1 : 1;
    matched.sort((a, b) => sign * ((eventTimeMs(a) ?? 0) - (eventTimeMs(b) ?? 0)));
  }
  const limited = limit ? matched.slice(0, Number(limit)) : matched;
  return {
    columns,
    scanned: events.length,
    rows: limited.map((r) => Object.fromEntries(columns.map((c) => [c, render(c, column(r, c))]))),
  };
}

function parsePredicate(clause: string): (r: TrailRecord) => boolean {
  let m = new RegExp(String.raw`^eventTime (>=|>|<=|<|=) (?:timestamp )?(${STRING})$`, 'i').exec(clause);
  if (m) {
    const op = m[1] as string;
    const t = parseLakeTime(unquote(m[2] as string));
    return (r) => {
      const e = eventTimeMs(r);
      if (e === undefined) return false;
      switch (op) {
        case '>=':
          return e >= t;
        case '>':
          return e > t;
        case '<=':
          return e <= t;
        case '<':
          return e < t;
        default:
          return e === t;
      }
    };
  }
  m = new RegExp(
    String.raw`^(eventSource|eventName|awsRegion|recipientAccountId) (NOT )?IN (${LIST})$`,
    'i',
  ).exec(clause);
  if (m) {
    const field = m[1] as string;
    const negate = Boolean(m[2]);
    const values = new Set([...(m[3] as string).matchAll(new RegExp(STRING, 'g'))].map((x) => unquote(x[0])));
    return (r) => values.has(String(column(r, field) ?? '')) !== negate;
  }
  m = new RegExp(
    String.raw`^(eventSource|eventName|awsRegion|recipientAccountId) (=|!=|<>) (${STRING})$`,
    'i',
  ).exec(clause);
  if (m) {
    const field = m[1] as string;
    const negate = m[2] !== '=';
    const value = unquote(m[3] as string);
    return (r) => (String(column(r, field) ?? '') === value) !== negate;
  }
  m = /^readOnly (=|!=|<>) (true|false|'true'|'false')$/i.exec(clause);
  if (m) {
    const want = (m[2] as string).replace(/'/g, '').toLowerCase() === 'true';
    const negate = m[1] !== '=';
    return (r) => (String(r.readOnly) === String(want)) !== negate;
  }
  throw invalid(`unsupported condition "${clause}"`);
}
