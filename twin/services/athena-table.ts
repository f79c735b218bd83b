/**
 * The twin's Glue table `default.cloudtrail_logs` and its rows: the columns of AWS's documented CloudTrail table
 * (docs.aws.amazon.com/athena/latest/ug/create-cloudtrail-table-partition-projection.html, JsonSerDe over
 * CloudTrailInputFormat), partitioned by projection on `account`, `region` and `timestamp` (`yyyy/MM/dd`). Each
 * record of each delivered `AWSLogs/…/CloudTrail/…` object in the trail bucket is one row; the table is kept in step
 * with the archive incrementally (objects added, replaced or removed between queries).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { DuckDBConnection } from '@duckdb/node-api';
import { TRAIL_BUCKET } from '../events.js';
import type { ObjectStore } from '../types.js';

/** A Hive column type as Glue stores it (`string`, `struct<…>`, `array<…>`, `map<…>`). */
export type HiveType =
  | { kind: 'string' }
  | { kind: 'struct'; fields: Column[] }
  | { kind: 'array'; of: HiveType }
  | { kind: 'map'; key: HiveType; value: HiveType };
export interface Column {
  name: string;
  type: HiveType;
}

const S: HiveType = { kind: 'string' };
const col = (name: string, type: HiveType = S): Column => ({ name, type });
const struct = (...fields: Column[]): HiveType => ({ kind: 'struct', fields });

/** AWS's documented CloudTrail table, in its column order (lower-case names, as the JsonSerDe maps them). */
export const CLOUDTRAIL_COLUMNS: readonly Column[] = [
  col('eventversion'),
  col(
    'useridentity',
    struct(
      col('type'),
      col('principalid'),
      col('arn'),
      col('accountid'),
      col('invokedby'),
      col('accesskeyid'),
      col('username'),
      col('onbehalfof', struct(col('userid'), col('identitystorearn'))),
      col(
        'sessioncontext',
        struct(
          col('attributes', struct(col('mfaauthenticated'), col('creationdate'))),
          col(
            'sessionissuer',
            struct(col('type'), col('principalid'), col('arn'), col('accountid'), col('username')),
          ),
          col('ec2roledelivery'),
          col(
            'webidfederationdata',
            struct(col('federatedprovider'), col('attributes', { kind: 'map', key: S, value: S })),
          ),
        ),
      ),
    ),
  ),
  col('eventtime'),
  col('eventsource'),
  col('eventname'),
  col('awsregion'),
  col('sourceipaddress'),
  col('useragent'),
  col('errorcode'),
  col('errormessage'),
  col('requestparameters'),
  col('responseelements'),
  col('additionaleventdata'),
  col('requestid'),
  col('eventid'),
  col('readonly'),
  col('resources', { kind: 'array', of: struct(col('arn'), col('accountid'), col('type')) }),
  col('eventtype'),
  col('apiversion'),
  col('recipientaccountid'),
  col('serviceeventdetails'),
  col('sharedeventid'),
  col('vpcendpointid'),
  col('vpcendpointaccountid'),
  col('eventcategory'),
  col(
    'addendum',
    struct(col('reason'), col('updatedfields'), col('originalrequestid'), col('originaleventid')),
  ),
  col('sessioncredentialfromconsole'),
  col('edgedevicedetails'),
  col('tlsdetails', struct(col('tlsversion'), col('ciphersuite'), col('clientprovidedhostheader'))),
];

/** The partition keys, projected from the key layout `AWSLogs/[o-…/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/`. */
export const PARTITION_KEYS: readonly Column[] = [col('account'), col('region'), col('timestamp')];

/** `struct<type:string,…>`, the Hive spelling Glue's `Column.Type` uses. */
export function hiveTypeName(t: HiveType): string {
  switch (t.kind) {
    case 'string':
      return 'string';
    case 'struct':
      return `struct<${t.fields.map((f) => `${f.name}:${hiveTypeName(f.type)}`).join(',')}>`;
    case 'array':
      return `array<${hiveTypeName(t.of)}>`;
    case 'map':
      return `map<${hiveTypeName(t.key)},${hiveTypeName(t.value)}>`;
  }
}

function duckTypeName(t: HiveType): string {
  switch (t.kind) {
    case 'string':
      return 'VARCHAR';
    case 'struct':
      return `STRUCT(${t.fields.map((f) => `"${f.name}" ${duckTypeName(f.type)}`).join(', ')})`;
    case 'array':
      return `${duckTypeName(t.of)}[]`;
    case 'map':
      return `MAP(${duckTypeName(t.key)}, ${duckTypeName(t.value)})`;
  }
}

/**
 * A JSON value as the JsonSerDe reads it into a column of this type: keys matched case-insensitively, a string
 * column given an object, array, number or boolean holds its JSON text (so `requestparameters` is the JSON of the
 * request), a struct or array column given anything else is NULL.
 */
