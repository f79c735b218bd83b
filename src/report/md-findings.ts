/**
 * Findings in the Markdown report: grouped by rule (one table row per rule), each group's details folded, each
 * finding's detail with its evidence. Full ARNs appear here; tables show them shortened.
 */
import { severityRank, type Finding, type Severity } from '../types.js';
import { consoleEventUrl, num, plural, shortArn, spanPhrase, utc } from './format.js';
import { DETAIL, SEVERITY_STYLE } from './limits.js';
import { codeSpan, htmlText, mdBlock, mdInline } from './sanitize.js';

/** The findings of one rule (or one AI finding, which has no rule), with their indexes in the report. */
export interface RuleGroup {
  key: string;
  title: string;
  severity: Severity;
  origin: Finding['origin'];
  ruleId?: string;
  technique?: string;
  description: string;
  remediation: string;
  /** Sigma rules: the rule's references, shown once for the rule. */
  references?: string[];
  /** Indexes into report.findings, most severe first (the report's order). */
  members: number[];
  principals: number;
  events: number;
  lastSeen: string;
}

/** Groups findings by rule id (AI findings stand alone); the most severe group first, then the largest. */
export function ruleGroups(findings: readonly Finding[]): RuleGroup[] {
  const groups = new Map<string, RuleGroup>();
  const principals = new Map<string, Set<string>>();
  findings.forEach((f, i) => {
    const key = f.ruleId !== undefined ? `rule:${f.ruleId}` : `finding:${f.id}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        key,
        title: f.title,
        severity: f.severity,
        origin: f.origin,
        ...(f.ruleId !== undefined ? { ruleId: f.ruleId } : {}),
        ...(f.technique !== undefined ? { technique: f.technique } : {}),
        description: f.description,
        remediation: f.remediation,
        ...(f.references !== undefined ? { references: f.references } : {}),
        members: [],
        principals: 0,
        events: 0,
        lastSeen: f.lastSeen,
      };
      groups.set(key, g);
      principals.set(key, new Set());
    }
    g.members.push(i);
    g.events += f.count;
    if (severityRank(f.severity) > severityRank(g.severity)) g.severity = f.severity;
    if (f.lastSeen > g.lastSeen) g.lastSeen = f.lastSeen;
    principals.get(key)?.add(f.principal ?? '');
  });
  for (const g of groups.values()) g.principals = principals.get(g.key)?.size ?? 0;
  return [...groups.values()].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      b.members.length - a.members.length ||
      (a.members[0] ?? 0) - (b.members[0] ?? 0),
  );
}

function severityCell(s: Severity): string {
  return `${SEVERITY_STYLE[s].icon} ${SEVERITY_STYLE[s].label}`;
}

function time(iso: string, seconds = true): string {
  return utc(iso, { seconds }) ?? mdInline(iso);
}

/** One row of the findings-by-rule table. */
export function ruleRow(g: RuleGroup): string {
  return `| ${severityCell(g.severity)} | ${mdInline(g.title)}${g.origin === 'ai' ? ' _(AI)_' : ''} | ${num(g.members.length)} | ${num(g.principals)} | ${num(g.events)} | ${time(g.lastSeen, false)} |`;
}

/** The findings-by-rule table's header; rows come from ruleRow. */
export function rulesTable(rows: readonly string[], hidden: number): string {
  const lines = [
    '| Severity | Rule | Findings | Principals | Events | Last seen |',
    '|---|---|--:|--:|--:|---|',
    ...rows,
  ];
  if (hidden > 0) lines.push(`| … | _${plural(hidden, 'more rule')} not shown_ | | | | |`);
  return lines.join('\n');
}

/**
 * A group's folded details as parts (joined by blank lines): the rule's facts, why it matters and what to do
 * once, then each shown finding; `body(i)` is the detail of report finding i. Nothing when no finding is shown,
 * so no fold is ever empty.
 */
export function* ruleFold(
  g: RuleGroup,
  shown: readonly number[],
  body: (i: number) => string,
): Generator<string> {
  if (shown.length === 0) return;
  const principals = g.principals === 1 ? '' : `, ${plural(g.principals, 'principal')}`;
  yield `<details>\n<summary>${severityCell(g.severity)} · ${htmlText(g.title)} — ${plural(g.members.length, 'finding')}${principals}</summary>`;
  const facts = [`**Origin:** ${g.origin === 'ai' ? 'AI' : 'rule'}`];
  if (g.ruleId) facts.push(`**Rule:** ${codeSpan(g.ruleId)}`);
  if (g.technique) facts.push(`**MITRE ATT&CK:** ${codeSpan(g.technique)}`);
  yield facts.join(' · ');
  const why = mdBlock(g.description);
  if (why) yield `**Why it matters:**\n\n${why}`;
  const fix = mdBlock(g.remediation);
  if (fix) yield `**Remediation:**\n\n${fix}`;
  const refs = references(g.references);
  if (refs) yield refs;
  for (const i of shown) yield body(i);
  const rest = g.members.length - shown.length;
  if (rest > 0)
    yield `_${plural(rest, 'further finding')} of this rule left out here to fit the size limit; the JSON report file has every one._`;
  yield '</details>';
}

/** One finding inside its rule's fold: who, when, what it did, the evidence; text the group already shows is not repeated. */
export function findingDetail(f: Finding, g: Pick<RuleGroup, 'description' | 'remediation'>): string {
  const s = SEVERITY_STYLE[f.severity];
  const who = f.principal ? codeSpan(shortArn(f.principal)) : 'unknown principal';
  const out: string[] = [
    `**${s.icon} ${who}** · ${plural(f.count, 'event')} · ${mdInline(spanPhrase(f.firstSeen, f.lastSeen))} · finding ${codeSpan(f.id)}`,
  ];
  out.push(whatHappened(f, false));
  if (f.description !== g.description) {
    const why = mdBlock(f.description);
    if (why) out.push(`**Why it matters:**\n\n${why}`);
  }
  if (f.aiNotes && f.aiNotes.length > 0) {
    out.push(`**Model notes:**\n\n${f.aiNotes.map((x) => `- ${mdInline(x)}`).join('\n')}`);
  }
  out.push(evidence(f));
  if (f.remediation !== g.remediation) {
    const fix = mdBlock(f.remediation);
    if (fix) out.push(`**Remediation:**\n\n${fix}`);
  }
  return out.join('\n\n');
}

function whatHappened(f: Finding, times: boolean): string {
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
  const when = times ? `, first ${time(f.firstSeen)}, last ${time(f.lastSeen)}` : '';
  const confidence =
    f.origin === 'ai' && f.confidence !== undefined && !times
      ? ` The model's confidence: ${Math.round(f.confidence * 100)}%.`
      : '';
  return `**What happened:** ${plural(f.count, 'event')} by ${who}${where ? ` in ${where}` : ''}${when}${calls ? `: ${calls}` : ''}.${confidence}`;
}

/** The whole detail of one finding, with its own rule facts, description and remediation (issue-mode `finding`). */
export function findingBody(f: Finding): string {
  const key: string[] = [
    `**Origin:** ${f.origin === 'ai' ? `AI${f.confidence !== undefined ? ` (confidence ${Math.round(f.confidence * 100)}%)` : ''}` : 'rule'}`,
  ];
  if (f.ruleId) key.push(`**Rule:** ${codeSpan(f.ruleId)}`);
  if (f.technique) key.push(`**MITRE ATT&CK:** ${codeSpan(f.technique)}`);
  key.push(`**Finding id:** ${codeSpan(f.id)}`);
  const out = [key.join(' · ')];
  out.push(whatHappened(f, true));
  const why = mdBlock(f.description);
  if (why) out.push(`**Why it matters:**\n\n${why}`);
  if (f.aiNotes && f.aiNotes.length > 0) {
    out.push(`**Model notes:**\n\n${f.aiNotes.map((x) => `- ${mdInline(x)}`).join('\n')}`);
  }
  out.push(evidence(f));
  const fix = mdBlock(f.remediation);
  if (fix) out.push(`**Remediation:**\n\n${fix}`);
  const refs = references(f.references);
  if (refs) out.push(refs);
  return out.join('\n\n');
}

/** Sigma rules: where the detection comes from (links outside AWS are defanged by mdInline). */
function references(refs: readonly string[] | undefined): string {
  return refs && refs.length > 0
    ? `**References:**\n\n${refs.map((x) => `- ${mdInline(x)}`).join('\n')}`
    : '';
}

function callSummary(f: Finding): string {
  const counts = new Map<string, number>();
  for (const s of f.evidence.samples ?? []) counts.set(s.eventName, (counts.get(s.eventName) ?? 0) + 1);
  return [...counts]
    .slice(0, 5)
    .map(([name, c]) => `${codeSpan(name)}${c > 1 ? ` ×${c}` : ''}`)
    .join(', ');
}

// The event id, shortened in the link text (the full id is in the console URL); in full when it cannot link.
function eventLink(region: string | undefined, id: string, short: boolean): string {
  const url = region ? consoleEventUrl(region, id) : undefined;
  if (!url) return codeSpan(id, { table: true });
  return `[${short && id.length > 12 ? `${id.slice(0, 8)}…` : id}](${url})`;
}

function evidence(f: Finding): string {
  const samples = (f.evidence.samples ?? []).slice(0, DETAIL.samples);
  const out: string[] = ['**Evidence** (CloudTrail event history):'];
  if (samples.length > 0) {
    out.push(
      [
        '| Event | Time (UTC) | Call | Account / region | Source IP | Error | Key fields |',
        '|---|---|---|---|---|---|---|',
        ...samples.map((s) => {
          const details = Object.entries(s.details ?? {})
            .slice(0, 6)
            .map(([k, v]) => codeSpan(`${k}=${v}`, { table: true }))
            .join(' ');
          const t = Date.parse(s.time);
          const when = Number.isFinite(t) ? new Date(t).toISOString().slice(11, 19) : mdInline(s.time);
          return `| ${eventLink(s.region, s.eventId, true)} | ${when} | ${codeSpan(s.eventName, { table: true })} | ${codeSpan(s.account, { table: true })} / ${mdInline(s.region)} | ${s.sourceIp ? codeSpan(s.sourceIp, { table: true }) : '—'} | ${s.errorCode ? codeSpan(s.errorCode, { table: true }) : '—'} | ${details || '—'} |`;
        }),
      ].join('\n'),
    );
  }
  const shown = new Set(samples.map((s) => s.eventId));
  const rest = f.evidence.eventIds.filter((id) => !shown.has(id));
  const region = f.regions.length === 1 ? f.regions[0] : undefined;
  const listed = rest.slice(0, DETAIL.eventIds).map((id) => eventLink(region, id, false));
  const more = rest.length - listed.length + (f.evidence.omitted ?? 0);
  if (listed.length > 0 || more > 0) {
    out.push(
      `${samples.length > 0 ? 'Other events' : 'Events'}: ${listed.join(', ')}${more > 0 ? `${listed.length > 0 ? ', and ' : ''}${plural(more, 'more event')}` : ''}`,
    );
  }
  return out.join('\n\n');
}
