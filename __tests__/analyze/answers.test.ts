/**
 * Answers as real Claude gives them, end to end through the real SDK clients and the twin's scripted model:
 * forced tool calls, answers cut at max_tokens (salvaged, re-asked in halves), prose around JSON, empty, refused
 * and wrongly shaped answers, for Anthropic Messages (InvokeModel batch records) and Converse (direct calls and
 * Converse batch records).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { readFileSync } from 'node:fs';
import { normalizeAll, synthesize } from '../../bench/tokens-data.js';
import {
  analyze,
  collectPending,
  listPending,
  mergeFindings,
  type AnalyzeOptions,
} from '../../src/analyze/index.js';
import type { AnalysisOutcome, Finding, TrailEvent } from '../../src/types.js';
import type { ModelBehaviour } from '../../twin/types.js';
import {
  collect,
  datasetEvents,
  makeConfig,
  makeStats,
  memLogger,
  virtualClock,
  type AnalysisOverrides,
} from './helpers.js';
import { startTestTwin, type TestTwin } from './twin-helpers.js';

const window = { start: new Date('2026-11-22T00:00:00Z'), end: new Date('2026-11-23T00:00:00Z') };
const BATCH: AnalysisOverrides = {
  engine: 'batch',
  batchRoleArn: 'arn:aws:iam::123456789012:role/trailsight-batch',
  batchBucket: 'twin-batch',
  waitTimeoutMinutes: 10_080,
  batchPrefix: 'trailsight/batch/',
};
const LLAMA = 'meta.llama3-1-70b-instruct-v1:0';

// A day of activity built from the Stratus Red Team detonation logs (real attack runs, ../shared/datasets):
// their records replayed across a small pool of principals through the window.
const stratus = readFileSync(
  new URL('../../../shared/datasets/stratus_red_team_detonations/events.jsonl', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Record<string, unknown>);
const attack = normalizeAll(synthesize(stratus, 12_000, { seed: 5, ...window }), 'atk');
const real = datasetEvents();

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
  behaviour: ModelBehaviour,
  overrides: AnalysisOverrides = {},
  options: AnalyzeOptions = {},
) {
  await t.model(behaviour);
  const config = makeConfig(overrides);
  const { collector, ruleFindings } = collect(events, config);
  const logger = memLogger();
  const outcome = await analyze(
    config,
    { clients: t.clients, logger, clock: virtualClock() },
    { collector, ruleFindings, stats: makeStats(events.length), window },
    options,
  );
  return { outcome, ruleFindings, logger };
}

/** Every AI finding cites events of the window; every rule finding is kept with its severity. */
function expectSound(outcome: AnalysisOutcome, events: readonly TrailEvent[], ruleFindings: Finding[]): void {
  const ids = new Set(events.map((e) => e.id));
  for (const f of outcome.aiFindings) for (const id of f.evidence.eventIds) expect(ids.has(id)).toBe(true);
  const merged = mergeFindings(ruleFindings, outcome.aiFindings);
  expect(merged.filter((m) => m.origin === 'rule')).toHaveLength(ruleFindings.length);
  for (const r of ruleFindings)
    expect(merged.find((m) => m.id === r.id)).toMatchObject({ severity: r.severity, origin: 'rule' });
}

/** The batch input lines the job read. */
async function batchInputLines(): Promise<{ recordId: string; modelInput: Record<string, unknown> }[]> {
  const s3 = await t.clients.s3();
  const listed = await s3.send(
    new ListObjectsV2Command({ Bucket: 'twin-batch', Prefix: 'trailsight/batch/' }),
  );
  const keys = (listed.Contents ?? []).map((o) => o.Key ?? '').filter((k) => /\/input\/.*\.jsonl$/.test(k));
  const lines: { recordId: string; modelInput: Record<string, unknown> }[] = [];
  for (const key of keys) {
    const body = await (
      await s3.send(new GetObjectCommand({ Bucket: 'twin-batch', Key: key }))
    ).Body?.transformToString();
    for (const l of (body ?? '').split('\n'))
      if (l.trim()) lines.push(JSON.parse(l) as (typeof lines)[number]);
  }
  return lines;
}

