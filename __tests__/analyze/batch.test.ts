import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { analyze, createDigestCollector, mergeFindings } from '../../src/analyze/index.js';
import { createDetector } from '../../src/detect/index.js';
import type { AnalysisOutcome, Finding, TrailEvent } from '../../src/types.js';
import {
  collect,
  makeConfig,
  makeStats,
  memLogger,
  syntheticEvents,
  virtualClock,
  windowWithDetonations,
  type AnalysisOverrides,
} from './helpers.js';
import { startTestTwin, twinClients, type TestTwin } from './twin-helpers.js';

const BATCH: AnalysisOverrides = {
  engine: 'batch',
  batchRoleArn: 'arn:aws:iam::123456789012:role/trailsight-batch',
  batchBucket: 'twin-batch',
  // Virtual minutes: generous so that a loaded machine (the twin's real timers) never turns a test into a timeout.
  waitTimeoutMinutes: 10_080,
  batchPrefix: 'trailsight/batch/',
};
const window = { start: new Date('2026-11-22T00:00:00Z'), end: new Date('2026-11-23T00:00:00Z') };

let t: TestTwin;
beforeAll(async () => {
  t = await startTestTwin();
});
afterAll(async () => {
  await t.twin.close();
});
beforeEach(async () => {
  await t.reset();
});

async function run(
  events: readonly TrailEvent[],
  overrides: AnalysisOverrides = {},
  extra: { signal?: AbortSignal; clock?: ReturnType<typeof virtualClock> } = {},
) {
  const config = makeConfig({ ...BATCH, ...overrides });
  const { collector, ruleFindings } = collect(events, config);
  const logger = memLogger();
  const outcome = await analyze(
    config,
    {
      clients: t.clients,
      logger,
      clock: extra.clock ?? virtualClock(),
      ...(extra.signal ? { signal: extra.signal } : {}),
    },
    { collector, ruleFindings, stats: makeStats(events.length), window },
  );
  return { outcome, ruleFindings, logger };
}

/** Every evidence id of every AI finding is an event of the window; every rule finding survives unchanged. */
function expectSound(outcome: AnalysisOutcome, events: readonly TrailEvent[], ruleFindings: Finding[]): void {
  const ids = new Set(events.map((e) => e.id));
  for (const f of outcome.aiFindings) {
    expect(f.origin).toBe('ai');
    expect(f.evidence.eventIds.length).toBeGreaterThan(0);
    for (const id of f.evidence.eventIds) expect(ids.has(id)).toBe(true);
  }
  const merged = mergeFindings(ruleFindings, outcome.aiFindings);
  for (const r of ruleFindings)
    expect(merged.find((m) => m.id === r.id)).toMatchObject({ severity: r.severity, origin: 'rule' });
}

