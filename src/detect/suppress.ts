/** Suppressions: known, accepted activity that is listed in the report as suppressed instead of as a finding. */
import type { Principal, TrailEvent } from '../types.js';
import { compile, globMatcher, type Params, type Predicate } from './match.js';
import type { Suppression } from './schema.js';

/** A suppression ready to test, with where it came from (`file:line`) and whether it has expired. */
export interface ActiveSuppression {
  label: string;
  reason: string;
  expired: boolean;
  expires?: Date;
  /** Findings (by id) this suppression hid. */
  hits: number;
  findingId?: string;
  matchesRule(ruleId: string): boolean;
  matchesEvent(e: TrailEvent): boolean;
  /**
   * For model findings, which carry no events: set only on suppressions without `match:` conditions whose
   * `rule` is absent or matches `ai`; tests the finding's principal and accounts.
   */
  matchesAiFinding?: (f: { principal?: string; accounts: readonly string[] }) => boolean;
}

/** True when a principal glob matches the principal's key, ARN, user name or session issuer name. */
export function principalMatcher(glob: string): (p: Principal) => boolean {
  const m = globMatcher(glob, true);
  return (p) =>
    m(p.key) ||
    (p.arn !== undefined && m(p.arn)) ||
    (p.userName !== undefined && m(p.userName)) ||
    (p.sessionIssuerArn !== undefined && m(p.sessionIssuerArn)) ||
    (p.sessionIssuerName !== undefined && m(p.sessionIssuerName));
}

/** Compile suppressions; those past their expiry (relative to `now`) are kept but marked expired, so they warn and hide nothing. */
export function compileSuppressions(
  list: readonly { s: Suppression; label: string }[],
  now: Date,
  params: Params = {},
): ActiveSuppression[] {
  return list.map(({ s, label }) => {
    const rule = s.rule !== undefined ? globMatcher(s.rule, true) : undefined;
    const principal = s.principal !== undefined ? principalMatcher(s.principal) : undefined;
    const match: Predicate | undefined = s.match ? compile(s.match, params) : undefined;
    const out: ActiveSuppression = {
      label,
      reason: s.reason,
      expired: s.expires !== undefined && s.expires.getTime() < now.getTime(),
      hits: 0,
      matchesRule: (id) => rule === undefined || rule(id),
      matchesEvent: (e) =>
        (principal === undefined || principal(e.principal)) &&
        (s.account === undefined || s.account === e.account) &&
        (match === undefined || match(e, e)),
    };
    if (s.expires !== undefined) out.expires = s.expires;
    if (s.id !== undefined) out.findingId = s.id;
    if (!match && (rule === undefined || rule('ai'))) {
      out.matchesAiFinding = (f) =>
        (principal === undefined ||
          (f.principal !== undefined &&
            principal({
              type: '',
              key: f.principal,
              ...(f.principal.startsWith('arn:') ? { arn: f.principal } : {}),
            }))) &&
        (s.account === undefined || f.accounts.includes(s.account));
    }
    return out;
  });
}

/** The first live suppression that hides a model finding (by its principal and accounts), if any. */
export function findAiSuppression(
  sups: readonly ActiveSuppression[],
  f: { id: string; principal?: string; accounts: readonly string[] },
): ActiveSuppression | undefined {
  for (const s of sups) {
    if (s.expired || !s.matchesAiFinding) continue;
    if (s.findingId !== undefined && s.findingId !== f.id) continue;
    if (s.matchesAiFinding(f)) return s;
  }
  return undefined;
}

/** The live (unexpired) suppressions whose rule pattern names `ruleId`: worked out once per rule. */
export function liveFor(sups: readonly ActiveSuppression[], ruleId: string): ActiveSuppression[] {
  return sups.filter((s) => !s.expired && s.matchesRule(ruleId));
}

/** Of a rule's live suppressions (liveFor), those whose event conditions `e` meets (finding ids are checked later). */
export function suppressionsFor(live: readonly ActiveSuppression[], e: TrailEvent): ActiveSuppression[] {
  return live.filter((s) => s.matchesEvent(e));
}

/** Of the suppressions an event met, the first that also hides this finding, if any. */
export function pickSuppression(
  met: readonly ActiveSuppression[],
  findingId: string,
): ActiveSuppression | undefined {
  return met.find((s) => s.findingId === undefined || s.findingId === findingId);
}
