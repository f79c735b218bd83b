/**
 * The batch engine: digest records as JSONL in S3, one Bedrock model invocation job (found again, not paid
 * twice, when the same input is submitted again), polled with backoff, its outputs and manifest read back.
 */
import type { GetModelInvocationJobCommandOutput } from '@aws-sdk/client-bedrock';
import { createHash } from 'node:crypto';
import type { RunMode } from '../config/types.js';
import { AwsError, describeError } from '../errors.js';
import type { JobRecord } from '../types.js';
import type { DigestRecord } from './digest.js';
import type { AnalyzeDeps } from './deps.js';
import {
  converseCaller,
  recoverCut,
  type EngineRun,
  type ReaskOptions,
  type RecordOutcome,
} from './direct.js';
import { modelFamily, type AnswerFormat } from './models.js';
import { parseAnswer, readAnswer, replyOf, type ModelReply, type RecordAnswer } from './parse.js';
import { converseBody, messagesBody, preview, recordTextOf, type BuiltPrompt } from './prompt.js';
import { estimateTokens } from './tokens.js';

/** `converse`: Converse request bodies (`modelInvocationType: Converse`, any model); `messages`: Anthropic Messages (InvokeModel). */
export type BatchRecordFormat = 'converse' | 'messages';

/** Anthropic models get their native Messages body (InvokeModel, the long-standing default); others Converse. */
export function defaultRecordFormat(modelId: string): BatchRecordFormat {
  return modelFamily(modelId).batchFormat;
}

export interface BatchOptions {
  modelId: string;
  roleArn: string;
  bucket: string;
  /** Key prefix, '' or ending in '/'. */
  prefix: string;
  waitTimeoutMinutes: number;
  mode: RunMode;
  format: BatchRecordFormat;
  /** Forced findings tool or JSON text (see models.ts); default: the model family's. */
  answer?: AnswerFormat;
  /** Bedrock's batch quotas when the account's differ from the defaults. */
  quotas?: BatchQuotas;
  /** First and longest wait between status polls. */
  pollInitialMs?: number;
  pollMaxMs?: number;
}

/** What reading a job's output needs of each record: its id, the events it may cite, its estimated tokens. */
export interface CollectItem {
  record: Pick<DigestRecord, 'recordId' | 'events'>;
  prompt: { tokens: number };
}

export interface BatchRun extends EngineRun {
  status: 'completed' | 'partial' | 'pending' | 'failed';
  /** The (first) job; `jobs` lists every job of a window split over several, with the records each holds. */
  job: JobRecord;
  jobs?: { job: JobRecord; recordIds: string[] }[];
  /** Records whose answer was cut at max_tokens: the prompt they were asked (from the output's modelInput). */
  cut?: Map<string, { user: string; answer: RecordAnswer }>;
}

/** The window's status from its records: complete only when every record was read and nothing was lost. */
export function batchStatus(
  results: readonly RecordOutcome[],
  jobStatus: string | undefined,
): 'completed' | 'partial' | 'failed' {
  const answered = results.filter((r) => r.status !== 'failed').length;
  const whole = results.every((r) => r.status === 'analysed' && !r.lost);
  if (whole && jobStatus === 'Completed') return 'completed';
  return answered > 0 ? 'partial' : 'failed';
}

const TERMINAL = new Set(['Completed', 'PartiallyCompleted', 'Failed', 'Stopped', 'Expired']);
const FAILED_BEFORE = new Set(['Failed', 'Stopped', 'Expired']);

/**
 * Bedrock's batch inference quotas, at their default values (Service Quotas may differ per account and model):
 * "Records per input file per batch inference job", "Records per batch inference job", "Batch inference input file
 * size (in GB)", "Batch inference job size (in GB)", "Minimum number of records per batch inference job".
 */
export interface BatchQuotas {
  recordsPerFile: number;
  recordsPerJob: number;
  bytesPerFile: number;
  bytesPerJob: number;
  minRecordsPerJob: number;
}

