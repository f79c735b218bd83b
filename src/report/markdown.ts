import type { CountEntry, Finding, Report, Severity } from '../types.js';
import { countBySeverity, incompleteReasons } from './build.js';
import { consoleEventUrl, isRunUrl, num, plural, usd, utc, windowPhrase } from './format.js';
import { DETAIL, MEASURE, SEVERITY_ORDER, SEVERITY_STYLE, type RenderDestination } from './limits.js';
import { redactReport, type Redaction } from './redact.js';
import { codeSpan, htmlText, mdBlock, mdInline } from './sanitize.js';

/** Options of every Markdown rendering. */
export interface MarkdownOptions {
  /** Size limit in the destination's unit (UTF-8 bytes for the job summary, characters otherwise). */
  maxChars: number;
  redaction: Redaction;
  destination: RenderDestination;
}

/**
 * How much of the report a rendering holds. Size limits shrink it step by step: statistics first, then the
 * detail of the least severe findings, then their table rows, so the most severe findings survive longest.
 */
interface Plan {
  stats: boolean;
  /** Findings (most severe first) with a full detail section. */
  detailed: number;
  /** Findings (most severe first) with a row in the findings table. */
  rows: number;
}

const DESTINATION_NAME: Record<RenderDestination, string> = {
  summary: 'job summary',
  issue: 'issue',
  comment: 'pull-request comment',
  file: 'file',
};

const VERDICT_ICON: Record<Report['verdict'], string> = { clean: '✅', findings: '🚨', incomplete: '⚠️' };

