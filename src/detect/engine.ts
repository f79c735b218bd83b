/** The rule engine: one streaming pass of compiled rules (match, threshold, first-seen) that folds matches into findings. */
import type { EvidenceSample, Finding, FlaggedLater, Principal, TrailEvent } from '../types.js';
import { fingerprint } from '../fingerprint.js';
import {
  ALL_CLASSES,
  classMask,
  compile,
  EVENT_CLASSES,
  eventClass,
  globMatcher,
  namePrefixes,
  requiredNames,
  splitPath,
  stringAt,
  SUCCEEDED_CLASSES,
  type Params,
  type Predicate,
} from './match.js';
import { EvidenceSelector, MAX_EVIDENCE_IDS, MAX_SAMPLES, earlier } from './evidence.js';
import { grantOf, type Grant, type TrustedScope } from './grants.js';
import {
  instanceSession,
  InstanceCredentialWatch,
  MAX_SESSIONS as MAX_SESSIONS_TRACKED,
} from './instance-credentials.js';
import type { AllowlistEntry, Rule } from './schema.js';
import {
  actorLists,
  actorOf,
  addActor,
  Interner,
  shownAgent,
  newActorSets,
  type ActorSets,
  EarliestValues,
  type EventActor,
} from '../actors.js';
import {
  liveFor,
  pickSuppression,
  principalMatcher,
  suppressionsFor,
  type ActiveSuppression,
} from './suppress.js';

/** Evidence kept per finding: enough to investigate, bounded whatever the volume (chosen in evidence.ts). */
export { MAX_EVIDENCE_IDS, MAX_SAMPLES };
/**
 * Findings per rule; further distinct incidents of the rule are counted together in one overflow finding, so a
 * runaway rule (or a million-event window) neither exhausts memory nor buries the report, and no event is lost.
 */
export const MAX_FINDINGS_PER_RULE = 100;
/**
 * Incidents a rule at its cap follows in full beyond MAX_FINDINGS_PER_RULE, so that the ones kept at the end are
 * those that began first even when events arrive out of time order (see Engine.makeRoom).
 */
const SPARE_FINDINGS_PER_RULE = MAX_FINDINGS_PER_RULE;
/** Principals a finding names; past it the finding says "and N+ more". */
const MAX_FINDING_PRINCIPALS = 50;
/** Held hits' (id, time) a finding remembers, so that a burst re-offered later is not counted twice. */
const MAX_SEEN_IDS = 1000;
/** Groups tracked per threshold rule and keys per first-seen rule (least recently used are forgotten). */
export const MAX_GROUPS = 20_000;
/** Distinct incidents an overflow finding tells apart (by id); beyond it the figure reads as "at least". */
const MAX_OVERFLOW_IDS = 10_000;
/**
 * Matching events a threshold rule keeps per group, as a multiple of its count (and at least the minimum): room for
 * a group's events to arrive out of time order, e.g. newest first or one region after another.
 */
const THRESHOLD_HELD_FACTOR = 4;
const THRESHOLD_HELD_MIN = 20;
/** Values remembered per first-seen key. */
export const MAX_VALUES_PER_KEY = 500;

/**
 * What a finding needs of one event, taken out of it. Threshold rules hold the last `count` matches of up to
 * MAX_GROUPS groups; holding the events themselves would keep their whole raw records alive (hundreds of MB under
 * load) for a handful of fields.
 */
interface Hit {
  id: string;
  time: string;
  timeMs: number;
  principal: string;
  account: string;
  region: string;
  /** The rule's de-duplication values, in `CompiledRule.dedupe` order. */
  dedupe: readonly string[];
  /**
   * Held hits (a threshold queue, a first-seen pair waiting for the end of the window, an instance session) outlive
   * their event. heldHit makes each with all its fields in one literal (all but `weight`, `until` and `event`), so
   * that they are the object's own slots (fields added one by one later went to a separate, regrown property store).
   *
   * The role session and access key of the call.
   */
  session?: string | undefined;
  accessKeyId?: string | undefined;
  /** Held hits: the event's short service name (for telling the digest about it later). */
  service?: string | undefined;
  /** Correlated hits: how many calls this one stands for (the others were counted, not kept), and the last one's time. */
  weight?: number;
  until?: { time: string; timeMs: number };
  /** Outside accounts a resource-policy grant names (rules with `grants`). */
  grantees?: readonly string[] | undefined;
  /** The value of the rule's `escalate.distinct` field, for rules that escalate. */
  escalation?: string | undefined;
  /** Set while the event is at hand (the direct path): the sample is then built only when a finding keeps one. */
  event?: TrailEvent;
  /**
   * Held hits: what their evidence sample holds besides the id, time, region and account, flat on the hit. The
   * sample itself is built only when a finding's evidence takes it, and then kept here: most held hits are never
   * folded into a finding, and a sample object (with its details object) was a fifth of a held hit's memory.
   */
  sample?: EvidenceSample | undefined;
  name?: string | undefined;
  sourceIp?: string | undefined;
  userAgent?: string | undefined;
  errorCode?: string | undefined;
  /** Held hits: the rule's detail values (see HeldDetail). */
  detail?: HeldDetail;
  /** Held hits: the suppressions whose rule and event conditions the event met. */
  suppressions?: readonly ActiveSuppression[] | undefined;
  /** Held hits: its place in the order its group's events arrived in (the queue forgets the earliest to arrive). */
  arrival?: number | undefined;
  /** Held hits: already folded into a finding as part of a burst. */
  counted?: boolean | undefined;
  /** Held hits of a distinct-value threshold: the event's value of the counted field ('' when absent). */
  value?: string | undefined;
}

/**
 * A held hit's detail fields, in the smallest form that still gives its sample's `details` back: the one value of a
 * rule with one detail field ('' when absent), the values of a rule with more (in `CompiledRule.details` order), or
 * the details themselves for a rule that names none (the first request parameters) or reads grants.
 */
type HeldDetail = string | readonly string[] | Record<string, string> | undefined;

/**
 * The events after the warm-up of a first-seen (key, value) whose judgement waits for the end of the window: a
 * warm-up event with the value may still arrive (LookupEvents delivers newest first; the S3 archive is read a few
 * objects at a time), and so may the key's first warm-up event.
 */
interface PendingPair {
  hits: Hit[];
  /** Whether observe() reported each as flagged when it came (its key had warm-up history by then). */
  flagged: boolean[];
}

interface FirstSeenKey {
  history: boolean;
  values: Map<string, boolean | PendingPair>;
}

/** Undecided first-seen events held at most, over every rule: past it, events are judged as they come (and a warning says so). */
const MAX_PENDING_HITS = 100_000;

/** A threshold group's queue, in (time, id) order, and how many of its events have arrived. */
interface HeldGroup {
  hits: Hit[];
  arrived: number;
}

/**
 * The (id, time) of the held hits a finding counted, up to MAX_SEEN_IDS of them: each id with its time, or its times
 * for the rare id met at more than one. A key made of the id and the time as text (as before) printed a number and
 * hashed a new string for every folded hit: a third of addHit's own time on the trail mix.
 */
class SeenEvents {
  private readonly byId = new Map<string, number | number[]>();
  private size = 0;

  /** Whether (id, timeMs) was counted already; when not, it is remembered (while there is room). */
  seen(id: string, timeMs: number): boolean {
    const t = this.byId.get(id);
    if (t === timeMs || (Array.isArray(t) && t.includes(timeMs))) return true;
    if (this.size >= MAX_SEEN_IDS) return false;
    this.size++;
    if (t === undefined) this.byId.set(id, timeMs);
    else if (Array.isArray(t)) t.push(timeMs);
    else this.byId.set(id, [t, timeMs]);
    return false;
  }