export function serdeValue(v: unknown, t: HiveType): unknown {
  return converter(t)(v);
}

type Convert = (v: unknown) => unknown;
const converters = new WeakMap<HiveType, Convert>();
/** Lower-cased keys, cached: records repeat the same few hundred keys millions of times. */
const lowered = new Map<string, string>();
function lower(k: string): string {
  let l = lowered.get(k);
  if (l === undefined) {
    l = k.toLowerCase();
    if (lowered.size < 100_000) lowered.set(k, l);
  }
  return l;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A converter compiled once per type, so loading a million records walks no schema. */
function converter(t: HiveType): Convert {
  const known = converters.get(t);
  if (known) return known;
  let c: Convert;
  switch (t.kind) {
    case 'string':
      c = (v) => (v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v));
      break;
    case 'struct': {
      const fields = new Map(t.fields.map((f) => [f.name, converter(f.type)]));
      const names = t.fields.map((f) => f.name);
      c = (v) => {
        if (!isObject(v)) return null;
        const out: Record<string, unknown> = {};
        for (const n of names) out[n] = null;
        const seen = new Set<string>();
        for (const k in v) {
          const lk = lower(k);
          const f = fields.get(lk);
          // The first spelling of a key wins when a record repeats it in another case.
          if (f === undefined || seen.has(lk)) continue;
          seen.add(lk);
          out[lk] = f(v[k]);
        }
        return out;
      };
      break;
    }
    case 'array': {
      const of = converter(t.of);
      c = (v) => (Array.isArray(v) ? v.map(of) : null);
      break;
    }
    case 'map': {
      const value = converter(t.value);
      c = (v) => {
        if (!isObject(v)) return null;
        const out: Record<string, unknown> = {};
        for (const k in v) out[k] = value(v[k]);
        return out;
      };
      break;
    }
  }
  converters.set(t, c);
  return c;
}

/** The table's row type without its partition keys: one record as a struct of AWS's columns. */
const RECORD_TYPE: HiveType = { kind: 'struct', fields: [...CLOUDTRAIL_COLUMNS] };

/** The partition values a trail object's key projects to, or undefined for keys outside the table's layout. */
export function partitionOf(key: string): { account: string; region: string; timestamp: string } | undefined {
  const m =
    /^AWSLogs\/(?:o-[a-z0-9]{10,32}\/)?(\d{12})\/CloudTrail\/([a-z0-9-]+)\/(\d{4})\/(\d{2})\/(\d{2})\/[^/]+$/.exec(
      key,
    );
  if (!m) return undefined;
  return { account: m[1] as string, region: m[2] as string, timestamp: `${m[3]}/${m[4]}/${m[5]}` };
}

/** One archive object as loaded: what decides whether it changed, and what it costs to scan. */
export interface LoadedObject {
  etag: string;
  bytes: number;
  account: string;
  region: string;
  timestamp: string;
}

/** The DuckDB table behind the view `cloudtrail_logs`; `$path` names the object each row came from. */
export const ROWS_TABLE = '_cloudtrail_rows';
export const PARTITIONS_TABLE = '_cloudtrail_partitions';
export const UNPARTITIONED_VIEW = '_cloudtrail_logs_unpartitioned';

/** DDL for the rows table, the partitions table (one row per object: its partition and stored size) and the view. */
export function tableDdl(): string[] {
  const columns = [...CLOUDTRAIL_COLUMNS, ...PARTITION_KEYS];
  return [
    `CREATE TABLE ${ROWS_TABLE} ("$path" VARCHAR, ${columns.map((c) => `"${c.name}" ${duckTypeName(c.type)}`).join(', ')})`,
    `CREATE TABLE ${PARTITIONS_TABLE} ("$path" VARCHAR, account VARCHAR, region VARCHAR, "timestamp" VARCHAR, bytes BIGINT)`,
    `CREATE VIEW cloudtrail_logs AS SELECT ${columns.map((c) => `"${c.name}"`).join(', ')} FROM ${ROWS_TABLE}`,
    // The same table registered without partition keys (`POST /_twin/glue/table {"partitioned": false}`).
    `CREATE VIEW ${UNPARTITIONED_VIEW} AS SELECT ${CLOUDTRAIL_COLUMNS.map((c) => `"${c.name}"`).join(', ')} FROM ${ROWS_TABLE}`,
  ];
}

/** What a sync did, for the load-cost figures. */
export interface SyncStats {
  added: number;
  removed: number;
  rows: number;
  ms: number;
}

/**
 * Brings the table in line with the delivered objects of the trail bucket: loads new or replaced objects (through an
 * NDJSON file that DuckDB's JSON reader ingests in bulk) and deletes the rows of objects that are gone. Objects not
 * delivered yet (`/_twin/delivery`) are not listed, so they are not rows either.
 */
