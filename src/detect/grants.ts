/**
 * Resource-policy grants to other AWS accounts: which calls set a resource policy, where the policy (or the account
 * list) is in the request, and whether an Allow statement names an account outside the reviewed ones. Policies
 * arrive as objects or as JSON strings, depending on the service; both are read.
 */
import type { TrailEvent } from '../types.js';
import { globToRegExp } from './match.js';

/** Accounts and organisations a policy may name without it being "outside". */
export interface TrustedScope {
  accounts: ReadonlySet<string>;
  orgs: ReadonlySet<string>;
}

/** What a resource-policy call grants outside the reviewed accounts. */
export interface Grant {
  /** Outside accounts named, sorted. */
  accounts: string[];
  /** An outside account may read data (s3:GetObject, kms:Decrypt, secretsmanager:GetSecretValue, or a wildcard covering it). */
  readsData: boolean;
  /** The policy also takes the owner's own access away (a Deny naming the owner; a key policy that no longer names it). */
  ownerRemoved: boolean;
}

interface PolicyCall {
  /** Short service names (TrailEvent.service) the call belongs to. */
  services: readonly string[];
  /** Where the grant is: a policy document, or SQS/SNS AddPermission's account list. */
  shape: 'policy' | 'account-list';
  /** Actions that read the resource's data. */
  dataActions: readonly string[];
  /** A key policy is the only way into a KMS key: one that names no principal of the owner locks the owner out. */
  ownerNeedsStatement?: boolean;
}

/** The calls that set a resource policy, by event name. Lambda's AddPermission is TS-LAMBDA-003's. */
export const POLICY_CALLS: Readonly<Record<string, PolicyCall>> = {
  PutBucketPolicy: { services: ['s3'], shape: 'policy', dataActions: ['s3:GetObject'] },
  PutAccessPointPolicy: { services: ['s3', 's3control'], shape: 'policy', dataActions: ['s3:GetObject'] },
  PutKeyPolicy: {
    services: ['kms'],
    shape: 'policy',
    dataActions: ['kms:Decrypt'],
    ownerNeedsStatement: true,
  },
  CreateKey: { services: ['kms'], shape: 'policy', dataActions: ['kms:Decrypt'], ownerNeedsStatement: true },
  SetQueueAttributes: { services: ['sqs'], shape: 'policy', dataActions: [] },
  CreateQueue: { services: ['sqs'], shape: 'policy', dataActions: [] },
  SetTopicAttributes: { services: ['sns'], shape: 'policy', dataActions: [] },
  CreateTopic: { services: ['sns'], shape: 'policy', dataActions: [] },
  SetRepositoryPolicy: { services: ['ecr'], shape: 'policy', dataActions: [] },
  PutResourcePolicy: {
    services: ['secretsmanager'],
    shape: 'policy',
    dataActions: ['secretsmanager:GetSecretValue'],
  },
  AddPermission: { services: ['sqs', 'sns'], shape: 'account-list', dataActions: [] },
};

export const POLICY_CALL_NAMES: readonly string[] = Object.keys(POLICY_CALLS);

/** Request keys that hold a policy document, at any depth (S3 control nests it in `PutAccessPointPolicyRequest`). */
const POLICY_KEY = /^(policy|bucketPolicy|policyText|resourcePolicy)$/i;
const ACCOUNT_LIST_KEY = /^awsaccountids?$/i;
/** Condition keys that pin who may use a grant; operators with `Not` in their name do not pin anything. */
const ORG_KEY = 'aws:principalorgid';
const ACCOUNT_KEYS = new Set(['aws:sourceaccount', 'aws:principalaccount', 'aws:sourceowner']);

const ACCOUNT_OF = /^(?:(\d{12})|arn:aws[\w-]*:(?:iam|sts)::(\d{12}):.*)$/;

