import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import {
  BedrockClient,
  CreateModelInvocationJobCommand,
  GetModelInvocationJobCommand,
  ListModelInvocationJobsCommand,
  StopModelInvocationJobCommand,
  type CreateModelInvocationJobCommandInput,
  type GetModelInvocationJobCommandOutput,
} from '@aws-sdk/client-bedrock';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startTwin, type RunningTwin } from '../../twin/server.js';

const MODEL_ID = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const ROLE = 'arn:aws:iam::123456789012:role/TrailSightBatch';
const BUCKET = 'twin-batch';
const STOP_ID = '3f1c2a9e-7b4d-4e21-9c55-0a1b2c3d4e5f';
const ORDER = ['Submitted', 'Validating', 'Scheduled', 'InProgress', 'Stopping'];

// The Smithy model the twin's wire shapes are checked against.
const MODEL = JSON.parse(
  readFileSync(new URL('../../twin/models/bedrock-2023-04-20.json', import.meta.url), 'utf8'),
) as {
  shapes: Record<string, Shape>;
};
interface Shape {
  type: string;
  members?: Record<string, { target: string; traits?: Record<string, unknown> }>;
  member?: { target: string };
  traits?: Record<string, unknown>;
  errors?: { target: string }[];
}
const NS = 'com.amazonaws.bedrock#';

/** Problems with a wire JSON value against a Smithy shape: unknown members, missing required ones, bad enums, types and patterns. */
function conform(shapeId: string, value: unknown, path = '$'): string[] {
  if (shapeId.startsWith('smithy.api#')) return [];
  const shape = MODEL.shapes[shapeId];
  if (!shape) return [`${path}: unknown shape ${shapeId}`];
  switch (shape.type) {
    case 'structure':
    case 'union': {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return [`${path}: not an object`];
      const obj = value as Record<string, unknown>;
      const members = shape.members ?? {};
      const out: string[] = [];
      for (const [k, v] of Object.entries(obj)) {
        const m = members[k];
        if (!m) out.push(`${path}.${k}: not a member of ${shapeId}`);
        else out.push(...conform(m.target, v, `${path}.${k}`));
      }
      if (shape.type === 'structure') {
        for (const [k, m] of Object.entries(members)) {
          const bound = Object.keys(m.traits ?? {}).some((t) => t.startsWith('smithy.api#http'));
          if (m.traits?.['smithy.api#required'] !== undefined && !bound && !(k in obj))
            out.push(`${path}.${k}: required`);
        }
      } else if (Object.keys(obj).length !== 1) out.push(`${path}: a union needs exactly one member`);
      return out;
    }
    case 'list':
      return Array.isArray(value)
        ? value.flatMap((v, i) => conform(shape.member?.target ?? '', v, `${path}[${i}]`))
        : [`${path}: not a list`];
    case 'enum': {
      const values = Object.values(shape.members ?? {}).map((m) => m.traits?.['smithy.api#enumValue']);
      return values.includes(value) ? [] : [`${path}: ${String(value)} is not one of ${values.join(', ')}`];
    }
    case 'string': {
      if (typeof value !== 'string') return [`${path}: not a string`];
      const pattern = shape.traits?.['smithy.api#pattern'];
      return typeof pattern === 'string' && !new RegExp(pattern).test(value)
        ? [`${path}: ${value} does not match ${pattern}`]
        : [];
    }
    case 'timestamp':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value))
        ? []
        : [`${path}: not a date-time`];
    case 'integer':
    case 'long':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0
        ? []
        : [`${path}: not a non-negative integer`];
    default:
      return [];
  }
}

function outputShape(operation: string): string {
  return (MODEL.shapes[`${NS}${operation}`] as unknown as { output: { target: string } }).output.target;
}
function declaredErrors(operation: string): string[] {
  return (MODEL.shapes[`${NS}${operation}`]?.errors ?? []).map((e) => e.target.split('#')[1] ?? '');
}

let twin: RunningTwin;
let bedrock: BedrockClient;
let s3: S3Client;

beforeAll(async () => {
  twin = await startTwin({ port: 0, batchStepMs: 5 });
  const common = {
    endpoint: twin.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTWIN', secretAccessKey: 'secret' },
    maxAttempts: 1,
  };
  bedrock = new BedrockClient(common);
  s3 = new S3Client({ ...common, forcePathStyle: true });
});

