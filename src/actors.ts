/** The actor keys a finding collects from its events, for the correlate stage; bounded per finding. */
import { fnv1a32 } from './fingerprint.js';
import { MAX_ACTOR_VALUES, type FindingActors, type TrailEvent } from './types.js';

/** One event's actor values (what a held threshold hit keeps instead of the event). */
export interface EventActor {
  principal: string;
  session?: string;
  accessKeyId?: string;
  sourceIp?: string;
  userAgent?: string;
}

/** Where an event stands in time: what the capped value lists below are ordered by. */
export interface EventAt {
  timeMs: number;
  id: string;
}

/**
 * At most `cap` distinct values: those first seen earliest, by (time, event id, value), whatever order the events
 * arrive in. Keeping the first values to arrive instead made a finding's lists depend on which file the source read
 * first (the file source reads two at once), so the same trail could give two reports. A value's order is the
 * earliest event it was seen with: once the list is full, a value seen earlier than the latest kept takes its place.
 * That is exact: the latest kept only ever moves earlier, so a value turned away or let go could only come back
 * with an event earlier than every value it lost to, and then that event is its earliest so far.
 *
 * The event id enters the order as its 32-bit FNV-1a hash (events of one second are many), so no id string is
 * kept: a finding holds six of these lists. Two events of one millisecond whose ids hash alike are told apart by
 * the value, which is still the same answer in any arrival order.
 */
export class EarliestValues {
  // Made on the first value (most lists of a finding hold one value or none): the values, and per value its time
  // and id hash (keys[2k], keys[2k + 1]; an array of numbers only, so they are stored unboxed). Lists are short (at
  // most `cap`, 10 to 50): a scan costs less than a Map, and an object per value would cost more memory.
  private values: string[] | undefined;
  private keys: number[] | undefined;
  /** Once full: the index of the latest value kept (what a newcomer must be earlier than); -1 when not known. */
  private latest = -1;

  constructor(private readonly cap: number) {}

  get size(): number {
    return this.values?.length ?? 0;
  }

  /**
   * Counts `v` as seen at `when`; `copy` makes the copy kept when `v` is new and kept (see own()). Nothing of `when`
   * is kept but its time and a hash of its id: callers pass hits, which can hold their whole event.
   */
  add(v: string, when: EventAt, copy: (s: string) => string = same): void {
    this.addKeyed(v, when.timeMs, -1, when.id, copy);
  }

  /** add() with the id's hash at hand (`hash` >= 0), or to be taken of `id` when it is needed. */
  private addKeyed(v: string, t: number, hash: number, id: string, copy: (s: string) => string): void {
    const values = this.values;
    if (values === undefined) {
      this.values = [copy(v)];
      this.keys = [t, hash >= 0 ? hash : fnv1a32(id)];
      return;
    }
    const keys = this.keys as number[];
    const i = values.indexOf(v);
    if (i >= 0) {
      const kt = keys[2 * i] as number;
      if (t > kt) return;
      const h = hash >= 0 ? hash : fnv1a32(id);
      if (t < kt || h < (keys[2 * i + 1] as number)) {
        keys[2 * i] = t;
        keys[2 * i + 1] = h;
        if (i === this.latest) this.latest = -1;
      }
      return;
    }
    const h = hash >= 0 ? hash : fnv1a32(id);
    if (values.length < this.cap) {
      // Grown to size: push would reserve 16 slots more than the list holds, and most lists stay short.
      this.values = values.concat(copy(v));
      this.keys = keys.concat(t, h);
      return;
    }
    const j = this.latest >= 0 ? this.latest : this.findLatest();
    if (!this.before(t, h, v, j)) return;
    values[j] = copy(v);
    keys[2 * j] = t;
    keys[2 * j + 1] = h;
    this.latest = -1;
  }

  /** Whether (t, h, v) comes before the value at index j. */
  private before(t: number, h: number, v: string, j: number): boolean {
    const keys = this.keys as number[];
    const jt = keys[2 * j] as number;
    if (t !== jt) return t < jt;
    const jh = keys[2 * j + 1] as number;
    if (h !== jh) return h < jh;
    return v < ((this.values as string[])[j] as string);
  }

  private findLatest(): number {
    const values = this.values as string[];
    const keys = this.keys as number[];
    let j = 0;
    for (let k = 1; k < values.length; k++)
      if (this.before(keys[2 * j] as number, keys[2 * j + 1] as number, values[j] as string, k)) j = k;
    this.latest = j;
    return j;
  }

  /** Another list's values, as if their events had been seen here. */
  absorb(o: EarliestValues): void {
    const { values, keys } = o;
    if (values === undefined || keys === undefined) return;
    for (let k = 0; k < values.length; k++)
      this.addKeyed(values[k] as string, keys[2 * k] as number, keys[2 * k + 1] as number, '', same);
  }

  /** The values, earliest first. */
  inOrder(): string[] {
    const values = this.values;
    const keys = this.keys;
    if (values === undefined || keys === undefined) return [];
    const order = values.map((_, k) => k);
    order.sort((x, y) =>
      this.before(keys[2 * x] as number, keys[2 * x + 1] as number, values[x] as string, y) ? -1 : 1,
    );
    return order.map((k) => values[k] as string);
  }