/** The account an AWS principal names (`123456789012`, `arn:aws:iam::123456789012:root`, a role ARN), or undefined. */
function accountOf(principal: string): string | undefined {
  const m = ACCOUNT_OF.exec(principal.trim());
  return m ? (m[1] ?? m[2]) : undefined;
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const strings = (v: unknown): string[] => asList(v).filter((x): x is string => typeof x === 'string');

/** A JSON string parsed, an object as is; anything else undefined. */
function asDocument(v: unknown): Record<string, unknown> | undefined {
  if (typeof v === 'string') {
    const t = v.trim();
    if (!t.startsWith('{')) return undefined;
    try {
      return asDocument(JSON.parse(t));
    } catch {
      return undefined;
    }
  }
  return v !== null && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

/** Every policy document in the request (SNS puts it in attributeValue when attributeName is Policy). */
function policiesIn(rp: Record<string, unknown>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (typeof rp.attributeName === 'string' && rp.attributeName.toLowerCase() === 'policy') {
    const d = asDocument(rp.attributeValue);
    if (d) out.push(d);
  }
  const walk = (o: Record<string, unknown>, depth: number): void => {
    for (const [k, v] of Object.entries(o)) {
      if (POLICY_KEY.test(k)) {
        const d = asDocument(v);
        if (d) out.push(d);
      } else if (depth < 2 && v !== null && typeof v === 'object' && !Array.isArray(v))
        walk(v as Record<string, unknown>, depth + 1);
    }
  };
  walk(rp, 0);
  return out;
}

/** The values a statement's Condition pins `keys` to (through operators that allow, not `…Not…`). */
function pinned(condition: unknown, match: (key: string) => boolean): string[] {
  const out: string[] = [];
  const c = asDocument(condition);
  if (!c) return out;
  for (const [op, body] of Object.entries(c)) {
    if (/not/i.test(op)) continue;
    const b = asDocument(body);
    if (!b) continue;
    for (const [k, v] of Object.entries(b)) if (match(k.toLowerCase())) out.push(...strings(v));
  }
  return out;
}

/** Whether the statement's actions (Action, or everything but NotAction) include one of `wanted`. */
function coversAny(statement: Record<string, unknown>, wanted: readonly string[]): boolean {
  if (wanted.length === 0) return false;
  const test = (patterns: string[], action: string): boolean =>
    patterns.some((p) => globToRegExp(p, true).test(action));
  if (statement.Action !== undefined) return wanted.some((a) => test(strings(statement.Action), a));
  if (statement.NotAction !== undefined) return wanted.some((a) => !test(strings(statement.NotAction), a));
  return false;
}

/** What a resource-policy call grants outside `trusted` and the event's own accounts; undefined when nothing. */
export function grantOf(e: TrailEvent, trusted: TrustedScope): Grant | undefined {
  const call = POLICY_CALLS[e.name];
  if (!call || !call.services.includes(e.service)) return undefined;
  const rp = asDocument(e.raw.requestParameters);
  if (!rp) return undefined;
  const owner = e.account;
  const own = (account: string): boolean =>
    account === owner || account === e.principal.accountId || trusted.accounts.has(account);
  const outside = new Set<string>();
  let readsData = false;

  if (call.shape === 'account-list') {
    for (const [k, v] of Object.entries(rp))
      if (ACCOUNT_LIST_KEY.test(k))
        for (const p of strings(v)) {
          const a = accountOf(p);
          if (a !== undefined && !own(a)) outside.add(a);
        }
    return outside.size
      ? { accounts: [...outside].sort(), readsData: false, ownerRemoved: false }
      : undefined;
  }

  let ownerDenied = false;
  let ownerNamed = false;
  for (const doc of policiesIn(rp)) {
    for (const st of asList(doc.Statement)) {
      const s = asDocument(st);
      if (!s) continue;
      const principal = s.Principal;
      const p = asDocument(principal);
      const aws = p ? strings(p.AWS) : [];
      const star = principal === '*' || aws.includes('*');
      const named = aws.map(accountOf).filter((a): a is string => a !== undefined);
      const orgs = pinned(s.Condition, (k) => k === ORG_KEY);
      const accounts = pinned(s.Condition, (k) => ACCOUNT_KEYS.has(k));
      if (s.Effect === 'Deny') {
        if (named.includes(owner)) ownerDenied = true;
        continue;
      }
      if (s.Effect !== 'Allow') continue;
      if (named.includes(owner) || (star && accounts.includes(owner))) ownerNamed = true;
      // A grant pinned to a trusted organisation or to trusted accounts stays inside, whoever it names.
      if (orgs.length > 0 && orgs.every((o) => trusted.orgs.has(o))) continue;
      if (accounts.length > 0 && accounts.every(own)) continue;
      const here = named.filter((a) => !own(a));
      // `*` is public, the public-policy rule's (TS-S3-001); narrowed to an outside account, it is a grant to it.
      if (star) here.push(...accounts.filter((a) => /^\d{12}$/.test(a) && !own(a)));
      if (here.length === 0) continue;
      for (const a of here) outside.add(a);
      if (coversAny(s, call.dataActions)) readsData = true;
    }
  }
  if (outside.size === 0) return undefined;
  return {
    accounts: [...outside].sort(),
    readsData,
    ownerRemoved: ownerDenied || (call.ownerNeedsStatement === true && !ownerNamed),
  };
}
