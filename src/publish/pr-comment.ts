import { LIMITS } from '../report/limits.js';
import { renderMarkdown } from '../report/markdown.js';
import type { Redaction } from '../report/redact.js';
import type { Report } from '../types.js';
import { repoOf } from './issues.js';
import { COMMENT_MARKER, sameWorkflow, workflowMarker } from './markers.js';
import type { DestinationResult, PublishDeps } from './types.js';

// Events whose payload names a pull request the comment can go on.
const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);
// Room for the hidden markers.
const MARKER_ROOM = 1_024;

/** `report-to: pr-comment`: one sticky comment per pull request, found by its marker and updated in place. */
export async function publishPrComment(
  report: Report,
  deps: PublishDeps,
  redaction: Redaction,
): Promise<DestinationResult> {
  const { eventName, prNumber } = deps.context;
  if (!eventName || !PR_EVENTS.has(eventName) || prNumber === undefined) {
    const why = `not a pull-request event (${eventName ?? 'no event'}): no comment posted`;
    deps.logger.info(`pr-comment: ${why}`);
    return { name: 'pr-comment', ok: true, skipped: why };
  }
  const gh = repoOf(deps, 'pr-comment');
  const head = [COMMENT_MARKER, workflowMarker(deps.context.workflow)].filter((x) => x).join('\n');
  const body = `${head}\n${renderMarkdown(report, { maxChars: LIMITS.commentBodyChars - MARKER_ROOM, redaction, destination: 'comment' })}`;
  const comments = await gh.github.listComments(gh.owner, gh.repo, prNumber);
  const existing = comments.find(
    (c) => c.body.includes(COMMENT_MARKER) && sameWorkflow(c.body, deps.context.workflow),
  );
  const c = existing
    ? await gh.github.updateComment(gh.owner, gh.repo, existing.id, body)
    : await gh.github.createComment(gh.owner, gh.repo, prNumber, body);
  deps.logger.info(`pr-comment: ${existing ? 'updated' : 'posted'} ${c.url}`);
  return { name: 'pr-comment', ok: true, url: c.url };
}
