import {
  DescribeQueryCommand,
  GetEventDataStoreCommand,
  GetQueryResultsCommand,
  StartQueryCommand,
} from '@aws-sdk/client-cloudtrail';
import { StageError, awsErrorMeta, describeError, isAccessDenied } from '../errors.js';
import type { TrailEvent } from '../types.js';
import type { SourceContext } from './index.js';
import { retryThrottled } from './pacing.js';
import { Scope, toEvents, type TimeWindow } from './scope.js';

/** The ID portion of an event data store ARN (what FROM takes); the ID itself is returned as it is. */
export function eventDataStoreId(v: string): string {
  const m = /:eventdatastore\/([^/]+)$/.exec(v);
  return m ? (m[1] as string) : v;
}

/** A SQL string literal: single quotes doubled, the only escape Presto/Trino string literals have. */
export function sqlString(v: string): string {
  return `'${v.replace(/'/g, "''")}'`;
}

/** Lake's timestamp literal, `YYYY-MM-DD HH:MM:SS[.mmm]` in UTC. */
export function lakeTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  const frac = iso.slice(19, 23) === '.000' ? '' : iso.slice(19, 23);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${frac}`;
}

const PLAIN = (xs: string[]): string[] | undefined => {
  const clean = xs.map((x) => x.trim()).filter(Boolean);
  return clean.length > 0 && clean.every((x) => !/[*?]/.test(x)) ? clean : undefined;
};

/**
 * The query: the window, and the include filters that are exact values, pushed down so Lake scans and returns
 * only what the run keeps. Globs, exclusions and read-only stay local (the local filters run on every event anyway).
 */
export function buildLakeQuery(
  store: string,
  win: TimeWindow,
  filters: SourceContext['config']['filters'],
): string {
  const id = eventDataStoreId(store);
  if (!/^[A-Za-z0-9._-]+$/.test(id))
    throw new StageError(
      'sources',
      `event-data-store ${JSON.stringify(store)} is not an event data store ARN or ID`,
    );
  const where = [
    `eventTime >= ${sqlString(lakeTimestamp(win.startMs))}`,
    `eventTime < ${sqlString(lakeTimestamp(win.endMs))}`,
  ];
  const services = PLAIN(filters.includeServices);
  if (services)
    where.push(
      `eventSource IN (${services.map((s) => sqlString(s.includes('.') ? s : `${s}.amazonaws.com`)).join(', ')})`,
    );
  const names = PLAIN(filters.includeEvents);
  if (names) where.push(`eventName IN (${names.map(sqlString).join(', ')})`);
  // `readOnly = false` is not pushed down: in SQL it also drops records without the field (NULL), which the
  // local filter keeps because they may be writes. `(readOnly = false OR readOnly IS NULL)` would do, once the
  // twin accepts it.
  return `SELECT * FROM ${id} WHERE ${where.join(' AND ')} ORDER BY eventTime`;
}

// Lake's column and struct field names are lower-case in its schema; CloudTrail records are camelCase.
const NAMES = [
  'eventVersion',
  'userIdentity',
  'type',
  'principalId',
  'arn',
  'accountId',
  'accessKeyId',
  'userName',
  'sessionContext',
  'attributes',
  'creationDate',
  'mfaAuthenticated',
  'sessionIssuer',
  'webIdFederationData',
  'federatedProvider',
  'sourceIdentity',
  'ec2RoleDelivery',
  'ec2IssuedInVPC',
  'onBehalfOf',
  'userId',
  'identityStoreArn',
  'inScopeOf',
  'sourceArn',
  'sourceAccount',
  'issuerType',
  'credentialsIssuedTo',
  'invokedBy',
  'identityProvider',
  'credentialId',
  'eventTime',
  'eventSource',
  'eventName',
  'awsRegion',
  'sourceIPAddress',
  'userAgent',
  'errorCode',
  'errorMessage',
  'requestParameters',
  'responseElements',
  'additionalEventData',
  'requestID',
  'eventID',
  'readOnly',
  'resources',
  'eventType',
  'apiVersion',
  'managementEvent',
  'recipientAccountId',
  'sharedEventID',
  'annotation',
  'vpcEndpointId',
  'vpcEndpointAccountId',
  'serviceEventDetails',
  'addendum',
  'edgeDeviceDetails',
  'insightDetails',
  'eventCategory',
  'tlsDetails',
  'tlsVersion',
  'cipherSuite',
  'clientProvidedHostHeader',
  'sessionCredentialFromConsole',
  'arnPrefix',
];
const CANON = new Map(NAMES.map((n) => [n.toLowerCase(), n]));
CANON.set('arn', 'arn');

function canon(k: string, inResources: boolean): string {
  // Resources carry `ARN` in CloudTrail records.
  if (inResources && k.toLowerCase() === 'arn') return 'ARN';
  return CANON.get(k.toLowerCase()) ?? k;
}

function recase(v: unknown, inResources = false): unknown {
  if (Array.isArray(v)) return v.map((x) => recase(x, inResources));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const name = canon(k, inResources);
      // Request and response payloads are the service's own shapes: keep their keys exactly as they are.
      out[name] =
        name === 'requestParameters' ||
        name === 'responseElements' ||
        name === 'additionalEventData' ||
        name === 'serviceEventDetails'
          ? x
          : recase(x, name === 'resources');
    }
    return out;
  }
  return v;
}

/**
 * Lake returns every cell as a string. Struct, map and array columns come back as JSON (the twin) or in Presto's
 * `{key=value, …}` rendering (the service); JSON is parsed, the Presto form is parsed best-effort, scalars stay.
 */
export function parseLakeCell(column: string, value: string): unknown {
  const name = canon(column, false);
  if (value === '') return undefined;
  if (name === 'readOnly' || name === 'managementEvent' || name === 'sessionCredentialFromConsole') {
    return value === 'true' ? true : value === 'false' ? false : value;
  }
  if (name === 'eventTime') {
    // Back to CloudTrail's own form (`…T…Z`, no fraction unless there is one), as the other sources give it.
    const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d+))?$/.exec(value);
    const frac = m?.[3] && /[1-9]/.test(m[3]) ? `.${m[3].slice(0, 3).padEnd(3, '0')}` : '';
    return m ? `${m[1]}T${m[2]}${frac}Z` : value;
  }
  const first = value[0];
  if (first === '{' || first === '[') {
    try {
      return JSON.parse(value);
    } catch {
      return parsePresto(value);
    }
  }
  return value;
}

/** Best-effort reader of Presto's `{a=1, b={c=2}, d=[x, y]}` rendering of rows and maps. */
export function parsePresto(s: string): unknown {
  let i = 0;
  const value = (stops: string): unknown => {
    if (s[i] === '{') {
      i++;
      const o: Record<string, unknown> = {};
      while (i < s.length && s[i] !== '}') {
        const eq = s.indexOf('=', i);
        if (eq < 0) break;
        const key = s.slice(i, eq).trim();
        i = eq + 1;
        const v = value(',}');
        if (v !== null) o[key] = v;
        if (s[i] === ',') i++;
        while (s[i] === ' ') i++;
      }
      i++;
      return o;
    }
    if (s[i] === '[') {
      i++;
      const a: unknown[] = [];
      while (i < s.length && s[i] !== ']') {
        a.push(value(',]'));
        if (s[i] === ',') i++;
        while (s[i] === ' ') i++;
      }
      i++;
      return a;
    }
    const start = i;
    while (i < s.length && !stops.includes(s[i] as string)) i++;
    const text = s.slice(start, i).trim();
    return text === 'null' ? null : text;
  };
  return value('');
}

/** Rebuilds a CloudTrail record from one result row (a list of one-column maps). */
export function rowToRecord(row: Record<string, string>[]): Record<string, unknown> {
  const rec: Record<string, unknown> = {};
  for (const cell of row) {
    for (const [col, val] of Object.entries(cell)) {
      const v = parseLakeCell(col, val);
      if (v !== undefined) rec[canon(col, false)] = v;
    }
  }
  return recase(rec) as Record<string, unknown>;
}

const TERMINAL_FAIL = new Set(['FAILED', 'CANCELLED', 'TIMED_OUT']);
// Store states that still answer queries (a store that stopped ingesting keeps what it holds).
const QUERYABLE = new Set(['ENABLED', 'STARTING_INGESTION', 'STOPPING_INGESTION', 'STOPPED_INGESTION']);

/**
 * The store's retention in days and whether it can be queried, from GetEventDataStore. Undefined when that call
 * is not allowed: the check is a refinement, and StartQuery still says whether the store exists.
 */
async function retention(
  ctx: SourceContext,
  store: string,
  opts: { abortSignal?: AbortSignal },
  retry: Parameters<typeof retryThrottled>[1],
): Promise<{ days?: number; status: string; readable: boolean } | undefined> {
  try {
    const d = await retryThrottled(
      async () =>
        (await ctx.deps.clients.cloudtrail()).send(
          new GetEventDataStoreCommand({ EventDataStore: store }),
          opts,
        ),
      retry,
    );
    const status = d.Status ?? 'ENABLED';
    return {
      ...(d.RetentionPeriod ? { days: d.RetentionPeriod } : {}),
      status,
      readable: QUERYABLE.has(status),
    };
  } catch (err) {
    if (!isAccessDenied(err)) throw err;
    ctx.deps.logger.warning(
      `lake ${store}: could not check the store's retention (cloudtrail:GetEventDataStore denied); a window older than it would come back empty`,
    );
    return undefined;
  }
}

