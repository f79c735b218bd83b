import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { StageError } from '../../src/errors.js';
import { openEventStream } from '../../src/sources/index.js';
import { LOOKUP_PACING_MARGIN, LOOKUP_RATE_PER_SECOND } from '../../src/sources/lookup.js';
import { VirtualClock, deps, drain, notReadErrors, testConfig } from './helpers.js';
import { eventKind } from '../../twin/services/cloudtrail.js';
import { REGIONS, WINDOW, inWindow, twinFixture, windowEvents, type TwinFixture } from './twin-helpers.js';

const records = windowEvents();
// Event history holds management events only: the data events among the real shapes (S3 object calls, marked
// `managementEvent: false` or older ones unmarked) are never returned by LookupEvents; the s3 source reads them.
const expected = inWindow(records).filter((r) => eventKind(r) === 'management');
const dataEvents = inWindow(records).filter((r) => eventKind(r) === 'data');
let fx: TwinFixture;

beforeAll(async () => {
  fx = await twinFixture({ events: records });
});
afterAll(async () => fx.close());
beforeEach(async () => {
  await fetch(`${fx.twin.url}/_twin/faults`, { method: 'DELETE' });
});

const config = (over: { maxEvents?: number; regions?: string[] } = {}) =>
  testConfig({
    window: { start: WINDOW.start, end: WINDOW.end },
    source: { kind: 'lookup', regions: over.regions ?? REGIONS, maxEvents: over.maxEvents ?? 0 } as never,
  });

/** A clock the day after the window, well inside the 90 days LookupEvents keeps. */
const dayAfter = (): VirtualClock => new VirtualClock(Date.parse('2024-02-02T00:00:00Z'));

