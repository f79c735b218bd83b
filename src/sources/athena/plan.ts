/**
 * The queries `source: athena` sends: one for the candidate events (the union of the rules' SQL predicates) and
 * GROUP BY queries for what needs every event of the window (the statistics, the accounts and human addresses
 * the rules judge against, the digests' per-principal call counts). Every query shares one WHERE: partition
 * pruning (account, region, day), the window, and the filters SQL can apply exactly.
 */
import type { Config } from '../../config/types.js';
import type { EngineRule } from '../../detect/engine.js';
import { namePrefixes, requiredNames, type Params } from '../../detect/match.js';
import type { TimeWindow } from '../scope.js';
import type { GroupedEvents } from '../../types.js';
import {
  and,
  AWS_SERVICE_CALL_SQL,
  INSTANCE_SESSION_SQL,
  compileCondition,
  FALSE,
  likePattern,
  not,
  or,
  scalarExpr,
  TRUE,
} from './compile.js';
import { CLOUDTRAIL_COLUMNS, ident, selectExpr, sqlString, type ColumnType, type Field } from './table.js';

/** The table as Glue describes it. */
export interface TableInfo {
  database: string;
  table: string;
  /** Record fields the table has columns for (nested types as Glue lists them). */
  fields: Field[];
  columns: ReadonlySet<string>;
  /** Partition key names found, by role. */
  partitions: { account?: string; region?: string; day?: string };
}

/** Parses Glue's Hive type text (`struct<a:string,b:array<struct<c:string>>>`). */
export function parseHiveType(text: string): {
  name: string;
  fields?: { name: string; type: ReturnType<typeof parseHiveType> }[];
  of?: ReturnType<typeof parseHiveType>;
} {
  let i = 0;
  const t = text.replace(/\s+/g, '');
  const parse = (): ReturnType<typeof parseHiveType> => {
    const m = /^[a-z_]+/i.exec(t.slice(i));
    const name = (m?.[0] ?? '').toLowerCase();
    i += name.length;
    if (t[i] !== '<') return { name };
    i++;
    if (name === 'struct') {
      const fields: { name: string; type: ReturnType<typeof parseHiveType> }[] = [];
      while (i < t.length && t[i] !== '>') {
        const colon = t.indexOf(':', i);
        const fname = t.slice(i, colon).toLowerCase();
        i = colon + 1;
        fields.push({ name: fname, type: parse() });
        if (t[i] === ',') i++;
      }
      i++;
      return { name, fields };
    }
    const of = parse();
    // map<k,v>: the value type is what the record holds.
    let val = of;
    if (t[i] === ',') {
      i++;
      val = parse();
    }
    i++;
    return { name, of: val };
  };
  return parse();
}

/** A Glue column as a record field, named as CloudTrail names it where the documented table knows it. */
function toField(name: string, hive: ReturnType<typeof parseHiveType>, known: Field | undefined): Field {
  const kt = known?.type;
  const type = ((): ColumnType => {
    if (hive.name === 'struct')
      return {
        kind: 'struct',
        fields: (hive.fields ?? []).map((f) =>
          toField(
            f.name,
            f.type,
            kt?.kind === 'struct' ? kt.fields.find((k) => matches(k, f.name)) : undefined,
          ),
        ),
      };
    if (hive.name === 'array') {
      const inner = kt?.kind === 'array' ? kt.of : undefined;
      return {
        kind: 'array',
        of: toField('', hive.of ?? { name: 'string' }, inner ? { name: '', sql: '', type: inner } : undefined)
          .type,
      };
    }
    if (hive.name === 'map') return { kind: 'map' };
    // Strings: payload columns hold JSON text, `readonly` a boolean; the documented table says which.
    return kt && (kt.kind === 'json' || kt.kind === 'bool') ? kt : { kind: 'string' };
  })();
  return { name: known?.name ?? name, sql: name, type };
}

const matches = (f: Field, sqlName: string): boolean => f.sql === sqlName || f.name.toLowerCase() === sqlName;

