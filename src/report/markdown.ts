import type { Finding, Report, Severity } from '../types.js';
import { countBySeverity, incompleteReasons } from './build.js';
import { isRunUrl, num, plural, utc, windowPhrase } from './format.js';
import { DETAIL, MEASURE, SEVERITY_ORDER, SEVERITY_STYLE, type RenderDestination } from './limits.js';
import {
  findingBody,
  findingDetail,
  ruleFold,
  ruleGroups,
  ruleRow,
  rulesTable,
  type RuleGroup,
} from './md-findings.js';
import {
  incidentRow,
  incidentSection,
  incidentsTable,
  incidentViews,
  type IncidentView,
} from './md-incidents.js';
import { accessPatterns, activity, coverage } from './md-stats.js';
import { redactReport, type Redaction } from './redact.js';
import { codeSpan, mdBlock, mdInline } from './sanitize.js';
import { windowNote } from './window.js';

/** Options of every Markdown rendering. */
export interface MarkdownOptions {
  /** Size limit in the destination's unit (UTF-8 bytes for the job summary, characters otherwise). */
  maxChars: number;
  redaction: Redaction;
  destination: RenderDestination;
}

/**
 * How much of the report a rendering holds. Size limits shrink it step by step, least severe first: the
 * access patterns, then the finding details, then the incident sections, then incident rows, then rule rows.
 */
interface Plan {
  stats: boolean;
  /** Findings (most severe first, the report's order) whose detail is shown in their rule's fold. */
  detailed: number;
  /** Incidents (most severe first) with a section of their own. */
  sections: number;
  /** Rule groups (most severe first) with a row in the findings-by-rule table. */
  ruleRows: number;
  /** Incidents (most severe first) with a row in the incidents table. */
  incidentRows: number;
}

const PLAN_KEYS = ['stats', 'detailed', 'sections', 'ruleRows', 'incidentRows'] as const;

const DESTINATION_NAME: Record<RenderDestination, string> = {
  summary: 'job summary',
  issue: 'issue',
  comment: 'pull-request comment',
  file: 'file',
};

const VERDICT_ICON: Record<Report['verdict'], string> = { clean: '✅', findings: '🚨', incomplete: '⚠️' };

/**
 * Renders the report as GitHub-flavoured Markdown for one destination, within its size limit. The order is what
 * a triager needs first: verdict, executive summary, incidents, each incident's timeline, findings by rule,
 * activity over time, access patterns, coverage, delivery.
 */
export function renderMarkdown(report: Report, opts: MarkdownOptions): string {
  const r = redactReport(report, opts.redaction);
  const measure = MEASURE[opts.destination];
  const p = pieces(r, opts);
  const n = r.findings.length;
  const ni = p.incidentRows.length;
  const ng = p.ruleRows.length;
  // The last rendering is kept: the plan that fits is usually the one just measured, and rendering a report of
  // thousands of findings twice costs as much memory and time as rendering it once more.
  let last: { plan: Plan; text: string } | undefined;
  const out = (plan: Plan): string => {
    if (last && PLAN_KEYS.every((k) => last?.plan[k] === plan[k])) return last.text;
    last = undefined; // let the previous rendering go before making the next
    last = { plan, text: render(r, plan, opts, p) };
    return last.text;
  };
  const fits = (plan: Plan): boolean => measure(out(plan)) <= opts.maxChars;
  // A piece's length never exceeds its measured size, so more pieces than fit by length alone are never tried:
  // with thousands of findings this spares joining (and collecting) strings many times the limit.
  const fitByLength = (parts: readonly string[], room: number): number => {
    let used = 0;
    for (let k = 0; k < parts.length; k++) {
      used += (parts[k] as string).length;
      if (used > room) return k;
    }
    return parts.length;
  };
  const len = (xs: readonly string[]): number => xs.reduce((a, x) => a + x.length, 0);
  const full: Plan = { stats: true, detailed: n, sections: ni, ruleRows: ng, incidentRows: ni };
  // Finding details are built only as far as they could fit by length: a small limit over thousands of
  // findings then builds none of them.
  const room = opts.maxChars - len(p.incidentRows) - len(p.ruleRows) - len(p.sections);
  let used = 0;
  for (let i = 0; i < n; i++) {
    const b = p.body(i);
    used += b.length;
    if (used > room) break;
    p.bodies.push(b);
  }
  const maxDetailed = p.bodies.length;
  if (maxDetailed === n && fits(full)) return out(full);
  const noStats: Plan = { ...full, stats: false };
  if (maxDetailed === n && fits(noStats)) return out(noStats);
  const detailed = largest(maxDetailed, (k) => fits({ ...noStats, detailed: k }));
  if (detailed !== undefined) return out({ ...noStats, detailed });
  const none: Plan = { ...noStats, detailed: 0 };
  const maxSections = fitByLength(p.sections, opts.maxChars - len(p.incidentRows) - len(p.ruleRows));
  const sections = largest(maxSections, (k) => fits({ ...none, sections: k }));
  if (sections !== undefined) return out({ ...none, sections });
  const bare: Plan = { ...none, sections: 0 };
  // Past here the table rows go: the incidents' least severe first (the rule table is a few rows that sum up
  // every finding), then the rules'.
  const incidentRows = largest(fitByLength(p.incidentRows, opts.maxChars - len(p.ruleRows)), (k) =>
    fits({ ...bare, incidentRows: k }),
  );
  if (incidentRows !== undefined) return out({ ...bare, incidentRows });
  const ruleRows = largest(fitByLength(p.ruleRows, opts.maxChars), (k) =>
    fits({ ...bare, incidentRows: 0, ruleRows: k }),
  );
  if (ruleRows !== undefined) return out({ ...bare, incidentRows: 0, ruleRows });
  return hardCut(out({ ...bare, ruleRows: 0, incidentRows: 0 }), opts);
}

