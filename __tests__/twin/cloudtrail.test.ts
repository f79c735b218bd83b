import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  CloudTrailClient,
  DescribeQueryCommand,
  GetEventDataStoreCommand,
  GetQueryResultsCommand,
  LookupEventsCommand,
  StartQueryCommand,
  type LookupEventsCommandInput,
  type Event,
} from '@aws-sdk/client-cloudtrail';
import { TWIN_EVENT_DATA_STORE_ID } from '../../twin/services/cloudtrail.js';
import type { RunningTwin } from '../../twin/server.js';
import {
  CapturingHandler,
  clientConfig,
  control,
  fixture,
  startTestTwin,
  syntheticCopies,
} from './helpers.js';
import { COMMON_ERRORS, SmithyModel } from './smithy.js';

const model = new SmithyModel('cloudtrail-2013-11-01.json');
const docs = fixture('awsdocs-userguide-examples');
// 120 copies of a real record's shape in us-west-2, one minute apart: more than two default pages.
const volume = syntheticCopies(docs[10] as Record<string, unknown>, 120, {
  start: '2024-03-01T00:00:00Z',
  region: 'us-west-2',
  eventName: (i) => (i % 4 === 0 ? 'StopLogging' : 'StartLogging'),
});

let twin: RunningTwin;
const handler = new CapturingHandler();
const clients: CloudTrailClient[] = [];

function client(region = 'us-east-1'): CloudTrailClient {
  const c = new CloudTrailClient(clientConfig(twin.url, handler, region));
  clients.push(c);
  return c;
}

beforeAll(async () => {
  twin = await startTestTwin({ events: [...docs, ...volume] });
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await twin.close();
});
beforeEach(async () => {
  await control(twin.url, 'POST', '/_twin/reset');
});

async function lookupAll(
  c: CloudTrailClient,
  input: LookupEventsCommandInput,
): Promise<{ events: Event[]; pages: number }> {
  const events: Event[] = [];
  let pages = 0;
  let token: string | undefined;
  do {
    const out = await c.send(new LookupEventsCommand({ ...input, ...(token ? { NextToken: token } : {}) }));
    pages++;
    expectWireConforms('LookupEvents');
    events.push(...(out.Events ?? []));
    token = out.NextToken;
  } while (token);
  return { events, pages };
}

function expectWireConforms(op: string): void {
  const raw = JSON.parse(handler.last().body.toString('utf8')) as unknown;
  expect(model.checkJson(model.outputShapeId(op), raw)).toEqual([]);
}

async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).name;
  }
  throw new Error('expected an error');
}

function expectDeclared(op: string, code: string): void {
  expect({ code, declared: model.declaredErrors(op).has(code) || COMMON_ERRORS.has(code) }).toEqual({
    code,
    declared: true,
  });
}