describe('lookup source against the twin', () => {
  it('reads every page of every region, in parallel, inside the window', async () => {
    const d = deps({
      clock: dayAfter(),
      clients: fx.clients(),
      tuning: { lookupRatePerSecond: 1000, progressEveryPages: 5 },
    });
    const stream = openEventStream(config(), d);
    const events = await drain(stream);
    expect(events.map((e) => e.id).sort()).toEqual(expected.map((r) => r.eventID).sort());
    expect(dataEvents.length).toBeGreaterThan(0);
    const dataIds = new Set(dataEvents.map((r) => r.eventID));
    expect(events.filter((e) => dataIds.has(e.id))).toEqual([]);
    for (const region of REGIONS) {
      const n = expected.filter((r) => r.awsRegion === region).length;
      expect(stream.reports().find((r) => r.scope === region)).toMatchObject({
        source: 'lookup',
        complete: true,
        eventsRead: n,
        pages: Math.ceil(n / 50),
      });
    }
    expect(stream.truncated()).toBe(false);
    expect(d.logger.lines.some((l) => /lookup us-east-1: \d+ events in 5 pages/.test(l.message))).toBe(true);
  });

  it('survives throttling with its own bounded, clock-driven backoff', async () => {
    await fx.fault('LookupEvents', 'throttle', 3);
    const d = deps({ clock: dayAfter(), clients: fx.clients(), tuning: { lookupRatePerSecond: 1000 } });
    const stream = openEventStream(config(), d);
    const events = await drain(stream);
    expect(events).toHaveLength(expected.length);
    expect(stream.reports().every((r) => r.complete)).toBe(true);
    // Three retries slept on the injected clock, each at least the 500 ms base.
    expect(d.clock.sleeps.filter((ms) => ms >= 500)).toHaveLength(3);
  });

  it('gives up on a region still throttled after the bounded attempts, and reports it as not read', async () => {
    await fx.fault('LookupEvents', 'throttle', 50);
    const d = deps({
      clock: dayAfter(),
      clients: fx.clients(),
      tuning: { lookupRatePerSecond: 1000, throttleAttempts: 3 },
    });
    const stream = openEventStream(config({ regions: ['us-east-1'] }), d);
    await expect(drain(stream)).rejects.toThrow(StageError);
    expect(stream.reports()[0]?.errors.join()).toMatch(/still throttled after 3 attempts/);
  });

  it('a denied region is reported not read while the other is read in full', async () => {
    await fx.fault('LookupEvents', 'access-denied', 1);
    const d = deps({ clock: dayAfter(), clients: fx.clients(), tuning: { lookupRatePerSecond: 1000 } });
    const stream = openEventStream(config(), d);
    const events = await drain(stream);
    const reports = stream.reports();
    const denied = reports.filter((r) => !r.complete);
    expect(denied).toHaveLength(1);
    expect(denied[0]?.errors.join()).toMatch(/access denied to cloudtrail:LookupEvents/);
    const other = reports.find((r) => r.complete);
    expect(events).toHaveLength(expected.filter((r) => r.awsRegion === other?.scope).length);
    expect(stream.truncated()).toBe(true);
    expect(d.logger.warnings().join()).toMatch(/access denied/);
  });

  it('a region not enabled for the account is not read; the enabled region is read in full', async () => {
    const d = deps({ clock: dayAfter(), clients: fx.clients(), tuning: { lookupRatePerSecond: 1000 } });
    const stream = openEventStream(config({ regions: ['us-east-1', 'me-south-1'] }), d);
    const events = await drain(stream);
    expect(events).toHaveLength(expected.filter((r) => r.awsRegion === 'us-east-1').length);
    const byScope = Object.fromEntries(stream.reports().map((r) => [r.scope, r]));
    expect(byScope['us-east-1']).toMatchObject({ complete: true, coverage: 'read' });
    expect(byScope['me-south-1']).toMatchObject({ complete: false, coverage: 'not-read', eventsRead: 0 });
    expect(byScope['me-south-1']?.errors.join()).toMatch(
      /me-south-1: not read: .*UnrecognizedClientException.*not enabled for this account.*`regions`/,
    );
    expect(stream.truncated()).toBe(true);
    expect(d.logger.warnings().join()).toMatch(/me-south-1/);
  });

  it('a window past the 90 days of event history is not read; one reaching past them is partial', async () => {
    const later = (days: number) => new VirtualClock(WINDOW.end.getTime() + days * 86_400_000);
    const past = openEventStream(
      config({ regions: ['us-east-1'] }),
      deps({ clock: later(91), clients: fx.clients() }),
    );
    expect(await notReadErrors(past)).toMatch(
      /not read: the window ends before the 90 days LookupEvents keeps/,
    );
    expect(past.reports()[0]).toMatchObject({ coverage: 'not-read', complete: false, eventsRead: 0 });
    // 89.9 days after the window's end: its first hours are past the 90 days (the twin, kinder than AWS, still
    // returns them; the report does not count on it).
    const straddling = openEventStream(
      config({ regions: ['us-east-1'] }),
      deps({ clock: later(89.95), clients: fx.clients(), tuning: { lookupRatePerSecond: 1000 } }),
    );
    await drain(straddling);
    const [r] = straddling.reports();
    expect(r).toMatchObject({ coverage: 'partial', complete: false });
    expect(r?.errors.join()).toMatch(
      /the window before .* was not read: it is past the 90 days LookupEvents keeps/,
    );
  });

  it('fails the run with the permission to check when every region is denied', async () => {
    await fx.fault('LookupEvents', 'access-denied', 2);
    const stream = openEventStream(
      config(),
      deps({ clock: dayAfter(), clients: fx.clients(), tuning: { lookupRatePerSecond: 1000 } }),
    );
    await expect(drain(stream)).rejects.toThrow(/cloudtrail:LookupEvents/);
  });

  it('max-events truncation is reported as not read', async () => {
    const stream = openEventStream(
      config({ maxEvents: 120 }),
      deps({ clock: dayAfter(), clients: fx.clients(), tuning: { lookupRatePerSecond: 1000 } }),
    );
    await drain(stream);
    expect(stream.counts().read).toBe(120);
    expect(stream.truncated()).toBe(true);
    expect(stream.reports().some((r) => !r.complete && r.errors.some((e) => e.includes('max-events')))).toBe(
      true,
    );
  });

  it('holds each region to 2 requests per second on the injected clock', async () => {
    const d = deps({ clock: dayAfter(), clients: fx.clients() });
    const start = d.clock.ms;
    const stream = openEventStream(config({ regions: ['eu-west-1'] }), d);
    await drain(stream);
    const pages = stream.reports()[0]?.pages ?? 0;
    expect(pages).toBeGreaterThan(5);
    // The first request goes at once, every later one a little more than 500 ms after the previous: just under
    // the quota (the margin absorbs arrival jitter), never above it.
    const gap = 1000 / (LOOKUP_RATE_PER_SECOND / (1 + LOOKUP_PACING_MARGIN));
    expect(gap).toBeGreaterThan(500);
    expect(gap).toBeLessThan(560);
    expect(d.clock.ms - start).toBeCloseTo((pages - 1) * gap, 3);
    expect(d.clock.sleeps.every((ms) => Math.abs(ms - gap) < 1e-6)).toBe(true);
  });
});
