/**
 * Evidence selection: which of an incident's events its finding cites. The first events to arrive are a poor
 * choice (a burst's first events are often the set-up's own reads, and sources deliver newest first or one region
 * after another), so a finding keeps the first and last events, then one event per distinct value of the rule's
 * detail fields (the secret, parameter, bucket …), then events spread over time. What is kept is bounded and does
 * not depend on the order events arrive in: every choice is by (time, id) or by a hash, never by arrival.
 */
import type { EvidenceSample } from '../types.js';

/** Event ids a finding keeps. */
export const MAX_EVIDENCE_IDS = 20;
/** Evidence samples (key fields of an event) a finding keeps. */
export const MAX_SAMPLES = 3;
/**
 * Distinct detail values remembered per finding, each with its earliest event (a bottom-k by the value's hash): as
 * many as there are evidence ids, so that an incident of up to that many values cites each of them.
 */
export const MAX_EVIDENCE_VALUES = MAX_EVIDENCE_IDS;
/** Events remembered for the time spread (a bottom-k by the event id's hash: a uniform, order-free sample). */
export const MAX_SPREAD_CANDIDATES = 24;

/**
 * One remembered event. The first and last events keep their item and get their sample only when the finding is
 * built (with events in time order every hit is the new last, and newest first every hit the new first, so building
 * samples eagerly would cost one per hit); spread events take theirs when kept (rare: a bottom-k by hash).
 */
interface Entry {
  id: string;
  timeMs: number;
  hash: number;
  sample?: EvidenceSample;
  item?: unknown;
}

/** Time order, ties by id: the order every choice below is made in. */
function earlier(a: { timeMs: number; id: string }, b: { timeMs: number; id: string }): boolean {
  return a.timeMs < b.timeMs || (a.timeMs === b.timeMs && a.id < b.id);
}

/** 32-bit FNV-1a: stable across runs, so the same events always give the same evidence. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Whether (hash a, key a) ranks after (hash b, key b) in a bottom-k order. */
function ranksAfter(ha: number, a: string, hb: number, b: string): boolean {
  return ha > hb || (ha === hb && a > b);
}

/**
 * A bottom-k set: the `cap` keys with the smallest hashes, each with the entry chosen for it. The threshold (the
 * largest kept hash) is remembered so that most offers are turned away with one comparison.
 */
class BottomK {
  readonly items = new Map<string, Entry>();
  private worstKey = '';
  private worstHash = -1;
  constructor(private readonly cap: number) {}

  /** The entry kept for `key`, if any. */
  get(key: string): Entry | undefined {
    return this.items.get(key);
  }

  /** Whether a new key with this hash would be kept. */
  admits(key: string, hash: number): boolean {
    return this.items.size < this.cap || ranksAfter(this.worstHash, this.worstKey, hash, key);
  }

  /** Keeps `key` (the caller checked `admits`), forgetting the worst key when full. */
  put(key: string, hash: number, entry: Entry): void {
    if (this.items.size >= this.cap) this.items.delete(this.worstKey);
    this.items.set(key, entry);
    if (this.items.size < this.cap) {
      if (this.worstHash < 0 || ranksAfter(hash, key, this.worstHash, this.worstKey)) {
        this.worstHash = hash;
        this.worstKey = key;
      }
      return;
    }
    this.worstHash = -1;
    for (const [k, e] of this.items)
      if (this.worstHash < 0 || ranksAfter(e.hash, k, this.worstHash, this.worstKey)) {
        this.worstHash = e.hash;
        this.worstKey = k;
      }
  }
}

/** What an offered event brings: the engine passes the event (or held hit) and a way to build its sample. */
export interface EvidenceOffer<X> {
  id: string;
  timeMs: number;
  /** The distinct value this event stands for (its detail fields), '' when the rule has none. */
  value: string;
  item: X;
}

/** The evidence an incident keeps: bounded, and the same set whatever order its events arrive in. */
export class EvidenceSelector {
  private first: Entry | undefined;
  private last: Entry | undefined;
  // Made on first use: most findings have one or two events and need neither.
  private values: BottomK | undefined;
  private spread: BottomK | undefined;

  private sampleOf: ((item: never) => EvidenceSample) | undefined;

