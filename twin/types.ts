import type { IncomingHttpHeaders } from 'node:http';
import type { WireError } from './protocol.js';

/** One HTTP request to the twin, body already read. */
export interface TwinRequest {
  method: string;
  /** Path without the query string, decoded per segment by the handler as its protocol needs. */
  path: string;
  rawPath: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The service name from a SigV4 `Authorization` credential scope (`cloudtrail`, `s3`, `bedrock` …), if signed. */
  signedService?: string;
  signedRegion?: string;
  /** The access key id from the SigV4 credential scope, if signed (STS GetCallerIdentity answers for it). */
  accessKeyId?: string;
}

export interface TwinResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface StoredObject {
  body: Buffer;
  etag: string;
  lastModified: Date;
  contentType?: string;
  metadata?: Record<string, string>;
  /** Base64 CRC32 of the body when the uploader sent one (returned with `x-amz-checksum-mode: ENABLED`). */
  checksumCrc32?: string;
  /** Epoch ms before which the object is not listed or served (a trail log file CloudTrail has not delivered yet). */
  visibleFrom?: number;
}

/** The twin's S3: shared by the S3 protocol handler, the trail archive and Bedrock batch jobs. */
export interface ObjectStore {
  ensureBucket(bucket: string): void;
  hasBucket(bucket: string): boolean;
  put(
    bucket: string,
    key: string,
    body: Buffer,
    opts?: {
      contentType?: string;
      metadata?: Record<string, string>;
      /** Delivery modelling: the object's LastModified, and hidden before it (see twin/delivery.ts). */
      deliveredAt?: Date;
    },
  ): StoredObject;
  /** The object, unless it is not delivered yet. */
  get(bucket: string, key: string): StoredObject | undefined;
  delete(bucket: string, key: string): boolean;
  /** Keys under a prefix, sorted (UTF-8 binary order, as S3 lists); `all` includes objects not delivered yet. */
  list(bucket: string, prefix: string, opts?: { all?: boolean }): string[];
  clear(): void;
}

export type FaultKind =
  | 'throttle'
  | 'error'
  | 'latency'
  | 'access-denied'
  | 'timeout'
  | 'job-failed'
  | 'job-expired'
  | 'job-stopped'
  | 'job-partial'
  | 'missing-output'
  | 'corrupt-output'
  | 'missing-manifest'
  | 'secondary-rate-limit';

/** A fault injected through `POST /_twin/faults`: applies to the next `times` calls of `operation`. */
export interface Fault {
  operation: string;
  kind: FaultKind;
  times: number;
  status?: number;
  latencyMs?: number;
  /** For per-record batch errors: which fraction (0..1) of records fail. */
  fraction?: number;
  message?: string;
}

export interface FaultPlan {
  add(f: Fault): void;
  /** Consumes and returns the next fault registered for this operation, if any. */
  take(operation: string): Fault | undefined;
  /** Looks without consuming. */
  peek(operation: string): Fault | undefined;
  clear(): void;
  list(): Fault[];
}

export type ModelBehaviour =
  | 'diligent'
  | 'silent'
  | 'malformed'
  | 'hallucinating'
  | 'obedient'
  | 'verbose'
  | 'chatty'
  | 'empty'
  | 'refusing';

/** Bedrock's batch inference quotas the twin enforces on CreateModelInvocationJob. */
export interface BatchQuotaSettings {
  recordsPerFile: number;
  recordsPerJob: number;
  bytesPerFile: number;
  bytesPerJob: number;
}

/** Shared state of one twin instance. */
export interface TwinContext {
  account: string;
  region: string;
  baseUrl: string;
  store: ObjectStore;
  faults: FaultPlan;
  model: { behaviour: ModelBehaviour };
  /** Loaded CloudTrail records (raw), which LookupEvents, the trail archive and Lake serve. */
  events: Record<string, unknown>[];
  /** LookupEvents requests allowed per second per region (2 as in AWS; tests may raise it). */
  lookupRatePerSecond: number;
  /** Milliseconds each batch job status step takes (fast by default). */
  batchStepMs: number;
  /** Batch quotas other than Bedrock's defaults (`POST /_twin/settings {"batchQuotas": {…}}`), to test splitting. */
  batchQuotas?: Partial<BatchQuotaSettings>;
  /** When set, the trail archive uses the organization layout `AWSLogs/<org-id>/<account>/CloudTrail/…`. */
  organizationId?: string;
  /**
   * Delivery modelling (`POST /_twin/delivery`): every loaded record, delivered or not, while `events` holds only
   * those delivered by `now()`; minutes from an event's time to its delivery; the twin's clock (tests inject
   * theirs). Unset or 0 delay: every event is there at once, as before.
   */
  loadedEvents?: Record<string, unknown>[];
  deliveryDelayMinutes?: number;
  now?: () => number;
}

/** One emulated service. `control` answers its part of `/_twin/…`; `reset` clears its state. */
export interface ServiceHandler {
  name: string;
  matches(req: TwinRequest): boolean;
  handle(req: TwinRequest, ctx: TwinContext): Promise<TwinResponse>;
  control?(req: TwinRequest, ctx: TwinContext): Promise<TwinResponse | undefined>;
  reset?(ctx: TwinContext): void;
  /**
   * The AWS operation (or assigned REST route name) a request calls, so the server can apply generic faults
   * (throttle, error, latency, access-denied, timeout) before `handle`. Without it the server derives the name from
   * `X-Amz-Target`, the awsQuery `Action`, or the Bedrock REST route.
   */
  operation?(req: TwinRequest): string | undefined;
  /** The service's own wording of an injected generic fault, where it differs from its protocol's usual one. */
  faultError?(kind: FaultKind, operation: string): WireError | undefined;
  /** The wire protocol, which decides the shape of injected fault errors. */
  protocol?: 'awsJson1_1' | 'restJson1' | 'restXml' | 'awsQuery' | 'github';
}
