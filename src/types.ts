/** The plain values that flow between TrailSight's stages. Each stage owns its own extra types; these are shared. */

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Numeric rank of a severity, for sorting and gating (info = 0 … critical = 4). */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** The identity that made a call, from `userIdentity`, normalised across every identity type. */
export interface Principal {
  /** userIdentity.type: Root, IAMUser, AssumedRole, FederatedUser, AWSAccount, AWSService, IdentityCenterUser, Unknown … */
  type: string;
  arn?: string | undefined;
  principalId?: string | undefined;
  accountId?: string | undefined;
  userName?: string | undefined;
  accessKeyId?: string | undefined;
  /** For AssumedRole / FederatedUser: the role or user that issued the session. */
  sessionIssuerArn?: string | undefined;
  sessionIssuerName?: string | undefined;
  sessionIssuerType?: string | undefined;
  /** sessionContext.attributes.mfaAuthenticated, when the record carries it. */
  mfaAuthenticated?: boolean | undefined;
  /**
   * sessionContext.ec2RoleDelivery is present: the session is an EC2 instance's role credentials. Set by the
   * normaliser; undefined where a principal was built otherwise (the record is then read).
   */
  ec2RoleDelivery?: boolean | undefined;
  /** userIdentity.invokedBy: set when an AWS service made the call on the principal's behalf. */
  invokedBy?: string | undefined;
  /**
   * A stable, human-readable key for grouping: the session issuer ARN for roles (so every session of a
   * role groups together), the user ARN for users, `root@<account>` for root, the service for AWSService.
   */
  key: string;
}

export interface TrailResource {
  arn?: string;
  type?: string;
  accountId?: string;
  name?: string;
}

/** One CloudTrail record, normalised. `raw` is the record as CloudTrail wrote it, kept for evidence. */
export interface TrailEvent {
  id: string;
  /** ISO 8601 as in the record. */
  time: string;
  /** Epoch milliseconds of `time`; NaN never appears (records with a bad time are skipped by the source). */
  timeMs: number;
  /** eventSource, e.g. `iam.amazonaws.com`. */
  source: string;
  /** Short service name, e.g. `iam`. */
  service: string;
  name: string;
  region: string;
  /** recipientAccountId, else the principal's account. */
  account: string;
  principal: Principal;
  sourceIp?: string | undefined;
  userAgent?: string | undefined;
  errorCode?: string | undefined;
  errorMessage?: string | undefined;
  readOnly?: boolean | undefined;
  eventType?: string | undefined;
  resources: TrailResource[];
  raw: Record<string, unknown>;
}

/**
 * `source: athena`: one GROUP BY row computed in Athena, standing for `n` events of the window that share the
 * fields `part` counts; `event` is built from those fields only (its other fields are absent or placeholders).
 */
export interface GroupedEvents {
  part:
    'calls' | 'principals' | 'principalCalls' | 'sourceIps' | 'userAgents' | 'resources' | 'hours' | 'logins';
  event: TrailEvent;
  n: number;
  /** `principals` rows: the principal's figures over its `n` events. */
  principal?: {
    errors: number;
    accessDenied: number;
    writes: number;
    services: string[];
    regions: string[];
    sourceIps: string[];
  };
  /** `principalCalls` rows (the digests' per-principal call counts): failed and write calls, first and last time. */
  calls?: { errors: number; writes: number; firstMs: number; lastMs: number };
}

export type SourceKind = 'lookup' | 's3' | 'lake' | 'file' | 'athena';

/** What one part of a source (a region, an account/region prefix, a file, a query) read and did not read. */
export interface SourceReport {
  source: SourceKind;
  /** e.g. `us-east-1`, `123456789012/eu-west-1`, a file path, an event data store. */
  scope: string;
  eventsRead: number;
  pages?: number;
  objects?: number;
  bytes?: number;
  /** Reasons a record or object was skipped, with counts (e.g. `invalid-json`, `outside-window`). */
  skipped: Record<string, number>;
  /** True when this scope was read to its end; false when it was cut short (max-events, an error). */
  complete: boolean;
  /** Why it is incomplete, in words a user can act on. */
  errors: string[];
  /**
   * What reading found: `read` (events in the window), `no-activity` (read to its end, no event in the window),
   * `partial` (cut short after reading some), `not-read` (nothing there to read, or refused before any was read).
   */
  coverage?: ScopeCoverage;
  /** Where the scope was looked for: the S3 prefix (`s3://bucket/AWSLogs/…/CloudTrail/region/`), the data store. */
  location?: string;
  /** For a scope of the trail archive that was not read: what the archive does hold, to compare with the settings. */
  archive?: ArchiveHoldings;
  /** `source: athena`: queries, rows returned, bytes scanned and their cost. */
  athena?: AthenaFigures;
}