describe('batch engine against the twin', () => {
  const big = syntheticEvents(20_000);
  const mid = syntheticEvents(5_000, 11);

  it('takes a 20,000-event window end to end: JSONL in S3, one job (reused on re-run), output and manifest read, findings merged, summary written', async () => {
    const { outcome, ruleFindings, logger } = await run(big);
    expect(outcome).toMatchObject({
      engine: 'batch',
      status: 'completed',
      digests: { eventsCovered: 20_000 },
    });
    const jobs = await t.jobs();
    expect(jobs).toHaveLength(1);
    const job = jobs[0];
    expect(outcome.jobs[0]).toMatchObject({ engine: 'batch', jobArn: job?.jobArn, status: 'Completed' });
    expect(job?.clientRequestToken).toMatch(/^[0-9a-f]{64}$/);
    // The input is JSONL of {recordId, modelInput} in Anthropic Messages format (the default for anthropic.* models).
    const s3 = await t.clients.s3();
    const listed = await s3.send(
      new ListObjectsV2Command({ Bucket: 'twin-batch', Prefix: 'trailsight/batch/' }),
    );
    const inputKey = listed.Contents?.map((o) => o.Key ?? '').find((k) => k.endsWith('/input/records.jsonl'));
    const body = await (
      await s3.send(new GetObjectCommand({ Bucket: 'twin-batch', Key: inputKey }))
    ).Body?.transformToString();
    const lines = (body ?? '')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { recordId: string; modelInput: Record<string, unknown> });
    expect(lines.length).toBeGreaterThanOrEqual(100);
    expect(lines.length).toBe(outcome.digests.records);
    expect(lines[0]?.recordId).toMatch(/^[A-Za-z0-9]{11}$/);
    expect(lines[0]?.modelInput).toMatchObject({
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: expect.any(Number),
    });
    expect(job?.modelInvocationType).toBe('InvokeModel');
    // Verified AI findings from the scripted model, merged without touching rule findings.
    expect(outcome.aiFindings.length).toBeGreaterThan(0);
    expectSound(outcome, big, ruleFindings);
    expect(outcome.warnings.filter((w) => /summary model/.test(w))).toEqual([]);
    expect(outcome.summary).toMatchObject({ origin: 'model' });
    expect(outcome.usage.estimated).toBe(false);
    expect(outcome.usage.inputTokens).toBeGreaterThan(0);
    expect(outcome.usage.costUsd).toBeGreaterThan(0);
    expect(logger.lines.some((l) => /estimated cost \$/.test(l))).toBe(true);
    expect(
      logger.lines.some((l) =>
        /Batch job trailsight-\w+: InProgress|Batch job trailsight-\w+: Completed/.test(l),
      ),
    ).toBe(true);

    // A re-run over the same window finds the same job instead of paying twice.
    const again = await run(big);
    expect(await t.jobs()).toHaveLength(1);
    expect(again.outcome.jobs[0]?.jobArn).toBe(job?.jobArn);
    expect(again.outcome.status).toBe('completed');
    expect(again.logger.lines.some((l) => /already exists/.test(l))).toBe(true);
  });

  it('sends every rule-flagged event of a 20,000-event window to the model with its rule, including a burst flagged after its first events passed', async () => {
    // The real rule pack over the window, as the pipeline runs it: events flagged later (a threshold burst's
    // earlier events, correlate rules at the end) are handed to the digest too.
    const config = makeConfig(BATCH);
    const detector = await createDetector(config, { logger: memLogger(), clock: virtualClock() });
    const collector = createDigestCollector(config);
    const flagged = new Map<string, Set<string>>();
    const note = (id: string, rule: string): void => {
      flagged.set(id, (flagged.get(id) ?? new Set()).add(rule));
    };
    let later = 0;
    const events = windowWithDetonations();
    expect(events).toHaveLength(20_000);
    const drain = (): void => {
      for (const f of detector.takeFlaggedLater()) {
        later++;
        note(f.id, f.ruleId);
        collector.flagLater(f);
      }
    };
    for (const e of events) {
      const ids = detector.observe(e);
      for (const r of ids) note(e.id, r);
      collector.observe(e, ids);
      drain();
    }
    const detected = detector.finish();
    drain();
    expect(later).toBeGreaterThan(0);
    expect(flagged.size).toBeGreaterThan(500);
    // Fresh clients: a keep-alive socket left from the previous test's uploads can be gone after the twin's reset.
    const clients = twinClients(t.twin.url);
    const outcome = await analyze(
      config,
      { clients, logger: memLogger(), clock: virtualClock() },
      { collector, ruleFindings: detected.findings, stats: detected.stats, window },
    );
    expect([outcome.status, outcome.warnings.filter((w) => /failed/.test(w))]).toEqual(['completed', []]);
    // The batch input as the twin holds it.
    const s3 = await clients.s3();
    const listed = await s3.send(
      new ListObjectsV2Command({ Bucket: 'twin-batch', Prefix: 'trailsight/batch/' }),
    );
    const inputKey = listed.Contents?.map((o) => o.Key ?? '').find((k) => k.endsWith('/input/records.jsonl'));
    const body = await (
      await s3.send(new GetObjectCommand({ Bucket: 'twin-batch', Key: inputKey }))
    ).Body?.transformToString();
    const texts: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') texts.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    for (const l of (body ?? '').trim().split('\n'))
      walk((JSON.parse(l) as { modelInput: unknown }).modelInput);
    const lines = new Map<string, string>();
    for (const line of texts.join('\n').split('\n')) {
      const m = /^id=(\S+) /.exec(line);
      if (m) lines.set(m[1] as string, line);
    }
    const missing: string[] = [];
    for (const [id, rules] of flagged) {
      const line = lines.get(id);
      const tag = / rule=(\S+)/.exec(line ?? '')?.[1]?.split(',') ?? [];
      if (!line || [...rules].some((r) => !tag.includes(r))) missing.push(`${id} [${[...rules].join(',')}]`);
    }
    expect(missing).toEqual([]);
  });

  it('writes Converse bodies with modelInvocationType Converse when asked, and reads Converse output', async () => {
    const config = makeConfig(BATCH);
    const { collector, ruleFindings } = collect(mid, config);
    const outcome = await analyze(
      config,
      { clients: t.clients, logger: memLogger(), clock: virtualClock() },
      { collector, ruleFindings, stats: makeStats(mid.length), window },
      { batchFormat: 'converse' },
    );
    expect(outcome.status).toBe('completed');
    expect((await t.jobs())[0]?.modelInvocationType).toBe('Converse');
    expect(outcome.aiFindings.length).toBeGreaterThan(0);
    expectSound(outcome, mid, ruleFindings);
  });

  it.each([
    ['job-failed', 'failed', /ended Failed/],
    ['job-expired', 'failed', /ended Expired/],
    ['missing-output', 'failed', /no output/],
  ] as const)('%s: nothing analysed, reported as %s, rule findings kept', async (kind, status, warning) => {
    await t.fault({ operation: 'BatchJob', kind, times: 1 });
    const { outcome, ruleFindings } = await run(mid);
    expect(outcome.status).toBe(status);
    expect(outcome.warnings.join('\n')).toMatch(warning);
    expect(outcome.aiFindings).toHaveLength(0);
    expect(outcome.summary.origin).toBe('template');
    expectSound(outcome, mid, ruleFindings);
  });

  it.each([
    ['job-partial', /record\(s\) failed inside the batch job/],
    ['job-stopped', /ended Stopped/],
    ['corrupt-output', /could not be read and were skipped/],
  ] as const)(
    '%s: what was analysed is used, what was not is reported (status partial)',
    async (kind, warning) => {
      await t.fault({ operation: 'BatchJob', kind, times: 1, fraction: 0.2 });
      const { outcome, ruleFindings } = await run(mid);
      expect(outcome.status).toBe('partial');
      expect(outcome.warnings.join('\n')).toMatch(warning);
      expect(outcome.jobs[0]?.recordsFailed).toBeGreaterThan(0);
      expect(outcome.jobs[0]?.recordsSucceeded).toBeGreaterThan(0);
      expect(outcome.aiFindings.length).toBeGreaterThan(0);
      expectSound(outcome, mid, ruleFindings);
    },
  );

  it.each(['hallucinating', 'malformed', 'obedient'] as const)(
    '%s model in a batch job: no invented evidence, no crash, rule findings intact',
    async (behaviour) => {
      await t.model(behaviour);
      const { outcome, ruleFindings } = await run(mid);
      expect(['completed', 'partial']).toContain(outcome.status);
      if (behaviour === 'hallucinating') expect(outcome.dropped.unverifiedEvidence).toBeGreaterThan(0);
      if (behaviour === 'malformed') expect(outcome.dropped.invalid).toBe(outcome.digests.records);
      expectSound(outcome, mid, ruleFindings);
    },
  );

  it('missing manifest: token counts come from the records themselves', async () => {
    await t.fault({ operation: 'BatchJob', kind: 'missing-manifest', times: 1 });
    const { outcome } = await run(mid);
    expect(outcome.status).toBe('completed');
    expect(outcome.warnings.join('\n')).toMatch(/no manifest/);
    expect(outcome.usage).toMatchObject({ estimated: false });
    expect(outcome.usage.inputTokens).toBeGreaterThan(0);
  });

  it('leaves a job still running at wait-timeout as pending with its ARN; a re-run waits on that job instead of submitting another', async () => {
    t.twin.ctx.batchStepMs = 60_000;
    const first = await run(mid, { waitTimeoutMinutes: 1 });
    expect(first.outcome.status).toBe('pending');
    expect(first.outcome.jobs[0]?.jobArn).toMatch(/model-invocation-job\//);
    expect(first.outcome.warnings.join('\n')).toMatch(/wait-timeout-minutes/);
    expect(first.outcome.summary.origin).toBe('template');
    const second = await run(mid, { waitTimeoutMinutes: 1 });
    expect(second.outcome.jobs[0]?.jobArn).toBe(first.outcome.jobs[0]?.jobArn);
    expect(await t.jobs()).toHaveLength(1);
    t.twin.ctx.batchStepMs = 1;
  });

  it('mode submit creates the job and returns pending without waiting', async () => {
    const clock = virtualClock();
    const { outcome } = await run(mid, { mode: 'submit' }, { clock });
    expect(outcome.status).toBe('pending');
    expect(outcome.jobs[0]?.jobArn).toBeDefined();
    expect(clock.slept).toHaveLength(0);
  });

  it('stops the job it started when its status can no longer be read, and says so', async () => {
    t.twin.ctx.batchStepMs = 50;
    // Access denied is not retried by the SDK: five failed polls in a row end the wait.
    await t.fault({ operation: 'GetModelInvocationJob', kind: 'access-denied', times: 5 });
    const { outcome, ruleFindings } = await run(mid);
    expect(outcome.status).toBe('failed');
    expect([...outcome.warnings].join('\n')).toMatch(
      /Could not read the status of batch job .* \(stopped it: this run cannot read its results\)/,
    );
    expectSound(outcome, mid, ruleFindings);
    const [job] = await t.jobs();
    expect(['Stopping', 'Stopped']).toContain((job as { status?: string } | undefined)?.status);
    t.twin.ctx.batchStepMs = 1;
  });

  it('on cancellation in mode run, stops the job this run started', async () => {
    t.twin.ctx.batchStepMs = 50;
    const controller = new AbortController();
    const base = virtualClock();
    const clock = {
      ...base,
      sleep: (ms: number, signal?: AbortSignal) => {
        controller.abort(new Error('SIGTERM'));
        return base.sleep(ms, signal);
      },
    };
    const { outcome } = await run(
      mid,
      {},
      { signal: controller.signal, clock: clock as ReturnType<typeof virtualClock> },
    );
    expect(outcome.warnings.join('\n')).toMatch(/Cancelled: stopped batch job/);
    const [job] = await t.jobs();
    expect(['Stopping', 'Stopped']).toContain(job?.status);
    t.twin.ctx.batchStepMs = 1;
  });
});
