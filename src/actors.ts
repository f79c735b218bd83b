/** The actor keys a finding collects from its events, for the correlate stage; bounded per finding. */
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
 */
export class EarliestValues {
  private readonly at = new Map<string, EventAt>();
  /** Once full: the latest value kept (what a newcomer must be earlier than), found again after each change. */
  private latest: string | undefined;

  constructor(private readonly cap: number) {}

  get size(): number {
    return this.at.size;
  }

  /** Counts `v` as seen at `when` (the caller owns `v`'s characters: see own()). */
  add(v: string, when: EventAt): void {
    const known = this.at.get(v);
    if (known !== undefined) {
      if (before(when, v, known, v)) {
        this.at.set(v, when);
        if (v === this.latest) this.latest = undefined;
      }
      return;
    }
    if (this.at.size < this.cap) {
      this.at.set(v, when);
      return;
    }
    const latest = this.latest ?? this.findLatest();
    if (latest === undefined || !before(when, v, this.at.get(latest) as EventAt, latest)) return;
    this.at.delete(latest);
    this.at.set(v, when);
    this.latest = undefined;
  }

  private findLatest(): string | undefined {
    let latest: string | undefined;
    let latestAt: EventAt | undefined;
    for (const [k, a] of this.at)
      if (latestAt === undefined || before(latestAt, latest as string, a, k)) {
        latest = k;
        latestAt = a;
      }
    this.latest = latest;
    return latest;
  }

  /** Whether `v` is kept. */
  has(v: string): boolean {
    return this.at.has(v);
  }

  /** Another list's values, as if their events had been seen here. */
  absorb(o: EarliestValues): void {
    for (const [k, a] of o.at) this.add(k, a);
  }

  /** The values, earliest first. */
  inOrder(): string[] {
    return [...this.at].sort((x, y) => (before(x[1], x[0], y[1], y[0]) ? -1 : 1)).map(([k]) => k);
  }

  /** The values, sorted as strings. */
  sorted(): string[] {
    return [...this.at.keys()].sort();
  }

  [Symbol.iterator](): IterableIterator<string> {
    return this.at.keys();
  }
}

function before(a: EventAt, av: string, b: EventAt, bv: string): boolean {
  if (a.timeMs !== b.timeMs) return a.timeMs < b.timeMs;
  if (a.id !== b.id) return a.id < b.id;
  return av < bv;
}

/** Distinct values per actor kind, each the MAX_ACTOR_VALUES first seen (see EarliestValues). */
export interface ActorSets {
  principals: EarliestValues;
  sessions: EarliestValues;
  accessKeyIds: EarliestValues;
  sourceIps: EarliestValues;
  userAgents: EarliestValues;
}

const UA_MAX = 200;

/** The actor values of one event. A session is a role's or federated user's session ARN, not the role itself. */
export function actorOf(e: TrailEvent): EventActor {
  const p = e.principal;
  const a: EventActor = { principal: p.key };
  if (p.sessionIssuerArn !== undefined && p.arn !== undefined && p.arn !== p.sessionIssuerArn)
    a.session = p.arn;
  if (p.accessKeyId) a.accessKeyId = p.accessKeyId;
  if (e.sourceIp) a.sourceIp = e.sourceIp;
  if (e.userAgent) a.userAgent = e.userAgent.length > UA_MAX ? e.userAgent.slice(0, UA_MAX) : e.userAgent;
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

function put(set: EarliestValues, v: string | undefined, when: EventAt): void {
  if (v !== undefined && v !== '') set.add(set.has(v) ? v : own(v), when);
}

const NO_TIME: EventAt = { timeMs: 0, id: '' };

/** Folds the actor values of one event, seen at `when`, into a finding's sets. */
export function addActor(sets: ActorSets, a: EventActor, when: EventAt): void {
  put(sets.principals, a.principal, when);
  put(sets.sessions, a.session, when);
  put(sets.accessKeyIds, a.accessKeyId, when);
  put(sets.sourceIps, a.sourceIp, when);
  put(sets.userAgents, a.userAgent, when);
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
      for (const v of x[k] ?? []) put(sets[k], v, NO_TIME);
  }
  return actorLists(sets);
}