  /** Remembers what `other` remembers, as far as the room goes. */
  absorb(other: SeenEvents): void {
    for (const [id, t] of other.byId)
      for (const timeMs of typeof t === 'number' ? [t] : t) {
        if (this.size >= MAX_SEEN_IDS) return;
        this.seen(id, timeMs);
      }
  }
}

/**
 * The range of queue positions covered by every window (at most `windowMs` long) that holds the hit at `i` and at
 * least `count` distinct values, or [-1, -1]. Queues are a few dozen hits, so the quadratic scan stays small.
 */
function distinctBurst(q: readonly Hit[], i: number, count: number, windowMs: number): [number, number] {
  let lo = -1;
  let hi = -1;
  const at = q[i] as Hit;
  for (let j = i; j >= 0 && at.timeMs - (q[j] as Hit).timeMs <= windowMs; j--) {
    const start = (q[j] as Hit).timeMs;
    let end = i;
    while (end + 1 < q.length && (q[end + 1] as Hit).timeMs - start <= windowMs) end++;
    const values = new Set<string>();
    for (let k = j; k <= end; k++) if ((q[k] as Hit).value) values.add((q[k] as Hit).value as string);
    if (values.size < count) continue;
    lo = lo < 0 ? j : Math.min(lo, j);
    hi = Math.max(hi, end);
  }
  return [lo, hi];
}

const NONE: readonly never[] = [];

/**
 * A rule, optionally with its match already compiled (Sigma rules, src/detect/sigma/), which the engine runs as
 * given, and for a threshold rule optionally a field whose distinct values are counted instead of events (Sigma
 * value_count).
 */
export type EngineRule = Rule & { predicate?: Predicate; distinct?: string };

/** The rules that can match one event name: all of them, and those of each event class (filled as met). */
interface RulesOfName {
  all: readonly CompiledRule[];
  byClass: (readonly CompiledRule[] | undefined)[];
}

interface CompiledRule {
  rule: Rule;
  match: Predicate;
  /** The event classes (see eventClass) in which the rule can match: it is not run for the others. */
  classes: number;
  exclude?: Predicate;
  dedupe: string[][];
  details: { name: string; segs: string[] }[];
  allow: ((p: Principal) => boolean)[];
  threshold?: {
    count: number;
    windowMs: number;
    groupBy: string[][];
    /** Matching events kept per group: THRESHOLD_HELD_FACTOR x count (at least THRESHOLD_HELD_MIN). */
    held: number;
    groups: Map<string, HeldGroup>;
    /** Count distinct values at this path rather than events (EngineRule.distinct). */
    distinct?: string[];
  };
  firstSeen?: {
    value: string[];
    key: string[][];
    warmupEndMs: number;
    /**
     * key -> whether it was active during the warm-up, and value -> what is known of it: `false`, part of the key's
     * warm-up baseline; a PendingPair, seen only after the warm-up so far (judged at the end of the window, when
     * every warm-up event has arrived); `true`, judged new as it came (only past MAX_PENDING_HITS).
     */
    seen: Map<string, FirstSeenKey>;
  };
  escalate?: { segs: string[]; atLeast: number; severity: Rule['severity'] };
  /** `kind: correlate` (instance-credentials): the window-wide watch that decides at the end. */
  watch?: InstanceCredentialWatch<Hit>;
  /** The evidence sample of a hit (held hits carry theirs); made once per rule so offering evidence allocates nothing. */
  sampleOf: (h: Hit) => EvidenceSample;
  /** A held hit of an event (made once per rule, so handing it on allocates nothing). */
  held: (e: TrailEvent) => Hit;
  /** The findings it opened and still follows (at most `follows`). */
  opened: Agg[];
  /**
   * Of `opened`, the one whose first event is latest, and that event's (id, time) when it was worked out, for
   * makeRoom: asked for every event of an incident the rule cannot follow. A first event only ever moves earlier,
   * so the answer stands until that finding's own first event moves, it leaves `opened`, or another joins.
   */
  latest?: { agg: Agg; id: string; timeMs: number; joined: number } | undefined;
  /** Findings opened so far (c.latest is worked out again once another has joined). */
  joined: number;
  /**
   * Incidents it follows in full: MAX_FINDINGS_PER_RULE + SPARE_FINDINGS_PER_RULE, or only the cap for a rule with
   * suppressions (its overflow finding asks them about each event, where a finding of its own asks its first one).
   */
  follows: number;
  /** Overflow findings of this rule once it has opened MAX_FINDINGS_PER_RULE, one per suppression (or none). */
  overflow: Map<ActiveSuppression | undefined, Agg>;
  /**
   * The live suppressions that name this rule (or no rule): worked out once. When there are any, one incident's
   * events may meet different ones.
   */
  suppressions: readonly ActiveSuppression[];
}

interface Agg {
  rule: Rule;
  id: string;
  /** The MAX_FINDING_PRINCIPALS first seen (by event time): which are kept does not depend on arrival order. */
  principals: EarliestValues;
  accounts: Set<string>;
  regions: Set<string>;
  // Times only, not the events: an event holds its whole raw record, and tens of thousands of findings would keep
  // that many records alive for nothing but two timestamps.
  first: { time: string; timeMs: number };
  last: { time: string; timeMs: number };
  count: number;
  /** Outside accounts granted (rules with `grants`), up to MAX_GRANTEES: checked against the window's accounts at the end. */
  grantees?: EarliestValues;
  /** Distinct values of the rule's `escalate.distinct` field, up to `atLeast` of them. */
  distinct?: Set<string>;
  evidence: EvidenceSelector;
  /** In Engine.unsettled: its evidence may hold an event at hand. */
  unsettled?: boolean;
  seenIds: SeenEvents;
  actors: ActorSets;
  suppression?: ActiveSuppression;
  /** Counts the incidents of its rule beyond MAX_FINDINGS_PER_RULE (distinct ones, as far as the cap on ids). */
  overflow?: { incidents: Set<number> };
  /** The text it is known by in aggsByText (findings the rule opened). */
  text?: string;
  /** Moved into its rule's overflow finding (for good: its later events are counted there too). */
  demoted?: true;
}

function overflowDescription(incidents: number, r: Rule): string {
  const n = incidents >= MAX_OVERFLOW_IDS ? `at least ${incidents}` : String(incidents);
  return `This rule opened ${MAX_FINDINGS_PER_RULE} findings in this window; the events of ${n} further distinct occurrence(s) are counted together in this one. ${r.description}`;
}

/** Options that come from the configuration rather than from the rules. */
export interface EngineOptions {
  params: Params;
  allowlist: readonly AllowlistEntry[];
  suppressions: readonly ActiveSuppression[];
  /** The analysis window: first-seen rules learn during the first part of it. */
  window: { startMs: number; endMs: number };
  /** Accounts and organisations resource policies may grant besides the window's own accounts (`trusted-account-ids`). */
  trusted?: { accounts: readonly string[]; orgs: readonly string[] };
}

/** Accounts remembered as the window's own (every account an event was recorded in), and grantees per finding. */
const MAX_WINDOW_ACCOUNTS = 10_000;
const MAX_GRANTEES = 20;
/**
 * Events between two settles of the findings' evidence (EvidenceSelector.settle): how many events at hand the
 * evidence may hold at once, against how many samples a finding whose last event keeps changing builds. An event held
 * that long outlives two young-generation collections, so V8 moves it, raw record and all, to the old generation,
 * where it dies and leaves the pages half empty. Measured on 1,000,000 events of which a third are flagged (the
 * CLI, rules-only, alternating runs, same report): 4,096 peaked at 421-422 MB in 49-50 s; 1,024 at 384-421 MB;
 * 256 at 376-378 MB in 43-48 s; 64 at 412-419 MB in 51-54 s (more samples made and dropped). On the trail mix,
 * where few events are flagged, 256 and 4,096 measured alike.
 */
