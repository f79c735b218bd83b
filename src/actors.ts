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

/** Distinct values seen so far per actor kind, each capped at MAX_ACTOR_VALUES. */
export interface ActorSets {
  principals: Set<string>;
  sessions: Set<string>;
  accessKeyIds: Set<string>;
  sourceIps: Set<string>;
  userAgents: Set<string>;
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
    principals: new Set(),
    sessions: new Set(),
    accessKeyIds: new Set(),
    sourceIps: new Set(),
    userAgents: new Set(),
  };
}

/**
 * A copy of `s` that owns its characters. V8 hands out strings parsed from JSON as slices of the record's text, so
 * keeping the bare value for the rest of the run would keep the whole record text alive with it.
 */
export function own(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}

function put(set: Set<string>, v: string | undefined): void {
  if (v !== undefined && v !== '' && set.size < MAX_ACTOR_VALUES && !set.has(v)) set.add(own(v));
}

/** Folds one event's actor values into a finding's sets. */
export function addActor(sets: ActorSets, a: EventActor): void {
  put(sets.principals, a.principal);
  put(sets.sessions, a.session);
  put(sets.accessKeyIds, a.accessKeyId);
  put(sets.sourceIps, a.sourceIp);
  put(sets.userAgents, a.userAgent);
}

/** The sets as a Finding's `actors` (sorted, empty lists left out), or undefined when nothing was seen. */
export function actorLists(sets: ActorSets): FindingActors | undefined {
  const out: FindingActors = {};
  for (const k of ['principals', 'sessions', 'accessKeyIds', 'sourceIps', 'userAgents'] as const) {
    if (sets[k].size > 0) out[k] = [...sets[k]].sort();
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Two findings' actors as one (each list still bounded), e.g. when the model reports one finding twice. */
export function mergeActors(
  a: FindingActors | undefined,
  b: FindingActors | undefined,
): FindingActors | undefined {
  if (!a || !b) return a ?? b;
  const sets = newActorSets();
  for (const x of [a, b]) {
    for (const k of ['principals', 'sessions', 'accessKeyIds', 'sourceIps', 'userAgents'] as const)
      for (const v of x[k] ?? []) put(sets[k], v);
  }
  return actorLists(sets);
}
