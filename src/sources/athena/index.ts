/**
 * `source: athena`: the rules and statistics run in Athena over the trail archive's Glue table; only candidate
 * events (those some rule may match) come back as records, and everything that needs every event of the window
 * (statistics, the accounts and addresses rules judge against, call counts) comes back as GROUP BY rows.
 */
import { GetWorkGroupCommand } from '@aws-sdk/client-athena';
import { GetTableCommand } from '@aws-sdk/client-glue';
import { StageError, awsErrorMeta, describeError, isAccessDenied } from '../../errors.js';
import type { AthenaFigures, GroupedEvents, TrailEvent } from '../../types.js';
import { globMatcher } from '../../detect/match.js';
import type { AllowlistEntry } from '../../detect/schema.js';
import { principalMatcher } from '../../detect/suppress.js';
import type { SourceContext } from '../index.js';
import { createEventFilter } from '../filters.js';
import { normalizeRecord } from '../normalize.js';
import { retryThrottled } from '../pacing.js';
import { Scope, toEvents } from '../scope.js';
import { AthenaRunner, QueryFailed, type Row } from './run.js';
import {
  candidateQuery,
  groupedQueries,
  planFirstSeen,
  planRules,
  rowIdentity,
  tableInfo,
  whereClause,
  type FirstSeenPlan,
  type GroupedQuery,
  type RulePlan,
  type TableInfo,
} from './plan.js';
import { and } from './compile.js';
import { rowToRecord, sqlString } from './table.js';

/** What the pipeline hands `source: athena`: the rules to compile, and where GROUP BY rows go. */
export interface PushdownOptions {
  rules: Parameters<typeof planRules>[0];
  params: Parameters<typeof planRules>[1];
  grouped(g: GroupedEvents): void;
  /** The allow-list (first-seen rules learn only from principals it does not allow). */
  allowlist: readonly AllowlistEntry[];
  /** A first-seen rule's key with warm-up history, and its values then (Engine.learnFirstSeen). */
  learnFirstSeen(ruleId: string, key: string, values: readonly string[]): void;
  /** A model reads digests: fetch their per-principal call counts and notable events (failed calls, writes) too. */
  digest?: boolean;
}

/** What the source counted, for the stream's counts (Athena counts the window; the runner sees only candidates). */
export interface PushdownTotals {
  /** Events of the window (after the filters SQL applies). */
  events: number;
  /** Of those, dropped by the principal filters (applied on the runner). */
  filtered: number;
}

/** Characters of (key, value) pairs one first-seen rule may put in the candidate statement (Athena's limit is 256 KB). */
const PAIRS_BUDGET = 60_000;

/** Glue's answer for an unknown database or table. */
const NO_TABLE = new Set(['EntityNotFoundException']);