const SETTLE_EVERY = 256;

const SLR_PREFIX = 'AWSServiceRoleFor';
// invokedBy values that are a person acting through a front end (the console, or a stack the person deployed), so
// the call is still that person's: they are not service noise.
const PERSON_FRONT_ENDS = new Set([
  'signin.amazonaws.com',
  'console.amazonaws.com',
  'cloudformation.amazonaws.com',
]);

/** True for calls AWS services make on their own or for a principal (AWSService, service-linked roles, `invokedBy` services). */
export function isAwsServiceCall(e: TrailEvent): boolean {
  const p = e.principal;
  if (p.type === 'AWSService') return true;
  if (p.invokedBy !== undefined && !PERSON_FRONT_ENDS.has(p.invokedBy)) return true;
  if (p.sessionIssuerName !== undefined && p.sessionIssuerName.startsWith(SLR_PREFIX)) return true;
  return serviceLinked(p.arn) || serviceLinked(p.sessionIssuerArn);
}

/** A service-linked role's ARN: `AWSServiceRoleFor…` as a path segment, or the `aws-service-role/` path. */
function serviceLinked(arn: string | undefined): boolean {
  if (arn === undefined) return false;
  if (arn.includes(':role/aws-service-role/')) return true;
  // Cheaper than a regex on every event: find the name, then check it starts a segment.
  for (let i = arn.indexOf(SLR_PREFIX); i >= 0; i = arn.indexOf(SLR_PREFIX, i + 1))
    if (i === 0 || arn[i - 1] === '/') return true;
  return false;
}

// Request fields worth showing when a rule names none: the first few scalar request parameters.
function defaultDetails(e: TrailEvent): Record<string, string> | undefined {
  const rp = e.raw.requestParameters;
  if (!rp || typeof rp !== 'object') return undefined;
  const out: Record<string, string> = {};
  let n = 0;
  for (const [k, v] of Object.entries(rp as Record<string, unknown>)) {
    if (v === null || typeof v === 'object') continue;
    out[k] = trim(String(v));
    if (++n >= 5) break;
  }
  return n > 0 ? out : undefined;
}

/** Rules that need a parameter the configuration leaves empty are off (e.g. the allowed-regions rule without a list). */
export function needsMissingParam(rule: Rule, params: Params): boolean {
  const text = JSON.stringify([rule.match, rule.exclude ?? null]);
  return Object.entries(params).some(([k, v]) => v.length === 0 && text.includes(`"$${k}"`));
}

/** A 53-bit hash of a string (an FNV-1a lane and a multiply-xorshift lane): tells incidents apart without keeping their text. */
function textHash(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193);
    b = Math.imul(b ^ ch, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}

/** The finding id of one incident: the same parts, in the same order, that addHit's lookup text is made of. */
function incidentId(r: Rule, principal: string, h: Hit, extra: readonly string[]): string {
  return fingerprint([r.id, principal, h.account, ...extra, ...h.dedupe]);
}

/** A held hit's actor: its own session, key, IP and user agent. */
function heldActor(h: Hit): EventActor {
  const a: EventActor = { principal: h.principal };
  if (h.session !== undefined) a.session = h.session;
  if (h.accessKeyId !== undefined) a.accessKeyId = h.accessKeyId;
  if (h.sourceIp !== undefined) a.sourceIp = h.sourceIp;
  if (h.userAgent !== undefined) a.userAgent = h.userAgent;
  return a;
}

/** The `details` of a held hit's sample, from its HeldDetail. */
function heldDetails(c: CompiledRule, h: Hit): Record<string, string> | undefined {
  const d = h.detail;
  if (typeof d === 'string') return d === '' ? undefined : { [(c.details[0] as { name: string }).name]: d };
  if (!Array.isArray(d)) return d as Record<string, string> | undefined;
  let out: Record<string, string> | undefined;
  c.details.forEach((x, i) => {
    const v = d[i] as string;
    if (v !== '') (out ??= {})[x.name] = v;
  });
  return out;
}

/**
 * The distinct value an event stands for in its finding's evidence: its detail fields (the secret, bucket …), or
 * its event name when the rule names none. Held hits have only what their sample would hold: its details' values.
 */
function evidenceValue(c: CompiledRule, h: Hit): string {
  if (c.details.length === 0) return h.name ?? (h.event as TrailEvent).name;
  if (!h.event) {
    if (typeof h.detail === 'string') return h.detail;
    const d = heldDetails(c, h);
    return d ? Object.values(d).join('\u0000') : '';
  }
  const e = h.event;
  // One field: its value as it is (no new string to build and hash on every hit).
  if (c.details.length === 1) return stringAt(e, (c.details[0] as { segs: string[] }).segs);
  let v = '';
  for (const d of c.details) v += `${stringAt(e, d.segs)}\u0000`;
  return v;
}

const trim = (s: string, max = 200): string => (s.length > max ? `${s.slice(0, max)}…` : s);

/** The streaming rule engine. */
export class Engine {
  private readonly byName = new Map<string, CompiledRule[]>();
  private readonly anyName: { c: CompiledRule; prefixes: string[] | undefined }[] = [];
  /** Per event name, every rule that can match it (see rulesFor); bounded below. */
  private readonly forName = new Map<string, RulesOfName>();
  /** The last event byService was asked about, and its answer. */
  private askedEvent: TrailEvent | undefined;
  private askedAnswer = false;
  /** The one copy of a string that held hits and samples share (forgotten wholesale when full). */
  private readonly interned = new Interner(MAX_GROUPS);
  /** The last event grantOf was asked about, and its answer. */
  private grantEvent: TrailEvent | undefined;
  private grantAnswer: Grant | undefined;
  private readonly trusted: TrustedScope;
  /** The accounts events of the window were recorded in: grants to them are not "outside" (checked at the end). */
  private readonly windowAccounts = new Set<string>();
  private lastAccount = '';
  /** Correlate rules' watches, which see every event of the window. */
  private readonly watches: InstanceCredentialWatch<Hit>[] = [];
  /** Findings whose evidence may hold events at hand (see EvidenceSelector.settle), and events since the last settle. */
  private readonly unsettled: Agg[] = [];
  private sinceSettle = 0;
  private readonly aggs = new Map<string, Agg>();
  /** The same aggregates by the (lower-cased) parts their id is hashed from. */
  private readonly aggsByText = new Map<string, Agg>();
  /**
   * The finding of an incident by its parts as they came (not lower-cased), for those whose finding no longer
   * depends on the event: every incident with a finding of its own, and overflow incidents of a rule no suppression
   * names. Saves lower-casing, and for overflow incidents the suppression checks and hash; bounded below.
   */
  private readonly aggsByParts = new Map<string, Agg>();
  readonly warnings: string[] = [];
  readonly rules: readonly CompiledRule[];
  /** First-seen events held undecided (PendingPair), and events judged as they came once that was too many. */
  private pendingHits = 0;
  private judgedOnArrival = 0;
  /** Events flagged after they passed (see FlaggedLater), until takeFlaggedLater() takes them. */
  private flaggedLater: FlaggedLater[] = [];

