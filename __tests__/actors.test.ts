/** A finding's capped value lists: the values first seen, by event time, whatever order the events arrive in. */
import { describe, expect, it } from '@jest/globals';
import { EarliestValues, mergeActors, shownAgent, USER_AGENT_CHARS } from '../src/actors.js';
import { createDigestCollector, type DigestBuilder } from '../src/analyze/digest.js';
import { createDetector } from '../src/detect/index.js';
import { makeConfig } from './analyze/helpers.js';
import { ev, fixedClock, shuffled, silentLogger, testConfig } from './detect/helpers.js';

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

describe('user agents: one cut everywhere', () => {
  // An offensive tool's agent (TS-UA-001 flags it) with more detail appended than anyone reads.
  const long = `aws-cli/2.15.0 Python/3.11.6 Linux/6.5.0-kali3-amd64 exe/x86_64.kali.2023 ${'x'.repeat(300)}`;

  it('cuts a long agent to USER_AGENT_CHARS with an ellipsis and leaves a short one alone', () => {
    expect(shownAgent(long)).toBe(`${long.slice(0, USER_AGENT_CHARS)}…`);
    expect(shownAgent(long.slice(0, USER_AGENT_CHARS))).toBe(long.slice(0, USER_AGENT_CHARS));
    expect(shownAgent('aws-cli/2')).toBe('aws-cli/2');
  });

  it('statistics, the evidence of a finding and the digest show a long agent the same way', async () => {
    const e = ev({ userAgent: long });
    const detector = await createDetector(testConfig(), { logger: silentLogger, clock: fixedClock() });
    const ruleIds = detector.observe(e);
    expect(ruleIds).toContain('TS-UA-001');
    const result = detector.finish();
    const shown = shownAgent(long);
    expect(result.stats.topUserAgents.map((x) => x.key)).toEqual([shown]);
    const finding = result.findings.find((f) => f.ruleId === 'TS-UA-001');
    expect(finding?.evidence.samples?.map((x) => x.userAgent)).toEqual([shown]);
    const collector = createDigestCollector(makeConfig());
    collector.observe(e, ruleIds);
    const set = (collector as DigestBuilder).finish(6000);
    expect(set.records.map((r) => r.events.get(e.id)?.userAgent)).toContain(shown);
  });
});
