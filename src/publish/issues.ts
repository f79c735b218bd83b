import type { Config } from '../config/types.js';
import { describeError } from '../errors.js';
import { maxSeverity } from '../report/build.js';
import { LIMITS } from '../report/limits.js';
import { renderIncidentMarkdown } from '../report/incident.js';
import { headline, renderFindingMarkdown, renderMarkdown, severityPhrase } from '../report/markdown.js';
import { redactText, type Redaction } from '../report/redact.js';
import { codeSpan, mdInline, plainText } from '../report/sanitize.js';
import {
  SEVERITIES,
  severityRank,
  type Finding,
  type Incident,
  type Report,
  type Severity,
} from '../types.js';
import type { GitHubApi, IssueRef } from './github.js';
import {
  REPORT_MARKER,
  findingIdOf,
  findingMarker,
  incidentIdOf,
  incidentMarker,
  sameWorkflow,
  stateMarker,
  stateOf,
  workflowMarker,
} from './markers.js';
import type { DestinationResult, PublishDeps } from './types.js';

/** The label every TrailSight issue carries; issues are found again by it and by their hidden marker. */
export const TRAILSIGHT_LABEL = 'trailsight';

// Label colours: GitHub's own palette, red for critical down to grey for info.
const LABEL_COLORS: Record<Severity, string> = {
  critical: 'b60205',
  high: 'd93f0b',
  medium: 'fbca04',
  low: '0e8a16',
  info: 'c5def5',
};
const LABEL_BASE = {
  name: TRAILSIGHT_LABEL,
  color: '5319e7',
  description: 'Opened by TrailSight (CloudTrail review)',
};
const LABEL_DEFAULT_COLOR = 'ededed';

/** One issue per finding at most this many per run, most severe first: a noisy rule must not flood the tracker. */
export const MAX_FINDING_ISSUES = 50;
// Event ids remembered per finding issue, to tell new evidence from evidence already reported.
const REMEMBERED_EVENTS = 200;
// Findings remembered by a report issue, to comment only on findings that are new to it.
const REMEMBERED_FINDINGS = 300;
// Room left in a body for the hidden markers and state.
const MARKER_ROOM = 16_384;
const TITLE_MAX = 200;

const severityLabel = (s: Severity): string => `severity:${s}`;

interface FindingState {
  severity: Severity;
  count: number;
  lastSeen: string;
  eventIds: string[];
}
interface IncidentState {
  severity: Severity;
  /** Its findings' ids when last published, to tell which joined since. */
  findings: string[];
}
interface ReportState {
  findings: Record<string, Severity>;
}

/** Owner and name of the run's repository, or an error saying what is missing. */
export function repoOf(deps: PublishDeps, what: string): { github: GitHubApi; owner: string; repo: string } {
  const [owner, repo] = (deps.context.repository ?? '').split('/');
  if (!deps.github) throw new Error(`${what} needs a GitHub token (github-token)`);
  if (!owner || !repo) throw new Error(`${what} needs the repository (GITHUB_REPOSITORY)`);
  return { github: deps.github, owner, repo };
}

/** Untrusted text as an issue title: one line, redacted, references neutralised, within GitHub's length. */
export function issueTitle(text: string, redaction: Redaction): string {
  const t = redactText(plainText(text), redaction).replace(/@(?=[A-Za-z0-9_-])/g, '@\u200D');
  return t.length > TITLE_MAX ? `${t.slice(0, TITLE_MAX - 1)}…` : t;
}

function runLink(report: Report): string {
  return report.run?.runUrl ? `[this run](${report.run.runUrl})` : 'this run';
}

/** True when the run reviewed its whole window, the only time an absent finding means a resolved one. */
export function isComplete(report: Report): boolean {
  return report.status === 'completed' && report.verdict !== 'incomplete';
}

