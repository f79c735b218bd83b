/**
 * Bedrock control plane (restJson1, signed as `bedrock`): batch inference jobs. Jobs read their JSONL input from
 * the twin's S3, step through Bedrock's statuses on timers (`ctx.batchStepMs` each), and write
 * `<output>/<jobId>/<file>.jsonl.out` and `manifest.json.out` as Bedrock does, answered by the scripted model.
 */
import { createHash, randomBytes } from 'node:crypto';
import { errorResponse, jsonResponse } from '../protocol.js';
import { isModelBehaviour, MODEL_BEHAVIOURS } from '../model.js';
import type {
  BatchQuotaSettings,
  Fault,
  ServiceHandler,
  TwinContext,
  TwinRequest,
  TwinResponse,
} from '../types.js';
import { invokeScripted, resolveModel } from './bedrock-runtime.js';

/** Bedrock's quota "Minimum number of records per batch inference job" (the default value). */
export const MIN_RECORDS_PER_JOB = 100;
/** Bedrock's quota "Records per input file per batch inference job" (the default for Claude models). */
export const MAX_RECORDS_PER_FILE = 50_000;
/** Bedrock's defaults for "Records per batch inference job", "Batch inference input file size (in GB)" and "… job size (in GB)". */
export const MAX_RECORDS_PER_JOB = 50_000;
export const MAX_BYTES_PER_FILE = 1_000_000_000;
export const MAX_BYTES_PER_JOB = 5_000_000_000;

/** The batch quotas in force: Bedrock's defaults, or what `POST /_twin/settings` set. */
export function batchQuotas(ctx: TwinContext): BatchQuotaSettings {
  return {
    recordsPerFile: MAX_RECORDS_PER_FILE,
    recordsPerJob: MAX_RECORDS_PER_JOB,
    bytesPerFile: MAX_BYTES_PER_FILE,
    bytesPerJob: MAX_BYTES_PER_JOB,
    ...ctx.batchQuotas,
  };
}

/** Used when CreateModelInvocationJob gives no timeoutDurationInHours. */
export const DEFAULT_TIMEOUT_HOURS = 168;

// Patterns and limits copied from the Smithy model (aws-models/bedrock-2023-04-20.json).
const JOB_NAME = /^[a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9+\-.]){0,63}$/;
const ROLE_ARN = /^arn:aws(-[^:]+)?:iam::([0-9]{12})?:role\/.+$/;
const TOKEN = /^[a-zA-Z0-9]{1,256}(-*[a-zA-Z0-9]){0,256}$/;
const S3_URI =
  /^s3:\/\/[a-z0-9][-.a-z0-9]{1,61}[a-z0-9](?:\/[-!_*'().a-z0-9A-Z]+(?:\/[-!_*'().a-z0-9A-Z]+)*)?\/?$/;
const JOB_IDENTIFIER =
  /^((arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:model-invocation-job\/)?[a-z0-9]{12})$/;
const PAGINATION_TOKEN = /^\S*$/;

export type JobStatus =
  | 'Submitted'
  | 'Validating'
  | 'Scheduled'
  | 'InProgress'
  | 'Completed'
  | 'PartiallyCompleted'
  | 'Failed'
  | 'Stopping'
  | 'Stopped'
  | 'Expired';

const TERMINAL: ReadonlySet<JobStatus> = new Set([
  'Completed',
  'PartiallyCompleted',
  'Failed',
  'Stopped',
  'Expired',
]);
const STATUSES: readonly JobStatus[] = [
  'Submitted',
  'InProgress',
  'Completed',
  'Failed',
  'Stopping',
  'Stopped',
  'PartiallyCompleted',
  'Expired',
  'Validating',
  'Scheduled',
];

interface S3Location {
  bucket: string;
  key: string;
}

interface Counts {
  totalRecordCount: number;
  processedRecordCount: number;
  successRecordCount: number;
  errorRecordCount: number;
  inputTokenCount: number;
  outputTokenCount: number;
}

/** One batch inference job as the twin tracks it. */
export interface BatchJob {
  id: string;
  arn: string;
  name: string;
  modelId: string;
  foundationModel: string;
  roleArn: string;
  clientRequestToken: string | undefined;
  invocationType: 'InvokeModel' | 'Converse';
  inputDataConfig: Record<string, unknown>;
  outputDataConfig: Record<string, unknown>;
  input: S3Location;
  output: S3Location;
  timeoutHours: number;
  vpcConfig: unknown;
  tags: unknown;
  status: JobStatus;
  message: string | undefined;
  submitTime: Date;
  lastModifiedTime: Date;
  endTime: Date | undefined;
  jobExpirationTime: Date;
  counts: Partial<Counts>;
  /** The job-outcome fault taken when the job was created (`BatchJob` operation). */
  fault: Fault | undefined;
  stopRequested: boolean;
  /** Stopped while InProgress: what ran so far is written out, as AWS keeps (and bills) it. */
  stoppedInProgress: boolean;
  outputKeys: string[];
  timer: NodeJS.Timeout | undefined;
}

