/** Activity statistics on real records, and the bounded top-k sketch. */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { SyntheticVolume } from '../../bench/synthetic.js';
import { StatsCollector, TopK, type StatsOptions } from '../../src/detect/stats.js';
import { normalizeRecord } from '../../src/sources/normalize.js';
import type { TrailEvent } from '../../src/types.js';
import { DATASETS, ev, loadDataset } from './helpers.js';
import { ReferenceStatsCollector, ReferenceTopK } from './stats-reference.js';

describe('statistics on the Stratus detonations', () => {
  const events = loadDataset('stratus_red_team_detonations').map((r) => r.event);
  const s = new StatsCollector();
  for (const e of events) s.observe(e);
  const r = s.result();

  it('counts every event and ranks event names, services and principals', () => {
    expect(r.totalEvents).toBe(310);
    expect(r.topEventNames[0]).toEqual({ key: 'DescribeInstanceInformation', count: 112 });
    expect(r.topServices.map((x) => x.key)).toContain('ec2');
    expect(r.topServices.reduce((a, x) => a + x.count, 0)).toBeLessThanOrEqual(310);
    expect(r.regions.length).toBeGreaterThan(3);
    expect(r.accounts.length).toBeGreaterThan(3);
    expect(r.topUserAgents[0]?.key).toMatch(/stratus-red-team/);
    expect(r.approximate).toBe(false);
  });

  it('counts errors and AccessDenied, overall and per principal', () => {
    const denied = events.filter((e) => /AccessDenied|UnauthorizedOperation/.test(e.errorCode ?? '')).length;
    expect(r.errors.accessDenied).toBe(denied);
    expect(r.errors.total).toBe(events.filter((e) => e.errorCode).length);
    const pwd = r.principals.find((p) => p.principal.includes('ec2-get-password-data-role'));
    expect(pwd).toMatchObject({ type: 'AssumedRole', events: 30, errors: 30, accessDenied: 30 });
  });

  it('counts console logins with and without MFA, read/write and hourly buckets', () => {
    expect(r.consoleLogins).toEqual({ success: 1, failure: 0, withMfa: 0, withoutMfa: 1, root: 0 });
    expect(r.readOnly.read + r.readOnly.write + r.readOnly.unknown).toBe(310);
    expect(r.hourly.reduce((a, h) => a + h.count, 0)).toBe(310);
    const hours = r.hourly.map((h) => h.hour);
    expect([...hours].sort()).toEqual(hours);
    expect(hours[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:00:00Z$/);
  });
});

describe('TopK (Space-Saving)', () => {
  it('is exact below k and keeps heavy hitters above it, flagging approximation', () => {
    const t = new TopK(10);
    for (let i = 0; i < 5; i++) t.add('a');
    t.add('b');
    expect(t.top(2)).toEqual([
      { key: 'a', count: 5 },
      { key: 'b', count: 1 },
    ]);
    expect(t.truncated).toBe(false);
    const big = new TopK(10);
    for (let i = 0; i < 10_000; i++) {
      big.add(`rare-${i}`);
      if (i % 10 === 0) big.add('heavy');
    }
    expect(big.size).toBe(10);
    expect(big.truncated).toBe(true);
    expect(big.top(1)[0]?.key).toBe('heavy');
    expect(big.top(1)[0]?.count).toBeGreaterThanOrEqual(1000);
  });

  it("counts a day of a busy trail exactly with the defaults: a few thousand addresses, every one a principal's", () => {
    const s = new StatsCollector();
    // 3,500 addresses, the first 20 called twice: above the old default of 1,000 counters, within today's.
    for (let i = 0; i < 3500; i++) {
      const ip = `198.51.${i >> 8}.${i & 255}`;
      s.observe(
        ev({
          sourceIPAddress: ip,
          userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::123456789012:user/u${i % 20}` },
        }),
      );
      if (i < 20) s.observe(ev({ sourceIPAddress: ip }));
    }
    const r = s.result();
    expect(r.approximate).toBe(false);
    expect(r.topSourceIps.slice(0, 20).every((x) => x.count === 2)).toBe(true);
    expect(r.topSourceIps).toHaveLength(20);
    const ips = r.principals.filter((p) => /user\/u\d+$/.test(p.principal)).map((p) => p.sourceIps);
    expect(ips.reduce((a, n) => a + n, 0)).toBe(3500);
  });

  it('marks the statistics approximate when a table was truncated', () => {
    const s = new StatsCollector({ k: 5 });
    for (let i = 0; i < 20; i++) s.observe(ev({ sourceIPAddress: `192.0.2.${i}` }));
    const r = s.result();
    expect(r.approximate).toBe(true);
    expect(r.topSourceIps.length).toBe(5);
  });

  it('keeps exactly the counters of the plain algorithm (scan for the oldest smallest), however keys arrive', () => {
    // The reference: Space-Saving with a linear scan, evicting the oldest of the smallest counters.
    const reference = (k: number, keys: string[]): Map<string, number> => {
      const counts = new Map<string, { n: number; seq: number }>();
      let seq = 0;
      for (const key of keys) {
        const c = counts.get(key);
        if (c) c.n++;
        else if (counts.size < k) counts.set(key, { n: 1, seq: seq++ });
        else {
          let min: [string, { n: number; seq: number }] | undefined;
          for (const e of counts)
            if (!min || e[1].n < min[1].n || (e[1].n === min[1].n && e[1].seq < min[1].seq)) min = e;
          if (!min) continue;
          counts.delete(min[0]);
          counts.set(key, { n: min[1].n + 1, seq: seq++ });
        }
      }
      return new Map([...counts].map(([key, c]) => [key, c.n]));
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(
          fc.integer({ min: 0, max: 30 }).map((i) => `k${i}`),
          { maxLength: 300 },
        ),
        (k, keys) => {
          const t = new TopK(k);
          for (const key of keys) t.add(key);
          const got = new Map(t.top(k).map((e) => [e.key, e.count]));
          expect(got).toEqual(reference(k, keys));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('the current collector against the reference (the collector before exact counting)', () => {
  const same = (events: readonly TrailEvent[], opts: Partial<StatsOptions>): boolean => {
    const ref = new ReferenceStatsCollector(opts);
    const cur = new StatsCollector(opts);
    for (const e of events) {
      ref.observe(e);
      cur.observe(e);
    }
    const want = ref.result();
    expect(cur.result()).toEqual(want);
    return want.approximate;
  };
  const datasets = readdirSync(DATASETS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const all = datasets.flatMap((d) => loadDataset(d).map((r) => r.event));

  it('gives the same statistics on every shared dataset, within k and truncated', () => {
    expect(datasets.length).toBeGreaterThanOrEqual(5);
    for (const d of datasets)
      expect(
        same(
          loadDataset(d).map((r) => r.event),
          {},
        ),
      ).toBe(false);
    expect(same(all, {})).toBe(false);
    // Small tables: every top-k table and the per-principal accounting evict on the same records.
    expect(same(all, { k: 4, top: 10, maxPrincipals: 3, maxPerPrincipal: 2 })).toBe(true);
    expect(same(all, { k: 1, top: 3, maxPrincipals: 1, maxPerPrincipal: 1 })).toBe(true);
  });

  it('gives the same statistics on synthetic volume that overflows every table many times', () => {
    const vol = new SyntheticVolume({ events: 30_000, principals: 400, sourceIps: 300 });
    const events: TrailEvent[] = [];
    for (const chunk of vol.chunks(5_000))
      for (const rec of chunk) {
        const r = normalizeRecord(rec);
        if (r.event) events.push(r.event);
      }
    expect(events.length).toBe(30_000);
    expect(same(events, { k: 50, top: 30, maxPrincipals: 40, maxPerPrincipal: 5 })).toBe(true);
    expect(same(events, { k: 200, top: 200, maxPrincipals: 100, maxPerPrincipal: 20 })).toBe(true);
    // Per-principal sets far from their cap, while the tables they are noted against start evicting midway.
    expect(same(events, { k: 150, top: 60, maxPrincipals: 500, maxPerPrincipal: 10_000 })).toBe(true);
    expect(same(events, { k: 20, top: 60, maxPrincipals: 500, maxPerPrincipal: 10_000 })).toBe(true);
    expect(same(events, {})).toBe(false);
  });

  it('keeps exactly the counters of the reference TopK under weighted adds (aggregate counts)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 9 })), {
          maxLength: 300,
        }),
        (k, adds) => {
          const cur = new TopK(k);
          const ref = new ReferenceTopK(k);
          for (const [i, n] of adds) {
            cur.add(`k${i}`, n);
            ref.add(`k${i}`, n);
          }
          expect(cur.top(k + 1)).toEqual(ref.top(k + 1));
          expect(cur.size).toBe(ref.size);
          expect(cur.truncated).toBe(ref.truncated);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('TopK guarantees when truncated', () => {
  it('keeps every key above total/k, never underestimates, overestimates by at most total/k, holds k counters', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        // Skewed keys: a few heavy ones among many rare ones, as in a trail.
        fc.array(
          fc.double({ min: 0, max: 1, noNaN: true }).map((u) => `k${Math.floor(u ** 3 * 200)}`),
          { minLength: 1, maxLength: 2_000 },
        ),
        (k, keys) => {
          const t = new TopK(k);
          const exact = new Map<string, number>();
          for (const key of keys) {
            t.add(key);
            exact.set(key, (exact.get(key) ?? 0) + 1);
          }
          const kept = new Map(t.top(k).map((e) => [e.key, e.count]));
          expect(kept.size).toBe(Math.min(k, exact.size));
          expect(t.truncated).toBe(exact.size > k);
          const bound = keys.length / k;
          for (const [key, n] of exact) if (n > bound) expect(kept.has(key)).toBe(true);
          for (const [key, c] of kept) {
            const n = exact.get(key) ?? 0;
            expect(c).toBeGreaterThanOrEqual(n);
            expect(c - n).toBeLessThanOrEqual(bound);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
