import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import type { RunningTwin } from '../../twin/server.js';
import { CapturingHandler, clientConfig, control, fixture, startTestTwin } from './helpers.js';
import { COMMON_ERRORS, SmithyModel, parseXml } from './smithy.js';

const model = new SmithyModel('s3-2006-03-01.json');
let twin: RunningTwin;
let handler: CapturingHandler;
let s3: S3Client;

beforeAll(async () => {
  twin = await startTestTwin({ events: fixture('awsdocs-userguide-examples') });
  handler = new CapturingHandler();
  s3 = new S3Client({ ...clientConfig(twin.url, handler), forcePathStyle: true });
});
afterAll(async () => {
  s3.destroy();
  await twin.close();
});
beforeEach(async () => {
  await control(twin.url, 'POST', '/_twin/reset');
});

function expectXmlConforms(op: string): void {
  const c = handler.last();
  const root = parseXml(c.body.toString('utf8'));
  const output = model.shape(model.outputShapeId(op));
  const xmlName =
    (output.traits?.['smithy.api#xmlName'] as string | undefined) ?? model.outputShapeId(op).split('#')[1];
  expect(root.name).toBe(xmlName);
  expect(model.checkXml(model.outputShapeId(op), root)).toEqual([]);
}

function expectHeadersConform(op: string): void {
  const members = model.headerMembers(model.outputShapeId(op));
  const amz = Object.keys(handler.last().headers).filter(
    (h) => h.startsWith('x-amz-') && h !== 'x-amz-request-id',
  );
  for (const h of amz) {
    const known =
      members.has(h) || [...members.keys()].some((k) => k.endsWith('*') && h.startsWith(k.slice(0, -1)));
    expect({ header: h, known }).toEqual({ header: h, known: true });
  }
}

async function s3Error(p: Promise<unknown>): Promise<{ name: string; status: number | undefined }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected an error');
}

describe('S3 object operations with the real SDK', () => {
  it('round-trips an object sent with the default CRC32 checksum and aws-chunked encoding', async () => {
    const body = 'x'.repeat(70_000);
    await s3.send(new PutObjectCommand({ Bucket: 'twin-batch', Key: 'in/records.jsonl', Body: body }));
    const put = handler.last();
    // The SDK's default flexible checksum: without it this test would not exercise the framing it claims to.
    expect(
      put.request.headers['x-amz-sdk-checksum-algorithm'] ?? put.request.headers['x-amz-checksum-crc32'],
    ).toBeDefined();
    expectHeadersConform('PutObject');
    const got = await s3.send(new GetObjectCommand({ Bucket: 'twin-batch', Key: 'in/records.jsonl' }));
    expect(await got.Body?.transformToString()).toBe(body);
    expect(got.ContentLength).toBe(70_000);
    expectHeadersConform('GetObject');
  });

  it('decodes a streamed (aws-chunked) upload with trailers and rejects a wrong CRC32', async () => {
    const { Readable } = await import('node:stream');
    const payload = Buffer.from('{"recordId":"1"}\n'.repeat(500));
    await s3.send(
      new PutObjectCommand({
        Bucket: 'twin-batch',
        Key: 'stream.jsonl',
        Body: Readable.from([payload.subarray(0, 3000), payload.subarray(3000)]),
        ContentLength: payload.length,
      }),
    );
    expect(String(handler.last().request.headers['content-encoding'] ?? '')).toContain('aws-chunked');
    const got = await s3.send(new GetObjectCommand({ Bucket: 'twin-batch', Key: 'stream.jsonl' }));
    expect(
      Buffer.from(await (got.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray()),
    ).toEqual(payload);
    const bad = await fetch(`${twin.url}/twin-batch/bad`, {
      method: 'PUT',
      body: 'hello',
      headers: { 'x-amz-checksum-crc32': 'AAAAAA==' },
    });
    expect(bad.status).toBe(400);
    expect(parseXml(await bad.text()).children.find((c) => c.name === 'Code')?.text).toBe('BadDigest');
  });

  it('serves byte ranges and answers an unsatisfiable range with InvalidRange', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'twin-batch', Key: 'r.txt', Body: '0123456789' }));
    const mid = await s3.send(
      new GetObjectCommand({ Bucket: 'twin-batch', Key: 'r.txt', Range: 'bytes=2-5' }),
    );
    expect(await mid.Body?.transformToString()).toBe('2345');
    expect(mid.ContentRange).toBe('bytes 2-5/10');
    const tail = await s3.send(
      new GetObjectCommand({ Bucket: 'twin-batch', Key: 'r.txt', Range: 'bytes=-3' }),
    );
    expect(await tail.Body?.transformToString()).toBe('789');
    const err = await s3Error(
      s3.send(new GetObjectCommand({ Bucket: 'twin-batch', Key: 'r.txt', Range: 'bytes=20-' })),
    );
    expect(err).toEqual({ name: 'InvalidRange', status: 416 });
  });

  it('HeadObject reports size and metadata; missing keys and buckets give the modelled errors', async () => {
    await s3.send(
      new PutObjectCommand({
        Bucket: 'twin-batch',
        Key: 'h',
        Body: 'abc',
        Metadata: { origin: 'test' },
        ContentType: 'text/plain',
      }),
    );
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'twin-batch', Key: 'h' }));
    expect(head).toMatchObject({ ContentLength: 3, ContentType: 'text/plain', Metadata: { origin: 'test' } });
    expect(head.ETag).toBe('"900150983cd24fb0d6963f7d28e17f72"');
    expect(await s3Error(s3.send(new GetObjectCommand({ Bucket: 'twin-batch', Key: 'nope' })))).toEqual({
      name: 'NoSuchKey',
      status: 404,
    });
    expect(model.declaredErrors('GetObject')).toContain('NoSuchKey');
    expect(await s3Error(s3.send(new HeadObjectCommand({ Bucket: 'twin-batch', Key: 'nope' })))).toEqual({
      name: 'NotFound',
      status: 404,
    });
    expect(await s3Error(s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket', Key: 'k' })))).toEqual({
      name: 'NoSuchBucket',
      status: 404,
    });
    expect(model.declaredErrors('ListObjectsV2')).toContain('NoSuchBucket');
  });

  it('DeleteObject removes the object (and is idempotent, answering 204)', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'twin-batch', Key: 'd', Body: 'x' }));
    await s3.send(new DeleteObjectCommand({ Bucket: 'twin-batch', Key: 'd' }));
    expect(handler.last().status).toBe(204);
    await s3.send(new DeleteObjectCommand({ Bucket: 'twin-batch', Key: 'd' }));
    expect((await s3Error(s3.send(new GetObjectCommand({ Bucket: 'twin-batch', Key: 'd' })))).name).toBe(
      'NoSuchKey',
    );
  });

  it('conditional writes: If-None-Match * refuses to overwrite', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'twin-batch', Key: 'c', Body: 'one', IfNoneMatch: '*' }));
    const err = await s3Error(
      s3.send(new PutObjectCommand({ Bucket: 'twin-batch', Key: 'c', Body: 'two', IfNoneMatch: '*' })),
    );
    expect(err).toEqual({ name: 'PreconditionFailed', status: 412 });
  });
});