  constructor(
    rules: readonly EngineRule[],
    private readonly opts: EngineOptions,
  ) {
    this.trusted = { accounts: new Set(opts.trusted?.accounts), orgs: new Set(opts.trusted?.orgs) };
    this.rules = rules.filter((r) => !needsMissingParam(r, opts.params)).map((r) => this.compileRule(r));
    for (const c of this.rules) {
      const names = requiredNames(c.rule.match);
      if (!names) {
        this.anyName.push({ c, prefixes: namePrefixes(c.rule.match) });
        continue;
      }
      for (const n of names) {
        const list = this.byName.get(n) ?? [];
        list.push(c);
        this.byName.set(n, list);
      }
    }
  }

  private compileRule(rule: EngineRule): CompiledRule {
    const c: CompiledRule = {
      rule,
      match: rule.predicate ?? compile(rule.match, this.opts.params),
      // A rule with its own predicate is run for every class (its declared match is for indexing by name only).
      classes:
        (rule.predicate ? ALL_CLASSES : classMask(rule.match)) &
        (rule.includeErrors ? ALL_CLASSES : SUCCEEDED_CLASSES),
      dedupe: rule.dedupe.map(splitPath),
      details: rule.details.map((d) => ({
        name: d.replace(/^raw\.(requestParameters|responseElements)\./, ''),
        segs: splitPath(d),
      })),
      allow: this.opts.allowlist
        .filter((a) => !a.rules || a.rules.some((g) => globMatcher(g, true)(rule.id)))
        .map((a) => principalMatcher(a.principal)),
      sampleOf: (h) => h.sample ?? (h.event ? this.sample(c, h.event) : (h.sample = this.heldSample(c, h))),
      held: (e) => this.heldHit(c, e),
      opened: [],
      joined: 0,
      follows: MAX_FINDINGS_PER_RULE,
      overflow: new Map(),
      suppressions: liveFor(this.opts.suppressions, rule.id),
    };
    if (c.suppressions.length === 0) c.follows += SPARE_FINDINGS_PER_RULE;
    if (rule.exclude) c.exclude = compile(rule.exclude, this.opts.params);
    if (rule.correlate === 'instance-credentials') {
      c.watch = new InstanceCredentialWatch<Hit>();
      this.watches.push(c.watch);
    }
    if (rule.escalate)
      c.escalate = {
        segs: splitPath(rule.escalate.distinct),
        atLeast: rule.escalate.atLeast,
        severity: rule.escalate.severity,
      };
    if (rule.threshold) {
      c.threshold = {
        count: rule.threshold.count,
        windowMs: rule.threshold.windowMinutes * 60_000,
        groupBy: rule.threshold.groupBy.map(splitPath),
        held: Math.max(THRESHOLD_HELD_MIN, THRESHOLD_HELD_FACTOR * rule.threshold.count),
        groups: new Map(),
      };
      if (rule.distinct !== undefined) c.threshold.distinct = splitPath(rule.distinct);
    }
    if (rule.firstSeen) {
      const { startMs, endMs } = this.opts.window;
      c.firstSeen = {
        value: splitPath(rule.firstSeen.value),
        key: rule.firstSeen.key.map(splitPath),
        warmupEndMs: startMs + (endMs - startMs) * rule.firstSeen.warmupShare,
        seen: new Map(),
      };
    }
    return c;
  }

  /**
   * Evaluate every applicable rule on one event; returns the ids of rules that added it to a (non-suppressed)
   * finding (most events: none, one shared empty list).
   */
  observe(e: TrailEvent): readonly string[] {
    if (++this.sinceSettle >= SETTLE_EVERY) this.settleEvidence();
    if (e.account !== this.lastAccount) {
      this.lastAccount = e.account;
      if (this.windowAccounts.size < MAX_WINDOW_ACCOUNTS) this.windowAccounts.add(e.account);
    }
    for (const w of this.watches) w.observeAny(e);
    const rules = this.rulesFor(e.name, eventClass(e));
    let hits: string[] | undefined;
    for (const c of rules) {
      if (!this.run(c, e)) continue;
      if (hits) hits.push(c.rule.id);
      else hits = [c.rule.id];
    }
    return hits ?? NONE;
  }

  /**
   * What rules read of every event of the window besides their own matches (the window's accounts for grants, human
   * principals' addresses for instance credentials), from a GROUP BY row (`source: athena`) that stands for events
   * this engine is not shown one by one.
   */
  observeContext(e: TrailEvent): void {
    if (e.account && e.account !== this.lastAccount) {
      this.lastAccount = e.account;
      if (this.windowAccounts.size < MAX_WINDOW_ACCOUNTS) this.windowAccounts.add(e.account);
    }
    if (e.sourceIp !== undefined) for (const w of this.watches) w.observeAny(e);
  }

  /**
   * `source: athena`: a first-seen rule's key that had matching events during the warm-up, and the values they had,
   * learned in SQL. The engine is then shown the events after the warm-up whose value is new (and, for other rules,
   * perhaps others), and judges them as a pass in time order would.
   */
  learnFirstSeen(ruleId: string, key: string, values: readonly string[]): void {
    const f = this.rules.find((c) => c.rule.id === ruleId)?.firstSeen;
    if (!f) return;
    let entry = f.seen.get(key);
    if (!entry) {
      if (f.seen.size >= MAX_GROUPS) return;
      entry = { history: true, values: new Map() };
      f.seen.set(key, entry);
    }
    entry.history = true;
    for (const v of values) {
      const state = entry.values.get(v);
      if (typeof state === 'object') this.pendingHits -= state.hits.length;
      if (state !== undefined || entry.values.size < MAX_VALUES_PER_KEY) entry.values.set(v, false);
    }
  }

  // The rules that can match an event name and class, in rule order: those indexed by the name, then those that
  // name no event (skipping ones pinned to other name globs such as `UpdateFunctionCode*` without running their
  // predicate), less those that cannot match events of the class (a rule on the root user, for a role's call).
  // Worked out once per name and class, since a trail has a few thousand distinct names at most.
  private rulesFor(name: string, cls: number): readonly CompiledRule[] {
    let of = this.forName.get(name);
    if (!of) {
      of = {
        all: [
          ...(this.byName.get(name) ?? []),
          ...this.anyName
            .filter((a) => !a.prefixes || a.prefixes.some((p) => name.startsWith(p)))
            .map((a) => a.c),
        ],
        byClass: new Array<readonly CompiledRule[] | undefined>(EVENT_CLASSES),
      };
      if (this.forName.size >= MAX_GROUPS) this.forName.clear();
      this.forName.set(name, of);
    }
    let list = of.byClass[cls];
    if (!list) {
      list = of.all.filter((c) => (c.classes & (1 << cls)) !== 0);
      of.byClass[cls] = list;
    }
    return list;
  }

  private readonly keep = this.interned.keep;

  /** Whether `e` was made by an AWS service, worked out at most once per event and only when a rule gets that far. */
  private byService(e: TrailEvent): boolean {
    if (this.askedEvent !== e) {
      this.askedEvent = e;
      this.askedAnswer = isAwsServiceCall(e);
    }
    return this.askedAnswer;
  }

  /** What a resource-policy call grants outside the trusted accounts, worked out at most once per event. */
  private grantFor(e: TrailEvent): Grant | undefined {
    if (this.grantEvent !== e) {
      this.grantEvent = e;
      this.grantAnswer = grantOf(e, this.trusted);
    }
    return this.grantAnswer;
  }