/** Renders the report as GitHub-flavoured Markdown for one destination, within its size limit. */
export function renderMarkdown(report: Report, opts: MarkdownOptions): string {
  const r = redactReport(report, opts.redaction);
  const n = r.findings.length;
  const measure = MEASURE[opts.destination];
  const p = pieces(r, opts);
  // The last rendering is kept: the plan that fits is usually the one just measured, and rendering a report of
  // thousands of findings twice costs as much memory and time as rendering it once more.
  let last: { plan: Plan; text: string } | undefined;
  const out = (plan: Plan): string => {
    if (
      last &&
      last.plan.stats === plan.stats &&
      last.plan.detailed === plan.detailed &&
      last.plan.rows === plan.rows
    )
      return last.text;
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
  const rowsLen = p.rows.reduce((a, x) => a + x.length, 0);
  const maxDetailed = fitByLength(p.sections, opts.maxChars - rowsLen);
  const full: Plan = { stats: true, detailed: n, rows: n };
  if (maxDetailed === n && fits(full)) return out(full);
  const noStats: Plan = { ...full, stats: false };
  if (maxDetailed === n && fits(noStats)) return out(noStats);
  const detailed = largest(Math.max(0, maxDetailed), (k) => fits({ stats: false, detailed: k, rows: n }));
  if (detailed !== undefined) return out({ stats: false, detailed, rows: n });
  const rows = largest(fitByLength(p.rows, opts.maxChars), (k) =>
    fits({ stats: false, detailed: 0, rows: k }),
  );
  if (rows !== undefined) return out({ stats: false, detailed: 0, rows });
  return hardCut(out({ stats: false, detailed: 0, rows: 0 }), opts);
}

/** The largest k in [0, n] with ok(k), assuming ok is monotone (true up to some k); undefined if none. */
function largest(n: number, ok: (k: number) => boolean): number | undefined {
  if (!ok(0)) return undefined;
  let lo = 0;
  let hi = n;
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
  const out = lines.join('\n') + note;
  return measure(out) <= opts.maxChars ? out : '';
}

/** The pieces of a rendering, each built once so the size search only re-joins strings. */
interface Pieces {
  head: string[];
  rows: string[];
  sections: string[];
  summary: string;
  stats: string[];
  tail: string[];
}

function pieces(r: Report, opts: MarkdownOptions): Pieces {
  return { ...basePieces(r, opts), sections: [...sectionsOf(r, opts)] };
}

/** Every piece but the findings' sections. */
function basePieces(r: Report, opts: MarkdownOptions): Omit<Pieces, 'sections'> {
  const h = headingPrefix(opts);
  return {
    head: [`${h} ${VERDICT_ICON[r.verdict]} TrailSight: ${headline(r)}`, verdictLine(r), severityCounts(r)],
    rows: r.findings.map(findingRow),
    summary: executiveSummary(r, `${h}#`),
    stats: statistics(r, `${h}#`),
    tail: [coverage(r, `${h}#`), footer(r)],
  };
}

/** The report file's title is a top-level heading; in the other destinations it sits one level down. */
function headingPrefix(opts: MarkdownOptions): string {
  return opts.destination === 'file' ? '#' : '##';
}

/** The findings' detail sections, built one at a time. */
function* sectionsOf(r: Report, opts: MarkdownOptions): Generator<string> {
  const h = headingPrefix(opts);
  const fold = r.findings.length > DETAIL.foldAfter;
  for (let i = 0; i < r.findings.length; i++)
    yield findingSection(r.findings[i] as Finding, i + 1, fold, `${h}##`);
}

function render(r: Report, plan: Plan, opts: MarkdownOptions, p: Pieces = pieces(r, opts)): string {
  return [...joined(parts(r, plan, opts, p, p.sections.slice(0, plan.detailed)))].join('');
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

/** The non-empty parts of a rendering in order (joined by a blank line); `sections` are the detailed findings. */
function* parts(
  r: Report,
  plan: Plan,
  opts: MarkdownOptions,
  p: Omit<Pieces, 'sections'>,
  sections: Iterable<string>,
): Generator<string> {
  const h = headingPrefix(opts);
  const all = function* (): Generator<string> {
    yield* p.head;
    yield omissionNote(r, plan, opts);
    if (r.findings.length > 0) {
      yield `${h}# Findings`;
      yield findingsTable(p.rows.slice(0, plan.rows), r.findings.length - plan.rows);
      yield* sections;
    }
    yield p.summary;
    if (plan.stats) yield* p.stats;
    yield* p.tail;
  };
  for (const x of all()) if (x !== '') yield x;
}

/**
 * The whole report as Markdown for the report file (no size limit), piece by piece: the same text as
 * `renderMarkdown(report, {maxChars: Infinity, destination: 'file'})`, but each finding's section is built as it is
 * written, so thousands of findings never become one string of tens of MB.
 */
export function* markdownFileChunks(report: Report, redaction: Redaction): Generator<string> {
  const opts: MarkdownOptions = { maxChars: Number.POSITIVE_INFINITY, redaction, destination: 'file' };
  const r = redactReport(report, redaction);
  const n = r.findings.length;
  yield* joined(
    parts(r, { stats: true, detailed: n, rows: n }, opts, basePieces(r, opts), sectionsOf(r, opts)),
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
  switch (r.verdict) {
    case 'clean':
      return 'clean, no findings';
    case 'findings':
      return found;
    case 'incomplete':
      return `not fully analysed${found ? `, ${found} so far` : ', no findings so far'}`;
  }
}

/** `1 critical, 2 high` — only severities that occur, most severe first. */
export function severityPhrase(findings: readonly Finding[]): string {
  const by = countBySeverity(findings);
  return SEVERITY_ORDER.filter((s) => by[s] > 0)
    .map((s) => `${by[s]} ${s}`)
    .join(', ');
}

function verdictLine(r: Report): string {
  const lines: string[] = [];
  const analysed = `${num(r.counts.eventsAnalyzed)} events analysed (${num(r.counts.eventsRead)} read)`;
  lines.push(`**Window:** ${windowPhrase(r)} · **${analysed}** · **Engine:** ${r.analysis.engine}`);
  if (r.verdict === 'clean')
    lines.push('Every source was read to its end and analysed; nothing needs attention.');
  if (r.verdict === 'incomplete') {
    lines.push('**This window was not fully analysed:**');
    for (const x of incompleteReasons(r)) lines.push(`- ${mdInline(x.reason)}`);
  }
  return lines.join('\n');
}

function severityCounts(r: Report): string {
  const head = SEVERITY_ORDER.map((s) => `${SEVERITY_STYLE[s].icon} ${SEVERITY_STYLE[s].label}`);
  const row = SEVERITY_ORDER.map((s) => String(r.counts.bySeverity[s] ?? 0));
  return [`| ${head.join(' | ')} |`, `|${head.map(() => ':-:').join('|')}|`, `| ${row.join(' | ')} |`].join(
    '\n',
  );
}

function omissionNote(r: Report, plan: Plan, opts: MarkdownOptions): string {
  const dropped: string[] = [];
  const n = r.findings.length;
  if (!plan.stats) dropped.push('the access-pattern statistics');
  if (plan.detailed < n) dropped.push(`the details of ${describeTail(r.findings.slice(plan.detailed))}`);
  if (plan.rows < n) dropped.push(`the table rows of ${describeTail(r.findings.slice(plan.rows))}`);
  if (dropped.length === 0) return '';
  const limit = `${num(opts.maxChars)} ${opts.destination === 'summary' ? 'bytes' : 'characters'}`;
  return `> [!NOTE]\n> Shortened to fit the ${DESTINATION_NAME[opts.destination]} limit (${limit}): left out ${dropped.join('; ')}. The complete report is in the JSON report file of this run.`;
}

function describeTail(findings: readonly Finding[]): string {
  return `${plural(findings.length, 'finding')} (${severityPhrase(findings)})`;
}

function severityCell(s: Severity): string {
  return `${SEVERITY_STYLE[s].icon} ${SEVERITY_STYLE[s].label}`;
}

function time(iso: string): string {
  return utc(iso) ?? mdInline(iso);
}

function listCell(values: readonly string[], max: number, code: boolean): string {
  const shown = values.slice(0, max).map((v) => (code ? codeSpan(v, { table: true }) : mdInline(v)));
  const more = values.length > max ? ` +${values.length - max}` : '';
  return shown.join(', ') + more;
}

function findingRow(f: Finding): string {
  const where = [listCell(f.accounts, 2, true), listCell(f.regions, 2, false)]
    .filter((x) => x !== '')
    .join(' / ');
  return `| ${severityCell(f.severity)} | ${mdInline(f.title)}${f.origin === 'ai' ? ' _(AI)_' : ''} | ${f.principal ? codeSpan(f.principal, { table: true }) : '—'} | ${where || '—'} | ${num(f.count)} | ${time(f.firstSeen)} | ${time(f.lastSeen)} |`;
}

function findingsTable(rows: readonly string[], hidden: number): string {
  const lines = [
    '| Severity | Finding | Principal | Account / region | Count | First seen | Last seen |',
    '|---|---|---|---|--:|---|---|',
    ...rows,
  ];
  if (hidden > 0) lines.push(`| … | _${plural(hidden, 'more finding')} not shown_ | | | | | |`);
  return lines.join('\n');
}

/** One finding's detail: key fields, what happened, why it matters, evidence, remediation. */
export function findingSection(f: Finding, index: number, fold: boolean, heading: string): string {
  const title = `${SEVERITY_STYLE[f.severity].icon} ${SEVERITY_STYLE[f.severity].label} · `;
  const body = findingBody(f);
  if (fold) {
    return `<details>\n<summary>${index}. ${title}${htmlText(f.title)} (${plural(f.count, 'event')})</summary>\n\n${body}\n\n</details>`;
  }
  return `${heading} ${index}. ${title}${mdInline(f.title)}\n\n${body}`;
}

function findingBody(f: Finding): string {
  const out: string[] = [];
  const key: string[] = [];
  key.push(
    `**Origin:** ${f.origin === 'ai' ? `AI${f.confidence !== undefined ? ` (confidence ${Math.round(f.confidence * 100)}%)` : ''}` : 'rule'}`,
  );
  if (f.ruleId) key.push(`**Rule:** ${codeSpan(f.ruleId)}`);
  if (f.technique) key.push(`**MITRE ATT&CK:** ${codeSpan(f.technique)}`);
  key.push(`**Finding id:** ${codeSpan(f.id)}`);
  out.push(key.join(' · '));

  const who = f.principal ? codeSpan(f.principal) : 'an unknown principal';
  const where = [
    f.accounts.length > 0 ? `account ${f.accounts.map((a) => codeSpan(a)).join(', ')}` : '',
    f.regions.length > 0
      ? `${f.regions.length === 1 ? 'region' : 'regions'} ${f.regions.map((x) => mdInline(x)).join(', ')}`
      : '',
  ]
    .filter((x) => x !== '')
    .join(', ');
  const calls = callSummary(f);
  out.push(
    `**What happened:** ${plural(f.count, 'event')} by ${who}${where ? ` in ${where}` : ''}, first ${time(f.firstSeen)}, last ${time(f.lastSeen)}${calls ? `: ${calls}` : ''}.`,
  );
  const why = mdBlock(f.description);
  if (why) out.push(`**Why it matters:**\n\n${why}`);
  if (f.aiNotes && f.aiNotes.length > 0) {
    out.push(`**Model notes:**\n\n${f.aiNotes.map((x) => `- ${mdInline(x)}`).join('\n')}`);
  }
  out.push(evidence(f));
  const fix = mdBlock(f.remediation);
  if (fix) out.push(`**Remediation:**\n\n${fix}`);
  return out.join('\n\n');
}

function callSummary(f: Finding): string {
  const counts = new Map<string, number>();
  for (const s of f.evidence.samples ?? []) counts.set(s.eventName, (counts.get(s.eventName) ?? 0) + 1);
  return [...counts]
    .slice(0, 5)
    .map(([name, c]) => `${codeSpan(name)}${c > 1 ? ` ×${c}` : ''}`)
    .join(', ');
}

function eventLink(region: string | undefined, id: string): string {
  const url = region ? consoleEventUrl(region, id) : undefined;
  return url ? `[${id}](${url})` : codeSpan(id, { table: true });
}

function evidence(f: Finding): string {
  const samples = (f.evidence.samples ?? []).slice(0, DETAIL.samples);
  const out: string[] = ['**Evidence** (CloudTrail event history):'];
  if (samples.length > 0) {
    out.push(
      [
        '| Event | Time | Call | Account / region | Source IP | Error | Key fields |',
        '|---|---|---|---|---|---|---|',
        ...samples.map((s) => {
          const details = Object.entries(s.details ?? {})
            .slice(0, 6)
            .map(([k, v]) => codeSpan(`${k}=${v}`, { table: true }))
            .join(' ');
          return `| ${eventLink(s.region, s.eventId)} | ${time(s.time)} | ${codeSpan(s.eventName, { table: true })} | ${codeSpan(s.account, { table: true })} / ${mdInline(s.region)} | ${s.sourceIp ? codeSpan(s.sourceIp, { table: true }) : '—'} | ${s.errorCode ? codeSpan(s.errorCode, { table: true }) : '—'} | ${details || '—'} |`;
        }),
      ].join('\n'),
    );
  }
  const shown = new Set(samples.map((s) => s.eventId));
  const rest = f.evidence.eventIds.filter((id) => !shown.has(id));
  const region = f.regions.length === 1 ? f.regions[0] : undefined;
  const listed = rest.slice(0, DETAIL.eventIds).map((id) => eventLink(region, id));
  const more = rest.length - listed.length + (f.evidence.omitted ?? 0);
  if (listed.length > 0 || more > 0) {
    out.push(
      `${samples.length > 0 ? 'Other events' : 'Events'}: ${listed.join(', ')}${more > 0 ? `${listed.length > 0 ? ', and ' : ''}${plural(more, 'more event')}` : ''}`,
    );
  }
  return out.join('\n\n');
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
    `_${by}_`,
    text,
    priorities.length > 0 ? `**Priorities:**\n\n${priorities.join('\n')}` : '',
  ]
    .filter((x) => x !== '')
    .join('\n\n');
}

function countTable(title: string, rows: readonly CountEntry[], code: boolean): string {
  if (rows.length === 0) return '';
  const lines = [`| ${title} | Events |`, '|---|--:|'];
  for (const e of rows.slice(0, DETAIL.statRows)) {
    lines.push(`| ${code ? codeSpan(e.key, { table: true }) : mdInline(e.key)} | ${num(e.count)} |`);
  }
  return lines.join('\n');
}

// The access-pattern tables, as data: which list, its column title, and whether its keys are identifiers.
const COUNT_TABLES: readonly { key: keyof Report['stats']; title: string; code: boolean }[] = [
  { key: 'topEventNames', title: 'Event name', code: true },
  { key: 'topPrincipals', title: 'Principal', code: true },
  { key: 'topServices', title: 'Service', code: false },
  { key: 'topResources', title: 'Resource', code: true },
  { key: 'topSourceIps', title: 'Source IP', code: true },
  { key: 'topUserAgents', title: 'User agent', code: true },
  { key: 'regions', title: 'Region', code: false },
  { key: 'accounts', title: 'Account', code: true },
];

function statistics(r: Report, h: string): string[] {
  const s = r.stats;
  if (s.totalEvents === 0) return [];
  const tables = COUNT_TABLES.map((t) => countTable(t.title, s[t.key] as CountEntry[], t.code)).filter(
    (x) => x !== '',
  );
  const principals =
    s.principals.length > 0
      ? [
          '| Principal | Type | Events | Errors | AccessDenied | Writes | Services | Regions | Source IPs |',
          '|---|---|--:|--:|--:|--:|--:|---|--:|',
          ...s.principals
            .slice(0, DETAIL.statRows)
            .map(
              (p) =>
                `| ${codeSpan(p.principal, { table: true })} | ${mdInline(p.type)} | ${num(p.events)} | ${num(p.errors)} | ${num(p.accessDenied)} | ${num(p.writes)} | ${num(p.services)} | ${listCell(p.regions, 3, false)} | ${num(p.sourceIps)} |`,
            ),
        ].join('\n')
      : '';
  const c = s.consoleLogins;
  const overview = [
    '| Console logins | Failed logins | With MFA | Without MFA | Root | Reads | Writes | Errors | AccessDenied |',
    '|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    `| ${num(c.success)} | ${num(c.failure)} | ${num(c.withMfa)} | ${num(c.withoutMfa)} | ${num(c.root)} | ${num(s.readOnly.read)} | ${num(s.readOnly.write)} | ${num(s.errors.total)} | ${num(s.errors.accessDenied)} |`,
  ].join('\n');
  const approx = s.approximate
    ? '_Counts below the top of each table are approximate (bounded sketch)._'
    : '';
  const stats = [
    `${h} Access patterns`,
    overview,
    `<details>\n<summary>Top event names, principals, services, resources, source IPs, user agents, regions, accounts</summary>\n\n${[...tables, principals, approx].filter((x) => x !== '').join('\n\n')}\n\n</details>`,
  ].join('\n\n');
  return [stats, activity(r, h)].filter((x) => x !== '');
}

const SPARK = '▁▂▃▄▅▆▇█';
// Beyond two weeks of hours a sparkline stops being readable; fold hours into days.
const MAX_SPARK_POINTS = 336;

function activity(r: Report, h: string): string {
  const hourly = r.stats.hourly;
  if (hourly.length === 0) return '';
  const byDay = hourly.length > MAX_SPARK_POINTS;
  const points = byDay
    ? foldDays(hourly)
    : hourly.map((x) => ({ label: x.hour, count: x.count, errors: x.errors }));
  const max = Math.max(1, ...points.map((p) => p.count));
  // The lowest bar means "none", so a quiet hour still takes its place in the line.
  const spark = points
    .map((p) => (p.count === 0 ? SPARK[0] : SPARK[1 + Math.min(6, Math.floor((p.count / max) * 6.999))]))
    .join('');
  const first = points[0]?.label ?? '';
  const last = points[points.length - 1]?.label ?? '';
  const busiest = [...points].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)).slice(0, 5);
  const unit = byDay ? 'day' : 'hour';
  return [
    `${h} Activity over time`,
    `${codeSpan(spark)} ${byDay ? 'events per day' : 'events per hour'}, ${mdInline(label(first))} → ${mdInline(label(last))}, peak ${num(max)}`,
    [
      `| Busiest ${unit} | Events | Errors |`,
      '|---|--:|--:|',
      ...busiest.map((p) => `| ${mdInline(label(p.label))} | ${num(p.count)} | ${num(p.errors)} |`),
    ].join('\n'),
  ].join('\n\n');
}

