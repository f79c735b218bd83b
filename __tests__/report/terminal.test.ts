/**
 * The terminal view (`--format text`, `npm run demo`): a page a person reads in a terminal, with no Markdown
 * syntax and no HTML entities, coloured only for a TTY, and saying where the full reports are.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli-main.js';
import { NO_REDACTION, renderTerminal } from '../../src/report/index.js';
import { plainProse } from '../../src/report/terminal.js';
import type { Report } from '../../src/types.js';
import {
  EVERY_SEVERITY,
  makeAnalysis,
  makeFinding,
  makeIncident,
  makeReport,
  storyReport,
} from './fixtures.js';
import { HOSTILE, hostileFinding } from './hostile.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/;

/** The "done when" for the demo's and the CLI's terminal output. */
function expectPlainPage(text: string): void {
  expect(text).not.toContain('|---|');
  expect(text).not.toMatch(/&#\d+;|&(?:lt|gt|amp|quot);/);
  expect(text).not.toMatch(/^\*\*/m);
  expect(text).not.toMatch(/<\/?(?:details|summary|sub|br)\b/);
  expect(text).not.toMatch(/\\u003[ce]/i);
}

describe('renderTerminal', () => {
  const files = { json: '/tmp/run/report.json', markdown: '/tmp/run/report.md' };

  it('shows verdict, summary, incidents with their findings in time order, top findings and the report files', () => {
    const text = renderTerminal(storyReport(), { color: false, redaction: NO_REDACTION, files });
    const at = (s: string): number => text.indexOf(s);
    const order = [
      'TrailSight: 3 incidents (1 critical, 2 low) from 6 findings',
      'Summary',
      'Incidents (3)',
      'CRITICAL  deploy-bot: defence evasion, privilege escalation and exfiltration in 4 min (raised from high)',
      '03:14  HIGH     CloudTrail logging stopped',
      '03:17  HIGH     EBS snapshot shared with another account',
      'Findings (6)',
      'Coverage',
      'Full report',
      '  Markdown  /tmp/run/report.md',
    ].map(at);
    expect(order.every((x) => x >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(text).toContain(
      '123456789012:role/deploy-bot · 2026-11-23 03:14 → 03:17 UTC (4 min) · 4 findings',
    );
    expect(text).toContain('Persistence > Privilege escalation > Defense evasion > Exfiltration');
    expect(text).not.toMatch(ANSI);
    expectPlainPage(text);
  });

  it('colours severities only when asked (a TTY), and the colour never changes the words', () => {
    const plain = renderTerminal(storyReport(), { color: false, redaction: NO_REDACTION });
    const colour = renderTerminal(storyReport(), { color: true, redaction: NO_REDACTION });
    expect(colour).toMatch(ANSI);
    expect(colour).toContain('\x1b[1;31mCRITICAL');
    // eslint-disable-next-line no-control-regex
    expect(colour.replace(/\x1b\[[0-9;]*m/g, '')).toBe(plain);
  });

  it('keeps hostile text inert: no escape sequences, no tags, no Markdown, no entities', () => {
    const hostile = hostileFinding(1);
    const report = makeReport([hostile, makeFinding('low', 2)], {
      analysis: {
        summary: {
          ...makeAnalysis().summary,
          text: `${HOSTILE}\n\x1b[2J\x1b]0;pwned\x07 **bold** \\u003cscript\\u003e`,
          priorities: HOSTILE.split('\n'),
        },
      },
      incidents: [makeIncident(1, [hostile], { title: `\x1b[31m${HOSTILE}` })],
    });
    const text = renderTerminal(report, { color: false, redaction: NO_REDACTION });
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(text).not.toMatch(/<(?:img|script|a|details)\b/i);
    expect(text).not.toMatch(/https?:\/\/evil/);
    expect(text).not.toContain('|---|');
    // The corpus's own literal `&#64;` stays as written; none of the escapes Markdown rendering makes appears.
    expect(text).not.toMatch(/&#(?:60|62|38|124|96);/);
    expect(text).toContain('entity &#64;octocat');
    expect(text).not.toMatch(/^\*\*/m);
  });

  it('renders a report without incidents (older reports) and a clean one', () => {
    const old = renderTerminal(makeReport(EVERY_SEVERITY.map((s, i) => makeFinding(s, i + 1))), {
      color: false,
      redaction: NO_REDACTION,
    });
    expect(old).not.toContain('Incidents');
    expect(old).toContain('Findings (5)');
    const clean = renderTerminal(makeReport([]), { color: false, redaction: NO_REDACTION });
    expect(clean).toContain('TrailSight: clean, no findings');
    expect(clean).not.toContain('Findings');
  });

  it('plainProse drops the Markdown a model writes but keeps its words', () => {
    expect(
      plainProse('## Heading\n\n**Stop** the `deploy` role:\n- first\n- second\n\n| a | b |\n|---|---|'),
    ).toEqual(['Heading', 'Stop the deploy role: first second', '| a | b |']);
  });
});

describe('trailsight analyze --format text', () => {
  it('prints a terminal page for real Stratus Red Team records, with no Markdown or entities, and the report paths', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trailsight-text-'));
    try {
      const out = join(dir, 'page.txt');
      const code = await main(
        [
          'analyze',
          '--source',
          'file',
          '--events-file',
          '__fixtures__/datasets/stratus_red_team_detonations/events.jsonl',
          '--engine',
          'rules-only',
          '--start-time',
          '2024-07-30T00:00:00Z',
          '--end-time',
          '2024-12-01T00:00:00Z',
          '--fail-on',
          'none',
          '--report-path',
          join(dir, 'report.json'),
          '--format',
          'text',
          '--output',
          out,
        ],
        { PATH: process.env.PATH ?? '' },
      );
      expect(code).toBe(0);
      const text = await readFile(out, 'utf8');
      const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as Report;
      expect(report.findings.length).toBeGreaterThan(10);
      // The heading counts incidents (the correlate stage groups the findings), then the findings they hold.
      expect(report.incidents.length).toBeGreaterThan(0);
      const bySeverity = (['critical', 'high', 'medium', 'low', 'info'] as const)
        .map((s) => [s, report.incidents.filter((i) => i.severity === s).length] as const)
        .filter(([, n]) => n > 0)
        .map(([s, n]) => `${n} ${s}`);
      expect(text.split('\n')[0]).toBe(
        `TrailSight: ${report.incidents.length} incidents (${bySeverity.join(', ')}) from ${report.findings.length} findings`,
      );
      expect(text).toContain(`Top 10 of ${report.findings.length} findings`);
      expect(text).toContain(`  JSON      ${join(dir, 'report.json')}`);
      expect(text).toContain(`  Markdown  ${join(dir, 'report.md')}`);
      // Written to a file, so no colour even when the test runs in a terminal.
      expect(text).not.toMatch(ANSI);
      expectPlainPage(text);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
