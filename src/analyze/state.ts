/**
 * Run state in S3 (`state-bucket`/`state-prefix`): pending batch jobs with everything needed to finish their
 * report later (`mode: submit` / `collect`), and the `since-last-run` checkpoint. Plain JSON objects, so a
 * person can read them and a later version can migrate them.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../config/types.js';
import { AwsError, awsErrorMeta, ConfigError, describeError } from '../errors.js';
import type { ArchiveReadRecord } from '../sources/late-arrivals.js';
import type {
  ActivityStats,
  AnalysisOutcome,
  Finding,
  Report,
  SourceReport,
  WindowExplanation,
} from '../types.js';
import { reaskCutRecords, waitAndCollect, type BatchRun } from './batch-job.js';
import type { AnalyzeDeps } from './deps.js';
import { CostBudget } from './direct.js';
import { modelFamily } from './models.js';
import { costUsd, priceFor } from './pricing.js';
import type { DigestStats, EventRef } from './digest.js';
import { completeOutcome } from './outcome.js';

export const STATE_VERSION = 1;

/** A submitted batch job and the context its report needs (rule findings, stats, the events each record may cite). */
export interface PendingAnalysis {
  version: typeof STATE_VERSION;
  jobArn: string;
  jobName: string;
  modelId: string;
  outputUri: string;
  submittedAt: string;
  window: { start: string; end: string; kind: Config['window']['kind'] };
  records: { recordId: string; tokens: number; events: EventRef[] }[];
  ruleFindings: Finding[];
  stats: ActivityStats;
  digests: DigestStats;
  warnings: string[];
}

/** The `since-last-run` checkpoint: the end of the last window that was fully analysed. */
export interface Checkpoint {
  version: typeof STATE_VERSION;
  lastEnd: string;
  updatedAt: string;
}

const pendingPrefix = (prefix: string): string => `${prefix}pending/`;
const checkpointKey = (prefix: string): string => `${prefix}checkpoint.json`;
const archiveListingKey = (prefix: string): string => `${prefix}archive-listing.json`;

async function getJson<T>(s3: S3Client, bucket: string, key: string): Promise<T | undefined> {
  const { GetObjectCommand } = await import('@aws-sdk/client-s3');
  try {
    const o = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const text = await o.Body?.transformToString('utf-8');
    return text ? (JSON.parse(text) as T) : undefined;
  } catch (err) {
    const { name, status } = awsErrorMeta(err);
    if (name === 'NoSuchKey' || status === 404) return undefined;
    throw new AwsError(`Could not read s3://${bucket}/${key}`, err);
  }
}

/** Stores a pending analysis; returns its key. */
export async function savePending(
  s3: S3Client,
  bucket: string,
  prefix: string,
  p: PendingAnalysis,
): Promise<string> {
  const { PutObjectCommand } = await import('@aws-sdk/client-s3');
  const key = `${pendingPrefix(prefix)}${p.jobName}.json`;
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: JSON.stringify(p),
      ContentType: 'application/json',
    }),
  );
  return key;
}

/** Every pending analysis under the prefix (oldest first). */
export async function listPending(
  s3: S3Client,
  bucket: string,
  prefix: string,
): Promise<{ key: string; pending: PendingAnalysis }[]> {
  const { ListObjectsV2Command } = await import('@aws-sdk/client-s3');
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: pendingPrefix(prefix),
        ...(token ? { ContinuationToken: token } : {}),
      }),
    );
    for (const o of page.Contents ?? []) if (o.Key?.endsWith('.json')) keys.push(o.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  const out: { key: string; pending: PendingAnalysis }[] = [];
  for (const key of keys) {
    const p = await getJson<PendingAnalysis>(s3, bucket, key);
    if (p?.version === STATE_VERSION) out.push({ key, pending: p });
  }
  return out.sort((a, b) => (a.pending.submittedAt < b.pending.submittedAt ? -1 : 1));
}

