/** The rule and suppression schema: one zod definition shared by the built-in pack (type-checked) and user YAML (validated). */
import { z } from 'zod';
import { SEVERITIES } from '../types.js';

type Scalar = string | number | boolean | null;

/** A condition on one field path, with exactly one operator. */
export interface FieldCondition {
  field: string;
  equals?: Scalar;
  /** A list, or `$param` naming a list from the configuration (e.g. `$allowedRegions`). */
  in?: Scalar[] | string;
  glob?: string | string[];
  regex?: string;
  /** The value (an address or a network) lies inside one of these networks. */
  cidr?: string | string[];
  /** The value is a network that covers one of these addresses or networks (e.g. `0.0.0.0/0` = open to the world). */
  cidrCovers?: string | string[];
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
  exists?: boolean;
  contains?: string | string[];
  /** The value equals the value at another path of the same event. */
  equalsField?: string;
  /** The value (a string) does not contain the value at another path (e.g. a policy principal outside our account). */
  notContainsField?: string;
  /** The value equals the value at another path or ends with it as its last `/` segment (an ARN naming that user). */
  endsWithField?: string;
  /** Some element at `field` (an array, or the one value) satisfies a condition whose paths are relative to it. */
  some?: Condition;
  /** Compare strings case-insensitively (equals, in, glob, contains). */
  ignoreCase?: boolean;
}

/** A matcher: a field condition or a combination of them. */
export type Condition = FieldCondition | { all: Condition[] } | { any: Condition[] } | { not: Condition };

export const OPERATORS = [
  'equals',
  'in',
  'glob',
  'regex',
  'cidr',
  'cidrCovers',
  'gt',
  'gte',
  'lt',
  'lte',
  'exists',
  'contains',
  'equalsField',
  'notContainsField',
  'endsWithField',
  'some',
] as const;

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const strOrList = z.union([z.string(), z.array(z.string()).min(1)]);

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
    fieldConditionSchema,
  ]),
);

const fieldConditionSchema: z.ZodType<FieldCondition> = z
  .strictObject({
    field: z.string().min(1),
    equals: scalar.optional(),
    in: z.union([z.array(scalar), z.string().regex(/^\$[A-Za-z]+$/, 'a list or $param')]).optional(),
    glob: strOrList.optional(),
    regex: z.string().optional(),
    cidr: strOrList.optional(),
    cidrCovers: strOrList.optional(),
    gt: z.number().optional(),
    gte: z.number().optional(),
    lt: z.number().optional(),
    lte: z.number().optional(),
    exists: z.boolean().optional(),
    contains: strOrList.optional(),
    equalsField: z.string().optional(),
    notContainsField: z.string().optional(),
    endsWithField: z.string().optional(),
    some: z.lazy(() => conditionSchema).optional(),
    ignoreCase: z.boolean().optional(),
  })
  .refine((c) => OPERATORS.filter((op) => (c as Record<string, unknown>)[op] !== undefined).length === 1, {
    message: `a field condition needs exactly one operator (${OPERATORS.join(', ')})`,
  }) as z.ZodType<FieldCondition>;

export const RULE_ID = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/;
export const TECHNIQUE = /^T\d{4}(\.\d{3})?$/;