  /** The values, sorted as strings. */
  sorted(): string[] {
    return this.values === undefined ? [] : [...this.values].sort();
  }

  [Symbol.iterator](): IterableIterator<string> {
    return (this.values ?? []).values();
  }
}

const same = (s: string): string => s;

/** Distinct values per actor kind, each the MAX_ACTOR_VALUES first seen (see EarliestValues). */
export interface ActorSets {
  principals: EarliestValues;
  sessions: EarliestValues;
  accessKeyIds: EarliestValues;
  sourceIps: EarliestValues;
  userAgents: EarliestValues;
}

/**
 * User agents are kept, counted and shown by their first USER_AGENT_CHARS characters: tools append unbounded
 * detail, and one cut everywhere makes the same agent read the same in statistics, findings and the digest.
 */
export const USER_AGENT_CHARS = 200;

/** A user agent as statistics, evidence and the digest show it: cut to USER_AGENT_CHARS, with `…` when cut. */
export function shownAgent(ua: string): string {
  return ua.length > USER_AGENT_CHARS ? `${ua.slice(0, USER_AGENT_CHARS)}…` : ua;
}

/** The actor values of one event. A session is a role's or federated user's session ARN, not the role itself. */
export function actorOf(e: TrailEvent): EventActor {
  const p = e.principal;
  const a: EventActor = { principal: p.key };
  if (p.sessionIssuerArn !== undefined && p.arn !== undefined && p.arn !== p.sessionIssuerArn)
    a.session = p.arn;
  if (p.accessKeyId) a.accessKeyId = p.accessKeyId;
  if (e.sourceIp) a.sourceIp = e.sourceIp;
  if (e.userAgent)
    a.userAgent =
      e.userAgent.length > USER_AGENT_CHARS ? e.userAgent.slice(0, USER_AGENT_CHARS) : e.userAgent;
  return a;
}

export function newActorSets(): ActorSets {
  return {
    principals: new EarliestValues(MAX_ACTOR_VALUES),
    sessions: new EarliestValues(MAX_ACTOR_VALUES),
    accessKeyIds: new EarliestValues(MAX_ACTOR_VALUES),
    sourceIps: new EarliestValues(MAX_ACTOR_VALUES),
    userAgents: new EarliestValues(MAX_ACTOR_VALUES),
  };
}

/**
 * A copy of `s` that owns its characters. V8 hands out strings parsed from JSON as slices of the record's text, so
 * keeping the bare value for the rest of the run would keep the whole record text alive with it.
 */
export function own(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}

/**
 * One copy of each repeating string that outlives its event (principals, accounts, addresses, user agents, ...):
 * each record's strings are its own, so a value kept from thousands of events would otherwise be kept thousands of
 * times. At most `cap` strings; when full it forgets them all and starts again (copies made before stay valid).
 */
export class Interner {
  private readonly copies = new Map<string, string>();
  constructor(private readonly cap: number) {}

  /** The kept copy of `s`, made now if there is none. */
  readonly keep = (s: string): string => {
    const known = this.copies.get(s);
    if (known !== undefined) return known;
    if (this.copies.size >= this.cap) this.copies.clear();
    const copy = own(s);
    this.copies.set(copy, copy);
    return copy;
  };

  clear(): void {
    this.copies.clear();
  }
}

function put(set: EarliestValues, v: string | undefined, when: EventAt, copy: (s: string) => string): void {
  if (v !== undefined && v !== '') set.add(v, when, copy);
}

const NO_TIME: EventAt = { timeMs: 0, id: '' };

/**
 * Folds the actor values of one event, seen at `when`, into a finding's sets. `copy` makes the copy a new value is
 * kept as (see own()); a caller that keeps many findings passes an Interner's `keep`, so that findings share one.
 */
export function addActor(
  sets: ActorSets,
  a: EventActor,
  when: EventAt,
  copy: (s: string) => string = own,
): void {
  put(sets.principals, a.principal, when, copy);
  put(sets.sessions, a.session, when, copy);
  put(sets.accessKeyIds, a.accessKeyId, when, copy);
  put(sets.sourceIps, a.sourceIp, when, copy);
  put(sets.userAgents, a.userAgent, when, copy);
}

/** The sets as a Finding's `actors` (sorted, empty lists left out), or undefined when nothing was seen. */
export function actorLists(sets: ActorSets): FindingActors | undefined {
  const out: FindingActors = {};
  for (const k of ['principals', 'sessions', 'accessKeyIds', 'sourceIps', 'userAgents'] as const) {
    if (sets[k].size > 0) out[k] = sets[k].sorted();
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Two findings' actors as one (each list still bounded), e.g. when the model reports one finding twice. */
export function mergeActors(
  a: FindingActors | undefined,
  b: FindingActors | undefined,
): FindingActors | undefined {
  if (!a || !b) return a ?? b;
  // The lists carry no times: of more values than fit, the first as strings are kept (either order of a and b).
  const sets = newActorSets();
  for (const x of [a, b]) {
    for (const k of ['principals', 'sessions', 'accessKeyIds', 'sourceIps', 'userAgents'] as const)
      for (const v of x[k] ?? []) put(sets[k], v, NO_TIME, own);
  }
  return actorLists(sets);
}