export const BATCH_QUOTAS: BatchQuotas = {
  recordsPerFile: 50_000,
  recordsPerJob: 50_000,
  bytesPerFile: 1_000_000_000,
  bytesPerJob: 5_000_000_000,
  minRecordsPerJob: 100,
};

/** Item ranges `[start, end)`: jobs, and the input files inside each job. */
export interface BatchPlan {
  jobs: { start: number; end: number; files: { start: number; end: number }[] }[];
}

/**
 * Lays records (their JSONL line sizes, in order) out into as few jobs as the quotas allow, shared evenly so every
 * job keeps the minimum, and each job into files under the per-file limits. Throws when no layout fits.
 */
export function planBatch(sizes: readonly number[], q: BatchQuotas): BatchPlan {
  const total = sizes.reduce((n, s) => n + s, 0);
  const big = sizes.findIndex((s) => s > q.bytesPerFile);
  if (big >= 0)
    throw new Error(
      `batch record ${big + 1} is ${sizes[big]} bytes, over the ${q.bytesPerFile}-byte file quota`,
    );
  const k = Math.max(1, Math.ceil(sizes.length / q.recordsPerJob), Math.ceil(total / q.bytesPerJob));
  const target = Math.ceil(sizes.length / k);
  const jobs: BatchPlan['jobs'] = [];
  for (let i = 0; i < sizes.length;) {
    const start = i;
    const files: { start: number; end: number }[] = [];
    let jobBytes = 0;
    let fileStart = i;
    let fileBytes = 0;
    while (i < sizes.length && i - start < Math.min(target, q.recordsPerJob)) {
      const s = sizes[i] ?? 0;
      if (i > start && jobBytes + s > q.bytesPerJob) break;
      if (i > fileStart && (i - fileStart >= q.recordsPerFile || fileBytes + s > q.bytesPerFile)) {
        files.push({ start: fileStart, end: i });
        fileStart = i;
        fileBytes = 0;
      }
      jobBytes += s;
      fileBytes += s;
      i++;
    }
    files.push({ start: fileStart, end: i });
    jobs.push({ start, end: i, files });
  }
  const small = jobs.find((j) => j.end - j.start < q.minRecordsPerJob);
  if (jobs.length > 1 && small) {
    throw new Error(
      `the window's ${sizes.length} records (${total} bytes) cannot be split into batch jobs of at least ${q.minRecordsPerJob} records within ${q.recordsPerJob} records and ${q.bytesPerJob} bytes each`,
    );
  }
  return { jobs };
}

/** One JSONL line of a job's input: `{recordId, modelInput}`. */
function recordLine(prompt: BuiltPrompt, format: BatchRecordFormat, answer: AnswerFormat): string {
  return `${JSON.stringify({
    recordId: prompt.recordId,
    modelInput:
      format === 'converse'
        ? converseBody(prompt, undefined, answer)
        : messagesBody(prompt, undefined, answer),
  })}\n`;
}

/** One job's input: its items, the hash naming it (job name, idempotency token, S3 keys) and its files' bodies. */
export interface JobInput<T> {
  items: T[];
  hash: string;
  files: Buffer[];
}

/**
 * The jobs' JSONL inputs, laid out by `planBatch`. Lines are serialised once to measure, once to hash and once to
 * write, so that no array of lines or string of the whole input is held: a million-event window makes tens of MB.
 * A window that fits one job hashes as it always did (model, format, lines), so re-runs find their job again.
 */
