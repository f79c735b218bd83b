/** The last step of an analysis, shared by `analyze` and `mode: collect`: findings, dropped counts, summary, usage. */
import type { Config } from '../config/types.js';
import type { ActivityStats, AnalysisOutcome, Finding, JobRecord } from '../types.js';
import type { AnalyzeDeps } from './deps.js';
import type { EngineRun } from './direct.js';
import { mergeFindings } from './merge.js';
import { dedupeAiFindings } from './parse.js';
import { costUsd, priceFor } from './pricing.js';
import { templateSummary, writeSummary } from './summary.js';
import { correlate, gapMinutesOf } from '../correlate/index.js';

/** Parameters of the last step shared by `analyze` and `mode: collect`. */
export interface CompleteParams {
  engine: 'batch' | 'direct';
  status: AnalysisOutcome['status'];
  run: EngineRun;
  jobs: JobRecord[];
  digests: AnalysisOutcome['digests'];
  knownEventIds: ReadonlySet<string>;
  ruleFindings: Finding[];
  stats: ActivityStats;
  window: { start: Date; end: Date };
  warnings: string[];
}

/** Verified AI findings, counts of what was dropped, the summary (model or template) and usage with cost. */
export async function completeOutcome(
  config: Config,
  deps: AnalyzeDeps,
  p: CompleteParams,
): Promise<AnalysisOutcome> {
  const a = config.analysis;
  const { run, status, warnings } = p;
  const batch = p.engine === 'batch';
  const price = priceFor(a.modelId, deps.prices);
  const summaryPrice = priceFor(a.summaryModelId, deps.prices);
  const invalidRecords = run.results.filter((r) => r.status === 'invalid').length;
  if (invalidRecords)
    warnings.push(
      `${invalidRecords} record(s) got an answer that was not valid findings JSON; it was ignored.`,
    );
  const dropped = {
    unverifiedEvidence: run.results.reduce((n, r) => n + r.unverified, 0),
    invalid: run.results.reduce((n, r) => n + r.invalid, 0),
  };
  if (dropped.unverifiedEvidence) {
    warnings.push(
      `${dropped.unverifiedEvidence} AI finding(s) were dropped because they cited events that were not in their digest.`,
    );
  }
  const aiFindings = dedupeAiFindings(run.results.flatMap((r) => r.findings));

  let usageIn = run.inputTokens;
  let usageOut = run.outputTokens;
  let cost = costUsd(price.price, run.inputTokens, run.outputTokens, batch);
  let estimated = !run.measured;

  const gap = { gapMinutes: gapMinutesOf(config) };
  let summary;
  if (status === 'pending' || status === 'failed') {
    summary = templateSummary(
      p.ruleFindings,
      p.stats,
      p.window,
      status === 'pending'
        ? 'The model analysis is still running; its findings will be in a later report.'
        : undefined,
      correlate(p.ruleFindings, gap),
    );
  } else {
    // The summary speaks of the final incidents: the model's findings joined to the rules'.
    const findings = mergeFindings(p.ruleFindings, aiFindings);
    const s = await writeSummary(
      {
        modelId: a.summaryModelId,
        language: a.reportLanguage,
        findings,
        incidents: correlate(findings, gap),
        stats: p.stats,
        window: p.window,
        knownEventIds: p.knownEventIds,
      },
      deps,
    );
    summary = s.summary;
    if (s.warning) warnings.push(s.warning);
    usageIn += s.inputTokens;
    usageOut += s.outputTokens;
    cost += costUsd(summaryPrice.price, s.inputTokens, s.outputTokens, false);
    estimated ||= !s.measured;
  }
  deps.logger.info(
    `Model usage: ${usageIn} input and ${usageOut} output tokens, $${cost.toFixed(4)}${estimated ? ' (estimated)' : ''}.`,
  );

  return {
    engine: p.engine,
    status,
    modelId: a.modelId,
    aiFindings,
    summary,
    usage: { inputTokens: usageIn, outputTokens: usageOut, costUsd: Math.round(cost * 1e6) / 1e6, estimated },
    jobs: p.jobs,
    digests: p.digests,
    dropped,
    warnings,
  };
}
