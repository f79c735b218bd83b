/**
 * The analysis stage end to end: digests -> engine choice -> cost guard -> batch job or direct calls ->
 * verified AI findings -> executive summary. Whatever fails here degrades to rule findings and a template
 * summary, with a warning saying what was not analysed.
 */
import type { Config } from '../config/types.js';
import { describeError, StageError } from '../errors.js';
import type { ActivityStats, AnalysisOutcome, Finding, JobRecord } from '../types.js';
import {
  batchStatus,
  defaultRecordFormat,
  reaskCutRecords,
  runBatch,
  type BatchQuotas,
  type BatchRecordFormat,
} from './batch-job.js';
import type { AnalyzeDeps } from './deps.js';
import { DigestBuilder, type DigestCollector, type DigestRecord, type DigestSet } from './digest.js';
import { CostBudget, runDirect, type EngineRun } from './direct.js';
import { modelFamily } from './models.js';
import { costUsd, priceFor } from './pricing.js';
import {
  buildPrompt,
  EXPECTED_OUTPUT_TOKENS_PER_RECORD,
  promptOverheadTokens,
  type BuiltPrompt,
} from './prompt.js';
import { completeOutcome } from './outcome.js';
import { savePending, STATE_VERSION } from './state.js';
import { templateSummary, SUMMARY_MAX_OUTPUT_TOKENS } from './summary.js';
import { correlate, gapMinutesOf } from '../correlate/index.js';

export interface AnalyzeInput {
  collector: DigestCollector;
  ruleFindings: Finding[];
  stats: ActivityStats;
  window: { start: Date; end: Date };
}

/** Optional knobs for tests and the CLI (an addition to the brief's contract; main need not pass them). */
export interface AnalyzeOptions {
  /** Batch record body format; default: Anthropic Messages for anthropic.* models, Converse otherwise. */
  batchFormat?: BatchRecordFormat;
  /** Bedrock batch quotas of the account, when they differ from the defaults (BATCH_QUOTAS). */
  batchQuotas?: BatchQuotas;
  pollInitialMs?: number;
  pollMaxMs?: number;
}

/** Smallest digest text per record worth a model call when records are shrunk to reach the batch minimum. */
const MIN_DATA_TOKENS = 400;
/** Summary input assumed before it is built (findings lines are capped at ~4k tokens). */
const SUMMARY_INPUT_ESTIMATE = 3000;

type EngineChoice = { engine: 'batch' | 'direct'; set: DigestSet; warnings: string[] };

function asBuilder(c: DigestCollector): DigestBuilder {
  if (c instanceof DigestBuilder) return c;
  throw new StageError('analyze', 'the digest collector was not created by createDigestCollector()');
}

/** Picks batch or direct, re-packing smaller records when batch is required but there are too few. */
function chooseEngine(
  config: Config,
  builder: DigestBuilder,
  set: DigestSet,
  dataBudget: number,
): EngineChoice {
  const a = config.analysis;
  const batchReady = Boolean(a.batchRoleArn && a.batchBucket);
  const warnings: string[] = [];
  if (a.engine === 'direct') return { engine: 'direct', set, warnings };
  if (a.engine === 'auto') {
    return {
      engine: batchReady && set.records.length >= a.batchMinRecords ? 'batch' : 'direct',
      set,
      warnings,
    };
  }
  // engine: batch
  if (!batchReady) {
    warnings.push(
      'engine is batch but batch-role-arn or batch-bucket is not set; the records were analysed with direct Converse calls instead.',
    );
    return { engine: 'direct', set, warnings };
  }
  if (set.records.length >= a.batchMinRecords) return { engine: 'batch', set, warnings };
  const total = set.records.reduce((n, r) => n + r.tokens, 0);
  const smaller = Math.floor(total / a.batchMinRecords);
  if (smaller >= MIN_DATA_TOKENS && smaller < dataBudget) {
    const repacked = builder.finish(smaller);
    if (repacked.records.length >= a.batchMinRecords) return { engine: 'batch', set: repacked, warnings };
  }
  warnings.push(
    `engine is batch but the window makes only ${set.records.length} record(s), fewer than the ${a.batchMinRecords} a Bedrock batch job needs; direct Converse calls were used instead.`,
  );
  return { engine: 'direct', set, warnings };
}

function emptyUsage(): AnalysisOutcome['usage'] {
  return { inputTokens: 0, outputTokens: 0, costUsd: 0, estimated: false };
}