/** The `athena` source. */
export function athenaSource(
  ctx: SourceContext & { pushdown?: PushdownOptions; totals?: PushdownTotals },
): AsyncGenerator<TrailEvent[]> {
  const { config, deps, win, scopes } = ctx;
  const { logger, clock, signal } = deps;
  const tuning = deps.tuning ?? {};
  return (async function* () {
    const a = config.source.athena;
    if (!a) throw new StageError('sources', 'source `athena` needs `athena-table` and `athena-workgroup`');
    const pushdown = ctx.pushdown;
    if (!pushdown)
      throw new StageError('sources', 'source `athena` runs inside the pipeline, which hands it the rules');
    const name = `${a.database}.${a.table}`;
    const scope = new Scope('athena', name);
    scope.report.location = `${name} (workgroup ${a.workgroup})`;
    scopes.push(scope);
    const region = deps.clients.region;
    const retry = { clock, attempts: tuning.throttleAttempts ?? 8, ...(signal ? { signal } : {}) };
    const opts = signal ? { abortSignal: signal } : {};
    const notRead = (msg: string): void => {
      scope.notRead(msg);
      scope.done = true;
      logger.warning(`athena ${msg}`);
    };

    // The table: its columns and partition keys.
    let info: TableInfo;
    try {
      const t = await retryThrottled(
        async () =>
          (await deps.clients.glue()).send(
            new GetTableCommand({ DatabaseName: a.database, Name: a.table }),
            opts,
          ),
        retry,
      );
      const sd = t.Table?.StorageDescriptor;
      info = tableInfo(a.database, a.table, sd?.Columns ?? [], t.Table?.PartitionKeys ?? []);
    } catch (err) {
      const meta = awsErrorMeta(err);
      if (NO_TABLE.has(meta.name)) {
        notRead(
          `${name}: not read: \`athena-table\` ${name} is not in the Glue Data Catalog in ${region} (${meta.name}: ${meta.message}). Check \`athena-table\` (database.table) and \`aws-region\`; the setup kit creates the table`,
        );
        return;
      }
      notRead(
        isAccessDenied(err)
          ? `${name}: not read: access denied to glue:GetTable (${meta.name}); allow glue:GetTable and glue:GetDatabase on the catalog, database and table`
          : `${name}: not read: glue:GetTable failed: ${describeError(err)}`,
      );
      return;
    }
    if (!info.columns.has('eventtime') || !info.columns.has('eventname')) {
      notRead(
        `${name}: not read: \`athena-table\` ${name} has no eventtime/eventname columns; it is not a CloudTrail table (use the DDL AWS documents, as the setup kit does)`,
      );
      return;
    }

    // Where results go: `athena-output`, else the workgroup's own location.
    let output = a.output;
    try {
      const wg = await retryThrottled(
        async () =>
          (await deps.clients.athena()).send(new GetWorkGroupCommand({ WorkGroup: a.workgroup }), opts),
        retry,
      );
      const conf = wg.WorkGroup?.Configuration;
      const own = conf?.ResultConfiguration?.OutputLocation;
      // A workgroup that enforces its settings ignores the client's location: it is the one that counts.
      if (conf?.EnforceWorkGroupConfiguration && own) output = undefined;
      else if (!output && !own) {
        notRead(
          `${name}: not read: \`athena-workgroup\` ${a.workgroup} has no output location for query results; set \`athena-output\` to an S3 URI (such as s3://my-athena-results/trailsight/) or give the workgroup one`,
        );
        return;
      }
    } catch (err) {
      const meta = awsErrorMeta(err);
      if (meta.name === 'InvalidRequestException' || meta.name === 'ResourceNotFoundException') {
        notRead(
          `${name}: not read: \`athena-workgroup\` ${a.workgroup} does not exist in ${region} (${meta.name}: ${meta.message}). Check \`athena-workgroup\` and \`aws-region\``,
        );
        return;
      }
      if (!isAccessDenied(err) || !output) {
        notRead(
          isAccessDenied(err)
            ? `${name}: not read: access denied to athena:GetWorkGroup (${meta.name}); allow it, or set \`athena-output\``
            : `${name}: not read: athena:GetWorkGroup failed: ${describeError(err)}`,
        );
        return;
      }
    }

    const where = whereClause(info, config, win);
    const rules = planRules(pushdown.rules, pushdown.params, info.columns);
    const fallbacks = rules
      .filter((r) => r.fallback)
      .map((r) => ({ ruleId: r.ruleId, reason: r.notes.join('; '), fetches: r.fetches ?? '' }));
    if (fallbacks.length > 0)
      logger.info(
        `athena: ${fallbacks.length} of ${rules.length} rules have conditions SQL cannot test, so they fetch the rows their other conditions select (the engine matches them again): ${fallbacks
          .slice(0, 10)
          .map((f) => `${f.ruleId} (${f.reason}) fetches ${f.fetches}`)
          .join('; ')}${fallbacks.length > 10 ? '; …' : ''}`,
      );
    const grouped = groupedQueries(info, where.sql, win, where.principalFilters, pushdown.digest === true);
    // First-seen rules whose SQL is exact are counted in SQL first; only their new values' events are fetched.
    const firstSeen = new Map<string, FirstSeenPlan>();
    pushdown.rules.forEach((r, i) => {
      const fs = planFirstSeen(r, rules[i] as RulePlan, info, where.sql, win);
      if (fs) firstSeen.set(r.id, fs);
    });
    logger.info(
      `athena: ${name} in workgroup ${a.workgroup}: ${where.pruning}; ${rules.filter((r) => r.exact).length} rules pushed down exactly, ${rules.filter((r) => !r.exact && !r.fallback).length} as a narrower superset (values sought in JSON text), ${fallbacks.length} by their other conditions; ${grouped.length + 1} queries`,
    );

    const runner = new AthenaRunner({
      client: await deps.clients.athena(),
      clock,
      logger,
      ...(signal ? { signal } : {}),
      workgroup: a.workgroup,
      database: a.database,
      ...(output ? { output } : {}),
      concurrency: tuning.concurrency ?? 5,
      pollMs: tuning.lakePollMs ?? 500,
      throttleAttempts: tuning.throttleAttempts ?? 8,
    });
    const keepPrincipal = where.principalFilters
      ? createEventFilter({
          ...config.filters,
          includeServices: [],
          excludeServices: [],
          includeEvents: [],
          excludeEvents: [],
          includeReadOnly: true,
        })
      : undefined;
    const totals = ctx.totals ?? { events: 0, filtered: 0 };
    const figures: AthenaFigures = {
      table: name,
      workgroup: a.workgroup,
      queries: 0,
      rowsReturned: 0,
      candidates: 0,
      windowEvents: 0,
      bytesScanned: 0,
      costUsd: 0,
      pruning: where.pruning,
      fallbacks,
    };
    const settle = (): void => {
      figures.queries = runner.queries.length;
      figures.rowsReturned = runner.rows;
      figures.bytesScanned = runner.bytesScanned;
      figures.costUsd = runner.costUsd;
      figures.windowEvents = totals.events;
      scope.report.athena = figures;
      scope.report.bytes = runner.bytesScanned;
      scope.report.eventsRead = totals.events;
    };
    // Candidates are read into a scope of their own: what the report counts as read is the window, from Athena.
    const candidateScope = new Scope('athena', name);
    const all = async (q: GroupedQuery): Promise<Row[]> => {
      const rows: Row[] = [];
      for await (const page of runner.run(q.sql, q.part)) rows.push(...page);
      return rows;
    };
    let cand: AsyncGenerator<Row[]> | undefined;
    // Every query's promise: the source ends only once each has ended or been stopped in Athena.
    const pending: Promise<unknown>[] = [];
    try {
      // The first-seen counts and the GROUP BY queries start at once (the runner keeps to its concurrency); the
      // candidates follow as soon as the first-seen rules know which of their events to fetch.
      const counted = [...firstSeen.values()].map((fs) => {
        const p = (async () => {
          const rows: Row[] = [];
          for await (const page of runner.run(fs.sql, `first-seen ${fs.ruleId}`)) rows.push(...page);
          return rows;
        })();
        p.catch(() => undefined);
        pending.push(p);
        return { fs, p };
      });
      const groups = grouped.map((q) => {
        const p = all(q);
        p.catch(() => undefined);
        pending.push(p);
        return { q, p };
      });
      const narrowed = new Map<string, string>();
      const more: string[] = [];
      for (const { fs, p } of counted) {
        const found = newValues(
          fs,
          await p,
          allowFor(pushdown.allowlist, fs.ruleId),
          pushdown.learnFirstSeen,
        );
        // Athena takes statements up to 256 KB: the pairs go in slices, the first with the other rules' candidates,
        // the rest in queries of their own (events another rule also selects come twice; de-duplication drops one).
        const slices = slicesOf(found.tuples.map(sqlString), PAIRS_BUDGET);
        const rule = rules.find((r) => r.ruleId === fs.ruleId) as RulePlan;
        narrowed.set(fs.ruleId, slices[0] === undefined ? 'FALSE' : `${fs.tupleSql} IN (${slices[0]})`);
        for (const slice of slices.slice(1))
          more.push(
            candidateQuery(info, where.sql, [
              { ...rule, sql: and([rule.sql, `${fs.tupleSql} IN (${slice})`]) },
            ]),
          );
      }
      const candidates = candidateQuery(
        info,
        where.sql,
        rules.map((r) => {
          const extra = narrowed.get(r.ruleId);
          return extra === undefined ? r : { ...r, sql: and([r.sql, extra]) };
        }),
        // The digests keep failed calls and writes verbatim (the earliest few of each call): they are candidates too.
        pushdown.digest ? [`(errorcode <> '' OR coalesce(lower(readonly), '') <> 'true')`] : [],
      );
      cand = runner.run(candidates, 'candidates');
      const first = cand.next();
      first.catch(() => undefined);
      for (const { q, p } of groups) {
        const rows = await p;
        for (const row of rows) {
          const n = Number(row.get('n') ?? '0');
          const r = normalizeRecord(q.record(row));
          if (!r.event || !(n > 0)) continue;
          if (keepPrincipal && !keepPrincipal(r.event)) {
            if (q.part === 'calls') totals.filtered += n;
            continue;
          }
          if (q.part === 'calls') totals.events += n;
          pushdown.grouped({
            part: q.part,
            event: r.event,
            n,
            ...(q.detail ? { principal: q.detail(row) } : {}),
            ...(q.calls ? { calls: q.calls(row) } : {}),
          });
        }
        if (q.part === 'calls') totals.events += totals.filtered;
      }
      const read = (rows: Row[]): TrailEvent[] => {
        scope.add('pages', 1);
        const events = toEvents(
          rows.map((row) => rowToRecord(row, info.fields)),
          candidateScope,
          win,
        );
        figures.candidates += events.length;
        return events;
      };
      for (let page = await first; !page.done; page = await cand.next()) {
        const events = read(page.value);
        if (events.length > 0) yield events;
      }
      for (const sql of more)
        for await (const page of runner.run(sql, 'candidates (first-seen pairs)')) {
          const events = read(page);
          if (events.length > 0) yield events;
        }
      for (const [k, v] of Object.entries(candidateScope.report.skipped)) scope.skip(k, v);
      scope.done = true;
      settle();
      logger.info(
        `athena: ${figures.windowEvents} events in the window; ${figures.candidates} candidate events and ${figures.rowsReturned} rows in all from ${figures.queries} queries (${runner.queries.map((q) => `${q.label} ${q.rows}`).join(', ')}); ${figures.bytesScanned} bytes scanned ($${figures.costUsd.toFixed(4)})`,
      );
    } catch (err) {
      scope.done = true;
      const meta = awsErrorMeta(err);
      const cancelled = signal?.aborted === true;
      let msg: string;
      if (cancelled)
        msg = `${name}: not read to the end: the run was cancelled and its Athena queries stopped (StopQueryExecution)`;
      else if (err instanceof QueryFailed && /TABLE_NOT_FOUND|SCHEMA_NOT_FOUND/.test(err.reason)) {
        settle();
        notRead(
          `${name}: not read: ${err.message}. Check \`athena-table\` (database.table) and that the workgroup's catalog holds it`,
        );
        return;
      } else if (err instanceof QueryFailed)
        msg = `${name}: not read to the end: ${err.message}. Check \`athena-table\`, \`athena-workgroup\` and \`athena-output\` (Athena must be allowed to write there)`;
      else if (isAccessDenied(err))
        msg = `${name}: not read to the end: access denied (${meta.name}); allow athena:StartQueryExecution, GetQueryExecution, GetQueryResults and StopQueryExecution in workgroup ${a.workgroup}, S3 read on the archive and write on the results location`;
      else msg = `${name}: not read to the end: ${describeError(err)}`;
      scope.fail(msg);
      logger.warning(`athena ${msg}`);
      settle();
    } finally {
      await cand?.return(undefined);
      // Whatever is still queued or running is not needed any more (a query failed, or the run stopped reading).
      await runner.close();
      await Promise.allSettled(pending);
      await runner.stopAll();
      settle();
    }
  })();
}

