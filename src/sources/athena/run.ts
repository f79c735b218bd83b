/**
 * Runs Athena queries: StartQueryExecution (throttling backed off), GetQueryExecution polled with backoff,
 * GetQueryResults paged; at most `concurrency` queries at once, and every query still running is stopped
 * (StopQueryExecution) when the run is cancelled or stops reading. Counts queries, rows and bytes scanned.
 */
import { randomUUID } from 'node:crypto';
import {
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type AthenaClient,
  type QueryExecution,
} from '@aws-sdk/client-athena';
import type { Clock, Logger } from '../../types.js';
import { retryThrottled } from '../pacing.js';

/** Athena bills $5 per TB scanned, at least 10 MB per query. */
export const USD_PER_TB = 5;
export const MIN_BILLED_BYTES = 10 * 1024 * 1024;

/** What a query cost: $5/TB of the bytes scanned, each query billed for at least 10 MB. */
export function queryCostUsd(bytesScanned: number): number {
  return (Math.max(bytesScanned, MIN_BILLED_BYTES) / 1024 ** 4) * USD_PER_TB;
}

/** A query that ended FAILED or CANCELLED, with Athena's reason. */
export class QueryFailed extends Error {
  constructor(
    readonly queryId: string,
    readonly state: string,
    readonly reason: string,
    readonly label: string,
  ) {
    super(`the ${label} query (${queryId}) ended ${state}${reason ? `: ${reason}` : ''}`);
    this.name = 'QueryFailed';
  }
}

export interface RunnerOptions {
  client: AthenaClient;
  clock: Clock;
  logger: Logger;
  signal?: AbortSignal;
  workgroup: string;
  database: string;
  /** S3 URI for results; undefined: the workgroup's. */
  output?: string;
  /** Queries in flight at once (Athena's default quota is 20-25 active DML queries per account and region). */
  concurrency: number;
  /** First GetQueryExecution delay; it doubles up to 5 s. */
  pollMs: number;
  /** Attempts per call when throttled. */
  throttleAttempts: number;
}

/** One query's figures, for the report and the log. */
export interface QueryRecord {
  id: string;
  label: string;
  state: string;
  rows: number;
  bytesScanned: number;
}

/** A result page's rows: column name -> text (undefined for SQL NULL). */
export type Row = Map<string, string | undefined>;

export class AthenaRunner {
  readonly queries: QueryRecord[] = [];
  private readonly running = new Set<string>();
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** Set by close(): no query starts any more. */
  private closed = false;

  constructor(private readonly o: RunnerOptions) {}

  /** Rows returned over every query (header rows not counted). */
  get rows(): number {
    return this.queries.reduce((n, q) => n + q.rows, 0);
  }

  get bytesScanned(): number {
    return this.queries.reduce((n, q) => n + q.bytesScanned, 0);
  }

  get costUsd(): number {
    return this.queries.reduce(
      (n, q) => n + (q.state === 'SUCCEEDED' || q.bytesScanned > 0 ? queryCostUsd(q.bytesScanned) : 0),
      0,
    );
  }

  private retry(): Parameters<typeof retryThrottled>[1] {
    return {
      clock: this.o.clock,
      attempts: this.o.throttleAttempts,
      ...(this.o.signal ? { signal: this.o.signal } : {}),
      onRetry: (attempt, delay) => this.o.logger.debug(`athena: throttled, retry ${attempt} in ${delay} ms`),
    };
  }

