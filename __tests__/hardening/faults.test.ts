/**
 * The fault matrix (`fault-scenarios.ts`), each scenario through the whole action: the built `dist/index.js`
 * started as a runner starts it, against the AWS twin with the scenario's faults injected. For every scenario:
 *
 *   - the run ends by itself (no hang, no signal kill) and prints no unhandled rejection;
 *   - the JSON report at `outputs['report-path']` exists, parses, and says what was not done: verdict
 *     `incomplete` with a warning or error naming the failure — or, when retries absorb the fault, status
 *     `completed` with the findings of a fault-free run — and a failed destination is named in the job summary's
 *     Delivery table;
 *   - every other destination still publishes (summary, report issue, PR comment, SNS);
 *   - the exit code follows `fail-on-error` (`fail-on: none`, so findings never fail the step);
 *   - no batch job this run started is left running; a cancelled run's job ends `Stopped`.
 *
 * Scenarios run one after the other against one twin, reset between them.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { buildDemoEvents, freshIds, readDataset, retime } from '../../scripts/demo-data.js';
import { runAction, type ActionRun } from '../../scripts/run-action.js';
import { startTwin, type RunningTwin } from '../../twin/server.js';
import {
  DEFAULT_PUBLISH_TO,
  SCENARIOS,
  type DestinationName,
  type FaultScenario,
  type FaultSpec,
  type Profile,
} from './fault-scenarios.js';

type RawRecord = Record<string, unknown>;
interface ReportFile {
  status: string;
  verdict: string;
  findings: { id: string; severity: string; origin: string }[];
  warnings: string[];
  errors: string[];
  sources: { complete: boolean; errors: string[] }[];
  analysis: { status: string };
  jobs: { jobArn?: string; status: string }[];
}
interface TwinJob {
  jobArn: string;
  status: string;
}

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:trailsight-alerts';
const TERMINAL = ['Completed', 'PartiallyCompleted', 'Failed', 'Stopped', 'Expired'];
// The action polls a batch job at once, then after 10 s: a first poll answered a moment late finds the twin's
// (fast-stepping) job finished, which saves each batch scenario those 10 s.
const FIRST_POLL_LATE: FaultSpec = {
  operation: 'GetModelInvocationJob',
  kind: 'latency',
  latencyMs: 300,
  times: 1,
};
// Long enough for the slowest scenario (GitHub's 5xx retries back off for seconds); a hang hits it.
const RUN_TIMEOUT_MS = 60_000;

let twin: RunningTwin;
const now = Date.now();
let smallWindow: RawRecord[];
let demoWindow: RawRecord[];
const baselines = new Map<Profile, ReportFile>();
// How long after its start a fault-free batch run had created its job: when to cancel one.
let jobCreatedAfterMs = 0;

const control = async (path: string, body?: unknown): Promise<unknown> => {
  const res = await fetch(`${twin.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  expect(res.status).toBe(200);
  return res.json();
};
const twinJobs = async (): Promise<TwinJob[]> => ((await control('/_twin/jobs')) as { jobs: TwinJob[] }).jobs;
const twinIssues = async (): Promise<{ body: string; pull_request?: unknown }[]> =>
  ((await control('/_twin/github/issues')) as { issues: { body: string; pull_request?: unknown }[] }).issues;
const twinComments = async (): Promise<{ body: string }[]> =>
  ((await control('/_twin/github/comments')) as { comments: { body: string }[] }).comments;
const twinMessages = async (): Promise<{ message: string }[]> =>
  ((await control('/_twin/sns/messages')) as { messages: { message: string }[] }).messages;

/** Back to a clean twin holding the profile's window. */
async function prepare(profile: Profile, batchStepMs: number): Promise<void> {
  await control('/_twin/reset', {});
  const records = profile === 'batch' ? demoWindow : smallWindow;
  await control('/_twin/events', records.map((r) => JSON.stringify(r)).join('\n'));
  await control('/_twin/settings', { batchStepMs });
}