/** `report-to: issue`: one issue per finding or per run series, updated in place, resolved ones closed. */
export async function publishIssues(
  report: Report,
  config: Config,
  deps: PublishDeps,
  redaction: Redaction,
): Promise<DestinationResult & { issueUrl?: string }> {
  const gh = repoOf(deps, 'issue');
  await ensureLabels(gh, report, config);
  const open = (await gh.github.listOpenIssues(gh.owner, gh.repo, TRAILSIGHT_LABEL)).filter((i) =>
    sameWorkflow(i.body, deps.context.workflow),
  );
  switch (config.reporting.issueMode) {
    case 'finding':
      return findingIssues(report, config, deps, redaction, gh, open);
    case 'incident':
      return incidentIssues(report, config, deps, redaction, gh, open);
    case 'report':
      return reportIssue(report, config, deps, redaction, gh, open);
  }
}

async function ensureLabels(gh: ReturnType<typeof repoOf>, report: Report, config: Config): Promise<void> {
  // Incidents can be raised above every finding, so their severities need labels too.
  const severities = SEVERITIES.filter(
    (s) => report.findings.some((f) => f.severity === s) || report.incidents.some((i) => i.severity === s),
  );
  const labels = [
    LABEL_BASE,
    ...severities.map((s) => ({
      name: severityLabel(s),
      color: LABEL_COLORS[s],
      description: `TrailSight: ${s} severity`,
    })),
    ...config.reporting.issueLabels.map((name) => ({ name, color: LABEL_DEFAULT_COLOR, description: '' })),
  ];
  for (const l of labels) await gh.github.ensureLabel(gh.owner, gh.repo, l);
}

// Keeps labels people added by hand; replaces only our severity label.
function labelsFor(existing: readonly string[], severity: Severity | undefined, config: Config): string[] {
  const ours = [
    TRAILSIGHT_LABEL,
    ...(severity ? [severityLabel(severity)] : []),
    ...config.reporting.issueLabels,
  ];
  return [...new Set([...existing.filter((l) => !l.startsWith('severity:')), ...ours])];
}

/**
 * One issue a subject (a finding or an incident), found again by the id in its hidden marker. `state` is what the
 * body remembers for the next run; `comment` says what is new since the last (undefined: nothing to say).
 */
interface IssueSubject<S> {
  id: string;
  severity: Severity;
  title: string;
  marker: string;
  state(prev: Partial<S> | undefined): S;
  render(maxChars: number): string;
  comment(prev: Partial<S> | undefined): string | undefined;
}

/** What differs between finding and incident issues: how a body names its subject, and the log's words. */
interface IssueKind {
  plural: string;
  idOf(body: string | undefined): string | undefined;
  logLine(created: number, updated: number, commented: number, closed: number): string;
}

/**
 * Opens, updates and comments on one issue per subject (the most severe MAX_FINDING_ISSUES), then closes the open
 * issues whose subject is gone from a complete run. One subject failing never stops the others.
 */