  /**
   * True when the rule added `e` to a (non-suppressed) finding. `c` came from rulesFor for `e`'s class, so a rule
   * without `includeErrors` never sees a failed call here (its classes are SUCCEEDED_CLASSES at most).
   */
  private run(c: CompiledRule, e: TrailEvent): boolean {
    const r = c.rule;
    if (!r.includeAwsServices && this.byService(e)) return false;
    if (!c.match(e, e)) return false;
    if (c.exclude && c.exclude(e, e)) return false;
    for (const m of c.allow) if (m(e.principal)) return false;
    if (r.grants !== undefined) {
      const g = this.grantFor(e);
      if (!g || (r.grants === 'data') !== (g.readsData || g.ownerRemoved)) return false;
    }
    if (c.watch) {
      const session = instanceSession(e);
      if (session !== undefined) c.watch.observeSession(e, session, c.held);
      // Judged at the end of the window (correlate()), when every address and network is known.
      return false;
    }
    return c.threshold ? this.onThreshold(c, e) : c.firstSeen ? this.onFirstSeen(c, e) : this.add(c, e, NONE);
  }

  private onThreshold(c: CompiledRule, e: TrailEvent): boolean {
    const t = c.threshold as NonNullable<CompiledRule['threshold']>;
    // Most rules group by one field: its value is the key as it is (no array, callback or joined string per event).
    const key =
      t.groupBy.length === 1
        ? stringAt(e, t.groupBy[0] as string[])
        : t.groupBy.map((p) => stringAt(e, p)).join('\u0000');
    let g = t.groups.get(key);
    if (g)
      t.groups.delete(key); // re-insert below: Map order doubles as least-recently-used order
    else {
      g = { hits: [], arrived: 0 };
      if (t.groups.size >= MAX_GROUPS) {
        const oldest = t.groups.keys().next().value;
        if (oldest !== undefined) t.groups.delete(oldest);
      }
    }
    t.groups.set(key, g);
    const q = g.hits;
    // The queue holds the group's last `held` arrivals in (time, id) order. Sources do not deliver in time order
    // (LookupEvents is newest first, the S3 archive is read one region's day after another), so the events to drop
    // are the ones that arrived first, never simply the earliest: a burst is then found whatever the order, as long
    // as its events arrive among the group's last `held` matching events.
    const h = this.heldHit(c, e);
    if (t.distinct) h.value = stringAt(e, t.distinct);
    h.arrival = g.arrived++;
    let i = q.length;
    while (i > 0 && earlier(h, q[i - 1] as Hit)) i--;
    q.splice(i, 0, h);
    if (q.length > t.held) {
      // The one to forget arrived `held` events before this one (at the front when events come in time order).
      const gone = g.arrived - 1 - t.held;
      let k = 0;
      while ((q[k] as Hit).arrival !== gone) k++;
      q.splice(k, 1);
      if (k < i) i--;
    }
    // Every run of `count` consecutive events that includes the new one and fits in the window is a burst; all of
    // its events are evidence. The runs that qualify all hold the new event, so together they are one range.
    let lo = -1;
    let hi = -1;
    for (let j = Math.max(0, i - t.count + 1); !t.distinct && j <= i && j + t.count <= q.length; j++) {
      if ((q[j + t.count - 1] as Hit).timeMs - (q[j] as Hit).timeMs > t.windowMs) continue;
      if (lo < 0) lo = j;
      hi = j + t.count - 1;
    }
    if (t.distinct) [lo, hi] = distinctBurst(q, i, t.count, t.windowMs);
    if (lo < 0) return false;
    let added = false;
    const keyParts = t.groupBy.map((p) => stringAt(e, p));
    for (let k = lo; k <= hi; k++) {
      const x = q[k] as Hit;
      if (x.counted) continue;
      x.counted = true;
      const folded = this.addHit(c, x, keyParts, true);
      // The event at hand is flagged through observe()'s answer; the burst's earlier ones had already passed.
      if (folded && x !== h) this.flagLater(c, x);
      added = folded || added;
    }
    return added;
  }

  private onFirstSeen(c: CompiledRule, e: TrailEvent): boolean {
    const f = c.firstSeen as NonNullable<CompiledRule['firstSeen']>;
    const value = stringAt(e, f.value);
    if (value === '') return false;
    const key =
      f.key.length === 1
        ? stringAt(e, f.key[0] as string[])
        : f.key.map((k) => stringAt(e, k)).join('\u0000');
    const learning = e.timeMs < f.warmupEndMs;
    let entry = f.seen.get(key);
    if (!entry) {
      if (f.seen.size >= MAX_GROUPS) {
        const oldest = f.seen.keys().next();
        if (!oldest.done) {
          this.releaseKey(f.seen.get(oldest.value));
          f.seen.delete(oldest.value);
        }
      }
      entry = { history: learning, values: new Map() };
      f.seen.set(key, entry);
    } else if (learning) entry.history = true;
    const state = entry.values.get(value);
    if (learning) {
      // A warm-up event: the value is part of the key's baseline, whatever arrived before it (most warm-up events
      // repeat a pair already learned: nothing to write then).
      if (state === false) return false;
      if (typeof state === 'object') this.pendingHits -= state.hits.length;
      if (state !== undefined || entry.values.size < MAX_VALUES_PER_KEY) entry.values.set(value, false);
      return false;
    }
    if (state === false) return false;
    if (state === true) return this.add(c, e, [value]);
    if (state === undefined && entry.values.size >= MAX_VALUES_PER_KEY) return false;
    if (this.pendingHits >= MAX_PENDING_HITS) {
      // Too much undecided: judged as it comes, right only if the key's warm-up events arrived first.
      this.judgedOnArrival++;
      const isNew = entry.history;
      if (typeof state === 'object') {
        this.pendingHits -= state.hits.length;
        if (isNew) this.foldPending(c, value, state);
      }
      entry.values.set(value, isNew);
      return isNew ? this.add(c, e, [value]) : false;
    }
    // A key with no warm-up history has no baseline: what it does then is learned, never flagged. Whether it has one
    // is known only at the end, so the events wait; the digest is told now what a pass in time order would say.
    let pending = state;
    if (pending === undefined) {
      pending = { hits: [], flagged: [] };
      entry.values.set(value, pending);
    }
    pending.hits.push(this.heldHit(c, e));
    pending.flagged.push(entry.history);
    this.pendingHits++;
    return entry.history;
  }

  /** Lets a forgotten first-seen key's undecided events go. */
  private releaseKey(entry: FirstSeenKey | undefined): void {
    if (!entry) return;
    for (const state of entry.values.values())
      if (typeof state === 'object') this.pendingHits -= state.hits.length;
  }

  /** Folds a pair's held events into its finding in time order; the digest hears of those not flagged as they came. */
  private foldPending(c: CompiledRule, value: string, p: PendingPair): void {
    const order = p.hits.map((h, i) => ({ h, flagged: p.flagged[i] === true }));
    order.sort((a, b) => (earlier(a.h, b.h) ? -1 : 1));
    for (const { h, flagged } of order)
      if (this.addHit(c, h, [value], false) && !flagged) this.flagLater(c, h);
  }

