import { createHash } from 'node:crypto';
import type { Fault, FaultPlan, ObjectStore, StoredObject } from './types.js';

/** Thrown by the store when a bucket is missing, so each protocol can answer with its own NoSuchBucket. */
export class NoSuchBucketError extends Error {
  constructor(readonly bucket: string) {
    super(`The specified bucket does not exist: ${bucket}`);
    this.name = 'NoSuchBucketError';
  }
}

/** In-memory S3: buckets of objects, keys listed in UTF-8 binary order as S3 does. */
export class MemoryObjectStore implements ObjectStore {
  private readonly buckets = new Map<string, Map<string, StoredObject>>();

  /** `now` decides which objects are delivered yet (only those put with `deliveredAt` wait for it). */
  constructor(private readonly now: () => number = Date.now) {}

  ensureBucket(bucket: string): void {
    if (!this.buckets.has(bucket)) this.buckets.set(bucket, new Map());
  }

  hasBucket(bucket: string): boolean {
    return this.buckets.has(bucket);
  }

  bucketNames(): string[] {
    return [...this.buckets.keys()].sort();
  }

  put(
    bucket: string,
    key: string,
    body: Buffer,
    opts: { contentType?: string; metadata?: Record<string, string>; deliveredAt?: Date } = {},
  ): StoredObject {
    const objects = this.bucket(bucket);
    const obj: StoredObject = {
      body,
      etag: `"${createHash('md5').update(body).digest('hex')}"`,
      lastModified: opts.deliveredAt ?? new Date(this.now()),
      ...(opts.deliveredAt !== undefined ? { visibleFrom: opts.deliveredAt.getTime() } : {}),
      ...(opts.contentType !== undefined ? { contentType: opts.contentType } : {}),
      ...(opts.metadata !== undefined ? { metadata: opts.metadata } : {}),
    };
    objects.set(key, obj);
    return obj;
  }

  get(bucket: string, key: string): StoredObject | undefined {
    const o = this.buckets.get(bucket)?.get(key);
    return o && this.delivered(o) ? o : undefined;
  }

  delete(bucket: string, key: string): boolean {
    return this.buckets.get(bucket)?.delete(key) ?? false;
  }

  list(bucket: string, prefix: string, opts: { all?: boolean } = {}): string[] {
    const objects = this.buckets.get(bucket);
    if (!objects) return [];
    return [...objects.entries()]
      .filter(([k, o]) => k.startsWith(prefix) && (opts.all === true || this.delivered(o)))
      .map(([k]) => k)
      .sort(compareUtf8);
  }

  private delivered(o: StoredObject): boolean {
    return o.visibleFrom === undefined || o.visibleFrom <= this.now();
  }

  clear(): void {
    this.buckets.clear();
  }

  private bucket(bucket: string): Map<string, StoredObject> {
    const objects = this.buckets.get(bucket);
    if (!objects) throw new NoSuchBucketError(bucket);
    return objects;
  }
}

/** Orders strings by their UTF-8 bytes (S3's listing order), which differs from UTF-16 order for astral characters. */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Faults queued per operation; each call of the operation consumes one `times` unit of the first one. */
export class MemoryFaultPlan implements FaultPlan {
  private faults: Fault[] = [];

  add(f: Fault): void {
    if (f.times > 0) this.faults.push({ ...f });
  }

  take(operation: string): Fault | undefined {
    const i = this.faults.findIndex((f) => f.operation === operation);
    if (i < 0) return undefined;
    const f = this.faults[i] as Fault;
    f.times -= 1;
    if (f.times <= 0) this.faults.splice(i, 1);
    return { ...f, times: 1 };
  }

  peek(operation: string): Fault | undefined {
    const f = this.faults.find((x) => x.operation === operation);
    return f ? { ...f } : undefined;
  }

  clear(): void {
    this.faults = [];
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }
}
