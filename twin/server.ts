import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BATCH_BUCKET, TRAIL_BUCKET, parseEvents, writeTrailArchive, type TrailRecord } from './events.js';
import { deliveredEvents, deliveryControl, parseDelay, refreshDelivered } from './delivery.js';
import { errorResponse, faultError, jsonResponse, type Protocol } from './protocol.js';
import { MemoryFaultPlan, MemoryObjectStore } from './state.js';
import { MODEL_BEHAVIOURS } from './model.js';
import { athenaHandler } from './services/athena.js';
import { batchQuotas } from './services/bedrock.js';
import { cloudtrailHandler } from './services/cloudtrail.js';
import { githubHandler } from './services/github.js';
import { glueHandler } from './services/glue.js';
import { oidcControl } from './services/oidc.js';
import { s3Handler } from './services/s3.js';
import { securityHubHandler } from './services/securityhub.js';
import { snsHandler } from './services/sns.js';
import { stsHandler } from './services/sts.js';
import type {
  Fault,
  FaultKind,
  ModelBehaviour,
  ServiceHandler,
  TwinContext,
  TwinRequest,
  TwinResponse,
} from './types.js';

export const TWIN_ACCOUNT = '123456789012';
export const TWIN_REGION = 'us-east-1';

export interface StartTwinOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: '127.0.0.1';
  /** CloudTrail records served by LookupEvents, the trail archive and Lake. */
  events?: Record<string, unknown>[];
  /** LookupEvents requests per second per region; AWS allows 2. */
  lookupRatePerSecond?: number;
  /** Milliseconds per batch job status step. */
  batchStepMs?: number;
  /** Writes the trail archive in the organization layout `AWSLogs/<org-id>/<account>/…`. */
  organizationId?: string;
  /** Minutes from an event's time to its delivery (twin/delivery.ts); 0, the default: at once. */
  deliveryDelayMinutes?: number;
  /** The twin's clock in epoch ms, which decides what is delivered (tests pass their virtual clock). */
  now?: () => number;
  /** The account the twin's credentials belong to (default 123456789012), for real records of another account. */
  account?: string;
}

export interface RunningTwin {
  url: string;
  port: number;
  ctx: TwinContext;
  close(): Promise<void>;
}

const GENERIC_FAULTS: ReadonlySet<FaultKind> = new Set([
  'throttle',
  'error',
  'latency',
  'access-denied',
  'timeout',
  'secondary-rate-limit',
]);
const FAULT_KINDS: ReadonlySet<string> = new Set<FaultKind>([
  'throttle',
  'error',
  'latency',
  'access-denied',
  'timeout',
  'job-failed',
  'job-expired',
  'job-stopped',
  'job-partial',
  'missing-output',
  'corrupt-output',
  'missing-manifest',
  'secondary-rate-limit',
]);
const BEHAVIOURS: ReadonlySet<string> = new Set<ModelBehaviour>(MODEL_BEHAVIOURS);

/** Part B's Bedrock handlers, loaded if present so the core twin also runs without them. */
async function loadOptionalHandlers(): Promise<ServiceHandler[]> {
  const out: ServiceHandler[] = [];
  for (const [file, name] of [
    ['./services/bedrock.js', 'bedrockHandler'],
    ['./services/bedrock-runtime.js', 'bedrockRuntimeHandler'],
  ] as const) {
    try {
      const mod = (await import(file)) as Record<string, unknown>;
      const h = mod[name];
      if (h && typeof h === 'object') out.push(h as ServiceHandler);
    } catch (err) {
      if (!isModuleNotFound(err)) throw err;
    }
  }
  return out;
}