/** The largest k in [0, n] with ok(k), assuming ok is monotone (true up to some k); undefined if none. */
function largest(n: number, ok: (k: number) => boolean): number | undefined {
  if (!ok(0)) return undefined;
  let lo = 0;
  let hi = Math.max(0, n);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

// Last resort for a limit too small for even the headline and counts: cut on a line boundary and say so.
function hardCut(md: string, opts: MarkdownOptions): string {
  const note = `\n\n_…cut to fit the ${DESTINATION_NAME[opts.destination]} limit; the complete report is in the JSON report file._\n`;
  const measure = MEASURE[opts.destination];
  const lines = md.split('\n');
  while (lines.length > 0 && measure(lines.join('\n') + note) > opts.maxChars) lines.pop();
  // A cut inside a Mermaid or code fence would leave it open and swallow the note: drop back to before it.
  let fences = lines.filter((l) => l.startsWith('```')).length;
  while (fences % 2 === 1 && lines.length > 0) if ((lines.pop() ?? '').startsWith('```')) fences--;
  const out = lines.join('\n') + note;
  return measure(out) <= opts.maxChars ? out : '';
}

/** The pieces of a rendering, each built once so the size search only re-joins strings. */
interface Pieces {
  head: string[];
  summary: string;
  incidents: IncidentView[];
  incidentRows: string[];
  sections: string[];
  groups: RuleGroup[];
  ruleRows: string[];
  /** Each finding's detail, in the report's order, as far as built. */
  bodies: string[];
  /** Builds finding i's detail. */
  body: (i: number) => string;
  /** The activity chart: a few KB at most, so it stays when the limits shrink the rest. */
  activity: string;
  /** The access patterns, the first part a size limit drops. */
  stats: string;
  tail: string[];
}

/** Every piece but the findings' details, which the file rendering builds one at a time. */
function basePieces(r: Report, opts: MarkdownOptions): Omit<Pieces, 'bodies' | 'body'> {
  const h = headingPrefix(opts);
  const incidents = incidentViews(r);
  const groups = ruleGroups(r.findings);
  return {
    head: [
      `${h} ${VERDICT_ICON[r.verdict]} TrailSight: ${incidentHeadline(r, incidents)}`,
      verdictLine(r, incidents),
      severityCounts(r, incidents),
    ],
    summary: executiveSummary(r, `${h}#`),
    incidents,
    incidentRows: incidents.map(incidentRow),
    sections: incidents.slice(0, DETAIL.incidentSections).map((v) => incidentSection(v, `${h}##`)),
    groups,
    ruleRows: groups.map(ruleRow),
    activity: activity(r, `${h}#`),
    stats: accessPatterns(r, `${h}#`),
    tail: [coverage(r, `${h}#`), footer(r)],
  };
}

function pieces(r: Report, opts: MarkdownOptions): Pieces {
  const base = basePieces(r, opts);
  const groupOf = new Map<number, RuleGroup>();
  for (const g of base.groups) for (const i of g.members) groupOf.set(i, g);
  return {
    ...base,
    bodies: [],
    body: (i) => findingDetail(r.findings[i] as Finding, groupOf.get(i) as RuleGroup),
  };
}

/** The report file's title is a top-level heading; in the other destinations it sits one level down. */
function headingPrefix(opts: MarkdownOptions): string {
  return opts.destination === 'file' ? '#' : '##';
}

function render(r: Report, plan: Plan, opts: MarkdownOptions, p: Pieces): string {
  return [...joined(parts(r, plan, opts, p, (i) => p.bodies[i] ?? ''))].join('');
}

/** Parts separated by a blank line, ending with a newline, as pieces to write or join. */
function* joined(xs: Iterable<string>): Generator<string> {
  let first = true;
  for (const x of xs) {
    yield first ? x : `\n\n${x}`;
    first = false;
  }
  yield '\n';
}

/** The non-empty parts of a rendering in order (joined by a blank line); `body(i)` is finding i's detail. */
function* parts(
  r: Report,
  plan: Plan,
  opts: MarkdownOptions,
  p: Omit<Pieces, 'bodies' | 'body'>,
  body: (i: number) => string,
): Generator<string> {
  const h = headingPrefix(opts);
  const all = function* (): Generator<string> {
    yield* p.head;
    yield omissionNote(r, plan, opts, p);
    yield p.summary;
    if (p.incidents.length > 0) {
      yield `${h}# Incidents`;
      yield incidentsTable(
        p.incidentRows.slice(0, plan.incidentRows),
        p.incidents.length - plan.incidentRows,
      );
      yield* p.sections.slice(0, plan.sections);
      const rest = p.incidents.length - Math.min(plan.sections, p.sections.length);
      if (rest > 0 && plan.sections > 0)
        yield `_${plural(rest, 'less severe incident')} ${rest === 1 ? 'has' : 'have'} a row above but no section here; the JSON report file has every one._`;
    }
    if (r.findings.length > 0) {
      yield `${h}# Findings by rule`;
      yield rulesTable(p.ruleRows.slice(0, plan.ruleRows), p.groups.length - plan.ruleRows);
      for (const g of p.groups.slice(0, plan.ruleRows)) {
        yield* ruleFold(
          g,
          g.members.filter((i) => i < plan.detailed),
          body,
        );
      }
    }
    yield p.activity;
    if (plan.stats) yield p.stats;
    yield* p.tail;
  };
  for (const x of all()) if (x !== '') yield x;
}

/**
 * The whole report as Markdown for the report file (no size limit), piece by piece: the same text as
 * `renderMarkdown(report, {maxChars: Infinity, destination: 'file'})`, but each finding's detail is built as it
 * is written, so thousands of findings never become one string of tens of MB.
 */
export function* markdownFileChunks(report: Report, redaction: Redaction): Generator<string> {
  const opts: MarkdownOptions = { maxChars: Number.POSITIVE_INFINITY, redaction, destination: 'file' };
  const r = redactReport(report, redaction);
  const p = basePieces(r, opts);
  const groupOf = new Map<number, RuleGroup>();
  for (const g of p.groups) for (const i of g.members) groupOf.set(i, g);
  const plan: Plan = {
    stats: true,
    detailed: r.findings.length,
    sections: p.incidents.length,
    ruleRows: p.groups.length,
    incidentRows: p.incidents.length,
  };
  yield* joined(
    parts(r, plan, opts, p, (i) => findingDetail(r.findings[i] as Finding, groupOf.get(i) as RuleGroup)),
  );
}

/** One finding as an issue body (issue-mode `finding`): its detail plus the window and run it was seen in. */
export function renderFindingMarkdown(
  report: Report,
  finding: Finding,
  opts: { maxChars: number; redaction: Redaction },
): string {
  const r = redactReport({ ...report, findings: [finding] }, opts.redaction);
  const f = r.findings[0] ?? finding;
  const run = isRunUrl(r.run?.runUrl) ? ` in [this workflow run](${r.run?.runUrl})` : '';
  const md =
    [
      `## ${SEVERITY_STYLE[f.severity].icon} ${SEVERITY_STYLE[f.severity].label}: ${mdInline(f.title)}`,
      `_Last seen in the window ${windowPhrase(r)}${run}._`,
      findingBody(f),
      footer(r),
    ].join('\n\n') + '\n';
  const o: MarkdownOptions = { maxChars: opts.maxChars, redaction: opts.redaction, destination: 'issue' };
  return MEASURE.issue(md) <= opts.maxChars ? md : hardCut(md, o);
}

/** The one-line verdict for titles and subjects: `3 findings (1 critical, 2 high)`, `clean`, … */
export function headline(r: Report): string {
  const counts = severityPhrase(r.findings);
  const found =
    r.findings.length > 0 ? `${plural(r.findings.length, 'finding')}${counts ? ` (${counts})` : ''}` : '';
  // An empty window is never a plain "clean": logging may have stopped or the scope may be wrong.
  const empty = r.counts.eventsRead === 0 ? ', 0 events in the window' : '';
  switch (r.verdict) {
    case 'clean':
      return empty ? `0 events in the window, no findings` : 'clean, no findings';
    case 'findings':
      return found;
    case 'incomplete':
      return `not fully analysed${empty}${found ? `, ${found} so far` : ', no findings so far'}`;
  }
}

/**
 * The report's heading: counted in incidents when there are any (`3 incidents (1 critical, 2 low) from 6
 * findings`), since an incident's severity can be above any of its findings'; otherwise as `headline`.
 */
export function incidentHeadline(r: Report, incidents: readonly IncidentView[]): string {
  if (incidents.length === 0 || r.verdict === 'clean') return headline(r);
  const found = `${describeIncidents(incidents)} from ${plural(r.findings.length, 'finding')}`;
  return r.verdict === 'incomplete' ? `not fully analysed, ${found} so far` : found;
}

/** `1 critical, 2 high` — only severities that occur, most severe first. */
export function severityPhrase(findings: readonly Finding[]): string {
  const by = countBySeverity(findings);
  return SEVERITY_ORDER.filter((s) => by[s] > 0)
    .map((s) => `${by[s]} ${s}`)
    .join(', ');
}

const MAX_REASONS = 5;

function verdictLine(r: Report, incidents: readonly IncidentView[]): string {
  const lines: string[] = [];
  const analysed = `${num(r.counts.eventsAnalyzed)} events analysed (${num(r.counts.eventsRead)} read)`;
  const why = windowNote(r) ? `, ${mdInline(windowNote(r))}` : '';
  lines.push(`**Window:** ${windowPhrase(r)}${why} · **${analysed}** · **Engine:** ${r.analysis.engine}`);
  if (incidents.length > 0) {
    const top = incidents[0] as IncidentView;
    const s = SEVERITY_STYLE[top.incident.severity];
    lines.push(`**Most severe incident:** ${s.icon} ${s.label} · ${mdInline(top.incident.title)}`);
  }
  if (r.verdict === 'clean' && r.counts.eventsRead === 0)
    lines.push(
      'Every source was read to its end, and held **0 events in the window**: check that CloudTrail is still logging and that the scope (accounts, regions, prefix) is right, unless the account was simply quiet.',
    );
  else if (r.verdict === 'clean')
    lines.push('Every source was read to its end and analysed; nothing needs attention.');
  // Lines of one paragraph end in a hard break; the reasons below are a list of their own.
  const head = lines.join('  \n');
  if (r.verdict !== 'incomplete') return head;
  // A few reasons, so a window of many unread scopes still shows the summary on the first screen; Coverage
  // names every scope.
  const all = incompleteReasons(r);
  const reasons = all.slice(0, MAX_REASONS).map((x) => `- ${mdInline(x.reason)}`);
  if (all.length > MAX_REASONS)
    reasons.push(`- and ${plural(all.length - MAX_REASONS, 'more reason')} (see Coverage)`);
  return `${head}  \n**This window was not fully analysed:**\n${reasons.join('\n')}`;
}

/** Findings (and incidents, when there are any) per severity, as a small table. */
function severityCounts(r: Report, incidents: readonly IncidentView[]): string {
  const head = SEVERITY_ORDER.map((s) => `${SEVERITY_STYLE[s].icon} ${SEVERITY_STYLE[s].label}`);
  const findings = SEVERITY_ORDER.map((s) => String(r.counts.bySeverity[s] ?? 0));
  if (incidents.length === 0)
    return [
      `| ${head.join(' | ')} |`,
      `|${head.map(() => ':-:').join('|')}|`,
      `| ${findings.join(' | ')} |`,
    ].join('\n');
  const by = SEVERITY_ORDER.map((s) => String(incidents.filter((v) => v.incident.severity === s).length));
  return [
    `| | ${head.join(' | ')} |`,
    `|---|${head.map(() => ':-:').join('|')}|`,
    `| **Incidents** | ${by.join(' | ')} |`,
    `| Findings | ${findings.join(' | ')} |`,
  ].join('\n');
}

function omissionNote(
  r: Report,
  plan: Plan,
  opts: MarkdownOptions,
  p: Omit<Pieces, 'bodies' | 'body'>,
): string {
  const dropped: string[] = [];
  const n = r.findings.length;
  const ni = p.incidents.length;
  if (!plan.stats) dropped.push('the access patterns');
  if (plan.detailed < n) dropped.push(`the details of ${describeTail(r.findings.slice(plan.detailed))}`);
  if (plan.sections < ni)
    dropped.push(`the timelines of ${describeIncidents(p.incidents.slice(plan.sections))}`);
  if (plan.ruleRows < p.groups.length)
    dropped.push(`the rows of ${plural(p.groups.length - plan.ruleRows, 'rule')} (the least severe)`);
  if (plan.incidentRows < ni)
    dropped.push(`the table rows of ${describeIncidents(p.incidents.slice(plan.incidentRows))}`);
  if (dropped.length === 0) return '';
  const limit = `${num(opts.maxChars)} ${opts.destination === 'summary' ? 'bytes' : 'characters'}`;
  return `> [!NOTE]\n> Shortened to fit the ${DESTINATION_NAME[opts.destination]} limit (${limit}): left out ${dropped.join('; ')}. The complete report is in the JSON report file of this run.`;
}

function describeTail(findings: readonly Finding[]): string {
  return `${plural(findings.length, 'finding')} (${severityPhrase(findings)})`;
}

function describeIncidents(views: readonly IncidentView[]): string {
  const by = new Map<Severity, number>();
  for (const v of views) by.set(v.incident.severity, (by.get(v.incident.severity) ?? 0) + 1);
  const phrase = SEVERITY_ORDER.filter((s) => by.has(s))
    .map((s) => `${num(by.get(s) ?? 0)} ${s}`)
    .join(', ');
  return `${plural(views.length, 'incident')} (${phrase})`;
}

function executiveSummary(r: Report, h: string): string {
  const text = mdBlock(r.summary.text);
  const priorities = r.summary.priorities.map((p, i) => `${i + 1}. ${mdInline(p)}`);
  if (!text && priorities.length === 0) return '';
  const by =
    r.summary.origin === 'model'
      ? `written by ${codeSpan(r.summary.modelId ?? r.analysis.summaryModelId ?? 'the model')}`
      : 'from the template';
  return [
    `${h} Executive summary`,
    text,
    priorities.length > 0 ? `**What to do first:**\n\n${priorities.join('\n')}` : '',
    `<sub>Summary ${by}.</sub>`,
  ]
    .filter((x) => x !== '')
    .join('\n\n');
}

/** Where the rest of the report is, and which run and tool wrote it. */
function footer(r: Report): string {
  const run = isRunUrl(r.run?.runUrl) ? ` · [workflow run](${r.run?.runUrl})` : '';
  return `<sub>Every finding and its evidence are in this run's JSON report file (\`report-path\`) and its Markdown copy · TrailSight ${mdInline(r.tool.version)} · report schema ${r.schemaVersion} · generated ${utc(r.generatedAt) ?? ''}${run}</sub>`;
}