/** One collected job: its outcome plus the rule findings, stats and window its report is built from. */
export interface CollectedAnalysis {
  pending: PendingAnalysis;
  outcome: AnalysisOutcome;
  ruleFindings: Finding[];
  stats: ActivityStats;
  window: { start: Date; end: Date };
}

/**
 * `mode: collect`: looks once at every stored job; finished ones are read, verified and summarised (their
 * state is then deleted), unfinished ones are left for a later run. Needs `state-bucket`.
 */
export async function collectPending(
  config: Config,
  deps: AnalyzeDeps,
): Promise<{ collected: CollectedAnalysis[]; stillRunning: string[] }> {
  const { DeleteObjectCommand } = await import('@aws-sdk/client-s3');
  const bucket = config.window.stateBucket;
  if (!bucket)
    throw new ConfigError(['state-bucket: required by mode: collect (it holds the submitted jobs)']);
  const s3 = await deps.clients.s3();
  const collected: CollectedAnalysis[] = [];
  const stillRunning: string[] = [];
  for (const { key, pending } of await listPending(s3, bucket, config.window.statePrefix)) {
    const items = pending.records.map((r) => ({
      record: { recordId: r.recordId, events: new Map(r.events.map((e) => [e.id, e] as const)) },
      prompt: { tokens: r.tokens },
    }));
    const outputBucket =
      /^s3:\/\/([^/]+)\//.exec(pending.outputUri)?.[1] ?? config.analysis.batchBucket ?? '';
    const run: BatchRun = {
      status: 'failed',
      job: {
        engine: 'batch',
        jobArn: pending.jobArn,
        jobName: pending.jobName,
        status: 'Submitted',
        modelId: pending.modelId,
        records: items.length,
        outputUri: pending.outputUri,
        submittedAt: pending.submittedAt,
      },
      results: [],
      inputTokens: 0,
      outputTokens: 0,
      measured: false,
      warnings: [],
    };
    // One look (timeout 0): collect never waits on a job still running, a later run will.
    const done = await waitAndCollect(
      items,
      run,
      pending.jobArn,
      false,
      { bucket: outputBucket, waitTimeoutMinutes: 0, mode: 'collect' },
      deps,
    );
    if (done.status === 'pending') {
      stillRunning.push(pending.jobArn);
      deps.logger.info(`Batch job ${pending.jobName} is still ${done.job.status}; left for a later collect.`);
      continue;
    }
    const window = { start: new Date(pending.window.start), end: new Date(pending.window.end) };
    if (done.cut?.size) {
      // Cut records are asked again in halves here too, within what the job left of max-cost-usd.
      const price = priceFor(pending.modelId, deps.prices).price;
      const spent = costUsd(price, done.inputTokens, done.outputTokens, true);
      await reaskCutRecords(
        items,
        done,
        {
          modelId: pending.modelId,
          answer: modelFamily(pending.modelId).answer,
          concurrency: config.analysis.directConcurrency,
          reask: {
            ctx: { ruleFindings: pending.ruleFindings, stats: pending.stats, window },
            recordTokenBudget: config.analysis.recordTokenBudget,
            budget: new CostBudget(Math.max(0, config.analysis.maxCostUsd - spent), price),
          },
        },
        deps,
      );
    }
    const outcome = await completeOutcome(config, deps, {
      engine: 'batch',
      status: done.status,
      run: done,
      jobs: [done.job],
      digests: pending.digests,
      knownEventIds: new Set(pending.records.flatMap((r) => r.events.map((e) => e.id))),
      ruleFindings: pending.ruleFindings,
      stats: pending.stats,
      window,
      warnings: [
        ...pending.warnings.filter((w) => !/submitted; a later run|stored at s3:/.test(w)),
        ...done.warnings,
      ],
    });
    collected.push({ pending, outcome, ruleFindings: pending.ruleFindings, stats: pending.stats, window });
    try {
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    } catch (err) {
      outcome.warnings.push(
        `Collected, but could not delete its state s3://${bucket}/${key}: ${describeError(err)}`,
      );
    }
  }
  return { collected, stillRunning };
}

