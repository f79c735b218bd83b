import type { TrailEvent } from '../types.js';
import { compactBytes, DIGEST_WORDS, digestOf } from './content-hash.js';

/**
 * One shard of a DigestSet: 96-bit digests in one typed array (open addressing, linear probing), 12 bytes a slot,
 * outside the garbage-collected heap, where a Set of base64 strings costs 70-80 bytes an entry and is traced by
 * every GC. The all-zero digest is the DigestSet's to remember (all-zero slots mean "empty").
 */
class DigestShard {
  private table = new Uint32Array(3 * SHARD_SLOTS);
  private mask = SHARD_SLOTS - 1;
  private size = 0;

  /** Adds the digest (a, b, c), not all zero; false when it was already there. */
  add(a: number, b: number, c: number): boolean {
    const t = this.table;
    for (let i = a & this.mask; ; i = (i + 1) & this.mask) {
      const o = i * 3;
      const x = t[o] as number;
      const y = t[o + 1] as number;
      const z = t[o + 2] as number;
      if (x === 0 && y === 0 && z === 0) {
        t[o] = a;
        t[o + 1] = b;
        t[o + 2] = c;
        if (++this.size * 4 > (this.mask + 1) * 3) this.grow();
        return true;
      }
      if (x === a && y === b && z === c) return false;
    }
  }

  private grow(): void {
    const old = this.table;
    const slots = (this.mask + 1) * 2;
    this.table = new Uint32Array(slots * 3);
    this.mask = slots - 1;
    const t = this.table;
    for (let o = 0; o < old.length; o += 3) {
      const a = old[o] as number;
      const b = old[o + 1] as number;
      const c = old[o + 2] as number;
      if (a === 0 && b === 0 && c === 0) continue;
      let i = a & this.mask;
      while (t[i * 3] !== 0 || t[i * 3 + 1] !== 0 || t[i * 3 + 2] !== 0) i = (i + 1) & this.mask;
      t[i * 3] = a;
      t[i * 3 + 1] = b;
      t[i * 3 + 2] = c;
    }
  }
}

/** Slots a shard starts with. */
const SHARD_SLOTS = 256;
/** log2 of the shards: a digest's shard is the top bits of its second word (its slot comes from the first). */
const SHARD_BITS = 6;

/**
 * A set of 96-bit digests in 64 shards that each grow on their own. One table doubling as a whole held the old
 * table and the new one at once (12 MB and 24 MB at a million events, the old one until a full collection freed
 * it): the peak resident size of a large run was set by that moment. A shard's doubling copies a 64th of it.
 * 96 bits leave a collision among a billion events at odds of about 1 in 10^11.
 */
class DigestSet {
  private readonly shards = Array.from({ length: 1 << SHARD_BITS }, () => new DigestShard());
  private zeroSeen = false;
  size = 0;

  /** Adds the digest (a, b, c); false when it was already there. */
  add(a: number, b: number, c: number): boolean {
    if (a === 0 && b === 0 && c === 0) {
      if (this.zeroSeen) return false;
      this.zeroSeen = true;
      this.size++;
      return true;
    }
    if (!(this.shards[b >>> (32 - SHARD_BITS)] as DigestShard).add(a, b, c)) return false;
    this.size++;
    return true;
  }
}

/**
 * Drops events already seen. The key is a digest of the whole record, not the event id alone: real
 * CloudTrail ids are unique, but published examples and test fixtures reuse ids (`"1"`, `"1111"`, one UUID for
 * several different calls), and a security review must never lose a distinct event to a shared placeholder id.
 * The same event delivered twice (overlapping archive files, a file given twice) is byte-for-byte the same record,
 * so it has the same digest and is dropped once. Records read from bytes (files, archive objects) are keyed by a
 * digest of their own bytes, taken while parsing; the others by a digest of their compact serialisation. Both
 * agree for compact JSON (what CloudTrail writes); the same record written once compact and once pretty-printed
 * is kept twice: a double count, never a loss. Memory: 12 bytes a slot, at most three quarters full, off the
 * garbage-collected heap: a window of 1M events holds about 24 MB (a shard of it grows at a time).
 */
export class Deduplicator {
  private readonly seen = new DigestSet();
  duplicates = 0;

  /**
   * True the first time an event is seen; false (and counted) for every later copy. `digests` is the table of
   * the batch the event came in (see content-hash.ts) and `index` its place there; without one, the digest is
   * taken of the record's compact serialisation.
   */
  first(e: TrailEvent, digests?: Uint32Array, index = 0): boolean {
    const t = digests ?? digestOf(compactBytes(e.raw));
    const at = digests ? index * DIGEST_WORDS : 0;
    if (this.seen.add(t[at] as number, t[at + 1] as number, t[at + 2] as number)) return true;
    this.duplicates++;
    return false;
  }

  get size(): number {
    return this.seen.size;
  }
}
