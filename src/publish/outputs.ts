import { maxSeverity } from '../report/build.js';
import type { Report, Severity } from '../types.js';
import type { PublishResult } from './types.js';

// The severities that have a `<severity>-count` output.
const COUNTED: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/** Every action output of DESIGN.md, as strings (empty when not applicable). */
export function actionOutputs(
  report: Report,
  files: { jsonPath: string; markdownPath: string },
  publish?: PublishResult,
): Record<string, string> {
  const out: Record<string, string> = {
    status: report.status,
    'max-severity': maxSeverity(report.findings) ?? 'none',
    'findings-count': String(report.findings.length),
  };
  for (const s of COUNTED) out[`${s}-count`] = String(report.counts.bySeverity[s] ?? 0);
  out['events-analyzed'] = String(report.counts.eventsAnalyzed);
  out['report-path'] = files.jsonPath;
  out['report-markdown-path'] = files.markdownPath;
  out['issue-url'] = publish?.issueUrl ?? '';
  out['batch-job-arn'] = report.jobs.find((j) => j.engine === 'batch' && j.jobArn)?.jobArn ?? '';
  out['input-tokens'] = String(report.usage.inputTokens);
  out['output-tokens'] = String(report.usage.outputTokens);
  out['cost-usd'] = report.usage.costUsd.toFixed(4);
  out['incidents-count'] = String(report.incidents.length);
  out['max-incident-severity'] = maxSeverity(report.incidents) ?? 'none';
  return out;
}
