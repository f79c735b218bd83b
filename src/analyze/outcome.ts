/** The last step of an analysis, shared by `analyze` and `mode: collect`: findings, dropped counts, summary, usage. */
import type { Config } from '../config/types.js';
import type { ActivityStats, AnalysisOutcome, AnswerCounts, Finding, JobRecord } from '../types.js';
import type { AnalyzeDeps } from './deps.js';
import type { EngineRun, RecordOutcome } from './direct.js';
import { mergeFindings } from './merge.js';
import { dedupeAiFindings } from './parse.js';
import { costUsd, priceFor } from './pricing.js';
import { templateSummary, writeSummary } from './summary.js';
import { correlate, gapMinutesOf } from '../correlate/index.js';

/** How the records' answers came back, from their outcomes. */
export function answerCounts(results: readonly RecordOutcome[]): AnswerCounts {
  const n = (f: (r: RecordOutcome) => boolean | undefined): number => results.filter(f).length;
  return {
    truncated: n((r) => r.truncated),
    salvaged: n((r) => r.truncated && (r.salvaged ?? 0) > 0),
    findingsSalvaged: results.reduce((k, r) => k + (r.salvaged ?? 0), 0),
    reasked: n((r) => r.reasked),
    unrecovered: n((r) => r.lost),
    empty: n((r) => r.failure === 'empty'),
    refused: n((r) => r.failure === 'refused'),
    wrongSchema: n((r) => r.failure === 'wrong-schema'),
    noJson: n((r) => r.failure === 'no-json'),
  };
}

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
  const answers = answerCounts(run.results);
  const invalidRecords = run.results.filter((r) => r.status === 'invalid').length;
  if (invalidRecords) {
    const why = (
      [
        [answers.empty, 'empty'],
        [answers.refused, 'refused'],
        [answers.wrongSchema, 'a findings call of the wrong shape'],
        [answers.noJson, 'no findings JSON'],
      ] as const
    )
      .filter(([k]) => k > 0)
      .map(([k, w]) => `${k} ${w}`)
      .join(', ');
    warnings.push(
      `${invalidRecords} record(s) got an answer with no findings list${why ? ` (${why})` : ''}; their events are covered by the rules only.`,
    );
  }
  if (answers.truncated) {
    warnings.push(
      `${answers.truncated} record(s) got answers cut at max_tokens: ${answers.findingsSalvaged} complete finding(s) kept from them, ${answers.reasked} record(s) asked again in halves${answers.unrecovered ? `; ${answers.unrecovered} record(s) may still miss findings` : ', nothing lost'}.`,
    );
  }
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

  // Re-asks of cut batch records are direct calls: on-demand prices.
  const re = run.reask ?? { inputTokens: 0, outputTokens: 0 };
  let usageIn = run.inputTokens + re.inputTokens;
  let usageOut = run.outputTokens + re.outputTokens;
  let cost =
    costUsd(price.price, run.inputTokens, run.outputTokens, batch) +
    costUsd(price.price, re.inputTokens, re.outputTokens, false);
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
    ...(run.results.length ? { answers } : {}),
    warnings,
  };
}