describe('answers cut at max_tokens', () => {
  it('verbose model, batch of Anthropic Messages records on a day of attack runs: completed, cut records salvaged and re-asked, every rule finding kept', async () => {
    const { outcome, ruleFindings, logger } = await run(attack, 'verbose', BATCH);
    expect(outcome.engine).toBe('batch');
    expect(outcome.status).toBe('completed');
    const a = outcome.answers;
    expect(a?.truncated).toBeGreaterThan(0);
    expect(a?.salvaged).toBeGreaterThan(0);
    expect(a?.findingsSalvaged).toBeGreaterThanOrEqual(a?.salvaged ?? 0);
    expect(a?.reasked).toBe(a?.truncated);
    expect(a?.unrecovered).toBe(0);
    expect(outcome.warnings.join('\n')).toMatch(
      /record\(s\) got answers cut at max_tokens: \d+ complete finding\(s\) kept.*nothing lost/,
    );
    expect(logger.lines.some((l) => /Re-asked \d+ cut batch record\(s\) in halves/.test(l))).toBe(true);
    expectSound(outcome, attack, ruleFindings);
    // The re-asks are on-demand calls on top of the batch job's manifest figures.
    expect(outcome.usage.estimated).toBe(false);
    // Every record of the job forces the findings tool.
    const lines = await batchInputLines();
    expect(lines.length).toBe(outcome.digests.records);
    for (const l of lines) {
      expect(l.modelInput).toMatchObject({
        tool_choice: { type: 'tool', name: 'report_findings' },
        tools: [{ name: 'report_findings', input_schema: { type: 'object', required: ['findings'] } }],
      });
    }
  });

  it('verbose model, batch of Converse records: toolConfig forces the tool, cut records recovered', async () => {
    const { outcome, ruleFindings } = await run(attack, 'verbose', BATCH, { batchFormat: 'converse' });
    expect(outcome.status).toBe('completed');
    expect(outcome.answers?.truncated).toBeGreaterThan(0);
    expect(outcome.answers?.unrecovered).toBe(0);
    expect((await t.jobs())[0]?.modelInvocationType).toBe('Converse');
    const [first] = await batchInputLines();
    expect(first?.modelInput).toMatchObject({
      toolConfig: {
        tools: [{ toolSpec: { name: 'report_findings', inputSchema: { json: { type: 'object' } } } }],
        toolChoice: { tool: { name: 'report_findings' } },
      },
    });
    expectSound(outcome, attack, ruleFindings);
  });

  it('with no budget left for re-asks, the complete findings are kept and the window is partial, saying so', async () => {
    const probe = await run(attack, 'verbose', BATCH);
    const estimate = Number(/estimated cost \$([\d.]+)/.exec(probe.logger.lines.join('\n'))?.[1]);
    await t.reset();
    // Enough for the job as estimated, not for what the cut answers then cost: nothing is left to re-ask.
    const { outcome, ruleFindings } = await run(attack, 'verbose', {
      ...BATCH,
      maxCostUsd: estimate + 0.0001,
    });
    // The warnings travel with the status, so a failure says why the window was not partial.
    expect({ status: outcome.status, warnings: outcome.warnings }).toMatchObject({ status: 'partial' });
    const a = outcome.answers;
    expect(a?.reasked).toBe(0);
    expect(a?.unrecovered).toBe(a?.truncated);
    expect(a?.findingsSalvaged).toBeGreaterThan(0);
    expect(outcome.aiFindings.length).toBeGreaterThan(0);
    expect(outcome.warnings.join('\n')).toMatch(/may still miss findings/);
    expectSound(outcome, attack, ruleFindings);
  });

  // Records of ~1,000 tokens: their halves' answers fit in twice the output room (at 6,000 they would not: below).
  it('direct Converse calls: a cut record is re-asked once in two halves and the window completes', async () => {
    const { outcome, ruleFindings } = await run(real, 'verbose', {
      engine: 'direct',
      recordTokenBudget: 1000,
    });
    expect(outcome.engine).toBe('direct');
    expect(outcome.answers?.truncated).toBeGreaterThan(0);
    expect(outcome.answers?.reasked).toBe(outcome.answers?.truncated);
    expect(outcome.answers?.unrecovered).toBe(0);
    expect(outcome.status).toBe('completed');
    expectSound(outcome, real, ruleFindings);
  });

  it('text answers (a family without forced tools): JSON cut mid-list keeps its complete findings, then the halves', async () => {
    const { outcome, ruleFindings, logger } = await run(real, 'verbose', {
      engine: 'direct',
      modelId: LLAMA,
      recordTokenBudget: 1000,
      // No price is known for it: the estimate assumes an expensive model, so leave room for the re-asks.
      maxCostUsd: 50,
    });
    expect(logger.lines.some((l) => /Meta Llama: findings as JSON text/.test(l))).toBe(true);
    expect(outcome.answers?.truncated).toBeGreaterThan(0);
    expect(outcome.answers?.findingsSalvaged).toBeGreaterThan(0);
    expect(outcome.answers?.unrecovered).toBe(0);
    expect(outcome.status).toBe('completed');
    expectSound(outcome, real, ruleFindings);
  });

  it('halves cut again are not split further: their complete findings are added, the record counts as unrecovered, the window partial', async () => {
    const { outcome, ruleFindings } = await run(real, 'verbose', { engine: 'direct' });
    const a = outcome.answers;
    expect(a?.reasked).toBe(a?.truncated);
    expect(a?.unrecovered).toBeGreaterThan(0);
    // The halves' findings come on top of the salvaged ones.
    expect(outcome.aiFindings.length).toBeGreaterThan(a?.findingsSalvaged ?? 0);
    expect(outcome.status).toBe('partial');
    expectSound(outcome, real, ruleFindings);
  });
});

