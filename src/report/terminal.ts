/**
 * The report for a terminal (`trailsight analyze --format text`, `npm run demo`): verdict, executive summary,
 * incidents with their findings in time order, the top findings, coverage, and where the full reports are. Plain
 * text only: no Markdown syntax, no HTML entities; ANSI colour only when the caller says the output is a TTY.
 */
import type { Finding, Report, Severity } from '../types.js';
import { incompleteReasons } from './build.js';
import { bytes, num, plural, shortArn, spanPhrase, usd, windowPhrase } from './format.js';
import { SEVERITY_ORDER } from './limits.js';
import { incidentHeadline } from './markdown.js';
import { incidentViews, tacticName } from './md-incidents.js';
import { redactReport, type Redaction } from './redact.js';
import { plainText } from './sanitize.js';

/** Options of the terminal rendering. */
export interface TerminalOptions {
  /** ANSI colours and bold; only for a TTY (and not when NO_COLOR is set; the caller decides). */
  color: boolean;
  redaction: Redaction;
  /** Where the complete reports were written, to say so at the end. */
  files?: { json?: string; markdown?: string };
  /** Column at which prose wraps. */
  width?: number;
}

/** How many incidents, findings per incident and top findings the terminal shows before "and N more". */
export const TERMINAL = { incidents: 10, findingsPerIncident: 6, findings: 10, priorities: 5 } as const;

const SGR = {
  bold: '1',
  dim: '2',
  red: '31',
  yellow: '33',
  blue: '34',
  green: '32',
  boldRed: '1;31',
} as const;
type Style = keyof typeof SGR;

const SEVERITY_COLOUR: Record<Severity, Style> = {
  critical: 'boldRed',
  high: 'red',
  medium: 'yellow',
  low: 'blue',
  info: 'dim',
};

/** The report as a readable terminal page. */
export function renderTerminal(report: Report, opts: TerminalOptions): string {
  const r = redactReport(report, opts.redaction);
  const paint = (style: Style, s: string): string => (opts.color ? `\x1b[${SGR[style]}m${s}\x1b[0m` : s);
  const width = opts.width ?? 100;
  const sev = (s: Severity): string => paint(SEVERITY_COLOUR[s], s.toUpperCase().padEnd(8));
  const out: string[] = [];

  const views = incidentViews(r);
  const verdictStyle: Style =
    r.verdict === 'clean' ? 'green' : r.verdict === 'findings' ? 'boldRed' : 'yellow';
  out.push(paint(verdictStyle, `TrailSight: ${incidentHeadline(r, views)}`));
  out.push(`Window    ${windowPhrase(r)}`);
  out.push(
    `Events    ${num(r.counts.eventsAnalyzed)} analysed of ${num(r.counts.eventsRead)} read · engine ${r.analysis.engine} (${r.analysis.status})`,
  );
  if (r.verdict === 'incomplete') {
    out.push(paint('yellow', 'Not fully analysed:'));
    for (const x of incompleteReasons(r)) out.push(...wrap(`- ${plainText(x.reason)}`, width, '  ', '    '));
  }

  const summary = plainProse(r.summary.text);
  if (summary.length > 0 || r.summary.priorities.length > 0) {
    out.push('', paint('bold', 'Summary'));
    for (const para of summary) out.push(...wrap(para, width, '  ', '  '));
    if (r.summary.priorities.length > 0) {
      out.push('  What to do first:');
      r.summary.priorities
        .slice(0, TERMINAL.priorities)
        .forEach((p, i) =>
          out.push(...wrap(`${i + 1}. ${plainProse(p).join(' ')}`, width, '    ', '       ')),
        );
      const more = r.summary.priorities.length - TERMINAL.priorities;
      if (more > 0) out.push(`    … and ${num(more)} more in the report files`);
    }
  }

  if (views.length > 0) {
    out.push('', paint('bold', `Incidents (${num(views.length)})`));
    for (const v of views.slice(0, TERMINAL.incidents)) {
      const i = v.incident;
      const raised = i.escalatedFrom ? paint('dim', ` (raised from ${i.escalatedFrom})`) : '';
      out.push(
        ...wrap(`${sev(i.severity)}  ${plainText(i.title)}`, width, '  ', ' '.repeat(12)).map((l, k) =>
          k === 0 ? `${l}${raised}` : l,
        ),
      );
      const actors = (i.principals.length > 0 ? i.principals.map((p) => shortArn(p, 60)) : i.sourceIps).map(
        (a) => plainText(a),
      );
      const facts = [
        actors.length > 0
          ? `${actors.slice(0, 2).join(', ')}${actors.length > 2 ? ` +${actors.length - 2}` : ''}`
          : '',
        spanPhrase(i.start, i.end),
        plural(i.findingIds.length, 'finding'),
      ].filter((x) => x !== '');
      out.push(...wrap(paint('dim', facts.join(' · ')), width, ' '.repeat(12), ' '.repeat(12)));
      if (i.tactics.length > 0)
        out.push(
          ...wrap(paint('dim', i.tactics.map(tacticName).join(' > ')), width, ' '.repeat(12), ' '.repeat(12)),
        );
      const timed = [...v.findings].sort((a, b) => a.firstSeen.localeCompare(b.firstSeen));
      for (const f of timed.slice(0, TERMINAL.findingsPerIncident)) {
        out.push(`${' '.repeat(12)}${clock(f.firstSeen)}  ${sev(f.severity)} ${plainText(f.title)}`);
      }
      if (timed.length > TERMINAL.findingsPerIncident)
        out.push(
          `${' '.repeat(12)}… and ${plural(timed.length - TERMINAL.findingsPerIncident, 'more finding')}`,
        );
    }
    if (views.length > TERMINAL.incidents)
      out.push(
        `  … and ${plural(views.length - TERMINAL.incidents, 'more incident')} (${tail(views.slice(TERMINAL.incidents).map((v) => v.incident.severity))})`,
      );
  }

  if (r.findings.length > 0) {
    const top = r.findings.slice(0, TERMINAL.findings);
    out.push(
      '',
      paint(
        'bold',
        r.findings.length > top.length
          ? `Top ${top.length} of ${num(r.findings.length)} findings`
          : `Findings (${num(r.findings.length)})`,
      ),
    );
    for (const f of top) out.push(...findingLines(f, sev, width));
    if (r.findings.length > top.length)
      out.push(
        `  … and ${plural(r.findings.length - top.length, 'more finding')} (${tail(r.findings.slice(top.length).map((f) => f.severity))})`,
      );
  }

  out.push('', paint('bold', 'Coverage'));
  const sources = [...new Set(r.sources.map((s) => s.source))].map((kind) => {
    const of = r.sources.filter((s) => s.source === kind);
    const bad = of.filter((s) => !s.complete).length;
    return `${kind} ${plural(
      of.reduce((a, s) => a + s.eventsRead, 0),
      'event',
    )} from ${plural(of.length, 'scope')}${bad > 0 ? `, ${num(bad)} not read to the end` : ''}`;
  });
  if (sources.length > 0) out.push(`  Sources   ${sources.join('; ')}`);
  for (const a of r.sources.flatMap((s) => (s.athena ? [s.athena] : [])))
    out.push(
      `  Athena    ${plural(a.queries, 'query', 'queries')}, ${num(a.rowsReturned)} rows back for ${num(a.windowEvents)} events, ${bytes(a.bytesScanned)} scanned (${usd(a.costUsd)} at $5/TB)`,
    );
  out.push(
    `  Cost      ${usd(r.usage.costUsd)}${r.usage.estimated ? ' (estimated)' : ''}; tokens ${num(r.usage.inputTokens)} in, ${num(r.usage.outputTokens)} out`,
  );
  if (r.warnings.length > 0) out.push(`  Warnings  ${num(r.warnings.length)} (in the report files)`);

  const files = opts.files;
  if (files?.json || files?.markdown) {
    out.push('', paint('bold', 'Full report'));
    if (files.json) out.push(`  JSON      ${files.json}`);
    if (files.markdown) out.push(`  Markdown  ${files.markdown}`);
  }
  return out.join('\n') + '\n';
}

