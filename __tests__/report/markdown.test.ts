import { describe, expect, it } from '@jest/globals';
import { FULL_REDACTION, LIMITS, NO_REDACTION, renderMarkdown, renderText } from '../../src/report/index.js';
import { markdownFileChunks } from '../../src/report/markdown.js';
import type { Finding, Incident, Severity } from '../../src/types.js';
import { EVERY_SEVERITY, makeFinding, makeIncident, makeReport, storyReport } from './fixtures.js';
import { expectGolden } from './golden.js';

/** A window too large for any destination: many findings, each with long text and lots of evidence. */
function hugeFindings(n: number): Finding[] {
  const severities: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
  return Array.from({ length: n }, (_, i) => {
    const sev = severities[i % severities.length] as Severity;
    const f = makeFinding(sev, i + 1);
    return {
      ...f,
      description: `${f.description} ${'The role assumed itself in a loop and touched many resources. '.repeat(30)}`,
      evidence: {
        ...f.evidence,
        eventIds: Array.from({ length: 40 }, (_, k) => `${f.evidence.eventIds[0]}-${k}`),
        omitted: 500,
      },
    };
  });
}

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

describe('renderMarkdown golden files', () => {
  it('a clean window', () => {
    const md = renderMarkdown(makeReport([]), {
      maxChars: LIMITS.summaryBytes,
      redaction: NO_REDACTION,
      destination: 'summary',
    });
    expect(md).toContain('✅ TrailSight: clean, no findings');
    expect(md).not.toContain('### Findings');
    expect(md).not.toContain('### Incidents');
    expectGolden('clean.md', md);
  });

  it('an attack story: incidents first, each with its timeline, then findings by rule', () => {
    const md = renderMarkdown(storyReport(), {
      maxChars: LIMITS.summaryBytes,
      redaction: NO_REDACTION,
      destination: 'summary',
    });
    const at = (s: string): number => md.indexOf(s);
    const order = [
      '## 🚨 TrailSight:',
      '### Executive summary',
      '### Incidents',
      '#### 🟥 Critical · deploy-bot',
      '```mermaid\ntimeline',
      '#### 🟦 Low · alice',
      '### Findings by rule',
      '### Activity over time',
      'xychart-beta',
      '### Access patterns',
      '### Coverage',
      'Every finding and its evidence',
    ].map(at);
    expect(order.every((x) => x >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(md).toContain(
      '| 🟥 Critical ↑ | deploy-bot: defence evasion, privilege escalation and exfiltration in 4 min | `123456789012:role/deploy-bot` | 2026-11-23 03:14 → 03:17 UTC \\(4 min\\) | 4 |',
    );
    expect(md).toContain('**Raised from High:** spans 4 ATT&#38;CK tactics within 60 min');
    // Two people's MFA-less logins are one rule row with two principals, details folded once.
    expect(md).toContain('| 🟦 Low | Console login without MFA | 2 | 2 | 11 |');
    expect(md.match(/<summary>🟦 Low · Console login without MFA/g)).toHaveLength(1);
    expectGolden('story.md', md);
  });

  it('a window with every severity (redacted, as for a public repository)', () => {
    const report = makeReport(EVERY_SEVERITY.map((s, i) => makeFinding(s, i + 1)));
    const md = renderMarkdown(report, {
      maxChars: LIMITS.summaryBytes,
      redaction: FULL_REDACTION,
      destination: 'summary',
    });
    const order = ['| 🟥 Critical |', '| 🟧 High |', '| 🟨 Medium |', '| 🟦 Low |', '| ⬜ Info |'].map((s) =>
      md.indexOf(s),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(md).toContain(
      '[e0021b2c…](https://us-east-1.console.aws.amazon.com/cloudtrailv2/home?region=us-east-1#/events/e0021b2c1-4a1e-4c55-9a1b-3f0c2d1e1001)',
    );
    expect(md).not.toContain('123456789012');
    expectGolden('every-severity.md', md);
  });

  it('an incomplete window says what was not analysed', () => {
    const report = makeReport([makeFinding('medium', 1)], {
      complete: false,
      analysis: { status: 'partial' },
    });
    const md = renderMarkdown(report, {
      maxChars: LIMITS.issueBodyChars,
      redaction: NO_REDACTION,
      destination: 'issue',
    });
    expect(md).toContain('⚠️ TrailSight: not fully analysed, 1 finding (1 medium) so far');
    expect(md).toContain('source lookup us-east-1 was not read to its end: ThrottlingException');
    expect(md).toContain('the model analysed only part of the window');
    expectGolden('incomplete.md', md);
  });

  it('a window too large for an issue: least severe details dropped first, and said so', () => {
    const report = makeReport(hugeFindings(60));
    const md = renderMarkdown(report, {
      maxChars: LIMITS.issueBodyChars,
      redaction: NO_REDACTION,
      destination: 'issue',
    });
    expect(md.length).toBeLessThanOrEqual(LIMITS.issueBodyChars);
    expect(md).toMatch(
      /Shortened to fit the issue limit \(65,536 characters\): left out the access patterns; the details of \d+ findings/,
    );
    // The most severe rule keeps its detail; the least severe lose theirs first.
    expect(md).toContain('<summary>🟥 Critical · Critical finding number 1 — 1 finding</summary>');
    expect(md).not.toContain('<summary>⬜ Info · Info finding number 5');
    expectGolden('too-large-issue.md', md);
  });
});

/** What every rendering must hold, whatever the window: the issue's "done when" for the summary. */
function expectReadable(md: string): void {
  const lines = md.split('\n');
  const summary = lines.findIndex((l) => /^#{2,4} Executive summary$/.test(l));
  expect(summary).toBeGreaterThanOrEqual(0);
  expect(summary).toBeLessThan(40);
  const firstDetail = lines.findIndex((l) => l === '<details>' || /^#{2,4} Findings by rule$/.test(l));
  if (firstDetail >= 0) expect(summary).toBeLessThan(firstDetail);
  expect(md).not.toMatch(/\\u003[ce]/i);
  // No fold without content: a <summary> line followed directly by its </details>.
  expect(md).not.toMatch(/<\/summary>\s*<\/details>/);
  const open = md.match(/<details>/g)?.length ?? 0;
  expect(md.match(/<\/details>/g)?.length ?? 0).toBe(open);
  expect((md.match(/^```/gm)?.length ?? 0) % 2).toBe(0);
}

describe('the summary a triager reads', () => {
  it('puts the executive summary in the first 40 lines, before any finding detail, in every destination', () => {
    for (const report of [
      storyReport(),
      makeReport(hugeFindings(60)),
      makeReport(EVERY_SEVERITY.map((s, i) => makeFinding(s, i + 1))),
    ]) {
      for (const [destination, maxChars] of [
        ['summary', LIMITS.summaryBytes],
        ['issue', LIMITS.issueBodyChars],
        ['comment', LIMITS.commentBodyChars],
      ] as const) {
        const md = renderMarkdown(report, { maxChars, redaction: NO_REDACTION, destination });
        expectReadable(md);
        expect(md).toContain('```mermaid');
      }
    }
  });

  it('shortens ARNs in tables and keeps the full ARN in the details', () => {
    const md = renderMarkdown(storyReport(), {
      maxChars: LIMITS.summaryBytes,
      redaction: NO_REDACTION,
      destination: 'summary',
    });
    const tableRows = md.split('\n').filter((l) => l.startsWith('| ') && !l.includes('/events/'));
    expect(tableRows.length).toBeGreaterThan(10);
    for (const row of tableRows) expect(row).not.toContain('arn:aws:');
    expect(md).toContain('**What happened:** 13 events by `arn:aws:iam::123456789012:role/deploy-bot`');
  });

  it('renders a report with findings but no incidents (written before incidents existed) without an incidents part', () => {
    const report = makeReport(EVERY_SEVERITY.map((s, i) => makeFinding(s, i + 1)));
    expect(report.incidents).toEqual([]);
    const md = renderMarkdown(report, {
      maxChars: LIMITS.issueBodyChars,
      redaction: NO_REDACTION,
      destination: 'issue',
    });
    expect(md).not.toContain('Incidents');
    expect(md).toContain('### Findings by rule');
    expect(md.match(/<summary>/g)?.length).toBeGreaterThanOrEqual(5);
    expectReadable(md);
  });

  it('skips incident ids the report does not hold instead of failing', () => {
    const f = makeFinding('high', 1);
    const report = makeReport([f], {
      incidents: [makeIncident(1, [f], { findingIds: [f.id, 'ts-gone'] })],
    });
    const md = renderMarkdown(report, {
      maxChars: LIMITS.issueBodyChars,
      redaction: NO_REDACTION,
      destination: 'issue',
    });
    expect(md).toContain('| 🟧 High |');
    expectReadable(md);
  });
});

describe('coverage, access patterns and the file copy', () => {
  it("puts an organisation's many scopes on one line, folds the list, and still names every unread scope first", () => {
    const report = makeReport([makeFinding('high', 1)]);
    report.sources = Array.from({ length: 40 }, (_, i) => ({
      source: 's3' as const,
      scope: `${String(100000000000 + Math.floor(i / 2))}/${i % 2 === 0 ? 'us-east-1' : 'eu-west-1'}`,
      eventsRead: 10,
      skipped: {},
      complete: i !== 7,
      errors: i === 7 ? ['AccessDenied on s3:ListBucket'] : [],
    }));
    report.verdict = 'incomplete';
    const md = renderMarkdown(report, {
      maxChars: LIMITS.issueBodyChars,
      redaction: NO_REDACTION,
      destination: 'issue',
    });
    const lines = md.split('\n').filter((l) => l.startsWith('- **s3:**'));
    expect(lines).toEqual([
      '- **s3:** 400 events from 40 scopes in 20 accounts, 1 not read to the end: `100000000003/eu-west-1` **not read to its end**: AccessDenied on s3:ListBucket',
    ]);
    expect(md).toContain('<summary>The 40 s3 scopes</summary>');
    expectReadable(md);
  });

  it('keeps the executive summary on the first screen however many scopes were not read', () => {
    const report = makeReport([makeFinding('high', 1)], { complete: false });
    report.sources = Array.from({ length: 60 }, (_, i) => ({
      source: 's3' as const,
      scope: `${String(100000000000 + i)}/us-east-1`,
      eventsRead: 0,
      skipped: {},
      complete: false,
      errors: ['AccessDenied'],
    }));
    const md = renderMarkdown(report, {
      maxChars: LIMITS.summaryBytes,
      redaction: NO_REDACTION,
      destination: 'summary',
    });
    expect(md).toContain('- and 55 more reasons (see Coverage)');
    expectReadable(md);
  });

  it('leaves out the access-pattern fold when every top table is empty', () => {
    const report = makeReport([]);
    report.stats = {
      ...report.stats,
      topEventNames: [],
      topPrincipals: [],
      topServices: [],
      topResources: [],
      topSourceIps: [],
      topUserAgents: [],
      regions: [],
      accounts: [],
      principals: [],
    };
    const md = renderMarkdown(report, {
      maxChars: LIMITS.summaryBytes,
      redaction: NO_REDACTION,
      destination: 'summary',
    });
    expect(md).toContain('### Access patterns');
    expect(md).not.toContain('<summary>Top ');
    expectReadable(md);
  });

  it('writes the report file piece by piece exactly as the unlimited rendering', () => {
    for (const report of [storyReport(), makeReport(hugeFindings(30)), makeReport([])]) {
      const whole = renderMarkdown(report, {
        maxChars: Number.POSITIVE_INFINITY,
        redaction: FULL_REDACTION,
        destination: 'file',
      });
      expect([...markdownFileChunks(report, FULL_REDACTION)].join('')).toBe(whole);
      expect(whole).toMatch(/^# 🚨|^# ✅/);
    }
  });
});

/** `n` findings over `n / 5` incidents of five each, every severity, with long text and much evidence. */
function scale(n: number): { findings: Finding[]; incidents: Incident[] } {
  const findings = hugeFindings(n).map((f, i) => ({
    ...f,
    // 40 rules, so rule groups hold many findings each.
    ruleId: `aws.rule-${i % 40}`,
    title: `Rule ${i % 40} fired`,
    principal: `arn:aws:iam::123456789012:role/runtime-role-${Math.floor(i / 5)}`,
    firstSeen: new Date(Date.UTC(2026, 10, 22, 12, 0, 0) + i * 15_000).toISOString(),
  }));
  const incidents: Incident[] = [];
  for (let k = 0; k * 5 < findings.length; k++) {
    incidents.push(
      makeIncident(k + 1, findings.slice(k * 5, k * 5 + 5), {
        title: `runtime-role-${k}: a story of five findings`,
        severity: EVERY_SEVERITY[k % EVERY_SEVERITY.length] as Severity,
      }),
    );
  }
  return { findings, incidents };
}

describe('size limits', () => {
  const report = makeReport(hugeFindings(400));
  const big = scale(5_000);
  const bigReport = makeReport(big.findings, { incidents: big.incidents });

  it('renders 5,000 findings in 1,000 incidents within every destination, least severe left out first', () => {
    expect(bigReport.incidents).toHaveLength(1_000);
    const summary = renderMarkdown(bigReport, {
      maxChars: LIMITS.summaryBytes,
      redaction: NO_REDACTION,
      destination: 'summary',
    });
    expect(bytes(summary)).toBeLessThanOrEqual(LIMITS.summaryBytes);
    expect(summary).toMatch(/Shortened to fit the job summary limit \(1,048,576 bytes\): left out/);
    expectReadable(summary);
    // Every incident has a row; the 25 most severe a timeline (GitHub draws each chart in a frame of its own).
    expect(summary.match(/^\| .* \| runtime-role-\d+: a story/gm)).toHaveLength(1_000);
    expect(summary.match(/```mermaid\ntimeline/g)).toHaveLength(25);
    expect(summary).toContain('_975 less severe incidents have a row above but no section here');
    for (const [destination, maxChars] of [
      ['issue', LIMITS.issueBodyChars - 200],
      ['comment', LIMITS.commentBodyChars - 200],
    ] as const) {
      const md = renderMarkdown(bigReport, { maxChars, redaction: NO_REDACTION, destination });
      expect(md.length).toBeLessThanOrEqual(maxChars);
      expect(md).toMatch(/the table rows of \d+ incidents \(/);
      expect(md).toMatch(/more incidents? not shown/);
      // The incidents kept are the most severe.
      expect(md).toContain('| 🟥 Critical | runtime-role-');
      expect(md).not.toContain('| ⬜ Info | runtime-role-');
      expectReadable(md);
    }
  });

  it('fits the job summary in 1 MiB of UTF-8', () => {
    const full = renderMarkdown(report, {
      maxChars: Number.POSITIVE_INFINITY,
      redaction: NO_REDACTION,
      destination: 'file',
    });
    expect(bytes(full)).toBeGreaterThan(LIMITS.summaryBytes);
    const md = renderMarkdown(report, {
      maxChars: LIMITS.summaryBytes,
      redaction: NO_REDACTION,
      destination: 'summary',
    });
    expect(bytes(md)).toBeLessThanOrEqual(LIMITS.summaryBytes);
    expect(md).toMatch(/Shortened to fit the job summary limit \(1,048,576 bytes\)/);
    expect(md).toContain('| 🟥 Critical | Critical finding number 1 |');
  });

  it('fits a PR comment, dropping rule rows of the least severe findings when details are not enough', () => {
    const md = renderMarkdown(report, { maxChars: 8_000, redaction: NO_REDACTION, destination: 'comment' });
    expect(md.length).toBeLessThanOrEqual(8_000);
    expect(md).toMatch(/left out the access patterns; the details of 400 findings .*; the rows of \d+ rules/);
    expect(md).toMatch(/more rules? not shown/);
    expect(md).toContain('| 🟥 Critical | Critical finding number 1 |');
    expect(md).not.toContain('| ⬜ Info | Info finding');
  });

  it('fits SNS in 256 KB, most severe findings first, saying how many were left out', () => {
    const text = renderText(report, { maxBytes: LIMITS.snsMessageBytes, redaction: NO_REDACTION });
    expect(bytes(text)).toBeLessThanOrEqual(LIMITS.snsMessageBytes);
    expect(text).toMatch(/^1\. \[CRITICAL\]/m);
    expect(text).toMatch(
      /\.\.\. and 390 more findings \(\d+ critical, \d+ high, \d+ medium, \d+ low, \d+ info\)/,
    );
    const tiny = renderText(report, { maxBytes: 1_500, redaction: NO_REDACTION });
    expect(bytes(tiny)).toBeLessThanOrEqual(1_500);
    expect(tiny).toContain('TrailSight: 400 findings');
  });

  it('never exceeds even an absurdly small limit, and never leaves a diagram open', () => {
    for (const r of [report, bigReport, storyReport()]) {
      for (const max of [600, 1_500, 3_000]) {
        const md = renderMarkdown(r, { maxChars: max, redaction: NO_REDACTION, destination: 'issue' });
        expect(md.length).toBeLessThanOrEqual(max);
        expect((md.match(/^```/gm)?.length ?? 0) % 2).toBe(0);
      }
    }
  });

  it("folds each rule's findings in one <details>", () => {
    const many = renderMarkdown(makeReport(EVERY_SEVERITY.map((s, i) => makeFinding(s, i + 1))), {
      maxChars: LIMITS.issueBodyChars,
      redaction: NO_REDACTION,
      destination: 'issue',
    });
    // One per rule, one for the busiest hours, one for the access-pattern tables.
    expect(many.match(/<details>/g)?.length).toBe(5 + 2);
  });
});