describe('other answer shapes', () => {
  it('chatty (prose around the JSON, prose before the tool call) cites every event diligent cites, in both modes', async () => {
    for (const modelId of ['us.anthropic.claude-haiku-4-5-20251001-v1:0', LLAMA]) {
      const diligent = await run(real, 'diligent', { engine: 'direct', modelId });
      const chatty = await run(real, 'chatty', { engine: 'direct', modelId });
      expect(chatty.outcome.status).toBe('completed');
      // The preface can push an answer past max_tokens (then salvaged and re-asked): the same events are cited.
      const cited = (o: AnalysisOutcome) =>
        [...new Set(o.aiFindings.flatMap((f) => f.evidence.eventIds))].sort();
      expect(cited(chatty.outcome)).toEqual(expect.arrayContaining(cited(diligent.outcome)));
      expect(chatty.outcome.aiFindings.length).toBeGreaterThan(0);
      // The executive summary's JSON is dug out of the prose as well.
      expect(chatty.outcome.summary.origin).toBe('model');
    }
  });

  it('empty answers: asked once more, counted, rule findings intact (direct and batch)', async () => {
    const direct = await run(real, 'empty', { engine: 'direct' });
    const records = direct.outcome.digests.records;
    expect(direct.outcome.answers).toMatchObject({ empty: records, truncated: 0 });
    expect(direct.outcome.dropped.invalid).toBe(2 * records);
    expect(direct.outcome.status).toBe('partial');
    expect(direct.outcome.warnings.join('\n')).toMatch(/no findings list \(\d+ empty\)/);
    expectSound(direct.outcome, real, direct.ruleFindings);
    await t.reset();
    const batch = await run(attack, 'empty', BATCH);
    expect(batch.outcome.warnings.filter((w) => /Model analysis failed/.test(w))).toEqual([]);
    expect(batch.outcome.answers?.empty).toBe(batch.outcome.digests.records);
    expect(batch.outcome.status).toBe('partial');
    expectSound(batch.outcome, attack, batch.ruleFindings);
  });

  it('refusals: counted, not paid for twice, rule findings intact (Converse end_turn text; Messages stop_reason refusal)', async () => {
    const direct = await run(real, 'refusing', { engine: 'direct' });
    const records = direct.outcome.digests.records;
    expect(direct.outcome.answers?.refused).toBe(records);
    expect(direct.outcome.dropped.invalid).toBe(records);
    expect(direct.outcome.summary.origin).toBe('template');
    expectSound(direct.outcome, real, direct.ruleFindings);
    await t.reset();
    const batch = await run(attack, 'refusing', BATCH);
    expect(batch.outcome.answers?.refused).toBe(batch.outcome.digests.records);
    expect(batch.outcome.aiFindings).toEqual([]);
    expectSound(batch.outcome, attack, batch.ruleFindings);
  });

  it('a findings tool call of the wrong shape is counted as such in both formats, never crashing', async () => {
    const direct = await run(real, 'malformed', { engine: 'direct' });
    expect(direct.outcome.answers?.wrongSchema).toBe(direct.outcome.digests.records);
    expectSound(direct.outcome, real, direct.ruleFindings);
    await t.reset();
    const batch = await run(attack, 'malformed', BATCH);
    expect(batch.outcome.answers?.wrongSchema).toBe(batch.outcome.digests.records);
    expect(batch.outcome.status).toBe('partial');
    expectSound(batch.outcome, attack, batch.ruleFindings);
  });

  it('a model family without forced tool choice is asked for JSON text (the twin rejects a forced tool for it)', async () => {
    const { outcome } = await run(real, 'diligent', { engine: 'direct', modelId: LLAMA });
    expect(outcome.status).toBe('completed');
    expect(outcome.aiFindings.length).toBeGreaterThan(0);
  });
});