  /**
   * Judges the first-seen pairs still undecided (once, at the end): a value first seen after the warm-up is new for
   * a key with warm-up history. Pairs are opened in the order of their first event, as a pass in time order would,
   * so the rule's finding cap keeps the same ones.
   */
  private judgeFirstSeen(): void {
    for (const c of this.rules) {
      const f = c.firstSeen;
      if (!f) continue;
      const confirmed: { value: string; p: PendingPair; first: Hit }[] = [];
      for (const entry of f.seen.values())
        for (const [value, state] of entry.values) {
          if (typeof state !== 'object') continue;
          entry.values.set(value, entry.history);
          if (!entry.history) continue;
          let first = state.hits[0] as Hit;
          for (const h of state.hits) if (earlier(h, first)) first = h;
          confirmed.push({ value, p: state, first });
        }
      confirmed.sort((a, b) => (earlier(a.first, b.first) ? -1 : 1));
      for (const { value, p } of confirmed) this.foldPending(c, value, p);
    }
    this.pendingHits = 0;
    if (this.judgedOnArrival > 0)
      this.warnings.push(
        `First-seen rules held ${MAX_PENDING_HITS} undecided events; ${this.judgedOnArrival} later ones were judged as they arrived, which is right only where a principal's warm-up events arrived before its later ones.`,
      );
    this.judgedOnArrival = 0;
  }

  /** Fold one event into its finding (or its suppressed finding); false when suppressed, capped or already counted. */
  private add(c: CompiledRule, e: TrailEvent, extra: readonly string[]): boolean {
    return this.addHit(c, this.hit(c, e), extra, false);
  }

  /**
   * What a finding needs of one event at hand: the event rides along, and its sample and suppressions are worked out
   * only when a finding needs them (a held hit, which outlives its event, is heldHit's).
   */
  private hit(c: CompiledRule, e: TrailEvent): Hit {
    const h: Hit = {
      id: e.id,
      time: e.time,
      timeMs: e.timeMs,
      principal: e.principal.key,
      account: e.account,
      region: e.region,
      dedupe: c.dedupe.length === 0 ? NONE : c.dedupe.map((d) => stringAt(e, d)),
      event: e,
    };
    if (c.escalate) h.escalation = stringAt(e, c.escalate.segs);
    if (c.rule.grants !== undefined) h.grantees = this.grantFor(e)?.accounts ?? NONE;
    return h;
  }

  /**
   * What a finding needs of one event that is held (a threshold queue, a first-seen pair, an instance session):
   * it outlives its event, so it takes what its sample needs and the suppressions the event met now.
   */
  private heldHit(c: CompiledRule, e: TrailEvent): Hit {
    // One copy per distinct value: a burst is many calls of one session, and a queue may hold 400,000 hits. Each
    // record's strings are its own copies (JSON.parse makes new ones), so without this every held hit kept its own
    // principal, address, user agent, … (about a third of a held hit's memory).
    const keep = this.keep;
    const a = actorOf(e);
    const met = suppressionsFor(c.suppressions, e);
    return {
      id: e.id,
      time: e.time,
      timeMs: e.timeMs,
      principal: keep(e.principal.key),
      account: keep(e.account),
      region: keep(e.region),
      dedupe: c.dedupe.length === 0 ? NONE : c.dedupe.map((d) => stringAt(e, d)),
      session: a.session === undefined ? undefined : keep(a.session),
      accessKeyId: a.accessKeyId === undefined ? undefined : keep(a.accessKeyId),
      service: keep(e.service),
      grantees: c.rule.grants === undefined ? undefined : (this.grantFor(e)?.accounts ?? NONE),
      escalation: c.escalate ? stringAt(e, c.escalate.segs) : undefined,
      sample: undefined,
      name: keep(e.name),
      sourceIp: e.sourceIp === undefined ? undefined : keep(e.sourceIp),
      userAgent: e.userAgent === undefined ? undefined : keep(shownAgent(e.userAgent)),
      errorCode: e.errorCode === undefined ? undefined : keep(e.errorCode),
      detail: this.heldDetail(c, e),
      suppressions: met.length === 0 ? NONE : met,
      arrival: undefined,
      counted: undefined,
      value: undefined,
    };
  }

  /** A held hit's detail fields (see HeldDetail): trimmed as its sample's details are. */
  private heldDetail(c: CompiledRule, e: TrailEvent): HeldDetail {
    if (c.details.length === 0 || c.rule.grants !== undefined) return this.sampleDetails(c, e);
    if (c.details.length === 1) return trim(stringAt(e, (c.details[0] as { segs: string[] }).segs));
    return c.details.map((d) => trim(stringAt(e, d.segs)));
  }

  /**
   * `reoffered`: a threshold burst's held hit. Each is folded once (its `counted` flag); the id set (bounded) also
   * skips a second record with the same event id and time that de-duplication kept because its bytes differ.
   */
  private addHit(c: CompiledRule, h: Hit, extra: readonly string[], reoffered: boolean): boolean {
    const r = c.rule;
    const principal = r.dedupePrincipal ? h.principal : '';
    // Hashing the parts costs more than the rest of add(): look the incident up by its parts as they came, then by
    // the text the hash is made of (fingerprint lower-cases each part and ends each with NUL), and hash only for a
    // text not seen before.
    let parts = `${r.id}\u0000${principal}\u0000${h.account}`;
    for (const x of extra) parts += `\u0000${x}`;
    for (const d of h.dedupe) parts += `\u0000${d}`;
    let agg = this.aggsByParts.get(parts);
    if (agg?.demoted) agg = undefined;
    if (!agg) {
      const text = parts.toLowerCase();
      agg = this.aggsByText.get(text);
      if (!agg) {
        const hash = c.opened.length >= c.follows ? textHash(text) : undefined;
        if (hash !== undefined && (c.suppressions.length > 0 || !this.makeRoom(c, h, hash)))
          agg = this.overflowIncident(c, h, hash, principal, extra);
        else {
          const id = incidentId(r, principal, h, extra);
          agg = this.aggs.get(id) ?? this.open(c, h, id);
          agg.text = text;
          this.aggsByText.set(text, agg);
        }
      }
      if (!agg.overflow || c.suppressions.length === 0) {
        if (this.aggsByParts.size >= MAX_GROUPS) this.aggsByParts.clear();
        this.aggsByParts.set(parts, agg);
      }
    }
    if (reoffered) {
      if (agg.seenIds.seen(h.id, h.timeMs)) return false;
    }
    agg.count += h.weight ?? 1;
    if (h.until && h.until.timeMs >= agg.last.timeMs) agg.last = h.until;
    agg.principals.add(h.principal, h, this.keep);
    // An overflow finding lumps many actors' occurrences together: it must tie none of them into one incident.
    if (!agg.overflow) addActor(agg.actors, h.event ? actorOf(h.event) : heldActor(h), h, this.keep);
    agg.accounts.add(h.account);
    agg.regions.add(h.region);
    if (h.timeMs < agg.first.timeMs) agg.first = { time: h.time, timeMs: h.timeMs };
    if (h.timeMs >= agg.last.timeMs) agg.last = { time: h.time, timeMs: h.timeMs };
    if (h.grantees) {
      const g = (agg.grantees ??= new EarliestValues(MAX_GRANTEES));
      for (const a of h.grantees) g.add(a, h);
    }
    if (c.escalate && h.escalation) {
      const d = (agg.distinct ??= new Set());
      if (d.size < c.escalate.atLeast) d.add(h.escalation);
    }
    agg.evidence.offer({ id: h.id, timeMs: h.timeMs, value: evidenceValue(c, h), item: h }, c.sampleOf);
    if (!agg.unsettled) {
      agg.unsettled = true;
      this.unsettled.push(agg);
    }
    return agg.suppression === undefined;
  }

  /** A new finding for `c`, which follows fewer incidents than its `follows`. */
  private open(c: CompiledRule, h: Hit, id: string): Agg {
    const sup = pickSuppression(h.suppressions ?? suppressionsFor(c.suppressions, h.event as TrailEvent), id);
    const agg = this.newAgg(c.rule, id, h, sup);
    this.aggs.set(id, agg);
    c.opened.push(agg);
    c.joined++;
    return agg;
  }

