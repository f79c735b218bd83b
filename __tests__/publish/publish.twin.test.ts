import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile } from 'node:fs/promises';
import { Marked } from 'marked';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClientFactory } from '../../src/aws/clients.js';
import type { Config } from '../../src/config/types.js';
import { NO_REDACTION, writeReportFiles } from '../../src/report/index.js';
import {
  createGitHubApi,
  publish,
  resolveRedaction,
  type GitHubContext,
  type PublishDeps,
} from '../../src/publish/index.js';
import { correlate } from '../../src/correlate/index.js';
import type { Finding, Logger, Report } from '../../src/types.js';
import { startTwin, type RunningTwin } from '../../twin/server.js';
import { makeConfig, makeFinding, makeReport } from '../report/fixtures.js';
import { hostileFinding } from '../report/hostile.js';

const marked = new Marked({ gfm: true });
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:trailsight-alerts';
const REPO = 'octo-org/infra';

interface TwinIssue {
  number: number;
  title: string;
  body: string;
  state: string;
  state_reason: string | null;
  labels: { name: string }[];
  assignees: { login: string }[];
}
interface TwinComment {
  id: number;
  body: string;
  issue_url: string;
}
interface TwinMessage {
  subject?: string;
  message: string;
  messageAttributes: Record<string, { dataType: string; stringValue?: string }>;
}

let twin: RunningTwin;
const savedEndpoint = process.env.AWS_ENDPOINT_URL;

beforeAll(async () => {
  twin = await startTwin({ port: 0 });
  // The SDK reads the endpoint override from the process environment, as it does on a runner.
  process.env.AWS_ENDPOINT_URL = twin.url;
});
afterAll(async () => {
  if (savedEndpoint === undefined) delete process.env.AWS_ENDPOINT_URL;
  else process.env.AWS_ENDPOINT_URL = savedEndpoint;
  await twin.close();
});
beforeEach(async () => {
  await control('POST', '/_twin/reset');
});