describe('LookupEvents', () => {
  it('reads every page (50 per page by default), newest first, in the region the client calls', async () => {
    const { events, pages } = await lookupAll(client('us-west-2'), {});
    expect(pages).toBe(3);
    expect(events).toHaveLength(120);
    const times = events.map((e) => (e.EventTime as Date).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(new Set(events.map((e) => e.EventId)).size).toBe(120);
    const first = events[0] as Event;
    expect(first.EventTime).toBeInstanceOf(Date);
    expect(JSON.parse(first.CloudTrailEvent as string)).toMatchObject({
      eventID: first.EventId,
      awsRegion: 'us-west-2',
    });
    expect(first).toMatchObject({
      EventSource: 'cloudtrail.amazonaws.com',
      Username: 'Mary_Major',
      ReadOnly: 'false',
    });
    const east2 = await lookupAll(client('us-east-2'), {});
    expect(east2.events.map((e) => JSON.parse(e.CloudTrailEvent as string).awsRegion)).toEqual(
      docs.filter((d) => d.awsRegion === 'us-east-2').map(() => 'us-east-2'),
    );
  });

  it('rejects a NextToken reused with different parameters', async () => {
    const c = client('us-west-2');
    const first = await c.send(new LookupEventsCommand({ MaxResults: 10 }));
    expect(first.NextToken).toBeDefined();
    const changed = errorOf(
      c.send(
        new LookupEventsCommand({
          MaxResults: 10,
          NextToken: first.NextToken,
          LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'StopLogging' }],
        }),
      ),
    );
    expect(await changed).toBe('InvalidNextTokenException');
    expectDeclared('LookupEvents', 'InvalidNextTokenException');
    const otherRegion = await errorOf(
      client('us-east-1').send(new LookupEventsCommand({ NextToken: first.NextToken })),
    );
    expect(otherRegion).toBe('InvalidNextTokenException');
    const same = await c.send(new LookupEventsCommand({ MaxResults: 10, NextToken: first.NextToken }));
    expect(same.Events?.[0]?.EventId).not.toBe(first.Events?.[0]?.EventId);
  });

  it('filters by time window (inclusive) and by every lookup attribute key', async () => {
    const c = client('us-west-2');
    const window = await lookupAll(c, {
      StartTime: new Date('2024-03-01T00:10:00Z'),
      EndTime: new Date('2024-03-01T00:19:00Z'),
    });
    expect(window.events).toHaveLength(10);
    const byName = await lookupAll(c, {
      LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'StopLogging' }],
    });
    expect(byName.events).toHaveLength(30);
    const east = client('us-east-1');
    const cases: [
      NonNullable<LookupEventsCommandInput['LookupAttributes']>[number],
      (r: Record<string, unknown>) => boolean,
    ][] = [
      [
        { AttributeKey: 'EventId', AttributeValue: docs[1]?.eventID as string },
        (r) => r.eventID === docs[1]?.eventID,
      ],
      [
        { AttributeKey: 'EventSource', AttributeValue: 'iam.amazonaws.com' },
        (r) => r.eventSource === 'iam.amazonaws.com',
      ],
      [{ AttributeKey: 'ReadOnly', AttributeValue: 'false' }, (r) => r.readOnly === false],
      [
        { AttributeKey: 'Username', AttributeValue: 'anaya' },
        (r) => (r.userIdentity as { userName?: string }).userName === 'anaya',
      ],
      [
        { AttributeKey: 'Username', AttributeValue: 'root' },
        (r) => (r.userIdentity as { type?: string }).type === 'Root',
      ],
      [
        { AttributeKey: 'AccessKeyId', AttributeValue: 'EXAMPLE' },
        (r) => (r.userIdentity as { accessKeyId?: string }).accessKeyId === 'EXAMPLE',
      ],
    ];
    for (const [attr, pred] of cases) {
      const expected = docs.filter((d) => d.awsRegion === 'us-east-1' && pred(d)).map((d) => d.eventID);
      expect(expected.length).toBeGreaterThan(0);
      const got = await lookupAll(east, { LookupAttributes: [attr] });
      expect({ attr, ids: got.events.map((e) => e.EventId).sort() }).toEqual({
        attr,
        ids: [...expected].sort(),
      });
    }
    const resources = await lookupAll(c, {
      LookupAttributes: [{ AttributeKey: 'ResourceType', AttributeValue: 'AWS::CloudTrail::Trail' }],
    });
    expect(resources.events).toHaveLength(120);
    const trailName = (resources.events[0]?.Resources ?? [])[0]?.ResourceName as string;
    const byResource = await lookupAll(c, {
      LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: trailName }],
    });
    expect(byResource.events).toHaveLength(120);
  });

  it('validates MaxResults, the time range and the attribute list with the modelled errors', async () => {
    const c = client();
    const cases: [LookupEventsCommandInput, string][] = [
      [{ MaxResults: 51 }, 'InvalidMaxResultsException'],
      [{ StartTime: new Date('2024-02-01'), EndTime: new Date('2024-01-01') }, 'InvalidTimeRangeException'],
      [
        {
          LookupAttributes: [
            { AttributeKey: 'EventName', AttributeValue: 'a' },
            { AttributeKey: 'EventName', AttributeValue: 'b' },
          ],
        },
        'InvalidLookupAttributesException',
      ],
    ];
    for (const [input, code] of cases) {
      expect(await errorOf(c.send(new LookupEventsCommand(input)))).toBe(code);
      expectDeclared('LookupEvents', code);
    }
  });

  it('enforces the per-region rate with ThrottlingException, each region counted apart', async () => {
    const slow = await startTestTwin({ events: volume, lookupRatePerSecond: 2 });
    try {
      const west = new CloudTrailClient(clientConfig(slow.url, undefined, 'us-west-2'));
      const east = new CloudTrailClient(clientConfig(slow.url, undefined, 'us-east-1'));
      const results = await Promise.allSettled(
        Array.from({ length: 5 }, () => west.send(new LookupEventsCommand({ MaxResults: 1 }))),
      );
      const throttled = results.filter((r) => r.status === 'rejected');
      expect(throttled.length).toBeGreaterThanOrEqual(3);
      for (const r of throttled)
        expect((r as PromiseRejectedResult).reason).toMatchObject({ name: 'ThrottlingException' });
      await expect(east.send(new LookupEventsCommand({ MaxResults: 1 }))).resolves.toBeDefined();
      west.destroy();
      east.destroy();
    } finally {
      await slow.close();
    }
  });

  it('honours injected faults: throttled three times, then served', async () => {
    await control(twin.url, 'POST', '/_twin/faults', {
      operation: 'LookupEvents',
      kind: 'throttle',
      times: 3,
    });
    const c = client('us-west-2');
    for (let i = 0; i < 3; i++)
      expect(await errorOf(c.send(new LookupEventsCommand({})))).toBe('ThrottlingException');
    expect((await c.send(new LookupEventsCommand({}))).Events).toHaveLength(50);
    await control(twin.url, 'POST', '/_twin/faults', {
      operation: 'LookupEvents',
      kind: 'error',
      status: 503,
    });
    const err = await c
      .send(new LookupEventsCommand({}))
      .catch((e: unknown) => e as { $metadata: { httpStatusCode: number } });
    expect((err as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(503);
  });
});