export const ruleSchema = z
  .strictObject({
    id: z.string().regex(RULE_ID, 'an id such as TS-LOG-001 or ACME-S3-001'),
    title: z.string().min(1),
    severity: z.enum(SEVERITIES),
    why: z.string().min(1),
    technique: z.string().regex(TECHNIQUE, 'an ATT&CK technique id such as T1562.008'),
    description: z.string().min(1),
    remediation: z.string().min(1),
    tags: z.array(z.string()).default([]),
    kind: z.enum(['match', 'threshold', 'first-seen', 'correlate']).default('match'),
    /**
     * With `kind: correlate`: a built-in correlator that judges the matching events against the whole window
     * (`instance-credentials`: EC2 instance credentials used off the instance, detect/instance-credentials.ts).
     */
    correlate: z.enum(['instance-credentials']).optional(),
    match: conditionSchema,
    exclude: conditionSchema.optional(),
    /** Field paths whose values (besides rule, principal and account) make one incident. */
    dedupe: z.array(z.string()).default([]),
    /** False: the incident is not per principal (e.g. a burst from one IP across many users). */
    dedupePrincipal: z.boolean().default(true),
    /** Field paths shown in evidence samples. */
    details: z.array(z.string()).default([]),
    /** Failed calls (errorCode set) count too; by default only calls that succeeded do. */
    includeErrors: z.boolean().default(false),
    /** Calls made by AWS services, service-linked roles or `invokedBy` count too; by default they do not. */
    includeAwsServices: z.boolean().default(false),
    /**
     * The event must be a resource-policy call (detect/grants.ts) that grants an AWS account outside the reviewed
     * ones (the window's own accounts and `trusted-account-ids`): `data` when the grant reads data or the policy
     * takes the owner's own access away, `access` for any other such grant.
     */
    grants: z.enum(['access', 'data']).optional(),
    /**
     * A finding whose events show at least `atLeast` distinct values of `distinct` (a field path, e.g. `name`: that
     * many different calls) takes `severity` instead of the rule's.
     */
    escalate: z
      .strictObject({
        distinct: z.string().min(1),
        atLeast: z.number().int().min(2),
        severity: z.enum(SEVERITIES),
      })
      .optional(),
    threshold: z
      .strictObject({
        count: z.number().int().min(2),
        windowMinutes: z.number().positive(),
        groupBy: z.array(z.string()).min(1),
      })
      .optional(),
    firstSeen: z
      .strictObject({
        /** What is new: a field path such as `service`, `region`, `userAgent`. */
        value: z.string(),
        /** Whose history: field paths, default the principal. */
        key: z.array(z.string()).default(['principal.key']),
        /** Share of the window used only to learn (0..0.9). */
        warmupShare: z.number().min(0).max(0.9).default(0.5),
      })
      .optional(),
  })
  .superRefine((r, ctx) => {
    if (r.kind === 'threshold' && !r.threshold)
      ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'a threshold rule needs `threshold`' });
    if (r.kind === 'first-seen' && !r.firstSeen)
      ctx.addIssue({ code: 'custom', path: ['firstSeen'], message: 'a first-seen rule needs `firstSeen`' });
    if (r.kind === 'correlate' && !r.correlate)
      ctx.addIssue({ code: 'custom', path: ['correlate'], message: 'a correlate rule needs `correlate`' });
    if (r.kind !== 'correlate' && r.correlate)
      ctx.addIssue({ code: 'custom', path: ['kind'], message: 'set kind to correlate' });
    if (r.kind === 'match' && (r.threshold || r.firstSeen))
      ctx.addIssue({ code: 'custom', path: ['kind'], message: 'set kind to threshold or first-seen' });
  });

/** A validated rule (defaults applied). */
export type Rule = z.output<typeof ruleSchema>;
/** A rule as written (defaults optional): the type of the built-in pack's entries. */
export type RuleInput = z.input<typeof ruleSchema>;

export const allowlistEntrySchema = z.strictObject({
  /** Glob on the principal's key, ARN or user name. */
  principal: z.string().min(1),
  /** Rule id globs; default every rule. */
  rules: z.array(z.string()).optional(),
  reason: z.string().min(1),
});
export type AllowlistEntry = z.output<typeof allowlistEntrySchema>;

export const rulesFileSchema = z.strictObject({
  rules: z.array(ruleSchema).default([]),
  allowlist: z.array(allowlistEntrySchema).default([]),
});

export const suppressionSchema = z
  .strictObject({
    /** A finding id (`ts-…`). */
    id: z
      .string()
      .regex(/^ts-[0-9a-f]{16}$/, 'a finding id such as ts-0123456789abcdef')
      .optional(),
    /** A rule id or glob (`TS-NET-*`). */
    rule: z.string().optional(),
    /** Glob on the principal's key, ARN or user name. */
    principal: z.string().optional(),
    account: z
      .string()
      .regex(/^\d{12}$/, 'a 12-digit account id')
      .optional(),
    match: conditionSchema.optional(),
    reason: z.string().min(1),
    /** Last day the suppression applies (YYYY-MM-DD, UTC, inclusive) or an ISO time. */
    expires: z
      .union([z.string(), z.date()])
      .transform((v, ctx) => {
        const d = v instanceof Date ? v : new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T23:59:59.999Z` : v);
        if (Number.isNaN(d.getTime())) {
          ctx.addIssue({ code: 'custom', message: 'a date such as 2026-12-31' });
          return z.NEVER;
        }
        return d;
      })
      .optional(),
  })
  .refine(
    (s) =>
      s.id !== undefined ||
      s.rule !== undefined ||
      s.principal !== undefined ||
      s.account !== undefined ||
      s.match !== undefined,
    {
      message:
        'a suppression needs at least one of id, rule, principal, account, match (it would hide everything)',
    },
  );
export type Suppression = z.output<typeof suppressionSchema>;
export const suppressionsFileSchema = z.array(suppressionSchema);