/** What GetTable says, as the source uses it. */
export function tableInfo(
  database: string,
  table: string,
  columns: readonly { Name?: string | undefined; Type?: string | undefined }[],
  partitionKeys: readonly { Name?: string | undefined }[],
): TableInfo {
  const fields = columns
    .filter((c) => c.Name)
    .map((c) => {
      const name = (c.Name as string).toLowerCase();
      return toField(
        name,
        parseHiveType(c.Type ?? 'string'),
        CLOUDTRAIL_COLUMNS.find((k) => matches(k, name)),
      );
    });
  const keys = new Set(partitionKeys.map((k) => (k.Name ?? '').toLowerCase()));
  const partitions: TableInfo['partitions'] = {};
  if (keys.has('account')) partitions.account = 'account';
  if (keys.has('region')) partitions.region = 'region';
  if (keys.has('timestamp')) partitions.day = 'timestamp';
  return { database, table, fields, columns: new Set(fields.map((f) => f.sql)), partitions };
}

/** `YYYY/MM/DD` of a time, the `timestamp` partition's format. */
function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10).replace(/-/g, '/');
}

// Only CloudTrail's own time format is read (the archive has no other); anything else would make the cast fail the query.
const EVENT_TIME = `(CASE WHEN regexp_like(eventtime, '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$') THEN from_iso8601_timestamp(eventtime) END)`;

/** The service of an event as the filters see it (normalize.ts: the source without `.amazonaws.com`; '' when absent). */
const FILTER_SERVICE =
  "(CASE WHEN strpos(coalesce(eventsource, ''), '.amazonaws.com') > 1 THEN substr(eventsource, 1, strpos(eventsource, '.amazonaws.com') - 1) ELSE coalesce(eventsource, '') END)";

/** A case-insensitive glob list (filters.ts) as SQL over some expressions. */
function globsSql(globs: readonly string[], subjects: readonly string[]): string {
  const clean = globs.map((g) => g.trim()).filter(Boolean);
  return or(
    clean.flatMap((g) =>
      subjects.map(
        (s) => `coalesce(lower(${s}) LIKE ${sqlString(likePattern(g.toLowerCase()))} ESCAPE '\\', false)`,
      ),
    ),
  );
}

function servicePatterns(list: readonly string[]): string[] {
  return list.flatMap((s) => {
    const t = s.trim();
    return t === '' ? [] : t.endsWith('.amazonaws.com') ? [t] : [t, `${t}.amazonaws.com`];
  });
}

export interface WherePlan {
  sql: string;
  /** What pruning was possible, in words for the report. */
  pruning: string;
  /** Whether the principal filters are left to the runner (they need the principal key, computed there). */
  principalFilters: boolean;
}

