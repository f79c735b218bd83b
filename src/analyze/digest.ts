/**
 * Digests: the window's events turned into compact text per principal and account. Repetitive calls are folded
 * into one line with counts, first/last time and the distinct IPs, regions, user agents and errors; notable
 * events (rule-flagged, errors, writes, calls rare in the window) stay as one trimmed line each, with their
 * event id so a model can cite them. Memory is bounded while observing; whatever a cap keeps out is counted.
 */
import type { Config } from '../config/types.js';
import { actorOf, Interner, shownAgent } from '../actors.js';
import { fnv1a32 } from '../fingerprint.js';
import type { FlaggedLater, GroupedEvents, TrailEvent } from '../types.js';
import { estimateTokens } from './tokens.js';
import { safeValue } from './untrusted.js';

/** Caps that bound memory and digest size; every one of them is counted when it bites. */
export interface DigestLimits {
  /** Verbatim lines kept per principal for notable events that no rule flagged. */
  maxNotablePerPrincipal: number;
  /** Verbatim lines kept per principal for rule-flagged events (these are the evidence: set high). */
  maxFlaggedPerPrincipal: number;
  /** Verbatim rule-flagged lines kept over all principals: what memory holds whatever the volume. */
  maxFlaggedTotal: number;
  /** Unflagged notable lines kept over all principals. */
  maxNotableTotal: number;
  /** Distinct calls tracked over all principals; further new calls fold into their principal's "other calls". */
  maxCallsTotal: number;
  /** Unflagged notable lines of the same call per principal; further repeats fold into the call's count. */
  maxNotablePerCall: number;
  /** Of those, lines for failed calls (an error storm needs a couple of examples, not all of them). */
  maxErrorsPerCall: number;
  /** Distinct calls (service:eventName) tracked per principal; the rest fold into one "other calls" line. */
  maxCallsPerPrincipal: number;
  /** Distinct values kept per field (IPs, user agents, regions, sessions); beyond that they are counted. */
  maxDistinct: number;
  /** A call seen at most this many times in the whole window is rare, so its events are kept verbatim. */
  rareMax: number;
  /** Principal/account groups tracked; events of further principals share one overflow group. */
  maxGroups: number;
}

export const DEFAULT_DIGEST_LIMITS: DigestLimits = {
  maxNotablePerPrincipal: 150,
  maxFlaggedPerPrincipal: 5000,
  maxFlaggedTotal: 12_000,
  maxNotableTotal: 8_000,
  maxCallsTotal: 15_000,
  maxNotablePerCall: 3,
  maxErrorsPerCall: 2,
  maxCallsPerPrincipal: 150,
  maxDistinct: 5,
  rareMax: 2,
  maxGroups: 3000,
};

/** Strings the digest keeps one copy of at a time (see DigestBuilder.strings); past it the table starts again. */
const MAX_KEPT_STRINGS = 20_000;

/** Why an event is kept verbatim. */
export type NotableReason = 'rule' | 'error' | 'write' | 'rare';

/** A notable event, trimmed to the fields that matter; also what AI evidence is checked against. */
export interface EventRef {
  id: string;
  time: string;
  timeMs: number;
  service: string;
  name: string;
  region: string;
  account: string;
  /** Principal key (as in `Principal.key`). */
  principal: string;
  sourceIp?: string;
  userAgent?: string;
  /** The role session ARN and the access key id, so AI findings carry the actors correlate ties incidents by. */
  session?: string;
  accessKeyId?: string;
  errorCode?: string;
  /** Rendered, already-trimmed request parameters and response fields (`k=v` each). */
  details?: string[];
  ruleIds: string[];
  reason: NotableReason;
}

/** One unit of model input: packed digest text plus the events it cites. */
export interface DigestRecord {
  /** 11 alphanumeric characters, as Bedrock batch record ids are. */
  recordId: string;
  /** Digest text (fence and instructions are added by the prompt). */
  text: string;
  tokens: number;
  /** Every event that appears verbatim in `text`, by id: the only ids an AI finding from it may cite. */
  events: Map<string, EventRef>;
  /** Principal keys and accounts present. */
  principals: string[];
  accounts: string[];
  /** Events this record accounts for (verbatim lines plus folded counts). */
  eventsCovered: number;
}

export interface DigestStats {
  records: number;
  eventsCovered: number;
  eventsFolded: number;
  eventsOmitted: number;
}

export interface DigestSet {
  records: DigestRecord[];
  stats: DigestStats;
  warnings: string[];
  /** Ids of every rule-flagged event observed and of those kept verbatim (they should match). */
  flaggedObserved: number;
  flaggedKept: number;
}

/** Receives every event of the window once, with the ids of the rules that matched it. */
export interface DigestCollector {
  observe(e: TrailEvent, ruleIds: readonly string[]): void;
  /** An event observed earlier that a rule flagged since (a threshold burst's earlier events, correlate rules). */
  flagLater(f: FlaggedLater): void;
  /** `source: athena`: a GROUP BY row standing for events the collector is not shown one by one. */
  observeGrouped?(g: GroupedEvents): void;
}