function inputsFor(
  profile: Profile,
  failOnError: boolean,
  publishTo: readonly DestinationName[],
): Record<string, string> {
  const common = {
    'aws-region': 'us-east-1',
    'role-to-assume': 'arn:aws:iam::123456789012:role/trailsight',
    'github-token': 'ghs_test_token',
    // One fixed window for every run: a baseline and a faulted run must review exactly the same one (rules
    // such as first-seen depend on where the window's halves fall).
    'start-time': new Date(now - 24 * 3_600_000).toISOString(),
    'end-time': new Date(now).toISOString(),
    'report-to': ['summary', ...publishTo].join(', '),
    'issue-mode': 'report',
    'sns-topic-arn': TOPIC,
    'sns-min-severity': 'low',
    'fail-on': 'none',
    'fail-on-error': String(failOnError),
  };
  if (profile === 'lookup') return { ...common, source: 'lookup', engine: 'direct' };
  const s3 = { source: 's3', 'trail-bucket': 'twin-cloudtrail' };
  if (profile === 's3') return { ...common, ...s3, engine: 'direct' };
  return {
    ...common,
    ...s3,
    engine: 'batch',
    'batch-role-arn': 'arn:aws:iam::123456789012:role/trailsight-bedrock-batch',
    'batch-bucket': 'twin-batch',
    'record-token-budget': '600',
  };
}

async function run(
  profile: Profile,
  failOnError: boolean,
  publishTo: readonly DestinationName[],
  cancelAfterMs?: number,
): Promise<ActionRun> {
  return runAction({
    twinUrl: twin.url,
    inputs: inputsFor(profile, failOnError, publishTo),
    eventName: 'pull_request',
    eventPayload: { pull_request: { number: 1 } },
    timeoutMs: RUN_TIMEOUT_MS,
    ...(cancelAfterMs !== undefined ? { cancel: { signal: 'SIGINT' as const, afterMs: cancelAfterMs } } : {}),
  });
}

async function readReport(r: ActionRun): Promise<ReportFile> {
  const path = r.outputs['report-path'] ?? '';
  // Say what the action printed when it left no report: that is the defect to look at.
  if (path === '')
    throw new Error(`no report-path output; exit ${r.exitCode}\n${r.stdout.slice(-3000)}\n${r.stderr}`);
  expect(existsSync(path)).toBe(true);
  return JSON.parse(await readFile(path, 'utf8')) as ReportFile;
}

/** Findings as a user compares them: id, severity and where each came from. */
const findingSet = (r: ReportFile): string[] =>
  r.findings.map((f) => `${f.id} ${f.severity} ${f.origin}`).sort();

/** The Delivery table row of a destination in the job summary. */
const deliveryRow = (summary: string, name: DestinationName): string =>
  summary.split('\n').find((l) => l.startsWith(`| ${name} |`)) ?? '';

/** A fault-free run of the profile, for the findings retries must restore. */
async function baseline(profile: Profile): Promise<ReportFile> {
  const cached = baselines.get(profile);
  if (cached) return cached;
  await prepare(profile, 0);
  if (profile === 'batch') await control('/_twin/faults', FIRST_POLL_LATE);
  const started = Date.now();
  let watching = true;
  const watch = (async () => {
    while (watching && jobCreatedAfterMs === 0) {
      if ((await twinJobs()).length > 0) jobCreatedAfterMs = Date.now() - started;
      await new Promise((res) => setTimeout(res, 100));
    }
  })();
  const r = await run(profile, true, ['sns']);
  watching = false;
  await watch;
  expect(r.exitCode).toBe(0);
  const report = await readReport(r);
  expect(report.status).toBe('completed');
  expect(report.verdict).toBe('findings');
  baselines.set(profile, report);
  return report;
}

/** Waits (bounded) until every batch job in the twin is in a terminal status; returns the jobs. */
async function settledJobs(): Promise<TwinJob[]> {
  let jobs = await twinJobs();
  for (let i = 0; i < 150 && jobs.some((j) => !TERMINAL.includes(j.status)); i++) {
    await new Promise((res) => setTimeout(res, 100));
    jobs = await twinJobs();
  }
  return jobs;
}

beforeAll(async () => {
  twin = await startTwin({ port: 0, lookupRatePerSecond: 1000 });
  // Panther's compromised-root scenario in the last day; the demo window (≥ 100 model records) for batch.
  smallWindow = retime(
    freshIds(readDataset('panther_test_scenarios')),
    now - 20 * 3_600_000,
    now - 3_600_000,
  );
  demoWindow = buildDemoEvents(new Date(now));
});
afterAll(async () => {
  await twin.close();
});