describe('ListObjectsV2', () => {
  beforeEach(async () => {
    for (let i = 0; i < 23; i++) {
      await s3.send(
        new PutObjectCommand({
          Bucket: 'twin-batch',
          Key: `p/${i % 3}/k${String(i).padStart(2, '0')}`,
          Body: 'x',
        }),
      );
    }
    await s3.send(new PutObjectCommand({ Bucket: 'twin-batch', Key: 'p/top', Body: 'x' }));
  });

  it('reads every page with continuation tokens, in key order, with KeyCount and IsTruncated', async () => {
    const keys: string[] = [];
    let pages = 0;
    for await (const page of paginateListObjectsV2(
      { client: s3, pageSize: 5 },
      { Bucket: 'twin-batch', Prefix: 'p/' },
    )) {
      pages++;
      expectXmlConforms('ListObjectsV2');
      expect(page.KeyCount).toBe(page.Contents?.length ?? 0);
      expect(page.IsTruncated).toBe(page.NextContinuationToken !== undefined);
      keys.push(...(page.Contents ?? []).map((c) => c.Key as string));
    }
    expect(keys).toHaveLength(24);
    expect(pages).toBe(5);
    expect([...keys].sort()).toEqual(keys);
  });

  it('folds keys under the delimiter into CommonPrefixes, counted in KeyCount and max-keys', async () => {
    const all = await s3.send(
      new ListObjectsV2Command({ Bucket: 'twin-batch', Prefix: 'p/', Delimiter: '/' }),
    );
    expectXmlConforms('ListObjectsV2');
    expect(all.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['p/0/', 'p/1/', 'p/2/']);
    expect(all.Contents?.map((c) => c.Key)).toEqual(['p/top']);
    expect(all.KeyCount).toBe(4);
    const first = await s3.send(
      new ListObjectsV2Command({ Bucket: 'twin-batch', Prefix: 'p/', Delimiter: '/', MaxKeys: 2 }),
    );
    expect(first.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['p/0/', 'p/1/']);
    expect(first.IsTruncated).toBe(true);
    const rest = await s3.send(
      new ListObjectsV2Command({
        Bucket: 'twin-batch',
        Prefix: 'p/',
        Delimiter: '/',
        ContinuationToken: first.NextContinuationToken,
      }),
    );
    expect(rest.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['p/2/']);
    expect(rest.Contents?.map((c) => c.Key)).toEqual(['p/top']);
    expect(rest.IsTruncated).toBe(false);
  });

  it('honours StartAfter and answers NoSuchBucket for an unknown bucket', async () => {
    const r = await s3.send(
      new ListObjectsV2Command({ Bucket: 'twin-batch', Prefix: 'p/2/', StartAfter: 'p/2/k14' }),
    );
    expect(r.Contents?.map((c) => c.Key)).toEqual(['p/2/k17', 'p/2/k20']);
    expect(r.StartAfter).toBe('p/2/k14');
    expect(await s3Error(s3.send(new ListObjectsV2Command({ Bucket: 'absent' })))).toEqual({
      name: 'NoSuchBucket',
      status: 404,
    });
  });
});

