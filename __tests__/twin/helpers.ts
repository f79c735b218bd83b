import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { HttpResponse } from '@smithy/types';
import { parseEvents } from '../../twin/events.js';
import { startTwin, type RunningTwin, type StartTwinOptions } from '../../twin/server.js';

const here = dirname(fileURLToPath(import.meta.url));

/** Static credentials: the twin only reads the credential scope, it does not check signatures. */
export const CREDENTIALS = { accessKeyId: 'AKIATWINTEST00000000', secretAccessKey: 'twin-secret' };

/** Real CloudTrail records from `fixtures/` (see its README for provenance). */
export function fixture(
  name: 'awsdocs-userguide-examples' | 'panther-test-scenarios' | 'event-kinds',
): Record<string, unknown>[] {
  return parseEvents(readFileSync(join(here, 'fixtures', `${name}.jsonl`)));
}

/**
 * Volume for pagination tests: copies of one real record's shape with fresh event ids and times one minute apart
 * (synthetic volume, real shape).
 */
export function syntheticCopies(
  shape: Record<string, unknown>,
  count: number,
  opts: { start: string; region?: string; eventName?: (i: number) => string },
): Record<string, unknown>[] {
  const t0 = Date.parse(opts.start);
  return Array.from({ length: count }, (_, i) => ({
    ...shape,
    eventID: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    eventTime: new Date(t0 + i * 60_000).toISOString().replace('.000', ''),
    ...(opts.region ? { awsRegion: opts.region } : {}),
    ...(opts.eventName ? { eventName: opts.eventName(i) } : {}),
  }));
}

/** Starts a twin on a free port with a fast LookupEvents rate unless the test sets one. */
export function startTestTwin(opts: StartTwinOptions = {}): Promise<RunningTwin> {
  return startTwin({ port: 0, lookupRatePerSecond: 1000, batchStepMs: 1, ...opts });
}

export interface Captured {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  request: { method: string; path: string; headers: Record<string, string> };
}

/** An HTTP handler that records each raw response (body included) before the SDK parses it. */
export class CapturingHandler extends NodeHttpHandler {
  readonly captured: Captured[] = [];

  override async handle(
    request: Parameters<NodeHttpHandler['handle']>[0],
    options?: Parameters<NodeHttpHandler['handle']>[1],
  ): Promise<{ response: HttpResponse }> {
    const { response } = await super.handle(request, options);
    const chunks: Buffer[] = [];
    for await (const c of response.body as AsyncIterable<Buffer>) chunks.push(Buffer.from(c));
    const body = Buffer.concat(chunks);
    this.captured.push({
      status: response.statusCode,
      headers: response.headers,
      body,
      request: { method: request.method, path: request.path, headers: request.headers },
    });
    response.body = Readable.from(body.length ? [body] : []);
    return { response };
  }

  last(): Captured {
    const c = this.captured[this.captured.length - 1];
    if (!c) throw new Error('no response captured');
    return c;
  }
}

/** Client settings pointing an SDK client at the twin, one attempt so errors surface as they are. */
export function clientConfig(url: string, handler?: CapturingHandler, region = 'us-east-1') {
  return {
    endpoint: url,
    region,
    credentials: CREDENTIALS,
    maxAttempts: 1,
    ...(handler ? { requestHandler: handler } : {}),
  };
}

/** Calls the control API and returns its JSON. */
export async function control(
  url: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}${path}`, {
    method,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}