/**
 * Up to `cap` distinct values with their counts; plain arrays, since tens of thousands of these live at once.
 * Past the cap, which values are kept must not depend on the order events arrive in: the kept ones are those
 * with the smallest hashes (a bottom-k sample), so their counts are exact and `overflow` counts every other one.
 */
class Distinct {
  // Entries as (value, count, hash) triples in one array, made on the first value: tens of thousands of these
  // live while a window is read, and three arrays each (or one made up front) cost several times the memory.
  private items: (string | number)[] | undefined;
  overflow = 0;
  constructor(private readonly cap: number) {}
  private value(i: number): string {
    return (this.items as (string | number)[])[i * 3] as string;
  }
  private hash(i: number): number {
    return (this.items as (string | number)[])[i * 3 + 2] as number;
  }
  /** Counts `v`; a value kept is kept as `keep` gives it (one copy shared with the rest of the digest). */
  add(v: string | undefined, keep: (s: string) => string): void {
    if (v === undefined || v === '') return;
    const items = this.items;
    if (items === undefined) {
      // Made with its first value (most lists hold one): a list grown by push from empty reserves 17 slots.
      this.items = [keep(v), 1, fnv1a32(v)];
      return;
    }
    const n = items.length / 3;
    for (let i = 0; i < n; i++) {
      if (items[i * 3] === v) {
        items[i * 3 + 1] = (items[i * 3 + 1] as number) + 1;
        return;
      }
    }
    const h = fnv1a32(v);
    if (n < this.cap) {
      // Grown to size (a list holds `cap` values at most): push would reserve 16 slots more than needed.
      this.items = items.concat(keep(v), 1, h);
      return;
    }
    let worst = 0;
    for (let k = 1; k < n; k++)
      if (ranksAfter(this.hash(k), this.value(k), this.hash(worst), this.value(worst))) worst = k;
    if (this.cap === 0 || !ranksAfter(this.hash(worst), this.value(worst), h, v)) {
      this.overflow++;
      return;
    }
    this.overflow += items[worst * 3 + 1] as number;
    items[worst * 3] = keep(v);
    items[worst * 3 + 1] = 1;
    items[worst * 3 + 2] = h;
  }
  has(v: string): boolean {
    const items = this.items ?? [];
    for (let i = 0; i < items.length; i += 3) if (items[i] === v) return true;
    return false;
  }
  /** Most frequent value first (ties by value, so output is deterministic). */
  sorted(): string[] {
    const out: (readonly [string, number])[] = [];
    const items = this.items ?? [];
    for (let i = 0; i < items.length; i += 3) out.push([items[i] as string, items[i + 1] as number]);
    return out.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
  }
  get size(): number {
    return (this.items?.length ?? 0) / 3;
  }
}

interface CallFold {
  key: string;
  count: number;
  /** Events of this call kept as verbatim lines (they are part of `count` too). */
  verbatim: number;
  /** Unflagged failed calls kept verbatim. */
  errorLines: number;
  /** The unflagged notable lines kept for this call (also in their group's `notable`). */
  lines: EventRef[];
  firstMs: number;
  lastMs: number;
  ips: Distinct;
  regions: Distinct;
  uas: Distinct;
  /** Failed calls by error code; made on the first (most calls never fail, and there are thousands of folds). */
  errors: Map<string, number> | undefined;
  writes: number;
}

interface Group {
  key: string;
  account: string;
  principal: string;
  type: string;
  sessions: Distinct;
  mfa?: boolean;
  events: number;
  errors: number;
  firstMs: number;
  lastMs: number;
  ips: Distinct;
  uas: Distinct;
  regions: Distinct;
  calls: Map<string, CallFold>;
  other: CallFold;
  notable: EventRef[];
  flagged: EventRef[];
  /** Notable lines not kept because a per-principal cap was reached. */
  omitted: number;
}

const READ_PREFIX =
  /^(Get|List|Describe|Head|Lookup|Search|Scan|Query|Select|BatchGet|Check|Validate|Estimate|Preview|View)/;

/** Whether a call changes something: CloudTrail's readOnly when present, else a name-based guess. */
function isWrite(e: TrailEvent): boolean {
  if (e.readOnly !== undefined) return !e.readOnly;
  return !READ_PREFIX.test(e.name);
}

const SKIP_PARAM =
  /^(maxResults|maxItems|maxRecords|nextToken|marker|encodingType|includeShared|filter|filters)$/i;
const LONG_PARAM = /polic|document|statement|principal|permission|grant|acl|rule|condition/i;

