import { spawn } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { parseCredentialScope, type RunningTwin } from '../../twin/server.js';
import { clientConfig, control, fixture, startTestTwin } from './helpers.js';

let twin: RunningTwin;
beforeAll(async () => {
  twin = await startTestTwin();
});
afterAll(async () => {
  await twin.close();
});

describe('control API', () => {
  it('loads events (replace or append) and reset restores the start state', async () => {
    const lines = fixture('awsdocs-userguide-examples').map((e) => JSON.stringify(e));
    expect(await control(twin.url, 'POST', '/_twin/events', lines.slice(0, 5).join('\n'))).toMatchObject({
      loaded: 5,
      total: 5,
    });
    expect(
      await control(twin.url, 'POST', '/_twin/events?mode=append', lines.slice(5).join('\n')),
    ).toMatchObject({ total: 21 });
    expect(await control(twin.url, 'GET', '/_twin/events')).toMatchObject({ count: 21 });
    await control(twin.url, 'POST', '/_twin/faults', {
      operation: 'LookupEvents',
      kind: 'throttle',
      times: 2,
    });
    expect(((await control(twin.url, 'GET', '/_twin/faults')).faults as unknown[]).length).toBe(1);
    await control(twin.url, 'POST', '/_twin/reset');
    expect(await control(twin.url, 'GET', '/_twin/events')).toMatchObject({ count: 0 });
    expect(await control(twin.url, 'GET', '/_twin/faults')).toEqual({ faults: [] });
  });

  it('rejects unknown fault kinds and unknown routes with JSON errors', async () => {
    const bad = await fetch(`${twin.url}/_twin/faults`, {
      method: 'POST',
      body: JSON.stringify({ operation: 'X', kind: 'boom' }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('fault.kind');
    const unknown = await fetch(`${twin.url}/_twin/nothing`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/json');
  });

  it('applies latency and timeout faults to any operation', async () => {
    const s3 = new S3Client({ ...clientConfig(twin.url), forcePathStyle: true });
    await control(twin.url, 'POST', '/_twin/faults', {
      operation: 'GetObject',
      kind: 'timeout',
      latencyMs: 10,
    });
    const dropped = await s3
      .send(new GetObjectCommand({ Bucket: 'twin-batch', Key: 'k' }))
      .catch((e: unknown) => e as Error);
    // The connection is dropped without an answer: no S3 error code, and no HTTP status.
    expect(
      (dropped as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode,
    ).toBeUndefined();
    await control(twin.url, 'POST', '/_twin/faults', {
      operation: 'GetObject',
      kind: 'latency',
      latencyMs: 20,
    });
    const after = await s3
      .send(new GetObjectCommand({ Bucket: 'twin-batch', Key: 'k' }))
      .catch((e: unknown) => e as Error);
    expect((after as Error).name).toBe('NoSuchKey');
    expect(await control(twin.url, 'GET', '/_twin/faults')).toEqual({ faults: [] });
    s3.destroy();
  });

  it('reads the SigV4 credential scope', () => {
    expect(
      parseCredentialScope(
        'AWS4-HMAC-SHA256 Credential=AKIAX/20240101/eu-west-1/cloudtrail/aws4_request, SignedHeaders=host, Signature=abc',
        null,
      ),
    ).toEqual({ accessKeyId: 'AKIAX', region: 'eu-west-1', service: 'cloudtrail' });
    expect(parseCredentialScope(undefined, 'AKIAY/20240101/us-east-1/s3/aws4_request')).toMatchObject({
      service: 's3',
    });
    expect(parseCredentialScope(undefined, null)).toBeUndefined();
  });
});

describe('npm run twin', () => {
  it('loads .jsonl and .json.gz files, prints TWIN_READY, serves them, and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'twin-'));
    const docs = fixture('awsdocs-userguide-examples');
    writeFileSync(
      join(dir, 'a.jsonl'),
      docs
        .slice(0, 10)
        .map((e) => JSON.stringify(e))
        .join('\n'),
    );
    writeFileSync(join(dir, 'b.json.gz'), gzipSync(JSON.stringify({ Records: docs.slice(10) })));
    const child = spawn(
      process.execPath,
      [
        'node_modules/tsx/dist/cli.mjs',
        'twin/main.ts',
        '--port',
        '0',
        '--events',
        join(dir, 'a.jsonl'),
        '--events',
        join(dir, 'b.json.gz'),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /^TWIN_READY (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
        if (m) resolve(m[1] as string);
      });
      child.on('exit', () => reject(new Error(`exited before ready: ${out}`)));
    });
    try {
      expect(await control(url, 'GET', '/_twin/events')).toMatchObject({ count: 21 });
      const ct = new CloudTrailClient(clientConfig(url, undefined, 'us-east-2'));
      const r = await ct.send(new LookupEventsCommand({}));
      expect(r.Events?.length).toBe(docs.filter((d) => d.awsRegion === 'us-east-2').length);
      ct.destroy();
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