/** The end of the last fully analysed window, if a checkpoint exists. */
export async function readCheckpoint(
  s3: S3Client,
  bucket: string,
  prefix: string,
): Promise<Date | undefined> {
  const c = await getJson<Checkpoint>(s3, bucket, checkpointKey(prefix));
  const t = c?.lastEnd ? Date.parse(c.lastEnd) : NaN;
  return Number.isNaN(t) ? undefined : new Date(t);
}

/**
 * Advances the checkpoint to `end`; call only after a window is fully analysed (status completed), so no window
 * is skipped. Never moves it backwards, so a late collect of an older window cannot make the next run repeat.
 */
export async function writeCheckpoint(
  s3: S3Client,
  bucket: string,
  prefix: string,
  end: Date,
  now: Date,
): Promise<boolean> {
  const { PutObjectCommand } = await import('@aws-sdk/client-s3');
  const current = await readCheckpoint(s3, bucket, prefix);
  if (current && current.getTime() >= end.getTime()) return false;
  const c: Checkpoint = { version: STATE_VERSION, lastEnd: end.toISOString(), updatedAt: now.toISOString() };
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: checkpointKey(prefix),
      Body: JSON.stringify(c),
      ContentType: 'application/json',
    }),
  );
  return true;
}

/**
 * The S3 archive objects the last `since-last-run` run listed (recent deliveries only), so the next run can tell
 * late arrivals from objects already read. Undefined when none was kept (the first run, another source).
 */
export async function readArchiveListing(
  s3: S3Client,
  bucket: string,
  prefix: string,
): Promise<ArchiveReadRecord | undefined> {
  const r = await getJson<ArchiveReadRecord>(s3, bucket, archiveListingKey(prefix));
  return r?.version === 1 && Array.isArray(r.keys) && typeof r.since === 'string' ? r : undefined;
}

/** Stores a run's archive listing; call only once its window is accepted (checkpoint moved, or submitted). */
export async function writeArchiveListing(
  s3: S3Client,
  bucket: string,
  prefix: string,
  record: ArchiveReadRecord,
): Promise<void> {
  const { PutObjectCommand } = await import('@aws-sdk/client-s3');
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: archiveListingKey(prefix),
        Body: JSON.stringify(record),
        ContentType: 'application/json',
      }),
    );
  } catch (err) {
    throw new AwsError(
      `Could not store the archive listing at s3://${bucket}/${archiveListingKey(prefix)}`,
      err,
    );
  }
}

/** What a submitted run read (coverage, counts, suppressions), so the report built at collect time is complete. */
export interface RunContext {
  version: typeof STATE_VERSION;
  /** Why the submitted window starts and ends where it does (absent from older versions' contexts). */
  window?: WindowExplanation;
  sources: SourceReport[];
  counts: { read: number; kept: number; filtered: number; duplicates: number; skipped: number };
  suppressed: Report['suppressed'];
  warnings: string[];
}

const contextKey = (prefix: string, jobName: string): string => `${prefix}context/${jobName}.json`;

/** Stores a submitted run's context beside its pending job. */
export async function saveRunContext(
  s3: S3Client,
  bucket: string,
  prefix: string,
  jobName: string,
  c: RunContext,
): Promise<void> {
  const { PutObjectCommand } = await import('@aws-sdk/client-s3');
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: contextKey(prefix, jobName),
        Body: JSON.stringify(c),
        ContentType: 'application/json',
      }),
    );
  } catch (err) {
    throw new AwsError(
      `Could not store the run's context at s3://${bucket}/${contextKey(prefix, jobName)}`,
      err,
    );
  }
}

/** Reads and deletes a submitted run's context (undefined when a pre-context version submitted it). */
export async function takeRunContext(
  s3: S3Client,
  bucket: string,
  prefix: string,
  jobName: string,
): Promise<RunContext | undefined> {
  const { DeleteObjectCommand } = await import('@aws-sdk/client-s3');
  const key = contextKey(prefix, jobName);
  const c = await getJson<RunContext>(s3, bucket, key);
  if (c) await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })).catch(() => undefined);
  return c?.version === STATE_VERSION ? c : undefined;
}
