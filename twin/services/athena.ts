/**
 * Athena (awsJson1_1, `X-Amz-Target: AmazonAthena.<Op>`) over the twin's trail archive, running each statement on
 * an embedded DuckDB after athena-sql.ts has checked and rewritten it: StartQueryExecution, GetQueryExecution,
 * GetQueryResults, StopQueryExecution, GetWorkGroup, ListQueryExecutions. Queries move QUEUED → RUNNING →
 * SUCCEEDED | FAILED | CANCELLED; results are also written as CSV to the output location in the twin's S3.
 */
import { randomUUID } from 'node:crypto';
import type { DuckDBConnection, DuckDBInstance, DuckDBType } from '@duckdb/node-api';
import { jsonObjectBody, jsonResponse } from '../protocol.js';
import type { ServiceHandler, TwinContext, TwinRequest, TwinResponse } from '../types.js';
import {
  AthenaQueryError,
  duckdbError,
  openTrinoEngine,
  translate,
  type CatalogTable,
  type Translated,
} from './athena-sql.js';
import { gluePartitioned } from './glue.js';
import { UNPARTITIONED_VIEW, syncArchive, type LoadedObject, type SyncStats } from './athena-table.js';

const JSON_TYPE = 'application/x-amz-json-1.1';
/** The bucket the twin's `primary` workgroup writes results to (created with the twin's other buckets). */
export const ATHENA_RESULTS_BUCKET = 'twin-athena-results';
const MAX_RESULTS = 1000;
const MAX_QUERY_LENGTH = 262_144;

type QueryState = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

interface Query {
  id: string;
  statement: string;
  database: string;
  workGroup: string;
  outputLocation: string;
  token?: string;
  state: QueryState;
  submitted: number;
  started?: number;
  completed?: number;
  error?: AthenaQueryError;
  translated?: Translated;
  columns: { name: string; type: string; precision: number; scale: number }[];
  rows: (string | undefined)[][];
  scanned: number;
  conn?: DuckDBConnection;
  /** The run, settled once the query no longer touches the engine. */
  done?: Promise<void>;
}

export interface WorkGroup {
  name: string;
  /** Undefined: a workgroup without a result location, so a query must name one. */
  outputLocation?: string;
  enforce: boolean;
  created: number;
}

interface Engine {
  instance: DuckDBInstance;
  /** Loads the archive (one sync at a time); statements are parsed and queries run on connections of their own. */
  conn: DuckDBConnection;
}

interface AthenaState {
  engine?: Promise<Engine>;
  queries: Map<string, Query>;
  order: string[];
  workGroups: Map<string, WorkGroup>;
  loaded: Map<string, LoadedObject>;
  /** Archive syncs run one at a time; queries wait for the one they need. */
  sync: Promise<unknown>;
  lastSync?: SyncStats;
  /** Minimum time a query stays QUEUED, then RUNNING (`POST /_twin/athena/settings`), so tests can watch and cancel. */
  queuedMs: number;
  runningMs: number;
  closed: boolean;
}

const states = new WeakMap<TwinContext, AthenaState>();

function state(ctx: TwinContext): AthenaState {
  let s = states.get(ctx);
  if (!s) {
    const now = Date.now();
    s = {
      queries: new Map(),
      order: [],
      workGroups: new Map([
        [
          'primary',
          { name: 'primary', outputLocation: `s3://${ATHENA_RESULTS_BUCKET}/`, enforce: false, created: now },
        ],
      ]),
      loaded: new Map(),
      sync: Promise.resolve(),
      queuedMs: 0,
      runningMs: 0,
      closed: false,
    };
    states.set(ctx, s);
  }
  return s;
}

async function engine(s: AthenaState): Promise<Engine> {
  s.engine ??= openTrinoEngine();
  return s.engine;
}

class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly athenaErrorCode?: string,
  ) {
    super(message);
  }
}

function targetOf(req: TwinRequest): string | undefined {
  const t = req.headers['x-amz-target'];
  if (typeof t !== 'string') return undefined;
  return /^AmazonAthena\.(\w+)$/.exec(t)?.[1];
}

