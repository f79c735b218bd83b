import { readFile } from 'node:fs/promises';
import type { AwsClients } from './aws/clients.js';
import type { Config } from './config/types.js';
import { createDetector } from './detect/index.js';
import {
  analyze,
  collectPending,
  createDigestCollector,
  listPending,
  mergeFindings,
  readArchiveListing,
  readCheckpoint,
  saveRunContext,
  takeRunContext,
  writeArchiveListing,
  writeCheckpoint,
} from './analyze/index.js';
import { openEventStream, type ArchiveReadRecord, type StreamOptions } from './sources/index.js';
import { correlate, gapMinutesOf } from './correlate/index.js';
import {
  buildReport,
  explainWindow,
  nothingNewMarkdown,
  writeReportFiles,
  type Redaction,
} from './report/index.js';
import {
  actionOutputs,
  evaluateGate,
  publish,
  resolveRedaction,
  type GitHubContext,
  type PublishDeps,
  type PublishResult,
} from './publish/index.js';
import { describeError, StageError } from './errors.js';
import { collectGarbage } from './memory.js';
import type { AnalysisOutcome, Clock, Logger, Report, SourceReport, WindowExplanation } from './types.js';

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
  files: { jsonPath: string; markdownPath: string; ocsfPath?: string };
  publish: PublishResult;
  outputs: Record<string, string>;
  gate: ReturnType<typeof evaluateGate>;
  redaction: Redaction;
  /** S3 with `since-last-run`: what this run listed, kept once its window is accepted, for the next run. */
  archiveListing?: ArchiveReadRecord;
}

/** Windows shorter than this are not reviewed: a run right after another has nothing new to look at. */
export const MIN_WINDOW_MS = 60_000;

/**
 * One run of the action. `mode: collect` finishes batch jobs submitted earlier (one report each); otherwise the
 * window is reviewed (after moving its start to the checkpoint for `window: since-last-run`).
 */
export async function runPipeline(config: Config, deps: PipelineDeps): Promise<RunResult> {
  if (config.analysis.mode === 'collect') return collectRuns(config, deps);
  const windowed = await resolveWindow(config, deps);
  if (
    windowed.window.kind === 'since-last-run' &&
    windowed.window.end.getTime() - windowed.window.start.getTime() < MIN_WINDOW_MS
  )
    return nothingNew(windowed, deps);
  const result = await reviewWindow(windowed, deps, await lateArrivalOptions(windowed, deps));
  await advanceCheckpoint(windowed, deps, result.report, result.archiveListing);
  return combine([result], result.report.status === 'pending' ? [result.report.jobs[0]?.jobArn ?? ''] : []);
}

/**
 * A `since-last-run` window shorter than a minute (a run right after another, or a settle time raised since the
 * last run): nothing is reviewed, nothing published but a note in the job summary, the checkpoint stays. Not a
 * clean report: a clean badge, or closing issues, would claim a review that did not happen.
 */
