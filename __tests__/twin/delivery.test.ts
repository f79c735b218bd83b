/**
 * The twin's delivery delay (`POST /_twin/delivery`): an event shows in LookupEvents, Lake and the trail archive
 * only `delayMinutes` after its time, by the twin's clock (injected here, so nothing waits on real time).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  CloudTrailClient,
  DescribeQueryCommand,
  GetQueryResultsCommand,
  LookupEventsCommand,
  StartQueryCommand,
} from '@aws-sdk/client-cloudtrail';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { gunzipSync } from 'node:zlib';
import type { RunningTwin } from '../../twin/server.js';
import { TWIN_EVENT_DATA_STORE_ID } from '../../twin/services/cloudtrail.js';
import { clientConfig, control, fixture, startTestTwin, syntheticCopies } from './helpers.js';

// Ten copies of a real record's shape, one minute apart from 06:10 (synthetic times, real shape).
const events = syntheticCopies(fixture('awsdocs-userguide-examples')[10] as Record<string, unknown>, 10, {
  start: '2026-12-04T06:10:00Z',
  region: 'us-east-1',
});
const at = (hhmmss: string): number => Date.parse(`2026-12-04T${hhmmss}Z`);

let twin: RunningTwin;
let nowMs = at('06:30:00');
let cloudtrail: CloudTrailClient;
let s3: S3Client;

beforeAll(async () => {
  twin = await startTestTwin({ events, now: () => nowMs });
  cloudtrail = new CloudTrailClient(clientConfig(twin.url));
  s3 = new S3Client({ ...clientConfig(twin.url), forcePathStyle: true });
});
afterAll(async () => {
  cloudtrail.destroy();
  s3.destroy();
  await twin.close();
});
beforeEach(async () => {
  nowMs = at('06:30:00');
  await control(twin.url, 'POST', '/_twin/reset');
});

async function lookupIds(): Promise<string[]> {
  const out = await cloudtrail.send(
    new LookupEventsCommand({ StartTime: new Date(at('06:00:00')), EndTime: new Date(at('07:00:00')) }),
  );
  return (out.Events ?? []).map((e) => e.EventId ?? '').sort();
}

async function archive(): Promise<{ key: string; lastModified: number; eventTimes: string[] }[]> {
  const list = await s3.send(
    new ListObjectsV2Command({ Bucket: 'twin-cloudtrail', Prefix: 'AWSLogs/123456789012/CloudTrail/' }),
  );
  const out = [];
  for (const o of list.Contents ?? []) {
    const body = await s3.send(new GetObjectCommand({ Bucket: 'twin-cloudtrail', Key: o.Key }));
    const doc = JSON.parse(gunzipSync(await body.Body!.transformToByteArray()).toString('utf8')) as {
      Records: { eventTime: string }[];
    };
    out.push({
      key: o.Key ?? '',
      lastModified: o.LastModified?.getTime() ?? NaN,
      eventTimes: doc.Records.map((r) => r.eventTime),
    });
  }
  return out;
}

async function lakeCount(): Promise<number> {
  const { QueryId } = await cloudtrail.send(
    new StartQueryCommand({ QueryStatement: `SELECT eventID FROM ${TWIN_EVENT_DATA_STORE_ID}` }),
  );
  for (let i = 0; i < 5; i++) {
    const d = await cloudtrail.send(new DescribeQueryCommand({ QueryId }));
    if (d.QueryStatus === 'FINISHED') break;
  }
  const r = await cloudtrail.send(new GetQueryResultsCommand({ QueryId }));
  return r.QueryResultRows?.length ?? 0;
}

describe('delivery delay', () => {
  it('without a delay, every event is there at once (the default)', async () => {
    nowMs = at('06:00:00'); // before any event happened
    expect(await control(twin.url, 'GET', '/_twin/delivery')).toMatchObject({ delayMinutes: 0 });
    expect(await lookupIds()).toHaveLength(10);
    expect((await archive()).flatMap((o) => o.eventTimes)).toHaveLength(10);
  });

  it('shows each event in LookupEvents, Lake and the archive only delayMinutes after its time', async () => {
    const set = await control(twin.url, 'POST', '/_twin/delivery', { delayMinutes: 2 });
    // At 06:30 everything (06:10 .. 06:19) is long delivered.
    expect(set).toMatchObject({ delayMinutes: 2, loaded: 10, delivered: 10 });

    nowMs = at('06:15:30'); // 06:10 .. 06:13 are delivered (time + 2 min <= 06:15:30)
    const ids = await lookupIds();
    expect(ids).toEqual(events.slice(0, 4).map((e) => e.eventID as string));
    expect(await lakeCount()).toBe(4);
    const objects = await archive();
    expect(objects.flatMap((o) => o.eventTimes).sort()).toEqual(
      events.slice(0, 4).map((e) => e.eventTime as string),
    );
    for (const o of objects) {
      // A file per delivery minute: LastModified is that minute, its key carries it, and it is 2 min after
      // every event it holds.
      const stamp = /_(\d{8}T\d{4})Z_/.exec(o.key)?.[1] ?? '';
      expect(new Date(o.lastModified).toISOString().replace(/[-:]/g, '').slice(0, 13)).toBe(stamp);
      for (const t of o.eventTimes) expect(o.lastModified - Date.parse(t)).toBeGreaterThanOrEqual(120_000);
      expect(o.lastModified).toBeLessThanOrEqual(nowMs);
    }

    nowMs = at('06:21:00'); // everything delivered
    expect(await lookupIds()).toHaveLength(10);
    expect((await archive()).flatMap((o) => o.eventTimes)).toHaveLength(10);
    expect(await control(twin.url, 'GET', '/_twin/delivery')).toMatchObject({ loaded: 10, delivered: 10 });
  });

  it('hides an undelivered object from GetObject too, and reset restores the start-up delay', async () => {
    await control(twin.url, 'POST', '/_twin/delivery', { delayMinutes: 5 });
    nowMs = at('06:30:00');
    const key = (await archive()).find((o) => o.eventTimes.includes('2026-12-04T06:19:00Z'))?.key ?? '';
    expect(key).not.toBe('');
    nowMs = at('06:23:00');
    const err = await s3
      .send(new GetObjectCommand({ Bucket: 'twin-cloudtrail', Key: key }))
      .catch((e: { name?: string }) => e.name);
    expect(err).toBe('NoSuchKey');
    await control(twin.url, 'POST', '/_twin/reset');
    expect(await control(twin.url, 'GET', '/_twin/delivery')).toMatchObject({ delayMinutes: 0 });
    expect(await lookupIds()).toHaveLength(10);
  });

  it('refuses a delay that is not a number of minutes from 0 to 1440', async () => {
    for (const bad of [-1, 1441, '5', null]) {
      const res = await fetch(`${twin.url}/_twin/delivery`, {
        method: 'POST',
        body: JSON.stringify({ delayMinutes: bad }),
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toMatch(/delayMinutes must be a number/);
    }
  });
});