/** The WHERE every query shares. */
export function whereClause(info: TableInfo, config: Config, win: TimeWindow): WherePlan {
  const parts: string[] = [];
  const pruned: string[] = [];
  const p = info.partitions;
  const { accounts, regions } = config.source;
  if (accounts.length > 0) {
    if (p.account) {
      parts.push(`${ident(p.account)} IN (${accounts.map(sqlString).join(', ')})`);
      pruned.push('account');
    } else
      parts.push(
        `coalesce(recipientaccountid, useridentity.accountid) IN (${accounts.map(sqlString).join(', ')})`,
      );
  }
  if (regions.length > 0) {
    if (p.region) {
      parts.push(`${ident(p.region)} IN (${regions.map(sqlString).join(', ')})`);
      pruned.push('region');
    } else parts.push(`awsregion IN (${regions.map(sqlString).join(', ')})`);
  }
  if (p.day) {
    // One day either side, as the S3 source reads: delivery delay and clock skew put events in neighbouring folders.
    parts.push(
      `${ident(p.day)} BETWEEN ${sqlString(day(win.startMs - 86_400_000))} AND ${sqlString(day(win.endMs - 1 + 86_400_000))}`,
    );
    pruned.push('day');
  }
  parts.push(`${EVENT_TIME} >= from_iso8601_timestamp(${sqlString(new Date(win.startMs).toISOString())})`);
  parts.push(`${EVENT_TIME} < from_iso8601_timestamp(${sqlString(new Date(win.endMs).toISOString())})`);
  // Records without a name are unusable (normalize.ts): not events, on either path.
  parts.push(`eventname <> ''`);
  const f = config.filters;
  if (!f.includeReadOnly) parts.push(`NOT coalesce(lower(readonly) = 'true', false)`);
  const svc = [FILTER_SERVICE, `coalesce(eventsource, '')`];
  if (f.includeServices.some((s) => s.trim())) parts.push(globsSql(servicePatterns(f.includeServices), svc));
  if (f.excludeServices.some((s) => s.trim()))
    parts.push(not(globsSql(servicePatterns(f.excludeServices), svc)));
  if (f.includeEvents.some((s) => s.trim())) parts.push(globsSql(f.includeEvents, ['eventname']));
  if (f.excludeEvents.some((s) => s.trim())) parts.push(not(globsSql(f.excludeEvents, ['eventname'])));
  const missing = (['account', 'region', 'day'] as const).filter((k) => !p[k]);
  const pruning =
    missing.length === 0
      ? `partitions pruned by ${pruned.length ? pruned.join(', ') : 'nothing'} (the table is partitioned by account, region and day)`
      : `the table has no ${missing.map((k) => (k === 'day' ? '`timestamp`' : `\`${k}\``)).join(', ')} partition key: Athena cannot prune on ${missing.join(', ')} and reads ${missing.includes('day') ? 'every day of the table' : 'more than the window needs'}${pruned.length ? `; pruned by ${pruned.join(', ')}` : ''}`;
  return {
    sql: and(parts),
    pruning,
    principalFilters: f.includePrincipals.some((s) => s.trim()) || f.excludePrincipals.some((s) => s.trim()),
  };
}

const NOT_FAILED = `(coalesce(errorcode, '') = '' AND coalesce(errormessage, '') = '')`;

/** How one rule is pushed down. */
export interface RulePlan {
  ruleId: string;
  /** The rule's SQL bound (a superset of its matches). */
  sql: string;
  /** True when the SQL is the rule's exact condition. */
  exact: boolean;
  /**
   * True when some condition could not be tested in SQL at all, so the rule fetches what its other conditions (in
   * the end its event names) select; false when the SQL is exact or a narrower superset (a value sought in JSON text).
   */
  fallback: boolean;
  /** Why not (the first few reasons). */
  notes: string[];
  /** What the rule fetches when it is not exact: its event names' rows, or every row. */
  fetches?: string;
}

/** Compiles every rule's match and exclude; a rule that SQL cannot express fetches its event names' rows. */
export function planRules(
  rules: readonly EngineRule[],
  params: Params,
  columns: ReadonlySet<string>,
): RulePlan[] {
  return rules.map((r) => {
    if (r.predicate) {
      // A Sigma rule: its own matcher decides (case-insensitively, with Sigma's modifiers).
      return {
        ruleId: r.id,
        sql: TRUE,
        exact: false,
        fallback: true,
        notes: ['a Sigma rule, matched by its own matcher'],
        fetches: 'every event of the window',
      };
    }
    const m = compileCondition(r.match, params, columns);
    const parts = [m.upper];
    const notes = [...m.notes];
    if (r.exclude) {
      const x = compileCondition(r.exclude, params, columns);
      parts.push(not(x.lower));
      notes.push(...x.notes.map((n) => ({ ...n, text: `exclude: ${n.text}` })));
    }
    if (!r.includeErrors) parts.push(NOT_FAILED);
    if (!r.includeAwsServices && columns.has('useridentity')) parts.push(not(AWS_SERVICE_CALL_SQL));
    // The correlator judges only instance sessions' calls (its rule's match is every role session).
    if (r.correlate === 'instance-credentials' && columns.has('useridentity') && columns.has('vpcendpointid'))
      parts.push(INSTANCE_SESSION_SQL);
    const sql = and(parts);
    const fallback = [...new Set(notes.filter((n) => n.kind === 'fallback').map((n) => n.text))];
    const superset = [...new Set(notes.filter((n) => n.kind === 'superset').map((n) => n.text))];
    const plan: RulePlan = {
      ruleId: r.id,
      sql,
      exact: notes.length === 0,
      fallback: fallback.length > 0,
      notes: (fallback.length > 0 ? fallback : superset).slice(0, 3),
    };
    if (plan.fallback) {
      const names = requiredNames(r.match);
      const prefixes = names ? undefined : namePrefixes(r.match);
      plan.fetches =
        sql === TRUE
          ? 'every event of the window'
          : names
            ? `the rows of ${[...names].slice(0, 6).join(', ')}${names.size > 6 ? ', …' : ''} that its other conditions select`
            : prefixes
              ? `the rows of ${prefixes.map((p) => `${p}*`).join(', ')} that its other conditions select`
              : 'the rows its other conditions select';
    }
    return plan;
  });
}

/** The candidate query: every column of the events some rule may match (or `extra` selects), in time order. */
export function candidateQuery(
  info: TableInfo,
  where: string,
  rules: readonly RulePlan[],
  extra: readonly string[] = [],
): string {
  const predicate = or([...rules.map((r) => r.sql), ...extra]);
  const cols = info.fields.map(selectExpr).join(', ');
  return `SELECT ${cols} FROM ${ident(info.database)}.${ident(info.table)} WHERE ${and([where, predicate === FALSE ? FALSE : predicate])} ORDER BY eventtime, eventid`;
}

/** The parts of the statistics (and rule context) each GROUP BY query counts. */
export type GroupedPart = GroupedEvents['part'];

/** One GROUP BY query: its SQL and how a row becomes the (partial) record of the events it stands for. */
export interface GroupedQuery {
  part: GroupedPart;
  sql: string;
  /** The shared fields of the row's events, as a CloudTrail record (with a placeholder time and name where absent). */
  record(row: ReadonlyMap<string, string | undefined>): Record<string, unknown>;
  /** The call figures of a `principalCalls` row. */
  calls?(row: ReadonlyMap<string, string | undefined>): NonNullable<GroupedEvents['calls']>;
  /** The per-principal figures of a `principals` row. */
  detail?(row: ReadonlyMap<string, string | undefined>): NonNullable<GroupedEvents['principal']>;
}

/**
 * The identity columns the principal key, type and the filters read (normalize.ts). Unless the principal filters
 * need them, a role session's own ARN and id are dropped where the issuer's ARN decides the key: a row per role,
 * not per session.
 */
function identityColumns(keepSessions: boolean): [string, string][] {
  const issuerDecides =
    "(useridentity.type IN ('AssumedRole', 'FederatedUser') AND useridentity.sessioncontext.sessionissuer.arn <> '' AND coalesce(useridentity.accountid, '') <> '')";
  const perSession = (col: string): string =>
    keepSessions ? col : `(CASE WHEN ${issuerDecides} THEN NULL ELSE ${col} END)`;
  return [
    ['ui_type', 'useridentity.type'],
    ['ui_arn', perSession('useridentity.arn')],
    ['ui_principalid', perSession('useridentity.principalid')],
    ['ui_accountid', 'useridentity.accountid'],
    ['ui_username', 'useridentity.username'],
    ['ui_invokedby', 'useridentity.invokedby'],
    ['ui_issuer_arn', 'useridentity.sessioncontext.sessionissuer.arn'],
    ['ui_issuer_name', 'useridentity.sessioncontext.sessionissuer.username'],
    ['ui_issuer_type', 'useridentity.sessioncontext.sessionissuer.type'],
    ['ui_obo_userid', 'useridentity.onbehalfof.userid'],
    ['ui_obo_store', 'useridentity.onbehalfof.identitystorearn'],
    ['recipientaccountid', 'recipientaccountid'],
  ];
}

function identityOf(row: ReadonlyMap<string, string | undefined>): Record<string, unknown> {
  const g = (k: string): string | undefined => row.get(k);
  const drop = (o: Record<string, unknown>): Record<string, unknown> | undefined => {
    for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
    return Object.keys(o).length > 0 ? o : undefined;
  };
  const issuer = drop({ arn: g('ui_issuer_arn'), userName: g('ui_issuer_name'), type: g('ui_issuer_type') });
  const obo = drop({ userId: g('ui_obo_userid'), identityStoreArn: g('ui_obo_store') });
  return (
    drop({
      type: g('ui_type'),
      arn: g('ui_arn'),
      principalId: g('ui_principalid'),
      accountId: g('ui_accountid'),
      userName: g('ui_username'),
      invokedBy: g('ui_invokedby'),
      ...(issuer ? { sessionContext: { sessionIssuer: issuer } } : {}),
      ...(obo ? { onBehalfOf: obo } : {}),
    }) ?? {}
  );
}

/** Placeholders for parts whose rows carry no time or name (the record must still normalise). */
const PLACEHOLDER_NAME = '(grouped)';

/** The columns whose equality makes two rows one record delivered twice (the grouped queries count each once). */
const COPY_KEY = [
  'eventid',
  'eventtime',
  'eventsource',
  'eventname',
  'awsregion',
  'recipientaccountid',
  'requestid',
  'sourceipaddress',
  'useragent',
  'errorcode',
  'requestparameters',
  'responseelements',
];

/** The GROUP BY queries; `principalFilters`: the runner filters on principals, so every part carries the identity. */
export function groupedQueries(
  info: TableInfo,
  windowWhere: string,
  win: TimeWindow,
  principalFilters: boolean,
  digest = false,
): GroupedQuery[] {
  const table = `${ident(info.database)}.${ident(info.table)}`;
  const identity = identityColumns(principalFilters);
  const time = new Date(win.startMs).toISOString();
  // Each record once: CloudTrail sometimes delivers an event twice, and the S3 source counts the copy once (by its
  // bytes); rows equal in every field below are one record here.
  // Never empty: a table without eventtime and eventname is refused before any query (index.ts).
  const copyKey = COPY_KEY.filter((c) => info.columns.has(c));
  const from = `(SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY ${copyKey.join(', ')}) AS ts_copy FROM ${table} WHERE ${windowWhere}) WHERE ts_copy = 1)`;
  // The window's conditions are inside \`from\`.
  const where = TRUE;
  const q = (
    part: GroupedPart,
    dims: [string, string][],
    record: (row: ReadonlyMap<string, string | undefined>) => Record<string, unknown>,
    extraWhere?: string,
  ): GroupedQuery => {
    const select = dims.map(([alias, expr]) => `${expr} AS ${alias}`).join(', ');
    const group = dims.map((_, i) => String(i + 1)).join(', ');
    return {
      part,
      sql: `SELECT ${select}, count(*) AS n FROM ${from} WHERE ${extraWhere ? and([where, extraWhere]) : where} GROUP BY ${group} ORDER BY n DESC, ${group}`,
      record,
    };
  };
  const withIdentity = (dims: [string, string][]): [string, string][] =>
    principalFilters ? [...identity, ...dims] : dims;
  const base = (row: ReadonlyMap<string, string | undefined>, name?: string): Record<string, unknown> => {
    const rec: Record<string, unknown> = { eventTime: time, eventName: name ?? PLACEHOLDER_NAME };
    if (principalFilters || row.has('ui_type')) {
      rec.userIdentity = identityOf(row);
      const r = row.get('recipientaccountid');
      if (r !== undefined) rec.recipientAccountId = r;
    }
    return rec;
  };
  const set = (rec: Record<string, unknown>, key: string, v: string | undefined): void => {
    if (v !== undefined) rec[key] = v;
  };
  const list = (row: ReadonlyMap<string, string | undefined>, key: string): string[] => {
    try {
      const v = JSON.parse(row.get(key) ?? '[]') as unknown;
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  };
  const distinct = (expr: string): string =>
    `json_format(CAST(array_agg(DISTINCT (CASE WHEN ${expr} <> '' THEN ${expr} END)) AS JSON))`;
  const out: GroupedQuery[] = [
    // The window's calls: every table of the statistics but the per-principal ones, and the accounts rules judge
    // grants against. The principal's account decides an event's account only when the record names no recipient.
    q(
      'calls',
      withIdentity([
        ['eventsource', 'eventsource'],
        ['eventname', 'eventname'],
        ['awsregion', 'awsregion'],
        ['recipientaccountid', 'recipientaccountid'],
        ['ui_accountid', `(CASE WHEN coalesce(recipientaccountid, '') = '' THEN useridentity.accountid END)`],
        [
          'ui_arn',
          `(CASE WHEN coalesce(recipientaccountid, '') = '' AND coalesce(useridentity.accountid, '') = '' THEN useridentity.arn END)`,
        ],
        ['errorcode', 'errorcode'],
        ['readonly', 'readonly'],
      ]).filter((d, i, all) => all.findIndex((x) => x[0] === d[0]) === i),
      (row) => {
        const rec = base(row, row.get('eventname'));
        if (!principalFilters) {
          const ui: Record<string, string> = {};
          if (row.get('ui_accountid') !== undefined) ui.accountId = row.get('ui_accountid') as string;
          if (row.get('ui_arn') !== undefined) ui.arn = row.get('ui_arn') as string;
          rec.userIdentity = ui;
          set(rec, 'recipientAccountId', row.get('recipientaccountid'));
        }
        set(rec, 'eventSource', row.get('eventsource'));
        set(rec, 'awsRegion', row.get('awsregion'));
        set(rec, 'errorCode', row.get('errorcode'));
        const ro = row.get('readonly');
        if (ro !== undefined) rec.readOnly = ro === 'true' ? true : ro === 'false' ? false : ro;
        return rec;
      },
    ),
    // Per principal: events, errors, writes, and the distinct services, regions and addresses it used.
    {
      part: 'principals',
      sql: `SELECT ${identity.map(([a, e]) => `${e} AS ${a}`).join(', ')}, count(*) AS n, count_if(errorcode <> '') AS errors, count_if(regexp_like(errorcode, '(?i)AccessDenied|UnauthorizedOperation|UnauthorizedAccess|Forbidden|NotAuthorized')) AS denied, count_if(lower(readonly) = 'false') AS writes, json_format(CAST(array_agg(DISTINCT ${FILTER_SERVICE}) AS JSON)) AS services, ${distinct('awsregion')} AS regions, ${distinct('sourceipaddress')} AS ips FROM ${from} WHERE ${where} GROUP BY ${identity.map((_, i) => String(i + 1)).join(', ')} ORDER BY n DESC, ${identity.map((_, i) => String(i + 1)).join(', ')}`,
      record: (row) => base(row),
      detail: (row) => ({
        errors: Number(row.get('errors') ?? '0'),
        accessDenied: Number(row.get('denied') ?? '0'),
        writes: Number(row.get('writes') ?? '0'),
        services: list(row, 'services'),
        regions: list(row, 'regions'),
        sourceIps: list(row, 'ips'),
      }),
    },
    // Source addresses, and whether a person (instance-credentials.ts isHuman) used them: the correlator compares
    // instance sessions' addresses with people's.
    q(
      'sourceIps',
      withIdentity([
        ['sourceipaddress', 'sourceipaddress'],
        ['vpce', 'vpcendpointid'],
        [
          'human',
          `(CASE WHEN useridentity.type IN ('IAMUser', 'Root', 'IdentityCenterUser', 'FederatedUser', 'SAMLUser', 'WebIdentityUser') OR (useridentity.type = 'AssumedRole' AND starts_with(useridentity.sessioncontext.sessionissuer.username, 'AWSReservedSSO_')) THEN 'y' ELSE 'n' END)`,
        ],
      ]),
      (row) => {
        const rec = base(row);
        // Without the identity, the row says only whether a person made the calls: a stand-in type says so.
        if (!principalFilters)
          rec.userIdentity = { type: row.get('human') === 'y' ? 'IAMUser' : 'AWSService' };
        set(rec, 'sourceIPAddress', row.get('sourceipaddress'));
        set(rec, 'vpcEndpointId', row.get('vpce'));
        return rec;
      },
      `sourceipaddress <> ''`,
    ),
    q(
      'userAgents',
      withIdentity([['useragent', 'useragent']]),
      (row) => {
        const rec = base(row);
        set(rec, 'userAgent', row.get('useragent'));
        return rec;
      },
      `useragent <> ''`,
    ),
    q(
      'hours',
      withIdentity([
        ['hour', 'substr(eventtime, 1, 13)'],
        ['failed', `(CASE WHEN errorcode <> '' THEN 'y' ELSE 'n' END)`],
      ]),
      (row) => {
        const rec = base(row);
        rec.eventTime = `${row.get('hour') ?? ''}:00:00Z`;
        if (row.get('failed') === 'y') rec.errorCode = 'grouped';
        return rec;
      },
    ),
    q(
      'logins',
      withIdentity([
        ['ui_type', 'useridentity.type'],
        ['outcome', `json_extract_scalar(responseelements, '$.ConsoleLogin')`],
        ['errorcode', 'errorcode'],
        ['mfa', `json_extract_scalar(additionaleventdata, '$.MFAUsed')`],
      ]).filter((d, i, all) => all.findIndex((x) => x[0] === d[0]) === i),
      (row) => {
        const rec = base(row, 'ConsoleLogin');
        rec.userIdentity = {
          ...(rec.userIdentity as object | undefined),
          ...(row.get('ui_type') ? { type: row.get('ui_type') } : {}),
        };
        const outcome = row.get('outcome');
        if (outcome !== undefined) rec.responseElements = { ConsoleLogin: outcome };
        set(rec, 'errorCode', row.get('errorcode'));
        const mfa = row.get('mfa');
        if (mfa !== undefined) rec.additionalEventData = { MFAUsed: mfa };
        return rec;
      },
      `eventname = 'ConsoleLogin'`,
    ),
  ];
  if (digest) {
    // The digests' per-principal call counts (only when a model reads them).
    const dims: [string, string][] = [
      ...identity,
      ['eventsource', 'eventsource'],
      ['eventname', 'eventname'],
    ];
    const group = dims.map((_, i) => String(i + 1)).join(', ');
    out.push({
      part: 'principalCalls',
      sql: `SELECT ${dims.map(([a, e]) => `${e} AS ${a}`).join(', ')}, count(*) AS n, count_if(errorcode <> '') AS errors, count_if(coalesce(lower(readonly), '') = 'false') AS writes, min(eventtime) AS first, max(eventtime) AS last FROM ${from} WHERE ${where} GROUP BY ${group} ORDER BY n DESC, ${group}`,
      record: (row) => {
        const rec = base(row, row.get('eventname'));
        set(rec, 'eventSource', row.get('eventsource'));
        set(rec, 'eventTime', row.get('first'));
        return rec;
      },
      calls: (row) => ({
        errors: Number(row.get('errors') ?? '0'),
        writes: Number(row.get('writes') ?? '0'),
        firstMs: Date.parse(row.get('first') ?? ''),
        lastMs: Date.parse(row.get('last') ?? ''),
      }),
    });
  }
  if (info.columns.has('resources'))
    out.push(
      q(
        'resources',
        withIdentity([['resources', 'json_format(CAST(resources AS JSON))']]),
        (row) => {
          const rec = base(row);
          const text = row.get('resources');
          try {
            const list = text ? (JSON.parse(text) as unknown) : undefined;
            if (Array.isArray(list))
              rec.resources = list.map((r) => {
                const o = (r ?? {}) as Record<string, unknown>;
                const res: Record<string, unknown> = {};
                if (typeof o.arn === 'string') res.ARN = o.arn;
                if (typeof o.accountid === 'string') res.accountId = o.accountid;
                if (typeof o.type === 'string') res.type = o.type;
                return res;
              });
          } catch {
            // Not JSON: counted as an event without resources.
          }
          return rec;
        },
        `cardinality(resources) > 0`,
      ),
    );
  return out;
}

/**
 * A first-seen rule run in two steps. Its matching events are counted in SQL per key and value, split at the end of
 * the warm-up; a value is new for a key that was active during the warm-up when none of its events fell in it (what
 * a pass in time order finds). Only the events of new (key, value) pairs are then fetched, and the engine is told
 * which keys had warm-up history.
 */
export interface FirstSeenPlan {
  ruleId: string;
  /** The counting query. */
  sql: string;
  /** The SQL of one (key, value) row as one string, to select the events of new pairs. */
  tupleSql: string;
  /** The key as the engine builds it from a row (principal.key is worked out on the runner). */
  keyOf(row: ReadonlyMap<string, string | undefined>, principalKey: () => string): string;
  /** The row's tuple string (what tupleSql gives for its events). */
  tupleOf(row: ReadonlyMap<string, string | undefined>): string;
  /** Whether the rows carry the identity (the key or the allow-list needs the principal). */
  identity: boolean;
}

/** concat() of any number of parts, nested in eights (engines cap its arguments). */
function concatAll(parts: readonly string[]): string {
  if (parts.length <= 8) return `concat(${parts.join(', ')})`;
  const groups: string[] = [];
  for (let i = 0; i < parts.length; i += 8) groups.push(concatAll(parts.slice(i, i + 8)));
  return concatAll(groups);
}

// Between the parts of a tuple: a character no CloudTrail value holds.
const SEP = '\u001f';

/** The two-step plan of a first-seen rule, or undefined when its SQL is not exact or a path is not a column. */
export function planFirstSeen(
  r: EngineRule,
  plan: RulePlan,
  info: TableInfo,
  where: string,
  win: TimeWindow,
): FirstSeenPlan | undefined {
  if (!r.firstSeen || !plan.exact) return undefined;
  const value = scalarExpr(r.firstSeen.value, info.columns);
  if (!value) return undefined;
  const keys: { path: string; sql?: string }[] = [];
  for (const k of r.firstSeen.key) {
    if (k === 'principal.key') keys.push({ path: k });
    else {
      const sql = scalarExpr(k, info.columns);
      if (!sql) return undefined;
      keys.push({ path: k, sql });
    }
  }
  const identity = identityColumns(true);
  const dims: [string, string][] = [
    ...identity,
    ...keys.flatMap((k, i): [string, string][] => (k.sql ? [[`k${i}`, k.sql]] : [])),
    ['v', value],
  ];
  const warmEnd = win.startMs + (win.endMs - win.startMs) * (r.firstSeen.warmupShare ?? 0.5);
  const group = dims.map((_, i) => String(i + 1)).join(', ');
  const from = `${ident(info.database)}.${ident(info.table)}`;
  const sql = `SELECT ${dims.map(([a, e]) => `${e} AS ${a}`).join(', ')}, count_if(${EVENT_TIME} < from_iso8601_timestamp(${sqlString(new Date(warmEnd).toISOString())})) AS warm, count(*) AS n FROM ${from} WHERE ${and([where, plan.sql, `${value} <> ''`])} GROUP BY ${group}`;
  const tupleSql = concatAll(
    dims.flatMap(([, e], i) => (i === 0 ? [`coalesce(${e}, '')`] : [`'${SEP}'`, `coalesce(${e}, '')`])),
  );
  return {
    ruleId: r.id,
    sql,
    tupleSql,
    identity: true,
    keyOf: (row, principalKey) =>
      keys.map((k, i) => (k.sql ? (row.get(`k${i}`) ?? '') : principalKey())).join('\u0000'),
    tupleOf: (row) => dims.map(([a]) => row.get(a) ?? '').join(SEP),
  };
}

/** The identity a first-seen row carries, as a record's userIdentity (for the principal key and the allow-list). */
export function rowIdentity(row: ReadonlyMap<string, string | undefined>): Record<string, unknown> {
  const rec: Record<string, unknown> = {
    eventTime: '1970-01-01T00:00:00Z',
    eventName: PLACEHOLDER_NAME,
    userIdentity: identityOf(row),
  };
  const r = row.get('recipientaccountid');
  if (r !== undefined) rec.recipientAccountId = r;
  return rec;
}