/** Request parameters and key response fields as `k=v` pairs: few, short, and safe for the prompt. */
function renderDetails(raw: Record<string, unknown>): string[] | undefined {
  const parts: string[] = [];
  const walk = (obj: unknown, prefix: string, depth: number): void => {
    if (parts.length >= 6 || obj === null || typeof obj !== 'object') return;
    for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
      if (parts.length >= 6) return;
      if (SKIP_PARAM.test(k)) continue;
      const path = prefix ? `${prefix}.${k}` : k;
      if (v === null || v === undefined || v === '') continue;
      if (typeof v === 'object' && !Array.isArray(v) && depth < 2) {
        walk(v, path, depth + 1);
        continue;
      }
      const max = LONG_PARAM.test(k) ? 200 : 60;
      // A parameter literally named `id` would read as an event id to a model (and to id extraction): qualify it.
      const name = /^(id|eventid|event_id)$/i.test(path) ? `param.${path}` : path;
      parts.push(`${safeValue(name, 40)}=${safeValue(v, max)}`);
    }
  };
  walk(raw.requestParameters, '', 0);
  // A few response fields carry the outcome a reviewer needs (ConsoleLogin: Failure, a created key's id …).
  const resp = raw.responseElements;
  if (resp && typeof resp === 'object') {
    let n = 0;
    const req =
      raw.requestParameters && typeof raw.requestParameters === 'object'
        ? (raw.requestParameters as Record<string, unknown>)
        : {};
    for (const [k, v] of Object.entries(resp as Record<string, unknown>)) {
      if (n >= 2) break;
      // Echoes of the request (most Create*/Modify* responses) add nothing.
      if (v === null || typeof v === 'object' || Object.values(req).includes(v)) continue;
      parts.push(`out.${safeValue(k, 30)}=${safeValue(v, 40)}`);
      n++;
    }
  }
  const extra = raw.additionalEventData;
  if (extra && typeof extra === 'object') {
    const mfa = (extra as Record<string, unknown>).MFAUsed;
    if (typeof mfa === 'string') parts.push(`MFAUsed=${safeValue(mfa, 10)}`);
  }
  return parts.length ? parts : undefined;
}

/** Session identity for counting sessions: the role session name, else the access key. */
function sessionOf(e: TrailEvent): string | undefined {
  const arn = e.principal.arn;
  if (arn && e.principal.type === 'AssumedRole') return arn.slice(arn.lastIndexOf('/') + 1);
  return e.principal.accessKeyId;
}

function newFold(key: string, limits: DigestLimits, ms: number): CallFold {
  return {
    key,
    count: 0,
    verbatim: 0,
    errorLines: 0,
    lines: [],
    firstMs: ms,
    lastMs: ms,
    ips: new Distinct(limits.maxDistinct),
    regions: new Distinct(limits.maxDistinct),
    uas: new Distinct(limits.maxDistinct),
    errors: undefined,
    writes: 0,
  };
}

function addToFold(f: CallFold, e: TrailEvent, keep: (s: string) => string): void {
  f.count++;
  if (e.timeMs < f.firstMs) f.firstMs = e.timeMs;
  if (e.timeMs > f.lastMs) f.lastMs = e.timeMs;
  f.ips.add(e.sourceIp, keep);
  f.regions.add(e.region, keep);
  f.uas.add(e.userAgent, keep);
  if (e.errorCode) countError(f, e.errorCode, keep);
  if (isWrite(e)) f.writes++;
}

/** Counts one failed call of the fold; a code new to it is kept as `keep` gives it. */
function countError(f: CallFold, code: string, keep: (s: string) => string): void {
  const errors = (f.errors ??= new Map());
  const was = errors.get(code);
  errors.set(was === undefined ? keep(code) : code, (was ?? 0) + 1);
}

/** Whether (hash a, value a) ranks after (hash b, value b) in a Distinct's bottom-k order. */
function ranksAfter(ha: number, a: string, hb: number, b: string): boolean {
  return ha > hb || (ha === hb && a > b);
}

/** An event's identity for lines: its id and time (test fixtures reuse placeholder ids for distinct records). */
function lineKey(r: { id: string; timeMs: number }): string {
  return `${r.id}\u0000${r.timeMs}`;
}

/** Whether `a` comes after `b` (time, then id): the order that picks which notable events a call keeps. */
function later(a: { timeMs: number; id: string }, b: { timeMs: number; id: string }): boolean {
  return a.timeMs > b.timeMs || (a.timeMs === b.timeMs && a.id > b.id);
}

