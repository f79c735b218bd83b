import type { Severity, SourceKind } from '../types.js';

export type Engine = 'auto' | 'batch' | 'direct' | 'rules-only';
export type RunMode = 'run' | 'submit' | 'collect';
export type WindowKind = 'fixed' | 'since-last-run';
/** Why a window starts where it does (the pipeline sets `checkpoint`, `submitted` and `lookup-limit`). */
export type WindowStartBasis = 'lookback' | 'start-time' | 'checkpoint' | 'submitted' | 'lookup-limit';
/** Why it ends where it does: `settle-minutes` before the run, or the `end-time` input. */
export type WindowEndBasis = 'settle' | 'end-time';
export type Destination = 'summary' | 'issue' | 'pr-comment' | 'sns' | 'securityhub';
/** Files written beside the JSON report (which is always written). */
export type ReportFormat = 'json' | 'ocsf';
export type IssueMode = 'report' | 'finding' | 'incident';
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
    // The four below are set by readConfig; configs built by hand (tests, tools) may leave them out, and the
    // report then says nothing about why the window ends where it does.
    /** `settle-minutes` in ms: CloudTrail's delivery delay, kept clear of the window's end. */
    settleMs?: number;
    /** The run's time the window was resolved against (what "now" meant for it). */
    resolvedAt?: Date;
    startBasis?: WindowStartBasis;
    endBasis?: WindowEndBasis;
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
    /** `source: athena`: the Glue table (`database.table`), the workgroup, and the results location (else the workgroup's). */
    athena?: { database: string; table: string; workgroup: string; output?: string };
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
    /** False: only the rules of rules-file run (absent: true). */
    builtinRules?: boolean;
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
    /** Region of the Security Hub that `report-to: securityhub` imports into (absent: `aws.region`). */
    securityhubRegion?: string;
    redact: Redact;
    reportPath: string;
    /** `json` always; `ocsf` also writes OCSF Detection Findings beside it (absent: `json` only). */
    reportFormats?: ReportFormat[];
  };
  gate: {
    failOn: FailOn;
    failOnError: boolean;
  };
  /** Grouping findings into incidents. Optional so configs built by hand need not name it (default 60 min). */
  correlate?: {
    /** Findings of one actor further apart than this are separate incidents. */
    gapMinutes: number;
  };
}