afterAll(async () => {
  bedrock.destroy();
  s3.destroy();
  await twin.close();
});

beforeEach(async () => {
  await control('POST', '/_twin/reset');
});

async function control(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${twin.url}${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function raw(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; headers: Headers; json: unknown }> {
  const res = await fetch(`${twin.url}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIDTWIN/20250101/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=0',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as unknown) : undefined };
}

/** A digest-like prompt; every 10th record carries a StopLogging event the scripted model flags. */
function prompt(i: number): { system: string; user: string } {
  const id = i % 10 === 0 ? STOP_ID : `e${i}`;
  const name = i % 10 === 0 ? 'cloudtrail:StopLogging' : 's3:GetObject';
  return {
    system: 'You are a security analyst. Answer with JSON findings.',
    user: `<data-n>\nid=${id} 01:00:00 ${name}\n</data-n>`,
  };
}

function anthropicRecord(i: number): Record<string, unknown> {
  const p = prompt(i);
  return {
    recordId: `R${String(i).padStart(10, '0')}`,
    modelInput: {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 1500,
      system: p.system,
      messages: [{ role: 'user', content: [{ type: 'text', text: p.user }] }],
    },
  };
}

function converseRecord(i: number): Record<string, unknown> {
  const p = prompt(i);
  return {
    recordId: `C${String(i).padStart(10, '0')}`,
    modelInput: {
      system: [{ text: p.system }],
      messages: [{ role: 'user', content: [{ text: p.user }] }],
      inferenceConfig: { maxTokens: 1500 },
    },
  };
}

async function putJsonl(key: string, records: Record<string, unknown>[]): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: key,
      Body: records.map((r) => JSON.stringify(r)).join('\n') + '\n',
    }),
  );
}

async function getText(key: string): Promise<string> {
  const out = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return (await out.Body?.transformToString()) ?? '';
}

async function keys(prefix: string): Promise<string[]> {
  const out = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
  return (out.Contents ?? []).map((c) => c.Key ?? '');
}

function jobInput(
  overrides: Partial<CreateModelInvocationJobCommandInput> = {},
): CreateModelInvocationJobCommandInput {
  return {
    jobName: 'trailsight-test-1',
    roleArn: ROLE,
    modelId: MODEL_ID,
    inputDataConfig: {
      s3InputDataConfig: { s3Uri: `s3://${BUCKET}/in/records.jsonl`, s3InputFormat: 'JSONL' },
    },
    outputDataConfig: { s3OutputDataConfig: { s3Uri: `s3://${BUCKET}/out/` } },
    ...overrides,
  };
}

const TERMINAL = new Set(['Completed', 'PartiallyCompleted', 'Failed', 'Stopped', 'Expired']);

/** Polls until a terminal status; returns the final description and every distinct status seen, in order. */
async function waitForEnd(
  jobArn: string,
): Promise<{ job: GetModelInvocationJobCommandOutput; seen: string[] }> {
  const seen: string[] = [];
  for (let i = 0; i < 5000; i++) {
    const job = await bedrock.send(new GetModelInvocationJobCommand({ jobIdentifier: jobArn }));
    const status = job.status ?? '';
    if (seen[seen.length - 1] !== status) seen.push(status);
    if (TERMINAL.has(status)) return { job, seen };
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error(`job ${jobArn} did not finish`);
}

function expectDocumentedOrder(seen: string[], last: string): void {
  expect(seen[seen.length - 1]).toBe(last);
  const steps = seen.slice(0, -1).map((s) => ORDER.indexOf(s));
  expect(steps.every((s) => s >= 0)).toBe(true);
  expect([...steps].sort((a, b) => a - b)).toEqual(steps);
}

function jobId(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

async function caught(p: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the call to fail');
}

interface OutLine {
  recordId: string;
  modelInput: unknown;
  modelOutput?: Record<string, unknown>;
  error?: { errorCode: number; errorMessage: string };
}

describe('a batch job end to end (InvokeModel records)', () => {
  it('runs 1,000 records through the documented statuses and writes x.jsonl.out (any order) and manifest.json.out', async () => {
    const records = Array.from({ length: 1000 }, (_, i) => anthropicRecord(i));
    await putJsonl('in/records.jsonl', records);
    const { jobArn } = await bedrock.send(
      new CreateModelInvocationJobCommand(jobInput({ clientRequestToken: 'token-1000' })),
    );
    expect(jobArn).toMatch(/^arn:aws:bedrock:us-east-1:123456789012:model-invocation-job\/[a-z0-9]{12}$/);

    const { job, seen } = await waitForEnd(jobArn ?? '');
    expectDocumentedOrder(seen, 'Completed');
    expect(job).toMatchObject({
      jobName: 'trailsight-test-1',
      modelId: MODEL_ID,
      roleArn: ROLE,
      clientRequestToken: 'token-1000',
      modelInvocationType: 'InvokeModel',
      totalRecordCount: 1000,
      processedRecordCount: 1000,
      successRecordCount: 1000,
      errorRecordCount: 0,
      timeoutDurationInHours: 168,
    });
    expect(job.submitTime).toBeInstanceOf(Date);
    expect(job.endTime).toBeInstanceOf(Date);
    expect(job.jobExpirationTime).toBeInstanceOf(Date);
    expect(job.inputDataConfig?.s3InputDataConfig?.s3Uri).toBe(`s3://${BUCKET}/in/records.jsonl`);

    const id = jobId(jobArn ?? '');
    expect((await keys('out/')).sort()).toEqual([
      `out/${id}/manifest.json.out`,
      `out/${id}/records.jsonl.out`,
    ]);
    const lines = (await getText(`out/${id}/records.jsonl.out`))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as OutLine);
    expect(lines).toHaveLength(1000);
    const inputIds = records.map((r) => r['recordId']);
    expect(new Set(lines.map((l) => l.recordId))).toEqual(new Set(inputIds));
    expect(lines.map((l) => l.recordId)).not.toEqual(inputIds);

    let input = 0;
    let output = 0;
    for (const l of lines) {
      const i = Number(l.recordId.slice(1));
      expect(l.modelInput).toEqual(records[i]?.['modelInput']);
      const out = l.modelOutput as {
        type: string;
        content: { text: string }[];
        usage: { input_tokens: number; output_tokens: number };
      };
      expect(out.type).toBe('message');
      const findings = (
        JSON.parse(out.content[0]?.text ?? '') as { findings: { evidence_event_ids: string[] }[] }
      ).findings;
      expect(findings.length > 0).toBe(i % 10 === 0);
      if (i % 10 === 0) expect(findings[0]?.evidence_event_ids).toEqual([STOP_ID]);
      input += out.usage.input_tokens;
      output += out.usage.output_tokens;
    }
    expect(JSON.parse(await getText(`out/${id}/manifest.json.out`))).toEqual({
      totalRecordCount: 1000,
      processedRecordCount: 1000,
      successRecordCount: 1000,
      errorRecordCount: 0,
      inputTokenCount: input,
      outputTokenCount: output,
    });

    const jobs = (await control('GET', '/_twin/jobs')).json['jobs'] as Record<string, unknown>[];
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      jobArn,
      status: 'Completed',
      clientRequestToken: 'token-1000',
      successRecordCount: 1000,
    });
  });

  it('ends PartiallyCompleted with error lines when a job-partial fault makes a fraction of records fail', async () => {
    await putJsonl(
      'in/records.jsonl',
      Array.from({ length: 1000 }, (_, i) => anthropicRecord(i)),
    );
    await control('POST', '/_twin/faults', { operation: 'BatchJob', kind: 'job-partial', fraction: 0.25 });
    const { jobArn } = await bedrock.send(new CreateModelInvocationJobCommand(jobInput()));
    const { job, seen } = await waitForEnd(jobArn ?? '');
    expectDocumentedOrder(seen, 'PartiallyCompleted');
    expect(job).toMatchObject({
      totalRecordCount: 1000,
      processedRecordCount: 1000,
      successRecordCount: 750,
      errorRecordCount: 250,
    });

    const id = jobId(jobArn ?? '');
    const lines = (await getText(`out/${id}/records.jsonl.out`))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as OutLine);
    const errors = lines.filter((l) => l.error);
    expect(errors).toHaveLength(250);
    for (const e of errors) {
      expect(e.modelOutput).toBeUndefined();
      expect(typeof e.error?.errorCode).toBe('number');
      expect(e.error?.errorMessage).toEqual(expect.any(String));
      expect(e.modelInput).toBeDefined();
    }
    expect(JSON.parse(await getText(`out/${id}/manifest.json.out`))).toMatchObject({
      errorRecordCount: 250,
      successRecordCount: 750,
    });
  });

  it('writes an error line (not a crash) for a record whose modelInput the model rejects', async () => {
    const records = Array.from({ length: 120 }, (_, i) => anthropicRecord(i));
    records[5] = {
      recordId: 'BAD0000001',
      modelInput: { anthropic_version: 'bedrock-2023-05-31', messages: [] },
    };
    await putJsonl('in/records.jsonl', records);
    const { jobArn } = await bedrock.send(new CreateModelInvocationJobCommand(jobInput()));
    const { job } = await waitForEnd(jobArn ?? '');
    expect(job.status).toBe('PartiallyCompleted');
    const text = await getText(`out/${jobId(jobArn ?? '')}/records.jsonl.out`);
    const bad = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as OutLine)
      .find((l) => l.recordId === 'BAD0000001');
    expect(bad?.error).toEqual({
      errorCode: 400,
      errorMessage: expect.stringMatching(/^Malformed input request/),
    });
  });
});

