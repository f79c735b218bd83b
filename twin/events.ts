import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ObjectStore } from './types.js';

export type TrailRecord = Record<string, unknown>;

/** Parses CloudTrail data: `{"Records":[…]}`, a JSON array, one record, or JSON Lines; gzip is detected by magic bytes. */
export function parseEvents(data: Buffer | string): TrailRecord[] {
  let buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) buf = gunzipSync(buf);
  const text = buf.toString('utf8').trim();
  if (text === '') return [];
  try {
    return unwrap(JSON.parse(text));
  } catch (err) {
    // Not one JSON document: JSON Lines, where each line may itself be a Records file.
    if (!(err instanceof SyntaxError)) throw err;
  }
  const out: TrailRecord[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    try {
      out.push(...unwrap(JSON.parse(line)));
    } catch (err) {
      throw new Error(`line ${i + 1}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  }
  return out;
}

function unwrap(doc: unknown): TrailRecord[] {
  if (Array.isArray(doc)) return doc.filter(isRecord);
  if (isRecord(doc) && Array.isArray(doc.Records)) return doc.Records.filter(isRecord);
  if (isRecord(doc)) return [doc];
  throw new Error('expected a CloudTrail record, a JSON array or {"Records": [...]}');
}

function isRecord(v: unknown): v is TrailRecord {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads one events file (`.json`, `.jsonl`, `.json.gz`). */
export async function loadEventsFile(path: string): Promise<TrailRecord[]> {
  try {
    return parseEvents(await readFile(path));
  } catch (err) {
    throw new Error(
      `Could not load events from ${path}: ${err instanceof Error ? err.message : String(err)}`,
      {
        cause: err,
      },
    );
  }
}

/** A record's event time in ms, or undefined when missing or unparseable. */
export function eventTimeMs(r: TrailRecord): number | undefined {
  const t = typeof r.eventTime === 'string' ? Date.parse(r.eventTime) : NaN;
  return Number.isFinite(t) ? t : undefined;
}

/** The region a record belongs to (where LookupEvents in that region would show it). */
export function eventRegion(r: TrailRecord, fallback: string): string {
  return typeof r.awsRegion === 'string' && r.awsRegion !== '' ? r.awsRegion : fallback;
}

/** The account whose trail delivers the record. */
export function eventAccount(r: TrailRecord, fallback: string): string {
  if (typeof r.recipientAccountId === 'string' && /^\d{12}$/.test(r.recipientAccountId))
    return r.recipientAccountId;
  const ui = r.userIdentity;
  if (isRecord(ui) && typeof ui.accountId === 'string' && /^\d{12}$/.test(ui.accountId)) return ui.accountId;
  return fallback;
}

export const TRAIL_BUCKET = 'twin-cloudtrail';
export const BATCH_BUCKET = 'twin-batch';
export const TRAIL_NAME = 'twin-trail';
const FIVE_MINUTES = 5 * 60 * 1000;
const ONE_MINUTE = 60 * 1000;

/** `20240102T0305Z`, the stamp CloudTrail puts in log file names. */
function fileStamp(d: Date, seconds = false): string {
  const iso = d.toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${seconds ? iso.slice(17, 19) : ''}Z`;
}

function datePath(d: Date): string {
  const iso = d.toISOString();
  return `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}`;
}

/** A stable 16-character suffix, so the same events give the same keys on every run. */
function suffix(seed: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const h = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < 16; i++) out += alphabet[(h[i] ?? 0) % alphabet.length];
  return out;
}

export interface ArchiveOptions {
  account: string;
  region: string;
  organizationId?: string;
  /**
   * Delivery modelling: each event is delivered this many minutes after its time, in a file per delivery minute
   * (so no event shows before its delay), with that minute as its LastModified and the file hidden until then.
   * 0 or unset: 5-minute files, all there at once.
   */
  deliveryDelayMinutes?: number;
}

/**
 * Writes the records into the trail bucket as CloudTrail delivers them: one gzipped `{"Records":[…]}` per account,
 * region and 5-minute interval, named by the delivery time (the interval's end, so an event at 23:58 lands in the
 * next day's folder as on AWS), plus an hourly digest file per account and region.
 */
export function writeTrailArchive(
  store: ObjectStore,
  records: TrailRecord[],
  opts: ArchiveOptions,
): string[] {
  store.ensureBucket(TRAIL_BUCKET);
  for (const key of store.list(TRAIL_BUCKET, 'AWSLogs/', { all: true })) store.delete(TRAIL_BUCKET, key);
  const delayMs = (opts.deliveryDelayMinutes ?? 0) * 60_000;
  const groups = new Map<
    string,
    { account: string; region: string; delivered: Date; records: TrailRecord[] }
  >();
  for (const r of records) {
    const t = eventTimeMs(r);
    if (t === undefined) continue;
    const account = eventAccount(r, opts.account);
    const region = eventRegion(r, opts.region);
    const delivered =
      delayMs > 0
        ? new Date(Math.ceil((t + delayMs) / ONE_MINUTE) * ONE_MINUTE)
        : new Date(Math.floor(t / FIVE_MINUTES) * FIVE_MINUTES + FIVE_MINUTES);
    const id = `${account}|${region}|${delivered.getTime()}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { account, region, delivered, records: [] }));
    g.records.push(r);
  }
  const keys: string[] = [];
  const digests = new Map<
    string,
    { account: string; region: string; hour: Date; files: { key: string; hash: string }[] }
  >();
  for (const g of groups.values()) {
    g.records.sort((a, b) => (eventTimeMs(a) ?? 0) - (eventTimeMs(b) ?? 0));
    const root = opts.organizationId ? `AWSLogs/${opts.organizationId}/${g.account}` : `AWSLogs/${g.account}`;
    const body = gzipSync(JSON.stringify({ Records: g.records }));
    const name = `${g.account}_CloudTrail_${g.region}_${fileStamp(g.delivered)}_${suffix(`${g.account}${g.region}${g.delivered.getTime()}`)}.json.gz`;
    const key = `${root}/CloudTrail/${g.region}/${datePath(g.delivered)}/${name}`;
    store.put(TRAIL_BUCKET, key, body, {
      contentType: 'application/json',
      ...(delayMs > 0 ? { deliveredAt: g.delivered } : {}),
    });
    keys.push(key);
    const hour = new Date(Math.ceil(g.delivered.getTime() / 3_600_000) * 3_600_000);
    const did = `${root}|${g.region}|${hour.getTime()}`;
    let d = digests.get(did);
    if (!d) digests.set(did, (d = { account: g.account, region: g.region, hour, files: [] }));
    d.files.push({ key, hash: createHash('sha256').update(body).digest('hex') });
  }
  for (const [did, d] of digests) {
    const root = did.split('|')[0] as string;
    const start = new Date(d.hour.getTime() - 3_600_000);
    const digest = {
      awsAccountId: d.account,
      digestStartTime: start.toISOString().replace('.000', ''),
      digestEndTime: d.hour.toISOString().replace('.000', ''),
      digestS3Bucket: TRAIL_BUCKET,
      digestS3Object: '',
      digestPublicKeyFingerprint: 'twin0000000000000000000000000000',
      digestSignatureAlgorithm: 'SHA256withRSA',
      newestEventTime: null,
      oldestEventTime: null,
      previousDigestS3Bucket: null,
      previousDigestSignature: null,
      logFiles: d.files.map((f) => ({
        s3Bucket: TRAIL_BUCKET,
        s3Object: f.key,
        hashValue: f.hash,
        hashAlgorithm: 'SHA-256',
      })),
    };
    const name = `${d.account}_CloudTrail-Digest_${d.region}_${TRAIL_NAME}_${d.region}_${fileStamp(d.hour, true)}.json.gz`;
    const key = `${root}/CloudTrail-Digest/${d.region}/${datePath(d.hour)}/${name}`;
    digest.digestS3Object = key;
    store.put(TRAIL_BUCKET, key, gzipSync(JSON.stringify(digest)), {
      contentType: 'application/json',
      ...(delayMs > 0 ? { deliveredAt: d.hour } : {}),
    });
  }
  return keys;
}