export async function syncArchive(
  conn: DuckDBConnection,
  store: ObjectStore,
  loaded: Map<string, LoadedObject>,
): Promise<SyncStats> {
  const started = Date.now();
  const present = new Map<string, { etag: string; body: Buffer }>();
  if (store.hasBucket(TRAIL_BUCKET)) {
    for (const key of store.list(TRAIL_BUCKET, 'AWSLogs/')) {
      if (!partitionOf(key)) continue;
      const o = store.get(TRAIL_BUCKET, key);
      if (o) present.set(key, { etag: o.etag, body: o.body });
    }
  }
  const stale = [...loaded.keys()].filter((k) => present.get(k)?.etag !== loaded.get(k)?.etag);
  const fresh = [...present.keys()].filter((k) => loaded.get(k)?.etag !== present.get(k)?.etag);
  if (stale.length > 0) {
    const list = stale.map((k) => `'${pathOf(k).replace(/'/g, "''")}'`).join(', ');
    await conn.run(`DELETE FROM ${ROWS_TABLE} WHERE "$path" IN (${list})`);
    await conn.run(`DELETE FROM ${PARTITIONS_TABLE} WHERE "$path" IN (${list})`);
    for (const k of stale) loaded.delete(k);
  }
  let rows = 0;
  if (fresh.length > 0) {
    const dir = mkdtempSync(join(tmpdir(), 'twin-athena-'));
    let ingesting: Promise<void> = Promise.resolve();
    const settleQuietly = (): Promise<void> => ingesting.catch(() => undefined);
    try {
      const parts: string[] = [];
      const lines: string[] = [];
      // DuckDB ingests one batch (on its own threads) while the next is converted: two files, alternating. A failed
      // ingest is caught at once (so it is never an unhandled rejection) and rethrown at the next wait.
      let batch = 0;
      let failed: unknown;
      const settle = async (): Promise<void> => {
        await ingesting;
        if (failed !== undefined) throw failed;
      };
      const flush = async (): Promise<void> => {
        if (lines.length === 0) return;
        const path = join(dir, `rows-${batch++ % 2}.ndjson`);
        await settle();
        writeFileSync(path, lines.join('\n') + '\n');
        lines.length = 0;
        ingesting = conn
          .run(`INSERT INTO ${ROWS_TABLE} SELECT * FROM read_json('${path}', ${readJsonOptions()})`)
          .then(
            () => undefined,
            (e: unknown) => {
              failed = e;
            },
          );
      };
      for (const key of fresh) {
        const obj = present.get(key) as { etag: string; body: Buffer };
        const part = partitionOf(key) as { account: string; region: string; timestamp: string };
        let records: unknown[] = [];
        try {
          const doc = JSON.parse(gunzipSync(obj.body).toString('utf8')) as { Records?: unknown };
          if (Array.isArray(doc.Records)) records = doc.Records;
        } catch {
          // Athena skips what the SerDe cannot read; a corrupt object contributes no rows but is still scanned.
        }
        const path = pathOf(key);
        const toRow = converter(RECORD_TYPE);
        for (const r of records) {
          const row = (toRow(r) ?? {}) as Record<string, unknown>;
          // `$path` first and the partition keys last: the column order of the rows table.
          const out: Record<string, unknown> = { $path: path, ...row, ...part };
          lines.push(JSON.stringify(out));
          rows++;
        }
        parts.push(
          `('${pathOf(key).replace(/'/g, "''")}', '${part.account}', '${part.region}', '${part.timestamp}', ${obj.body.length})`,
        );
        loaded.set(key, { etag: obj.etag, bytes: obj.body.length, ...part });
        // Bounded batches keep the NDJSON file (and the twin's memory) small on a million-event archive.
        if (lines.length >= 50_000) await flush();
      }
      await flush();
      await settle();
      for (let i = 0; i < parts.length; i += 1000) {
        await conn.run(`INSERT INTO ${PARTITIONS_TABLE} VALUES ${parts.slice(i, i + 1000).join(', ')}`);
      }
    } catch (e) {
      // A half-loaded table would answer wrong counts silently: start again from nothing at the next query.
      await settleQuietly();
      await conn.run(`DELETE FROM ${ROWS_TABLE}`);
      await conn.run(`DELETE FROM ${PARTITIONS_TABLE}`);
      loaded.clear();
      throw e;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { added: fresh.length, removed: stale.length, rows, ms: Date.now() - started };
}

function pathOf(key: string): string {
  return `s3://${TRAIL_BUCKET}/${key}`;
}

function readJsonOptions(): string {
  const columns = [
    `"$path": 'VARCHAR'`,
    ...[...CLOUDTRAIL_COLUMNS, ...PARTITION_KEYS].map((c) => `"${c.name}": '${duckTypeName(c.type)}'`),
  ];
  return `format = 'newline_delimited', maximum_object_size = 268435456, columns = {${columns.join(', ')}}`;
}