describe('LookupEvents returns what event history holds', () => {
  const kinds = fixture('event-kinds');
  const ids = (prefix: string): string[] =>
    kinds.map((r) => r.eventID as string).filter((id) => id.startsWith(prefix));
  const window = { StartTime: new Date('2024-05-06T10:00:00Z'), EndTime: new Date('2024-05-06T11:00:00Z') };

  beforeEach(async () => {
    await control(
      twin.url,
      'POST',
      '/_twin/events?mode=append',
      kinds.map((r) => JSON.stringify(r)).join('\n'),
    );
  });

  it('management events only: never data or network activity events, marked or (older records) not', async () => {
    expect(ids('kind-data-').length).toBeGreaterThanOrEqual(8);
    expect(ids('kind-network-').length).toBeGreaterThanOrEqual(2);
    const { events } = await lookupAll(client('us-east-1'), window);
    expect(events.map((e) => e.EventId).sort()).toEqual(ids('kind-mgmt-').sort());
    // Filtering by an attribute cannot bring a data event back.
    const s3 = await lookupAll(client('us-east-1'), {
      ...window,
      LookupAttributes: [{ AttributeKey: 'EventSource', AttributeValue: 's3.amazonaws.com' }],
    });
    expect(s3.events.map((e) => e.EventName)).toEqual(['PutBucketPolicy']);
  });

  it('Insights events only with EventCategory insight, looked up by the keys Insights allows', async () => {
    const c = client('us-east-1');
    const insights = await lookupAll(c, { ...window, EventCategory: 'insight' });
    expect(insights.events.map((e) => [e.EventId, e.EventName, e.EventSource])).toEqual([
      ['kind-insight-18', 'RunInstances', 'ec2.amazonaws.com'],
    ]);
    const byName = await lookupAll(c, {
      ...window,
      EventCategory: 'insight',
      LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'RunInstances' }],
    });
    expect(byName.events).toHaveLength(1);
    expect(
      await errorOf(
        c.send(
          new LookupEventsCommand({
            EventCategory: 'insight',
            LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'root' }],
          }),
        ),
      ),
    ).toBe('InvalidLookupAttributesException');
  });

  it('a region the account has not enabled rejects the credentials, as AWS does', async () => {
    const name = await errorOf(client('ap-east-1').send(new LookupEventsCommand(window)));
    expect(name).toBe('UnrecognizedClientException');
    expectDeclared('LookupEvents', 'UnrecognizedClientException');
  });
});

