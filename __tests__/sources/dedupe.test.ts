/** The de-duplicator's digest set: distinct records kept, copies dropped, across every growth of its table. */
import { describe, expect, it } from '@jest/globals';
import { Deduplicator } from '../../src/sources/dedupe.js';
import type { TrailEvent } from '../../src/types.js';

const event = (raw: Record<string, unknown>): TrailEvent => ({ raw }) as unknown as TrailEvent;

describe('Deduplicator', () => {
  it('keeps every distinct record and drops every copy, through many growths of the table', () => {
    const d = new Deduplicator();
    const n = 50_000;
    for (let i = 0; i < n; i++) expect(d.first(event({ eventID: 'same-id', n: i }))).toBe(true);
    expect(d.size).toBe(n);
    // Copies (new objects with the same content) are recognised after the table has grown several times.
    let dropped = 0;
    for (let i = 0; i < n; i += 7) if (!d.first(event({ eventID: 'same-id', n: i }))) dropped++;
    expect(dropped).toBe(Math.ceil(n / 7));
    expect(d.duplicates).toBe(dropped);
    expect(d.size).toBe(n);
  });

  it('tells records apart by their whole content, not their id', () => {
    const d = new Deduplicator();
    const a = event({ eventID: '1' });
    const b = event({ eventID: '1' });
    expect(d.first(a)).toBe(true);
    expect(d.first(b)).toBe(false);
    expect(d.first(event({ eventID: '1', eventName: 'Other' }))).toBe(true);
  });
});
