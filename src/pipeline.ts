import { readFile } from 'node:fs/promises';
import type { AwsClients } from './aws/clients.js';
import type { Config } from './config/types.js';
import { createDetector } from './detect/index.js';
import { analyze, createDigestCollector, mergeFindings } from './analyze/index.js';
import { openEventStream } from './sources/index.js';
import { buildReport, writeReportFiles, type Redaction } from './report/index.js';
import { actionOutputs, evaluateGate, publish, resolveRedaction, type GitHubContext, type PublishDeps, type PublishResult } from './publish/index.js';
import { describeError } from './errors.js';
import type { Clock, Logger, Report } from './types.js';

export interface PipelineDeps {
  clients: AwsClients;
  logger: Logger;
  clock: Clock;
  signal?: AbortSignal;
  /** Publishing: GitHub wrapper, job summary writer, run context. */
  publish: Omit<PublishDeps, 'clients' | 'logger'>;
}

export interface PipelineResult {
  report: Report;
  files: { jsonPath: string; markdownPath: string };
  publish: PublishResult;
  outputs: Record<string, string>;
  gate: ReturnType<typeof evaluateGate>;
  redaction: Redaction;
}

/**
 * One run: read the window, detect, analyse, build the report, write it to disk, then publish. The report
 * file exists before any destination is tried, so a failing destination never loses it.
 */
export async function runPipeline(config: Config, deps: PipelineDeps): Promise<PipelineResult> {
  const { logger, clock } = deps;
  const started = clock.now();
  const warnings: string[] = [];
  const errors: string[] = [];
  logger.info(
    `Reviewing ${config.window.start.toISOString()} .. ${config.window.end.toISOString()} from ${config.source.kind} (${describeScope(config)})`,
  );

  const detector = await createDetector(config, { logger, clock });
  const collector = createDigestCollector(config);
  const stream = openEventStream(config, {
    clients: deps.clients,
    logger,
    clock,
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  for await (const event of stream.events) {
    const ruleIds = detector.observe(event);
    collector.observe(event, ruleIds);
  }
  const counts = stream.counts();
  const detected = detector.finish();
  warnings.push(...detected.warnings);
  logger.info(
    `Read ${counts.read} events (${counts.kept} kept, ${counts.filtered} filtered, ${counts.duplicates} duplicates, ${counts.skipped} skipped); ${detected.findings.length} rule findings from ${detected.rulesLoaded} rules`,
  );

  let analysis;
  try {
    analysis = await analyze(
      config,
      { clients: deps.clients, logger, clock, ...(deps.signal ? { signal: deps.signal } : {}) },
      {
        collector,
        ruleFindings: detected.findings,
        stats: detected.stats,
        window: { start: config.window.start, end: config.window.end },
      },
    );
  } catch (err) {
    // The model is an addition to the rule findings, never a condition for them: report and go on.
    errors.push(`AI analysis failed: ${describeError(err)}`);
    logger.error(`AI analysis failed; the report carries the rule findings only: ${describeError(err)}`);
    analysis = failedAnalysis(config, describeError(err));
  }
  const findings = mergeFindings(detected.findings, analysis.aiFindings);

  const report = buildReport({
    config,
    now: clock.now(),
    window: { start: config.window.start, end: config.window.end },
    sources: stream.reports(),
    counts,
    findings,
    suppressed: detected.suppressed,
    stats: detected.stats,
    analysis,
    run: runInfo(deps.publish.context),
    warnings,
    errors,
  });

  const publishDeps: PublishDeps = { ...deps.publish, clients: deps.clients, logger };
  const redaction = await resolveRedaction(config, publishDeps);
  const files = await writeReportFiles(report, config.reporting.reportPath, { redaction });
  logger.info(`Report written to ${files.jsonPath} and ${files.markdownPath}`);

  const published = await publish(report, config, publishDeps, redaction);
  for (const d of published.destinations) {
    if (!d.ok) logger.warning(`Publishing to ${d.name} failed: ${d.error ?? 'unknown error'}`);
  }
  const gate = evaluateGate(report, config);
  const outputs = actionOutputs(report, files, published);
  logger.info(`Done in ${((clock.now().getTime() - started.getTime()) / 1000).toFixed(1)} s: ${gate.message}`);
  return { report, files, publish: published, outputs, gate, redaction };
}

function describeScope(config: Config): string {
  const s = config.source;
  switch (s.kind) {
    case 'lookup':
      return `regions ${s.regions.join(', ')}`;
    case 's3':
      return `s3://${s.trailBucket ?? ''}/${s.trailPrefix}`;
    case 'lake':
      return `event data store ${s.eventDataStore ?? ''}`;
    case 'file':
      return s.eventsFiles.join(', ');
  }
}

function runInfo(ctx: GitHubContext): Report['run'] {
  const run: NonNullable<Report['run']> = {};
  if (ctx.repository) run.repository = ctx.repository;
  if (ctx.runUrl) {
    run.runUrl = ctx.runUrl;
    const id = /\/runs\/(\d+)/.exec(ctx.runUrl)?.[1];
    if (id) run.runId = id;
  }
  if (ctx.eventName) run.eventName = ctx.eventName;
  if (ctx.sha) run.sha = ctx.sha;
  return run;
}

function failedAnalysis(config: Config, message: string): Awaited<ReturnType<typeof analyze>> {
  return {
    engine: config.analysis.engine === 'rules-only' ? 'rules-only' : config.analysis.engine === 'direct' ? 'direct' : 'batch',
    status: 'failed',
    aiFindings: [],
    summary: { text: '', priorities: [], origin: 'template' },
    usage: { inputTokens: 0, outputTokens: 0, costUsd: 0, estimated: true },
    jobs: [],
    digests: { records: 0, eventsCovered: 0, eventsFolded: 0, eventsOmitted: 0 },
    dropped: { unverifiedEvidence: 0, invalid: 0 },
    warnings: [message],
  };
}

/** The GitHub context of the run, from the runner's environment (and the event payload for PR numbers). */
export async function githubContextFromEnv(env: NodeJS.ProcessEnv): Promise<GitHubContext> {
  const ctx: GitHubContext = {};
  if (env.GITHUB_REPOSITORY) ctx.repository = env.GITHUB_REPOSITORY;
  if (env.GITHUB_EVENT_NAME) ctx.eventName = env.GITHUB_EVENT_NAME;
  if (env.GITHUB_SHA) ctx.sha = env.GITHUB_SHA;
  // Issues are grouped per workflow, so one workflow's close-resolved never closes another's issues.
  if (env.GITHUB_WORKFLOW) ctx.workflow = env.GITHUB_WORKFLOW;
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  ctx.serverUrl = server;
  if (env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) {
    ctx.runUrl = `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
  }
  if (env.GITHUB_EVENT_PATH) {
    try {
      const payload = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8')) as {
        pull_request?: { number?: number };
        number?: number;
      };
      const n = payload.pull_request?.number ?? (env.GITHUB_EVENT_NAME?.startsWith('pull_request') ? payload.number : undefined);
      if (typeof n === 'number') ctx.prNumber = n;
    } catch {
      // No readable payload (a local run): no PR number, so the PR comment is skipped with a notice.
    }
  }
  return ctx;
}