function findingLines(f: Finding, sev: (s: Severity) => string, width: number): string[] {
  const who = f.principal ? plainText(shortArn(f.principal, 60)) : 'unknown principal';
  const lines = wrap(
    `${sev(f.severity)}  ${plainText(f.title)}${f.origin === 'ai' ? ' (AI)' : ''}`,
    width,
    '  ',
    ' '.repeat(12),
  );
  lines.push(
    `${' '.repeat(12)}${who} · ${plural(f.count, 'event')} · ${spanPhrase(f.firstSeen, f.lastSeen)}`,
  );
  return lines;
}

function clock(iso: string): string {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? new Date(t).toISOString().slice(11, 16) : '--:--';
}

function tail(severities: readonly Severity[]): string {
  const by = new Map<Severity, number>();
  for (const s of severities) by.set(s, (by.get(s) ?? 0) + 1);
  return SEVERITY_ORDER.filter((s) => by.has(s))
    .map((s) => `${by.get(s)} ${s}`)
    .join(', ');
}

/**
 * Model prose made plain: sanitised like any untrusted text, then the Markdown a model tends to write (emphasis,
 * inline code, headings, list bullets, table rules) removed, one paragraph per blank-line-separated block.
 */
export function plainProse(text: string): string[] {
  return plainText(text, { multiline: true })
    .split(/\n[ \t]*\n+/)
    .map((para) =>
      para
        .split('\n')
        .map((line) =>
          line
            .replace(/^\s*(?:#{1,6}\s+|>\s?|[-*+]\s+)/, '')
            .replace(/^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/, '')
            .replace(/\*\*|__|`+/g, '')
            .trim(),
        )
        .filter((line) => line !== '')
        .join(' '),
    )
    .filter((p) => p !== '');
}

/** Word-wraps one line of text: the first line after `first`, the rest after `rest`. */
function wrap(text: string, width: number, first: string, rest: string): string[] {
  const words = text.split(' ');
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const w of words) {
    if (!empty && visible(line).length + 1 + visible(w).length > width) {
      lines.push(line);
      line = rest;
      empty = true;
    }
    line += empty ? w : ` ${w}`;
    empty = false;
  }
  lines.push(line);
  return lines;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

function visible(s: string): string {
  return s.replace(ANSI, '');
}