/** The collector's implementation; `finish` packs what was observed into records. */
export class DigestBuilder implements DigestCollector {
  private readonly groups = new Map<string, Group>();
  /** Window-wide count per call, for rarity. Bounded by the number of distinct event names. */
  private readonly callCounts = new Map<string, number>();
  /** Events of calls still rare in the window, waiting to be promoted to verbatim lines at the end. */
  private readonly rareCandidates = new Map<string, { group: Group; ref: EventRef }[]>();
  private observed = 0;
  private flaggedObserved = 0;
  private flaggedKept = 0;
  private notableKept = 0;
  private callsKept = 0;
  /** Rule-flagged lines by event id (and time): a later flag of the same event adds its rule to the line. */
  private readonly flaggedLines = new Map<string, EventRef>();
  private promoted = false;
  private released = false;
  /** Set by observeGrouped: counts come from GROUP BY rows, observed events add their lines only. */
  private fromGroups = false;
  /**
   * One copy of each value the digest keeps from many events (names, accounts, addresses, user agents, sessions,
   * error codes). Not the rendered details: those are mostly unique, and would only fill the table.
   */
  private readonly strings = new Interner(MAX_KEPT_STRINGS);
  private readonly keep = this.strings.keep;

  constructor(readonly limits: DigestLimits = DEFAULT_DIGEST_LIMITS) {}

  /**
   * `source: athena`: per-principal call counts and addresses from GROUP BY rows. Once they arrive, the events
   * observed one by one (the candidates) add their lines only: the counts already hold them.
   */
  observeGrouped(grouped: GroupedEvents): void {
    const e = grouped.event;
    if (grouped.part === 'principals') {
      const g = this.groupFor(e);
      for (const ip of grouped.principal?.sourceIps ?? []) g.ips.add(ip, this.keep);
      for (const r of grouped.principal?.regions ?? []) g.regions.add(r, this.keep);
      return;
    }
    const c = grouped.calls;
    if (grouped.part !== 'principalCalls' || !c) return;
    this.fromGroups = true;
    this.observed += grouped.n;
    const g = this.groupFor(e);
    if (e.principal.type < g.type && g.type !== 'mixed') g.type = e.principal.type;
    g.events += grouped.n;
    g.errors += c.errors;
    if (c.firstMs < g.firstMs) g.firstMs = c.firstMs;
    if (c.lastMs > g.lastMs) g.lastMs = c.lastMs;
    const callKey = `${e.service}:${e.name}`;
    const fold = this.foldFor(g, callKey, c.firstMs);
    fold.count += grouped.n;
    fold.writes += c.writes;
    if (c.firstMs < fold.firstMs) fold.firstMs = c.firstMs;
    if (c.lastMs > fold.lastMs) fold.lastMs = c.lastMs;
    if (e.region) fold.regions.add(e.region, this.keep);
    this.callCounts.set(callKey, (this.callCounts.get(callKey) ?? 0) + grouped.n);
  }

  private foldFor(g: Group, callKey: string, ms: number): CallFold {
    let fold = g.calls.get(callKey);
    if (!fold) {
      if (g.calls.size < this.limits.maxCallsPerPrincipal && this.callsKept < this.limits.maxCallsTotal) {
        this.callsKept++;
        fold = newFold(callKey, this.limits, ms);
        g.calls.set(callKey, fold);
      } else fold = g.other;
    }
    return fold;
  }

  observe(e: TrailEvent, ruleIds: readonly string[]): void {
    const g = this.groupFor(e);
    const callKey = `${e.service}:${e.name}`;
    const fold = this.foldFor(g, callKey, e.timeMs);
    g.sessions.add(sessionOf(e), this.keep);
    g.uas.add(e.userAgent, this.keep);
    if (e.principal.mfaAuthenticated !== undefined) g.mfa = (g.mfa ?? false) || e.principal.mfaAuthenticated;
    let seen: number;
    if (this.fromGroups) {
      seen = this.callCounts.get(callKey) ?? 1;
      fold.ips.add(e.sourceIp, this.keep);
      fold.uas.add(e.userAgent, this.keep);
      if (e.errorCode) countError(fold, e.errorCode, this.keep);
    } else {
      this.observed++;
      // One principal key can come with several identity types (a federated user's records): show the same one
      // whatever order the events arrive in.
      if (e.principal.type < g.type && g.type !== 'mixed') g.type = e.principal.type;
      g.events++;
      if (e.timeMs < g.firstMs) g.firstMs = e.timeMs;
      if (e.timeMs > g.lastMs) g.lastMs = e.timeMs;
      g.ips.add(e.sourceIp, this.keep);
      g.regions.add(e.region, this.keep);
      if (e.errorCode) g.errors++;
      addToFold(fold, e, this.keep);
      seen = (this.callCounts.get(callKey) ?? 0) + 1;
      this.callCounts.set(callKey, seen);
    }

    const flagged = ruleIds.length > 0;
    if (flagged) this.flaggedObserved++;
    const reason: NotableReason | undefined = flagged
      ? 'rule'
      : e.errorCode
        ? 'error'
        : isWrite(e)
          ? 'write'
          : undefined;

    if (reason === 'rule') {
      if (
        g.flagged.length < this.limits.maxFlaggedPerPrincipal &&
        this.flaggedKept < this.limits.maxFlaggedTotal
      ) {
        this.flaggedKept++;
        const r = this.ref(e, ruleIds, reason, g);
        g.flagged.push(r);
        this.flaggedLines.set(lineKey(r), r);
        fold.verbatim++;
      } else g.omitted++;
    } else if (reason !== undefined) {
      this.notableLine(g, fold, e, ruleIds, reason);
    } else {
      // Possibly rare: keep until the call proves common (bounded: at most rareMax per call, window-wide).
      if (seen <= this.limits.rareMax) {
        const list = this.rareCandidates.get(callKey) ?? [];
        list.push({ group: g, ref: this.ref(e, ruleIds, 'rare', g) });
        this.rareCandidates.set(callKey, list);
      }
    }
    if (seen > this.limits.rareMax) this.rareCandidates.delete(callKey);
  }

