import { createHash } from 'node:crypto';
import type { TrailEvent } from '../types.js';
import { contentKeys } from './json-records.js';

/**
 * Drops events already seen. The key is a 128-bit digest of the whole record, not the event id alone: real
 * CloudTrail ids are unique, but published examples and test fixtures reuse ids (`"1"`, `"1111"`, one UUID for
 * several different calls), and a security review must never lose a distinct event to a shared placeholder id.
 * The same event delivered twice (overlapping archive files, a file given twice) is byte-for-byte the same record,
 * so it has the same digest and is dropped once. Records read from bytes (files, archive objects) are keyed by a
 * digest of their own bytes, taken while parsing; the others by a digest of their compact re-serialisation. Both
 * agree for compact JSON (what CloudTrail writes); the same record written once compact and once pretty-printed
 * is kept twice: a double count, never a loss. Memory: one 24-character base64 digest per distinct event (about 70-80 bytes
 * with the Set's overhead), so a window of 1M events holds roughly 70 MB.
 */
export class Deduplicator {
  private readonly seen = new Set<string>();
  duplicates = 0;

  /** The digest that identifies one event's content. */
  static keyOf(e: TrailEvent): string {
    return contentKeys.get(e.raw) ?? createHash('md5').update(JSON.stringify(e.raw)).digest('base64');
  }

  /** True the first time an event is seen; false (and counted) for every later copy. */
  first(e: TrailEvent): boolean {
    const k = Deduplicator.keyOf(e);
    if (this.seen.has(k)) {
      this.duplicates++;
      return false;
    }
    this.seen.add(k);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }
}