async function syncIssues<S>(
  kind: IssueKind,
  subjects: readonly IssueSubject<S>[],
  report: Report,
  config: Config,
  deps: PublishDeps,
  gh: ReturnType<typeof repoOf>,
  open: IssueRef[],
): Promise<DestinationResult & { issueUrl?: string }> {
  const byId = new Map<string, IssueRef>();
  for (const i of open) {
    const id = kind.idOf(i.body);
    if (id && !byId.has(id)) byId.set(id, i);
  }
  const targets = subjects.slice(0, MAX_FINDING_ISSUES);
  if (subjects.length > targets.length) {
    deps.logger.warning(
      `issue: ${subjects.length} ${kind.plural}; issues are kept for the ${MAX_FINDING_ISSUES} most severe, the rest are in the report`,
    );
  }
  const failures: string[] = [];
  let created = 0;
  let updated = 0;
  let commented = 0;
  let firstUrl: string | undefined;
  for (const t of targets) {
    try {
      const existing = byId.get(t.id);
      const prev = existing ? stateOf<S>(existing.body) : undefined;
      const head = [t.marker, workflowMarker(deps.context.workflow), stateMarker(t.state(prev))]
        .filter((x) => x)
        .join('\n');
      const body = `${head}\n${t.render(LIMITS.issueBodyChars - MARKER_ROOM)}`;
      let issue: IssueRef;
      if (existing) {
        issue = await gh.github.updateIssue(gh.owner, gh.repo, existing.number, {
          title: t.title,
          body,
          labels: labelsFor(existing.labels, t.severity, config),
        });
        updated++;
        const comment = t.comment(prev);
        if (comment !== undefined) {
          await gh.github.createComment(gh.owner, gh.repo, existing.number, comment);
          commented++;
        }
      } else {
        issue = await gh.github.createIssue(gh.owner, gh.repo, {
          title: t.title,
          body,
          labels: labelsFor([], t.severity, config),
          assignees: [...config.reporting.issueAssignees],
        });
        created++;
      }
      firstUrl ??= issue.url;
    } catch (err) {
      failures.push(`${t.id} (${t.title.slice(0, 80)}): ${errorText(err)}`);
    }
  }
  const current = new Set(subjects.map((t) => t.id));
  const closed = await closeResolved(
    report,
    config,
    deps,
    gh,
    open.filter((i) => {
      const id = kind.idOf(i.body);
      return id !== undefined && !current.has(id);
    }),
    failures,
  );
  deps.logger.info(kind.logLine(created, updated, commented, closed));
  return result(failures, firstUrl);
}

const FINDING_ISSUES: IssueKind = {
  plural: 'findings',
  idOf: findingIdOf,
  logLine: (created, updated, commented, closed) =>
    `issue: ${created} opened, ${updated} updated (${commented} with new activity), ${closed} closed as resolved`,
};

const INCIDENT_ISSUES: IssueKind = {
  plural: 'incidents',
  idOf: incidentIdOf,
  logLine: (created, updated, commented, closed) =>
    `issue: ${created} incident issue(s) opened, ${updated} updated (${commented} with findings joined), ${closed} closed as resolved`,
};

/** One issue per finding; a comment when it is seen again with new evidence, more events or a higher severity. */
function findingIssues(
  report: Report,
  config: Config,
  deps: PublishDeps,
  redaction: Redaction,
  gh: ReturnType<typeof repoOf>,
  open: IssueRef[],
): Promise<DestinationResult & { issueUrl?: string }> {
  const subjects = report.findings.map((f): IssueSubject<FindingState> => ({
    id: f.id,
    severity: f.severity,
    title: issueTitle(`[TrailSight] ${f.severity}: ${f.title}`, redaction),
    marker: findingMarker(f.id),
    state: (prev) => ({
      severity: f.severity,
      count: f.count,
      lastSeen: f.lastSeen,
      eventIds: [...new Set([...f.evidence.eventIds, ...(prev?.eventIds ?? [])])].slice(0, REMEMBERED_EVENTS),
    }),
    render: (maxChars) => renderFindingMarkdown(report, f, { maxChars, redaction }),
    comment: (prev) => {
      const prevIds = new Set(prev?.eventIds ?? []);
      const newIds = f.evidence.eventIds.filter((id) => !prevIds.has(id));
      const raised = prev?.severity !== undefined && severityRank(f.severity) > severityRank(prev.severity);
      // More events, later than any reported: new activity even when the kept evidence ids are the same.
      const grew = prev?.count !== undefined && f.count > prev.count && f.lastSeen > (prev.lastSeen ?? '');
      return newIds.length > 0 || raised || grew
        ? seenAgainComment(report, f, newIds, raised ? prev?.severity : undefined)
        : undefined;
    },
  }));
  return syncIssues(FINDING_ISSUES, subjects, report, config, deps, gh, open);
}

