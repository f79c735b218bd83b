/** A finding's capped value lists: the values first seen, by event time, whatever order the events arrive in. */
import { describe, expect, it } from '@jest/globals';
import { EarliestValues, mergeActors } from '../src/actors.js';
import { shuffled } from './detect/helpers.js';

describe('EarliestValues', () => {
  // 40 values, each seen at 1-4 distinct times (a value's place is its earliest sighting), and two values first
  // seen by one event (same time, same id): the smaller as text comes first.
  const sightings = Array.from({ length: 40 }, (_, v) =>
    Array.from({ length: 1 + (v % 4) }, (_, k) => ({
      v: `v${String(v).padStart(2, '0')}`,
      at: { timeMs: ((v * 7919 + k * 104_729) % 1009) * 1000 + v * 4 + k, id: `e${v}-${k}` },
    })),
  ).flat();
  sightings.push(
    { v: 'tie-b', at: { timeMs: 5000, id: 'same' } },
    { v: 'tie-a', at: { timeMs: 5000, id: 'same' } },
  );
  const earliest = new Map<string, number>();
  for (const s of sightings) earliest.set(s.v, Math.min(earliest.get(s.v) ?? Infinity, s.at.timeMs));
  const expected = (cap: number): string[] =>
    [...earliest]
      .sort(([av, a], [bv, b]) => a - b || (av < bv ? -1 : 1))
      .slice(0, cap)
      .map(([v]) => v);

  it('keeps the `cap` values first seen, in any arrival order', () => {
    for (const cap of [1, 10, 25, 50]) {
      const want = expected(cap);
      expect(want).toHaveLength(Math.min(cap, 42));
      for (const order of [
        sightings,
        [...sightings].reverse(),
        ...[1, 2, 3, 4, 5].map((s) => shuffled(sightings, s)),
      ]) {
        const kept = new EarliestValues(cap);
        for (const s of order) kept.add(s.v, s.at);
        expect(kept.inOrder()).toEqual(want);
        expect(kept.sorted()).toEqual([...want].sort());
      }
    }
  });

  it('orders events of the same time by their id, the same way in any arrival order', () => {
    // Twelve values each seen once, all in the same second by different events: which ten are kept depends on the
    // ids only.
    const same = Array.from({ length: 12 }, (_, k) => ({ v: `ip${k}`, at: { timeMs: 7000, id: `id-${k}` } }));
    const kept = (order: typeof same): string[] => {
      const list = new EarliestValues(10);
      for (const s of order) list.add(s.v, s.at);
      return list.inOrder();
    };
    const want = kept(same);
    expect(want).toHaveLength(10);
    for (const seed of [1, 2, 3, 4, 5, 6]) expect(kept(shuffled(same, seed))).toEqual(want);
  });

  it('absorbs another list as if its sightings had been made here', () => {
    const half = Math.floor(sightings.length / 2);
    const order = shuffled(sightings, 9);
    const a = new EarliestValues(10);
    const b = new EarliestValues(10);
    for (const s of order.slice(0, half)) a.add(s.v, s.at);
    for (const s of order.slice(half)) b.add(s.v, s.at);
    a.absorb(b);
    expect(a.inOrder()).toEqual(expected(10));
  });
});

describe('mergeActors', () => {
  it('keeps the first values as text when two lists hold more than fit, whichever comes first', () => {
    const a = { sourceIps: Array.from({ length: 10 }, (_, k) => `198.51.100.${10 + k}`) };
    const b = { sourceIps: Array.from({ length: 10 }, (_, k) => `198.51.100.${k}`) };
    const want = [...a.sourceIps, ...b.sourceIps].sort().slice(0, 10);
    expect(mergeActors(a, b)?.sourceIps).toEqual(want);
    expect(mergeActors(b, a)?.sourceIps).toEqual(want);
  });
});
