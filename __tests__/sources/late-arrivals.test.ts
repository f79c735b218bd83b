import { describe, expect, it } from '@jest/globals';
import { LateArrivals } from '../../src/sources/late-arrivals.js';

const ms = (hhmm: string): number => Date.parse(`2026-12-04T${hhmm}:00Z`);
const key = (hhmm: string, n = 'a'): string =>
  `AWSLogs/123456789012/CloudTrail/us-east-1/2026/12/04/123456789012_CloudTrail_us-east-1_20261204T${hhmm.replace(':', '')}Z_${n}.json.gz`;

describe('LateArrivals', () => {
  it('catches nothing on a first run, and records what it listed for the next', () => {
    const first = new LateArrivals(undefined, ms('05:14'));
    expect(first.active).toBe(false);
    expect(first.observe(key('06:10'), ms('06:10'))).toBe(false);
    expect(first.observe(key('06:15'), ms('06:15'))).toBe(false);
    // Only deliveries within 30 min of the newest are remembered by key: older ones were surely visible.
    expect(first.observe(key('05:30'), ms('05:30'))).toBe(false);
    expect(first.record(new Date(ms('06:14')))).toEqual({
      version: 1,
      windowEnd: '2026-12-04T06:14:00.000Z',
      since: '2026-12-04T05:45:00.000Z',
      keys: [key('06:10'), key('06:15')],
    });
  });

  it('flags an object the previous run would have listed but did not, and counts its late events', () => {
    const first = new LateArrivals(undefined, ms('05:14'));
    first.observe(key('06:10'), ms('06:10'));
    first.observe(key('06:15'), ms('06:15'));
    const next = new LateArrivals(first.record(new Date(ms('06:14'))), ms('06:14'));
    expect(next.active).toBe(true);
    expect(next.observe(key('06:10'), ms('06:10'))).toBe(false); // listed last time
    expect(next.observe(key('06:15'), ms('06:15'))).toBe(false);
    expect(next.observe(key('05:30'), ms('05:30'))).toBe(false); // long before: the last run saw it
    expect(next.observe(key('06:16', 'b'), ms('06:16'))).toBe(true); // delivered after it listed
    expect(next.observe(key('06:12', 'c'), ms('06:12'))).toBe(true); // not there when it listed
    expect(next.observe(key('06:17'), undefined)).toBe(false); // no LastModified: not judged
    next.add(3);
    next.add(0);
    next.add(2);
    expect({ events: next.events, objects: next.objects }).toEqual({ events: 5, objects: 2 });
  });

  it('keeps the record small on a busy archive', () => {
    const run = new LateArrivals(undefined, ms('00:00'));
    const t0 = ms('00:00');
    for (let i = 0; i < 50_000; i++) run.observe(`k/${i}`, t0 + i * 1_000);
    const r = run.record(new Date(t0));
    // 30 min of one object a second, and only the newest ones.
    expect(r.keys.length).toBe(1_801);
    expect(r.keys).toContain('k/49999');
    expect(r.keys).not.toContain('k/48197');
  });
});