/** One issue per incident, found again by its id as findings join it; a comment when some did or it got worse. */
function incidentIssues(
  report: Report,
  config: Config,
  deps: PublishDeps,
  redaction: Redaction,
  gh: ReturnType<typeof repoOf>,
  open: IssueRef[],
): Promise<DestinationResult & { issueUrl?: string }> {
  const findings = new Map(report.findings.map((f) => [f.id, f]));
  const subjects = report.incidents.map((inc): IssueSubject<IncidentState> => ({
    id: inc.id,
    severity: inc.severity,
    title: issueTitle(`[TrailSight] ${inc.severity}: ${inc.title}`, redaction),
    marker: incidentMarker(inc.id),
    state: (prev) => ({
      severity: inc.severity,
      findings: [...new Set([...inc.findingIds, ...(prev?.findings ?? [])])].slice(0, REMEMBERED_FINDINGS),
    }),
    render: (maxChars) => renderIncidentMarkdown(report, inc, { maxChars, redaction }),
    comment: (prev) => {
      const known = new Set(prev?.findings ?? []);
      const joined = inc.findingIds.filter((id) => !known.has(id));
      const raised = prev?.severity !== undefined && severityRank(inc.severity) > severityRank(prev.severity);
      // A body without state (edited by hand) cannot tell what joined: say nothing rather than list everything.
      const told = prev?.findings !== undefined ? joined : [];
      return told.length > 0 || raised
        ? joinedComment(report, inc, told, findings, raised ? prev?.severity : undefined, redaction)
        : undefined;
    },
  }));
  return syncIssues(INCIDENT_ISSUES, subjects, report, config, deps, gh, open);
}

/** The comment on an incident issue when findings joined it or its severity rose. */
function joinedComment(
  report: Report,
  inc: Incident,
  joined: readonly string[],
  findings: ReadonlyMap<string, Finding>,
  raisedFrom: Severity | undefined,
  redaction: Redaction,
): string {
  const lines = [`**Incident updated** in ${runLink(report)}: ${inc.findingIds.length} finding(s) now.`];
  if (raisedFrom) lines.push(`Severity raised from **${raisedFrom}** to **${inc.severity}**.`);
  if (joined.length > 0) {
    const shown = joined.slice(0, 20).map((id) => {
      const f = findings.get(id);
      return f
        ? `- **${f.severity}** ${mdInline(redactText(f.title, redaction))} (${codeSpan(id)})`
        : `- ${codeSpan(id)}`;
    });
    const more = joined.length > shown.length ? `\n- …and ${joined.length - shown.length} more` : '';
    lines.push(`Findings that joined:\n\n${shown.join('\n')}${more}`);
  }
  return lines.join('\n\n');
}

function seenAgainComment(
  report: Report,
  f: Finding,
  newIds: string[],
  raisedFrom: Severity | undefined,
): string {
  const lines = [
    `**Seen again** in ${runLink(report)}: ${f.count} event(s) in this window, last ${mdInline(f.lastSeen)}.`,
  ];
  if (raisedFrom) lines.push(`Severity raised from **${raisedFrom}** to **${f.severity}**.`);
  if (newIds.length > 0) {
    const shown = newIds.slice(0, 10).map((id) => codeSpan(id));
    lines.push(
      `New evidence: ${shown.join(', ')}${newIds.length > shown.length ? ` and ${newIds.length - shown.length} more` : ''}.`,
    );
  }
  return lines.join('\n\n');
}

async function closeResolved(
  report: Report,
  config: Config,
  deps: PublishDeps,
  gh: ReturnType<typeof repoOf>,
  candidates: IssueRef[],
  failures: string[],
  reportMode = false,
): Promise<number> {
  if (!config.reporting.closeResolved || candidates.length === 0) return 0;
  if (!isComplete(report)) {
    deps.logger.info(
      `issue: not closing ${candidates.length} issue(s): this run did not review its whole window`,
    );
    return 0;
  }
  let closed = 0;
  for (const i of candidates) {
    try {
      const id = findingIdOf(i.body);
      const suppressed = report.suppressed.find((s) => s.findingId === id);
      const why = reportMode
        ? 'no findings'
        : suppressed
          ? `it is now suppressed by ${codeSpan(suppressed.suppression)} (${mdInline(suppressed.reason)})`
          : 'it was not seen';
      await gh.github.createComment(
        gh.owner,
        gh.repo,
        i.number,
        `**Resolved:** ${why} in the complete review of ${mdInline(report.window.start)} → ${mdInline(report.window.end)} (${runLink(report)}). Closing; if it happens again, TrailSight opens a new issue.`,
      );
      await gh.github.updateIssue(gh.owner, gh.repo, i.number, { state: 'closed', stateReason: 'completed' });
      closed++;
    } catch (err) {
      failures.push(`closing #${i.number}: ${errorText(err)}`);
    }
  }
  return closed;
}

