/**
 * Load on the report: 5,000 findings with long hostile titles and descriptions, published through every
 * destination (job summary, report issue, per-finding issues, pull-request comment, SNS) with fakes that record
 * what would be sent. Each payload fits its destination's limit, says that the least severe findings were left
 * out, and still holds the most severe ones.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { PublishCommandInput } from '@aws-sdk/client-sns';
import type { AwsClients } from '../../src/aws/clients.js';
import type { Config } from '../../src/config/types.js';
import { publish, type GitHubApi, type IssueRef, type CommentRef } from '../../src/publish/index.js';
import { MAX_FINDING_ISSUES } from '../../src/publish/issues.js';
import { NO_REDACTION } from '../../src/report/index.js';
import { LIMITS } from '../../src/report/limits.js';
import { SEVERITIES, type Finding, type Report, type Severity } from '../../src/types.js';
import { makeConfig, makeFinding, makeReport } from '../report/fixtures.js';
import { HOSTILE } from '../report/hostile.js';
import { MemoryLogger } from '../sources/helpers.js';

const FINDINGS = 5_000;
// Most findings are the least severe, as in a real noisy window.
const MIX: [Severity, number][] = [
  ['critical', 25],
  ['high', 275],
  ['medium', 700],
  ['low', 1_500],
  ['info', 2_500],
];

/** A token that survives every sanitiser (letters and digits only) and names the finding. */
const token = (s: Severity, n: number): string => `Zq${s}${String(n).padStart(4, '0')}qZ`;
const tokenOf = (f: Finding): string => /Zq[a-z]+\d{4}qZ/.exec(f.title)?.[0] ?? 'none';

function hostileFindings(): Finding[] {
  const out: Finding[] = [];
  let n = 0;
  for (const [severity, count] of MIX) {
    for (let i = 0; i < count; i++) {
      n++;
      const base = makeFinding(severity, n);
      out.push({
        ...base,
        id: `ts-${n.toString(16).padStart(16, '0')}`,
        title: `${token(severity, n)} ${HOSTILE.replace(/\n/g, ' ')} ${'Ω≠🟥 '.repeat(100)}`,
        description: `${HOSTILE}\n${'<b>long</b> @octocat ![x](https://evil.example/x.png) '.repeat(40)}`,
        remediation: `${HOSTILE} ${'x'.repeat(1_000)}`,
        principal: `arn:aws:iam::123456789012:user/${'@'.repeat(50)}${'é'.repeat(500)}`,
        count: 1 + (n % 17),
      });
    }
  }
  return out;
}

interface Sent {
  summary: string[];
  issues: { title: string; body: string }[];
  comments: string[];
  sns: PublishCommandInput[];
}

function fakeGitHub(sent: Sent): GitHubApi {
  let next = 1;
  const issue = (i: { title: string; body: string }): IssueRef => ({
    number: next++,
    title: i.title,
    body: i.body,
    url: `https://github.com/octo-org/infra/issues/${next}`,
    state: 'open',
    labels: [],
  });
  return {
    getRepository: () => Promise.resolve({ private: true }),
    listOpenIssues: () => Promise.resolve([]),
    createIssue: (_o, _r, i) => {
      sent.issues.push({ title: i.title, body: i.body });
      return Promise.resolve(issue(i));
    },
    updateIssue: (_o, _r, number, p) =>
      Promise.resolve({ ...issue({ title: p.title ?? '', body: p.body ?? '' }), number }),
    listComments: () => Promise.resolve([]),
    createComment: (_o, _r, _n, body): Promise<CommentRef> => {
      sent.comments.push(body);
      return Promise.resolve({ id: next++, body, url: 'https://github.com/octo-org/infra/pull/7#c' });
    },
    updateComment: (_o, _r, id, body) => Promise.resolve({ id, body, url: 'u' }),
    ensureLabel: () => Promise.resolve(),
  };
}

function fakeClients(sent: Sent): AwsClients {
  const sns = {
    send: (cmd: { input: PublishCommandInput }) => {
      sent.sns.push(cmd.input);
      return Promise.resolve({ MessageId: 'm-1' });
    },
  };
  return new Proxy({} as AwsClients, {
    get: (_t, p) => (p === 'sns' ? () => sns : p === 'region' ? 'us-east-1' : undefined),
  });
}

async function publishAll(report: Report, config: Config): Promise<Sent> {
  const sent: Sent = { summary: [], issues: [], comments: [], sns: [] };
  const logger = new MemoryLogger();
  const result = await publish(
    report,
    config,
    {
      github: fakeGitHub(sent),
      clients: fakeClients(sent),
      logger,
      summary: { write: (md) => Promise.resolve(void sent.summary.push(md)) },
      context: {
        repository: 'octo-org/infra',
        eventName: 'pull_request',
        prNumber: 7,
        runUrl: 'https://github.com/octo-org/infra/actions/runs/42',
        workflow: 'security review',
      },
    },
    NO_REDACTION,
  );
  for (const d of result.destinations) expect(d).toMatchObject({ ok: true });
  return sent;
}

/** Tokens of the findings a payload still names, by severity. */
function shown(text: string, findings: readonly Finding[]): Map<Severity, number> {
  const out = new Map<Severity, number>(SEVERITIES.map((s) => [s, 0]));
  findings.forEach((f, i) => {
    if (text.includes(token(f.severity, i + 1))) out.set(f.severity, (out.get(f.severity) ?? 0) + 1);
  });
  return out;
}

/**
 * Least severe dropped first: the findings a payload names are exactly the first k of the report's order (most
 * severe first), with k at least `min`; every critical finding that fits comes before anything less severe.
 */