/** SQL literals joined with commas, in slices of at most `budget` characters. */
function slicesOf(literals: readonly string[], budget: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const l of literals) {
    if (cur !== '' && cur.length + l.length + 2 > budget) {
      out.push(cur);
      cur = '';
    }
    cur = cur === '' ? l : `${cur}, ${l}`;
  }
  if (cur !== '') out.push(cur);
  return out;
}

/** The allow-list entries that apply to a rule, as one test on a principal. */
function allowFor(list: readonly AllowlistEntry[], ruleId: string): (p: TrailEvent['principal']) => boolean {
  const ms = list
    .filter((a) => !a.rules || a.rules.some((g) => globMatcher(g, true)(ruleId)))
    .map((a) => principalMatcher(a.principal));
  return (p) => ms.some((m) => m(p));
}

/**
 * From a first-seen rule's counts: the keys with warm-up history (told to the engine) and the rows of values new
 * to such a key (no event of the pair in the warm-up), as tuple strings.
 */
function newValues(
  fs: FirstSeenPlan,
  rows: readonly Row[],
  allowed: (p: TrailEvent['principal']) => boolean,
  learn: (ruleId: string, key: string, values: readonly string[]) => void,
): { tuples: string[] } {
  const keyed: { key: string; value: string; warm: boolean; tuple: string }[] = [];
  for (const row of rows) {
    const ev = normalizeRecord(rowIdentity(row)).event;
    if (!ev || allowed(ev.principal)) continue;
    keyed.push({
      key: fs.keyOf(row, () => ev.principal.key),
      value: row.get('v') ?? '',
      warm: Number(row.get('warm') ?? '0') > 0,
      tuple: fs.tupleOf(row),
    });
  }
  const warmValues = new Map<string, Set<string>>();
  for (const k of keyed)
    if (k.warm) (warmValues.get(k.key) ?? warmValues.set(k.key, new Set()).get(k.key))?.add(k.value);
  const history = new Set(warmValues.keys());
  const warmPairs = new Set(keyed.filter((k) => k.warm).map((k) => `${k.key}\u0000${k.value}`));
  for (const [k, values] of warmValues) learn(fs.ruleId, k, [...values].sort());
  const fresh = keyed.filter((k) => history.has(k.key) && !warmPairs.has(`${k.key}\u0000${k.value}`));
  return { tuples: [...new Set(fresh.map((k) => k.tuple))] };
}