interface JobState {
  jobs: Map<string, BatchJob>;
}

const states = new WeakMap<TwinContext, JobState>();

function state(ctx: TwinContext): JobState {
  let s = states.get(ctx);
  if (!s) {
    s = { jobs: new Map() };
    states.set(ctx, s);
  }
  return s;
}

/** The jobs of a twin, oldest first (for tests and the control API). */
export function batchJobs(ctx: TwinContext): BatchJob[] {
  return [...state(ctx).jobs.values()];
}

function restError(status: number, code: string, message: string): TwinResponse {
  return errorResponse('restJson1', { status, code, message });
}
const validation = (message: string): TwinResponse => restError(400, 'ValidationException', message);

/** AWS's wording for constraint violations: `N validation error(s) detected: Value 'x' at 'path' failed to satisfy constraint: …`. */
class Violations {
  private readonly items: string[] = [];
  add(path: string, value: unknown, constraint: string): void {
    const shown =
      value === undefined || value === null
        ? 'null'
        : typeof value === 'string'
          ? value
          : JSON.stringify(value);
    this.items.push(`Value '${shown}' at '${path}' failed to satisfy constraint: ${constraint}`);
  }
  pattern(path: string, value: unknown, re: RegExp): void {
    this.add(path, value, `Member must satisfy regular expression pattern: ${re.source}`);
  }
  get empty(): boolean {
    return this.items.length === 0;
  }
  message(): string {
    const n = this.items.length;
    return `${n} validation error${n === 1 ? '' : 's'} detected: ${this.items.join('; ')}`;
  }
}

function parseS3Uri(uri: string): S3Location {
  const rest = uri.slice('s3://'.length);
  const slash = rest.indexOf('/');
  return slash < 0 ? { bucket: rest, key: '' } : { bucket: rest.slice(0, slash), key: rest.slice(slash + 1) };
}

/** The input's JSONL objects: the object itself when the URI names one, else every `.jsonl` under the prefix. */
function inputFiles(ctx: TwinContext, loc: S3Location): { key: string; relative: string }[] {
  if (loc.key !== '' && !loc.key.endsWith('/') && ctx.store.get(loc.bucket, loc.key)) {
    return [{ key: loc.key, relative: loc.key.slice(loc.key.lastIndexOf('/') + 1) }];
  }
  const prefix = loc.key === '' || loc.key.endsWith('/') ? loc.key : `${loc.key}/`;
  return ctx.store
    .list(loc.bucket, prefix)
    .filter((k) => k.endsWith('.jsonl'))
    .map((key) => ({ key, relative: key.slice(prefix.length) }));
}

function lines(body: Buffer): string[] {
  return body
    .toString('utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
}

function newJobId(ctx: TwinContext): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  for (;;) {
    const id = [...randomBytes(12)].map((b) => alphabet[b % alphabet.length]).join('');
    if (!state(ctx).jobs.has(id)) return id;
  }
}

