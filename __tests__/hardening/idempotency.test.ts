/**
 * Idempotency: the same window reviewed three times through the built action (`dist/index.js`, as a runner
 * starts it, against the twin) pays for one Bedrock batch job, keeps one issue per finding and one sticky PR
 * comment. A re-run of a workflow, or a schedule that fires twice, must not bill the model twice or bury the
 * repository in duplicates.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { buildDemoEvents } from '../../scripts/demo-data.js';
import { runAction, type ActionRun } from '../../scripts/run-action.js';
import { startTwin, type RunningTwin } from '../../twin/server.js';

interface TwinIssue {
  number: number;
  title: string;
  state: string;
  body: string;
  pull_request?: unknown;
}
interface TwinComment {
  id: number;
  body: string;
  issue_url?: string;
}
interface TwinJob {
  jobArn: string;
  status: string;
}
interface ReportFile {
  findings: { id: string }[];
  jobs: { jobArn?: string; engine: string }[];
}

const FINDING_MARKER = /<!-- trailsight:finding:(ts-[0-9a-f]{16}) -->/;

let twin: RunningTwin;

async function get<T>(path: string): Promise<T> {
  return (await (await fetch(`${twin.url}${path}`)).json()) as T;
}

/**
 * The demo window (real Stratus Red Team and Panther records plus background reads) with two more copies of
 * its background workload roles under other names. The review below leaves out `christophe`'s detonations and
 * the root scenario (exclude-principals) and the chattiest low rules, so the finding count stays modest: Octokit
 * spaces GitHub writes a second apart (new issues and comments three seconds, as GitHub asks), and every finding
 * is an issue created or updated on each run. The extra background keeps the window well above the 100 records
 * a Bedrock batch job needs.
 */
function events(now: Date): Record<string, unknown>[] {
  const demo = buildDemoEvents(now);
  const background = demo.filter((r) => JSON.stringify(r.userIdentity ?? {}).includes(':role/app-'));
  const copies = [1, 2].flatMap((k) =>
    background.map((r) => ({
      ...(JSON.parse(JSON.stringify(r).replace(/app-(\d{3})-runtime/g, `app-$1-worker-${k}`)) as Record<
        string,
        unknown
      >),
      eventID: randomUUID(),
    })),
  );
  return [...demo, ...copies];
}

beforeAll(async () => {
  twin = await startTwin({ port: 0, batchStepMs: 20 });
});
afterAll(async () => {
  await twin.close();
});

describe('the same window reviewed three times', () => {
  it('pays for one batch job, keeps one issue per finding and one PR comment', async () => {
    const now = new Date();
    const res = await fetch(`${twin.url}/_twin/events`, {
      method: 'POST',
      body: events(now)
        .map((r) => JSON.stringify(r))
        .join('\n'),
    });
    expect(res.status).toBe(200);
    // One fixed window, as a re-run of the same scheduled job would review.
    const end = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    const inputs = {
      'aws-region': 'us-east-1',
      'role-to-assume': 'arn:aws:iam::123456789012:role/trailsight',
      'github-token': 'ghs_test_token',
      source: 's3',
      'trail-bucket': 'twin-cloudtrail',
      'start-time': new Date(end.getTime() - 24 * 3_600_000).toISOString(),
      'end-time': end.toISOString(),
      engine: 'batch',
      'batch-role-arn': 'arn:aws:iam::123456789012:role/trailsight-bedrock-batch',
      'batch-bucket': 'twin-batch',
      // The demo's window is small; smaller records make the 100 a Bedrock batch job needs.
      'record-token-budget': '600',
      'exclude-principals': '*:user/christophe, root@*',
      'disable-rules': 'TS-EC2-006, TS-NEW-001, TS-NEW-002',
      'report-to': 'summary, issue, pr-comment',
      'issue-mode': 'finding',
      redact: 'none',
      'fail-on': 'high',
    };
    const runs: ActionRun[] = [];
    const reports: ReportFile[] = [];
    for (let i = 0; i < 3; i++) {
      const run = await runAction({
        twinUrl: twin.url,
        inputs,
        eventName: 'pull_request',
        eventPayload: { pull_request: { number: 1 } },
        timeoutMs: 150_000,
      });
      expect(run.stderr).not.toMatch(/unhandled/i);
      expect(run.outputs.status).toBe('completed');
      // The gate fails on the high findings every time: the same window, the same decision.
      expect(run.exitCode).toBe(1);
      runs.push(run);
      reports.push(JSON.parse(await readFile(run.outputs['report-path'] ?? '', 'utf8')) as ReportFile);
    }

    // One batch job paid for: the second and third runs found it and read its results.
    const { jobs } = await get<{ jobs: TwinJob[] }>('/_twin/jobs');
    expect(jobs).toHaveLength(1);
    const arn = jobs[0]?.jobArn ?? '';
    expect(arn).toMatch(/^arn:aws:bedrock:us-east-1:123456789012:model-invocation-job\//);
    expect(runs.map((r) => r.outputs['batch-job-arn'])).toEqual([arn, arn, arn]);
    for (const r of reports) expect(r.jobs.map((j) => j.jobArn)).toEqual([arn]);

    // The same findings every time.
    const ids = reports[0]?.findings.map((f) => f.id).sort() ?? [];
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThanOrEqual(50);
    for (const r of reports.slice(1)) expect(r.findings.map((f) => f.id).sort()).toEqual(ids);

    // One open issue per finding, counted by the hidden marker; none twice, none closed.
    const { issues } = await get<{ issues: TwinIssue[] }>('/_twin/github/issues');
    const findingIssues = issues.filter((i) => !i.pull_request && FINDING_MARKER.test(i.body));
    const markers = findingIssues.map((i) => FINDING_MARKER.exec(i.body)?.[1] ?? '');
    expect(markers.sort()).toEqual(ids);
    expect(findingIssues.every((i) => i.state === 'open')).toBe(true);
    expect(issues.filter((i) => !i.pull_request)).toHaveLength(findingIssues.length);

    // One sticky PR comment; and nothing new happened, so no "seen again" comment on any issue.
    const { comments } = await get<{ comments: TwinComment[] }>('/_twin/github/comments');
    expect(comments.filter((c) => c.body.includes('trailsight:comment'))).toHaveLength(1);
    expect(comments.filter((c) => /Seen again/.test(c.body))).toEqual([]);
    expect(comments).toHaveLength(1);

    console.log(
      `idempotency: 3 runs of one window → ${jobs.length} batch job, ${findingIssues.length} issues for ${ids.length} findings, ${comments.length} PR comment`,
    );
  }, 300_000);
});
