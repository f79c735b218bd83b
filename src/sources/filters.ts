import type { Config } from '../config/types.js';
import type { TrailEvent } from '../types.js';

/** Compiles a glob (`*` any run of characters, `?` one) into a case-insensitive, whole-string RegExp. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (const ch of glob) {
    if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else re += ch.replace(/[.+^${}()|[\]\\/]/g, '\\$&');
  }
  // ARNs contain `/` and `:`, so unlike path globs `*` crosses them: `arn:aws:iam::*:role/*` matches every role.
  return new RegExp(`^${re}$`, 'i');
}

type Matcher = (values: readonly (string | undefined)[]) => boolean;

function compile(patterns: readonly string[]): Matcher | undefined {
  const clean = patterns.map((p) => p.trim()).filter((p) => p.length > 0);
  if (clean.length === 0) return undefined;
  const res = clean.map(globToRegExp);
  return (values) => values.some((v) => v !== undefined && res.some((r) => r.test(v)));
}

/** `iam` and `iam.amazonaws.com` both name the IAM service in a filter. */
function servicePatterns(list: readonly string[]): string[] {
  return list.flatMap((s) => {
    const t = s.trim();
    return t.endsWith('.amazonaws.com') ? [t] : [t, `${t}.amazonaws.com`];
  });
}

/** What a principal filter can match: the grouping key, the ARN, the user name, the session issuer's name and ARN. */
function principalValues(e: TrailEvent): (string | undefined)[] {
  const p = e.principal;
  return [p.key, p.arn, p.userName, p.sessionIssuerName, p.sessionIssuerArn, p.principalId];
}

export type EventFilter = (e: TrailEvent) => boolean;

/** Builds the keep/drop predicate from the config's filters (include lists narrow, exclude lists remove, read-only last). */
export function createEventFilter(filters: Config['filters']): EventFilter {
  const incSvc = compile(servicePatterns(filters.includeServices));
  const excSvc = compile(servicePatterns(filters.excludeServices));
  const incPr = compile(filters.includePrincipals);
  const excPr = compile(filters.excludePrincipals);
  const incEv = compile(filters.includeEvents);
  const excEv = compile(filters.excludeEvents);
  const dropReadOnly = !filters.includeReadOnly;
  return (e) => {
    // Only events that say readOnly=true are dropped: an event without the field may be a write.
    if (dropReadOnly && e.readOnly === true) return false;
    const svc = [e.service, e.source];
    if (incSvc && !incSvc(svc)) return false;
    if (excSvc?.(svc)) return false;
    const ev = [e.name];
    if (incEv && !incEv(ev)) return false;
    if (excEv?.(ev)) return false;
    if (incPr || excPr) {
      const pv = principalValues(e);
      if (incPr && !incPr(pv)) return false;
      if (excPr?.(pv)) return false;
    }
    return true;
  };
}