async function nothingNew(config: Config, deps: PipelineDeps): Promise<RunResult> {
  const { start, end } = config.window;
  const message = `Nothing new to review since ${start.toISOString()}: this run's window would end at ${end.toISOString()}${config.window.settleMs !== undefined ? ` (${config.window.settleMs / 60_000} min before the run, CloudTrail's delivery delay)` : ''}, ${end >= start ? 'less than a minute later' : 'before it'}; the checkpoint stays where it was`;
  deps.logger.info(message);
  if (config.reporting.reportTo.includes('summary') && deps.publish.summary) {
    try {
      await deps.publish.summary.write(nothingNewMarkdown(config.window));
    } catch (err) {
      deps.logger.warning(`Publishing to summary failed: ${describeError(err)}`);
    }
  }
  return {
    results: [],
    pending: [],
    gate: { failed: false, message },
    outputs: { status: 'completed', 'findings-count': '0', 'max-severity': 'none', 'events-analyzed': '0' },
  };
}

/** `since-last-run` from the S3 archive: compare this run's listing with the last one to catch late arrivals. */
async function lateArrivalOptions(config: Config, deps: PipelineDeps): Promise<StreamOptions> {
  const bucket = config.window.stateBucket;
  if (config.window.kind !== 'since-last-run' || config.source.kind !== 's3' || !bucket) return {};
  const previous = await readArchiveListing(await deps.clients.s3(), bucket, config.window.statePrefix);
  if (!previous)
    deps.logger.info(
      'since-last-run: no archive listing from a previous run yet; late deliveries are caught from the next run on',
    );
  return { lateArrivals: { previous } };
}

/** What a run produced: one report per reviewed window or collected job, and the combined outputs and gate. */
export interface RunResult {
  results: PipelineResult[];
  outputs: Record<string, string>;
  gate: { failed: boolean; message: string };
  /** Batch jobs still running (collect) or just submitted (submit). */
  pending: string[];
}

/**
 * Reviews one window: read, detect, analyse, build the report, write it to disk, then publish. The report file
 * exists before any destination is tried, so a failing destination never loses it.
 */
export async function reviewWindow(
  config: Config,
  deps: PipelineDeps,
  streamOptions: StreamOptions = {},
): Promise<PipelineResult> {
  const { logger, clock } = deps;
  const started = clock.now();
  const warnings: string[] = [];
  const errors: string[] = [];
  logger.info(
    `Reviewing ${config.window.start.toISOString()} .. ${config.window.end.toISOString()} from ${config.source.kind} (${describeScope(config)})`,
  );

  const detector = await createDetector(config, { logger, clock });
  const collector = createDigestCollector(config);
  // `source: athena`: the rules run in SQL first; statistics and rule context come back as GROUP BY rows.
  const pushed = config.source.kind === 'athena';
  const stream = openEventStream(
    config,
    {
      clients: deps.clients,
      logger,
      clock,
      ...(deps.signal ? { signal: deps.signal } : {}),
    },
    pushed
      ? {
          ...streamOptions,
          pushdown: {
            ...detector.pushdown,
            grouped: (g) => {
              detector.observeGrouped(g);
              collector.observeGrouped?.(g);
            },
            learnFirstSeen: (ruleId, key, values) => detector.learnFirstSeen(ruleId, key, values),
            digest: config.analysis.engine !== 'rules-only',
          },
        }
      : streamOptions,
  );
  try {
    for await (const batch of stream.batches)
      for (const event of batch) {
        const ruleIds = pushed ? detector.observeCandidate(event) : detector.observe(event);
        collector.observe(event, ruleIds);
        // A threshold burst flags its earlier events only once it forms: they reach the digest as flagged too.
        for (const f of detector.takeFlaggedLater()) collector.flagLater(f);
      }
  } catch (err) {
    // A source that could read nothing at all still gets a report (status `failed`) that says why, on disk and
    // at every destination; only other failures end the run here.
    if (!(err instanceof StageError && err.stage === 'sources')) throw err;
    errors.push(err.message);
    logger.error(err.message);
  }
  const counts = stream.counts();
  const late = stream.late();
  if (late && late.events > 0) {
    logger.info(
      `since-last-run: ${late.events} events from before the window arrived late (${late.objects} objects delivered after the previous run listed the archive); reviewed now`,
    );
  }
  const explanation = explainWindow(config.window, late ? { lateEvents: late.events } : {});
  if (explanation?.undeliveredMinutes) {
    warnings.push(
      `The window ends at end-time ${config.window.end.toISOString()}, closer to the run than settle-minutes (${explanation.settleMinutes}): CloudTrail may not have delivered the events of its last ${explanation.undeliveredMinutes} min yet`,
    );
  }
  const detected = detector.finish();
  // Correlate rules judge the whole window: their calls are known only now.
  for (const f of detector.takeFlaggedLater()) collector.flagLater(f);
  // Reading leaves hundreds of MB of short-lived garbage; analysis allocates on top of it (records, prompts, the
  // batch input), which would grow the heap past the read's own peak rather than reuse the space.
  collectGarbage();
  warnings.push(...detected.warnings);
  logger.info(
    `Read ${counts.read} events (${counts.kept} kept, ${counts.filtered} filtered, ${counts.duplicates} duplicates, ${counts.skipped} skipped); ${detected.findings.length} rule findings from ${detected.rulesLoaded} rules`,
  );

  let analysis: AnalysisOutcome;
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
  const aiKept = detector.suppressAi(analysis.aiFindings);
  analysis = { ...analysis, aiFindings: aiKept.kept };
  const suppressed = [...detected.suppressed, ...aiKept.suppressed];
  const sources = stream.reports();
  const job = analysis.jobs.find((j) => j.jobName);
  if (analysis.status === 'pending' && job?.jobName && config.window.stateBucket) {
    // A later collect builds this window's report; it needs what this run read, not only the job.
    await saveRunContext(
      await deps.clients.s3(),
      config.window.stateBucket,
      config.window.statePrefix,
      job.jobName,
      {
        version: 1,
        ...(explanation ? { window: explanation } : {}),
        sources,
        counts,
        suppressed: detected.suppressed,
        warnings,
      },
    );
  }
  const result = await finishReport(config, deps, {
    window: { start: config.window.start, end: config.window.end, explanation },
    sources,
    counts,
    ruleFindings: detected.findings,
    suppressed,
    stats: detected.stats,
    analysis,
    warnings,
    errors,
  });
  logger.info(
    `Done in ${((clock.now().getTime() - started.getTime()) / 1000).toFixed(1)} s: ${result.gate.message}`,
  );
  return late ? { ...result, archiveListing: late.record } : result;
}

interface ReportParts {
  window: { start: Date; end: Date; explanation?: WindowExplanation | undefined };
  sources: SourceReport[];
  counts: { read: number; kept: number; filtered: number; duplicates: number; skipped: number };
  ruleFindings: Report['findings'];
  suppressed: Report['suppressed'];
  stats: Report['stats'];
  analysis: AnalysisOutcome;
  warnings: string[];
  errors: string[];
}

/** Builds the report, writes it to disk, then publishes it; shared by a review and a collect. */
async function finishReport(
  config: Config,
  deps: PipelineDeps,
  parts: ReportParts,
  reportPath = config.reporting.reportPath,
): Promise<PipelineResult> {
  const { logger, clock } = deps;
  const findings = mergeFindings(parts.ruleFindings, parts.analysis.aiFindings);
  // The correlate stage: every finding (rule and AI) into exactly one incident.
  const incidents = correlate(findings, { gapMinutes: gapMinutesOf(config) });
  logger.info(`${findings.length} findings form ${incidents.length} incident(s)`);
  const report = buildReport({
    config,
    now: clock.now(),
    window: parts.window,
    sources: parts.sources,
    counts: parts.counts,
    findings,
    incidents,
    suppressed: parts.suppressed,
    stats: parts.stats,
    analysis: parts.analysis,
    run: runInfo(deps.publish.context),
    warnings: parts.warnings,
    errors: parts.errors,
  });
  const publishDeps: PublishDeps = { ...deps.publish, clients: deps.clients, logger };
  const redaction = await resolveRedaction(config, publishDeps);
  const files = await writeReportFiles(report, reportPath, {
    redaction,
    ocsf: config.reporting.reportFormats?.includes('ocsf') ?? false,
  });
  logger.info(`Report written to ${files.jsonPath} and ${files.markdownPath}`);
  const published = await publish(report, config, publishDeps, redaction);
  for (const d of published.destinations) {
    if (!d.ok) logger.warning(`Publishing to ${d.name} failed: ${d.error ?? 'unknown error'}`);
  }
  return {
    report,
    files,
    publish: published,
    outputs: actionOutputs(report, files, published),
    gate: evaluateGate(report, config),
    redaction,
  };
}

/** `mode: collect`: one report per finished job; jobs still running are left for a later collect. */
async function collectRuns(config: Config, deps: PipelineDeps): Promise<RunResult> {
  const { logger } = deps;
  const bucket = config.window.stateBucket ?? '';
  const { collected, stillRunning } = await collectPending(config, {
    clients: deps.clients,
    logger,
    clock: deps.clock,
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  logger.info(`Collect: ${collected.length} finished job(s), ${stillRunning.length} still running`);
  // Suppressions (as configured now) apply to the model's findings too.
  const detector = collected.length ? await createDetector(config, { logger, clock: deps.clock }) : undefined;
  const results: PipelineResult[] = [];
  for (const [i, c] of collected.entries()) {
    const ctx = await takeRunContext(
      await deps.clients.s3(),
      bucket,
      config.window.statePrefix,
      c.pending.jobName,
    );
    const warnings = [...(ctx?.warnings ?? [])];
    if (!ctx) warnings.push('The submitting run stored no coverage details; source counts are unknown.');
    const aiKept = detector?.suppressAi(c.outcome.aiFindings) ?? {
      kept: c.outcome.aiFindings,
      suppressed: [],
    };
    const result = await finishReport(
      config,
      deps,
      {
        window: { ...c.window, explanation: ctx?.window },
        sources: ctx?.sources ?? [],
        counts: ctx?.counts ?? { read: 0, kept: 0, filtered: 0, duplicates: 0, skipped: 0 },
        ruleFindings: c.ruleFindings,
        suppressed: [...(ctx?.suppressed ?? []), ...aiKept.suppressed],
        stats: c.stats,
        analysis: { ...c.outcome, aiFindings: aiKept.kept },
        warnings,
        errors: [],
      },
      i === 0 ? config.reporting.reportPath : numberedPath(config.reporting.reportPath, i + 1),
    );
    results.push(result);
    await advanceCheckpoint(
      { ...config, window: { ...config.window, end: c.window.end } },
      deps,
      result.report,
    );
  }
  return combine(results, stillRunning);
}

/** `report.json` -> `report-2.json`: each collected job gets its own report file. */
function numberedPath(path: string, n: number): string {
  return /\.json$/i.test(path) ? path.replace(/\.json$/i, `-${n}.json`) : `${path}-${n}`;
}

/** Combines several reports' outputs: counts add up, the highest severity wins, the gate fails if any fails. */
function combine(results: PipelineResult[], pending: string[]): RunResult {
  const stillPending = pending.filter((p) => p !== '');
  const last = results[results.length - 1];
  if (!last) {
    return {
      results,
      pending: stillPending,
      gate: {
        failed: false,
        message: stillPending.length
          ? `${stillPending.length} batch job(s) still running; nothing to collect yet`
          : 'Nothing to collect',
      },
      outputs: {
        status: stillPending.length ? 'pending' : 'completed',
        'findings-count': '0',
        'max-severity': 'none',
        'incidents-count': '0',
        'max-incident-severity': 'none',
      },
    };
  }
  const outputs = { ...last.outputs };
  if (results.length > 1) {
    for (const key of [
      'findings-count',
      'critical-count',
      'high-count',
      'medium-count',
      'low-count',
      'events-analyzed',
      'input-tokens',
      'output-tokens',
      'incidents-count',
    ]) {
      outputs[key] = String(results.reduce((n, r) => n + Number(r.outputs[key] ?? 0), 0));
    }
    outputs['cost-usd'] = results.reduce((n, r) => n + Number(r.outputs['cost-usd'] ?? 0), 0).toFixed(4);
    const order = ['none', 'info', 'low', 'medium', 'high', 'critical'];
    for (const key of ['max-severity', 'max-incident-severity']) {
      outputs[key] = results
        .map((r) => r.outputs[key] ?? 'none')
        .reduce((a, b) => (order.indexOf(b) > order.indexOf(a) ? b : a), 'none');
    }
  }
  const failed = results.filter((r) => r.gate.failed);
  return {
    results,
    pending: stillPending,
    outputs,
    gate: failed.length
      ? { failed: true, message: failed.map((r) => r.gate.message).join('\n') }
      : { failed: false, message: last.gate.message },
  };
}

/**
 * `window: since-last-run`: the window starts where the last fully analysed one ended (and, when submitting,
 * after any window already submitted), and ends where readConfig put it (`settle-minutes` before the run), so
 * scheduled runs tile time: no gap, no overlap. A start at or after the end leaves a window the caller skips.
 */
export async function resolveWindow(config: Config, deps: PipelineDeps): Promise<Config> {
  if (config.window.kind !== 'since-last-run' || !config.window.stateBucket) return config;
  const s3 = await deps.clients.s3();
  const bucket = config.window.stateBucket;
  const checkpoint = await readCheckpoint(s3, bucket, config.window.statePrefix);
  let start = checkpoint;
  let startBasis: NonNullable<Config['window']['startBasis']> = 'checkpoint';
  if (config.analysis.mode === 'submit') {
    for (const { pending } of await listPending(s3, bucket, config.window.statePrefix)) {
      const end = new Date(pending.window.end);
      if (!start || end > start) {
        start = end;
        startBasis = 'submitted';
      }
    }
  }
  if (!start) {
    deps.logger.info(
      `No checkpoint yet in s3://${bucket}/${config.window.statePrefix}: reviewing the last ${config.window.lookbackMs / 3_600_000} h`,
    );
    return config;
  }
  const oldest = config.window.end.getTime() - 90 * 86_400_000;
  if (config.source.kind === 'lookup' && start.getTime() < oldest) {
    deps.logger.warning(
      `The last reviewed window ended ${start.toISOString()}, beyond LookupEvents' 90 days: reviewing from ${new Date(oldest).toISOString()}; use source s3 to cover the gap`,
    );
    start = new Date(oldest);
    startBasis = 'lookup-limit';
  }
  deps.logger.info(
    `since-last-run: continuing from ${start.toISOString()} up to ${config.window.end.toISOString()}`,
  );
  return { ...config, window: { ...config.window, start, startBasis } };
}

/**
 * Moves the checkpoint to this window's end, only when the window was fully read and analysed; a submitted
 * window's archive listing is kept at once, since the next submit starts after it.
 */
async function advanceCheckpoint(
  config: Config,
  deps: PipelineDeps,
  report: Report,
  listing?: ArchiveReadRecord,
): Promise<void> {
  if (config.window.kind !== 'since-last-run' || !config.window.stateBucket) return;
  const s3 = await deps.clients.s3();
  const { stateBucket, statePrefix } = config.window;
  if (report.status === 'pending' && config.analysis.mode === 'submit' && listing) {
    await writeArchiveListing(s3, stateBucket, statePrefix, listing);
  }
  if (report.status !== 'completed' || report.verdict === 'incomplete') {
    deps.logger.warning(
      `since-last-run: the checkpoint stays where it was, because this window was not fully ${report.status === 'pending' ? 'analysed yet (a collect will finish it)' : 'read or analysed'}`,
    );
    return;
  }
  const moved = await writeCheckpoint(s3, stateBucket, statePrefix, config.window.end, deps.clock.now());
  if (!moved) return;
  deps.logger.info(`since-last-run: checkpoint moved to ${config.window.end.toISOString()}`);
  // The listing belongs to the window the checkpoint now ends: the next run compares its own with it.
  if (listing) await writeArchiveListing(s3, stateBucket, statePrefix, listing);
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
    case 'athena':
      return `Athena table ${s.athena?.database ?? ''}.${s.athena?.table ?? ''}`;
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
    engine:
      config.analysis.engine === 'rules-only'
        ? 'rules-only'
        : config.analysis.engine === 'direct'
          ? 'direct'
          : 'batch',
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
      const n =
        payload.pull_request?.number ??
        (env.GITHUB_EVENT_NAME?.startsWith('pull_request') ? payload.number : undefined);
      if (typeof n === 'number') ctx.prNumber = n;
    } catch {
      // No readable payload (a local run): no PR number, so the PR comment is skipped with a notice.
    }
  }
  return ctx;
}
