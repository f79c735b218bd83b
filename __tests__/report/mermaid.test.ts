/**
 * Mermaid labels carry event and model text (finding titles), so every payload of the injection corpus
 * (`__fixtures__/injection/payloads.jsonl`) and every line of the hostile Markdown corpus goes into finding and
 * incident titles, principals and summaries, and each rendered ```mermaid block must still be exactly the
 * diagram we built: Mermaid's timeline lexer (`period` is `[^#:\n]+`, an event starts at `: `, `#` and `%%`
 * start comments) and the Markdown fence leave the attacker no character to act with.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { LIMITS, NO_REDACTION, renderMarkdown } from '../../src/report/index.js';
import { activityBuckets, activityChart, mermaidLabel, timelineChart } from '../../src/report/mermaid.js';
import type { Finding } from '../../src/types.js';
import { makeFinding, makeIncident, makeReport } from './fixtures.js';
import { HOSTILE } from './hostile.js';

const PAYLOADS: string[] = readFileSync('__fixtures__/injection/payloads.jsonl', 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => (JSON.parse(l) as { payload: string }).payload);
const CORPUS = [...PAYLOADS, ...HOSTILE.split('\n'), HOSTILE];
// Test names: the payload's start, printable, so a failure says which one without printing kilobytes.
const CASES = CORPUS.map((p, i) => [`${i}: ${JSON.stringify(p.slice(0, 40))}`, p] as const);

// What a label may hold: letters, digits, space, the punctuation mermaidLabel keeps, and its ellipsis.
const LABEL = /^[\p{L}\p{N} .,/_()+='…-]*$/u;
// Our own clock (U+2236 stands for the colon), optionally with a date and a range.
const PERIOD = /^(?:\d\d-\d\d )?\d\d\u2236\d\d(?: to \d\d\u2236\d\d)?$/;
const EVENT = /^(?:(?:Critical|High|Medium|Low|Info) - (.+)|\+\d+ more)$/;

function mermaidBlocks(md: string): string[][] {
  const out: string[][] = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```mermaid') continue;
    const end = lines.indexOf('```', i + 1);
    expect(end).toBeGreaterThan(i);
    out.push(lines.slice(i + 1, end));
    i = end;
  }
  return out;
}

/** Checks a timeline block line by line against the grammar we emit; returns the number of periods. */
function checkTimeline(block: string[]): number {
  expect(block[0]).toBe('timeline');
  for (const line of block.slice(1)) {
    const m = /^ {4}([^#:\n;%]+) : (.+)$/.exec(line);
    expect({ line, ok: m !== null }).toEqual({ line, ok: true });
    expect(m?.[1]).toMatch(PERIOD);
    for (const ev of (m?.[2] ?? '').split(' : ')) {
      const e = EVENT.exec(ev);
      expect({ ev, ok: e !== null }).toEqual({ ev, ok: true });
      expect(e?.[1] ?? '').toMatch(LABEL);
    }
  }
  return block.length - 1;
}

function storyWith(text: string): { md: string; findings: Finding[] } {
  const principal = `arn:aws:iam::123456789012:user/${text}`;
  const findings = [
    makeFinding('critical', 1, { title: text, principal, firstSeen: '2026-11-23T03:14:07Z' }),
    makeFinding('high', 2, { title: `${text} again`, principal, firstSeen: '2026-11-23T03:15:07Z' }),
    makeFinding('low', 3, { title: text, principal, firstSeen: '2026-11-23T03:15:30Z' }),
  ];
  const incident = makeIncident(1, findings, { title: text, escalationReason: text, escalatedFrom: 'high' });
  const report = makeReport(findings, {
    incidents: [incident],
    analysis: { summary: { text, priorities: [text], origin: 'model', modelId: 'm' } },
  });
  const md = renderMarkdown(report, {
    maxChars: LIMITS.summaryBytes,
    redaction: NO_REDACTION,
    destination: 'summary',
  });
  return { md, findings };
}

describe('mermaidLabel', () => {
  it.each(CASES)('leaves nothing Mermaid or Markdown acts on: %s', (_name, payload) => {
    const label = mermaidLabel(payload);
    expect(label).toMatch(LABEL);
    expect([...label].length).toBeLessThanOrEqual(60);
    expect(mermaidLabel(label)).toBe(label);
  });

  it('keeps readable text readable and URLs visibly defanged', () => {
    expect(mermaidLabel('CloudTrail logging stopped (trail: main)')).toBe(
      'CloudTrail logging stopped (trail main)',
    );
    expect(mermaidLabel('see https://evil.example/x')).toBe('see hxxps( )//evil(.)example/x');
    expect(mermaidLabel('a'.repeat(80), 20)).toBe(`${'a'.repeat(19)}…`);
  });
});

describe('Mermaid blocks built from hostile text', () => {
  it.each(CASES)('stay the diagrams we built: %s', (_name, payload) => {
    const { md } = storyWith(payload);
    const blocks = mermaidBlocks(md);
    const timelines = blocks.filter((b) => b[0] === 'timeline');
    expect(timelines).toHaveLength(1);
    // Three findings in two minutes: two periods, whatever the titles say.
    expect(checkTimeline(timelines[0] as string[])).toBe(2);
    expect(blocks.filter((b) => b.includes('xychart-beta'))).toHaveLength(1);
    // Nothing inside a block can close the fence early.
    for (const b of blocks) for (const line of b) expect(line).not.toMatch(/`/);
  });
});

describe('timelineChart', () => {
  const at = (m: number): string => new Date(Date.UTC(2026, 10, 23, 23, 50 + m)).toISOString();

  it('is left out when a chart would show one point', () => {
    expect(timelineChart([{ time: at(0), severity: 'high', label: 'x' }])).toBeUndefined();
    expect(timelineChart([])).toBeUndefined();
  });

  it('merges minutes into at most six periods, three events each, and dates a span across midnight', () => {
    const items = Array.from({ length: 40 }, (_, i) => ({
      time: at(i),
      severity: 'medium' as const,
      label: `finding ${i}`,
    }));
    const block = mermaidBlocks(timelineChart(items) ?? '')[0] as string[];
    expect(checkTimeline(block)).toBe(6);
    expect(block[1]).toMatch(/^ {4}11-23 23\u223650 to 23\u223656 : /);
    expect(block[1]).toMatch(/ : \+4 more$/);
  });

  it('shows the most severe findings of a period first', () => {
    const block = mermaidBlocks(
      timelineChart([
        { time: at(0), severity: 'low', label: 'a' },
        { time: at(0), severity: 'info', label: 'b' },
        { time: at(0), severity: 'low', label: 'c' },
        { time: at(0), severity: 'critical', label: 'd' },
        { time: at(1), severity: 'high', label: 'e' },
      ]) ?? '',
    )[0] as string[];
    expect(block[1]).toBe('    23\u223650 : Critical - d : Low - a : Low - c : +1 more');
  });
});

describe('activityChart', () => {
  const hours = (
    n: number,
    from = Date.UTC(2026, 10, 20),
  ): { hour: string; count: number; errors: number }[] =>
    Array.from({ length: n }, (_, i) => ({
      hour: new Date(from + i * 3_600_000).toISOString().replace('.000Z', 'Z'),
      count: i,
      errors: i % 2,
    }));

  it('draws events as bars and errors as a line, one bar per hour, the date where a day starts', () => {
    const block = mermaidBlocks(activityChart(hours(30, Date.UTC(2026, 10, 20, 6))) ?? '')[0] as string[];
    expect(block.slice(0, 6)).toEqual([
      '---',
      'config:',
      '  xyChart:',
      '    width: 900',
      '---',
      'xychart-beta',
    ]);
    expect(block[6]).toBe(
      '    title "Events (bars) and errors (line) per hour, 11-20 06:00 to 11-21 11:00 UTC"',
    );
    expect(block[7]).toBe(
      `    x-axis [${[...Array.from({ length: 18 }, (_, i) => String(6 + i).padStart(2, '0')), '11-21', ...Array.from({ length: 11 }, (_, i) => String(1 + i).padStart(2, '0'))].map((x) => `"${x}"`).join(', ')}]`,
    );
    expect(block[8]).toBe('    y-axis "Events"');
    expect(block[9]).toBe(`    bar [${Array.from({ length: 30 }, (_, i) => i).join(', ')}]`);
    expect(block[10]).toMatch(/^ {4}line \[0, 1, 0, 1/);
    expect(block).toHaveLength(11);
  });

  it('keeps a week to at most 48 bars, filling quiet hours with zero, counts unchanged', () => {
    const sparse = hours(7 * 24).filter((_, i) => i % 5 === 0);
    const { stepHours, buckets } = activityBuckets(sparse);
    expect(stepHours).toBe(4);
    expect(buckets.length).toBeLessThanOrEqual(48);
    expect(buckets.reduce((a, b) => a + b.count, 0)).toBe(sparse.reduce((a, b) => a + b.count, 0));
    expect(activityChart(sparse)).toContain('per 4 hours');
    expect(activityChart([])).toBeUndefined();
  });
});
