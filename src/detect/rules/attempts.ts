/**
 * Failed attempts at high-impact calls. An intruder who tries to stop logging or mint a key and is refused has still
 * shown intent, and the built-in rules count only calls that succeeded. The attempt rule is built from those rules'
 * own conditions, so "an attempt at X" always means the same call X's rule would have flagged had it succeeded.
 */
import type { Condition, RuleInput } from '../schema.js';
import { all, any, f, names, not } from './helpers.js';

/**
 * Built-in rules whose failed calls are attempts. Rules that already count failed calls (`includeErrors`, e.g.
 * TS-ORG-001 LeaveOrganization, the secret-read bursts) are left out: they report a refused call themselves, and
 * counting it again here would report one call twice.
 */
export const ATTEMPTED_RULE_IDS: readonly string[] = [
  'TS-LOG-001',
  'TS-LOG-002',
  'TS-LOG-003',
  'TS-LOG-004',
  'TS-LOG-006',
  'TS-LOG-007',
  'TS-LOG-008',
  'TS-LOG-009',
  'TS-IAM-001',
  'TS-IAM-002',
  'TS-IAM-003',
  'TS-IAM-004',
  'TS-IAM-006',
  'TS-IAM-007',
  'TS-IAM-010',
  'TS-IAM-011',
  'TS-S3-001',
  'TS-S3-002',
  'TS-S3-003',
  'TS-S3-004',
  'TS-SNAP-001',
  'TS-SNAP-002',
  'TS-KMS-001',
  'TS-EBS-001',
  'TS-MON-001',
  'TS-MON-002',
  'TS-MON-003',
  'TS-MON-004',
  'TS-MON-005',
  'TS-MON-006',
  'TS-EC2-001',
  'TS-LAMBDA-003',
  'TS-LAMBDA-004',
  'TS-AI-001',
];

/**
 * Calls with no rule of their own (a successful one is routine, or is judged by what its policy says) whose refusal
 * still reads as an attempt to open or strip a bucket's protection.
 */
export const ATTEMPTED_CALLS: readonly string[] = ['DeleteBucketPolicy', 'PutBucketPolicy'];

export const ATTEMPT_RULE_ID = 'TS-TRY-001';

/** A refused or failed call: an error code, or (console sign-in) an error message. */
const failed: Condition = any(f('errorCode', { exists: true }), f('errorMessage', { exists: true }));

/** The attempt rule over `base`, the rest of the built-in pack (throws if a listed rule is missing or counts errors). */
export function attemptRule(base: readonly RuleInput[]): RuleInput {
  const conditions = ATTEMPTED_RULE_IDS.map((id) => {
    const r = base.find((x) => x.id === id);
    if (!r) throw new Error(`attempt rule: no built-in rule ${id}`);
    if (r.includeErrors === true || (r.kind !== undefined && r.kind !== 'match'))
      throw new Error(`attempt rule: ${id} counts failed calls itself or is not a match rule`);
    // The pack's conditions are written as Condition data; the input type only loses that to zod's `unknown`.
    const match = r.match as Condition;
    return r.exclude ? all(match, not(r.exclude as Condition)) : match;
  });
  return {
    id: ATTEMPT_RULE_ID,
    title: 'Failed attempts at high-impact calls',
    severity: 'low',
    why: 'A refused call changed nothing, and permission errors are common while infrastructure code is written, so one attempt is low. One principal refused at three or more different high-impact calls in a window is probing what it can break: medium.',
    technique: 'T1562',
    description:
      'A principal tried calls that the built-in rules flag when they succeed (stopping or narrowing logging, disabling security services, minting keys or console passwords for others, granting administrator rights, opening buckets, snapshots or functions) and the call failed: refused, a missing resource or a validation error. The attempt shows intent even though nothing changed. Each sample carries the error.',
    remediation:
      "Ask the principal's owner what the calls were for; if nobody can explain them, treat the credentials as compromised: `aws iam list-access-keys --user-name <user>` then `aws iam update-access-key --status Inactive`, or revoke a role's sessions (console: IAM > Roles > role > Revoke active sessions). Review what else the principal did in the window.",
    tags: ['attempt', 'defense-evasion', 'persistence'],
    match: all(failed, any(...conditions, names(...ATTEMPTED_CALLS))),
    includeErrors: true,
    escalate: { distinct: 'name', atLeast: 3, severity: 'medium' },
  };
}
