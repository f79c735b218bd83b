import { afterEach, describe, expect, it } from '@jest/globals';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { gzipSync } from 'node:zlib';
import { openEventStream } from '../../src/sources/index.js';
import { dateFolders, deliveryStampMs, fileMayOverlap } from '../../src/sources/s3-archive.js';
import { deps, drain, notReadErrors, testConfig } from './helpers.js';
import {
  ACCOUNTS,
  REGIONS,
  WINDOW,
  inWindow,
  twinFixture,
  windowEvents,
  type TwinFixture,
} from './twin-helpers.js';

const records = windowEvents(600);
const expected = inWindow(records);
const BUCKET = 'twin-cloudtrail';
let fx: TwinFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

const config = (
  over: { accounts?: string[]; regions?: string[]; organizationId?: string; trailBucket?: string } = {},
) =>
  testConfig({
    window: { start: WINDOW.start, end: WINDOW.end },
    source: {
      kind: 's3',
      trailBucket: over.trailBucket ?? BUCKET,
      accounts: over.accounts ?? [],
      regions: over.regions ?? [],
      ...(over.organizationId ? { organizationId: over.organizationId } : {}),
    } as never,
  });

async function archiveKeys(f: TwinFixture): Promise<string[]> {
  const res = await fetch(`${f.twin.url}/_twin/s3/objects?bucket=${BUCKET}&prefix=AWSLogs/`);
  return ((await res.json()) as { objects: { key: string }[] }).objects.map((o) => o.key);
}