/** `source: athena`: what Athena did for one table (SourceReport.athena). */
export interface AthenaFigures {
  /** `database.table` and the workgroup the queries ran in. */
  table: string;
  workgroup: string;
  queries: number;
  /** Result rows over every query (candidate events and GROUP BY rows). */
  rowsReturned: number;
  /** Candidate events among them: what the rules were run on. */
  candidates: number;
  /** Events of the window as Athena counted them (the statistics' total). */
  windowEvents: number;
  bytesScanned: number;
  /** $5 per TB scanned, each query billed for at least 10 MB. */
  costUsd: number;
  /** What partition pruning was possible. */
  pruning: string;
  /** Rules whose conditions SQL could not express exactly, and what they fetched instead. */
  fallbacks: { ruleId: string; reason: string; fetches: string }[];
}

export type ScopeCoverage = 'read' | 'no-activity' | 'partial' | 'not-read';

/** What a trail archive holds under `[trail-prefix/]AWSLogs/`, listed when a requested scope is not in it. */
export interface ArchiveHoldings {
  /** The prefix listed, `s3://bucket/[trail-prefix/]AWSLogs/`. */
  root: string;
  /** Account folders (directly under the root and under each organization id). */
  accounts: string[];
  /** Organization trail folders (`o-…`). */
  organizationIds: string[];
  /** Region folders found under those accounts' `CloudTrail/`. */
  regions: string[];
  /** When the root holds nothing: the bucket's top-level folders, where `trail-prefix` may point instead. */
  topLevel?: string[];
  /** True when there were more accounts than were looked into for regions. */
  truncated?: boolean;
}

export type FindingOrigin = 'rule' | 'ai';

/** One finding: a rule match (or a model's verified finding), with its evidence; correlate groups them into incidents. */
export interface Finding {
  /** Stable fingerprint: the same incident has the same id in every run (no times in it). */
  id: string;
  origin: FindingOrigin;
  ruleId?: string;
  title: string;
  severity: Severity;
  /** MITRE ATT&CK technique id, e.g. T1562.008. */
  technique?: string;
  principal?: string;
  accounts: string[];
  regions: string[];
  firstSeen: string;
  lastSeen: string;
  count: number;
  evidence: {
    eventIds: string[];
    /** Event ids beyond the ones kept, when an incident has very many events. */
    omitted?: number;
    /** Key fields of the first events, for the report (event name, time, ip, region, key parameters). */
    samples?: EvidenceSample[];
  };
  description: string;
  remediation: string;
  /** AI findings: the model's stated confidence, 0..1. */
  confidence?: number;
  /** Set when a model finding enriched this rule finding (never lowering it). */
  aiNotes?: string[];
  /** Sigma rules: the rule's `references` (where its detection comes from). */
  references?: string[];
  /** Sigma rules: the rule's `falsepositives` (known benign causes, for triage). */
  falsePositives?: string[];
  /** Who acted, as the correlate stage ties findings into incidents; each list bounded (MAX_ACTOR_VALUES). */
  actors?: FindingActors;
}

/** Values kept per list of FindingActors: enough to tie findings together, bounded whatever the volume. */
export const MAX_ACTOR_VALUES = 10;

/** The actor keys of a finding's events (of each, the MAX_ACTOR_VALUES distinct values first seen, by event time). */
export interface FindingActors {
  /** Principal keys (see Principal.key): a finding can span several when its rule does not group by principal. */
  principals?: string[];
  /** Role or federated-user sessions: the session ARN (`…:assumed-role/Role/session`). */
  sessions?: string[];
  accessKeyIds?: string[];
  sourceIps?: string[];
  userAgents?: string[];
}

/**
 * An event a rule flagged after it had passed (the earlier events of a threshold burst, calls a correlate rule
 * judged at the end of the window): what the digest needs to list it with its rule, without the event itself.
 */
