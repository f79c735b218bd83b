import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openEventStream } from '../../src/sources/index.js';
import { buildLakeQuery, parsePresto, rowToRecord, sqlString } from '../../src/sources/lake.js';
import { normalizeRecord } from '../../src/sources/normalize.js';
import { TWIN_EVENT_DATA_STORE_ID } from '../../twin/services/cloudtrail.js';
import { VirtualClock, deps, drain, notReadErrors, testConfig } from './helpers.js';
import { WINDOW, inWindow, twinFixture, windowEvents, type TwinFixture } from './twin-helpers.js';

const records = windowEvents(2100);
const expected = inWindow(records);
const STORE = `arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/${TWIN_EVENT_DATA_STORE_ID}`;
let fx: TwinFixture;
beforeAll(async () => {
  fx = await twinFixture({ events: records });
});
afterAll(async () => fx.close());

const config = (filters: Partial<ReturnType<typeof testConfig>['filters']> = {}, store = STORE) =>
  testConfig({
    window: { start: WINDOW.start, end: WINDOW.end },
    source: { kind: 'lake', eventDataStore: store } as never,
    filters,
  });

describe('lake source against the twin', () => {
  it('runs one query for the window, polls it, reads every result page and rebuilds each record', async () => {
    expect(expected.length).toBeGreaterThan(1000);
    const d = deps({ clients: fx.clients(), tuning: { lakePollMs: 50 } });
    const stream = openEventStream(config(), d);
    const events = await drain(stream);
    expect(events.map((e) => e.id).sort()).toEqual(expected.map((r) => r.eventID).sort());
    expect(stream.reports()[0]).toMatchObject({
      source: 'lake',
      complete: true,
      eventsRead: expected.length,
      pages: 2,
    });
    // Polling slept on the injected clock, with backoff.
    expect(d.clock.sleeps.length).toBeGreaterThan(0);
    // The rebuilt record normalises to the same principal, region, account and time as the original.
    const byId = new Map(expected.map((r) => [r.eventID, normalizeRecord(r).event]));
    for (const e of events) {
      const o = byId.get(e.id);
      expect({
        key: e.principal.key,
        region: e.region,
        account: e.account,
        timeMs: e.timeMs,
        name: e.name,
        readOnly: e.readOnly,
      }).toEqual({
        key: o?.principal.key,
        region: o?.region,
        account: o?.account,
        timeMs: o?.timeMs,
        name: o?.name,
        readOnly: o?.readOnly,
      });
    }
  });

  it('pushes the window, services, event names and read-only down into the SQL', async () => {
    const d = deps({ clients: fx.clients(), tuning: { lakePollMs: 1 } });
    const stream = openEventStream(config({ includeServices: ['iam'], includeReadOnly: false }), d);
    const events = await drain(stream);
    const want = expected.filter(
      (r) =>
        r.eventSource === 'iam.amazonaws.com' &&
        r.readOnly !== true &&
        normalizeRecord(r).event?.readOnly !== true,
    );
    expect(events).toHaveLength(want.length);
    // Lake filtered on the service; only the read-only filter ran locally.
    expect(stream.counts().filtered).toBe(
      expected.filter((r) => r.eventSource === 'iam.amazonaws.com').length - want.length,
    );
    expect(d.logger.lines.find((l) => l.message.startsWith('lake: SELECT'))?.message).toContain(
      "eventSource IN ('iam.amazonaws.com')",
    );
  });

  it('escapes values in SQL', async () => {
    const stream = openEventStream(
      config({ includeEvents: ["O'Brien', 'x"] }),
      deps({ clients: fx.clients(), tuning: { lakePollMs: 1 } }),
    );
    expect(await drain(stream)).toHaveLength(0);
    expect(stream.reports()[0]?.complete).toBe(true);
    expect(sqlString("a'b")).toBe("'a''b'");
    expect(
      buildLakeQuery(
        STORE,
        { startMs: Date.parse('2024-01-01T00:00:00Z'), endMs: Date.parse('2024-01-01T01:00:00.500Z') },
        { ...testConfig().filters, includeEvents: ['Delete*'] },
      ),
    ).toBe(
      `SELECT * FROM ${TWIN_EVENT_DATA_STORE_ID} WHERE eventTime >= '2024-01-01 00:00:00' AND eventTime < '2024-01-01 01:00:00.500' ORDER BY eventTime`,
    );
    expect(() => buildLakeQuery('x; DROP', { startMs: 0, endMs: 1 }, testConfig().filters)).toThrow(
      /event-data-store/,
    );
  });

  it('an unknown event data store fails the run with the setting to check', async () => {
    const stream = openEventStream(
      config({}, 'not-a-store'),
      deps({ clients: fx.clients(), tuning: { lakePollMs: 1 } }),
    );
    expect(await notReadErrors(stream)).toMatch(/Check `event-data-store`/);
    expect(stream.reports()).toEqual([
      expect.objectContaining({
        scope: 'not-a-store',
        location: 'not-a-store',
        complete: false,
        coverage: 'not-read',
      }),
    ]);
    expect(stream.reports()[0]?.errors.join()).toMatch(
      /not-a-store: not read: no such event data store \(EventDataStoreNotFoundException\) in us-east-1/,
    );
  });

  it("a window past the store's retention is not read; one straddling it is partial", async () => {
    const DAY = 86_400_000;
    const now = Date.now();
    const at = (daysAgo: number) => new Date(now - daysAgo * DAY);
    const shape = records[0] as Record<string, unknown>;
    // One event inside the 2,557-day retention, one just past it (the store no longer holds it).
    const kept = { ...shape, eventID: 'kept-1', eventTime: at(2550).toISOString() };
    const gone = { ...shape, eventID: 'gone-1', eventTime: at(2565).toISOString() };
    const old = await twinFixture({ events: [kept, gone] });
    try {
      const run = (start: Date, end: Date) => {
        const stream = openEventStream(
          testConfig({ window: { start, end }, source: { kind: 'lake', eventDataStore: STORE } as never }),
          deps({ clients: old.clients(), clock: new VirtualClock(now), tuning: { lakePollMs: 1 } }),
        );
        return { stream, events: drain(stream) };
      };
      const past = run(at(2600), at(2560));
      await expect(past.events).rejects.toThrow(/its only scope was there to read/);
      expect(past.stream.reports()[0]?.errors.join()).toMatch(
        /not read: the window ends before the oldest event the store keeps/,
      );
      expect(past.stream.reports()[0]).toMatchObject({ coverage: 'not-read', complete: false });
      const straddling = run(at(2570), at(2540));
      expect((await straddling.events).map((e) => e.id)).toEqual(['kept-1']);
      const [r] = straddling.stream.reports();
      expect(r).toMatchObject({ coverage: 'partial', complete: false, eventsRead: 1 });
      expect(r?.errors.join()).toMatch(/was not read: it is past the store's 2557-day retention/);
    } finally {
      await old.close();
    }
  });

  it('reads the Presto rendering the service uses for struct columns', () => {
    const rec = rowToRecord([
      { eventTime: '2024-02-01 00:00:01.000' },
      { eventName: 'AssumeRole' },
      {
        useridentity:
          '{type=AssumedRole, principalid=AROA:me, arn=arn:aws:sts::123456789012:assumed-role/Deploy/me, sessioncontext={sessionissuer={type=Role, arn=arn:aws:iam::123456789012:role/Deploy, username=Deploy}, attributes={mfaauthenticated=false}}}',
      },
      { readOnly: 'false' },
      {
        resources:
          '[{accountid=123456789012, type=AWS::IAM::Role, arn=arn:aws:iam::123456789012:role/Deploy}]',
      },
    ]);
    const e = normalizeRecord(rec).event;
    expect(e).toMatchObject({
      name: 'AssumeRole',
      readOnly: false,
      time: '2024-02-01T00:00:01Z',
      principal: { key: 'arn:aws:iam::123456789012:role/Deploy', mfaAuthenticated: false },
    });
    expect(e?.resources).toEqual([
      { arn: 'arn:aws:iam::123456789012:role/Deploy', type: 'AWS::IAM::Role', accountId: '123456789012' },
    ]);
    expect(parsePresto('{a=1, b={c=null}, d=[x, y]}')).toEqual({ a: '1', b: {}, d: ['x', 'y'] });
  });
});