  /**
   * Keeps an unflagged notable event (an error or a write) as a line of its call, up to maxNotablePerCall lines of
   * which at most maxErrorsPerCall errors. Which events those are must not depend on the order they arrive in
   * (sources read files concurrently, and the batch job's input hash must be the same on a re-run): the earliest
   * by time, then id. A full call trades its latest line for an earlier event that may take its place.
   */
  private notableLine(
    g: Group,
    fold: CallFold,
    e: TrailEvent,
    ruleIds: readonly string[],
    reason: 'error' | 'write',
  ): void {
    const isError = reason === 'error';
    const errorsFull = fold.errorLines >= this.limits.maxErrorsPerCall;
    if (fold.lines.length < this.limits.maxNotablePerCall && !(isError && errorsFull)) {
      if (
        g.notable.length < this.limits.maxNotablePerPrincipal &&
        this.notableKept < this.limits.maxNotableTotal
      ) {
        this.notableKept++;
        const r = this.ref(e, ruleIds, reason, g);
        g.notable.push(r);
        fold.lines.push(r);
        fold.verbatim++;
        if (isError) fold.errorLines++;
      } else g.omitted++;
      return;
    }
    // An error may only replace an error while the error lines are at their cap.
    let latest: EventRef | undefined;
    for (const l of fold.lines)
      if ((!isError || !errorsFull || l.reason === 'error') && (!latest || later(l, latest))) latest = l;
    if (!latest || !later(latest, e)) return;
    const r = this.ref(e, ruleIds, reason, g);
    fold.lines[fold.lines.indexOf(latest)] = r;
    g.notable[g.notable.indexOf(latest)] = r;
    fold.errorLines += (isError ? 1 : 0) - (latest.reason === 'error' ? 1 : 0);
  }

  /**
   * A rule flagged an event after it was observed. Its line, if it has one (rule-flagged, a notable write or
   * error, a rare call's candidate), becomes a rule line with the rule added; otherwise the event had been folded
   * into its call's count and now gets its own line from what the rule kept of it, within the same caps.
   */
  flagLater(f: FlaggedLater): void {
    const key = lineKey(f);
    const listed = this.flaggedLines.get(key);
    if (listed) {
      if (!listed.ruleIds.includes(f.ruleId)) listed.ruleIds.push(f.ruleId);
      return;
    }
    const g = this.groups.get(`${f.account}\u0000${f.principal}`) ?? this.groups.get('\u0000overflow');
    if (!g) return;
    this.flaggedObserved++;
    const callKey = `${f.service}:${f.name}`;
    const fold = g.calls.get(callKey) ?? g.other;
    const asRule = (r: EventRef): void => {
      r.reason = 'rule';
      r.ruleIds = [f.ruleId];
      g.flagged.push(r);
      this.flaggedKept++;
      this.flaggedLines.set(key, r);
    };
    const n = g.notable.findIndex((r) => lineKey(r) === key);
    if (n >= 0) {
      const [r] = g.notable.splice(n, 1) as [EventRef];
      const l = fold.lines.indexOf(r);
      if (l >= 0) fold.lines.splice(l, 1);
      if (r.reason === 'error') fold.errorLines--;
      this.notableKept--;
      asRule(r);
      return;
    }
    const rare = this.rareCandidates.get(callKey);
    const c = rare?.findIndex((x) => lineKey(x.ref) === key) ?? -1;
    if (rare && c >= 0) {
      const [{ ref }] = rare.splice(c, 1) as [{ group: Group; ref: EventRef }];
      fold.verbatim++;
      asRule(ref);
      return;
    }
    if (
      g.flagged.length >= this.limits.maxFlaggedPerPrincipal ||
      this.flaggedKept >= this.limits.maxFlaggedTotal
    ) {
      g.omitted++;
      return;
    }
    const r: EventRef = {
      id: f.id,
      time: f.time,
      timeMs: f.timeMs,
      service: f.service,
      name: f.name,
      region: f.region,
      account: f.account,
      principal: g.principal === f.principal ? g.principal : f.principal,
      ruleIds: [],
      reason: 'rule',
    };
    if (f.sourceIp) r.sourceIp = f.sourceIp;
    if (f.userAgent) r.userAgent = f.userAgent;
    if (f.errorCode) r.errorCode = f.errorCode;
    if (f.details) {
      const d = Object.entries(f.details).map(
        ([k, v]) => `${safeValue(k, 40)}=${safeValue(v, LONG_PARAM.test(k) ? 200 : 60)}`,
      );
      if (d.length) r.details = d;
    }
    fold.verbatim++;
    asRule(r);
  }