export interface FlaggedLater {
  id: string;
  time: string;
  timeMs: number;
  service: string;
  name: string;
  region: string;
  account: string;
  /** Principal key (as in `Principal.key`). */
  principal: string;
  sourceIp?: string;
  userAgent?: string;
  errorCode?: string;
  details?: Record<string, string>;
  ruleId: string;
}

export interface EvidenceSample {
  eventId: string;
  time: string;
  eventName: string;
  region: string;
  account: string;
  sourceIp?: string;
  userAgent?: string;
  errorCode?: string;
  /** A few key request fields, already trimmed. */
  details?: Record<string, string>;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** True when the figures are an estimate (no manifest or usage came back). */
  estimated: boolean;
}

/** Minimal logger every stage takes; main wires @actions/core, the CLI wires the console. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
}

/** Time, injectable so retries and polling run instantly in tests. */
export interface Clock {
  now(): Date;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
        return;
      }
      const t = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        clearTimeout(t);
        reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

export interface CountEntry {
  key: string;
  count: number;
}

/** Per-principal activity, for error/AccessDenied rates. */
export interface PrincipalActivity {
  principal: string;
  type: string;
  events: number;
  errors: number;
  accessDenied: number;
  writes: number;
  services: number;
  regions: string[];
  sourceIps: number;
}

/** Access-pattern statistics of the window (what the seed's agent counted, and more). */
export interface ActivityStats {
  totalEvents: number;
  topEventNames: CountEntry[];
  topPrincipals: CountEntry[];
  topServices: CountEntry[];
  topResources: CountEntry[];
  topSourceIps: CountEntry[];
  topUserAgents: CountEntry[];
  regions: CountEntry[];
  accounts: CountEntry[];
  /** Busiest principals with their error and AccessDenied counts. */
  principals: PrincipalActivity[];
  consoleLogins: { success: number; failure: number; withMfa: number; withoutMfa: number; root: number };
  readOnly: { read: number; write: number; unknown: number };
  errors: { total: number; accessDenied: number };
  /** Events per UTC hour (`2026-11-23T09:00:00Z`), in time order. */
  hourly: { hour: string; count: number; errors: number }[];
  /** True when a top-k sketch bounded a table, so counts below the top are approximate. */
  approximate: boolean;
}

/** A Bedrock batch job (or a direct run) that this run started or collected. */
export interface JobRecord {
  engine: 'batch' | 'direct';
  jobArn?: string;
  jobName?: string;
  status: string;
  modelId: string;
  records: number;
  recordsSucceeded?: number;
  recordsFailed?: number;
  inputUri?: string;
  outputUri?: string;
  submittedAt?: string;
  endedAt?: string;
  message?: string;
}

export interface ExecutiveSummary {
  text: string;
  /** Prioritised remediation steps. */
  priorities: string[];
  origin: 'model' | 'template';
  modelId?: string;
}

/** What the analysis stage returns (engine `rules-only` returns no AI findings and a template summary). */
export interface AnalysisOutcome {
  engine: 'batch' | 'direct' | 'rules-only';
  /** pending: a batch job was submitted (`mode: submit`) or still runs at wait-timeout. */
  status: 'completed' | 'partial' | 'pending' | 'skipped' | 'failed';
  modelId?: string;
  aiFindings: Finding[];
  summary: ExecutiveSummary;
  usage: Usage;
  jobs: JobRecord[];
  digests: { records: number; eventsCovered: number; eventsFolded: number; eventsOmitted: number };
  /** AI findings dropped: evidence ids not in their digest, or invalid against the schema. */
  dropped: { unverifiedEvidence: number; invalid: number };
  /** How the model's answers came back, when any were asked for (absent: none, or an older report). */
  answers?: AnswerCounts;
  warnings: string[];
}

/** Records by the shape of their answer: cut at max_tokens and what was made of it, or no findings list at all. */
export interface AnswerCounts {
  /** Answers cut at max_tokens (or ending mid-list). */
  truncated: number;
  /** Of those, records whose cut answer still gave complete findings (kept, evidence verified as usual). */
  salvaged: number;
  /** Complete findings kept from cut answers. */
  findingsSalvaged: number;
  /** Cut records asked again in two halves (direct Converse calls, within max-cost-usd). */
  reasked: number;
  /** Cut records whose findings may be incomplete (no re-ask, or a half cut or failed as well). */
  unrecovered: number;
  /** Records whose answer held no findings list: empty, refused, a tool call of the wrong shape, no JSON. */
  empty: number;
  refused: number;
  wrongSchema: number;
  noJson: number;
}