describe('batch quotas', () => {
  it('a window over the records-per-job and records-per-file quotas runs as several jobs of several files, all read back', async () => {
    const quotas = {
      recordsPerFile: 60,
      recordsPerJob: 150,
      bytesPerFile: 2_000_000,
      bytesPerJob: 5_000_000,
    };
    await t.control('POST', '/_twin/settings', { batchQuotas: quotas });
    const { outcome, ruleFindings, logger } = await run(
      attack,
      'diligent',
      { ...BATCH, recordTokenBudget: 1200 },
      { batchQuotas: { ...quotas, minRecordsPerJob: 100 } },
    );
    const n = outcome.digests.records;
    const jobs = await t.jobs();
    expect(jobs.length).toBe(Math.ceil(n / 150));
    expect(jobs.length).toBeGreaterThan(1);
    expect(outcome.jobs.map((j) => j.jobArn).sort()).toEqual(jobs.map((j) => j.jobArn).sort());
    expect(outcome.jobs.reduce((k, j) => k + j.records, 0)).toBe(n);
    expect(
      logger.lines.some((l) => new RegExp(`exceed one batch job's quotas: ${jobs.length} jobs`).test(l)),
    ).toBe(true);
    const s3 = await t.clients.s3();
    const listed = await s3.send(
      new ListObjectsV2Command({ Bucket: 'twin-batch', Prefix: 'trailsight/batch/' }),
    );
    const inputs = (listed.Contents ?? [])
      .map((o) => o.Key ?? '')
      .filter((k) => /\/input\/records-\d{4}\.jsonl$/.test(k));
    expect(inputs.length).toBeGreaterThanOrEqual(2 * jobs.length);
    expect((await batchInputLines()).length).toBe(n);
    expect(outcome.status).toBe('completed');
    expect(outcome.aiFindings.length).toBeGreaterThan(0);
    expectSound(outcome, attack, ruleFindings);
    // The twin enforces the same quotas: one job for the whole window is refused.
    await t.reset();
    await t.control('POST', '/_twin/settings', { batchQuotas: quotas });
    const one = await run(attack, 'diligent', { ...BATCH, recordTokenBudget: 1200 });
    expect(one.outcome.status).toBe('failed');
    expect(one.outcome.warnings.join('\n')).toMatch(/records per (input file|batch inference job)/);
  });
});

describe('mode submit / collect', () => {
  it('a window split over two jobs stores each; collect reads both and re-asks their cut records', async () => {
    const quotas = {
      recordsPerFile: 60,
      recordsPerJob: 150,
      bytesPerFile: 2_000_000,
      bytesPerJob: 5_000_000,
    };
    await t.control('POST', '/_twin/settings', { batchQuotas: quotas });
    await t.model('verbose');
    const stateConfig = (mode: 'submit' | 'collect') => {
      const c = makeConfig({ ...BATCH, recordTokenBudget: 1200, mode });
      c.window.stateBucket = 'twin-batch';
      c.window.statePrefix = 'trailsight/state/';
      return c;
    };
    const config = stateConfig('submit');
    const { collector, ruleFindings } = collect(attack, config);
    const submitted = await analyze(
      config,
      { clients: t.clients, logger: memLogger(), clock: virtualClock() },
      { collector, ruleFindings, stats: makeStats(attack.length), window },
      { batchQuotas: { ...quotas, minRecordsPerJob: 100 } },
    );
    expect(submitted.status).toBe('pending');
    expect(submitted.jobs).toHaveLength(2);
    expect(await listPending(await t.clients.s3(), 'twin-batch', 'trailsight/state/')).toHaveLength(2);
    for (let i = 0; i < 400 && (await t.jobs()).some((j) => j.status !== 'Completed'); i++)
      await new Promise((r) => setTimeout(r, 5));
    const logger = memLogger();
    const { collected, stillRunning } = await collectPending(stateConfig('collect'), {
      clients: t.clients,
      logger,
      clock: virtualClock(),
    });
    expect(stillRunning).toEqual([]);
    expect(collected).toHaveLength(2);
    for (const c of collected) {
      expect(c.outcome.answers?.truncated).toBeGreaterThan(0);
      expect(c.outcome.answers?.reasked).toBe(c.outcome.answers?.truncated);
      expect(c.outcome.answers?.unrecovered).toBe(0);
      expect(c.outcome.status).toBe('completed');
      expectSound(c.outcome, attack, c.ruleFindings);
    }
    expect(collected.reduce((n, c) => n + c.pending.records.length, 0)).toBe(submitted.digests.records);
    expect(logger.lines.some((l) => /Re-asked \d+ cut batch record\(s\) in halves/.test(l))).toBe(true);
  });
});