  private ref(e: TrailEvent, ruleIds: readonly string[], reason: NotableReason, g: Group): EventRef {
    const keep = this.keep;
    const r: EventRef = {
      id: e.id,
      time: e.time,
      timeMs: e.timeMs,
      service: keep(e.service),
      name: keep(e.name),
      region: keep(e.region),
      account: keep(e.account),
      // The group's copy of the same text: one string per principal, not one per kept event.
      principal: g.principal === e.principal.key ? g.principal : e.principal.key,
      ruleIds: [...ruleIds],
      reason,
    };
    if (e.sourceIp) r.sourceIp = keep(e.sourceIp);
    const actor = actorOf(e);
    if (actor.session) r.session = keep(actor.session);
    if (actor.accessKeyId) r.accessKeyId = keep(actor.accessKeyId);
    if (e.userAgent) r.userAgent = keep(shownAgent(e.userAgent));
    if (e.errorCode) r.errorCode = keep(e.errorCode);
    const d = renderDetails(e.raw);
    if (d) r.details = d;
    return r;
  }

  private groupFor(e: TrailEvent): Group {
    let key = `${e.account}\u0000${e.principal.key}`;
    let g = this.groups.get(key);
    if (g) return g;
    if (this.groups.size >= this.limits.maxGroups) {
      key = '\u0000overflow';
      g = this.groups.get(key);
      if (g) return g;
    }
    const overflow = key === '\u0000overflow';
    g = {
      key,
      account: overflow ? '*' : e.account,
      principal: overflow ? '(other principals)' : e.principal.key,
      type: overflow ? 'mixed' : e.principal.type,
      sessions: new Distinct(this.limits.maxDistinct),
      events: 0,
      errors: 0,
      firstMs: e.timeMs,
      lastMs: e.timeMs,
      ips: new Distinct(this.limits.maxDistinct),
      uas: new Distinct(this.limits.maxDistinct),
      regions: new Distinct(this.limits.maxDistinct),
      calls: new Map(),
      other: newFold('(other calls)', this.limits, e.timeMs),
      notable: [],
      flagged: [],
      omitted: 0,
    };
    this.groups.set(key, g);
    return g;
  }

  /** Events observed so far. */
  get count(): number {
    return this.observed;
  }

  /**
   * Packs the digests into records whose digest text stays within `dataTokenBudget` estimated tokens (a group
   * too large for one record is split, its header repeated). Deterministic for the same events, so a re-run
   * produces the same batch input and finds the same job.
   */
  /**
   * Lets go of everything observed once the records are final (their verbatim events stay alive through the
   * records). Memory for what follows (a batch job's wait, the report) then holds the records, not the folds.
   */
  release(): void {
    this.released = true;
    this.groups.clear();
    this.callCounts.clear();
    this.rareCandidates.clear();
    this.flaggedLines.clear();
    this.strings.clear();
  }

  finish(dataTokenBudget: number): DigestSet {
    if (this.released) throw new Error('DigestBuilder.finish after release()');
    // Calls that stayed rare: their events become verbatim lines (once; finish may run again with another budget).
    if (!this.promoted) {
      for (const list of this.rareCandidates.values()) {
        for (const { group, ref } of list) {
          const fold = group.calls.get(`${ref.service}:${ref.name}`) ?? group.other;
          group.notable.push(ref);
          fold.verbatim++;
        }
      }
      this.rareCandidates.clear();
      this.promoted = true;
    }

    const groups = [...this.groups.values()].sort((a, b) =>
      a.account === b.account
        ? a.principal < b.principal
          ? -1
          : a.principal > b.principal
            ? 1
            : 0
        : a.account < b.account
          ? -1
          : 1,
    );
    const chunks: Chunk[] = [];
    let verbatim = 0;
    let omitted = 0;
    let flaggedKept = 0;
    for (const g of groups) {
      const { chunks: cs, verbatim: v } = renderGroup(g, dataTokenBudget);
      chunks.push(...cs);
      verbatim += v;
      omitted += g.omitted;
      flaggedKept += g.flagged.length;
    }
    const records = pack(chunks, dataTokenBudget);
    const warnings: string[] = [];
    if (omitted > 0) {
      warnings.push(
        `${omitted} notable event(s) were counted in their call's summary line but not listed individually (digest caps: ${this.limits.maxNotablePerPrincipal} notable and ${this.limits.maxFlaggedPerPrincipal} rule-flagged lines per principal; ${this.limits.maxNotableTotal} notable and ${this.limits.maxFlaggedTotal} rule-flagged lines in all).`,
      );
    }
    if (this.groups.has('\u0000overflow')) {
      warnings.push(
        `More than ${this.limits.maxGroups} principals: the rest were digested together as "(other principals)".`,
      );
    }
    return {
      records,
      stats: {
        records: records.length,
        eventsCovered: this.observed,
        eventsFolded: this.observed - verbatim - omitted,
        eventsOmitted: omitted,
      },
      warnings,
      flaggedObserved: this.flaggedObserved,
      flaggedKept,
    };
  }
}