/** An 11-character alphanumeric record id, as Bedrock adds to records that have none. */
export function generatedRecordId(jobId: string, file: string, index: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const h = createHash('sha256').update(`${jobId}\u0000${file}\u0000${index}`).digest();
  return [...h.subarray(0, 11)].map((b) => alphabet[b % alphabet.length]).join('');
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function findJob(ctx: TwinContext, identifier: string): BatchJob | TwinResponse {
  if (identifier.length > 1011 || !JOB_IDENTIFIER.test(identifier)) {
    const v = new Violations();
    v.pattern('jobIdentifier', identifier, JOB_IDENTIFIER);
    return validation(v.message());
  }
  const id = identifier.slice(identifier.lastIndexOf('/') + 1);
  const job = state(ctx).jobs.get(id);
  if (!job || (identifier.startsWith('arn:') && job.arn !== identifier)) {
    return restError(
      404,
      'ResourceNotFoundException',
      `The specified model invocation job ${identifier} could not be found.`,
    );
  }
  return job;
}

function isResponse(x: BatchJob | TwinResponse): x is TwinResponse {
  return typeof x.status === 'number';
}

function describe(job: BatchJob): Record<string, unknown> {
  const out: Record<string, unknown> = {
    jobArn: job.arn,
    jobName: job.name,
    modelId: job.modelId,
    roleArn: job.roleArn,
    status: job.status,
    submitTime: job.submitTime.toISOString(),
    lastModifiedTime: job.lastModifiedTime.toISOString(),
    inputDataConfig: job.inputDataConfig,
    outputDataConfig: job.outputDataConfig,
    timeoutDurationInHours: job.timeoutHours,
    jobExpirationTime: job.jobExpirationTime.toISOString(),
    modelInvocationType: job.invocationType,
  };
  if (job.clientRequestToken !== undefined) out['clientRequestToken'] = job.clientRequestToken;
  if (job.message !== undefined) out['message'] = job.message;
  if (job.endTime) out['endTime'] = job.endTime.toISOString();
  if (job.vpcConfig !== undefined) out['vpcConfig'] = job.vpcConfig;
  for (const k of [
    'totalRecordCount',
    'processedRecordCount',
    'successRecordCount',
    'errorRecordCount',
  ] as const) {
    const v = job.counts[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

function createJob(req: TwinRequest, ctx: TwinContext): TwinResponse {
  let body: unknown;
  try {
    body = JSON.parse(req.body.toString('utf8') || '{}') as unknown;
  } catch {
    return restError(400, 'SerializationException', 'The request body is not valid JSON.');
  }
  if (!isObject(body))
    return restError(400, 'SerializationException', 'The request body must be a JSON object.');
  const v = new Violations();
  const {
    jobName,
    roleArn,
    clientRequestToken,
    modelId,
    inputDataConfig,
    outputDataConfig,
    timeoutDurationInHours,
    modelInvocationType,
  } = body;

  if (typeof jobName !== 'string') v.add('jobName', jobName, 'Member must not be null');
  else if (jobName.length < 1 || jobName.length > 63)
    v.add('jobName', jobName, 'Member must have length less than or equal to 63');
  else if (!JOB_NAME.test(jobName)) v.pattern('jobName', jobName, JOB_NAME);

  if (typeof roleArn !== 'string') v.add('roleArn', roleArn, 'Member must not be null');
  else if (roleArn.length > 2048 || !ROLE_ARN.test(roleArn)) v.pattern('roleArn', roleArn, ROLE_ARN);

  if (
    clientRequestToken !== undefined &&
    (typeof clientRequestToken !== 'string' ||
      clientRequestToken.length > 256 ||
      !TOKEN.test(clientRequestToken))
  ) {
    v.pattern('clientRequestToken', clientRequestToken, TOKEN);
  }
  if (typeof modelId !== 'string' || modelId === '') v.add('modelId', modelId, 'Member must not be null');

  const s3In = isObject(inputDataConfig) ? inputDataConfig['s3InputDataConfig'] : undefined;
  const inUri = isObject(s3In) ? s3In['s3Uri'] : undefined;
  if (!isObject(s3In)) v.add('inputDataConfig', inputDataConfig, 'Member must not be null');
  else if (typeof inUri !== 'string')
    v.add('inputDataConfig.s3InputDataConfig.s3Uri', inUri, 'Member must not be null');
  else if (inUri.length > 1024 || !S3_URI.test(inUri))
    v.pattern('inputDataConfig.s3InputDataConfig.s3Uri', inUri, S3_URI);
  if (isObject(s3In) && s3In['s3InputFormat'] !== undefined && s3In['s3InputFormat'] !== 'JSONL') {
    v.add(
      'inputDataConfig.s3InputDataConfig.s3InputFormat',
      s3In['s3InputFormat'],
      'Member must satisfy enum value set: [JSONL]',
    );
  }

  const s3Out = isObject(outputDataConfig) ? outputDataConfig['s3OutputDataConfig'] : undefined;
  const outUri = isObject(s3Out) ? s3Out['s3Uri'] : undefined;
  if (!isObject(s3Out)) v.add('outputDataConfig', outputDataConfig, 'Member must not be null');
  else if (typeof outUri !== 'string')
    v.add('outputDataConfig.s3OutputDataConfig.s3Uri', outUri, 'Member must not be null');
  else if (outUri.length > 1024 || !S3_URI.test(outUri))
    v.pattern('outputDataConfig.s3OutputDataConfig.s3Uri', outUri, S3_URI);

  if (timeoutDurationInHours !== undefined) {
    if (typeof timeoutDurationInHours !== 'number' || !Number.isInteger(timeoutDurationInHours)) {
      v.add('timeoutDurationInHours', timeoutDurationInHours, 'Member must be an integer');
    } else if (timeoutDurationInHours < 24) {
      v.add(
        'timeoutDurationInHours',
        timeoutDurationInHours,
        'Member must have value greater than or equal to 24',
      );
    } else if (timeoutDurationInHours > 168) {
      v.add(
        'timeoutDurationInHours',
        timeoutDurationInHours,
        'Member must have value less than or equal to 168',
      );
    }
  }
  if (
    modelInvocationType !== undefined &&
    modelInvocationType !== 'InvokeModel' &&
    modelInvocationType !== 'Converse'
  ) {
    v.add(
      'modelInvocationType',
      modelInvocationType,
      'Member must satisfy enum value set: [InvokeModel, Converse]',
    );
  }
  if (!v.empty) return validation(v.message());

  // Idempotency: the same token answers with the job it created, whatever else the request says.
  const token = clientRequestToken as string | undefined;
  if (token !== undefined) {
    const existing = batchJobs(ctx).find((j) => j.clientRequestToken === token);
    if (existing) return jsonResponse(200, { jobArn: existing.arn });
  }

  const role = roleArn as string;
  const roleAccount = /^arn:aws(?:-[^:]+)?:iam::(\d{12})?:/.exec(role)?.[1];
  if (roleAccount !== ctx.account) {
    return validation(
      `Amazon Bedrock cannot assume the role ${role}: only roles in account ${ctx.account} are accepted by the twin.`,
    );
  }
  const invocationType = (modelInvocationType ?? 'InvokeModel') as 'InvokeModel' | 'Converse';
  const model = resolveModel(modelId as string, 'Batch');
  if (typeof model === 'string') return validation(model);
  if (invocationType === 'InvokeModel' && !model.foundationModel.startsWith('anthropic.')) {
    return validation(
      `The twin's scripted model answers InvokeModel batch records only in the Anthropic Messages format; use modelInvocationType Converse for ${modelId as string}.`,
    );
  }
  if (Array.isArray(body['tags']) && body['tags'].length > 200)
    return validation('Member must have length less than or equal to 200 at tags');

  const input = parseS3Uri(inUri as string);
  const output = parseS3Uri(outUri as string);
  if (!ctx.store.hasBucket(input.bucket)) {
    return validation(
      `The provided S3 URI ${inUri as string} is not valid: bucket ${input.bucket} does not exist or is not accessible.`,
    );
  }
  const files = inputFiles(ctx, input);
  if (!files.length)
    return validation(`No .jsonl files were found at the input location ${inUri as string}.`);
  let total = 0;
  let bytes = 0;
  const q = batchQuotas(ctx);
  for (const f of files) {
    const body = ctx.store.get(input.bucket, f.key)?.body ?? Buffer.alloc(0);
    const n = lines(body).length;
    if (n > q.recordsPerFile) {
      return validation(
        `The input file ${f.relative} has ${n} records, more than the limit of ${q.recordsPerFile} records per input file.`,
      );
    }
    if (body.length > q.bytesPerFile) {
      return validation(
        `The input file ${f.relative} is ${body.length} bytes, more than the batch inference input file size quota (${q.bytesPerFile} bytes).`,
      );
    }
    total += n;
    bytes += body.length;
  }
  if (total > q.recordsPerJob) {
    return validation(
      `The number of records in the input (${total}) is more than the maximum number of records per batch inference job (${q.recordsPerJob}).`,
    );
  }
  if (bytes > q.bytesPerJob) {
    return validation(
      `The input is ${bytes} bytes, more than the batch inference job size quota (${q.bytesPerJob} bytes).`,
    );
  }
  if (total < MIN_RECORDS_PER_JOB) {
    return validation(
      `The number of records in the input (${total}) is less than the minimum number of records per batch inference job (${MIN_RECORDS_PER_JOB}). Add records or use on-demand inference.`,
    );
  }

  const id = newJobId(ctx);
  const now = new Date();
  const timeoutHours = (timeoutDurationInHours as number | undefined) ?? DEFAULT_TIMEOUT_HOURS;
  const job: BatchJob = {
    id,
    arn: `arn:aws:bedrock:${req.signedRegion ?? ctx.region}:${ctx.account}:model-invocation-job/${id}`,
    name: jobName as string,
    modelId: modelId as string,
    foundationModel: model.foundationModel,
    roleArn: role,
    clientRequestToken: token,
    invocationType,
    inputDataConfig: inputDataConfig as Record<string, unknown>,
    outputDataConfig: outputDataConfig as Record<string, unknown>,
    input,
    output,
    timeoutHours,
    vpcConfig: body['vpcConfig'],
    tags: body['tags'],
    status: 'Submitted',
    message: undefined,
    submitTime: now,
    lastModifiedTime: now,
    endTime: undefined,
    jobExpirationTime: new Date(now.getTime() + timeoutHours * 3_600_000),
    counts: {},
    fault: takeJobFault(ctx),
    stopRequested: false,
    stoppedInProgress: false,
    outputKeys: [],
    timer: undefined,
  };
  state(ctx).jobs.set(id, job);
  schedule(ctx, job);
  return jsonResponse(200, { jobArn: job.arn });
}

const JOB_FAULTS: ReadonlySet<string> = new Set([
  'job-failed',
  'job-expired',
  'job-stopped',
  'job-partial',
  'missing-output',
  'corrupt-output',
  'missing-manifest',
]);

/** The job-outcome fault for a new job: from `BatchJob`, or one queued on `CreateModelInvocationJob` (the server leaves those). */
function takeJobFault(ctx: TwinContext): Fault | undefined {
  const batch = ctx.faults.take('BatchJob');
  if (batch) return batch;
  const onCreate = ctx.faults.peek('CreateModelInvocationJob');
  return onCreate && JOB_FAULTS.has(onCreate.kind) ? ctx.faults.take('CreateModelInvocationJob') : undefined;
}

function setStatus(job: BatchJob, status: JobStatus, message?: string): void {
  job.status = status;
  job.lastModifiedTime = new Date();
  if (message !== undefined) job.message = message;
  if (TERMINAL.has(status)) job.endTime = job.lastModifiedTime;
}

function schedule(ctx: TwinContext, job: BatchJob): void {
  job.timer = setTimeout(() => {
    job.timer = undefined;
    try {
      step(ctx, job);
    } catch (err) {
      setStatus(
        job,
        'Failed',
        `Internal error in the twin: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    if (!TERMINAL.has(job.status)) schedule(ctx, job);
  }, ctx.batchStepMs);
  // Background jobs must never keep a test process or the CLI alive.
  job.timer.unref();
}

/** Advances a job by one status step. */
function step(ctx: TwinContext, job: BatchJob): void {
  const kind = job.fault?.kind;
  if (job.status === 'Stopping') {
    // A stop during InProgress keeps what was processed so far (AWS charges for it); earlier, nothing ran.
    if (job.stoppedInProgress) runRecords(ctx, job, 0.5);
    setStatus(job, 'Stopped', 'The job was stopped.');
    return;
  }
  switch (job.status) {
    case 'Submitted':
      setStatus(job, 'Validating');
      return;
    case 'Validating': {
      if (kind === 'job-failed') {
        setStatus(
          job,
          'Failed',
          job.fault?.message ??
            'Validation of the input failed: the service role could not read the input location.',
        );
        return;
      }
      const problem = validateInput(ctx, job);
      if (problem) {
        setStatus(job, 'Failed', problem);
        return;
      }
      setStatus(job, 'Scheduled');
      return;
    }
    case 'Scheduled':
      if (kind === 'job-expired') {
        setStatus(
          job,
          'Expired',
          job.fault?.message ??
            `The job did not start before its timeout of ${job.timeoutHours} hours and expired. Submit a new job.`,
        );
        return;
      }
      setStatus(job, 'InProgress');
      return;
    case 'InProgress': {
      if (kind === 'job-stopped') {
        job.stopRequested = true;
        job.stoppedInProgress = true;
        setStatus(job, 'Stopping');
        return;
      }
      const c = runRecords(ctx, job, 1);
      if (c.successRecordCount === 0)
        setStatus(job, 'Failed', 'Every record failed. See the error of each record in the output files.');
      else if (c.errorRecordCount > 0)
        setStatus(
          job,
          'PartiallyCompleted',
          `${c.errorRecordCount} of ${c.totalRecordCount} records failed.`,
        );
      else setStatus(job, 'Completed');
      return;
    }
    default:
      return;
  }
}

/** Checks what Bedrock checks while Validating: readable input, one JSON object per line, an output bucket. */
function validateInput(ctx: TwinContext, job: BatchJob): string | undefined {
  if (!ctx.store.hasBucket(job.output.bucket)) {
    return `The output S3 location s3://${job.output.bucket}/${job.output.key} is not accessible: bucket ${job.output.bucket} does not exist.`;
  }
  const files = inputFiles(ctx, job.input);
  if (!files.length) return 'No .jsonl files were found at the input location.';
  let total = 0;
  for (const f of files) {
    const ls = lines(ctx.store.get(job.input.bucket, f.key)?.body ?? Buffer.alloc(0));
    for (const [i, l] of ls.entries()) {
      let rec: unknown;
      try {
        rec = JSON.parse(l) as unknown;
      } catch {
        return `Invalid JSON in the input file ${f.relative} at line ${i + 1}.`;
      }
      if (!isObject(rec) || !isObject(rec['modelInput'])) {
        return `The record at line ${i + 1} of ${f.relative} has no modelInput object.`;
      }
    }
    total += ls.length;
  }
  if (total < MIN_RECORDS_PER_JOB) {
    return `The number of records in the input (${total}) is less than the minimum number of records per batch inference job (${MIN_RECORDS_PER_JOB}).`;
  }
  job.counts.totalRecordCount = total;
  return undefined;
}

/** Runs the records (all, or the first `share` of each file when a stop cut the job short) and writes the output. */
function runRecords(ctx: TwinContext, job: BatchJob, share: number): Counts {
  const fault = job.fault;
  const failFraction = fault?.kind === 'job-partial' ? Math.min(1, Math.max(0, fault.fraction ?? 0.1)) : 0;
  const counts: Counts = {
    totalRecordCount: 0,
    processedRecordCount: 0,
    successRecordCount: 0,
    errorRecordCount: 0,
    inputTokenCount: 0,
    outputTokenCount: 0,
  };
  const format = job.invocationType === 'Converse' ? 'converse' : 'anthropic';
  const outPrefix =
    job.output.key === '' || job.output.key.endsWith('/') ? job.output.key : `${job.output.key}/`;
  let index = 0;
  for (const f of inputFiles(ctx, job.input)) {
    const ls = lines(ctx.store.get(job.input.bucket, f.key)?.body ?? Buffer.alloc(0));
    counts.totalRecordCount += ls.length;
    const upTo = share >= 1 ? ls.length : Math.floor(ls.length * share);
    const out: { recordId: string; line: string }[] = [];
    for (const [i, l] of ls.slice(0, upTo).entries()) {
      const rec = JSON.parse(l) as Record<string, unknown>;
      const recordId =
        typeof rec['recordId'] === 'string' && rec['recordId'] !== ''
          ? rec['recordId']
          : generatedRecordId(job.id, f.relative, i);
      const modelInput = rec['modelInput'];
      // Spread the injected failures evenly so exactly round(n * fraction) records fail.
      const injected =
        failFraction > 0 && Math.floor((index + 1) * failFraction) > Math.floor(index * failFraction);
      index++;
      let result: Record<string, unknown> | string;
      let errorCode = 400;
      if (injected) {
        errorCode = 500;
        result = fault?.message ?? 'The model encountered an internal error while processing this record.';
      } else {
        result = invokeScripted(format, modelInput, ctx.model.behaviour, job.foundationModel);
      }
      counts.processedRecordCount++;
      if (typeof result === 'string') {
        counts.errorRecordCount++;
        out.push({
          recordId,
          line: JSON.stringify({ recordId, modelInput, error: { errorCode, errorMessage: result } }),
        });
      } else {
        counts.successRecordCount++;
        const usage = result['usage'] as Record<string, number>;
        counts.inputTokenCount += usage['inputTokens'] ?? usage['input_tokens'] ?? 0;
        counts.outputTokenCount += usage['outputTokens'] ?? usage['output_tokens'] ?? 0;
        out.push({ recordId, line: JSON.stringify({ recordId, modelInput, modelOutput: result }) });
      }
    }
    // Bedrock does not keep input order: the twin orders lines by a hash of the record id.
    const hash = (s: string): string => createHash('sha1').update(s).digest('hex');
    out.sort((a, b) => (hash(a.recordId) < hash(b.recordId) ? -1 : 1));
    let text = out.map((o) => o.line).join('\n') + (out.length ? '\n' : '');
    if (fault?.kind === 'corrupt-output') text = corrupt(out.map((o) => o.line));
    const key = `${outPrefix}${job.id}/${f.relative}.out`;
    if (fault?.kind !== 'missing-output') {
      ctx.store.put(job.output.bucket, key, Buffer.from(text, 'utf8'), {
        contentType: 'application/octet-stream',
      });
      job.outputKeys.push(key);
    }
  }
  if (fault?.kind !== 'missing-manifest') {
    const key = `${outPrefix}${job.id}/manifest.json.out`;
    ctx.store.put(job.output.bucket, key, Buffer.from(JSON.stringify(counts), 'utf8'), {
      contentType: 'application/octet-stream',
    });
    job.outputKeys.push(key);
  }
  job.counts = { ...counts };
  return counts;
}

/** A damaged output file: a good line, a line cut in the middle, a line that is not JSON, then the rest. */
function corrupt(ls: string[]): string {
  const [first = '', second = '', ...rest] = ls;
  return (
    [first, second.slice(0, Math.floor(second.length / 2)), '\u0000\u0000garbage', ...rest].join('\n') + '\n'
  );
}

function listJobs(req: TwinRequest, ctx: TwinContext): TwinResponse {
  const q = req.query;
  const v = new Violations();
  const status = q.get('statusEquals');
  if (status !== null && !(STATUSES as readonly string[]).includes(status)) {
    v.add('statusEquals', status, `Member must satisfy enum value set: [${STATUSES.join(', ')}]`);
  }
  const maxRaw = q.get('maxResults');
  const max = maxRaw === null ? 100 : Number(maxRaw);
  if (!Number.isInteger(max) || max < 1)
    v.add('maxResults', maxRaw, 'Member must have value greater than or equal to 1');
  else if (max > 1000) v.add('maxResults', maxRaw, 'Member must have value less than or equal to 1000');
  const sortBy = q.get('sortBy');
  if (sortBy !== null && sortBy !== 'CreationTime')
    v.add('sortBy', sortBy, 'Member must satisfy enum value set: [CreationTime]');
  const sortOrder = q.get('sortOrder') ?? 'Descending';
  if (sortOrder !== 'Ascending' && sortOrder !== 'Descending') {
    v.add('sortOrder', sortOrder, 'Member must satisfy enum value set: [Ascending, Descending]');
  }
  const after = q.get('submitTimeAfter');
  const before = q.get('submitTimeBefore');
  const afterMs = after === null ? undefined : Date.parse(after);
  const beforeMs = before === null ? undefined : Date.parse(before);
  if (afterMs !== undefined && Number.isNaN(afterMs))
    v.add('submitTimeAfter', after, 'Member must be a date-time');
  if (beforeMs !== undefined && Number.isNaN(beforeMs))
    v.add('submitTimeBefore', before, 'Member must be a date-time');
  const nextToken = q.get('nextToken');
  if (
    nextToken !== null &&
    (nextToken.length < 1 || nextToken.length > 2048 || !PAGINATION_TOKEN.test(nextToken))
  ) {
    v.pattern('nextToken', nextToken, PAGINATION_TOKEN);
  }
  if (!v.empty) return validation(v.message());

  const name = q.get('nameContains');
  let jobs = batchJobs(ctx).filter(
    (j) =>
      (status === null || j.status === status) &&
      (name === null || j.name.includes(name)) &&
      (afterMs === undefined || j.submitTime.getTime() > afterMs) &&
      (beforeMs === undefined || j.submitTime.getTime() < beforeMs),
  );
  // Creation order is the map's insertion order; submitTime can tie within a millisecond.
  if (sortOrder === 'Descending') jobs = jobs.reverse();
  const filterKey = createHash('sha1')
    .update(JSON.stringify([status, name, after, before, sortOrder]))
    .digest('hex')
    .slice(0, 8);
  let start = 0;
  if (nextToken !== null) {
    const m = /^([0-9a-f]{8})\.(\d+)$/.exec(Buffer.from(nextToken, 'base64url').toString('utf8'));
    if (!m || m[1] !== filterKey)
      return validation('The provided pagination token is invalid or does not match the request parameters.');
    start = Number(m[2]);
  }
  const page = jobs.slice(start, start + max);
  const out: Record<string, unknown> = { invocationJobSummaries: page.map(describe) };
  if (start + max < jobs.length)
    out['nextToken'] = Buffer.from(`${filterKey}.${start + max}`, 'utf8').toString('base64url');
  return jsonResponse(200, out);
}

function stopJob(ctx: TwinContext, job: BatchJob): TwinResponse {
  if (TERMINAL.has(job.status) || job.status === 'Stopping') {
    return restError(
      400,
      'ConflictException',
      `The model invocation job ${job.arn} is ${job.status} and cannot be stopped.`,
    );
  }
  job.stopRequested = true;
  job.stoppedInProgress = job.status === 'InProgress';
  setStatus(job, 'Stopping');
  // Stopping lasts one step from now (at the current step length), whatever step was pending.
  if (job.timer) clearTimeout(job.timer);
  schedule(ctx, job);
  return jsonResponse(200, {});
}

const ROUTES: readonly [string, RegExp, string][] = [
  ['POST', /^\/model-invocation-job\/?$/, 'CreateModelInvocationJob'],
  ['GET', /^\/model-invocation-jobs\/?$/, 'ListModelInvocationJobs'],
  ['GET', /^\/model-invocation-job\/([^/]+)$/, 'GetModelInvocationJob'],
  ['POST', /^\/model-invocation-job\/([^/]+)\/stop$/, 'StopModelInvocationJob'],
];

function route(req: TwinRequest): { operation: string; identifier: string | undefined } | undefined {
  for (const [method, re, operation] of ROUTES) {
    if (req.method !== method) continue;
    const m = re.exec(req.rawPath);
    if (!m) continue;
    let identifier: string | undefined;
    if (m[1] !== undefined) {
      try {
        identifier = decodeURIComponent(m[1]);
      } catch {
        identifier = m[1];
      }
    }
    return { operation, identifier };
  }
  return undefined;
}

function jobView(job: BatchJob): Record<string, unknown> {
  return {
    jobId: job.id,
    jobArn: job.arn,
    jobName: job.name,
    status: job.status,
    message: job.message ?? null,
    modelId: job.modelId,
    modelInvocationType: job.invocationType,
    clientRequestToken: job.clientRequestToken ?? null,
    inputS3Uri: `s3://${job.input.bucket}/${job.input.key}`,
    outputS3Uri: `s3://${job.output.bucket}/${job.output.key}`,
    outputKeys: job.outputKeys,
    fault: job.fault?.kind ?? null,
    submitTime: job.submitTime.toISOString(),
    endTime: job.endTime?.toISOString() ?? null,
    ...job.counts,
  };
}

export const bedrockHandler: ServiceHandler = {
  name: 'bedrock',
  protocol: 'restJson1',

  matches(req: TwinRequest): boolean {
    return route(req) !== undefined;
  },

  operation(req: TwinRequest): string | undefined {
    return route(req)?.operation;
  },

  async handle(req: TwinRequest, ctx: TwinContext): Promise<TwinResponse> {
    const r = route(req);
    if (!r)
      return restError(
        404,
        'UnknownOperationException',
        `No Bedrock operation at ${req.method} ${req.rawPath}`,
      );
    switch (r.operation) {
      case 'CreateModelInvocationJob':
        return createJob(req, ctx);
      case 'ListModelInvocationJobs':
        return listJobs(req, ctx);
      case 'GetModelInvocationJob': {
        const job = findJob(ctx, r.identifier ?? '');
        return isResponse(job) ? job : jsonResponse(200, describe(job));
      }
      case 'StopModelInvocationJob': {
        const job = findJob(ctx, r.identifier ?? '');
        return isResponse(job) ? job : stopJob(ctx, job);
      }
    }
    return restError(404, 'UnknownOperationException', r.operation);
  },

  async control(req: TwinRequest, ctx: TwinContext): Promise<TwinResponse | undefined> {
    const path = req.path.replace(/\/+$/, '');
    if (req.method === 'GET' && path === '/_twin/jobs')
      return jsonResponse(200, { jobs: batchJobs(ctx).map(jobView) });
    if (req.method === 'GET' && path === '/_twin/model')
      return jsonResponse(200, { behaviour: ctx.model.behaviour });
    if (req.method === 'POST' && path === '/_twin/model') {
      let body: unknown;
      try {
        body = JSON.parse(req.body.toString('utf8') || '{}') as unknown;
      } catch {
        return jsonResponse(400, {
          error: 'BadRequest',
          message: 'The body must be JSON: {"behaviour": "..."}',
        });
      }
      const behaviour = isObject(body) ? body['behaviour'] : undefined;
      if (!isModelBehaviour(behaviour)) {
        return jsonResponse(400, {
          error: 'BadRequest',
          message: `behaviour must be one of ${MODEL_BEHAVIOURS.join(', ')}`,
        });
      }
      ctx.model.behaviour = behaviour;
      return jsonResponse(200, { behaviour });
    }
    return undefined;
  },

  reset(ctx: TwinContext): void {
    for (const job of batchJobs(ctx)) if (job.timer) clearTimeout(job.timer);
    state(ctx).jobs.clear();
  },
};