async function reportIssue(
  report: Report,
  config: Config,
  deps: PublishDeps,
  redaction: Redaction,
  gh: ReturnType<typeof repoOf>,
  open: IssueRef[],
): Promise<DestinationResult & { issueUrl?: string }> {
  const existing = open.find((i) => i.body.includes(REPORT_MARKER));
  const clean = report.findings.length === 0;
  if (!existing && clean) return { name: 'issue', ok: true, skipped: 'no findings: no issue opened' };
  const ranked = [...report.findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const state: ReportState = {
    findings: Object.fromEntries(ranked.slice(0, REMEMBERED_FINDINGS).map((f) => [f.id, f.severity])),
  };
  const head = [REPORT_MARKER, workflowMarker(deps.context.workflow), stateMarker(state)]
    .filter((x) => x)
    .join('\n');
  const body = `${head}\n${renderMarkdown(report, { maxChars: LIMITS.issueBodyChars - MARKER_ROOM, redaction, destination: 'issue' })}`;
  const title = issueTitle(`TrailSight security review: ${headline(report)}`, redaction);
  const labels = (existingLabels: readonly string[]): string[] =>
    labelsFor(existingLabels, maxSeverity(report.findings), config);
  if (!existing) {
    const issue = await gh.github.createIssue(gh.owner, gh.repo, {
      title,
      body,
      labels: labels([]),
      assignees: [...config.reporting.issueAssignees],
    });
    deps.logger.info(`issue: opened ${issue.url}`);
    return { name: 'issue', ok: true, url: issue.url, issueUrl: issue.url };
  }
  const prev = stateOf<ReportState>(existing.body)?.findings ?? {};
  const fresh = report.findings.filter(
    (f) => prev[f.id] === undefined || severityRank(f.severity) > severityRank(prev[f.id] as Severity),
  );
  const issue = await gh.github.updateIssue(gh.owner, gh.repo, existing.number, {
    title,
    body,
    labels: labels(existing.labels),
  });
  if (fresh.length > 0) {
    const list = fresh.slice(0, 20).map((f) => `- **${f.severity}** ${mdInline(f.title)}`);
    const more = fresh.length > 20 ? `\n- …and ${fresh.length - 20} more` : '';
    await gh.github.createComment(
      gh.owner,
      gh.repo,
      existing.number,
      `**New since the last update** (${runLink(report)}): ${severityPhrase(fresh)}\n\n${list.join('\n')}${more}`,
    );
  }
  const failures: string[] = [];
  if (clean) await closeResolved(report, config, deps, gh, [existing], failures, true);
  deps.logger.info(
    `issue: updated ${issue.url}${fresh.length > 0 ? ` (${fresh.length} new finding(s))` : ''}`,
  );
  return { ...result(failures, issue.url) };
}

function result(failures: string[], url: string | undefined): DestinationResult & { issueUrl?: string } {
  const base: DestinationResult & { issueUrl?: string } = { name: 'issue', ok: failures.length === 0 };
  if (url) {
    base.url = url;
    base.issueUrl = url;
  }
  if (failures.length > 0)
    base.error =
      failures.slice(0, 5).join('; ') + (failures.length > 5 ? `; and ${failures.length - 5} more` : '');
  return base;
}

/** An error with its HTTP status when GitHub gave one. */
export function errorText(err: unknown): string {
  const status = (err as { status?: unknown } | null)?.status;
  return `${typeof status === 'number' ? `HTTP ${status}: ` : ''}${describeError(err)}`;
}
