/** The incidents part of the Markdown report: one table row per incident, then one short section each. */
import { severityRank, type Finding, type Incident, type Report, type Tactic } from '../types.js';
import { num, plural, shortArn, spanPhrase, utc } from './format.js';
import { SEVERITY_STYLE } from './limits.js';
import { timelineChart } from './mermaid.js';
import { codeSpan, mdInline } from './sanitize.js';

/** An incident with the findings of the report it names (ids the report does not hold are skipped). */
export interface IncidentView {
  incident: Incident;
  findings: Finding[];
}

/** Most severe first, then the larger, then the earlier, then by id: the order of the table and the limits. */
export function incidentViews(r: Report): IncidentView[] {
  const byId = new Map(r.findings.map((f) => [f.id, f]));
  // Reports of schema 1.0 (written before incidents existed, e.g. read back for `mode: collect`) have none.
  return (r.incidents ?? [])
    .map((incident) => ({
      incident,
      findings: incident.findingIds.map((id) => byId.get(id)).filter((f): f is Finding => f !== undefined),
    }))
    .sort(
      (a, b) =>
        severityRank(b.incident.severity) - severityRank(a.incident.severity) ||
        b.findings.length - a.findings.length ||
        a.incident.start.localeCompare(b.incident.start) ||
        a.incident.id.localeCompare(b.incident.id),
    );
}

/** `defense-evasion` → `Defense evasion`. */
export function tacticName(t: Tactic): string {
  const words = t.replace(/-/g, ' ');
  return `${words[0]?.toUpperCase() ?? ''}${words.slice(1)}`;
}

function severityCell(v: IncidentView): string {
  const s = SEVERITY_STYLE[v.incident.severity];
  return `${s.icon} ${s.label}${v.incident.escalatedFrom ? ' ↑' : ''}`;
}

/** Principals as short ARNs (the full ones are in the incident's section), else source IPs. */
function actorsCell(i: Incident, max = 2): string {
  const actors = i.principals.length > 0 ? i.principals.map((p) => shortArn(p)) : i.sourceIps;
  if (actors.length === 0) return '—';
  const shown = actors.slice(0, max).map((a) => codeSpan(a, { table: true }));
  return `${shown.join(', ')}${actors.length > max ? ` +${actors.length - max}` : ''}`;
}

/** The incidents table's header; rows come from incidentRow. */
export function incidentsTable(rows: readonly string[], hidden: number): string {
  const lines = ['| Severity | Incident | Actors | When | Findings |', '|---|---|---|---|--:|', ...rows];
  if (hidden > 0) lines.push(`| … | _${plural(hidden, 'more incident')} not shown_ | | | |`);
  return lines.join('\n');
}

/** One row of the incidents table. */
export function incidentRow(v: IncidentView): string {
  const i = v.incident;
  return `| ${severityCell(v)} | ${mdInline(i.title)} | ${actorsCell(i)} | ${mdInline(spanPhrase(i.start, i.end))} | ${num(i.findingIds.length)} |`;
}

function list(values: readonly string[], code: boolean, max = 5): string {
  const shown = values.slice(0, max).map((v) => (code ? codeSpan(v) : mdInline(v)));
  return `${shown.join(', ')}${values.length > max ? ` and ${num(values.length - max)} more` : ''}`;
}

/**
 * One incident's section: heading, why it is rated as it is, tactics and actors in full, then a Mermaid timeline
 * of its findings, or a one-row table when there is a single finding (a chart of one point says nothing).
 */
export function incidentSection(v: IncidentView, heading: string): string {
  const i = v.incident;
  const s = SEVERITY_STYLE[i.severity];
  const out: string[] = [`${heading} ${s.icon} ${s.label} · ${mdInline(i.title)}`];
  const facts: string[] = [
    `**Incident:** ${codeSpan(i.id)}`,
    `**When:** ${mdInline(spanPhrase(i.start, i.end))}`,
  ];
  if (i.tactics.length > 0) facts.push(`**Tactics:** ${i.tactics.map(tacticName).join(' → ')}`);
  out.push(facts.join(' · '));
  if (i.escalatedFrom) {
    const from = SEVERITY_STYLE[i.escalatedFrom].label;
    out.push(
      `**Raised from ${from}:** ${i.escalationReason ? mdInline(i.escalationReason) : 'its findings together tell a worse story than each alone'}`,
    );
  }
  const who: string[] = [];
  if (i.principals.length > 0) who.push(`**Principals:** ${list(i.principals, true)}`);
  if (i.accounts.length > 0) who.push(`**Accounts:** ${list(i.accounts, true)}`);
  if (i.regions.length > 0) who.push(`**Regions:** ${list(i.regions, false)}`);
  if (i.sourceIps.length > 0) who.push(`**Source IPs:** ${list(i.sourceIps, true)}`);
  if (who.length > 0) out.push(who.join('  \n'));
  const chart = timelineChart(
    v.findings.map((f) => ({ time: f.firstSeen, severity: f.severity, label: f.title })),
  );
  if (chart) out.push(chart);
  else if (v.findings.length > 0) out.push(findingsMiniTable(v.findings));
  return out.join('\n\n');
}

function findingsMiniTable(findings: readonly Finding[]): string {
  return [
    '| First seen | Severity | Finding | Events |',
    '|---|---|---|--:|',
    ...findings.map(
      (f) =>
        `| ${utc(f.firstSeen) ?? mdInline(f.firstSeen)} | ${SEVERITY_STYLE[f.severity].icon} ${SEVERITY_STYLE[f.severity].label} | ${mdInline(f.title)}${f.origin === 'ai' ? ' _(AI)_' : ''} | ${num(f.count)} |`,
    ),
  ].join('\n');
}
