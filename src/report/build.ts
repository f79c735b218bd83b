import type { Config } from '../config/types.js';
import {
  REPORT_SCHEMA_VERSION,
  SEVERITIES,
  severityRank,
  type ActivityStats,
  type AnalysisOutcome,
  type Finding,
  type Incident,
  type Report,
  type Severity,
  type SourceReport,
  type WindowExplanation,
} from '../types.js';
import { VERSION } from '../version.js';

/** Everything the pipeline knows at the end of a run, for buildReport. */
export interface ReportInput {
  config: Config;
  now: Date;
  window: { start: Date; end: Date; explanation?: WindowExplanation | undefined };
  sources: SourceReport[];
  counts: { read: number; kept: number; filtered: number; duplicates: number; skipped: number };
  /** Already merged rule + AI findings. */
  findings: Finding[];
  /** Incidents from the correlate stage; empty when none were built. */
  incidents?: Incident[];
  suppressed: Report['suppressed'];
  stats: ActivityStats;
  analysis: AnalysisOutcome;
  run?: Report['run'];
  warnings: string[];
  errors: string[];
}

/** Most severe first, then most frequent, then earliest, then id, so every rendering lists them alike. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    b.count - a.count ||
    a.firstSeen.localeCompare(b.firstSeen) ||
    a.id.localeCompare(b.id)
  );
}

/** Findings per severity, every severity present (zero when none). */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const out = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) out[f.severity] += 1;
  return out;
}

/** The highest severity among the findings (or incidents), or undefined when there are none. */
export function maxSeverity(findings: readonly Pick<Finding, 'severity'>[]): Severity | undefined {
  let max: Severity | undefined;
  for (const f of findings)
    if (max === undefined || severityRank(f.severity) > severityRank(max)) max = f.severity;
  return max;
}

/** Why a run did not review its whole window; `error` is false for an intended pending batch job. */
export interface IncompleteReason {
  reason: string;
  error: boolean;
}

// Analysis states that leave part of the window unreviewed by the model, and whether that is an error.
const ANALYSIS_GAPS: Partial<Record<Report['analysis']['status'], IncompleteReason>> = {
  partial: { reason: 'the model analysed only part of the window', error: true },
  failed: { reason: 'the AI analysis failed; only the rule findings are reported', error: true },
  pending: { reason: 'the AI analysis is still running (collect it in a later run)', error: false },
};

/** Every reason a report is not a complete review of its window (sources cut short, analysis gaps, errors). */
export function incompleteReasons(
  report: Pick<Report, 'sources' | 'analysis' | 'errors'>,
): IncompleteReason[] {
  const out: IncompleteReason[] = [];
  for (const s of report.sources) {
    if (!s.complete) {
      const why = s.errors.length > 0 ? `: ${s.errors.join('; ')}` : '';
      // A scope never read at all is a different gap from one cut short: say which. Sources that found a scope
      // missing already word it as "<scope>: not read: …".
      const said = s.errors.length > 0 && s.errors.every((e) => e.startsWith(`${s.scope}: not read`));
      const what = s.coverage === 'not-read' ? 'was not read' : 'was not read to its end';
      out.push({
        reason: said
          ? `source ${s.source} ${s.errors.join('; ')}`
          : `source ${s.source} ${s.scope} ${what}${why}`,
        error: true,
      });
    }
  }
  const gap = ANALYSIS_GAPS[report.analysis.status];
  if (gap) out.push(gap);
  if (report.analysis.status === 'skipped' && report.analysis.engine !== 'rules-only') {
    out.push({ reason: 'the AI analysis was skipped; only the rule findings are reported', error: true });
  }
  for (const e of report.errors) out.push({ reason: e, error: true });
  return out;
}

/** Assembles the versioned Report from a run's results; findings are sorted, counts derived. */
export function buildReport(input: ReportInput): Report {
  const findings = [...input.findings].sort(compareFindings);
  const { analysis } = input;
  const summaryModelId =
    analysis.summary.modelId ??
    (analysis.summary.origin === 'model' ? input.config.analysis.summaryModelId : undefined);
  const reportAnalysis: Report['analysis'] = {
    engine: analysis.engine,
    status: analysis.status,
    digests: { ...analysis.digests },
    dropped: { ...analysis.dropped },
    ...(analysis.answers ? { answers: { ...analysis.answers } } : {}),
    ...(analysis.modelId !== undefined ? { modelId: analysis.modelId } : {}),
    ...(summaryModelId !== undefined ? { summaryModelId } : {}),
  };
  const warnings = [...new Set([...input.warnings, ...analysis.warnings])];
  const errors = [...new Set(input.errors)];
  const sources = input.sources.map((s) => ({ ...s, skipped: { ...s.skipped }, errors: [...s.errors] }));
  const nothingRead = sources.length > 0 && sources.every((s) => !s.complete && s.eventsRead === 0);
  const status: Report['status'] =
    analysis.status === 'pending' ? 'pending' : nothingRead ? 'failed' : 'completed';
  const incomplete = incompleteReasons({ sources, analysis: reportAnalysis, errors }).length > 0;
  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'trailsight', version: VERSION },
    generatedAt: input.now.toISOString(),
    status,
    verdict: incomplete ? 'incomplete' : findings.length > 0 ? 'findings' : 'clean',
    window: {
      start: input.window.start.toISOString(),
      end: input.window.end.toISOString(),
      kind: input.config.window.kind,
      ...(input.window.explanation ? { explanation: { ...input.window.explanation } } : {}),
    },
    sources,
    counts: {
      eventsRead: input.counts.read,
      eventsAnalyzed: input.counts.kept,
      eventsSkipped: input.counts.skipped,
      eventsFiltered: input.counts.filtered,
      duplicates: input.counts.duplicates,
      findings: findings.length,
      suppressed: input.suppressed.length,
      bySeverity: countBySeverity(findings),
    },
    findings,
    incidents: [...(input.incidents ?? [])],
    suppressed: [...input.suppressed],
    stats: input.stats,
    summary: analysis.summary,
    analysis: reportAnalysis,
    usage: { ...analysis.usage },
    jobs: [...analysis.jobs],
    warnings,
    errors,
  };
  if (input.run && Object.keys(input.run).length > 0) report.run = { ...input.run };
  return report;
}
