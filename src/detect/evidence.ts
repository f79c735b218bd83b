/**
 * Evidence selection: which of an incident's events its finding cites. The first events to arrive are a poor
 * choice (a burst's first events are often the set-up's own reads, and sources deliver newest first or one region
 * after another), so a finding keeps the first and last events, then one event per distinct value of the rule's
 * detail fields (the secret, parameter, bucket …), then events spread over time. What is kept is bounded and does
 * not depend on the order events arrive in: every choice is by (time, id) or by a hash, never by arrival.
 */
import { fnv1a32 } from '../fingerprint.js';
import type { EvidenceSample } from '../types.js';

/** Event ids a finding keeps. */
export const MAX_EVIDENCE_IDS = 20;
/** Evidence samples (key fields of an event) a finding keeps: the first and last events, and one between. */
export const MAX_SAMPLES = 3;
/**
 * Distinct detail values remembered per finding, each with its earliest event (a bottom-k by the value's hash): as
 * many as there are evidence ids, so that an incident of up to that many values cites each of them.
 */
export const MAX_EVIDENCE_VALUES = MAX_EVIDENCE_IDS;
/** Events remembered for the time spread (a bottom-k by the event id's hash: a uniform, order-free sample). */
export const MAX_SPREAD_CANDIDATES = 24;
/**
 * Spread events that keep a sample: the ones with the smallest hashes. The third sample is the first of them that is
 * neither the first nor the last event, so three always suffice; the other spread events keep an id and a time only
 * (a sample each for 24 events of thousands of findings was most of the detector's memory).
 */
const SAMPLED_SPREAD = 3;

/**
 * One remembered event. The first and last events keep their item and get their sample only when the finding is
 * built or settled (with events in time order every hit is the new last, and newest first every hit the new first,
 * so building samples eagerly would cost one per hit).
 */
interface Entry {
  id: string;
  timeMs: number;
  sample?: EvidenceSample | undefined;
  item?: unknown;
}

/** Time order, ties by id: the order every choice below is made in (and the engine's, wherever it picks by time). */
export function earlier(a: { timeMs: number; id: string }, b: { timeMs: number; id: string }): boolean {
  return a.timeMs < b.timeMs || (a.timeMs === b.timeMs && a.id < b.id);
}

/** Whether (hash a, key a) ranks after (hash b, key b) in a bottom-k order. */
function ranksAfter(ha: number, a: string, hb: number, b: string): boolean {
  return ha > hb || (ha === hb && a > b);
}

/**
 * The distinct values' pool: the `cap` values with the smallest hashes, each with its earliest event. The threshold
 * (the largest kept hash) is remembered so that most new values are turned away with one comparison.
 */
class ValuePool {
  readonly items = new Map<string, Entry & { hash: number }>();
  private worstKey = '';
  private worstHash = -1;
  constructor(private readonly cap: number) {}

  offer(value: string, id: string, timeMs: number): void {
    const kept = this.items.get(value);
    if (kept) {
      if (timeMs < kept.timeMs || (timeMs === kept.timeMs && id < kept.id)) {
        kept.id = id;
        kept.timeMs = timeMs;
      }
      return;
    }
    const hash = fnv1a32(value);
    if (this.items.size >= this.cap && !ranksAfter(this.worstHash, this.worstKey, hash, value)) return;
    if (this.items.size >= this.cap) this.items.delete(this.worstKey);
    this.items.set(value, { id, timeMs, hash });
    this.worstHash = -1;
    for (const [k, e] of this.items)
      if (this.worstHash < 0 || ranksAfter(e.hash, k, this.worstHash, this.worstKey)) {
        this.worstHash = e.hash;
        this.worstKey = k;
      }
  }
}

/**
 * The time-spread pool: the `cap` events with the smallest (hash, id, time), in parallel arrays (no object or key
 * string per event), the worst one's place remembered so that most offers are turned away with one comparison.
 */
