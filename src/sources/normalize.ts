import { createHash } from 'node:crypto';
import type { Principal, TrailEvent, TrailResource } from '../types.js';

/** Why a record could not become a TrailEvent; these names are the `skipped` keys of a SourceReport. */
export type RejectReason = 'not-an-object' | 'missing-time' | 'invalid-time' | 'missing-name';

export type NormalizeResult =
  { event: TrailEvent; reason?: undefined } | { event?: undefined; reason: RejectReason };

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// Stands for an absent or malformed object (a user's identity without a session context, …): one shared object,
// not three fresh empty objects per event. Frozen, as nothing may write to it.
const EMPTY: Obj = Object.freeze({});

/** `v` when it is an object, else the shared empty one. */
function objOr(v: unknown): Obj {
  return isObj(v) ? v : EMPTY;
}

/** A non-empty string, or undefined for anything else (wrong types are treated as absent, never thrown on). */
function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** Booleans CloudTrail writes as `true` or `"true"` (Lake and some exporters stringify them). */
function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.toLowerCase();
    if (s === 'true') return true;
    if (s === 'false') return false;
  }
  return undefined;
}

// CloudTrail writes `2024-06-03T15:23:22Z`; Lake and some exporters write `2024-06-03 15:23:22.000000000` (UTC).
const SPACE_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/;

/** Two ASCII digits of `s` at `i` as a number, or -1. */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Three ASCII digits of `s` at `i` as a number, or -1. */
function three(s: string, i: number): number {
  const a = two(s, i);
  const c = s.charCodeAt(i + 2) - 48;
  return a >= 0 && c >= 0 && c <= 9 ? a * 10 + c : -1;
}

/** Parses a CloudTrail event time to epoch ms; NaN when it is not a time. */
export function parseEventTime(s: string): number {
  // Fast path for CloudTrail's own `2024-06-03T15:23:22Z`, read digit by digit (Date.parse costs ten times more).
  // Anything outside the plain ranges (24:00, years before 100) goes to the general path, which agrees with it.
  const len = s.length;
  if (
    (len === 20 || (len === 24 && s.charCodeAt(19) === 46)) &&
    s.charCodeAt(len - 1) === 90 &&
    s.charCodeAt(4) === 45 &&
    s.charCodeAt(7) === 45 &&
    s.charCodeAt(10) === 84 &&
    s.charCodeAt(13) === 58 &&
    s.charCodeAt(16) === 58
  ) {
    const hi = two(s, 0);
    const lo = two(s, 2);
    const mo = two(s, 5);
    const d = two(s, 8);
    const h = two(s, 11);
    const mi = two(s, 14);
    const sec = two(s, 17);
    if (
      hi >= 1 &&
      lo >= 0 &&
      mo >= 1 &&
      mo <= 12 &&
      d >= 1 &&
      d <= 31 &&
      h >= 0 &&
      h <= 23 &&
      mi >= 0 &&
      mi <= 59 &&
      sec >= 0 &&
      sec <= 59
    ) {
      const ms = len === 24 ? three(s, 20) : 0;
      if (ms >= 0) return Date.UTC(hi * 100 + lo, mo - 1, d, h, mi, sec, ms);
    }
  }
  const m = SPACE_TIME.exec(s);
  if (!m) return Number.NaN;
  const frac = m[3] ? `.${m[3].slice(0, 3).padEnd(3, '0')}` : '';
  return Date.parse(`${m[1]}T${m[2]}${frac}${m[4] ?? 'Z'}`);
}

/** `iam.amazonaws.com` -> `iam`; anything without the suffix is kept as it is. */
export function serviceOf(eventSource: string): string {
  const i = eventSource.indexOf('.amazonaws.com');
  return i > 0 ? eventSource.slice(0, i) : eventSource;
}

const ARN_ACCOUNT = /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/;

function accountFromArn(arn: string | undefined): string | undefined {
  return arn ? ARN_ACCOUNT.exec(arn)?.[1] : undefined;
}

/** `arn:aws:sts::123:assumed-role/Role/session` -> `arn:aws:iam::123:role/Role` (the role path is not in the session ARN). */
function roleArnFromSessionArn(arn: string | undefined): string | undefined {
  const m = arn ? /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)(?:\/.*)?$/.exec(arn) : null;
  return m ? `arn:${m[1]}:iam::${m[2]}:role/${m[3]}` : undefined;
}

/** Normalises `userIdentity` of any type; `key` groups every session of a role and every call of a user. */
export function normalizePrincipal(ui: unknown, recipientAccount?: string): Principal {
  const u = objOr(ui);
  const type = str(u.type) ?? 'Unknown';
  const arn = str(u.arn);
  const principalId = str(u.principalId);
  const accountId = str(u.accountId) ?? accountFromArn(arn);
  const userName = str(u.userName);
  const accessKeyId = str(u.accessKeyId);
  const invokedBy = str(u.invokedBy);
  const ctx = objOr(u.sessionContext);
  const issuer = objOr(ctx.sessionIssuer);
  const attrs = objOr(ctx.attributes);
  const issuerArn = str(issuer.arn);
  const issuerName = str(issuer.userName);
  const issuerType = str(issuer.type);
  const mfa = bool(attrs.mfaAuthenticated);

  // Every field is always present (undefined when absent), so every principal has one shape for the JIT.
  const p: Principal = {
    type,
    arn,
    principalId,
    accountId,
    userName,
    accessKeyId,
    sessionIssuerArn: issuerArn,
    sessionIssuerName: issuerName,
    sessionIssuerType: issuerType,
    mfaAuthenticated: mfa,
    ec2RoleDelivery: ctx.ec2RoleDelivery !== undefined,
    invokedBy,
    key: '',
  };
  p.key = principalKey(type, u, p, recipientAccount);
  return p;
}