export function batchInputs<T extends { prompt: BuiltPrompt }>(
  items: readonly T[],
  format: BatchRecordFormat,
  modelId: string,
  answer: AnswerFormat = modelFamily(modelId).answer,
  quotas: BatchQuotas = BATCH_QUOTAS,
): JobInput<T>[] {
  const line = (p: BuiltPrompt): string => recordLine(p, format, answer);
  const sizes = items.map((i) => Buffer.byteLength(line(i.prompt)));
  const plan = planBatch(sizes, quotas);
  // The answer format is part of the hash only when it is a tool call, so text-mode inputs keep their old names.
  const head = `${modelId}\n${format}\n${answer === 'tool' ? 'tool\n' : ''}`;
  return plan.jobs.map((j, n) => {
    const hash = createHash('sha256').update(head);
    if (plan.jobs.length > 1) hash.update(`job ${n + 1} of ${plan.jobs.length}\n`);
    const files = j.files.map((f) => {
      const body = Buffer.allocUnsafe(sizes.slice(f.start, f.end).reduce((a, b) => a + b, 0));
      let at = 0;
      for (let k = f.start; k < f.end; k++) {
        const l = line((items[k] as T).prompt);
        hash.update(l);
        at += body.write(l, at);
      }
      if (at !== body.length) throw new Error(`batch input: wrote ${at} of ${body.length} bytes`);
      return body;
    });
    return { items: items.slice(j.start, j.end), hash: hash.digest('hex'), files };
  });
}

/** The user turn's text in a record's `modelInput` (either format): what a cut record was asked. */
function inputUserText(modelInput: unknown): string | undefined {
  const m = (modelInput as { messages?: { content?: unknown }[] } | undefined)?.messages?.[0]?.content;
  if (typeof m === 'string') return m;
  if (!Array.isArray(m)) return undefined;
  const b = m[0] as { text?: unknown } | undefined;
  return typeof b?.text === 'string' ? b.text : undefined;
}

/** Token usage of a batch output line's answer, in either record format. */
function outputUsage(modelOutput: unknown): { input: number; output: number } | undefined {
  const u = (modelOutput as { usage?: Record<string, unknown> } | undefined)?.usage;
  if (!u) return undefined;
  const input = u.inputTokens ?? u.input_tokens;
  const output = u.outputTokens ?? u.output_tokens;
  return typeof input === 'number' && typeof output === 'number' ? { input, output } : undefined;
}

