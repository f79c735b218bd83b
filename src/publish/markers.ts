/**
 * Hidden HTML comments in issue and comment bodies: how a later run finds what an earlier run posted,
 * and what it had seen then (so a comment is added only when something new appears).
 */

/** Marks the issue of one finding fingerprint (`issue-mode: finding`). */
export const findingMarker = (id: string): string => `<!-- trailsight:finding:${id} -->`;
/** Marks the issue of one incident (`issue-mode: incident`). */
export const incidentMarker = (id: string): string => `<!-- trailsight:incident:${id} -->`;
/** Marks the issue of a run series (`issue-mode: report`). */
export const REPORT_MARKER = '<!-- trailsight:report -->';
/** Marks the sticky pull-request comment. */
export const COMMENT_MARKER = '<!-- trailsight:comment -->';

const FINDING_ID = /<!-- trailsight:finding:([A-Za-z0-9_.-]+) -->/;
const INCIDENT_ID = /<!-- trailsight:incident:([A-Za-z0-9_.-]+) -->/;
const WORKFLOW = /<!-- trailsight:workflow:(\S*) -->/;
const STATE = /<!-- trailsight:state (\{.*?\}) -->/s;

/** Keeps one workflow's run series apart from another's in the same repository. */
export function workflowMarker(workflow: string | undefined): string {
  return workflow ? `<!-- trailsight:workflow:${encodeURIComponent(workflow)} -->` : '';
}

/** True when a body belongs to this workflow's series (both unnamed counts as the same series). */
export function sameWorkflow(body: string, workflow: string | undefined): boolean {
  const m = WORKFLOW.exec(body)?.[1];
  return (m === undefined ? undefined : decodeURIComponent(m)) === (workflow || undefined);
}

/** The finding id an issue body is marked with, if any. */
export function findingIdOf(body: string): string | undefined {
  return FINDING_ID.exec(body)?.[1];
}

/** The incident id an issue body is marked with, if any. */
export function incidentIdOf(body: string): string | undefined {
  return INCIDENT_ID.exec(body)?.[1];
}

/** A JSON state comment; `<`, `>` and `&` are escaped so the JSON can never end the comment. */
export function stateMarker(state: unknown): string {
  const json = JSON.stringify(state).replace(
    /[<>&]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `<!-- trailsight:state ${json} -->`;
}

/** The state an earlier run left in a body, or undefined when absent or unreadable. */
export function stateOf<T>(body: string): Partial<T> | undefined {
  const m = STATE.exec(body)?.[1];
  if (!m) return undefined;
  try {
    const v: unknown = JSON.parse(m);
    return v && typeof v === 'object' ? (v as Partial<T>) : undefined;
  } catch {
    return undefined;
  }
}