/** Errors that mean the event data store holds nothing this run can read: the scope is not read, not cut short. */
const STORE_NOT_READABLE: Record<string, string> = {
  EventDataStoreNotFoundException: 'no such event data store',
  InactiveEventDataStoreException: 'the event data store is not enabled',
};
// TODO(athena): `source: athena` keeps the same discipline when it lands: an unknown database/table
// (EntityNotFoundException / "Table not found") or a window before the table's first partition is
// `scope.notRead(...)` with the table as `location`, never an empty result.

/** The `lake` source: one query on the event data store, polled with backoff, every result page read. */
export function lakeSource(ctx: SourceContext): AsyncGenerator<TrailEvent[]> {
  const { config, deps, win, scopes } = ctx;
  const { logger, clock, signal } = deps;
  const tuning = deps.tuning ?? {};
  return (async function* () {
    const store = config.source.eventDataStore;
    if (!store)
      throw new StageError(
        'sources',
        'source `lake` needs `event-data-store` (the event data store ARN or ID)',
      );
    const scope = new Scope('lake', store);
    scope.report.location = store;
    scopes.push(scope);
    const sql = buildLakeQuery(store, win, config.filters);
    const client = await deps.clients.cloudtrail();
    const opts = signal ? { abortSignal: signal } : {};
    const retry = { clock, attempts: tuning.throttleAttempts ?? 8, ...(signal ? { signal } : {}) };
    let stage = 'GetEventDataStore';
    try {
      const kept = await retention(ctx, store, opts, retry);
      const nowMs = clock.now().getTime();
      if (kept && !kept.readable) {
        scope.notRead(
          `${store}: not read: the event data store is ${kept.status} and cannot be queried. Check \`event-data-store\``,
        );
        scope.done = true;
        logger.warning(`lake ${scope.report.errors[0] ?? ''}`);
        return;
      }
      const oldestMs = kept?.days ? nowMs - kept.days * 86_400_000 : undefined;
      if (oldestMs !== undefined && win.endMs <= oldestMs) {
        scope.notRead(
          `${store}: not read: the window ends before the oldest event the store keeps (${kept?.days}-day retention: nothing before ${new Date(oldestMs).toISOString()}). Use \`source: s3\` for older windows`,
        );
        scope.done = true;
        logger.warning(`lake ${scope.report.errors[0] ?? ''}`);
        return;
      }
      stage = 'StartQuery';
      logger.debug(`lake: ${sql}`);
      const started = await retryThrottled(
        () => client.send(new StartQueryCommand({ QueryStatement: sql }), opts),
        retry,
      );
      const queryId = started.QueryId;
      if (!queryId) throw new Error('StartQuery returned no QueryId');
      stage = 'DescribeQuery';
      let delay = tuning.lakePollMs ?? 1000;
      const deadline = clock.now().getTime() + 60 * 60_000;
      for (;;) {
        const d = await retryThrottled(
          () => client.send(new DescribeQueryCommand({ QueryId: queryId }), opts),
          retry,
        );
        const status = d.QueryStatus ?? 'UNKNOWN';
        if (status === 'FINISHED') break;
        if (TERMINAL_FAIL.has(status))
          throw new Error(`query ${queryId} ended ${status}${d.ErrorMessage ? `: ${d.ErrorMessage}` : ''}`);
        if (clock.now().getTime() > deadline)
          throw new Error(`query ${queryId} still ${status} after an hour`);
        await clock.sleep(delay, signal);
        delay = Math.min(delay * 2, 10_000);
      }
      stage = 'GetQueryResults';
      let token: string | undefined;
      do {
        const page = await retryThrottled(
          () =>
            client.send(
              new GetQueryResultsCommand({ QueryId: queryId, ...(token ? { NextToken: token } : {}) }),
              opts,
            ),
          retry,
        );
        scope.add('pages', 1);
        const records = (page.QueryResultRows ?? []).map(rowToRecord);
        const events = toEvents(records, scope, win);
        if (events.length > 0) yield events;
        token = page.NextToken;
      } while (token);
      if (oldestMs !== undefined && win.startMs < oldestMs) {
        // The part of the window past the retention is gone from the store: the scope is partial, not complete.
        scope.fail(
          `${store}: the window before ${new Date(oldestMs).toISOString()} was not read: it is past the store's ${kept?.days}-day retention. Use \`source: s3\` for that part`,
        );
        logger.warning(`lake ${scope.report.errors[0] ?? ''}`);
      }
      scope.done = true;
      logger.info(`lake: ${scope.report.eventsRead} events in ${scope.report.pages ?? 0} result pages`);
    } catch (err) {
      scope.done = true;
      const meta = awsErrorMeta(err);
      const gone = STORE_NOT_READABLE[meta.name];
      if (gone) {
        const msg = `${store}: not read: ${gone} (${meta.name}) in ${deps.clients.region}. Check \`event-data-store\` (its ARN or ID) and that \`aws-region\` is the region the event data store is in`;
        scope.notRead(msg);
        logger.warning(`lake ${msg}`);
        return;
      }
      const msg = isAccessDenied(err)
        ? `${store}: access denied to cloudtrail:${stage} (${meta.name}); allow cloudtrail:StartQuery, DescribeQuery and GetQueryResults on the event data store`
        : `${store}: ${stage} failed: ${describeError(err)}`;
      scope.fail(msg);
      logger.warning(`lake ${msg}`);
    }
  })();
}