/** Whole `k=v` parts up to `max` characters (never a half-escaped value); at least the first part. */
function joinWithin(parts: readonly string[], max: number): string {
  let out = '';
  for (const p of parts) {
    if (out && out.length + 1 + p.length > max) return `${out} …`;
    out = out ? `${out} ${p}` : p;
  }
  return out;
}

interface Chunk {
  lines: string[];
  tokens: number;
  events: EventRef[];
  principal: string;
  account: string;
  covered: number;
}

function isoSec(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const DERIVABLE_TYPE: Record<string, RegExp> = {
  AssumedRole: /^(role|assumed-role)\//,
  IAMUser: /^user\//,
  Root: /^root$/,
};

/** Renders one group; splits it into chunks when it exceeds the budget. Returns the verbatim line count. */
function renderGroup(g: Group, budget: number): { chunks: Chunk[]; verbatim: number } {
  const sameDay = isoSec(g.firstMs).slice(0, 10) === isoSec(g.lastMs).slice(0, 10);
  // Within one UTC day the header carries the date and lines carry only the time of day (saves ~5 tokens a line).
  const t = (ms: number): string => (sameDay ? isoSec(ms).slice(11, 19) : isoSec(ms).slice(5, 19));
  const mainIp = g.ips.sorted()[0];
  const mainUa = g.uas.sorted()[0];
  const mainRegion = g.regions.sorted()[0];
  // Beyond the cap distinct values are not kept, so the count is a lower bound ("+4+").
  const more = (d: Distinct, shown: number): string => {
    const extra = d.size - shown;
    return extra > 0 || d.overflow ? `(+${extra}${d.overflow ? '+' : ''})` : '';
  };

  const allListed = g.flagged.length + g.notable.length === g.events;
  // When every event is listed, their lines carry the times and the header needs only the date.
  const span =
    allListed && sameDay
      ? isoSec(g.firstMs).slice(0, 10)
      : g.firstMs === g.lastMs
        ? isoSec(g.firstMs)
        : `${isoSec(g.firstMs)}..${isoSec(g.lastMs)}`;
  // `arn:aws:iam::ACCOUNT:` says nothing the account field does not: the label drops it.
  const prefix = /^arn:aws[\w-]*:(iam|sts)::(\d{12}):/.exec(g.principal);
  const label = prefix && prefix[2] === g.account ? g.principal.slice(prefix[0].length) : g.principal;
  const head = [
    `## ${safeValue(label, 160)} account=${safeValue(g.account, 20)}` +
      // The type is left out when the label already says it.
      (DERIVABLE_TYPE[g.type]?.test(label) ? '' : ` type=${safeValue(g.type, 30)}`) +
      (g.sessions.size > 1 ? ` sessions=${g.sessions.size}${g.sessions.overflow ? '+' : ''}` : '') +
      (g.mfa !== undefined ? ` mfa=${g.mfa ? 'yes' : 'no'}` : '') +
      ` events=${g.events}${g.errors ? ` errors=${g.errors}` : ''} ${span}` +
      (mainIp ? ` ip=${safeValue(mainIp, 45)}${more(g.ips, 1)}` : '') +
      (mainRegion ? ` region=${safeValue(mainRegion, 30)}${more(g.regions, 1)}` : '') +
      (mainUa ? ` ua=${safeValue(mainUa, 40)}${more(g.uas, 1)}` : ''),
  ];

  const body: { line: string; event?: EventRef; covered: number }[] = [];
  const folds = [...g.calls.values()].sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
  if (g.other.count > 0) folds.push(g.other);
  // A call whose every event is listed verbatim below needs no summary line.
  const summarised = folds.filter((f) => f.count > f.verbatim);
  for (const f of summarised) {
    let line = `${safeValue(f.key, 80)} x${f.count} ${t(f.firstMs)}..${t(f.lastMs)}`;
    const ips = f.ips.sorted().filter((v) => v !== mainIp);
    if (ips.length)
      line += ` ip=${ips
        .slice(0, 3)
        .map((v) => safeValue(v, 45))
        .join(',')}${ips.length > 3 || f.ips.overflow ? '+' : ''}`;
    const regions = f.regions.sorted().filter((v) => v !== mainRegion);
    if (regions.length)
      line += ` region=${regions
        .slice(0, 3)
        .map((v) => safeValue(v, 30))
        .join(',')}`;
    // User agents are counted, not shown, on summary lines: they are long and carry no event id to cite.
    const uas = f.uas.size + f.uas.overflow - (mainUa && f.uas.has(mainUa) ? 1 : 0);
    if (uas > 0) line += ` other-ua=${uas}`;
    if (f.errors?.size) {
      line += ` err=${[...f.errors.entries()]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, 3)
        .map(([k, n]) => `${safeValue(k, 40)}x${n}`)
        .join(',')}`;
    }
    if (f.writes > 0 && f.writes < f.count) line += ` writes=${f.writes}`;
    // The folded part of the count is what this line alone accounts for.
    body.push({ line, covered: f.count - f.verbatim });
  }
  const notable = [...g.flagged, ...g.notable].sort((a, b) => a.timeMs - b.timeMs || (a.id < b.id ? -1 : 1));
  const lastDetails = new Map<string, string>();
  for (const r of notable) {
    let line = `id=${safeValue(r.id, 64)} ${t(r.timeMs)} ${safeValue(`${r.service}:${r.name}`, 80)}`;
    if (r.region !== mainRegion) line += ` region=${safeValue(r.region, 30)}`;
    if (r.sourceIp && r.sourceIp !== mainIp) line += ` ip=${safeValue(r.sourceIp, 45)}`;
    if (r.userAgent && r.userAgent !== mainUa) line += ` ua=${safeValue(r.userAgent, 32)}`;
    if (r.account !== g.account) line += ` account=${safeValue(r.account, 20)}`;
    if (r.errorCode) line += ` err=${safeValue(r.errorCode, 40)}`;
    if (r.ruleIds.length) line += ` rule=${r.ruleIds.map((x) => safeValue(x, 40)).join(',')}`;
    else if (r.reason === 'rare') line += ' rare';
    // Parameters matter most where a rule fired, then for writes and errors; a rare read needs only a hint.
    if (r.details && r.reason !== 'rare') {
      const d = joinWithin(r.details, r.reason === 'rule' ? 160 : 60);
      const call = `${r.service}:${r.name}`;
      // Repeats of a call with identical parameters (retries, loops) say so instead of repeating them.
      line += lastDetails.get(call) === d ? ' | same parameters' : ` | ${d}`;
      lastDetails.set(call, d);
    }
    body.push({ line, event: r, covered: 1 });
  }
  if (g.omitted > 0)
    body.push({ line: `(${g.omitted} more notable events counted above, not listed)`, covered: 0 });

  const headTokens = estimateTokens(head.join('\n')) + 1;
  const chunks: Chunk[] = [];
  let cur: Chunk | undefined;
  for (const b of body) {
    const lt = estimateTokens(b.line) + 1;
    if (!cur || (cur.tokens + lt > budget && cur.lines.length > head.length)) {
      cur = {
        lines: chunks.length ? head.map((h, i) => (i === 0 ? `${h} (continued)` : h)) : [...head],
        tokens: headTokens + 4,
        events: [],
        principal: g.principal,
        account: g.account,
        covered: 0,
      };
      chunks.push(cur);
    }
    cur.lines.push(b.line);
    cur.tokens += lt;
    cur.covered += b.covered;
    if (b.event) cur.events.push(b.event);
  }
  return { chunks, verbatim: notable.length };
}

/** Greedy packing of chunks (in their deterministic order) into records under the budget. */
function pack(chunks: Chunk[], budget: number): DigestRecord[] {
  const records: DigestRecord[] = [];
  let cur: Chunk[] = [];
  let tokens = 0;
  const flush = (): void => {
    if (!cur.length) return;
    const text = cur.map((c) => c.lines.join('\n')).join('\n\n');
    const events = new Map<string, EventRef>();
    for (const c of cur) for (const e of c.events) if (!events.has(e.id)) events.set(e.id, e);
    records.push({
      recordId: `R${String(records.length + 1).padStart(10, '0')}`,
      text,
      tokens: estimateTokens(text),
      events,
      principals: [...new Set(cur.map((c) => c.principal))],
      accounts: [...new Set(cur.map((c) => c.account))],
      eventsCovered: cur.reduce((n, c) => n + c.covered, 0),
    });
    cur = [];
    tokens = 0;
  };
  for (const c of chunks) {
    if (cur.length && tokens + c.tokens > budget) flush();
    cur.push(c);
    tokens += c.tokens + 1;
  }
  flush();
  return records;
}

/** A collector for this run's analysis settings. */
/** Rules-only runs send nothing to a model, so they keep nothing for one: the collector only counts. */
class NoDigests implements DigestCollector {
  observe(): void {}
  flagLater(): void {}
}

export function createDigestCollector(config: Config, limits?: Partial<DigestLimits>): DigestCollector {
  if (config.analysis.engine === 'rules-only') return new NoDigests();
  return new DigestBuilder({ ...DEFAULT_DIGEST_LIMITS, ...limits });
}