function expectSeverityPrefix(text: string, min: number): number {
  const present = report.findings.map((f) => text.includes(tokenOf(f)));
  const k = present.indexOf(false) === -1 ? present.length : present.indexOf(false);
  expect(k).toBeGreaterThanOrEqual(min);
  expect(present.slice(k).some(Boolean)).toBe(false);
  expect(report.findings[0]?.severity).toBe('critical');
  return k;
}

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
const LEAST_SEVERE_NOTE =
  /Shortened to fit the [a-z -]+ limit \([\d,]+ (bytes|characters)\): left out .*\d[\d,]* info/;

let findings: Finding[];
let report: Report;
let sent: Sent;
let perFinding: Sent;

// Three full renderings of 5,000 hostile findings take tens of seconds on a busy CI runner.
beforeAll(async () => {
  const raw = hostileFindings();
  const topic = 'arn:aws:sns:us-east-1:123456789012:security-alerts';
  const config = makeConfig({
    reporting: {
      reportTo: ['issue', 'pr-comment', 'sns', 'summary'],
      issueMode: 'report',
      snsTopicArn: topic,
      snsMinSeverity: 'low',
    },
  });
  report = makeReport(raw, { config });
  // The report sorts findings most severe first; tokens follow the generation order, which is the same.
  findings = raw;
  sent = await publishAll(report, config);
  perFinding = await publishAll(
    report,
    makeConfig({ reporting: { reportTo: ['issue'], issueMode: 'finding', snsMinSeverity: 'high' } }),
  );
}, 180_000);

describe(`${FINDINGS.toLocaleString('en')} hostile findings, every destination within its limit`, () => {
  it('the report keeps every finding, most severe first', () => {
    expect(report.findings).toHaveLength(FINDINGS);
    expect(report.findings[0]?.severity).toBe('critical');
    expect(report.findings.at(-1)?.severity).toBe('info');
  });

  it(`job summary: at most ${LIMITS.summaryBytes} bytes, least severe dropped first, said so`, () => {
    expect(sent.summary).toHaveLength(1);
    const md = sent.summary[0] as string;
    expect(bytes(md)).toBeLessThanOrEqual(LIMITS.summaryBytes);
    expect(md).toMatch(LEAST_SEVERE_NOTE);
    // Hundreds of rows still fit: only the least severe are left out.
    expectSeverityPrefix(md, 100);
    // Every count is still there, even for the findings whose rows were left out.
    expect(md).toContain(`| ${MIX.map(([, n]) => n).join(' | ')} |`);
  });

  it(`report issue: body at most ${LIMITS.issueBodyChars} characters, title within GitHub's 256`, () => {
    expect(sent.issues).toHaveLength(1);
    const issue = sent.issues[0] as { title: string; body: string };
    expect(issue.body.length).toBeLessThanOrEqual(LIMITS.issueBodyChars);
    expect(issue.title.length).toBeLessThanOrEqual(256);
    expect(issue.body).toMatch(LEAST_SEVERE_NOTE);
    expectSeverityPrefix(issue.body, 10);
  });

  it(`pull-request comment: at most ${LIMITS.commentBodyChars} characters, least severe dropped first`, () => {
    expect(sent.comments).toHaveLength(1);
    const body = sent.comments[0] as string;
    expect(body.length).toBeLessThanOrEqual(LIMITS.commentBodyChars);
    expect(body).toMatch(LEAST_SEVERE_NOTE);
    expectSeverityPrefix(body, 10);
  });

  it(`SNS: message, subject and attributes within ${LIMITS.snsMessageBytes} bytes, subject under 100 characters`, () => {
    expect(sent.sns).toHaveLength(1);
    const m = sent.sns[0] as PublishCommandInput;
    const attrs = Object.entries(m.MessageAttributes ?? {}).reduce(
      (n, [k, v]) => n + bytes(k) + bytes(v.DataType ?? '') + bytes(v.StringValue ?? ''),
      0,
    );
    expect(bytes(m.Message ?? '') + bytes(m.Subject ?? '') + attrs).toBeLessThanOrEqual(
      LIMITS.snsMessageBytes,
    );
    expect((m.Subject ?? '').length).toBeLessThan(100);
    // SNS subjects: ASCII, no line breaks.
    expect(m.Subject).toMatch(/^[\x20-\x7e]+$/);
    expect(m.Message).toMatch(/\.\.\. and [\d,]+ more findings \(.*info\)/);
    // The findings it shows are the most severe ones.
    expectSeverityPrefix(m.Message ?? '', 1);
    const by = shown(m.Message ?? '', findings);
    for (const s of ['high', 'medium', 'low', 'info'] as const) expect(by.get(s)).toBe(0);
    expect(m.MessageAttributes?.severity?.StringValue).toBe('critical');
  });

  it(`per-finding issues: at most ${MAX_FINDING_ISSUES}, the most severe, each body and title within its limit`, () => {
    expect(perFinding.issues).toHaveLength(MAX_FINDING_ISSUES);
    for (const i of perFinding.issues) {
      expect(i.body.length).toBeLessThanOrEqual(LIMITS.issueBodyChars);
      expect(i.title.length).toBeLessThanOrEqual(256);
    }
    const all = perFinding.issues.map((i) => i.title).join('\n');
    const by = shown(all, findings);
    expect(by.get('critical')).toBe(MIX[0]?.[1]);
    expect((by.get('critical') ?? 0) + (by.get('high') ?? 0)).toBe(MAX_FINDING_ISSUES);
  });
});
