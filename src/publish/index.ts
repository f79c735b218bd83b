/** The publish stage: job summary, issues, sticky PR comment, SNS, Security Hub; plus the gate and the action outputs. */
import type { Config, Destination } from '../config/types.js';
import type { Redaction } from '../report/redact.js';
import type { Report } from '../types.js';
import { errorText, publishIssues } from './issues.js';
import { publishPrComment } from './pr-comment.js';
import { publishSummary } from './summary.js';
import type { DestinationResult, PublishDeps, PublishResult } from './types.js';

export type {
  GitHubContext,
  PublishDeps,
  PublishResult,
  DestinationResult,
  FindingFailure,
} from './types.js';
export type { GitHubApi, GitHubApiOptions, IssueRef, CommentRef } from './github.js';
export { createGitHubApi } from './github.js';
export { resolveRedaction } from './redaction.js';
export { evaluateGate, gatingFindings } from './gate.js';
export type { GateResult } from './gate.js';
export { actionOutputs } from './outputs.js';
export { MAX_FINDING_ISSUES, TRAILSIGHT_LABEL } from './issues.js';

type Publisher = (
  report: Report,
  config: Config,
  deps: PublishDeps,
  redaction: Redaction,
) => Promise<DestinationResult & { issueUrl?: string }>;

// The job summary is not here: it goes last, so it can say how the others fared. SNS and Security Hub are
// loaded when a run publishes to them: each brings its AWS SDK package (see AwsClients).
const PUBLISHERS: Record<Exclude<Destination, 'summary'>, Publisher> = {
  issue: publishIssues,
  'pr-comment': (report, _config, deps, redaction) => publishPrComment(report, deps, redaction),
  sns: async (...args) => (await import('./sns.js')).publishSns(...args),
  securityhub: async (report, config, deps) =>
    (await import('./securityhub.js')).publishSecurityHub(report, config, deps),
};

/**
 * Publishes to every destination in `report-to`, each isolated: one that throws is recorded as failed and
 * the others still run. The job summary is written last and lists what the others did.
 */
export async function publish(
  report: Report,
  config: Config,
  deps: PublishDeps,
  redaction: Redaction,
): Promise<PublishResult> {
  const results = new Map<Destination, DestinationResult>();
  let issueUrl: string | undefined;
  const isolated = async (
    name: Destination,
    run: () => Promise<DestinationResult & { issueUrl?: string }>,
  ): Promise<void> => {
    try {
      const { issueUrl: url, ...r } = await run();
      if (url) issueUrl ??= url;
      results.set(name, r);
      if (!r.ok) deps.logger.warning(`${name}: ${r.error ?? 'failed'}`);
    } catch (err) {
      const error = errorText(err);
      deps.logger.warning(`${name}: could not publish: ${error}`);
      results.set(name, { name, ok: false, error });
    }
  };
  for (const name of config.reporting.reportTo) {
    if (name !== 'summary') await isolated(name, () => PUBLISHERS[name](report, config, deps, redaction));
  }
  // No job summary outside GitHub Actions (the CLI): nothing to render for it.
  const summary = deps.summary;
  if (config.reporting.reportTo.includes('summary') && summary) {
    const others = [...results.values()];
    await isolated('summary', () => publishSummary(report, { ...deps, summary }, redaction, others));
  }
  const out: PublishResult = {
    destinations: config.reporting.reportTo.flatMap((n) => {
      const r = results.get(n);
      return r ? [r] : [];
    }),
  };
  if (issueUrl) out.issueUrl = issueUrl;
  return out;
}