/** Analyses the window's digests with the configured engine and returns AI findings, summary, usage and jobs. */
export async function analyze(
  config: Config,
  deps: AnalyzeDeps,
  input: AnalyzeInput,
  options: AnalyzeOptions = {},
): Promise<AnalysisOutcome> {
  const a = config.analysis;
  const { logger } = deps;
  // A first correlation of the rule findings: the model sees which are one story, and so does the template.
  const incidents = correlate(input.ruleFindings, { gapMinutes: gapMinutesOf(config) });
  const templ = (note?: string) =>
    templateSummary(input.ruleFindings, input.stats, input.window, note, incidents);
  const base = {
    aiFindings: [] as Finding[],
    jobs: [] as JobRecord[],
    dropped: { unverifiedEvidence: 0, invalid: 0 },
  };
  // No model call: the rule findings and a summary written from them.
  const rulesOnly = (digests: AnalysisOutcome['digests'], warnings: string[]): AnalysisOutcome => ({
    engine: 'rules-only',
    status: 'completed',
    summary: templ(),
    usage: emptyUsage(),
    digests,
    warnings,
    ...base,
  });
  if (a.engine === 'rules-only')
    return rulesOnly({ records: 0, eventsCovered: 0, eventsFolded: 0, eventsOmitted: 0 }, []);
  const builder = asBuilder(input.collector);
  const dataBudget = Math.max(
    MIN_DATA_TOKENS,
    a.recordTokenBudget - promptOverheadTokens(a.recordTokenBudget),
  );
  const first = builder.finish(dataBudget);
  const warnings = [...first.warnings];
  if (first.records.length === 0) {
    warnings.push('No events to analyse in this window; the model was not called.');
    return rulesOnly(first.stats, warnings);
  }

  if (a.mode === 'collect') {
    // Collect finishes jobs stored by earlier submit runs (collectPending); it never submits new work.
    warnings.push(
      'mode: collect does not send this window to the model; it finishes jobs submitted earlier.',
    );
    return {
      engine: a.engine === 'direct' ? 'direct' : 'batch',
      status: 'skipped',
      modelId: a.modelId,
      summary: templ(),
      usage: emptyUsage(),
      digests: first.stats,
      warnings,
      ...base,
    };
  }

  const choice = chooseEngine(config, builder, first, dataBudget);
  builder.release();
  warnings.push(...choice.warnings);
  const { set, engine } = choice;
  const ctx = { ruleFindings: input.ruleFindings, incidents, stats: input.stats, window: input.window };
  const items: { record: DigestRecord; prompt: BuiltPrompt }[] = set.records.map((record) => ({
    record,
    prompt: buildPrompt(record, ctx, a.recordTokenBudget),
  }));

  // Cost guard: estimate before any call, and do not call the model above max-cost-usd.
  const batch = engine === 'batch';
  const price = priceFor(a.modelId, deps.prices);
  const summaryPrice = priceFor(a.summaryModelId, deps.prices);
  if (!price.known)
    warnings.push(`No price is known for model ${a.modelId}; the cost estimate assumes ${price.name}.`);
  const estIn = items.reduce((n, i) => n + i.prompt.tokens, 0);
  const estOut = items.length * EXPECTED_OUTPUT_TOKENS_PER_RECORD;
  const estimate =
    costUsd(price.price, estIn, estOut, batch) +
    costUsd(summaryPrice.price, SUMMARY_INPUT_ESTIMATE, SUMMARY_MAX_OUTPUT_TOKENS / 2, false);
  const family = modelFamily(a.modelId);
  logger.info(
    `Analysis plan: ${engine} with ${a.modelId} (${family.name}: findings as ${family.answer === 'tool' ? 'a forced tool call' : 'JSON text'}), ${items.length} record(s) covering ${set.stats.eventsCovered} events, ~${estIn} input tokens; estimated cost $${estimate.toFixed(4)} (limit $${a.maxCostUsd}).`,
  );
  if (estimate > a.maxCostUsd) {
    warnings.push(
      `The model was not called: the estimated cost $${estimate.toFixed(4)} is above max-cost-usd ($${a.maxCostUsd}). Raise max-cost-usd to at least ${Math.ceil(estimate * 100) / 100} (or narrow the window or filters) to analyse with the model.`,
    );
    return {
      engine,
      status: 'skipped',
      modelId: a.modelId,
      summary: templ(
        'The model analysis was skipped because its estimated cost exceeded the configured limit.',
      ),
      usage: { inputTokens: 0, outputTokens: 0, costUsd: 0, estimated: true },
      digests: set.stats,
      warnings,
      ...base,
    };
  }

  let run: EngineRun;
  let status: AnalysisOutcome['status'];
  const jobs: JobRecord[] = [];
  let parts: { job: JobRecord; recordIds: string[] }[] = [];
  try {
    if (batch) {
      const b = await runBatch(
        items,
        {
          modelId: a.modelId,
          roleArn: a.batchRoleArn ?? '',
          bucket: a.batchBucket ?? '',
          prefix: a.batchPrefix,
          waitTimeoutMinutes: a.waitTimeoutMinutes,
          mode: a.mode,
          format: options.batchFormat ?? defaultRecordFormat(a.modelId),
          answer: family.answer,
          ...(options.batchQuotas ? { quotas: options.batchQuotas } : {}),
          ...(options.pollInitialMs !== undefined ? { pollInitialMs: options.pollInitialMs } : {}),
          ...(options.pollMaxMs !== undefined ? { pollMaxMs: options.pollMaxMs } : {}),
        },
        deps,
      );
      if (b.cut?.size) {
        // What the job cost (batch prices) and the summary still to come leave the budget for re-asking.
        const spent =
          costUsd(price.price, b.inputTokens, b.outputTokens, true) +
          costUsd(summaryPrice.price, SUMMARY_INPUT_ESTIMATE, SUMMARY_MAX_OUTPUT_TOKENS / 2, false);
        const budget = new CostBudget(Math.max(0, a.maxCostUsd - spent), price.price);
        await reaskCutRecords(
          items,
          b,
          {
            modelId: a.modelId,
            answer: family.answer,
            concurrency: a.directConcurrency,
            reask: { ctx, recordTokenBudget: a.recordTokenBudget, budget },
          },
          deps,
        );
      }
      run = b;
      jobs.push(...(b.jobs?.map((j) => j.job) ?? [b.job]));
      parts = b.jobs ?? [{ job: b.job, recordIds: items.map((i) => i.record.recordId) }];
      status = b.status;
    } else {
      const budget = new CostBudget(Math.max(0, a.maxCostUsd - estimate), price.price);
      run = await runDirect(
        items,
        {
          modelId: a.modelId,
          concurrency: a.directConcurrency,
          answer: family.answer,
          reask: { ctx, recordTokenBudget: a.recordTokenBudget, budget },
        },
        deps,
      );
      status = batchStatus(run.results, 'Completed');
      jobs.push({
        engine: 'direct',
        status: status === 'completed' ? 'Completed' : status === 'partial' ? 'PartiallyCompleted' : 'Failed',
        modelId: a.modelId,
        records: items.length,
        recordsSucceeded: run.results.filter((r) => r.status !== 'failed').length,
        recordsFailed: run.results.filter((r) => r.status === 'failed').length,
      });
      const failed = run.results.filter((r) => r.status === 'failed');
      if (failed.length) {
        warnings.push(
          `${failed.length} of ${items.length} record(s) could not be analysed by the model (${failed[0]?.error ?? 'error'}); their events are covered by the rules only.`,
        );
      }
    }
  } catch (err) {
    const message = describeError(err);
    logger.warning(`Model analysis failed: ${message}`);
    warnings.push(
      `Model analysis failed: ${message}. Rule findings are reported; the events were not analysed by the model.`,
    );
    return {
      engine,
      status: 'failed',
      modelId: a.modelId,
      summary: templ('The model analysis failed; this summary was written from the rule findings.'),
      usage: emptyUsage(),
      jobs,
      digests: set.stats,
      dropped: base.dropped,
      aiFindings: [],
      warnings,
    };
  }
  warnings.push(...run.warnings);

  if (status === 'pending' && batch) {
    for (const part of parts) {
      const ids = new Set(part.recordIds);
      const mine = items.filter((i) => ids.has(i.record.recordId));
      await rememberPending(config, deps, { jobs: [part.job], set, items: mine, input, warnings });
    }
  }

  return completeOutcome(config, deps, {
    engine,
    status,
    run,
    jobs,
    digests: set.stats,
    knownEventIds: new Set(set.records.flatMap((r) => [...r.events.keys()])),
    ruleFindings: input.ruleFindings,
    stats: input.stats,
    window: input.window,
    warnings,
  });
}