/** The tables the twin's Glue catalog holds (glue.ts describes them; athena-sql.ts resolves names against them). */
export function catalogTables(partitioned: boolean): CatalogTable[] {
  return [
    {
      database: 'default',
      name: 'cloudtrail_logs',
      relation: partitioned ? 'cloudtrail_logs' : UNPARTITIONED_VIEW,
      partitioned,
    },
  ];
}

export const athenaHandler: ServiceHandler = {
  name: 'athena',
  protocol: 'awsJson1_1',
  matches: (req) => req.method === 'POST' && targetOf(req) !== undefined,
  operation: (req) => targetOf(req),
  // Athena throttles with TooManyRequestsException (the SDK does not retry it; callers back off themselves).
  faultError: (kind) =>
    kind === 'throttle' || kind === 'secondary-rate-limit'
      ? { status: 400, code: 'TooManyRequestsException', message: 'Rate exceeded' }
      : undefined,
  reset: (ctx) => {
    const s = states.get(ctx);
    if (s) {
      s.closed = true;
      for (const q of s.queries.values()) q.conn?.interrupt();
      // Closed only once no query or archive load still runs on it: an interrupted query unwinds on DuckDB's own
      // threads, and closing the instance under it crashed the process (SIGSEGV, seen when a test reset the twin).
      const running = [...s.queries.values()].map((q) => q.done);
      void Promise.allSettled([...running, s.sync]).then(() =>
        s.engine?.then((e) => {
          e.conn.closeSync();
          e.instance.closeSync();
        }),
      );
    }
    states.delete(ctx);
    ctx.store.ensureBucket(ATHENA_RESULTS_BUCKET);
  },
  async handle(req, ctx): Promise<TwinResponse> {
    const op = targetOf(req) ?? '';
    const input = jsonObjectBody(req);
    if (!input)
      return err(new ApiError('SerializationException', 'Could not parse the request body as JSON'));
    const s = state(ctx);
    try {
      switch (op) {
        case 'StartQueryExecution':
          return ok(await startQuery(input, ctx, s));
        case 'GetQueryExecution':
          return ok({ QueryExecution: describe(findQuery(s, input.QueryExecutionId)) });
        case 'GetQueryResults':
          return ok(results(findQuery(s, input.QueryExecutionId), input));
        case 'StopQueryExecution':
          stopQuery(findQuery(s, input.QueryExecutionId));
          return ok({});
        case 'GetWorkGroup':
          return ok({ WorkGroup: describeWorkGroup(findWorkGroup(s, input.WorkGroup)) });
        case 'ListQueryExecutions':
          return ok(listQueries(s, input));
        default:
          return err(new ApiError('UnknownOperationException', `The twin's Athena does not implement ${op}`));
      }
    } catch (e) {
      if (e instanceof ApiError) return err(e);
      throw e;
    }
  },
  async control(req, ctx): Promise<TwinResponse | undefined> {
    const route = `${req.method} ${req.path.replace(/\/+$/, '')}`;
    const s = state(ctx);
    switch (route) {
      case 'GET /_twin/athena/queries':
        return jsonResponse(
          200,
          s.order.map((id) => {
            const q = s.queries.get(id) as Query;
            return {
              id: q.id,
              statement: q.statement,
              state: q.state,
              dataScannedInBytes: q.scanned,
              rowsReturned: q.rows.length,
              workGroup: q.workGroup,
              ...(q.error ? { error: q.error.message } : {}),
            };
          }),
        );
      case 'GET /_twin/athena/settings':
        return jsonResponse(200, settings(s));
      case 'POST /_twin/athena/settings': {
        const body = JSON.parse(req.body.toString('utf8') || '{}') as Record<string, unknown>;
        for (const k of ['queuedMs', 'runningMs'] as const) {
          const v = body[k];
          if (v === undefined) continue;
          if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 600_000)
            throw new Error(
              `${k} must be an integer from 0 to 600000 (milliseconds), got ${JSON.stringify(v)}`,
            );
          s[k] = v;
        }
        return jsonResponse(200, settings(s));
      }
      case 'POST /_twin/athena/workgroups': {
        const body = JSON.parse(req.body.toString('utf8') || '{}') as Record<string, unknown>;
        if (typeof body.name !== 'string' || !/^[a-zA-Z0-9._-]{1,128}$/.test(body.name))
          throw new Error(`name must match [a-zA-Z0-9._-]{1,128}, got ${JSON.stringify(body.name)}`);
        const out = body.outputLocation;
        if (out !== undefined && out !== null && (typeof out !== 'string' || !/^s3:\/\/[^/]+/.test(out)))
          throw new Error(`outputLocation must be an s3:// URI or null, got ${JSON.stringify(out)}`);
        const wg: WorkGroup = {
          name: body.name,
          enforce: body.enforce === true,
          created: Date.now(),
          ...(typeof out === 'string' ? { outputLocation: out } : {}),
        };
        s.workGroups.set(wg.name, wg);
        return jsonResponse(200, describeWorkGroup(wg));
      }
      case 'GET /_twin/athena/workgroups':
        return jsonResponse(200, [...s.workGroups.values()].map(describeWorkGroup));
      case 'POST /_twin/athena/sync': {
        // Loads the archive now (the first query would), and answers what it cost.
        const stats = await syncNow(ctx, s);
        return jsonResponse(200, stats);
      }
    }
    return undefined;
  },
};