describe('Converse records and input folders', () => {
  it('runs a modelInvocationType Converse job over every .jsonl under a prefix, adding record ids where missing', async () => {
    const first = Array.from({ length: 60 }, (_, i) => converseRecord(i));
    const second = Array.from({ length: 60 }, (_, i) => {
      const { recordId: _omitted, ...rest } = converseRecord(100 + i);
      return rest;
    });
    await putJsonl('in/batch/part-1.jsonl', first);
    await putJsonl('in/batch/part-2.jsonl', second);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'in/batch/notes.txt', Body: 'not input' }));
    const { jobArn } = await bedrock.send(
      new CreateModelInvocationJobCommand(
        jobInput({
          modelInvocationType: 'Converse',
          inputDataConfig: { s3InputDataConfig: { s3Uri: `s3://${BUCKET}/in/batch/` } },
          outputDataConfig: { s3OutputDataConfig: { s3Uri: `s3://${BUCKET}/out/conv` } },
        }),
      ),
    );
    const { job } = await waitForEnd(jobArn ?? '');
    expect(job).toMatchObject({
      status: 'Completed',
      modelInvocationType: 'Converse',
      totalRecordCount: 120,
    });
    const id = jobId(jobArn ?? '');
    expect((await keys('out/conv/')).sort()).toEqual(
      [
        `out/conv/${id}/manifest.json.out`,
        `out/conv/${id}/part-1.jsonl.out`,
        `out/conv/${id}/part-2.jsonl.out`,
      ].sort(),
    );
    const part2 = (await getText(`out/conv/${id}/part-2.jsonl.out`))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as OutLine);
    expect(part2).toHaveLength(60);
    for (const l of part2) {
      expect(l.recordId).toMatch(/^[A-Z0-9]{11}$/);
      const out = l.modelOutput as {
        output: { message: { content: { text: string }[] } };
        stopReason: string;
        usage: Record<string, number>;
      };
      expect(out.stopReason).toBe('end_turn');
      expect(JSON.parse(out.output.message.content[0]?.text ?? '')).toHaveProperty('findings');
      expect(out.usage['totalTokens']).toBe(
        (out.usage['inputTokens'] ?? 0) + (out.usage['outputTokens'] ?? 0),
      );
    }
  });
});