function jobIdOf(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/**
 * Submits (or finds) the job(s) for these records and, unless `mode: submit`, waits for them and reads their output.
 * A window over Bedrock's batch quotas is split into several input files and, if need be, several jobs (run side by
 * side). Once the input is built, the records' and prompts' texts are emptied: they are most of the memory a run
 * holds while a job runs (tens of MB for a big window), and nothing after needs them (answers are checked against
 * each record's events; a cut record is re-asked from the prompt its output line carries).
 */
export async function runBatch(
  items: readonly { record: DigestRecord; prompt: BuiltPrompt }[],
  opts: BatchOptions,
  deps: AnalyzeDeps,
): Promise<BatchRun> {
  const inputs = batchInputs(items, opts.format, opts.modelId, opts.answer, opts.quotas);
  for (const { record, prompt } of items) {
    record.text = '';
    prompt.system = '';
    prompt.user = '';
  }
  if (inputs.length > 1) {
    deps.logger.info(
      `The window's ${items.length} records exceed one batch job's quotas: ${inputs.length} jobs of ${inputs.map((i) => i.items.length).join(', ')} records.`,
    );
  }
  const runs = await Promise.all(inputs.map((input) => runJob(input, opts, deps)));
  return runs.length === 1 ? (runs[0] as BatchRun) : mergeRuns(runs);
}

/** Several jobs' runs as one: results and tokens added up, status the worst that matters. */
function mergeRuns(runs: BatchRun[]): BatchRun {
  const statuses = new Set(runs.map((r) => r.status));
  const status: BatchRun['status'] = statuses.has('pending')
    ? 'pending'
    : statuses.size === 1
      ? (runs[0]?.status ?? 'failed')
      : 'partial';
  const cut = new Map(runs.flatMap((r) => [...(r.cut ?? [])]));
  const merged: BatchRun = {
    status,
    job: (runs[0] as BatchRun).job,
    jobs: runs.map((r) => ({ job: r.job, recordIds: r.jobs?.[0]?.recordIds ?? [] })),
    results: runs.flatMap((r) => r.results),
    inputTokens: runs.reduce((n, r) => n + r.inputTokens, 0),
    outputTokens: runs.reduce((n, r) => n + r.outputTokens, 0),
    measured: runs.every((r) => r.measured),
    warnings: runs.flatMap((r) => r.warnings),
  };
  if (cut.size) merged.cut = cut;
  return merged;
}

/** Submits (or finds) one job and, unless `mode: submit`, waits for it and reads its output. */
async function runJob(
  input: JobInput<{ record: DigestRecord; prompt: BuiltPrompt }>,
  opts: BatchOptions,
  deps: AnalyzeDeps,
): Promise<BatchRun> {
  const { PutObjectCommand } = await import('@aws-sdk/client-s3');
  const { CreateModelInvocationJobCommand, ListModelInvocationJobsCommand } =
    await import('@aws-sdk/client-bedrock');
  const { logger, clock } = deps;
  const bedrock = await deps.clients.bedrock();
  const s3 = await deps.clients.s3();
  const items = input.items;
  let files: Buffer[] | undefined = input.files;
  const hash = input.hash;
  const short = hash.slice(0, 20);
  const baseName = `trailsight-${short}`;
  const keyBase = `${opts.prefix}${short}/`;
  // One file keeps its long-standing key; several share a folder, which the job reads whole.
  const inputKeys =
    files.length === 1
      ? [`${keyBase}input/records.jsonl`]
      : files.map((_, n) => `${keyBase}input/records-${String(n + 1).padStart(4, '0')}.jsonl`);
  const inputUri = `s3://${opts.bucket}/${files.length === 1 ? inputKeys[0] : `${keyBase}input/`}`;
  const outputUri = `s3://${opts.bucket}/${keyBase}output/`;
  const job: JobRecord = {
    engine: 'batch',
    status: 'NotSubmitted',
    modelId: opts.modelId,
    records: items.length,
    inputUri,
    outputUri,
  };
  const run: BatchRun = {
    status: 'failed',
    job,
    jobs: [{ job, recordIds: items.map((i) => i.record.recordId) }],
    results: [],
    inputTokens: 0,
    outputTokens: 0,
    measured: false,
    warnings: [],
  };
  // A job for exactly this input may exist already (a re-run, or `mode: submit` earlier): use it.
  let existing: { jobArn: string; jobName: string; status?: string }[] = [];
  try {
    const list = await bedrock.send(
      new ListModelInvocationJobsCommand({ nameContains: baseName, maxResults: 100 }),
    );
    existing = (list.invocationJobSummaries ?? [])
      .filter((j) => j.jobName === baseName || j.jobName?.startsWith(`${baseName}-`))
      .map((j) => ({
        jobArn: j.jobArn ?? '',
        jobName: j.jobName ?? '',
        ...(j.status ? { status: j.status } : {}),
      }))
      .filter((j) => j.jobArn);
  } catch (err) {
    logger.debug(
      `Could not list batch jobs to find a previous one (${describeError(err)}); relying on the idempotency token.`,
    );
  }
  const reusable = existing.find((j) => !FAILED_BEFORE.has(j.status ?? ''));
  let startedHere = false;
  let jobArn: string;
  if (reusable) {
    files = undefined;
    jobArn = reusable.jobArn;
    job.jobName = reusable.jobName;
    logger.info(
      `Batch job for this input already exists: ${reusable.jobName} (${reusable.status ?? 'unknown'}); not submitting again.`,
    );
  } else {
    // Failed attempts of the same input get a fresh name and token, or the service would hand back the failed job.
    const attempt = existing.length;
    const jobName = attempt === 0 ? baseName : `${baseName}-${attempt + 1}`;
    const token = attempt === 0 ? hash : `${hash.slice(0, 60)}-${attempt + 1}`;
    try {
      for (const [n, body] of files.entries()) {
        await s3.send(
          new PutObjectCommand({
            Bucket: opts.bucket,
            Key: inputKeys[n],
            Body: body,
            ContentType: 'application/jsonl',
          }),
        );
      }
    } catch (err) {
      throw new AwsError(`Could not write the batch input to ${inputUri}`, err);
    } finally {
      files = undefined; // uploaded (or not): tens of MB not to hold while the job runs
    }
    try {
      const created = await bedrock.send(
        new CreateModelInvocationJobCommand({
          jobName,
          roleArn: opts.roleArn,
          clientRequestToken: token,
          modelId: opts.modelId,
          inputDataConfig: { s3InputDataConfig: { s3Uri: inputUri, s3InputFormat: 'JSONL' } },
          outputDataConfig: { s3OutputDataConfig: { s3Uri: outputUri } },
          ...(opts.format === 'converse' ? { modelInvocationType: 'Converse' as const } : {}),
        }),
      );
      if (!created.jobArn) throw new Error('CreateModelInvocationJob returned no jobArn');
      jobArn = created.jobArn;
    } catch (err) {
      throw new AwsError(
        `Could not create the Bedrock batch job ${jobName} (model ${opts.modelId}, role ${opts.roleArn})`,
        err,
      );
    }
    job.jobName = jobName;
    startedHere = true;
    logger.info(`Submitted batch job ${jobName} (${items.length} records): ${jobArn}`);
  }
  job.jobArn = jobArn;
  job.status = 'Submitted';
  job.submittedAt = clock.now().toISOString();

  if (opts.mode === 'submit') {
    run.status = 'pending';
    run.warnings.push(
      `Batch job ${job.jobName} submitted; a later run with mode: collect reads its results.`,
    );
    return run;
  }
  return waitAndCollect(items, run, jobArn, startedHere, opts, deps);
}

/**
 * Polls the job with backoff until a terminal status or the wait timeout (0: look once), then reads its output.
 * `run.job` must carry the job's name and output URI; used by `runBatch` and by `mode: collect`.
 */
export async function waitAndCollect(
  items: readonly CollectItem[],
  run: BatchRun,
  jobArn: string,
  startedHere: boolean,
  opts: Pick<BatchOptions, 'bucket' | 'waitTimeoutMinutes' | 'mode' | 'pollInitialMs' | 'pollMaxMs'>,
  deps: AnalyzeDeps,
): Promise<BatchRun> {
  const { GetModelInvocationJobCommand } = await import('@aws-sdk/client-bedrock');
  const { logger, clock } = deps;
  const bedrock = await deps.clients.bedrock();
  const job = run.job;
  // Poll with backoff until a terminal status or the wait timeout.
  const deadline = clock.now().getTime() + opts.waitTimeoutMinutes * 60_000;
  let delay = opts.pollInitialMs ?? 10_000;
  const maxDelay = opts.pollMaxMs ?? 60_000;
  let last = '';
  let state: GetModelInvocationJobCommandOutput | undefined;
  let consecutiveErrors = 0;
  for (;;) {
    if (deps.signal?.aborted) return cancel(run, jobArn, startedHere, opts.mode, deps);
    try {
      state = await bedrock.send(new GetModelInvocationJobCommand({ jobIdentifier: jobArn }));
      consecutiveErrors = 0;
    } catch (err) {
      if (++consecutiveErrors >= 5) {
        // This run can no longer read the job's results; a job it started would otherwise run (and bill) on
        // unread. A job submitted for a later collect is left to that collect.
        const stopped = startedHere && opts.mode === 'run' ? await stopQuietly(jobArn, deps) : false;
        throw new AwsError(
          `Could not read the status of batch job ${job.jobName}${stopped ? ' (stopped it: this run cannot read its results)' : ''}`,
          err,
        );
      }
      logger.debug(`GetModelInvocationJob failed (${describeError(err)}); polling again`);
    }
    if (state) {
      job.status = state.status ?? 'Unknown';
      const progress = `${state.processedRecordCount ?? 0}/${state.totalRecordCount ?? items.length} records processed`;
      const line = `Batch job ${job.jobName}: ${job.status}, ${progress}`;
      if (line !== last) logger.info(line);
      last = line;
      if (TERMINAL.has(job.status)) break;
    }
    if (clock.now().getTime() >= deadline) {
      run.status = 'pending';
      run.warnings.push(
        `Batch job ${job.jobName} was still ${job.status} after wait-timeout-minutes (${opts.waitTimeoutMinutes}); its results are not in this report. A run with mode: collect reads them when it ends (${jobArn}).`,
      );
      return run;
    }
    try {
      await clock.sleep(Math.min(delay, Math.max(0, deadline - clock.now().getTime())), deps.signal);
    } catch {
      return cancel(run, jobArn, startedHere, opts.mode, deps);
    }
    delay = Math.min(maxDelay, Math.round(delay * 1.5));
  }

  if (state?.endTime) job.endedAt = state.endTime.toISOString();
  if (state?.message) job.message = state.message;
  if (job.status !== 'Completed') {
    run.warnings.push(
      `Batch job ${job.jobName} ended ${job.status}${state?.message ? `: ${preview(state.message)}` : ''}; whatever it analysed is used.`,
    );
  }
  await collectOutputs(items, run, jobArn, opts, deps);
  return run;
}

/** Stops a job, reporting instead of throwing when that fails too. */
async function stopQuietly(jobArn: string, deps: AnalyzeDeps): Promise<boolean> {
  const { StopModelInvocationJobCommand } = await import('@aws-sdk/client-bedrock');
  try {
    await (await deps.clients.bedrock()).send(new StopModelInvocationJobCommand({ jobIdentifier: jobArn }));
    deps.logger.warning(`Stopped batch job ${jobArn}: its status could not be read`);
    return true;
  } catch (err) {
    deps.logger.error(
      `Could not stop batch job ${jobArn} either; stop it in the Bedrock console: ${describeError(err)}`,
    );
    return false;
  }
}

async function cancel(
  run: BatchRun,
  jobArn: string,
  startedHere: boolean,
  mode: RunMode,
  deps: AnalyzeDeps,
): Promise<BatchRun> {
  const { StopModelInvocationJobCommand } = await import('@aws-sdk/client-bedrock');
  run.status = 'failed';
  if (startedHere && mode === 'run') {
    try {
      await (await deps.clients.bedrock()).send(new StopModelInvocationJobCommand({ jobIdentifier: jobArn }));
      run.job.status = 'Stopping';
      run.warnings.push(`Cancelled: stopped batch job ${run.job.jobName} that this run started.`);
      deps.logger.warning(`Cancelled: stopped batch job ${jobArn}`);
    } catch (err) {
      run.warnings.push(`Cancelled, but could not stop batch job ${jobArn}: ${describeError(err)}`);
    }
  } else {
    run.warnings.push(
      `Cancelled while waiting for batch job ${run.job.jobName} (not started by this run, so left running).`,
    );
  }
  return run;
}

/** Reads every `*.jsonl.out` of the job (any order) and `manifest.json.out`, and fills the run's results. */
async function collectOutputs(
  items: readonly CollectItem[],
  run: BatchRun,
  jobArn: string,
  opts: Pick<BatchOptions, 'bucket'>,
  deps: AnalyzeDeps,
): Promise<void> {
  const { GetObjectCommand, ListObjectsV2Command } = await import('@aws-sdk/client-s3');
  const s3 = await deps.clients.s3();
  const prefix = run.job.outputUri?.slice(`s3://${opts.bucket}/`.length) ?? '';
  const keys: string[] = [];
  let token: string | undefined;
  try {
    do {
      const page = await s3.send(
        new ListObjectsV2Command({
          Bucket: opts.bucket,
          Prefix: prefix,
          ...(token ? { ContinuationToken: token } : {}),
        }),
      );
      for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  } catch (err) {
    run.warnings.push(`Could not list the batch output under ${run.job.outputUri}: ${describeError(err)}`);
  }
  // Bedrock writes under <output>/<job id>/; other jobs of the same input (earlier failed attempts) are ignored.
  const jobId = jobIdOf(jobArn);
  const ours = keys.filter((k) => k.includes(`/${jobId}/`));
  const scoped = ours.length ? ours : keys;
  const outKeys = scoped.filter((k) => k.endsWith('.jsonl.out'));
  const manifestKey = scoped.find((k) => k.endsWith('manifest.json.out'));

  const answers = new Map<string, { reply?: ModelReply; user?: string; error?: string }>();
  let corrupt = 0;
  let usageIn = 0;
  let usageOut = 0;
  let usageComplete = true;
  const read = async (key: string): Promise<string | undefined> => {
    try {
      const o = await s3.send(new GetObjectCommand({ Bucket: opts.bucket, Key: key }));
      return await o.Body?.transformToString('utf-8');
    } catch (err) {
      run.warnings.push(`Could not read batch output s3://${opts.bucket}/${key}: ${describeError(err)}`);
      return undefined;
    }
  };
  for (const key of outKeys) {
    const body = await read(key);
    if (body === undefined) continue;
    for (const line of body.split('\n')) {
      if (!line.trim()) continue;
      let obj: {
        recordId?: unknown;
        modelOutput?: unknown;
        error?: { errorCode?: unknown; errorMessage?: unknown };
      };
      try {
        obj = JSON.parse(line) as typeof obj;
      } catch {
        corrupt++;
        continue;
      }
      const id = typeof obj.recordId === 'string' ? obj.recordId : undefined;
      if (!id) {
        corrupt++;
        continue;
      }
      if (answers.get(id)?.reply !== undefined) continue;
      if (obj.error) {
        answers.set(id, {
          error: `${String(obj.error.errorCode ?? 'error')}: ${preview(String(obj.error.errorMessage ?? ''), 160)}`,
        });
        continue;
      }
      const reply = replyOf(obj.modelOutput);
      if (reply === undefined) {
        answers.set(id, { error: 'output line without a model answer' });
        continue;
      }
      // A cut answer keeps what it was asked, so the record can be asked again in halves.
      const user = parseAnswer(reply).truncated
        ? inputUserText((obj as { modelInput?: unknown }).modelInput)
        : undefined;
      answers.set(id, user !== undefined ? { reply, user } : { reply });
      const u = outputUsage(obj.modelOutput);
      if (u) {
        usageIn += u.input;
        usageOut += u.output;
      } else usageComplete = false;
    }
  }
  if (corrupt)
    run.warnings.push(`${corrupt} line(s) of the batch output could not be read and were skipped.`);

  const results: RecordOutcome[] = [];
  const errors = new Map<string, number>();
  let missing = 0;
  for (const { record } of items) {
    const a = answers.get(record.recordId);
    if (!a) {
      missing++;
      results.push({
        recordId: record.recordId,
        status: 'failed',
        findings: [],
        unverified: 0,
        invalid: 0,
        error: 'no output',
      });
      continue;
    }
    if (a.reply === undefined) {
      errors.set(a.error ?? 'error', (errors.get(a.error ?? 'error') ?? 0) + 1);
      results.push({
        recordId: record.recordId,
        status: 'failed',
        findings: [],
        unverified: 0,
        invalid: 0,
        error: a.error ?? 'error',
      });
      continue;
    }
    const r = readAnswer(record, a.reply);
    if (r.ok && r.truncated) {
      results.push({
        recordId: record.recordId,
        status: 'analysed',
        findings: r.findings,
        unverified: r.unverified,
        invalid: r.invalidFindings,
        truncated: true,
        salvaged: r.findings.length,
        lost: true,
      });
      if (a.user !== undefined) (run.cut ??= new Map()).set(record.recordId, { user: a.user, answer: r });
      continue;
    }
    results.push(
      r.ok
        ? {
            recordId: record.recordId,
            status: 'analysed',
            findings: r.findings,
            unverified: r.unverified,
            invalid: r.invalidFindings,
          }
        : {
            recordId: record.recordId,
            status: 'invalid',
            findings: [],
            unverified: 0,
            invalid: 1,
            ...(r.failure ? { failure: r.failure } : {}),
          },
    );
  }
  run.results = results;
  const analysed = results.filter((r) => r.status === 'analysed').length;
  const answered = results.filter((r) => r.status !== 'failed').length;
  run.job.recordsSucceeded = answered;
  run.job.recordsFailed = results.length - answered;
  if (errors.size) {
    const top = [...errors.entries()].sort((a, b) => b[1] - a[1])[0];
    run.warnings.push(
      `${results.length - answered - missing} record(s) failed inside the batch job (most common: ${top?.[0]} x${top?.[1]}); their events were not analysed by the model.`,
    );
  }
  if (missing)
    run.warnings.push(
      `${missing} record(s) have no output from the batch job; their events were not analysed by the model.`,
    );

  // Token counts: the manifest is authoritative; else the per-record usage; else our estimate.
  let manifest: { inputTokenCount?: unknown; outputTokenCount?: unknown } | undefined;
  if (manifestKey) {
    const body = await read(manifestKey);
    try {
      if (body !== undefined) manifest = JSON.parse(body) as typeof manifest;
    } catch {
      run.warnings.push('The batch manifest (manifest.json.out) could not be parsed.');
    }
  } else if (outKeys.length) {
    run.warnings.push(
      'The batch job wrote no manifest.json.out; token counts come from the records themselves.',
    );
  }
  if (
    manifest &&
    typeof manifest.inputTokenCount === 'number' &&
    typeof manifest.outputTokenCount === 'number'
  ) {
    run.inputTokens = manifest.inputTokenCount;
    run.outputTokens = manifest.outputTokenCount;
    run.measured = true;
  } else if (answers.size && usageComplete) {
    run.inputTokens = usageIn;
    run.outputTokens = usageOut;
    run.measured = true;
  } else {
    run.inputTokens = items.reduce((n, i) => n + i.prompt.tokens, 0);
    run.outputTokens =
      usageOut +
      [...answers.values()].reduce(
        (n, a) =>
          n +
          (a.reply
            ? estimateTokens(a.reply.text + JSON.stringify(a.reply.toolCalls.map((c) => c.input)))
            : 0),
        0,
      );
    run.measured = false;
  }

  run.status = batchStatus(results, run.job.status);
  deps.logger.info(
    `Batch job ${run.job.jobName}: ${analysed}/${items.length} records analysed, ${run.inputTokens} input and ${run.outputTokens} output tokens`,
  );
}

/**
 * Asks the cut records of a finished job again as direct Converse calls, each split in two (asking the whole record
 * again would be cut again), within the budget; replaces their results and recomputes the run's status.
 */
export async function reaskCutRecords(
  items: readonly { record: Pick<DigestRecord, 'recordId' | 'events'> & Partial<DigestRecord> }[],
  run: BatchRun,
  opts: { modelId: string; answer: AnswerFormat; concurrency: number; reask: ReaskOptions },
  deps: AnalyzeDeps,
): Promise<void> {
  if (!run.cut?.size) return;
  const counters = (run.reask ??= { inputTokens: 0, outputTokens: 0 });
  const call = converseCaller({ modelId: opts.modelId, answer: opts.answer }, deps, run);
  const byId = new Map(items.map((i) => [i.record.recordId, i.record] as const));
  let reasked = 0;
  const queue = [...run.cut];
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [id, { user, answer }] = next;
      const at = run.results.findIndex((r) => r.recordId === id);
      const base = byId.get(id);
      const text = recordTextOf(user);
      if (at < 0 || !base || text === undefined || deps.signal?.aborted) continue;
      const events = [...base.events.values()];
      const record: DigestRecord = {
        recordId: id,
        text,
        tokens: estimateTokens(text),
        events: base.events,
        principals: base.principals ?? [...new Set(events.map((e) => e.principal))],
        accounts: base.accounts ?? [...new Set(events.map((e) => e.account))],
        eventsCovered: base.eventsCovered ?? events.length,
      };
      const r = await recoverCut(record, answer, call, opts.reask, deps, counters);
      if (r.reasked) reasked++;
      run.results[at] = r;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency, queue.length)) }, worker));
  delete run.cut;
  if (reasked) {
    deps.logger.info(`Re-asked ${reasked} cut batch record(s) in halves with direct Converse calls.`);
  }
  if (run.status !== 'pending') run.status = batchStatus(run.results, run.job.status);
}