  private async slot(): Promise<void> {
    if (this.active < this.o.concurrency) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  /** Runs one query to its end and hands back every row (pages read as they come). */
  async *run(sql: string, label: string): AsyncGenerator<Row[]> {
    await this.slot();
    if (this.closed) {
      this.release();
      throw new Error(`the ${label} query was not started: the source stopped reading`);
    }
    const opts = this.o.signal ? { abortSignal: this.o.signal } : {};
    const client = this.o.client;
    const record: QueryRecord = { id: '', label, state: 'QUEUED', rows: 0, bytesScanned: 0 };
    try {
      const started = await retryThrottled(
        () =>
          client.send(
            new StartQueryExecutionCommand({
              QueryString: sql,
              QueryExecutionContext: { Database: this.o.database, Catalog: 'AwsDataCatalog' },
              WorkGroup: this.o.workgroup,
              ...(this.o.output ? { ResultConfiguration: { OutputLocation: this.o.output } } : {}),
              // A retried start after a lost answer must not run the query twice.
              ClientRequestToken: randomUUID(),
            }),
            // Not on the run's signal: a start cut off by a cancel may still have started the query, which could
            // then not be stopped; it is stopped once its id is known instead.
          ),
        this.retry(),
      );
      const id = started.QueryExecutionId;
      if (!id) throw new Error('StartQueryExecution returned no QueryExecutionId');
      record.id = id;
      this.queries.push(record);
      this.running.add(id);
      if (this.o.signal?.aborted)
        throw this.o.signal.reason instanceof Error ? this.o.signal.reason : new Error('cancelled');
      this.o.logger.debug(`athena: ${label} query ${id}: ${sql}`);
      const exec = await this.wait(id, record);
      record.bytesScanned = exec.Statistics?.DataScannedInBytes ?? 0;
      this.running.delete(id);
      let token: string | undefined;
      let first = true;
      do {
        const page = await retryThrottled(
          () =>
            client.send(
              new GetQueryResultsCommand({
                QueryExecutionId: id,
                MaxResults: 1000,
                ...(token ? { NextToken: token } : {}),
              }),
              opts,
            ),
          this.retry(),
        );
        const names = (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((c) => c.Name ?? '');
        const raw = page.ResultSet?.Rows ?? [];
        // The first row of a SELECT's first page is the header.
        const rows = (first ? raw.slice(1) : raw).map((r) => {
          const m: Row = new Map();
          (r.Data ?? []).forEach((d, i) => m.set(names[i] ?? String(i), d.VarCharValue));
          return m;
        });
        first = false;
        record.rows += rows.length;
        if (rows.length > 0) yield rows;
        token = page.NextToken;
      } while (token);
    } finally {
      if (record.id && this.running.has(record.id)) await this.stop(record.id, record);
      this.release();
    }
  }

  /** Polls until the query ends; throws QueryFailed unless it SUCCEEDED. */
  private async wait(id: string, record: QueryRecord): Promise<QueryExecution> {
    let delay = this.o.pollMs;
    for (;;) {
      const out = await retryThrottled(
        () =>
          this.o.client.send(
            new GetQueryExecutionCommand({ QueryExecutionId: id }),
            this.o.signal ? { abortSignal: this.o.signal } : {},
          ),
        this.retry(),
      );
      const exec = out.QueryExecution ?? {};
      const state = exec.Status?.State ?? 'UNKNOWN';
      record.state = state;
      if (state === 'SUCCEEDED') return exec;
      if (state === 'FAILED' || state === 'CANCELLED') {
        record.bytesScanned = exec.Statistics?.DataScannedInBytes ?? 0;
        this.running.delete(id);
        const reason = exec.Status?.AthenaError?.ErrorMessage ?? exec.Status?.StateChangeReason ?? '';
        throw new QueryFailed(id, state, reason, record.label);
      }
      await this.o.clock.sleep(delay, this.o.signal);
      delay = Math.min(delay * 2, 5000);
    }
  }

  /** Stops a query still running (the run was cancelled or stopped reading); never throws. */
  private async stop(id: string, record: QueryRecord): Promise<void> {
    this.running.delete(id);
    try {
      // Not on the run's signal: a cancelled run must still tell Athena to stop.
      await this.o.client.send(new StopQueryExecutionCommand({ QueryExecutionId: id }));
      record.state = 'CANCELLED';
      this.o.logger.info(`athena: stopped the ${record.label} query ${id}`);
    } catch (err) {
      this.o.logger.warning(`athena: could not stop query ${id}: ${String(err)}`);
    }
  }

  /** Starts no more queries and stops those running (a query failed, or the run stopped reading). */
  async close(): Promise<void> {
    this.closed = true;
    await this.stopAll();
  }

  /** Stops every query still running. */
  async stopAll(): Promise<void> {
    await Promise.all(
      [...this.running].map((id) => {
        const r = this.queries.find((q) => q.id === id);
        return r ? this.stop(id, r) : Promise.resolve();
      }),
    );
  }
}