  /** Offer one event; `sampleOf` is called only when a spread event is kept, or when the finding is built. */
  offer<X>(o: EvidenceOffer<X>, sampleOf: (item: X) => EvidenceSample): void {
    // This runs for every event a rule flags: no closures, no samples, and the spread key only for a kept event.
    const { id, timeMs } = o;
    this.sampleOf ??= sampleOf as (item: never) => EvidenceSample;
    if (!this.first || earlier(o, this.first)) this.first = { id, timeMs, hash: 0, item: o.item };
    // The last event: later time wins; among equal times the larger id, so both ends are well defined.
    if (!this.last || earlier(this.last, o)) this.last = { id, timeMs, hash: 0, item: o.item };
    if (o.value !== '') {
      const values = (this.values ??= new BottomK(MAX_EVIDENCE_VALUES));
      const kept = values.get(o.value);
      if (kept) {
        if (earlier(o, kept)) {
          kept.id = id;
          kept.timeMs = timeMs;
        }
      } else {
        const h = hash32(o.value);
        if (values.admits(o.value, h)) values.put(o.value, h, { id, timeMs, hash: h });
      }
    }
    const spread = (this.spread ??= new BottomK(MAX_SPREAD_CANDIDATES));
    // Ranked by a hash of id and time: distinct records that share a placeholder id (test fixtures) stay distinct.
    const h = (hash32(id) ^ Math.imul((timeMs % 0x7fffffff) | 0, 0x9e3779b1)) >>> 0;
    if (!spread.admits(id, h)) return;
    const key = `${id}\u0000${timeMs}`;
    if (!spread.get(key)) spread.put(key, h, { id, timeMs, hash: h, sample: sampleOf(o.item) });
  }

  /**
   * Makes the end events' samples now and lets their items go. An item is the event at hand, raw record and all;
   * thousands of findings each holding two would keep far more memory alive than their samples take. The engine
   * calls this every few thousand events for the findings that changed, so a burst whose last event changes on
   * every hit still builds few samples.
   */
  settle(): void {
    const make = this.sampleOf;
    if (!make) return;
    for (const e of [this.first, this.last]) {
      if (e?.item === undefined) continue;
      e.sample ??= make(e.item as never);
      delete e.item;
    }
  }

  /**
   * The chosen events: first and last, then the distinct values' events, then the spread sample, each pool taken
   * farthest-in-time-first from what is already chosen (ties by time, then id). Ids in time order; samples are
   * the first MAX_SAMPLES chosen that can have one (first, last, spread events; a value's event only when the spread
   * kept it too, since which event that is changes with every earlier one), in time order.
   */
  pick(max = MAX_EVIDENCE_IDS): { eventIds: string[]; samples: EvidenceSample[] } {
    const chosen: Entry[] = [];
    const ids = new Set<string>();
    const take = (e: Entry | undefined): void => {
      if (!e || chosen.length >= max || ids.has(e.id)) return;
      ids.add(e.id);
      chosen.push(e);
    };
    take(this.first);
    take(this.last);
    for (const pool of [this.values, this.spread]) {
      if (!pool) continue;
      const rest = [...pool.items.values()].filter((e) => !ids.has(e.id));
      while (rest.length > 0 && chosen.length < max) {
        let best = -1;
        let bestGap = -1;
        for (let i = 0; i < rest.length; i++) {
          const e = rest[i] as Entry;
          let gap = Infinity;
          for (const c of chosen) gap = Math.min(gap, Math.abs(c.timeMs - e.timeMs));
          if (gap > bestGap || (gap === bestGap && earlier(e, rest[best] as Entry))) {
            best = i;
            bestGap = gap;
          }
        }
        const [e] = rest.splice(best, 1);
        if (e && !ids.has(e.id)) take(e);
      }
    }
    const make = this.sampleOf;
    // A value's event has a sample when the spread kept it too.
    const withSample = (e: Entry): EvidenceSample | undefined =>
      e.sample ??
      this.spread?.get(`${e.id}\u0000${e.timeMs}`)?.sample ??
      (e.item !== undefined && make ? make(e.item as never) : undefined);
    const samples = chosen
      .map((e) => ({ e, s: withSample(e) }))
      .filter((x): x is { e: Entry; s: EvidenceSample } => x.s !== undefined)
      .slice(0, MAX_SAMPLES)
      .sort((a, b) => (earlier(a.e, b.e) ? -1 : 1))
      .map((x) => x.s);
    const eventIds = [...chosen].sort((a, b) => (earlier(a, b) ? -1 : 1)).map((e) => e.id);
    return { eventIds, samples };
  }
}