function settings(s: AthenaState): Record<string, unknown> {
  return {
    queuedMs: s.queuedMs,
    runningMs: s.runningMs,
    loadedObjects: s.loaded.size,
    ...(s.lastSync ? { lastSync: s.lastSync } : {}),
  };
}

async function syncNow(ctx: TwinContext, s: AthenaState): Promise<SyncStats> {
  const e = await engine(s);
  const run = s.sync.then(() => syncArchive(e.conn, ctx.store, s.loaded));
  s.sync = run.catch(() => undefined);
  const stats = await run;
  s.lastSync = stats;
  return stats;
}

function findQuery(s: AthenaState, id: unknown): Query {
  if (typeof id !== 'string' || id === '')
    throw new ApiError('InvalidRequestException', 'QueryExecutionId is required', 'INVALID_INPUT');
  const q = s.queries.get(id);
  if (!q)
    throw new ApiError('InvalidRequestException', `QueryExecution ${id} was not found`, 'INVALID_INPUT');
  return q;
}

function findWorkGroup(s: AthenaState, name: unknown): WorkGroup {
  const n = typeof name === 'string' && name !== '' ? name : 'primary';
  const wg = s.workGroups.get(n);
  if (!wg) throw new ApiError('InvalidRequestException', `WorkGroup ${n} is not found.`, 'INVALID_INPUT');
  return wg;
}

