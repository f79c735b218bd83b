/**
 * The example workflows of docs/examples, run as a runner runs them: the built dist/index.js, INPUT_* and
 * GITHUB_* variables, OIDC through the twin, against the AWS twin. Assertions are on what a user sees: the step
 * summary, the outputs, the issues and comments on GitHub, and the exit code.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { startTwin } from '../../twin/server.js';
import { buildDemoEvents, freshIds, readDataset, retime } from '../../scripts/demo-data.js';
import { errorAnnotations, runAction } from '../../scripts/run-action.js';

type Issue = {
  number: number;
  title: string;
  state: string;
  body: string;
  labels: (string | { name: string })[];
};
type Comment = { id: number; issue_number?: number; body: string };

let twin: Awaited<ReturnType<typeof startTwin>>;

async function twinIssues(): Promise<Issue[]> {
  return ((await (await fetch(`${twin.url}/_twin/github/issues`)).json()) as { issues: Issue[] }).issues;
}
async function twinComments(): Promise<Comment[]> {
  return ((await (await fetch(`${twin.url}/_twin/github/comments`)).json()) as { comments: Comment[] })
    .comments;
}
async function loadEvents(records: Record<string, unknown>[]): Promise<void> {
  const res = await fetch(`${twin.url}/_twin/events`, {
    method: 'POST',
    body: records.map((r) => JSON.stringify(r)).join('\n'),
  });
  expect(res.status).toBe(200);
}

const now = Date.now();
const oidc = {
  'aws-region': 'us-east-1',
  'role-to-assume': 'arn:aws:iam::123456789012:role/trailsight',
  'github-token': 'ghs_test_token',
};

beforeAll(async () => {
  twin = await startTwin({ port: 0 });
});
afterAll(async () => {
  await twin.close();
});
beforeEach(async () => {
  await fetch(`${twin.url}/_twin/reset`, { method: 'POST' });
});

describe('daily review that opens issues (docs/examples/daily-review.yml)', () => {
  // Octokit's throttling spaces write requests a second apart, as GitHub asks: three runs take a while.
  it('opens one issue per finding, updates them on the next run, and closes them when the finding is gone', async () => {
    // Panther's compromised-root scenario, re-timed into the last day.
    await loadEvents(
      retime(freshIds(readDataset('panther_test_scenarios')), now - 20 * 3_600_000, now - 3_600_000),
    );
    const inputs = {
      ...oidc,
      source: 'lookup',
      lookback: '24h',
      engine: 'direct',
      'report-to': 'summary, issue',
      'issue-mode': 'finding',
      'close-resolved': 'true',
      'fail-on': 'high',
    };
    const first = await runAction({ twinUrl: twin.url, inputs });
    expect(first.stderr).not.toMatch(/unhandled/i);
    expect(first.exitCode).toBe(1);
    expect(errorAnnotations(first.stdout).join('\n')).toMatch(/at or above fail-on: high/);
    expect(first.outputs.status).toBe('completed');
    expect(Number(first.outputs['findings-count'])).toBeGreaterThan(0);
    expect(['high', 'critical']).toContain(first.outputs['max-severity']);
    expect(first.summary).toMatch(/Root/);
    expect(first.summary).toMatch(/\| *Severity *\|/i);
    const report = JSON.parse(await readFile(first.outputs['report-path'] ?? '', 'utf8')) as {
      findings: { id: string; origin: string; evidence: { eventIds: string[] } }[];
    };
    const opened = await twinIssues();
    expect(opened.length).toBe(Math.min(report.findings.length, 50));
    expect(opened.every((i) => i.state === 'open')).toBe(true);
    // Every issue carries the hidden marker of exactly one finding of the report.
    const ids = new Set(report.findings.map((f) => f.id));
    for (const i of opened) {
      const marker = /<!-- trailsight:finding:(ts-[0-9a-f]{16}) -->/.exec(i.body)?.[1];
      expect(marker && ids.has(marker)).toBe(true);
    }

    const second = await runAction({ twinUrl: twin.url, inputs });
    expect(second.exitCode).toBe(1);
    const after = await twinIssues();
    expect(after.map((i) => i.number).sort()).toEqual(opened.map((i) => i.number).sort());

    // The attacker's activity leaves the window: a complete, clean run closes the issues.
    await loadEvents(
      retime(
        freshIds(readDataset('awsdocs_cloudtrail_userguide_examples')),
        now - 5 * 3_600_000,
        now - 3_600_000,
      ),
    );
    const third = await runAction({ twinUrl: twin.url, inputs: { ...inputs, 'fail-on': 'critical' } });
    expect(third.outputs.status).toBe('completed');
    const closed = await twinIssues();
    const stillOpenFromFirst = closed.filter(
      (i) => opened.some((o) => o.number === i.number) && i.state === 'open',
    );
    const thirdReport = JSON.parse(await readFile(third.outputs['report-path'] ?? '', 'utf8')) as {
      findings: { id: string }[];
    };
    // Only findings that are still present may stay open.
    for (const i of stillOpenFromFirst) {
      const marker = /<!-- trailsight:finding:(ts-[0-9a-f]{16}) -->/.exec(i.body)?.[1];
      expect(thirdReport.findings.map((f) => f.id)).toContain(marker);
    }
    expect(closed.filter((i) => i.state === 'closed').length).toBeGreaterThan(0);
  }, 240_000);
});

describe('pull-request gate (docs/examples/pr-gate.yml)', () => {
  it('reviews only the deploy principal, keeps one sticky comment, and fails the gate', async () => {
    await loadEvents(buildDemoEvents(new Date(now)));
    const inputs = {
      ...oidc,
      source: 'lookup',
      regions: 'us-east-1, eu-west-1, ap-northeast-1',
      lookback: '24h',
      'include-principals': '*:user/christophe',
      engine: 'rules-only',
      'report-to': 'summary, pr-comment',
      'fail-on': 'medium',
    };
    const payload = { pull_request: { number: 1 } };
    const first = await runAction({
      twinUrl: twin.url,
      inputs,
      eventName: 'pull_request',
      eventPayload: payload,
    });
    expect(first.exitCode).toBe(1);
    expect(errorAnnotations(first.stdout).join('\n')).toMatch(/at or above fail-on: medium/);
    const report = JSON.parse(await readFile(first.outputs['report-path'] ?? '', 'utf8')) as {
      findings: { principal?: string }[];
      counts: { eventsFiltered: number };
    };
    expect(report.findings.length).toBeGreaterThan(0);
    // The principal filter kept the root scenario and the workload roles out of the PR's review.
    for (const f of report.findings) expect(f.principal ?? '').toMatch(/christophe/);
    expect(report.counts.eventsFiltered).toBeGreaterThan(0);

    const second = await runAction({
      twinUrl: twin.url,
      inputs,
      eventName: 'pull_request',
      eventPayload: payload,
    });
    expect(second.exitCode).toBe(1);
    const comments = (await twinComments()).filter((c) => c.body.includes('trailsight:comment'));
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toMatch(/christophe/);
  });

  it('passes the gate when the deploy principal did nothing risky', async () => {
    await loadEvents(
      retime(
        freshIds(readDataset('awsdocs_cloudtrail_userguide_examples')),
        now - 5 * 3_600_000,
        now - 3_600_000,
      ),
    );
    const run = await runAction({
      twinUrl: twin.url,
      eventName: 'pull_request',
      eventPayload: { pull_request: { number: 1 } },
      inputs: {
        ...oidc,
        source: 'lookup',
        lookback: '24h',
        'include-principals': '*:role/deploy-*',
        engine: 'rules-only',
        'report-to': 'summary, pr-comment',
        'fail-on': 'medium',
      },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs['findings-count']).toBe('0');
    expect(run.outputs['max-severity']).toBe('none');
  });
});

describe('submit then collect for large windows (docs/examples/submit-collect.yml)', () => {
  it('submits a batch job and exits pending, collects it later, and continues from the checkpoint', async () => {
    await loadEvents(buildDemoEvents(new Date(now)));
    const common = {
      ...oidc,
      source: 's3',
      'trail-bucket': 'twin-cloudtrail',
      window: 'since-last-run',
      lookback: '24h',
      'state-bucket': 'twin-batch',
      engine: 'batch',
      'batch-role-arn': 'arn:aws:iam::123456789012:role/trailsight-bedrock-batch',
      'batch-bucket': 'twin-batch',
      // A small window: smaller records so it makes the 100 a Bedrock batch job needs (a real day's window does).
      'record-token-budget': '500',
      'report-to': 'summary, issue',
    };
    const submit = await runAction({
      twinUrl: twin.url,
      inputs: { ...common, mode: 'submit', 'fail-on': 'none' },
    });
    expect(submit.stderr).not.toMatch(/unhandled/i);
    expect(submit.exitCode).toBe(0);
    expect(submit.outputs.status).toBe('pending');
    const jobArn = submit.outputs['batch-job-arn'] ?? '';
    expect(jobArn).toMatch(/^arn:aws:bedrock:us-east-1:123456789012:model-invocation-job\//);
    const submitted = JSON.parse(await readFile(submit.outputs['report-path'] ?? '', 'utf8')) as {
      window: { start: string; end: string };
      findings: { origin: string }[];
    };
    // Rule findings are final at submit time; the model's part comes with collect.
    expect(submitted.findings.length).toBeGreaterThan(0);
    expect(submitted.findings.every((f) => f.origin === 'rule')).toBe(true);

    // Wait for the twin's job to finish (it steps through Bedrock's statuses in the background).
    for (let i = 0; i < 200; i++) {
      const { jobs } = (await (await fetch(`${twin.url}/_twin/jobs`)).json()) as {
        jobs: { status: string }[];
      };
      if (
        jobs.length &&
        jobs.every((j) =>
          ['Completed', 'PartiallyCompleted', 'Failed', 'Stopped', 'Expired'].includes(j.status),
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const collect = await runAction({
      twinUrl: twin.url,
      inputs: { ...common, mode: 'collect', 'fail-on': 'high' },
    });
    expect(collect.stderr).not.toMatch(/unhandled/i);
    expect(collect.outputs.status).toBe('completed');
    expect(collect.exitCode).toBe(1);
    const collected = JSON.parse(await readFile(collect.outputs['report-path'] ?? '', 'utf8')) as {
      window: { start: string; end: string };
      findings: { origin: string }[];
      jobs: { jobArn?: string; status: string }[];
      counts: { eventsRead: number };
      analysis: { status: string };
    };
    expect(collected.window).toEqual(submitted.window);
    expect(collected.jobs[0]?.jobArn).toBe(jobArn);
    expect(collected.jobs[0]?.status).toBe('Completed');
    expect(collected.analysis.status).toBe('completed');
    expect(collected.counts.eventsRead).toBeGreaterThan(100);
    expect(collected.findings.some((f) => f.origin === 'ai')).toBe(true);
    expect((await twinIssues()).length).toBe(1);

    // Nothing left to collect, and the next submit starts where the collected window ended.
    const again = await runAction({
      twinUrl: twin.url,
      inputs: { ...common, mode: 'collect', 'fail-on': 'high' },
    });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/0 finished job\(s\), 0 still running/);
    // An end-time of now: the window since the collected one is then minutes long however fast this test ran
    // (by default it would end settle-minutes before now, and a run within a minute has nothing new to review).
    const next = await runAction({
      twinUrl: twin.url,
      inputs: {
        ...common,
        engine: 'auto',
        mode: 'submit',
        'fail-on': 'none',
        'end-time': new Date().toISOString(),
      },
    });
    const nextReport = JSON.parse(await readFile(next.outputs['report-path'] ?? '', 'utf8')) as {
      window: { start: string };
    };
    expect(nextReport.window.start).toBe(submitted.window.end);
  }, 180_000);
});