  /**
   * A rule keeps the MAX_FINDINGS_PER_RULE incidents that began first, as a pass in time order would, whatever order
   * their events arrive in (the S3 archive is read several objects at a time, LookupEvents newest first). It follows
   * SPARE_FINDINGS_PER_RULE more in full and chooses at the end (trimOpened); past that, a new incident whose event
   * comes before the first event of the latest-beginning one followed takes its place, and that one joins the
   * overflow finding for good. In time order this never happens. True when a place was made for `h`'s incident.
   */
  private makeRoom(c: CompiledRule, h: Hit, hash: number): boolean {
    // An incident already in the overflow finding stays there: following it afresh would split its events.
    for (const a of c.overflow.values()) if (a.overflow?.incidents.has(hash)) return false;
    const latest = this.latestFollowed(c);
    if (!latest || !earlier(h, latest)) return false;
    this.demote(c, latest.agg);
    return true;
  }

  /**
   * Of the incidents `c` follows, the one whose first event is latest, and that event's (id, time): c.latest while it
   * still holds (see CompiledRule.latest), worked out again otherwise.
   */
  private latestFollowed(c: CompiledRule): CompiledRule['latest'] {
    const known = c.latest;
    const f = known?.agg.evidence.firstEvent();
    if (
      known &&
      f &&
      known.agg.demoted !== true &&
      known.joined === c.joined &&
      f.id === known.id &&
      f.timeMs === known.timeMs
    )
      return known;
    let agg: Agg | undefined;
    let at: { id: string; timeMs: number } | undefined;
    for (const a of c.opened) {
      const first = a.evidence.firstEvent();
      if (first && (!at || earlier(at, first))) {
        agg = a;
        at = first;
      }
    }
    c.latest = agg && at ? { agg, id: at.id, timeMs: at.timeMs, joined: c.joined } : undefined;
    return c.latest;
  }

  /** At the end: the incidents that began first keep their findings; the ones followed beyond the cap join the overflow. */
  private trimOpened(): void {
    for (const c of this.rules) {
      if (c.opened.length <= MAX_FINDINGS_PER_RULE) continue;
      const byStart = c.opened.map((a) => ({
        a,
        f: a.evidence.firstEvent() as { id: string; timeMs: number },
      }));
      byStart.sort((x, y) => (earlier(x.f, y.f) ? -1 : 1));
      for (const { a } of byStart.slice(MAX_FINDINGS_PER_RULE)) this.demote(c, a);
    }
  }

  /** Moves an opened finding into its rule's overflow finding: its counts, sets and evidence join those there. */
  private demote(c: CompiledRule, v: Agg): void {
    c.opened.splice(c.opened.indexOf(v), 1);
    this.aggs.delete(v.id);
    if (v.text !== undefined) this.aggsByText.delete(v.text);
    v.demoted = true;
    // It stops being a finding of its own; the overflow finding counts for its suppression from here on.
    if (v.suppression) v.suppression.hits--;
    const ov = this.overflowFor(c, v.suppression, v.first);
    const o = ov.overflow as NonNullable<Agg['overflow']>;
    if (v.text !== undefined && o.incidents.size < MAX_OVERFLOW_IDS) o.incidents.add(textHash(v.text));
    ov.count += v.count;
    ov.principals.absorb(v.principals);
    for (const a of v.accounts) ov.accounts.add(a);
    for (const r of v.regions) ov.regions.add(r);
    if (v.first.timeMs < ov.first.timeMs) ov.first = v.first;
    if (v.last.timeMs >= ov.last.timeMs) ov.last = v.last;
    if (v.grantees) (ov.grantees ??= new EarliestValues(MAX_GRANTEES)).absorb(v.grantees);
    if (c.escalate && v.distinct) {
      const d = (ov.distinct ??= new Set());
      for (const x of v.distinct) if (d.size < c.escalate.atLeast) d.add(x);
    }
    ov.seenIds.absorb(v.seenIds);
    ov.evidence.absorb(v.evidence);
    if (!ov.unsettled) {
      ov.unsettled = true;
      this.unsettled.push(ov);
    }
  }

  /**
   * An incident of a rule that has opened as many findings as it may: counted in the rule's overflow finding (one
   * per suppression that hides it, or none). Every finding the rule opened is known by its text, so a text not seen
   * is a new incident; incidents are told apart by a hash of their text, not remembered by it (that map would grow
   * with them), and the finding id (a SHA-256) is worked out only when a suppression names finding ids.
   */
  private overflowIncident(
    c: CompiledRule,
    h: Hit,
    hash: number,
    principal: string,
    extra: readonly string[],
  ): Agg {
    const r = c.rule;
    const met = h.suppressions ?? suppressionsFor(c.suppressions, h.event as TrailEvent);
    const id = met.some((s) => s.findingId !== undefined) ? incidentId(r, principal, h, extra) : '';
    const agg = this.overflowFor(c, pickSuppression(met, id), h);
    const incidents = (agg.overflow as NonNullable<Agg['overflow']>).incidents;
    if (incidents.size < MAX_OVERFLOW_IDS) incidents.add(hash);
    return agg;
  }

  /** The rule's overflow finding for a suppression (or none), opened at `at` if it has none yet. */
  private overflowFor(
    c: CompiledRule,
    sup: ActiveSuppression | undefined,
    at: { time: string; timeMs: number },
  ): Agg {
    const r = c.rule;
    let agg = c.overflow.get(sup);
    if (!agg) {
      // The id keeps its original wording, so the overflow finding (and its issue) survives the title's rename.
      agg = this.newAgg(r, fingerprint([r.id, 'further incidents', sup?.label ?? '']), at, sup);
      agg.overflow = { incidents: new Set() };
      c.overflow.set(sup, agg);
    }
    return agg;
  }

  private newAgg(
    r: Rule,
    id: string,
    h: { time: string; timeMs: number },
    sup: ActiveSuppression | undefined,
  ): Agg {
    const agg: Agg = {
      rule: r,
      id,
      principals: new EarliestValues(MAX_FINDING_PRINCIPALS),
      accounts: new Set(),
      regions: new Set(),
      first: { time: h.time, timeMs: h.timeMs },
      last: { time: h.time, timeMs: h.timeMs },
      count: 0,
      evidence: new EvidenceSelector(),
      seenIds: new SeenEvents(),
      actors: newActorSets(),
    };
    if (sup) {
      sup.hits++;
      agg.suppression = sup;
    }
    return agg;
  }

  /**
   * `held`: the sample outlives its event in a queue, so the values that repeat across events are shared copies
   * (see Interner). Detail values are not: bucket keys, ARNs and ids are mostly unique, and each new one costs a copy
   * and fills the table (an attack recording flooded it, clearing it again and again: 10 s more CPU for 1,000,000
   * events).
   */
  private sample(c: CompiledRule, e: TrailEvent): EvidenceSample {
    // Samples live as long as their findings (tens of thousands of them when many events are flagged), and the
    // values they repeat (names, accounts, addresses, user agents) are kept once: each record's strings are its own.
    const keep = this.keep;
    const s: EvidenceSample = {
      eventId: e.id,
      time: e.time,
      eventName: keep(e.name),
      region: keep(e.region),
      account: keep(e.account),
    };
    if (e.sourceIp !== undefined) s.sourceIp = keep(e.sourceIp);
    if (e.userAgent !== undefined) s.userAgent = keep(shownAgent(e.userAgent));
    if (e.errorCode !== undefined) s.errorCode = keep(e.errorCode);
    const details = this.sampleDetails(c, e);
    if (details) s.details = details;
    return s;
  }