class SpreadPool {
  ids: string[] = [];
  times: number[] = [];
  hashes: number[] = [];
  /** Samples of the SAMPLED_SPREAD smallest entries; undefined for the others. */
  samples: (EvidenceSample | undefined)[] = [];
  private worst = -1;
  /** How many entries the arrays held when last made to size (see compact). */
  private compacted = 0;
  constructor(private readonly cap: number) {}

  /**
   * Makes the arrays to size once entries were added since the last time: an array grown one entry at a time
   * reserves 16 slots more than it holds (17 for one entry, 41 for 18), and tens of thousands of pools live as
   * long as their findings.
   */
  compact(): void {
    const n = this.ids.length;
    if (n === this.compacted) return;
    this.compacted = n;
    this.ids = this.ids.slice();
    this.times = this.times.slice();
    this.hashes = this.hashes.slice();
    this.samples = this.samples.slice();
  }

  /** (hash, id, time) of entry i ranks after the given one. */
  private after(i: number, h: number, id: string, t: number): boolean {
    const hi = this.hashes[i] as number;
    if (hi !== h) return hi > h;
    const ii = this.ids[i] as string;
    return ii !== id ? ii > id : (this.times[i] as number) > t;
  }

  offer<X>(id: string, timeMs: number, h: number, item: X, sampleOf: (item: X) => EvidenceSample): void {
    const n = this.ids.length;
    if (n >= this.cap && !this.after(this.worst, h, id, timeMs)) return;
    for (let i = 0; i < n; i++) if (this.ids[i] === id && this.times[i] === timeMs) return;
    // How many kept entries rank before the new one: its rank decides whether it keeps a sample.
    let rank = 0;
    for (let i = 0; i < n; i++) if (!this.after(i, h, id, timeMs)) rank++;
    let at = n;
    if (n >= this.cap) at = this.worst;
    this.ids[at] = id;
    this.times[at] = timeMs;
    this.hashes[at] = h;
    this.samples[at] = rank < SAMPLED_SPREAD ? sampleOf(item) : undefined;
    if (rank < SAMPLED_SPREAD) {
      // The entry pushed out of the sampled few lets its sample go.
      let drop = -1;
      for (let i = 0; i < this.ids.length; i++) {
        if (i === at || this.samples[i] === undefined) continue;
        if (
          drop < 0 ||
          this.after(i, this.hashes[drop] as number, this.ids[drop] as string, this.times[drop] as number)
        )
          drop = i;
      }
      let sampled = 0;
      for (const s of this.samples) if (s !== undefined) sampled++;
      if (sampled > SAMPLED_SPREAD && drop >= 0) this.samples[drop] = undefined;
    }
    this.worst = 0;
    for (let i = 1; i < this.ids.length; i++)
      if (
        this.after(
          i,
          this.hashes[this.worst] as number,
          this.ids[this.worst] as string,
          this.times[this.worst] as number,
        )
      )
        this.worst = i;
  }

  /** The sample of the entry (id, time), if it keeps one. */
  sampleOf(id: string, timeMs: number): EvidenceSample | undefined {
    for (let i = 0; i < this.ids.length; i++)
      if (this.ids[i] === id && this.times[i] === timeMs) return this.samples[i];
    return undefined;
  }