describe('the CloudTrail archive in twin-cloudtrail', () => {
  it('lays loaded events out as CloudTrail delivers them, gzipped, with digests beside them', async () => {
    const events = fixture('awsdocs-userguide-examples');
    const keys: string[] = [];
    for await (const page of paginateListObjectsV2(
      { client: s3 },
      { Bucket: 'twin-cloudtrail', Prefix: 'AWSLogs/' },
    )) {
      keys.push(...(page.Contents ?? []).map((c) => c.Key as string));
    }
    const logs = keys.filter((k) => k.includes('/CloudTrail/'));
    const digests = keys.filter((k) => k.includes('/CloudTrail-Digest/'));
    expect(digests.length).toBeGreaterThan(0);
    for (const k of logs) {
      expect(k).toMatch(
        /^AWSLogs\/(\d{12})\/CloudTrail\/([a-z0-9-]+)\/(\d{4})\/(\d{2})\/(\d{2})\/\1_CloudTrail_\2_\3\4\5T\d{4}Z_[A-Za-z0-9]{16}\.json\.gz$/,
      );
    }
    let total = 0;
    const ids = new Set<string>();
    for (const k of logs) {
      const obj = await s3.send(new GetObjectCommand({ Bucket: 'twin-cloudtrail', Key: k }));
      const doc = JSON.parse(
        gunzipSync(Buffer.from(await obj.Body!.transformToByteArray())).toString('utf8'),
      ) as {
        Records: { eventID?: string; awsRegion: string; eventTime: string }[];
      };
      const region = k.split('/')[3];
      for (const r of doc.Records) {
        expect(r.awsRegion).toBe(region);
        // Delivery is after the event, within the 5-minute interval that names the file.
        const stamp = /_(\d{8}T\d{4}Z)_/.exec(k)?.[1] as string;
        const delivered = Date.parse(
          `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:00Z`,
        );
        const t = Date.parse(r.eventTime);
        expect(delivered > t && delivered - t <= 5 * 60_000).toBe(true);
        if (r.eventID) ids.add(r.eventID);
      }
      total += doc.Records.length;
    }
    expect(total).toBe(events.filter((e) => typeof e.eventTime === 'string').length);
    expect(ids.size).toBe(new Set(events.map((e) => e.eventID).filter(Boolean)).size);
  });

  it('uses the organization layout when events are loaded with ?organization=', async () => {
    const body = fixture('awsdocs-userguide-examples')
      .map((e) => JSON.stringify(e))
      .join('\n');
    const r = await control(twin.url, 'POST', '/_twin/events?organization=o-abc1234567', body);
    expect(r.loaded).toBe(21);
    const list = await s3.send(
      new ListObjectsV2Command({ Bucket: 'twin-cloudtrail', Prefix: 'AWSLogs/', Delimiter: '/' }),
    );
    expect(list.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['AWSLogs/o-abc1234567/']);
    const accounts = await s3.send(
      new ListObjectsV2Command({
        Bucket: 'twin-cloudtrail',
        Prefix: 'AWSLogs/o-abc1234567/',
        Delimiter: '/',
      }),
    );
    expect(accounts.CommonPrefixes?.map((p) => p.Prefix)).toContain('AWSLogs/o-abc1234567/111122223333/');
  });
});

describe('S3 error shapes', () => {
  it('uses only error codes S3 declares or AWS lists as common', async () => {
    await control(twin.url, 'POST', '/_twin/faults', { operation: 'GetObject', kind: 'throttle', times: 1 });
    const throttled = await s3Error(s3.send(new GetObjectCommand({ Bucket: 'twin-batch', Key: 'x' })));
    expect(throttled).toEqual({ name: 'SlowDown', status: 503 });
    expect(COMMON_ERRORS.has(throttled.name)).toBe(true);
    await control(twin.url, 'POST', '/_twin/faults', {
      operation: 'PutObject',
      kind: 'access-denied',
      times: 1,
    });
    expect(
      await s3Error(s3.send(new PutObjectCommand({ Bucket: 'twin-batch', Key: 'x', Body: 'x' }))),
    ).toEqual({
      name: 'AccessDenied',
      status: 403,
    });
    // The fault was used up: the next call succeeds.
    await s3.send(new PutObjectCommand({ Bucket: 'twin-batch', Key: 'x', Body: 'x' }));
  });
});