  /** A held hit's sample, from what the hit kept of its event (the same as sample() made while it was at hand). */
  private heldSample(c: CompiledRule, h: Hit): EvidenceSample {
    const s: EvidenceSample = {
      eventId: h.id,
      time: h.time,
      eventName: h.name as string,
      region: h.region,
      account: h.account,
    };
    if (h.sourceIp !== undefined) s.sourceIp = h.sourceIp;
    if (h.userAgent !== undefined) s.userAgent = h.userAgent;
    if (h.errorCode !== undefined) s.errorCode = h.errorCode;
    const details = heldDetails(c, h);
    if (details) s.details = details;
    return s;
  }

  /** The `details` of an event's sample: the rule's detail fields, or the first request parameters. */
  private sampleDetails(c: CompiledRule, e: TrailEvent): Record<string, string> | undefined {
    let details: Record<string, string> | undefined;
    if (c.details.length > 0) {
      details = {};
      for (const d of c.details) {
        const v = stringAt(e, d.segs);
        if (v !== '') details[d.name] = trim(v);
      }
      if (Object.keys(details).length === 0) details = undefined;
    } else details = defaultDetails(e);
    if (c.rule.grants !== undefined) {
      const g = this.grantFor(e);
      if (g) details = { ...details, grantees: g.accounts.join(', ') };
    }
    return details;
  }

  /**
   * Forgets what the pass kept to find incidents (threshold queues, first-seen values, findings by text): call it
   * once the result is taken, since a run holds the detector until its report is written.
   */
  release(): void {
    for (const c of this.rules) {
      c.threshold?.groups.clear();
      c.firstSeen?.seen.clear();
      c.overflow.clear();
      c.opened.length = 0;
      c.latest = undefined;
    }
    this.pendingHits = 0;
    this.aggs.clear();
    this.unsettled.length = 0;
    this.sinceSettle = 0;
    this.aggsByText.clear();
    this.aggsByParts.clear();
    this.forName.clear();
    this.interned.clear();
    this.askedEvent = undefined;
    this.grantEvent = undefined;
    this.grantAnswer = undefined;
    this.windowAccounts.clear();
  }

  /** Lets the findings changed since the last call drop the events their evidence held (samples made instead). */
  private settleEvidence(): void {
    for (const agg of this.unsettled) {
      agg.evidence.settle();
      agg.unsettled = false;
    }
    this.unsettled.length = 0;
    this.sinceSettle = 0;
  }

  /** Tells the digest about a held hit flagged after its event passed. */
  private flagLater(c: CompiledRule, h: Hit): void {
    if (h.name === undefined) return;
    const f: FlaggedLater = {
      id: h.id,
      time: h.time,
      timeMs: h.timeMs,
      service: h.service ?? '',
      name: h.name,
      region: h.region,
      account: h.account,
      principal: h.principal,
      ruleId: c.rule.id,
    };
    if (h.sourceIp !== undefined) f.sourceIp = h.sourceIp;
    if (h.userAgent !== undefined) f.userAgent = h.userAgent;
    if (h.errorCode !== undefined) f.errorCode = h.errorCode;
    const details = h.sample ? h.sample.details : heldDetails(c, h);
    if (details) f.details = details;
    this.flaggedLater.push(f);
  }

  /** Events flagged after they passed since the last call (threshold bursts as they form; correlate rules at the end). */
  takeFlaggedLater(): readonly FlaggedLater[] {
    if (this.flaggedLater.length === 0) return NONE;
    const out = this.flaggedLater;
    this.flaggedLater = [];
    return out;
  }

  /** Folds what correlate rules found over the whole window into their findings (once). */
  private correlate(): void {
    for (const c of this.rules) {
      if (!c.watch) continue;
      for (const inc of c.watch.finish()) {
        // The calls kept stand for all of them: the first carries the uncounted rest and the last call's time.
        inc.calls.forEach((k, i) => {
          if (i === 0) {
            k.hit.weight = inc.count - inc.calls.length + 1;
            k.hit.until = { time: inc.lastTime, timeMs: inc.lastMs };
          }
          if (this.addHit(c, k.hit, NONE, true)) this.flagLater(c, k.hit);
        });
      }
      if (c.watch.untracked > 0)
        this.warnings.push(
          `Rule ${c.rule.id} tracked the first ${MAX_SESSIONS_TRACKED} instance sessions; ${c.watch.untracked} calls of further sessions were not checked.`,
        );
      c.watch.clear();
    }
  }

  /** Findings (most severe first) and the suppressed ones. */
  result(): { findings: Finding[]; suppressed: { agg: Agg; finding: Finding }[] } {
    this.correlate();
    this.judgeFirstSeen();
    this.trimOpened();
    // Said here, in rule order, not when each rule reached its cap: that order follows the order events arrived in.
    for (const c of this.rules)
      if (c.overflow.size > 0)
        this.warnings.push(
          `Rule ${c.rule.id} opened ${MAX_FINDINGS_PER_RULE} findings; its further distinct occurrences are counted together in one "further occurrences" finding (suppress or tune the rule to see them one by one).`,
        );
    const findings: Finding[] = [];
    const suppressed: { agg: Agg; finding: Finding }[] = [];
    const overflow = this.rules.flatMap((c) => [...c.overflow.values()]);
    for (const agg of [...this.aggs.values(), ...overflow]) {
      const r = agg.rule;
      // A grant only to accounts that turned out to be the window's own (an organisation trail) is not outside.
      if (agg.grantees && [...agg.grantees].every((a) => this.windowAccounts.has(a))) continue;
      const principals = agg.principals.inOrder();
      const { eventIds, samples } = agg.evidence.pick();
      const f: Finding = {
        id: agg.id,
        origin: 'rule',
        ruleId: r.id,
        title: agg.overflow ? `${r.title} (further occurrences)` : r.title,
        severity:
          r.escalate && (agg.distinct?.size ?? 0) >= r.escalate.atLeast ? r.escalate.severity : r.severity,
        technique: r.technique,
        accounts: [...agg.accounts].sort(),
        regions: [...agg.regions].sort(),
        firstSeen: agg.first.time,
        lastSeen: agg.last.time,
        count: agg.count,
        evidence: { eventIds, samples },
        description: agg.overflow ? overflowDescription(agg.overflow.incidents.size, r) : r.description,
        remediation: r.remediation,
      };
      if (principals.length === 1) f.principal = principals[0] as string;
      else if (principals.length > 1)
        f.principal = `${principals[0] as string} and ${principals.length - 1}${principals.length >= MAX_FINDING_PRINCIPALS ? '+' : ''} more`;
      if (agg.count > eventIds.length) f.evidence.omitted = agg.count - eventIds.length;
      const actors = agg.overflow ? {} : actorLists(agg.actors);
      if (actors) f.actors = actors;
      if (agg.suppression) suppressed.push({ agg, finding: f });
      else findings.push(f);
    }
    const order = ['critical', 'high', 'medium', 'low', 'info'];
    findings.sort(
      (a, b) =>
        order.indexOf(a.severity) - order.indexOf(b.severity) ||
        (a.ruleId ?? '').localeCompare(b.ruleId ?? '') ||
        a.firstSeen.localeCompare(b.firstSeen) ||
        a.id.localeCompare(b.id),
    );
    return { findings, suppressed };
  }

  /** The suppression attached to an aggregate (for the suppressed list). */
  static suppressionOf(agg: Agg): ActiveSuppression | undefined {
    return agg.suppression;
  }
}