/** ATT&CK tactics in kill-chain order (enterprise matrix), as incidents list them. */
export const TACTICS = [
  'reconnaissance',
  'resource-development',
  'initial-access',
  'execution',
  'persistence',
  'privilege-escalation',
  'defense-evasion',
  'credential-access',
  'discovery',
  'lateral-movement',
  'collection',
  'command-and-control',
  'exfiltration',
  'impact',
] as const;
export type Tactic = (typeof TACTICS)[number];

/** One attack story: findings (rule and AI) tied together by a shared actor and time; see src/correlate. */
export interface Incident {
  /** Stable: derived from the actors and the first finding's id, never from times. */
  id: string;
  /** Names the story, e.g. "deploy-bot: defence evasion, privilege escalation and exfiltration in 3 min". */
  title: string;
  severity: Severity;
  /** The findings' highest severity, when the incident was raised above it (see docs/incidents.md). */
  escalatedFrom?: Severity;
  /** Why it was raised, in words (present with escalatedFrom). */
  escalationReason?: string;
  /** Tactics in kill-chain order. */
  tactics: Tactic[];
  start: string;
  end: string;
  principals: string[];
  accounts: string[];
  regions: string[];
  sourceIps: string[];
  /** Most severe first, as the report lists findings. */
  findingIds: string[];
}

/** Why a report's window starts and ends where it does (see src/report/window.ts). */
export interface WindowExplanation {
  /** lookback, start-time, checkpoint (the last reviewed window's end), submitted (after a pending job's window), lookup-limit (LookupEvents' 90 days). */
  startBasis: 'lookback' | 'start-time' | 'checkpoint' | 'submitted' | 'lookup-limit';
  /** settle: `settle-minutes` before the run (CloudTrail's delivery delay); end-time: the input. */
  endBasis: 'settle' | 'end-time';
  settleMinutes: number;
  /** The run's time the window was resolved against. */
  resolvedAt: string;
  /** Minutes at the end of the window CloudTrail may not have delivered yet (an end-time closer than the settle time). */
  undeliveredMinutes?: number;
  /** Events from before the window, delivered after the previous run read the archive, reviewed in this run. */
  lateEvents?: number;
  /** The same in one sentence, e.g. "from the previous run's end; ends 15 min before the run: CloudTrail's delivery delay". */
  text: string;
}

export const REPORT_SCHEMA_VERSION = '1.1';

/** The report: written to disk before anything is published; every rendering derives from it. */
export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: 'trailsight'; version: string };
  generatedAt: string;
  status: 'completed' | 'pending' | 'failed';
  /** clean: window fully read and analysed, no findings; incomplete: something was not read or analysed. */
  verdict: 'clean' | 'findings' | 'incomplete';
  run?: { repository?: string; runId?: string; runUrl?: string; eventName?: string; sha?: string };
  window: {
    start: string;
    end: string;
    kind: 'fixed' | 'since-last-run';
    /** Why the window starts and ends where it does; absent in reports of older versions. */
    explanation?: WindowExplanation;
  };
  sources: SourceReport[];
  counts: {
    eventsRead: number;
    eventsAnalyzed: number;
    eventsSkipped: number;
    eventsFiltered: number;
    duplicates: number;
    findings: number;
    suppressed: number;
    bySeverity: Record<Severity, number>;
  };
  findings: Finding[];
  /** Findings grouped into incidents: every finding's id is in exactly one incident. */
  incidents: Incident[];
  suppressed: { findingId: string; ruleId?: string; title: string; reason: string; suppression: string }[];
  stats: ActivityStats;
  summary: ExecutiveSummary;
  analysis: {
    engine: AnalysisOutcome['engine'];
    status: AnalysisOutcome['status'];
    modelId?: string;
    summaryModelId?: string;
    digests: AnalysisOutcome['digests'];
    dropped: AnalysisOutcome['dropped'];
    answers?: AnswerCounts;
  };
  usage: Usage;
  jobs: JobRecord[];
  warnings: string[];
  errors: string[];
}
