/** Activity statistics on real records, and the bounded top-k sketch. */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { StatsCollector, TopK } from '../../src/detect/stats.js';
import { ev, loadDataset } from './helpers.js';

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