/** `AROA…:session` -> `AROA…`. Only the rare fallbacks need it, so it is cut when asked, not for every event. */
function idPrefix(id: string | undefined): string | undefined {
  const colon = id?.indexOf(':') ?? -1;
  return colon >= 0 ? id?.slice(0, colon) : id;
}

/** `tag` + `v`, or undefined when `v` is absent. */
function tagged(tag: string, v: string | undefined): string | undefined {
  return v ? `${tag}${v}` : undefined;
}

function principalKey(type: string, u: Obj, p: Principal, recipientAccount: string | undefined): string {
  const acct = p.accountId ?? recipientAccount;
  switch (type) {
    case 'Root':
      return `root@${acct ?? 'unknown'}`;
    case 'IAMUser':
    case 'User':
      return (
        p.arn ??
        (acct && p.userName ? `arn:aws:iam::${acct}:user/${p.userName}` : undefined) ??
        (p.userName ? `user:${p.userName}` : undefined) ??
        p.principalId ??
        'IAMUser:unknown'
      );
    case 'AssumedRole':
      return (
        p.sessionIssuerArn ??
        roleArnFromSessionArn(p.arn) ??
        p.arn ??
        tagged('role:', idPrefix(p.principalId)) ??
        'AssumedRole:unknown'
      );
    case 'FederatedUser':
      // The issuing IAM user groups every federation token it handed out.
      return p.sessionIssuerArn ?? p.arn ?? p.principalId ?? 'FederatedUser:unknown';
    case 'AWSAccount':
      return `account:${acct ?? idPrefix(p.principalId) ?? 'unknown'}`;
    case 'AWSService':
      return p.invokedBy ?? 'AWSService:unknown';
    case 'IdentityCenterUser': {
      const onBehalf = objOr(u.onBehalfOf);
      const userId = str(onBehalf.userId);
      const store = str(onBehalf.identityStoreArn);
      if (userId) return `identitycenter:${store ? `${store}/` : ''}${userId}`;
      return p.userName ? `identitycenter:${p.userName}` : (p.principalId ?? 'IdentityCenterUser:unknown');
    }
    case 'SAMLUser':
    case 'WebIdentityUser': {
      const idp = str(u.identityProvider);
      const who = p.userName ?? p.principalId ?? 'unknown';
      return `${type === 'SAMLUser' ? 'saml' : 'webidentity'}:${idp ? `${idp}/` : ''}${who}`;
    }
    default:
      // Unknown, Directory, missing or unexpected types: the most specific identifier the record has.
      return (
        p.sessionIssuerArn ??
        p.arn ??
        (p.userName ? `${type.toLowerCase()}:${p.userName}` : undefined) ??
        p.principalId ??
        p.invokedBy ??
        (acct ? `account:${acct}` : `${type}:unknown`)
      );
  }
}

// Most events name no resources: they share one frozen empty list (a write to it throws instead of leaking into
// other events).
const NO_RESOURCES = Object.freeze([]) as unknown as TrailResource[];

function resourcesOf(v: unknown): TrailResource[] {
  if (!Array.isArray(v) || v.length === 0) return NO_RESOURCES;
  const out: TrailResource[] = [];
  for (const r of v) {
    if (!isObj(r)) continue;
    const res: TrailResource = {};
    // Management events write `ARN`; Lake and some tools write `arn`.
    const arn = str(r.ARN) ?? str(r.arn);
    const type = str(r.type);
    const accountId = str(r.accountId);
    const name = str(r.name);
    if (arn) res.arn = arn;
    if (type) res.type = type;
    if (accountId) res.accountId = accountId;
    if (name) res.name = name;
    out.push(res);
  }
  return out;
}

/** A stable id for records without `eventID` (examples, some exporters), so de-duplication still works. */
export function contentHash(raw: unknown): string {
  return createHash('sha1').update(JSON.stringify(raw)).digest('hex').slice(0, 20);
}

/** Turns one raw CloudTrail record (any eventVersion 1.x) into a TrailEvent, or says why it cannot. Never throws. */
export function normalizeRecord(rec: unknown): NormalizeResult {
  const r = normalizeEvent(rec);
  return typeof r === 'string' ? { reason: r } : { event: r };
}

/**
 * normalizeRecord without the result wrapper, for the ingest loop (one object less per record): the event, or the
 * reason it cannot be one.
 */
export function normalizeEvent(rec: unknown): TrailEvent | RejectReason {
  if (!isObj(rec)) return 'not-an-object';
  const time = rec.eventTime;
  if (time === undefined || time === null || time === '') return 'missing-time';
  if (typeof time !== 'string') return 'invalid-time';
  const timeMs = parseEventTime(time);
  if (Number.isNaN(timeMs)) return 'invalid-time';
  const name = str(rec.eventName);
  if (!name) return 'missing-name';

  const source = str(rec.eventSource) ?? '';
  const recipient = str(rec.recipientAccountId);
  const principal = normalizePrincipal(rec.userIdentity, recipient);
  // Every field is always present (undefined when absent), so every event has one shape for the JIT.
  const ev: TrailEvent = {
    id: str(rec.eventID) ?? `hash:${contentHash(rec)}`,
    time,
    timeMs,
    source,
    service: serviceOf(source),
    name,
    region: str(rec.awsRegion) ?? '',
    account: recipient ?? principal.accountId ?? '',
    principal,
    sourceIp: str(rec.sourceIPAddress),
    userAgent: str(rec.userAgent),
    errorCode: str(rec.errorCode),
    errorMessage: str(rec.errorMessage),
    readOnly: bool(rec.readOnly),
    eventType: str(rec.eventType),
    resources: resourcesOf(rec.resources),
    raw: rec,
  };
  return ev;
}