describe('s3 archive source against the twin', () => {
  it('discovers every account and region and reads every log object of the window (crossing midnight and a month end)', async () => {
    fx = await twinFixture({ events: records });
    const d = deps({ clients: fx.clients() });
    const stream = openEventStream(config(), d);
    const events = await drain(stream);
    expect(events.map((e) => e.id).sort()).toEqual(expected.map((r) => r.eventID).sort());
    const reports = stream.reports();
    expect(reports.map((r) => r.scope).sort()).toEqual(
      ACCOUNTS.flatMap((a) => REGIONS.map((r) => `${a}/${r}`)).sort(),
    );
    expect(reports.every((r) => r.complete && r.errors.length === 0)).toBe(true);
    // Every log file that can hold events of the window was read, and no digest file.
    const keys = await archiveKeys(fx);
    const logs = keys.filter(
      (k) =>
        k.includes('/CloudTrail/') &&
        fileMayOverlap(k, { startMs: WINDOW.start.getTime(), endMs: WINDOW.end.getTime() }),
    );
    expect(keys.some((k) => k.includes('CloudTrail-Digest'))).toBe(true);
    expect(reports.reduce((n, r) => n + (r.objects ?? 0), 0)).toBe(logs.length);
    expect(keys.some((k) => k.includes('/2024/02/01/')) && keys.some((k) => k.includes('/2024/01/31/'))).toBe(
      true,
    );
    // Files carry neighbouring minutes: what fell outside the window is counted, not silently dropped.
    expect(stream.counts().outsideWindow).toBeGreaterThan(0);
  });

  it('reads objects in delivery order across accounts and regions, so events arrive close to time order', async () => {
    fx = await twinFixture({ events: records });
    // One object at a time: the order is the listing merge's alone.
    const stream = openEventStream(config(), deps({ clients: fx.clients(), tuning: { concurrency: 1 } }));
    const events = await drain(stream);
    expect(events.length).toBe(expected.length);
    // How far behind the newest event seen so far each event is: at most the minutes one log file spans, where
    // reading one account/region prefix's days after another's put hours between them.
    let newest = Number.NEGATIVE_INFINITY;
    let lag = 0;
    for (const e of events) {
      newest = Math.max(newest, e.timeMs);
      lag = Math.max(lag, newest - e.timeMs);
    }
    expect(lag).toBeLessThanOrEqual(15 * 60_000);
    expect(new Set(events.slice(0, 40).map((e) => `${e.account}/${e.region}`)).size).toBe(4);
  });

  it('reads the given accounts and regions only', async () => {
    fx = await twinFixture({ events: records });
    const stream = openEventStream(
      config({ accounts: ['222222222222'], regions: ['eu-west-1'] }),
      deps({ clients: fx.clients() }),
    );
    const events = await drain(stream);
    expect(events.length).toBe(
      expected.filter((r) => r.recipientAccountId === '222222222222' && r.awsRegion === 'eu-west-1').length,
    );
    expect(stream.reports().map((r) => r.scope)).toEqual(['222222222222/eu-west-1']);
  });

  it('reads the organisation layout, with organization-id given or found by listing', async () => {
    fx = await twinFixture({ events: records, organizationId: 'o-abc1234567' });
    expect((await archiveKeys(fx)).every((k) => k.startsWith('AWSLogs/o-abc1234567/'))).toBe(true);
    const given = openEventStream(
      config({ organizationId: 'o-abc1234567' }),
      deps({ clients: fx.clients() }),
    );
    expect(await drain(given)).toHaveLength(expected.length);
    const d = deps({ clients: fx.clients() });
    const found = openEventStream(config(), d);
    expect(await drain(found)).toHaveLength(expected.length);
    expect(d.logger.lines.some((l) => l.message.includes('organisation trail'))).toBe(true);
  });

  it('an event delivered in two overlapping files is yielded once', async () => {
    fx = await twinFixture({ events: records });
    const clients = fx.clients();
    const s3 = await clients.s3();
    const key = (await archiveKeys(fx)).find((k) =>
      k.includes('/CloudTrail/us-east-1/2024/02/01/'),
    ) as string;
    const obj = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    const body = Buffer.from(
      await (obj.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
    );
    const copy = key.replace(/_([A-Za-z0-9]{16})\.json\.gz$/, '_DUPLICATEDUPLICA.json.gz');
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: copy, Body: body }));
    const stream = openEventStream(config(), deps({ clients }));
    const events = await drain(stream);
    expect(events).toHaveLength(expected.length);
    expect(new Set(events.map((e) => e.id)).size).toBe(expected.length);
    expect(stream.counts().duplicates).toBeGreaterThan(0);
  });

  it('AccessDenied on one account prefix: that scope is incomplete, the others are read', async () => {
    fx = await twinFixture({ events: records });
    const clients = fx.clients();
    // A bucket policy denying one account's prefix, as S3 would answer it.
    (await clients.s3()).middlewareStack.add(
      (next, context) => async (args) => {
        const input = (args as { input: { Prefix?: string } }).input;
        if (
          context.commandName === 'ListObjectsV2Command' &&
          input.Prefix?.includes('/222222222222/CloudTrail/eu-west-1/')
        ) {
          throw Object.assign(new Error('Access Denied'), {
            name: 'AccessDenied',
            $metadata: { httpStatusCode: 403 },
          });
        }
        return next(args);
      },
      { step: 'initialize', name: 'denyOnePrefix' },
    );
    const d = deps({ clients });
    const stream = openEventStream(config(), d);
    const events = await drain(stream);
    const bad = stream.reports().filter((r) => !r.complete);
    expect(bad.map((r) => r.scope)).toEqual(['222222222222/eu-west-1']);
    expect(bad[0]?.errors.join()).toMatch(/access denied .*s3:ListBucket/);
    expect(events).toHaveLength(
      expected.filter((r) => !(r.recipientAccountId === '222222222222' && r.awsRegion === 'eu-west-1'))
        .length,
    );
    expect(d.logger.warnings().join()).toMatch(/222222222222\/eu-west-1/);
  });

  it('a corrupt object is skipped and reported; the rest of its scope is read', async () => {
    fx = await twinFixture({ events: records });
    const clients = fx.clients();
    const prefix = 'AWSLogs/111111111111/CloudTrail/us-east-1/2024/02/01/';
    const gz = gzipSync(JSON.stringify({ Records: [records[0]] }));
    await (
      await clients.s3()
    ).send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: `${prefix}111111111111_CloudTrail_us-east-1_20240201T0010Z_CORRUPTCORRUPTAB.json.gz`,
        Body: gz.subarray(0, gz.length - 12),
      }),
    );
    await (
      await clients.s3()
    ).send(new PutObjectCommand({ Bucket: BUCKET, Key: `${prefix}notes.txt`, Body: 'hello' }));
    const stream = openEventStream(
      config({ accounts: ['111111111111'], regions: ['us-east-1'] }),
      deps({ clients }),
    );
    const events = await drain(stream);
    const [r] = stream.reports();
    expect(r?.complete).toBe(false);
    expect(r?.skipped).toMatchObject({ 'object-corrupt-gzip': 1, 'object-not-a-log-file': 1 });
    expect(events).toHaveLength(
      expected.filter((x) => x.recipientAccountId === '111111111111' && x.awsRegion === 'us-east-1').length,
    );
  });

  it('an account the archive does not hold is not read: the run fails naming it and what the archive holds', async () => {
    fx = await twinFixture({ events: records });
    const d = deps({ clients: fx.clients() });
    const stream = openEventStream(config({ accounts: ['999999999999'] }), d);
    const said = await notReadErrors(stream);
    expect(said).toMatch(/999999999999: not read/);
    expect(said).toContain('holds accounts 111111111111, 222222222222, regions eu-west-1, us-east-1');
    const [r] = stream.reports();
    expect(r).toMatchObject({
      scope: '999999999999',
      complete: false,
      coverage: 'not-read',
      eventsRead: 0,
      location: 's3://twin-cloudtrail/AWSLogs/999999999999/CloudTrail/',
      archive: {
        root: 's3://twin-cloudtrail/AWSLogs/',
        accounts: ACCOUNTS,
        organizationIds: [],
        regions: ['eu-west-1', 'us-east-1'],
      },
    });
    expect(d.logger.warnings().join()).toMatch(/999999999999/);
  });

  it('a requested region the archive does not hold is not read; the regions it does hold are read', async () => {
    fx = await twinFixture({ events: records });
    const stream = openEventStream(
      config({ accounts: ['111111111111'], regions: ['us-east-1', 'ap-south-1'] }),
      deps({ clients: fx.clients() }),
    );
    const events = await drain(stream);
    expect(events).toHaveLength(
      expected.filter((x) => x.recipientAccountId === '111111111111' && x.awsRegion === 'us-east-1').length,
    );
    const byScope = Object.fromEntries(stream.reports().map((r) => [r.scope, r]));
    expect(byScope['111111111111/us-east-1']).toMatchObject({ complete: true, coverage: 'read' });
    expect(byScope['111111111111/ap-south-1']).toMatchObject({
      complete: false,
      coverage: 'not-read',
      location: 's3://twin-cloudtrail/AWSLogs/111111111111/CloudTrail/ap-south-1/',
    });
    expect(byScope['111111111111/ap-south-1']?.errors.join()).toMatch(
      /no CloudTrail log for region ap-south-1 of account 111111111111 on any day .* Check `regions`/,
    );
    expect(stream.truncated()).toBe(true);
  });

  it('a requested region one discovered account never used is no activity there, not a scope not read', async () => {
    // Account 222222222222 has logs in us-east-1 only; 111111111111 in both regions.
    fx = await twinFixture({
      events: records.filter(
        (r) => !(r.recipientAccountId === '222222222222' && r.awsRegion === 'eu-west-1'),
      ),
    });
    const stream = openEventStream(config({ regions: REGIONS }), deps({ clients: fx.clients() }));
    await drain(stream);
    const byScope = Object.fromEntries(stream.reports().map((r) => [r.scope, r.coverage]));
    expect(byScope).toEqual({
      '111111111111/us-east-1': 'read',
      '111111111111/eu-west-1': 'read',
      '222222222222/us-east-1': 'read',
      '222222222222/eu-west-1': 'no-activity',
    });
    expect(stream.truncated()).toBe(false);
  });

  it('an organization trail read with the wrong organization-id is not read, and the right one is named', async () => {
    fx = await twinFixture({ events: records, organizationId: 'o-abc1234567' });
    const stream = openEventStream(
      config({ organizationId: 'o-wrong00000' }),
      deps({ clients: fx.clients() }),
    );
    expect(await notReadErrors(stream)).toMatch(
      /o-wrong00000.*not read.*organization trail folder o-abc1234567/s,
    );
    expect(stream.reports()).toEqual([
      expect.objectContaining({
        coverage: 'not-read',
        location: 's3://twin-cloudtrail/AWSLogs/o-wrong00000/',
        archive: expect.objectContaining({ organizationIds: ['o-abc1234567'], accounts: ACCOUNTS }),
      }),
    ]);
  });

  it('a region quiet in the window (logs on other days) is read and reported as no activity', async () => {
    const weekEarlier = (r: Record<string, unknown>) => ({
      ...r,
      eventTime: new Date(Date.parse(r.eventTime as string) - 7 * 86_400_000).toISOString(),
    });
    fx = await twinFixture({
      events: records.map((r) => (r.awsRegion === 'eu-west-1' ? weekEarlier(r) : r)),
    });
    const stream = openEventStream(
      config({ accounts: ['111111111111'], regions: REGIONS }),
      deps({ clients: fx.clients() }),
    );
    const events = await drain(stream);
    expect(events.length).toBeGreaterThan(0);
    const byScope = Object.fromEntries(stream.reports().map((r) => [r.scope, r]));
    expect(byScope['111111111111/eu-west-1']).toMatchObject({
      complete: true,
      coverage: 'no-activity',
      eventsRead: 0,
      errors: [],
    });
    expect(byScope['111111111111/us-east-1']).toMatchObject({ complete: true, coverage: 'read' });
    expect(stream.truncated()).toBe(false);
  });

  it('an archive with no log object in the whole window is not read, not an empty window', async () => {
    const monthEarlier = records.map((r) => ({
      ...r,
      eventTime: new Date(Date.parse(r.eventTime as string) - 30 * 86_400_000).toISOString(),
    }));
    fx = await twinFixture({ events: monthEarlier });
    const stream = openEventStream(config(), deps({ clients: fx.clients() }));
    expect(await notReadErrors(stream)).toMatch(/no CloudTrail log object was delivered during the window/);
    expect(stream.reports()).toEqual([
      expect.objectContaining({
        scope: 's3://twin-cloudtrail/AWSLogs/',
        coverage: 'not-read',
        complete: false,
        archive: expect.objectContaining({ accounts: ACCOUNTS, regions: ['eu-west-1', 'us-east-1'] }),
      }),
    ]);
  });

  it('an empty bucket is not read: the run fails and says the bucket holds no account folders', async () => {
    fx = await twinFixture({ events: [] });
    const d = deps({ clients: fx.clients() });
    const stream = openEventStream(config(), d);
    expect(await notReadErrors(stream)).toMatch(/no account folders/);
    expect(stream.reports()[0]).toMatchObject({
      coverage: 'not-read',
      archive: { accounts: [], organizationIds: [], regions: [], topLevel: [] },
    });
    const listed = await (await fx.clients().s3()).send(new ListObjectsV2Command({ Bucket: BUCKET }));
    expect(listed.KeyCount ?? 0).toBe(0);
  });

  it('a missing bucket fails the run with the setting to check', async () => {
    fx = await twinFixture({ events: records });
    const stream = openEventStream(
      config({ trailBucket: 'no-such-bucket' }),
      deps({ clients: fx.clients() }),
    );
    await expect(drain(stream)).rejects.toThrow(/trail-bucket/);
  });
});

describe('archive layout helpers', () => {
  it('lists the window days plus one either side', () => {
    expect(dateFolders({ startMs: WINDOW.start.getTime(), endMs: WINDOW.end.getTime() })).toEqual([
      '2024/01/30/',
      '2024/01/31/',
      '2024/02/01/',
      '2024/02/02/',
    ]);
    expect(
      dateFolders({ startMs: Date.parse('2024-02-28T10:00:00Z'), endMs: Date.parse('2024-03-01T00:00:00Z') }),
    ).toEqual(['2024/02/27/', '2024/02/28/', '2024/02/29/', '2024/03/01/']);
  });
  it('reads the delivery stamp from log file names', () => {
    expect(
      deliveryStampMs(
        'AWSLogs/1/CloudTrail/us-east-1/2024/02/01/1_CloudTrail_us-east-1_20240201T0005Z_abc.json.gz',
      ),
    ).toBe(Date.parse('2024-02-01T00:05:00Z'));
    expect(deliveryStampMs('x.json.gz')).toBeUndefined();
  });
});
