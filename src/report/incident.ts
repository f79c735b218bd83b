/**
 * One incident as Markdown, for its own issue (`issue-mode: incident`): what happened (title, severity and why it
 * was raised, tactics), who (principals, source IPs, accounts, regions), when, and its findings as a short table
 * with their evidence ids. Every attacker-influenced value goes through the sanitising helpers.
 */
import { TACTIC_WORDS } from '../correlate/index.js';
import type { Finding, Incident, Report } from '../types.js';
import { num, plural, utc, windowPhrase, isRunUrl } from './format.js';
import { SEVERITY_STYLE } from './limits.js';
import { redactReport, type Redaction } from './redact.js';
import { codeSpan, mdBlock, mdInline } from './sanitize.js';

/** Findings listed in the table before "and N more"; each with this many evidence ids. */
const MAX_ROWS = 30;
const IDS_PER_ROW = 3;
/** Principals and source IPs named before "and N more". */
const MAX_NAMES = 5;

function names(values: readonly string[]): string {
  const shown = values.slice(0, MAX_NAMES).map((v) => codeSpan(v));
  return values.length > shown.length
    ? `${shown.join(', ')} and ${values.length - shown.length} more`
    : shown.join(', ');
}

function when(i: Incident): string {
  const start = utc(i.start, { seconds: false }) ?? mdInline(i.start);
  const end = utc(i.end, { seconds: false }) ?? mdInline(i.end);
  return start === end ? start : `${start} → ${end}`;
}

function row(f: Finding): string {
  const s = SEVERITY_STYLE[f.severity];
  const ids = f.evidence.eventIds.slice(0, IDS_PER_ROW).map((id) => codeSpan(id, { table: true }));
  const more = f.evidence.eventIds.length + (f.evidence.omitted ?? 0) - ids.length;
  // mdInline escapes `|` too, so a value cannot split the row.
  const cell = (text: string): string => mdInline(text);
  return [
    `${s.icon} ${s.label}`,
    `${cell(f.title)}${f.origin === 'ai' ? ' _(AI)_' : ''}`,
    f.principal ? codeSpan(f.principal, { table: true }) : '—',
    utc(f.firstSeen) ?? cell(f.firstSeen),
    num(f.count),
    `${ids.join(', ')}${more > 0 ? ` +${num(more)}` : ''}`,
  ].join(' | ');
}

/** The incident's Markdown within `maxChars` characters (rows are dropped from the end to fit). */
export function renderIncidentMarkdown(
  report: Report,
  incident: Incident,
  opts: { maxChars: number; redaction: Redaction },
): string {
  const byId = new Map(report.findings.map((f) => [f.id, f]));
  const own = incident.findingIds.flatMap((id) => {
    const f = byId.get(id);
    return f ? [f] : [];
  });
  const r = redactReport({ ...report, findings: own, incidents: [incident] }, opts.redaction);
  const i = r.incidents[0] ?? incident;
  const s = SEVERITY_STYLE[i.severity];
  const head = [`## ${s.icon} ${s.label}: ${mdInline(i.title)}`];
  if (i.escalatedFrom) {
    const from = SEVERITY_STYLE[i.escalatedFrom].label.toLowerCase();
    head.push(`_Raised from ${from}: it ${mdInline(i.escalationReason ?? 'spans several tactics')}._`);
  }
  const facts = [
    `**Tactics:** ${i.tactics.length ? i.tactics.map((t) => TACTIC_WORDS[t]).join(' → ') : 'none mapped'}`,
    `**When:** ${when(i)}`,
    `**Who:** ${i.principals.length ? names(i.principals) : 'unknown'}`,
  ];
  if (i.sourceIps.length) facts.push(`**From:** ${names(i.sourceIps)}`);
  facts.push(
    `**Accounts:** ${names(i.accounts)} · **Regions:** ${i.regions.map((x) => mdInline(x)).join(', ') || '—'}`,
  );
  head.push(facts.join('  \n'));
  const first = r.findings.find((f) => f.remediation);
  if (first) head.push(`**Do first** (${mdInline(first.title)}):\n\n${mdBlock(first.remediation)}`);
  const run = isRunUrl(r.run?.runUrl) ? ` · [workflow run](${r.run?.runUrl})` : '';
  const tail = [
    `_Incident ${codeSpan(i.id)} in the window ${windowPhrase(r)}; the full findings are in the run's report._`,
    `<sub>TrailSight ${mdInline(r.tool.version)} · report schema ${r.schemaVersion}${run}</sub>`,
  ];
  const table = [
    `### ${plural(r.findings.length, 'finding')}`,
    '| Severity | Finding | Principal | First seen | Events | Evidence |\n|---|---|---|---|--:|---|',
  ];
  const rows = r.findings.map(row).map((x) => `| ${x} |`);
  const build = (n: number): string => {
    const more = rows.length - n;
    const list = [...rows.slice(0, n), ...(more > 0 ? [`\n_…and ${plural(more, 'more finding')}._`] : [])];
    return [...head, `${table.join('\n\n')}\n${list.join('\n')}`, ...tail].join('\n\n') + '\n';
  };
  for (let n = Math.min(rows.length, MAX_ROWS); n >= 0; n--) {
    const md = build(n);
    if (md.length <= opts.maxChars) return md;
  }
  const bare = [...head, ...tail].join('\n\n') + '\n';
  return bare.length <= opts.maxChars ? bare : `${bare.slice(0, Math.max(0, opts.maxChars - 2))}…\n`;
}