describe('CloudTrail Lake', () => {
  async function runQuery(
    c: CloudTrailClient,
    sql: string,
    pageSize?: number,
  ): Promise<Record<string, string>[][]> {
    const { QueryId } = await c.send(new StartQueryCommand({ QueryStatement: sql }));
    expectWireConforms('StartQuery');
    let status = 'QUEUED';
    const seen: string[] = [];
    while (status !== 'FINISHED') {
      const d = await c.send(new DescribeQueryCommand({ QueryId }));
      expectWireConforms('DescribeQuery');
      status = d.QueryStatus as string;
      seen.push(status);
      if (seen.length > 10) throw new Error(`query never finished: ${seen.join(',')}`);
    }
    expect(seen).toEqual(['RUNNING', 'FINISHED']);
    const rows: Record<string, string>[][] = [];
    let token: string | undefined;
    do {
      const r = await c.send(
        new GetQueryResultsCommand({
          QueryId,
          ...(token ? { NextToken: token } : {}),
          ...(pageSize ? { MaxQueryResults: pageSize } : {}),
        }),
      );
      expectWireConforms('GetQueryResults');
      rows.push(...((r.QueryResultRows ?? []) as Record<string, string>[][]));
      token = r.NextToken;
    } while (token);
    return rows;
  }

  it('answers the supported SQL subset, paged, with rows as lists of column maps', async () => {
    const c = client();
    const sql = `SELECT eventID, eventName, eventTime FROM ${TWIN_EVENT_DATA_STORE_ID}
      WHERE eventTime >= '2024-03-01 00:00:00' AND eventTime < '2024-03-01 01:00:00'
      AND eventSource IN ('cloudtrail.amazonaws.com') AND eventName IN ('StopLogging') AND readOnly = false
      ORDER BY eventTime`;
    const rows = await runQuery(c, sql, 7);
    expect(rows).toHaveLength(15);
    expect(rows[0]).toEqual([
      { eventID: '00000000-0000-4000-8000-000000000000' },
      { eventName: 'StopLogging' },
      { eventTime: '2024-03-01 00:00:00.000' },
    ]);
    const ids = rows.map((r) => (r[0] as Record<string, string>).eventID);
    expect([...ids].sort()).toEqual(ids);
  });

  it('GetEventDataStore describes the one store (by ID or ARN) in the modelled shape, and no other', async () => {
    const c = client();
    const out = await c.send(new GetEventDataStoreCommand({ EventDataStore: TWIN_EVENT_DATA_STORE_ID }));
    expectWireConforms('GetEventDataStore');
    expect(out).toMatchObject({ Status: 'ENABLED', RetentionPeriod: 2557 });
    expect(out.CreatedTimestamp).toBeInstanceOf(Date);
    const byArn = await c.send(new GetEventDataStoreCommand({ EventDataStore: out.EventDataStoreArn }));
    expect(byArn.Name).toBe(out.Name);
    const unknown = await errorOf(
      c.send(new GetEventDataStoreCommand({ EventDataStore: '11111111-2222-3333-4444-555555555555' })),
    );
    expect(unknown).toBe('EventDataStoreNotFoundException');
    expectDeclared('GetEventDataStore', unknown);
  });

  it('rejects unsupported SQL and unknown event data stores with the real errors', async () => {
    const c = client();
    const bad = await errorOf(
      c.send(new StartQueryCommand({ QueryStatement: `DELETE FROM ${TWIN_EVENT_DATA_STORE_ID}` })),
    );
    expect(bad).toBe('InvalidQueryStatementException');
    expectDeclared('StartQuery', bad);
    const unknown = await errorOf(
      c.send(
        new StartQueryCommand({
          QueryStatement:
            "SELECT eventID FROM 11111111-2222-3333-4444-555555555555 WHERE eventTime >= '2024-01-01 00:00:00'",
        }),
      ),
    );
    expect(unknown).toBe('EventDataStoreNotFoundException');
    expectDeclared('StartQuery', unknown);
    const missing = await errorOf(
      c.send(new DescribeQueryCommand({ QueryId: '00000000-0000-4000-8000-000000000000' })),
    );
    expect(missing).toBe('QueryIdNotFoundException');
    expectDeclared('DescribeQuery', missing);
  });
});