function label(hourIso: string): string {
  return utc(hourIso, { seconds: false }) ?? hourIso;
}

function foldDays(hourly: Report['stats']['hourly']): { label: string; count: number; errors: number }[] {
  const days = new Map<string, { label: string; count: number; errors: number }>();
  for (const x of hourly) {
    const day = x.hour.slice(0, 10);
    const d = days.get(day) ?? { label: `${day}T00:00:00Z`, count: 0, errors: 0 };
    d.count += x.count;
    d.errors += x.errors;
    days.set(day, d);
  }
  return [...days.values()];
}

function coverage(r: Report, h: string): string {
  const rows: [string, string][] = [];
  const sources = r.sources.map(
    (s) =>
      `${s.source} ${codeSpan(s.scope, { table: true })}: ${plural(s.eventsRead, 'event')}${s.complete ? '' : ' **(incomplete)**'}`,
  );
  rows.push(['Sources', sources.join('<br>') || '—']);
  const c = r.counts;
  rows.push([
    'Events',
    `${num(c.eventsRead)} read · ${num(c.eventsAnalyzed)} analysed · ${num(c.eventsFiltered)} filtered · ${num(c.duplicates)} duplicates · ${num(c.eventsSkipped)} skipped`,
  ]);
  const skipped = r.sources.flatMap((s) =>
    Object.entries(s.skipped).map(([k, v]) => `${mdInline(k)}: ${num(v)}`),
  );
  if (skipped.length > 0) rows.push(['Skipped', skipped.join(', ')]);
  const a = r.analysis;
  rows.push([
    'Analysis',
    `${a.engine}, ${a.status}${a.modelId ? ` · model ${codeSpan(a.modelId, { table: true })}` : ''}`,
  ]);
  if (a.digests.records > 0 || a.digests.eventsOmitted > 0) {
    const d = a.digests;
    rows.push([
      'Digests',
      `${plural(d.records, 'record')} · ${num(d.eventsCovered)} events covered · ${num(d.eventsFolded)} folded · ${num(d.eventsOmitted)} omitted (over the token budget)`,
    ]);
  }
  if (a.dropped.unverifiedEvidence + a.dropped.invalid > 0) {
    rows.push([
      'AI findings dropped',
      `${num(a.dropped.unverifiedEvidence)} citing events outside their digest · ${num(a.dropped.invalid)} invalid`,
    ]);
  }
  const ans = a.answers;
  if (ans && ans.truncated + ans.empty + ans.refused + ans.wrongSchema + ans.noJson > 0) {
    rows.push([
      'Model answers',
      `${num(ans.truncated)} cut at max_tokens (${num(ans.findingsSalvaged)} findings kept, ${num(ans.reasked)} re-asked in halves, ${num(ans.unrecovered)} unrecovered) · ${num(ans.empty)} empty · ${num(ans.refused)} refused · ${num(ans.wrongSchema + ans.noJson)} unreadable`,
    ]);
  }
  for (const j of r.jobs) {
    rows.push([
      'Job',
      `${j.engine} ${j.jobArn ? codeSpan(j.jobArn, { table: true }) : ''} ${mdInline(j.status)}, ${plural(j.records, 'record')}${j.recordsFailed ? ` (${num(j.recordsFailed)} failed)` : ''}`,
    ]);
  }
  rows.push(['Tokens', `${num(r.usage.inputTokens)} in · ${num(r.usage.outputTokens)} out`]);
  rows.push(['Cost', `${usd(r.usage.costUsd)}${r.usage.estimated ? ' (estimated)' : ''}`]);
  if (r.counts.suppressed > 0) rows.push(['Suppressed', plural(r.counts.suppressed, 'finding')]);
  const table = ['| Coverage | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
  const extra: string[] = [];
  if (r.errors.length > 0) extra.push(`**Errors:**\n\n${r.errors.map((e) => `- ${mdInline(e)}`).join('\n')}`);
  if (r.warnings.length > 0) {
    extra.push(
      `<details>\n<summary>${plural(r.warnings.length, 'warning')}</summary>\n\n${r.warnings.map((w) => `- ${mdInline(w)}`).join('\n')}\n\n</details>`,
    );
  }
  if (r.suppressed.length > 0) {
    extra.push(
      `<details>\n<summary>${plural(r.suppressed.length, 'suppressed finding')}</summary>\n\n${r.suppressed
        .map((s) => `- ${mdInline(s.title)} (${codeSpan(s.suppression)}): ${mdInline(s.reason)}`)
        .join('\n')}\n\n</details>`,
    );
  }
  return [`${h} Coverage`, table, ...extra].join('\n\n');
}

function footer(r: Report): string {
  const run = isRunUrl(r.run?.runUrl) ? ` · [workflow run](${r.run?.runUrl})` : '';
  return `<sub>TrailSight ${mdInline(r.tool.version)} · report schema ${r.schemaVersion} · generated ${utc(r.generatedAt) ?? ''}${run}</sub>`;
}