async function control<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${twin.url}${path}`, {
    method,
    ...(body !== undefined
      ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }
      : {}),
  });
  return (await res.json()) as T;
}
const issues = async (): Promise<TwinIssue[]> =>
  (await control<{ issues: TwinIssue[] }>('GET', '/_twin/github/issues')).issues;
const comments = async (): Promise<TwinComment[]> =>
  (await control<{ comments: TwinComment[] }>('GET', '/_twin/github/comments')).comments;
const messages = async (): Promise<TwinMessage[]> =>
  (await control<{ messages: TwinMessage[] }>('GET', '/_twin/sns/messages')).messages;

function logger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = (level: string) => (m: string) => void lines.push(`${level}: ${m}`);
  return { lines, debug: log('debug'), info: log('info'), warning: log('warning'), error: log('error') };
}

function deps(
  context: Partial<GitHubContext> = {},
  opts: { github?: boolean } = {},
): PublishDeps & { written: string[]; log: string[] } {
  const written: string[] = [];
  const log = logger();
  const d: PublishDeps & { written: string[]; log: string[] } = {
    clients: createClientFactory({
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' },
      env: { AWS_ENDPOINT_URL: twin.url },
      maxAttempts: 1,
    }),
    logger: log,
    summary: { write: async (md) => void written.push(md) },
    context: {
      repository: REPO,
      eventName: 'schedule',
      runUrl: 'https://github.com/octo-org/infra/actions/runs/42',
      serverUrl: 'https://github.com',
      ...context,
    },
    written,
    log: log.lines,
  };
  if (opts.github !== false) {
    d.github = createGitHubApi('ghs_twin', {
      baseUrl: `${twin.url}/github`,
      retryAfterBaseMs: 1,
      throttle: false,
    });
  }
  return d;
}

function config(reporting: Partial<Config['reporting']> = {}, gate: Partial<Config['gate']> = {}): Config {
  return makeConfig({ reporting: { snsTopicArn: TOPIC, ...reporting }, gate });
}

/** Each run's findings, as the same incidents seen again (same fingerprints). */
const findingA = (over: Partial<Finding> = {}): Finding => makeFinding('critical', 1, over);
const findingB = (over: Partial<Finding> = {}): Finding => makeFinding('high', 2, over);

describe('issues, issue-mode: finding', () => {
  const cfg = config({
    reportTo: ['issue'],
    issueMode: 'finding',
    closeResolved: true,
    issueLabels: ['security'],
    issueAssignees: ['octocat'],
  });

  it('twice on the same report leaves one issue per finding, updated, with no repeated comment', async () => {
    const report = makeReport([findingA(), findingB()]);
    const first = await publish(report, cfg, deps(), NO_REDACTION);
    expect(first.destinations).toEqual([expect.objectContaining({ name: 'issue', ok: true })]);
    expect(first.issueUrl).toMatch(/^https:\/\/github\.com\/octo-org\/infra\/issues\/\d+$/);
    const second = await publish(report, cfg, deps(), NO_REDACTION);
    expect(second.destinations[0]).toMatchObject({ ok: true });

    const all = await issues();
    expect(all).toHaveLength(2);
    for (const f of report.findings) {
      const mine = all.filter((i) => i.body.includes(`<!-- trailsight:finding:${f.id} -->`));
      expect(mine).toHaveLength(1);
      expect(mine[0]?.state).toBe('open');
    }
    const critical = all.find((i) => i.body.includes(findingA().id));
    expect(critical?.title).toBe('[TrailSight] critical: Critical finding number 1');
    expect(critical?.labels.map((l) => l.name).sort()).toEqual([
      'security',
      'severity:critical',
      'trailsight',
    ]);
    expect(critical?.assignees.map((a) => a.login)).toEqual(['octocat']);
    expect(await comments()).toHaveLength(0);
  });

  it('comments only when something new appears, and updates the body', async () => {
    await publish(makeReport([findingA()]), cfg, deps(), NO_REDACTION);
    const more = findingA({
      count: 40,
      evidence: { eventIds: [...findingA().evidence.eventIds, 'f00d0000-1111-2222-3333-444455556666'] },
    });
    await publish(makeReport([more]), cfg, deps(), NO_REDACTION);
    const [issue] = await issues();
    expect(issue?.body).toContain('40 events by');
    const cs = await comments();
    expect(cs).toHaveLength(1);
    expect(cs[0]?.body).toContain('**Seen again**');
    expect(cs[0]?.body).toContain('`f00d0000-1111-2222-3333-444455556666`');
  });

  it('a third, complete run without the finding closes its issue with a comment', async () => {
    await publish(makeReport([findingA(), findingB()]), cfg, deps(), NO_REDACTION);
    await publish(makeReport([findingA(), findingB()]), cfg, deps(), NO_REDACTION);
    const third = await publish(makeReport([findingA()]), cfg, deps(), NO_REDACTION);
    expect(third.destinations[0]).toMatchObject({ ok: true });
    const all = await issues();
    expect(all).toHaveLength(2);
    const b = all.find((i) => i.body.includes(findingB().id));
    const a = all.find((i) => i.body.includes(findingA().id));
    expect(b).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(a?.state).toBe('open');
    const closing = (await comments()).filter((c) => c.issue_url.endsWith(`/issues/${b?.number}`));
    expect(closing).toHaveLength(1);
    expect(closing[0]?.body).toMatch(/\*\*Resolved:\*\* it was not seen in the complete review/);
  });

  it('never closes anything on an incomplete run, nor without close-resolved', async () => {
    await publish(makeReport([findingA(), findingB()]), cfg, deps(), NO_REDACTION);
    await publish(makeReport([findingA()], { complete: false }), cfg, deps(), NO_REDACTION);
    await publish(
      makeReport([findingA()]),
      { ...cfg, reporting: { ...cfg.reporting, closeResolved: false } },
      deps(),
      NO_REDACTION,
    );
    expect((await issues()).every((i) => i.state === 'open')).toBe(true);
    expect(await comments()).toHaveLength(0);
  });

  it('keeps two workflows’ run series apart', async () => {
    await publish(makeReport([findingA()]), cfg, deps({ workflow: 'prod review' }), NO_REDACTION);
    await publish(makeReport([findingA()]), cfg, deps({ workflow: 'staging review' }), NO_REDACTION);
    // staging's complete run without the finding must not close prod's issue.
    await publish(makeReport([]), cfg, deps({ workflow: 'staging review' }), NO_REDACTION);
    const all = await issues();
    expect(all).toHaveLength(2);
    expect(all.filter((i) => i.state === 'open')).toHaveLength(1);
    expect(all.find((i) => i.state === 'open')?.body).toContain('trailsight:workflow:prod%20review');
  });
});

describe('issues, issue-mode: incident', () => {
  const cfg = config({ reportTo: ['issue'], issueMode: 'incident', closeResolved: true });
  const deployBot = 'arn:aws:iam::123456789012:role/deploy-bot';
  /** Findings of one story (deploy-bot, from minute `min`) and of an unrelated principal. */
  const story = (n: number, min: number, over: Partial<Finding> = {}): Finding =>
    makeFinding(n === 1 ? 'high' : 'medium', n, {
      principal: deployBot,
      actors: { principals: [deployBot] },
      firstSeen: new Date(Date.parse('2026-11-23T03:00:00Z') + min * 60_000).toISOString(),
      lastSeen: new Date(Date.parse('2026-11-23T03:00:00Z') + min * 60_000).toISOString(),
      ...over,
    });
  const other = (): Finding =>
    makeFinding('low', 9, {
      actors: { principals: ['arn:aws:iam::123456789012:role/other'] },
      firstSeen: '2026-11-23T09:00:00Z',
      lastSeen: '2026-11-23T09:00:00Z',
    });
  /** The report as the pipeline builds it: findings, then their incidents. */
  const reportOf = (findings: Finding[], over: { complete?: boolean } = {}): Report => {
    const r = makeReport(findings, over);
    return { ...r, incidents: correlate(r.findings, { gapMinutes: 60 }) };
  };

  it('one issue per incident: its story, actors and findings with evidence ids; twice gives no duplicate', async () => {
    const report = reportOf([
      story(1, 0, { technique: 'T1562.008' }),
      story(2, 5, { technique: 'T1555.006' }),
      other(),
    ]);
    expect(report.incidents).toHaveLength(2);
    const first = await publish(report, cfg, deps(), NO_REDACTION);
    expect(first.destinations).toEqual([expect.objectContaining({ name: 'issue', ok: true })]);
    await publish(report, cfg, deps(), NO_REDACTION);
    const all = await issues();
    expect(all).toHaveLength(2);
    const [inc] = report.incidents;
    const mine = all.filter((i) => i.body.includes(`<!-- trailsight:incident:${inc?.id} -->`));
    expect(mine).toHaveLength(1);
    const issue = mine[0];
    // Raised from high: credential access with defence evasion.
    expect(issue?.title).toBe(
      '[TrailSight] critical: deploy-bot: defence evasion and credential access in 5 min',
    );
    expect(issue?.labels.map((l) => l.name).sort()).toEqual(['severity:critical', 'trailsight']);
    const body = issue?.body ?? '';
    expect(body).toContain('## 🟥 Critical: deploy-bot: defence evasion and credential access in 5 min');
    expect(body).toContain('_Raised from high: it combines credential access with defence evasion._');
    expect(body).toContain('**Tactics:** defence evasion → credential access');
    expect(body).toContain(`**Who:** \`${deployBot}\``);
    expect(body).toContain('### 2 findings');
    for (const f of report.findings.filter((x) => inc?.findingIds.includes(x.id))) {
      expect(body).toContain(`\`${f.evidence.eventIds[0]}\``);
      expect(body).toContain(f.title);
    }
    expect(body).not.toContain(other().title);
    expect(await comments()).toHaveLength(0);
  });

  it('a finding joining an incident updates its issue and says which joined; nothing else is commented', async () => {
    await publish(reportOf([story(1, 0), other()]), cfg, deps(), NO_REDACTION);
    const before = await issues();
    await publish(
      reportOf([story(1, 0), story(3, 20, { title: 'Secrets read in bulk' }), other()]),
      cfg,
      deps(),
      NO_REDACTION,
    );
    const after = await issues();
    expect(after).toHaveLength(2);
    expect(after.map((i) => i.number).sort()).toEqual(before.map((i) => i.number).sort());
    const grown = after.find((i) => i.body.includes('Secrets read in bulk'));
    expect(grown?.body).toContain('### 2 findings');
    const cs = await comments();
    expect(cs).toHaveLength(1);
    expect(cs[0]?.issue_url).toMatch(new RegExp(`/issues/${grown?.number}$`));
    expect(cs[0]?.body).toContain('**Incident updated**');
    expect(cs[0]?.body).toContain('Findings that joined:');
    expect(cs[0]?.body).toContain('Secrets read in bulk');
    expect(cs[0]?.body).not.toContain('Medium finding number 1');
  });

  it('a complete run without the incident closes its issue; an incomplete one, or no close-resolved, does not', async () => {
    await publish(reportOf([story(1, 0), other()]), cfg, deps(), NO_REDACTION);
    await publish(reportOf([story(1, 0)], { complete: false }), cfg, deps(), NO_REDACTION);
    await publish(
      reportOf([story(1, 0)]),
      { ...cfg, reporting: { ...cfg.reporting, closeResolved: false } },
      deps(),
      NO_REDACTION,
    );
    expect((await issues()).every((i) => i.state === 'open')).toBe(true);
    await publish(reportOf([story(1, 0)]), cfg, deps(), NO_REDACTION);
    const all = await issues();
    const gone = all.find((i) => i.body.includes(other().title));
    expect(gone).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(all.filter((i) => i.state === 'open')).toHaveLength(1);
    const closing = (await comments()).filter((c) => c.issue_url.endsWith(`/issues/${gone?.number}`));
    expect(closing[0]?.body).toMatch(/\*\*Resolved:\*\* it was not seen in the complete review/);
  });

  it('leaves finding-mode issues alone, and finding mode leaves incident issues alone', async () => {
    const findingCfg = config({ reportTo: ['issue'], issueMode: 'finding', closeResolved: true });
    await publish(reportOf([story(1, 0)]), findingCfg, deps(), NO_REDACTION);
    await publish(reportOf([other()]), cfg, deps(), NO_REDACTION);
    await publish(reportOf([other()]), findingCfg, deps(), NO_REDACTION);
    const all = await issues();
    // The finding issue of story(1) was closed by finding mode's own complete run, never by incident mode.
    expect(all.filter((i) => i.body.includes('trailsight:incident:'))).toHaveLength(1);
    expect(all.find((i) => i.body.includes('trailsight:incident:'))?.state).toBe('open');
  });

  it('an attacker-written title reaches the incident issue sanitised', async () => {
    const d = deps();
    const report = reportOf([hostileFinding(1)]);
    await publish(report, cfg, d, NO_REDACTION);
    const [issue] = await issues();
    expect(issue?.body).toContain('trailsight:incident:');
    const html = marked.parse(issue?.body ?? '', { async: false });
    const text = html.replace(/<code>[\s\S]*?<\/code>/g, ' ').replace(/<[^>]+>/g, ' ');
    expect(text).not.toMatch(/(^|[^\w`])@[A-Za-z0-9]/m);
    expect(html).not.toMatch(/<(img|script|iframe)\b/i);
    expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
    for (const m of html.matchAll(/<a\s[^>]*href="([^"]*)"/g)) {
      expect(m[1]).toMatch(
        /^https:\/\/(([a-z0-9-]+\.)*aws\.amazon\.com\/|github\.com\/octo-org\/infra\/actions\/runs\/42$)/,
      );
    }
    expect(text).not.toMatch(/https?:\/\/evil|www\.evil/);
    expect(issue?.body).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(issue?.title).not.toMatch(/@[A-Za-z]/);
  });
});

describe('issues, issue-mode: report', () => {
  const cfg = config({ reportTo: ['issue'], issueMode: 'report', closeResolved: true });

  it('one issue per run series, updated in place, commented when a finding is new, closed when clean', async () => {
    expect((await publish(makeReport([]), cfg, deps(), NO_REDACTION)).destinations[0]).toMatchObject({
      ok: true,
      skipped: 'no findings: no issue opened',
    });
    await publish(makeReport([findingB()]), cfg, deps(), NO_REDACTION);
    await publish(makeReport([findingB()]), cfg, deps(), NO_REDACTION);
    expect(await issues()).toHaveLength(1);
    expect(await comments()).toHaveLength(0);
    await publish(makeReport([findingA(), findingB()]), cfg, deps(), NO_REDACTION);
    const [issue] = await issues();
    expect(issue?.title).toBe('TrailSight security review: 2 findings (1 critical, 1 high)');
    expect(issue?.body).toContain('<!-- trailsight:report -->');
    expect(issue?.labels.map((l) => l.name)).toContain('severity:critical');
    const cs = await comments();
    expect(cs).toHaveLength(1);
    expect(cs[0]?.body).toContain('**New since the last update**');
    expect(cs[0]?.body).toContain('Critical finding number 1');
    await publish(makeReport([]), cfg, deps(), NO_REDACTION);
    const after = await issues();
    expect(after).toHaveLength(1);
    expect(after[0]?.state).toBe('closed');
    expect(after[0]?.title).toBe('TrailSight security review: clean, no findings');
  });
});

describe('pr-comment', () => {
  const cfg = config({ reportTo: ['pr-comment'] });

  it('one sticky comment per pull request, updated in place', async () => {
    const pr = { eventName: 'pull_request', prNumber: 1 };
    const first = await publish(makeReport([findingB()]), cfg, deps(pr), NO_REDACTION);
    expect(first.destinations[0]).toMatchObject({
      ok: true,
      url: expect.stringContaining('/issues/1#issuecomment-'),
    });
    await publish(makeReport([findingA(), findingB()]), cfg, deps(pr), NO_REDACTION);
    const cs = await comments();
    expect(cs).toHaveLength(1);
    expect(cs[0]?.body.startsWith('<!-- trailsight:comment -->')).toBe(true);
    expect(cs[0]?.body).toContain('2 findings (1 critical, 1 high)');
  });

  it('is skipped with a notice outside pull-request events', async () => {
    const d = deps({ eventName: 'schedule' });
    const r = await publish(makeReport([findingB()]), cfg, d, NO_REDACTION);
    expect(r.destinations[0]).toMatchObject({
      name: 'pr-comment',
      ok: true,
      skipped: expect.stringContaining('not a pull-request event'),
    });
    expect(d.log.join('\n')).toContain('pr-comment: not a pull-request event (schedule)');
    expect(await comments()).toHaveLength(0);
  });
});

describe('sns', () => {
  const cfg = config({ reportTo: ['sns'], snsMinSeverity: 'high' });

  it('publishes a plain-text message with filterable attributes and a short ASCII subject', async () => {
    const r = await publish(
      makeReport([findingA(), findingB(), makeFinding('low', 3)]),
      cfg,
      deps(),
      NO_REDACTION,
    );
    expect(r.destinations).toEqual([{ name: 'sns', ok: true }]);
    const [m] = await messages();
    expect(m?.subject).toBe('TrailSight [octo-org/infra]: 3 findings (1 critical, 1 high, 1 low)');
    expect(m?.messageAttributes).toEqual({
      severity: { dataType: 'String', stringValue: 'critical' },
      findings_count: { dataType: 'Number', stringValue: '3' },
      repository: { dataType: 'String', stringValue: REPO },
    });
    expect(m?.message).toContain('1. [CRITICAL] Critical finding number 1');
    expect(m?.message).toContain('Run: https://github.com/octo-org/infra/actions/runs/42');
  });

  it('sends nothing below sns-min-severity', async () => {
    const r = await publish(makeReport([makeFinding('medium', 1)]), cfg, deps(), NO_REDACTION);
    expect(r.destinations[0]).toMatchObject({
      ok: true,
      skipped: 'no finding at or above sns-min-severity: high',
    });
    expect(await messages()).toHaveLength(0);
  });

  it('stays within 256 KB with its attributes and 100 characters of subject for a huge window', async () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      makeFinding('critical', i + 1, {
        title: `Critical ${'ü'.repeat(300)} ${i}`,
        remediation: 'x'.repeat(2000),
      }),
    );
    const r = await publish(
      makeReport(many),
      cfg,
      deps({ repository: `octo-org/${'r'.repeat(90)}` }),
      NO_REDACTION,
    );
    expect(r.destinations[0]).toMatchObject({ ok: true });
    const [m] = await messages();
    expect(m?.subject?.length).toBeLessThan(100);
    expect(m?.subject).toMatch(/^[\x20-\x7e]+$/);
    expect(Buffer.byteLength(m?.message ?? '')).toBeLessThanOrEqual(262_144);
    expect(m?.message).toContain('... and 290 more findings (290 critical)');
  });
});

describe('isolation', () => {
  it('a failing destination is reported and the others, the summary and the report file are intact', async () => {
    await control('POST', '/_twin/faults', {
      operation: 'github:createIssue',
      kind: 'error',
      status: 500,
      times: 20,
    });
    await control('POST', '/_twin/faults', { operation: 'Publish', kind: 'error', times: 5 });
    const dir = await mkdtemp(join(tmpdir(), 'trailsight-pub-'));
    const report = makeReport([findingA(), findingB()]);
    const files = await writeReportFiles(report, join(dir, 'report.json'), { redaction: NO_REDACTION });
    const cfg = config({ reportTo: ['issue', 'pr-comment', 'sns', 'summary'], issueMode: 'report' });
    const d = deps({ eventName: 'pull_request', prNumber: 1 });
    const r = await publish(report, cfg, d, NO_REDACTION);
    expect(r.destinations.map((x) => [x.name, x.ok])).toEqual([
      ['issue', false],
      ['pr-comment', true],
      ['sns', false],
      ['summary', true],
    ]);
    expect(r.destinations[0]?.error).toMatch(/HTTP 500/);
    expect(r.destinations[2]?.error).toMatch(/Could not publish to arn:aws:sns/);
    expect(await comments()).toHaveLength(1);
    expect(d.written).toHaveLength(1);
    expect(d.written[0]).toContain('| issue | ❌ failed: HTTP 500');
    expect(d.written[0]).toContain('| sns | ❌ failed:');
    expect(d.written[0]).toContain('| pr-comment | ✅ delivered');
    expect(d.log.join('\n')).toMatch(/warning: issue: could not publish: HTTP 500/);
    expect(JSON.parse(await readFile(files.jsonPath, 'utf8'))).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('a missing token fails only the GitHub destinations', async () => {
    const cfg = config({ reportTo: ['issue', 'sns', 'summary'] });
    const d = deps({}, { github: false });
    const r = await publish(makeReport([findingA()]), cfg, d, NO_REDACTION);
    expect(r.destinations).toEqual([
      { name: 'issue', ok: false, error: 'issue needs a GitHub token (github-token)' },
      { name: 'sns', ok: true },
      { name: 'summary', ok: true },
    ]);
  });
});

describe('resolveRedaction', () => {
  const auto = config({ redact: { mode: 'auto' } });

  it('auto: masks in a public repository, not in a private one, and when visibility is unknown', async () => {
    expect(await resolveRedaction(auto, deps())).toEqual(NO_REDACTION);
    await control('POST', '/_twin/github/repo', { visibility: 'public' });
    expect(await resolveRedaction(auto, deps())).toEqual({
      accountIds: true,
      ipAddresses: true,
      accessKeyIds: true,
    });
    expect(await resolveRedaction(auto, deps({}, { github: false }))).toEqual({
      accountIds: true,
      ipAddresses: true,
      accessKeyIds: true,
    });
    await control('POST', '/_twin/faults', {
      operation: 'github:getRepo',
      kind: 'error',
      status: 500,
      times: 20,
    });
    const d = deps();
    await control('POST', '/_twin/github/repo', { visibility: 'private' });
    expect(await resolveRedaction(auto, d)).toEqual({
      accountIds: true,
      ipAddresses: true,
      accessKeyIds: true,
    });
    expect(d.log.join('\n')).toMatch(/could not read the repository's visibility/);
  });

  it('none and an explicit list', async () => {
    expect(await resolveRedaction(config({ redact: { mode: 'none' } }), deps())).toEqual(NO_REDACTION);
    expect(
      await resolveRedaction(config({ redact: { mode: 'list', kinds: ['ip-addresses'] } }), deps()),
    ).toEqual({
      accountIds: false,
      ipAddresses: true,
      accessKeyIds: false,
    });
  });

  it('a public repository gets no account id, IP or access key in any destination', async () => {
    await control('POST', '/_twin/github/repo', { visibility: 'public' });
    const cfg = config({ reportTo: ['issue', 'pr-comment', 'sns', 'summary'], redact: { mode: 'auto' } });
    const d = deps({ eventName: 'pull_request', prNumber: 1 });
    const redaction = await resolveRedaction(cfg, d);
    await publish(makeReport([findingA()]), cfg, d, redaction);
    const texts = [
      ...(await issues()).flatMap((i) => [i.title, i.body]),
      ...(await comments()).map((c) => c.body),
      ...(await messages()).flatMap((m) => [m.subject ?? '', m.message]),
      ...d.written,
    ];
    expect(texts.length).toBeGreaterThanOrEqual(6);
    for (const t of texts) {
      expect(t).not.toContain('123456789012');
      expect(t).not.toContain('198.51.100.23');
      expect(t).not.toContain('AKIAIOSFODNN7EXAMPLE');
    }
  });
});

describe('untrusted text reaches no destination live', () => {
  it('mentions, images, links, HTML and bidi are neutralised in issues, comments, SNS and the summary', async () => {
    const cfg = config({ reportTo: ['issue', 'pr-comment', 'sns', 'summary'], issueMode: 'finding' });
    const d = deps({ eventName: 'pull_request', prNumber: 1 });
    const report: Report = makeReport([hostileFinding(1)]);
    const r = await publish(report, cfg, d, NO_REDACTION);
    expect(r.destinations.every((x) => x.ok)).toBe(true);
    const markdown = [
      ...(await issues()).map((i) => i.body),
      ...(await comments()).map((c) => c.body),
      ...d.written,
    ];
    expect(markdown.length).toBe(3);
    for (const md of markdown) {
      const html = marked.parse(md, { async: false });
      // GitHub never turns text inside code into a mention, reference or link.
      const text = html.replace(/<code>[\s\S]*?<\/code>/g, ' ').replace(/<[^>]+>/g, ' ');
      expect(text).not.toMatch(/(^|[^\w`])@[A-Za-z0-9]/m);
      expect(html).not.toMatch(/<(img|script|iframe)\b/i);
      expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
      for (const m of html.matchAll(/<a\s[^>]*href="([^"]*)"/g)) {
        expect(m[1]).toMatch(
          /^https:\/\/(([a-z0-9-]+\.)*aws\.amazon\.com\/|github\.com\/octo-org\/infra\/(actions\/runs\/42|issues\/\d+(#issuecomment-\d+)?)$)/,
        );
      }
      expect(text).not.toMatch(/https?:\/\/evil|www\.evil/);
      expect(md).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    }
    const title = (await issues())[0]?.title ?? '';
    expect(title).not.toMatch(/@[A-Za-z]/);
    const [m] = await messages();
    expect(m?.message).not.toMatch(/https?:\/\/evil/);
    expect(m?.message).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });
});
