import type { Severity, SourceKind } from '../types.js';

export type Engine = 'auto' | 'batch' | 'direct' | 'rules-only';
export type RunMode = 'run' | 'submit' | 'collect';
export type WindowKind = 'fixed' | 'since-last-run';
export type Destination = 'summary' | 'issue' | 'pr-comment' | 'sns';
export type IssueMode = 'report' | 'finding';
export type FailOn = 'none' | Severity;
/** `auto`: mask in public repositories; `none`; or an explicit list of what to mask. */
export type RedactKind = 'account-ids' | 'ip-addresses' | 'access-key-ids';
export type Redact = { mode: 'auto' } | { mode: 'none' } | { mode: 'list'; kinds: RedactKind[] };

/** The whole, validated configuration of one run. Frozen; read once from inputs or CLI flags. */
export interface Config {
  aws: {
    region: string;
    roleToAssume?: string;
    roleSessionName?: string;
    roleDurationSeconds: number;
    audience: string;
    allowedAccountIds: string[];
    /** CLI only: a named profile from the shared config files. */
    profile?: string;
  };
  window: {
    kind: WindowKind;
    /** Resolved absolute window. For since-last-run, `start` is replaced by the checkpoint when there is one. */
    start: Date;
    end: Date;
    /** The lookback that produced `start`, in ms (kept for reporting). */
    lookbackMs: number;
    stateBucket?: string;
    statePrefix: string;
  };
  source: {
    kind: SourceKind;
    regions: string[];
    trailBucket?: string;
    trailPrefix: string;
    accounts: string[];
    organizationId?: string;
    eventDataStore?: string;
    eventsFiles: string[];
    /** 0 = no limit. */
    maxEvents: number;
  };
  filters: {
    includeServices: string[];
    excludeServices: string[];
    /** ARNs, user names or globs. */
    includePrincipals: string[];
    excludePrincipals: string[];
    includeEvents: string[];
    excludeEvents: string[];
    includeReadOnly: boolean;
  };
  detection: {
    rulesFiles: string[];
    suppressionsFiles: string[];
    disableRules: string[];
    /** Regions the account is expected to use; activity elsewhere is a finding. Empty = no check. */
    allowedRegions: string[];
    /** Account ids and organization ids (`o-…`) resource policies may grant without a finding. */
    trustedAccountIds: string[];
  };
  analysis: {
    engine: Engine;
    modelId: string;
    summaryModelId: string;
    batchRoleArn?: string;
    batchBucket?: string;
    batchPrefix: string;
    mode: RunMode;
    waitTimeoutMinutes: number;
    maxCostUsd: number;
    reportLanguage: string;
    /** Records needed before `auto` picks batch (Bedrock's minimum per job). */
    batchMinRecords: number;
    /** Input-token budget of one digest record. */
    recordTokenBudget: number;
    /** Concurrent Converse calls in direct mode. */
    directConcurrency: number;
    /** Whether verified AI findings count toward the gate. */
    aiFindingsGate: boolean;
  };
  reporting: {
    reportTo: Destination[];
    githubToken?: string;
    issueMode: IssueMode;
    issueLabels: string[];
    issueAssignees: string[];
    closeResolved: boolean;
    snsTopicArn?: string;
    snsMinSeverity: Severity;
    redact: Redact;
    reportPath: string;
  };
  gate: {
    failOn: FailOn;
    failOnError: boolean;
  };
}
