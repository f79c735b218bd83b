/** Evidence selection: first and last, one per distinct value, spread over time; the same whatever the arrival order. */
import { describe, expect, it } from '@jest/globals';
import { createDetector } from '../../src/detect/index.js';
import { EvidenceSelector, MAX_EVIDENCE_IDS } from '../../src/detect/evidence.js';
import { normalizeRecord } from '../../src/sources/normalize.js';
import type { EvidenceSample, TrailEvent } from '../../src/types.js';
import { fixedClock, loadDataset, shuffled, silentLogger, testConfig } from './helpers.js';

const sampleOf = (x: { id: string; timeMs: number }): EvidenceSample => ({
  eventId: x.id,
  time: new Date(x.timeMs).toISOString(),
  eventName: 'X',
  region: 'us-east-1',
  account: '111122223333',
});

describe('EvidenceSelector', () => {
  const events = Array.from({ length: 500 }, (_, i) => ({
    id: `e${String(i).padStart(3, '0')}`,
    timeMs: 1_000_000 + i * 1000,
    // 5 distinct values, the rare one only at the very end.
    value: i >= 495 ? 'rare' : `v${i % 4}`,
  }));
  const pick = (order: typeof events): ReturnType<EvidenceSelector['pick']> => {
    const s = new EvidenceSelector();
    for (const e of order) s.offer({ ...e, item: e }, sampleOf);
    return s.pick();
  };

  it('keeps the first and last events, one event per distinct value, and spreads the rest over time', () => {
    const { eventIds, samples } = pick(events);
    expect(eventIds).toHaveLength(MAX_EVIDENCE_IDS);
    expect(eventIds[0]).toBe('e000');
    expect(eventIds.at(-1)).toBe('e499');
    // The earliest event of each value: v0..v3 are e000..e003, the rare value's is e495.
    for (const id of ['e001', 'e002', 'e003', 'e495']) expect(eventIds).toContain(id);
    // Spread: no stretch of a fifth of the window is left without evidence.
    const times = eventIds.map((id) => Number(id.slice(1)));
    for (let i = 1; i < times.length; i++)
      expect((times[i] as number) - (times[i - 1] as number)).toBeLessThanOrEqual(100);
    // Samples: the two ends, and a chosen event between them.
    const sampled = samples.map((s) => s.eventId);
    expect(sampled).toHaveLength(3);
    expect([sampled[0], sampled[2]]).toEqual(['e000', 'e499']);
    expect(eventIds).toContain(sampled[1]);
  });

  it('chooses the same evidence whatever order the events arrive in', () => {
    const want = pick(events);
    for (const seed of [1, 2, 3, 4, 5]) expect(pick(shuffled(events, seed))).toEqual(want);
    expect(pick([...events].reverse())).toEqual(want);
  });

  it('settling mid-stream (samples made, events let go) changes nothing it picks', () => {
    for (const order of [events, [...events].reverse(), shuffled(events, 7)]) {
      const s = new EvidenceSelector();
      order.forEach((e, i) => {
        s.offer({ ...e, item: e }, sampleOf);
        if (i % 37 === 0) s.settle();
      });
      expect(s.pick()).toEqual(pick(order));
    }
  });

  it('makes few samples: only the ends and the three spread events of smallest hash keep one', () => {
    // Samples are made when an event enters the three smallest hashes (about 3 ln n times in any order) and when
    // the ends settle; the pool of 24 spread events used to sample each one it admitted.
    const many = Array.from({ length: 10_000 }, (_, i) => ({
      id: `m${i}`,
      timeMs: 5_000_000 + i,
      value: '',
    }));
    for (const order of [many, shuffled(many, 3)]) {
      let made = 0;
      const s = new EvidenceSelector();
      for (const e of order)
        s.offer({ ...e, item: e }, (x) => {
          made++;
          return sampleOf(x);
        });
      expect(made).toBeGreaterThan(0);
      expect(made).toBeLessThan(60);
      const { samples } = s.pick();
      expect(samples.map((x) => x.eventId)).toHaveLength(3);
    }
  });

  it('keeps every event of a small incident', () => {
    const { eventIds, samples } = pick(shuffled(events.slice(0, 4), 9));
    expect(eventIds).toEqual(['e000', 'e001', 'e002', 'e003']);
    expect(samples).toHaveLength(3);
  });
});

describe('a burst finding cites the attack, not the set-up', () => {
  // Stratus Red Team's secretsmanager-retrieve-secrets detonation: 20 GetSecretValue calls on 20 secrets within
  // 5 seconds. Before it, the same principal read one of those secrets 12 times over six minutes (copies of one
  // real record with fresh ids and times: an application reading its own secret).
  const detonation = loadDataset<{ stratus_technique: string }>('stratus_red_team_detonations')
    .filter((r) => r.label.stratus_technique.includes('retrieve-secret') && r.event.name === 'GetSecretValue')
    .map((r) => r.event);
  const base = detonation[0] as TrailEvent;
  const setup = Array.from({ length: 12 }, (_, i) => {
    const r = normalizeRecord({
      ...base.raw,
      eventID: `setup-${i}`,
      eventTime: new Date(Date.parse('2024-07-31T12:30:00Z') + i * 30_000).toISOString(),
    });
    return r.event as TrailEvent;
  });
  const all = [...setup, ...detonation];

  const run = async (events: readonly TrailEvent[]) => {
    const d = await createDetector(
      testConfig({}, { start: '2024-07-31T12:00:00Z', end: '2024-07-31T13:00:00Z' }),
      { logger: silentLogger, clock: fixedClock() },
    );
    for (const e of events) d.observe(e);
    return d.finish().findings.find((f) => f.ruleId === 'TS-SEC-001');
  };

  it('lists first and last, and nearly every distinct secret read, in any arrival order', async () => {
    expect(detonation).toHaveLength(20);
    const f = await run(all);
    expect(f?.count).toBe(32);
    const ids = f?.evidence.eventIds ?? [];
    expect(ids).toHaveLength(MAX_EVIDENCE_IDS);
    expect(ids[0]).toBe('setup-0');
    const attack = new Set(detonation.map((e) => e.id));
    // The attack's own events make most of the evidence: only the first set-up read (and the one read of the
    // secret whose earliest event is a set-up read) stand for the set-up.
    expect(ids.filter((id) => attack.has(id)).length).toBeGreaterThanOrEqual(18);
    const latest = [...detonation].sort((a, b) => b.timeMs - a.timeMs || (a.id < b.id ? 1 : -1))[0];
    expect(ids).toContain(latest?.id);
    for (const seed of [11, 12, 13]) {
      const g = await run(shuffled(all, seed));
      expect(g?.count).toBe(f?.count);
      expect(g?.evidence).toEqual(f?.evidence);
    }
  });
});