  /** The entries, smallest (hash, id, time) first. */
  entries(): Entry[] {
    return this.ids
      .map((id, i) => ({ i, id }))
      .sort((a, b) => (this.after(a.i, this.hashes[b.i] as number, b.id, this.times[b.i] as number) ? 1 : -1))
      .map(({ i, id }) => ({ id, timeMs: this.times[i] as number, sample: this.samples[i] }));
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
  private values: ValuePool | undefined;
  private spread: SpreadPool | undefined;

  private sampleOf: ((item: never) => EvidenceSample) | undefined;

  /** Offer one event; `sampleOf` is called only when a spread event is among the sampled few, or at settle/pick. */
  offer<X>(o: EvidenceOffer<X>, sampleOf: (item: X) => EvidenceSample): void {
    // This runs for every event a rule flags: no closures, no samples, and no allocation unless an end moves.
    const { id, timeMs } = o;
    this.sampleOf ??= sampleOf as (item: never) => EvidenceSample;
    const first = this.first;
    if (!first) this.first = { id, timeMs, sample: undefined, item: o.item };
    else if (earlier(o, first)) {
      first.id = id;
      first.timeMs = timeMs;
      first.item = o.item;
      first.sample = undefined;
    }
    // The last event: later time wins; among equal times the larger id, so both ends are well defined.
    const last = this.last;
    if (!last) this.last = { id, timeMs, sample: undefined, item: o.item };
    else if (earlier(last, o)) {
      last.id = id;
      last.timeMs = timeMs;
      last.item = o.item;
      last.sample = undefined;
    }
    if (o.value !== '') (this.values ??= new ValuePool(MAX_EVIDENCE_VALUES)).offer(o.value, id, timeMs);
    // Ranked by a hash of id and time: distinct records that share a placeholder id (test fixtures) stay distinct.
    const h = (fnv1a32(id) ^ Math.imul((timeMs % 0x7fffffff) | 0, 0x9e3779b1)) >>> 0;
    (this.spread ??= new SpreadPool(MAX_SPREAD_CANDIDATES)).offer(id, timeMs, h, o.item, sampleOf);
  }

  /** The earliest event offered (time, then id), if any. */
  firstEvent(): { id: string; timeMs: number } | undefined {
    return this.first;
  }

  /**
   * Takes in another selector's events, as if they had been offered here: what each keeps is a superset of what the
   * union would keep (ends by time, bottom-k by hash), so the result is what offering every event here gives.
   */
  absorb(other: EvidenceSelector): void {
    this.sampleOf ??= other.sampleOf;
    const end = (e: Entry | undefined, first: boolean): void => {
      if (!e) return;
      const mine = first ? this.first : this.last;
      if (mine && !(first ? earlier(e, mine) : earlier(mine, e))) return;
      const copy: Entry = { id: e.id, timeMs: e.timeMs, sample: e.sample };
      if (e.item !== undefined) copy.item = e.item;
      if (first) this.first = copy;
      else this.last = copy;
    };
    end(other.first, true);
    end(other.last, false);
    if (other.values)
      for (const [value, e] of other.values.items)
        (this.values ??= new ValuePool(MAX_EVIDENCE_VALUES)).offer(value, e.id, e.timeMs);
    const sp = other.spread;
    if (sp) {
      const mine = (this.spread ??= new SpreadPool(MAX_SPREAD_CANDIDATES));
      // An entry among the union's sampled few was among its own side's, so it has its sample.
      for (let i = 0; i < sp.ids.length; i++)
        mine.offer(
          sp.ids[i] as string,
          sp.times[i] as number,
          sp.hashes[i] as number,
          sp.samples[i],
          (s) => s as EvidenceSample,
        );
    }
  }

  /**
   * Makes the end events' samples now and lets their items go. An item is the event at hand, raw record and all;
   * thousands of findings each holding two would keep far more memory alive than their samples take. The engine
   * calls this every few thousand events for the findings that changed, so a burst whose last event changes on
   * every hit still builds few samples.
   */
  settle(): void {
    this.spread?.compact();
    const make = this.sampleOf;
    if (!make) return;
    for (const e of [this.first, this.last]) {
      if (e?.item === undefined) continue;
      e.sample ??= make(e.item as never);
      // Not `delete`: deleting a property other than the last one added turns the object into a hash table,
      // several times its size, and these entries live as long as their findings.
      e.item = undefined;
    }
  }

  /**
   * The chosen events: first and last, the sampled spread event of smallest hash that is neither, then the distinct
   * values' events, then the spread sample, each pool taken farthest-in-time-first from what is already chosen (ties
   * by time, then id). Ids in time order; samples are those of the first three chosen, in time order.
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
    const spread = this.spread?.entries() ?? [];
    take(spread.find((e) => e.sample !== undefined && !ids.has(e.id)));
    for (const pool of [[...(this.values?.items.values() ?? [])], spread]) {
      const rest = pool.filter((e) => !ids.has(e.id));
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
    const withSample = (e: Entry): EvidenceSample | undefined =>
      e.sample ??
      this.spread?.sampleOf(e.id, e.timeMs) ??
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