async function startQuery(
  input: Record<string, unknown>,
  ctx: TwinContext,
  s: AthenaState,
): Promise<unknown> {
  const statement = input.QueryString;
  if (typeof statement !== 'string' || statement.length < 1 || statement.length > MAX_QUERY_LENGTH) {
    throw new ApiError(
      'InvalidRequestException',
      `1 validation error detected: Value at 'queryString' failed to satisfy constraint: Member must have length between 1 and ${MAX_QUERY_LENGTH}`,
      'INVALID_INPUT',
    );
  }
  const wg = findWorkGroup(s, input.WorkGroup);
  const token = typeof input.ClientRequestToken === 'string' ? input.ClientRequestToken : undefined;
  if (token !== undefined) {
    const same = [...s.queries.values()].find((q) => q.token === token);
    if (same) {
      if (same.statement !== statement)
        throw new ApiError(
          'InvalidRequestException',
          'Idempotent parameters do not match: the ClientRequestToken was used with a different query',
          'INVALID_INPUT',
        );
      return { QueryExecutionId: same.id };
    }
  }
  const context = (input.QueryExecutionContext ?? {}) as { Database?: unknown; Catalog?: unknown };
  const database =
    typeof context.Database === 'string' && context.Database !== '' ? context.Database : 'default';
  const requested = (input.ResultConfiguration as { OutputLocation?: unknown } | undefined)?.OutputLocation;
  const location = wg.enforce
    ? wg.outputLocation
    : typeof requested === 'string'
      ? requested
      : wg.outputLocation;
  if (location === undefined) {
    throw new ApiError(
      'InvalidRequestException',
      'No output location provided. An output location is required either through the Workgroup result configuration setting or as an API input.',
      'INVALID_INPUT',
    );
  }
  if (!/^s3:\/\/[^/]+/.test(location)) {
    throw new ApiError('InvalidRequestException', `${location} is not a valid S3 path.`, 'INVALID_INPUT');
  }
  const e = await engine(s);
  const id = randomUUID();
  const q: Query = {
    id,
    statement,
    database,
    workGroup: wg.name,
    outputLocation: `${location.replace(/\/*$/, '/')}${id}.csv`,
    state: 'QUEUED',
    submitted: Date.now(),
    columns: [],
    rows: [],
    scanned: 0,
    ...(token !== undefined ? { token } : {}),
  };
  // A connection of its own: the engine's is loading the archive, and requests are answered concurrently.
  const parser = await e.instance.connect();
  try {
    q.translated = await translate(parser, statement, {
      database,
      ...(typeof context.Catalog === 'string' && context.Catalog !== '' ? { catalog: context.Catalog } : {}),
      tables: catalogTables(gluePartitioned(ctx)),
    });
  } catch (x) {
    if (x instanceof AthenaQueryError && x.atSubmit)
      throw new ApiError('InvalidRequestException', x.detail, 'MALFORMED_QUERY');
    if (!(x instanceof AthenaQueryError)) throw x;
    q.error = x;
  } finally {
    parser.closeSync();
  }
  s.queries.set(id, q);
  s.order.push(id);
  q.done = run(q, ctx, s);
  return { QueryExecutionId: id };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function run(q: Query, ctx: TwinContext, s: AthenaState): Promise<void> {
  // Athena answers StartQueryExecution before it plans the query: the first poll sees QUEUED.
  await sleep(Math.max(1, s.queuedMs));
  if (q.state !== 'QUEUED' || s.closed) return;
  q.state = 'RUNNING';
  q.started = Date.now();
  try {
    if (q.error) throw q.error;
    const translated = q.translated as Translated;
    const e = await engine(s);
    await syncNow(ctx, s);
    if (isStopped(q)) return;
    // Loaded here, not at the top: it needs DuckDB's native module, which only Athena users should pay for.
    const { formatValue, trinoTypeName } = await import('./athena-format.js');
    // Each query runs on a connection of its own, so queries run side by side and Stop can interrupt one.
    const conn = await e.instance.connect();
    q.conn = conn;
    try {
      let scanned = 0;
      for (const sql of translated.scanQueries) {
        const r = await conn.runAndReadAll(sql);
        scanned += Number(r.getRows()[0]?.[0] ?? 0);
      }
      q.scanned = scanned;
      const reader = await conn.runAndReadAll(translated.sql);
      const types = reader.columnTypes();
      q.columns = reader.columnNames().map((name, i) => {
        const t = types[i];
        const dec = t && 'width' in t ? (t as { width: number; scale: number }) : undefined;
        return {
          name,
          type: t ? trinoTypeName(t) : 'varchar',
          precision: dec ? dec.width : 0,
          scale: dec ? dec.scale : 0,
        };
      });
      q.rows = reader.getRows().map((row) => row.map((v, i) => formatValue(v, types[i] as DuckDBType)));
    } finally {
      delete q.conn;
      conn.closeSync();
    }
    if (isStopped(q)) return;
    writeCsv(q, ctx);
    const left = s.runningMs - (Date.now() - (q.started ?? Date.now()));
    if (left > 0) await sleep(left);
    if (isStopped(q)) return;
    q.state = 'SUCCEEDED';
    q.completed = Date.now();
  } catch (x) {
    if (isStopped(q) || s.closed) return;
    q.state = 'FAILED';
    q.completed = Date.now();
    q.rows = [];
    q.error = x instanceof AthenaQueryError ? x : duckdbError(x, q.translated);
  }
}

function isStopped(q: Query): boolean {
  return q.state === 'CANCELLED';
}

function stopQuery(q: Query): void {
  if (q.state !== 'QUEUED' && q.state !== 'RUNNING') return;
  q.state = 'CANCELLED';
  q.completed = Date.now();
  q.rows = [];
  q.conn?.interrupt();
}

/** A CSV field as Athena writes result files: every value quoted, NULL as an empty unquoted field. */
function csvField(v: string | undefined): string {
  return v === undefined ? '' : `"${v.replace(/"/g, '""')}"`;
}

/** Athena writes `<id>.csv` under the output location: a header row, every field quoted, NULL as an empty field. */
function writeCsv(q: Query, ctx: TwinContext): void {
  const m = /^s3:\/\/([^/]+)\/(.*)$/.exec(q.outputLocation);
  const bucket = m?.[1] ?? '';
  const key = m?.[2] ?? '';
  if (!ctx.store.hasBucket(bucket)) {
    throw new AthenaQueryError(
      'GENERIC_INTERNAL_ERROR',
      `Unable to verify/create output bucket ${bucket}`,
      2,
      401,
    );
  }
  const lines = [q.columns.map((c) => csvField(c.name)).join(',')];
  for (const row of q.rows) lines.push(row.map((v) => csvField(v)).join(','));
  ctx.store.put(bucket, key, Buffer.from(lines.join('\n') + '\n', 'utf8'), { contentType: 'text/csv' });
}

function describe(q: Query): Record<string, unknown> {
  const status: Record<string, unknown> = { State: q.state, SubmissionDateTime: q.submitted / 1000 };
  if (q.completed !== undefined) status.CompletionDateTime = q.completed / 1000;
  if (q.state === 'FAILED' && q.error) {
    status.StateChangeReason = q.error.message;
    status.AthenaError = {
      ErrorCategory: q.error.category,
      ErrorType: q.error.errorType,
      Retryable: q.error.category === 1,
      ErrorMessage: q.error.message,
    };
  }
  if (q.state === 'CANCELLED') status.StateChangeReason = 'Query cancelled by user';
  const end = q.completed ?? Date.now();
  const engineMs = q.started !== undefined ? Math.max(0, end - q.started) : 0;
  return {
    QueryExecutionId: q.id,
    Query: q.statement,
    StatementType: 'DML',
    ResultConfiguration: { OutputLocation: q.outputLocation },
    QueryExecutionContext: { Database: q.database, Catalog: 'awsdatacatalog' },
    Status: status,
    Statistics: {
      EngineExecutionTimeInMillis: engineMs,
      DataScannedInBytes: q.scanned,
      TotalExecutionTimeInMillis: Math.max(0, end - q.submitted),
      QueryQueueTimeInMillis: Math.max(0, (q.started ?? end) - q.submitted),
    },
    WorkGroup: q.workGroup,
    EngineVersion: { SelectedEngineVersion: 'AUTO', EffectiveEngineVersion: 'Athena engine version 3' },
  };
}

function results(q: Query, input: Record<string, unknown>): Record<string, unknown> {
  if (q.state !== 'SUCCEEDED') {
    const message =
      q.state === 'QUEUED' || q.state === 'RUNNING'
        ? `Query has not yet finished. Current state: ${q.state}`
        : `Query did not finish successfully. Final query state: ${q.state}${q.error ? ` (${q.error.message})` : ''}`;
    throw new ApiError('InvalidRequestException', message, 'INVALID_INPUT');
  }
  const max = input.MaxResults === undefined ? MAX_RESULTS : input.MaxResults;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > MAX_RESULTS) {
    throw new ApiError(
      'InvalidRequestException',
      `1 validation error detected: Value '${String(max)}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to ${MAX_RESULTS}`,
      'INVALID_INPUT',
    );
  }
  // Offsets count the header as row 0, so the header takes one of the first page's MaxResults, as on Athena.
  let offset = 0;
  if (input.NextToken !== undefined) {
    offset = decodeToken(input.NextToken, q.id);
  }
  const all = q.rows.length + 1;
  const end = Math.min(all, offset + max);
  const page: { Data: { VarCharValue?: string }[] }[] = [];
  for (let i = offset; i < end; i++) {
    const values = i === 0 ? q.columns.map((c) => c.name) : (q.rows[i - 1] as (string | undefined)[]);
    page.push({ Data: values.map((v) => (v === undefined ? {} : { VarCharValue: v })) });
  }
  const out: Record<string, unknown> = {
    UpdateCount: 0,
    ResultSet: {
      Rows: page,
      ResultSetMetadata: {
        ColumnInfo: q.columns.map((c) => ({
          CatalogName: 'hive',
          SchemaName: '',
          TableName: '',
          Name: c.name,
          Label: c.name,
          Type: c.type,
          Precision: c.precision,
          Scale: c.scale,
          Nullable: 'UNKNOWN',
          CaseSensitive: c.type === 'varchar',
        })),
      },
    },
  };
  if (end < all) out.NextToken = Buffer.from(JSON.stringify({ q: q.id, o: end })).toString('base64');
  return out;
}