describe('fault matrix: every fault through the whole action', () => {
  it('lists unique, described scenarios covering every profile and outcome', () => {
    expect(new Set(SCENARIOS.map((s) => s.id)).size).toBe(SCENARIOS.length);
    for (const s of SCENARIOS) expect(s.description.length).toBeGreaterThan(10);
    expect(new Set(SCENARIOS.map((s) => s.profile))).toEqual(new Set(['lookup', 's3', 'batch']));
    expect(new Set(SCENARIOS.map((s) => s.outcome))).toEqual(
      new Set(['recovered', 'incomplete', 'destination']),
    );
  });

  it.each(SCENARIOS.map((s) => [s.id, s] as const))(
    '%s',
    async (_id, s: FaultScenario) => {
      const expected = s.outcome === 'recovered' || s.cancel ? await baseline(s.profile) : undefined;
      // A cancelled run needs its job still running when the signal comes: slow Bedrock's steps down.
      await prepare(s.profile, s.cancel ? 3_000 : 0);
      const faults = [...s.faults];
      if (s.profile === 'batch' && !s.cancel && !faults.some((f) => f.operation === 'GetModelInvocationJob'))
        faults.push(FIRST_POLL_LATE);
      if (faults.length > 0) await control('/_twin/faults', faults);
      const publishTo = s.publishTo ?? DEFAULT_PUBLISH_TO;
      // The signal comes a little after the job exists, while the action waits between polls (10 s at first)
      // and the job, at 3 s a step, is still short of InProgress.
      const cancelAfterMs = s.cancel ? jobCreatedAfterMs + 2_000 : undefined;
      if (s.cancel) expect(jobCreatedAfterMs).toBeGreaterThan(0);
      const r = await run(s.profile, s.failOnError, publishTo, cancelAfterMs);

      // The run ends by itself: not killed by the test's timeout, no unhandled rejection.
      expect(r.signal).toBeNull();
      expect(r.exitCode).not.toBeNull();
      expect(r.stderr).not.toMatch(/unhandled/i);
      expect(r.stdout).not.toMatch(/unhandled/i);

      // The report file is there and complete.
      const report = await readReport(r);
      expect(Array.isArray(report.findings)).toBe(true);
      expect(r.summary.trim()).not.toBe('');

      if (s.outcome === 'recovered') {
        expect(report.status).toBe('completed');
        expect(report.verdict).not.toBe('incomplete');
        expect(findingSet(report)).toEqual(findingSet(expected ?? report));
        // A fault that cost nothing but bookkeeping is still named.
        if (s.mentions) expect(report.warnings.join('\n')).toMatch(s.mentions);
        expect(r.exitCode).toBe(0);
      } else if (s.outcome === 'incomplete') {
        expect(report.verdict).toBe('incomplete');
        const said = [...report.warnings, ...report.errors, ...report.sources.flatMap((x) => x.errors)].join(
          '\n',
        );
        expect(said).toMatch(s.mentions ?? /./);
        expect(r.exitCode).toBe(s.failOnError ? 1 : 0);
      } else {
        // The report is complete; the failing destination is named where people look.
        expect(report.status).toBe('completed');
        expect(report.verdict).toBe('findings');
        expect(r.exitCode).toBe(0);
        const row = deliveryRow(r.summary, s.destination ?? 'issue');
        expect(row).toMatch(/failed/);
        expect(row).toMatch(s.mentions ?? /./);
        expect(r.stdout).toMatch(new RegExp(`::warning::.*${s.destination ?? 'issue'}`));
      }

      // Every other destination still published.
      const issues = (await twinIssues()).filter((i) => !i.pull_request);
      const comments = await twinComments();
      const messages = await twinMessages();
      for (const d of publishTo) {
        if (d === s.destination) continue;
        const row = deliveryRow(r.summary, d);
        expect(row).not.toMatch(/failed/);
        const expectsOutput = d === 'pr-comment' || report.findings.length > 0;
        if (d === 'issue')
          expect(issues.some((i) => i.body.includes('trailsight')) || !expectsOutput).toBe(true);
        if (d === 'pr-comment') expect(comments.some((c) => c.body.includes('trailsight'))).toBe(true);
        if (d === 'sns') expect(messages.length > 0 || !expectsOutput).toBe(true);
      }

      // No batch job this run started is left running.
      const jobs = await settledJobs();
      expect(jobs.filter((j) => !TERMINAL.includes(j.status))).toEqual([]);
      if (s.profile === 'batch' && !s.faults.some((f) => f.kind === 'access-denied')) {
        expect(jobs.length).toBeGreaterThan(0);
        expect(report.jobs.length).toBeGreaterThan(0);
      }
      if (s.cancel) {
        expect(r.stdout).toMatch(/Received SIGINT/);
        const mine = jobs.find((j) => j.jobArn === report.jobs[0]?.jobArn);
        expect(mine?.status).toBe('Stopped');
      }
    },
    120_000,
  );
});