/** Stores a pending batch job's context under state-bucket so `mode: collect` can finish its report later. */
async function rememberPending(
  config: Config,
  deps: AnalyzeDeps,
  p: {
    jobs: JobRecord[];
    set: DigestSet;
    items: { record: DigestRecord; prompt: BuiltPrompt }[];
    input: AnalyzeInput;
    warnings: string[];
  },
): Promise<void> {
  const job = p.jobs[0];
  const bucket = config.window.stateBucket;
  if (!job?.jobArn || !job.jobName) return;
  if (!bucket) {
    p.warnings.push(
      'No state-bucket is set, so a later mode: collect run cannot find this job; re-running the same window reuses it instead.',
    );
    return;
  }
  try {
    const key = await savePending(await deps.clients.s3(), bucket, config.window.statePrefix, {
      version: STATE_VERSION,
      jobArn: job.jobArn,
      jobName: job.jobName,
      modelId: config.analysis.modelId,
      outputUri: job.outputUri ?? '',
      submittedAt: job.submittedAt ?? deps.clock.now().toISOString(),
      window: {
        start: p.input.window.start.toISOString(),
        end: p.input.window.end.toISOString(),
        kind: config.window.kind,
      },
      records: p.items.map(({ record, prompt }) => ({
        recordId: record.recordId,
        tokens: prompt.tokens,
        events: [...record.events.values()],
      })),
      ruleFindings: p.input.ruleFindings,
      stats: p.input.stats,
      digests: p.set.stats,
      warnings: [...p.warnings],
    });
    p.warnings.push(`The batch job's context is stored at s3://${bucket}/${key} for mode: collect.`);
  } catch (err) {
    p.warnings.push(
      `Could not store the pending batch job's context in s3://${bucket}: ${describeError(err)}`,
    );
  }
}