function isModuleNotFound(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

/** Starts the twin on a loopback port: every emulated service, the GitHub API under `/github`, the control API under `/_twin/`. */
export async function startTwin(opts: StartTwinOptions = {}): Promise<RunningTwin> {
  const host = opts.host ?? '127.0.0.1';
  const initial = {
    events: [...(opts.events ?? [])],
    lookupRatePerSecond: opts.lookupRatePerSecond ?? 2,
    batchStepMs: opts.batchStepMs ?? 20,
    organizationId: opts.organizationId,
    deliveryDelayMinutes: parseDelay(opts.deliveryDelayMinutes ?? 0),
  };
  const now = opts.now ?? Date.now;
  const store = new MemoryObjectStore(now);
  const ctx: TwinContext = {
    account: opts.account ?? TWIN_ACCOUNT,
    region: TWIN_REGION,
    baseUrl: '',
    store,
    faults: new MemoryFaultPlan(),
    model: { behaviour: 'diligent' },
    events: [],
    lookupRatePerSecond: initial.lookupRatePerSecond,
    batchStepMs: initial.batchStepMs,
    loadedEvents: [],
    deliveryDelayMinutes: initial.deliveryDelayMinutes,
    now,
  };
  // B's handlers come before S3, which takes every request no other service claims.
  const handlers: ServiceHandler[] = [
    cloudtrailHandler,
    stsHandler,
    snsHandler,
    securityHubHandler,
    athenaHandler,
    glueHandler,
    ...(await loadOptionalHandlers()),
    s3Handler,
  ];

  function reset(): void {
    store.clear();
    ctx.faults.clear();
    ctx.model.behaviour = 'diligent';
    ctx.lookupRatePerSecond = initial.lookupRatePerSecond;
    ctx.batchStepMs = initial.batchStepMs;
    ctx.deliveryDelayMinutes = initial.deliveryDelayMinutes;
    delete ctx.batchQuotas;
    for (const h of [...handlers, githubHandler]) h.reset?.(ctx);
    loadEvents(ctx, initial.events, { append: false, organizationId: initial.organizationId });
  }
  reset();

  const server = createServer((req, res) => {
    void serve(req, res);
  });
  // Node closes an idle keep-alive socket after 5 s; a client that sends on it at that instant gets a reset, and the
  // tests' clients do not retry (maxAttempts 1). On a loaded machine that race failed runs at random, so the twin
  // keeps idle sockets open until it is closed (close() ends them all).
  server.keepAliveTimeout = 10 * 60_000;
  server.headersTimeout = 10 * 60_000 + 1_000;

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let treq: TwinRequest;
    try {
      treq = await readRequest(req);
    } catch {
      res.destroy();
      return;
    }
    let response: TwinResponse | 'drop';
    try {
      response = await dispatch(treq);
    } catch (err) {
      response = jsonResponse(500, {
        error: 'TwinInternalError',
        message: err instanceof Error ? (err.stack ?? err.message) : String(err),
      });
    }
    if (response === 'drop') {
      req.socket.destroy();
      return;
    }
    const body =
      response.body === undefined
        ? Buffer.alloc(0)
        : typeof response.body === 'string'
          ? Buffer.from(response.body, 'utf8')
          : response.body;
    const headers: Record<string, string> = { ...(response.headers ?? {}) };
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) {
      headers['content-length'] = String(body.length);
    }
    res.writeHead(response.status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  async function dispatch(req: TwinRequest): Promise<TwinResponse | 'drop'> {
    if (req.path === '/_twin' || req.path.startsWith('/_twin/')) return control(req);
    refreshDelivered(ctx);
    if (req.path === '/github' || req.path.startsWith('/github/'))
      return withFaults(githubHandler, req, 'github');
    const bySigned = req.signedService
      ? handlers.find((h) => h.name === req.signedService && h.matches(req))
      : undefined;
    const handler = bySigned ?? handlers.find((h) => h.matches(req));
    if (!handler) {
      return jsonResponse(404, {
        error: 'UnknownRoute',
        message: `No emulated service answers ${req.method} ${req.path}`,
      });
    }
    return withFaults(handler, req, handler.protocol ?? guessProtocol(handler));
  }

  async function withFaults(
    handler: ServiceHandler,
    req: TwinRequest,
    protocol: Protocol,
  ): Promise<TwinResponse | 'drop'> {
    const operation = handler.operation?.(req) ?? deriveOperation(req);
    if (operation) {
      const pending = ctx.faults.peek(operation);
      if (pending && GENERIC_FAULTS.has(pending.kind)) {
        const fault = ctx.faults.take(operation) as Fault;
        if (fault.latencyMs && fault.latencyMs > 0) await sleep(fault.latencyMs);
        if (fault.kind === 'timeout') return 'drop';
        if (fault.kind !== 'latency') {
          const service = req.signedService ?? handler.name;
          const kind = fault.kind as 'throttle' | 'error' | 'access-denied' | 'secondary-rate-limit';
          const own = handler.faultError?.(fault.kind, operation);
          return errorResponse(
            protocol,
            own ?? faultError(protocol, kind, operation, service, fault.status, fault.message),
            service,
          );
        }
      }
    }
    return handler.handle(req, ctx);
  }

  async function control(req: TwinRequest): Promise<TwinResponse> {
    const route = `${req.method} ${req.path.replace(/\/+$/, '')}`;
    try {
      switch (route) {
        case 'POST /_twin/reset':
          reset();
          return jsonResponse(200, { reset: true, events: (ctx.loadedEvents ?? ctx.events).length });
        case 'GET /_twin/events':
          return jsonResponse(200, {
            count: (ctx.loadedEvents ?? ctx.events).length,
            organizationId: ctx.organizationId ?? null,
          });
        case 'POST /_twin/events': {
          const records = parseEvents(req.body);
          const append = req.query.get('mode') === 'append';
          const org = req.query.get('organization');
          if (org !== null && org !== '' && !/^o-[a-z0-9]{10,32}$/.test(org)) {
            return jsonResponse(400, {
              error: 'BadRequest',
              message: `organization must look like o-abc1234567, got ${org}`,
            });
          }
          const keys = loadEvents(ctx, records, {
            append,
            organizationId: org === null ? ctx.organizationId : org === '' ? undefined : org,
          });
          return jsonResponse(200, {
            loaded: records.length,
            total: (ctx.loadedEvents ?? ctx.events).length,
            archiveObjects: keys.length,
          });
        }
        case 'GET /_twin/delivery':
        case 'POST /_twin/delivery':
          return (
            deliveryControl(req, ctx, () =>
              loadEvents(ctx, ctx.loadedEvents ?? ctx.events, {
                append: false,
                organizationId: ctx.organizationId,
              }),
            ) ?? jsonResponse(404, { error: 'UnknownControlRoute', message: route })
          );
        case 'GET /_twin/faults':
          return jsonResponse(200, { faults: ctx.faults.list() });
        case 'DELETE /_twin/faults':
          ctx.faults.clear();
          return jsonResponse(200, { faults: [] });
        case 'POST /_twin/faults': {
          const parsed = JSON.parse(req.body.toString('utf8') || '{}') as unknown;
          const list = Array.isArray(parsed) ? parsed : [parsed];
          const faults = list.map(validateFault);
          for (const f of faults) ctx.faults.add(f);
          return jsonResponse(200, { faults: ctx.faults.list() });
        }
        case 'GET /_twin/settings':
          return jsonResponse(200, settings(ctx));
        case 'POST /_twin/settings': {
          const body = JSON.parse(req.body.toString('utf8') || '{}') as Record<string, unknown>;
          if (typeof body.lookupRatePerSecond === 'number' && body.lookupRatePerSecond > 0) {
            ctx.lookupRatePerSecond = body.lookupRatePerSecond;
          }
          if (typeof body.batchStepMs === 'number' && body.batchStepMs >= 0)
            ctx.batchStepMs = body.batchStepMs;
          if (body.batchQuotas && typeof body.batchQuotas === 'object') {
            const q: Record<string, number> = {};
            for (const [k, v] of Object.entries(body.batchQuotas as Record<string, unknown>)) {
              if (!['recordsPerFile', 'recordsPerJob', 'bytesPerFile', 'bytesPerJob'].includes(k))
                throw new Error(`batchQuotas.${k} is not a quota the twin enforces`);
              if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
                throw new Error(`batchQuotas.${k} must be a positive integer`);
              q[k] = v;
            }
            ctx.batchQuotas = q;
          }
          return jsonResponse(200, settings(ctx));
        }
        case 'GET /_twin/s3/objects': {
          const bucket = req.query.get('bucket') ?? '';
          if (!store.hasBucket(bucket)) return jsonResponse(404, { error: 'NoSuchBucket', message: bucket });
          const keys = store.list(bucket, req.query.get('prefix') ?? '');
          return jsonResponse(200, {
            bucket,
            objects: keys.map((key) => ({ key, size: store.get(bucket, key)?.body.length ?? 0 })),
          });
        }
      }
      const oidc = await oidcControl(req, ctx);
      if (oidc) return oidc;
      for (const h of [...handlers, githubHandler]) {
        const r = await h.control?.(req, ctx);
        if (r) return r;
      }
      if (route === 'POST /_twin/model') {
        // Fallback for when the Bedrock handlers (which own the model) are not loaded.
        const body = JSON.parse(req.body.toString('utf8') || '{}') as { behaviour?: unknown };
        if (typeof body.behaviour !== 'string' || !BEHAVIOURS.has(body.behaviour)) {
          return jsonResponse(400, {
            error: 'BadRequest',
            message: `behaviour must be one of ${[...BEHAVIOURS].join(', ')}`,
          });
        }
        ctx.model.behaviour = body.behaviour as ModelBehaviour;
        return jsonResponse(200, { behaviour: ctx.model.behaviour });
      }
      if (route === 'GET /_twin/model') return jsonResponse(200, { behaviour: ctx.model.behaviour });
      return jsonResponse(404, { error: 'UnknownControlRoute', message: `No control route ${route}` });
    } catch (err) {
      return jsonResponse(400, {
        error: 'BadRequest',
        message: err instanceof Error ? err.message : String(err),
      });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  ctx.baseUrl = url;
  return {
    url,
    port,
    ctx,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const h of [...handlers, githubHandler]) h.reset?.(ctx);
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function settings(ctx: TwinContext): Record<string, unknown> {
  return {
    account: ctx.account,
    region: ctx.region,
    baseUrl: ctx.baseUrl,
    lookupRatePerSecond: ctx.lookupRatePerSecond,
    batchStepMs: ctx.batchStepMs,
    batchQuotas: batchQuotas(ctx),
    organizationId: ctx.organizationId ?? null,
    buckets: [TRAIL_BUCKET, BATCH_BUCKET],
  };
}

/** Replaces (or appends to) the loaded events and rewrites the trail archive from them. */
export function loadEvents(
  ctx: TwinContext,
  records: TrailRecord[],
  opts: { append: boolean; organizationId?: string | undefined },
): string[] {
  const loaded = ctx.loadedEvents ?? ctx.events;
  // Copied before the archive is cleared: a reload passes the loaded list itself.
  ctx.loadedEvents = opts.append ? [...loaded, ...records] : [...records];
  ctx.events = deliveredEvents(ctx);
  if (opts.organizationId) ctx.organizationId = opts.organizationId;
  else delete ctx.organizationId;
  ctx.store.ensureBucket(TRAIL_BUCKET);
  ctx.store.ensureBucket(BATCH_BUCKET);
  return writeTrailArchive(ctx.store, ctx.loadedEvents, {
    account: ctx.account,
    region: ctx.region,
    ...(ctx.organizationId ? { organizationId: ctx.organizationId } : {}),
    ...(ctx.deliveryDelayMinutes ? { deliveryDelayMinutes: ctx.deliveryDelayMinutes } : {}),
  });
}

function validateFault(v: unknown): Fault {
  if (typeof v !== 'object' || v === null) throw new Error('a fault is an object');
  const f = v as Record<string, unknown>;
  if (typeof f.operation !== 'string' || f.operation === '')
    throw new Error('fault.operation must be a non-empty string');
  if (typeof f.kind !== 'string' || !FAULT_KINDS.has(f.kind)) {
    throw new Error(`fault.kind must be one of ${[...FAULT_KINDS].join(', ')}`);
  }
  const times = f.times === undefined ? 1 : f.times;
  if (typeof times !== 'number' || !Number.isInteger(times) || times < 1)
    throw new Error('fault.times must be an integer >= 1');
  const out: Fault = { operation: f.operation, kind: f.kind as FaultKind, times };
  if (typeof f.status === 'number') out.status = f.status;
  if (typeof f.latencyMs === 'number') out.latencyMs = f.latencyMs;
  if (typeof f.fraction === 'number') out.fraction = f.fraction;
  if (typeof f.message === 'string') out.message = f.message;
  return out;
}

// Handlers that do not declare a protocol are Bedrock's, which speak restJson1.
function guessProtocol(_h: ServiceHandler): Protocol {
  return 'restJson1';
}

// Bedrock REST routes, so generic faults work on them even when the handler names no operations.
const BEDROCK_ROUTES: [string, RegExp, string][] = [
  ['POST', /^\/model-invocation-job$/, 'CreateModelInvocationJob'],
  ['GET', /^\/model-invocation-jobs$/, 'ListModelInvocationJobs'],
  ['GET', /^\/model-invocation-job\/[^/]+$/, 'GetModelInvocationJob'],
  ['POST', /^\/model-invocation-job\/[^/]+\/stop$/, 'StopModelInvocationJob'],
  ['POST', /^\/model\/[^/]+\/converse$/, 'Converse'],
  ['POST', /^\/model\/[^/]+\/converse-stream$/, 'ConverseStream'],
  ['POST', /^\/model\/[^/]+\/invoke$/, 'InvokeModel'],
  ['POST', /^\/model\/[^/]+\/invoke-with-response-stream$/, 'InvokeModelWithResponseStream'],
  ['POST', /^\/model\/[^/]+\/count-tokens$/, 'CountTokens'],
];

/** The operation name of a request from its protocol: `X-Amz-Target` suffix, awsQuery `Action`, or REST route. */
export function deriveOperation(req: TwinRequest): string | undefined {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return target.split('.').pop();
  const ct = String(req.headers['content-type'] ?? '');
  if (req.method === 'POST' && ct.startsWith('application/x-www-form-urlencoded')) {
    return new URLSearchParams(req.body.toString('utf8')).get('Action') ?? undefined;
  }
  for (const [method, re, op] of BEDROCK_ROUTES) if (req.method === method && re.test(req.path)) return op;
  return undefined;
}

async function readRequest(req: IncomingMessage): Promise<TwinRequest> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const url = new URL(req.url ?? '/', 'http://twin.local');
  const rawPath = url.pathname;
  let path = rawPath;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    // Keep the raw path: a malformed escape is the handler's to reject.
  }
  const out: TwinRequest = {
    method: req.method ?? 'GET',
    path,
    rawPath,
    query: url.searchParams,
    headers: req.headers,
    body: Buffer.concat(chunks),
  };
  const scope = parseCredentialScope(req.headers.authorization, url.searchParams.get('X-Amz-Credential'));
  if (scope) {
    out.accessKeyId = scope.accessKeyId;
    out.signedRegion = scope.region;
    out.signedService = scope.service;
  }
  return out;
}

/** Reads `AKID/date/region/service/aws4_request` from a SigV4 header or presigned URL. */
export function parseCredentialScope(
  authorization: string | undefined,
  presigned: string | null,
): { accessKeyId: string; region: string; service: string } | undefined {
  let credential: string | undefined;
  if (authorization?.startsWith('AWS4-HMAC-SHA256'))
    credential = /Credential=([^,\s]+)/.exec(authorization)?.[1];
  else if (presigned) credential = presigned;
  if (!credential) return undefined;
  const [accessKeyId, , region, service] = credential.split('/');
  if (!accessKeyId || !region || !service) return undefined;
  return { accessKeyId, region, service };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