function decodeToken(token: unknown, id: string): number {
  try {
    const t = JSON.parse(Buffer.from(String(token), 'base64').toString('utf8')) as {
      q?: unknown;
      o?: unknown;
    };
    if (t.q === id && typeof t.o === 'number' && Number.isInteger(t.o) && t.o > 0) return t.o;
  } catch {
    // Falls through to the error below.
  }
  throw new ApiError(
    'InvalidRequestException',
    'The NextToken is not valid for this query.',
    'INVALID_INPUT',
  );
}

function listQueries(s: AthenaState, input: Record<string, unknown>): Record<string, unknown> {
  const wg = findWorkGroup(s, input.WorkGroup).name;
  const ids = s.order.filter((id) => s.queries.get(id)?.workGroup === wg).reverse();
  const max = typeof input.MaxResults === 'number' ? Math.min(50, Math.max(1, input.MaxResults)) : 50;
  const start =
    input.NextToken === undefined ? 0 : Number(Buffer.from(String(input.NextToken), 'base64').toString());
  const page = ids.slice(start, start + max);
  return {
    QueryExecutionIds: page,
    ...(start + max < ids.length ? { NextToken: Buffer.from(String(start + max)).toString('base64') } : {}),
  };
}

function describeWorkGroup(wg: WorkGroup): Record<string, unknown> {
  return {
    Name: wg.name,
    State: 'ENABLED',
    Configuration: {
      ...(wg.outputLocation !== undefined
        ? { ResultConfiguration: { OutputLocation: wg.outputLocation } }
        : {}),
      EnforceWorkGroupConfiguration: wg.enforce,
      PublishCloudWatchMetricsEnabled: false,
      RequesterPaysEnabled: false,
      EngineVersion: { SelectedEngineVersion: 'AUTO', EffectiveEngineVersion: 'Athena engine version 3' },
    },
    Description: wg.name === 'primary' ? "The twin's default workgroup" : '',
    CreationTime: wg.created / 1000,
  };
}

function ok(body: unknown): TwinResponse {
  return jsonResponse(200, body, JSON_TYPE, { 'x-amzn-requestid': randomUUID() });
}

/** Athena's error bodies carry `Message` and, for InvalidRequestException, `AthenaErrorCode`. */
function err(e: ApiError): TwinResponse {
  const status = e.code === 'InternalServerException' ? 500 : 400;
  return jsonResponse(
    status,
    {
      __type: e.code,
      Message: e.message,
      ...(e.athenaErrorCode !== undefined ? { AthenaErrorCode: e.athenaErrorCode } : {}),
    },
    JSON_TYPE,
    { 'x-amzn-requestid': randomUUID() },
  );
}