describe('terminal statuses as Bedrock documents them', () => {
  beforeEach(async () => {
    await putJsonl(
      'in/records.jsonl',
      Array.from({ length: 200 }, (_, i) => anthropicRecord(i)),
    );
  });

  it('Failed (job-failed): fails while validating, with a message and no output', async () => {
    await control('POST', '/_twin/faults', {
      operation: 'BatchJob',
      kind: 'job-failed',
      message: 'The role cannot read s3://twin-batch/in/',
    });
    const { jobArn } = await bedrock.send(new CreateModelInvocationJobCommand(jobInput()));
    const { job, seen } = await waitForEnd(jobArn ?? '');
    expectDocumentedOrder(seen, 'Failed');
    expect(job.message).toBe('The role cannot read s3://twin-batch/in/');
    expect(job.endTime).toBeInstanceOf(Date);
    expect(await keys('out/')).toEqual([]);
  });

  it('Failed: an input line that is not JSON fails validation', async () => {
    await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'in/records.jsonl',
        Body: [...Array.from({ length: 150 }, (_, i) => JSON.stringify(anthropicRecord(i))), '{oops'].join(
          '\n',
        ),
      }),
    );
    const { jobArn } = await bedrock.send(new CreateModelInvocationJobCommand(jobInput()));
    const { job } = await waitForEnd(jobArn ?? '');
    expect(job.status).toBe('Failed');
    expect(job.message).toMatch(/line 151/);
  });

  it('Expired (job-expired, queued on CreateModelInvocationJob): scheduled but never started, no output', async () => {
    await control('POST', '/_twin/faults', { operation: 'CreateModelInvocationJob', kind: 'job-expired' });
    const { jobArn } = await bedrock.send(
      new CreateModelInvocationJobCommand(jobInput({ timeoutDurationInHours: 24 })),
    );
    const { job, seen } = await waitForEnd(jobArn ?? '');
    expectDocumentedOrder(seen, 'Expired');
    expect(seen).not.toContain('InProgress');
    expect(job.message).toMatch(/24 hours/);
    expect(job.jobExpirationTime?.getTime()).toBe((job.submitTime?.getTime() ?? 0) + 24 * 3_600_000);
    expect(await keys('out/')).toEqual([]);
  });

  it('Stopped (job-stopped): stopped while in progress keeps what was processed, with a manifest saying so', async () => {
    await control('POST', '/_twin/faults', { operation: 'BatchJob', kind: 'job-stopped' });
    const { jobArn } = await bedrock.send(new CreateModelInvocationJobCommand(jobInput()));
    const { job, seen } = await waitForEnd(jobArn ?? '');
    expectDocumentedOrder(seen, 'Stopped');
    expect(job).toMatchObject({ totalRecordCount: 200, processedRecordCount: 100, successRecordCount: 100 });
    const id = jobId(jobArn ?? '');
    expect((await getText(`out/${id}/records.jsonl.out`)).trim().split('\n')).toHaveLength(100);
    expect(JSON.parse(await getText(`out/${id}/manifest.json.out`))).toMatchObject({
      totalRecordCount: 200,
      processedRecordCount: 100,
    });
  });

  it('Stopped through StopModelInvocationJob (by job id), then a second stop conflicts', async () => {
    // A long step keeps the job queued while it is stopped; the stop itself runs on the current (fast) step.
    await control('POST', '/_twin/settings', { batchStepMs: 60_000 });
    const { jobArn } = await bedrock.send(new CreateModelInvocationJobCommand(jobInput()));
    await control('POST', '/_twin/settings', { batchStepMs: 5 });
    await bedrock.send(new StopModelInvocationJobCommand({ jobIdentifier: jobId(jobArn ?? '') }));
    const stopping = await bedrock.send(new GetModelInvocationJobCommand({ jobIdentifier: jobArn }));
    // Stopping lasts one (5 ms) step, so a slow poll may already see Stopped.
    expect(['Stopping', 'Stopped']).toContain(stopping.status);
    const { job } = await waitForEnd(jobArn ?? '');
    expect(job.status).toBe('Stopped');
    expect(await keys('out/')).toEqual([]);
    const again = await caught(bedrock.send(new StopModelInvocationJobCommand({ jobIdentifier: jobArn })));
    expect(again.name).toBe('ConflictException');
    expect(declaredErrors('StopModelInvocationJob')).toContain('ConflictException');
  });

  it.each([
    ['missing-output', ['manifest.json.out']],
    ['missing-manifest', ['records.jsonl.out']],
    ['corrupt-output', ['manifest.json.out', 'records.jsonl.out']],
  ])('%s: the job completes but its files are not what they should be', async (kind, files) => {
    await control('POST', '/_twin/faults', { operation: 'BatchJob', kind });
    const { jobArn } = await bedrock.send(new CreateModelInvocationJobCommand(jobInput()));
    const { job } = await waitForEnd(jobArn ?? '');
    expect(job.status).toBe('Completed');
    const id = jobId(jobArn ?? '');
    expect((await keys('out/')).sort()).toEqual(files.map((f) => `out/${id}/${f}`));
    if (kind === 'corrupt-output') {
      const bad = (await getText(`out/${id}/records.jsonl.out`))
        .trim()
        .split('\n')
        .filter((l) => {
          try {
            JSON.parse(l);
            return false;
          } catch {
            return true;
          }
        });
      expect(bad.length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('CreateModelInvocationJob validation and idempotency', () => {
  it('returns the same job for the same clientRequestToken and creates no second job', async () => {
    await putJsonl(
      'in/records.jsonl',
      Array.from({ length: 100 }, (_, i) => anthropicRecord(i)),
    );
    const a = await bedrock.send(
      new CreateModelInvocationJobCommand(jobInput({ clientRequestToken: 'abc123-run-1' })),
    );
    const b = await bedrock.send(
      new CreateModelInvocationJobCommand(
        jobInput({ clientRequestToken: 'abc123-run-1', jobName: 'other-name' }),
      ),
    );
    expect(b.jobArn).toBe(a.jobArn);
    const listed = await bedrock.send(new ListModelInvocationJobsCommand({}));
    expect(listed.invocationJobSummaries).toHaveLength(1);
    const c = await bedrock.send(
      new CreateModelInvocationJobCommand(jobInput({ clientRequestToken: 'abc123-run-2' })),
    );
    expect(c.jobArn).not.toBe(a.jobArn);
  });

  it('rejects fewer than 100 records with a ValidationException naming the quota', async () => {
    await putJsonl(
      'in/records.jsonl',
      Array.from({ length: 99 }, (_, i) => anthropicRecord(i)),
    );
    const err = await caught(bedrock.send(new CreateModelInvocationJobCommand(jobInput())));
    expect(err.name).toBe('ValidationException');
    expect(err.message).toMatch(
      /\(99\) is less than the minimum number of records per batch inference job \(100\)/,
    );
    expect((await control('GET', '/_twin/jobs')).json['jobs']).toEqual([]);
  });

  it.each([
    [
      'a job name with spaces',
      { jobName: 'bad name' },
      /at 'jobName' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    ],
    ['a 64-character job name', { jobName: 'a'.repeat(64) }, /at 'jobName'.*length less than or equal to 63/],
    ['a role that is not an IAM role ARN', { roleArn: 'arn:aws:iam::123456789012:user/bob' }, /at 'roleArn'/],
    ['a role in another account', { roleArn: 'arn:aws:iam::210987654321:role/x' }, /cannot assume the role/],
    ['a timeout under 24 hours', { timeoutDurationInHours: 12 }, /greater than or equal to 24/],
    ['a timeout over 168 hours', { timeoutDurationInHours: 200 }, /less than or equal to 168/],
    [
      'an unknown invocation type',
      { modelInvocationType: 'Stream' as 'Converse' },
      /enum value set: \[InvokeModel, Converse\]/,
    ],
    [
      'an input URI that is not s3://',
      { inputDataConfig: { s3InputDataConfig: { s3Uri: 'https://x/y' } } },
      /inputDataConfig\.s3InputDataConfig\.s3Uri/,
    ],
    [
      'an output URI with an upper-case bucket',
      { outputDataConfig: { s3OutputDataConfig: { s3Uri: 's3://Bad_Bucket/out' } } },
      /outputDataConfig/,
    ],
    [
      'an input bucket that does not exist',
      { inputDataConfig: { s3InputDataConfig: { s3Uri: 's3://no-such-bucket/in/' } } },
      /does not exist/,
    ],
    ['an unknown model', { modelId: 'acme.nothing-v1' }, /model identifier is invalid/],
  ])('rejects %s with ValidationException', async (_what, overrides, message) => {
    await putJsonl(
      'in/records.jsonl',
      Array.from({ length: 100 }, (_, i) => anthropicRecord(i)),
    );
    const err = await caught(bedrock.send(new CreateModelInvocationJobCommand(jobInput(overrides))));
    expect(err.name).toBe('ValidationException');
    expect(err.message).toMatch(message);
    expect(err.$metadata?.httpStatusCode).toBe(400);
  });

  it('declares every error it answers in the Smithy model', () => {
    for (const e of ['ValidationException', 'ThrottlingException', 'AccessDeniedException']) {
      expect(declaredErrors('CreateModelInvocationJob')).toContain(e);
    }
    expect(declaredErrors('GetModelInvocationJob')).toContain('ResourceNotFoundException');
  });
});

describe('Get, List and the wire shapes', () => {
  it('answers Get by ARN or id, 404 for an unknown job, and every wire body conforms to the Smithy model', async () => {
    await putJsonl(
      'in/records.jsonl',
      Array.from({ length: 100 }, (_, i) => anthropicRecord(i)),
    );
    const create = await raw('POST', '/model-invocation-job', jobInput({ clientRequestToken: 'wire-1' }));
    expect(create.status).toBe(200);
    expect(conform(outputShape('CreateModelInvocationJob'), create.json)).toEqual([]);
    const arn = (create.json as { jobArn: string }).jobArn;
    await waitForEnd(arn);

    for (const ident of [arn, jobId(arn)]) {
      const got = await raw('GET', `/model-invocation-job/${encodeURIComponent(ident)}`);
      expect(got.status).toBe(200);
      expect(conform(outputShape('GetModelInvocationJob'), got.json)).toEqual([]);
      expect(got.json).toMatchObject({ status: 'Completed', totalRecordCount: 100 });
    }
    const list = await raw('GET', '/model-invocation-jobs?statusEquals=Completed');
    expect(conform(outputShape('ListModelInvocationJobs'), list.json)).toEqual([]);

    const missing = await caught(
      bedrock.send(new GetModelInvocationJobCommand({ jobIdentifier: 'abcdefabcdef' })),
    );
    expect(missing.name).toBe('ResourceNotFoundException');
    const malformed = await raw('GET', '/model-invocation-job/NOT_AN_ID');
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('x-amzn-errortype')).toBe('ValidationException');
  });

  it('lists with statusEquals, nameContains, sortOrder and pagination tokens tied to the filters', async () => {
    await putJsonl(
      'in/records.jsonl',
      Array.from({ length: 100 }, (_, i) => anthropicRecord(i)),
    );
    const arns: string[] = [];
    for (const name of ['alpha-1', 'alpha-2', 'beta-1', 'alpha-3']) {
      const { jobArn } = await bedrock.send(new CreateModelInvocationJobCommand(jobInput({ jobName: name })));
      arns.push(jobArn ?? '');
    }
    for (const arn of arns) await waitForEnd(arn);

    const alpha = await bedrock.send(
      new ListModelInvocationJobsCommand({ nameContains: 'alpha', sortOrder: 'Ascending' }),
    );
    expect(alpha.invocationJobSummaries?.map((j) => j.jobName)).toEqual(['alpha-1', 'alpha-2', 'alpha-3']);
    const desc = await bedrock.send(new ListModelInvocationJobsCommand({}));
    expect(desc.invocationJobSummaries?.[0]?.jobName).toBe('alpha-3');

    const page1 = await bedrock.send(
      new ListModelInvocationJobsCommand({ maxResults: 3, sortOrder: 'Ascending' }),
    );
    expect(page1.invocationJobSummaries).toHaveLength(3);
    expect(page1.nextToken).toBeDefined();
    const page2 = await bedrock.send(
      new ListModelInvocationJobsCommand({
        maxResults: 3,
        sortOrder: 'Ascending',
        nextToken: page1.nextToken,
      }),
    );
    expect(page2.invocationJobSummaries?.map((j) => j.jobName)).toEqual(['alpha-3']);
    expect(page2.nextToken).toBeUndefined();

    const mismatch = await caught(
      bedrock.send(new ListModelInvocationJobsCommand({ nameContains: 'beta', nextToken: page1.nextToken })),
    );
    expect(mismatch.name).toBe('ValidationException');
    const none = await bedrock.send(new ListModelInvocationJobsCommand({ statusEquals: 'Failed' }));
    expect(none.invocationJobSummaries).toEqual([]);
  });

  it('lets the server apply generic faults by operation name (throttled Get)', async () => {
    await putJsonl(
      'in/records.jsonl',
      Array.from({ length: 100 }, (_, i) => anthropicRecord(i)),
    );
    const { jobArn } = await bedrock.send(new CreateModelInvocationJobCommand(jobInput()));
    await control('POST', '/_twin/faults', { operation: 'GetModelInvocationJob', kind: 'throttle' });
    const err = await caught(bedrock.send(new GetModelInvocationJobCommand({ jobIdentifier: jobArn })));
    expect(err.name).toBe('ThrottlingException');
    await expect(
      bedrock.send(new GetModelInvocationJobCommand({ jobIdentifier: jobArn })),
    ).resolves.toBeDefined();
  });

  it('clears jobs on reset', async () => {
    await putJsonl(
      'in/records.jsonl',
      Array.from({ length: 100 }, (_, i) => anthropicRecord(i)),
    );
    await bedrock.send(new CreateModelInvocationJobCommand(jobInput()));
    await control('POST', '/_twin/reset');
    expect((await control('GET', '/_twin/jobs')).json['jobs']).toEqual([]);
  });
});
