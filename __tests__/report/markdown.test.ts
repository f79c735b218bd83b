import { describe, expect, it } from '@jest/globals';
import { FULL_REDACTION, LIMITS, NO_REDACTION, renderMarkdown, renderText } from '../../src/report/index.js';
import type { Finding, Severity } from '../../src/types.js';
import { EVERY_SEVERITY, makeFinding, makeReport } from './fixtures.js';
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
    expectGolden('clean.md', md);
  });

  it('a window with every severity (redacted, as for a public repository)', () => {
    const report = makeReport(EVERY_SEVERITY.map((s, i) => makeFinding(s, i + 1)));
    const md = renderMarkdown(report, {
      maxChars: LIMITS.summaryBytes,
      redaction: FULL_REDACTION,
      destination: 'summary',
    });
    const order = ['🟥 Critical |', '🟧 High |', '🟨 Medium |', '🟦 Low |', '⬜ Info |'].map((s) =>
      md.indexOf(s),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(md).toContain(
      '[e0021b2c1-4a1e-4c55-9a1b-3f0c2d1e1001](https://us-east-1.console.aws.amazon.com/cloudtrailv2/home?region=us-east-1#/events/e0021b2c1-4a1e-4c55-9a1b-3f0c2d1e1001)',
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
      /Shortened to fit the issue limit \(65,536 characters\): left out the access-pattern statistics; the details of \d+ findings/,
    );
    // Every critical finding keeps its detail; the least severe lose theirs first.
    expect(md).toContain('Critical finding number 1 (');
    expect(md).not.toContain('Info finding number 5 (');
    expectGolden('too-large-issue.md', md);
  });
});

describe('size limits', () => {
  const report = makeReport(hugeFindings(400));

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

  it('fits a PR comment, dropping table rows of the least severe findings when details are not enough', () => {
    const md = renderMarkdown(report, { maxChars: 20_000, redaction: NO_REDACTION, destination: 'comment' });
    expect(md.length).toBeLessThanOrEqual(20_000);
    expect(md).toMatch(
      /left out the access-pattern statistics; the details of 400 findings .*; the table rows of \d+ findings/,
    );
    expect(md).toMatch(/more findings? not shown/);
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

  it('never exceeds even an absurdly small limit', () => {
    const md = renderMarkdown(report, { maxChars: 600, redaction: NO_REDACTION, destination: 'issue' });
    expect(md.length).toBeLessThanOrEqual(600);
  });

  it('folds finding details in <details> once there are several findings', () => {
    const few = renderMarkdown(makeReport([makeFinding('high', 1)]), {
      maxChars: LIMITS.issueBodyChars,
      redaction: NO_REDACTION,
      destination: 'issue',
    });
    expect(few).toContain('#### 1. 🟧 High · High finding number 1');
    const many = renderMarkdown(makeReport(EVERY_SEVERITY.map((s, i) => makeFinding(s, i + 1))), {
      maxChars: LIMITS.issueBodyChars,
      redaction: NO_REDACTION,
      destination: 'issue',
    });
    expect(many.match(/<details>/g)?.length).toBe(5 + 1);
  });
});
