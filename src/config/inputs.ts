/**
 * Every action input and output, in one table. `action.yml`, the README tables and the CLI's `--help` are
 * generated from it (`npm run docs`), and a test fails when they disagree.
 */

export interface InputSpec {
  name: string;
  group: 'AWS access' | 'Window' | 'Source' | 'Filters' | 'Detection' | 'Analysis' | 'Reporting' | 'Gate';
  description: string;
  /** The default as action.yml declares it (an empty string means "not set"). */
  default: string;
  /** Shown in docs instead of `default` when the default depends on other inputs. */
  defaultNote?: string;
  /** CLI only (not an action input). */
  cliOnly?: boolean;
}

/** Claude Haiku 4.5 through the US cross-region inference profile; see src/analyze/pricing.ts for the table. */
export const DEFAULT_MODEL_ID = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';

export const INPUTS: readonly InputSpec[] = [
  // AWS access: same names and meaning as aws-actions/configure-aws-credentials, so the two compose.
  {
    name: 'aws-region',
    group: 'AWS access',
    description:
      'AWS region for Bedrock, STS, SNS and S3 calls, and the default for `regions`. Falls back to AWS_REGION / AWS_DEFAULT_REGION.',
    default: '',
    defaultNote: '`$AWS_REGION`',
  },
  {
    name: 'role-to-assume',
    group: 'AWS access',
    description:
      'IAM role ARN to assume with GitHub OIDC (needs `permissions: id-token: write`). Empty: use the credentials already in the environment (e.g. from aws-actions/configure-aws-credentials).',
    default: '',
  },
  {
    name: 'role-session-name',
    group: 'AWS access',
    description: 'Session name for the assumed role. Default: derived from the repository and run id.',
    default: '',
    defaultNote: '`trailsight-<repo>-<run id>`',
  },
  {
    name: 'role-duration-seconds',
    group: 'AWS access',
    description: 'Duration of the assumed-role session, 900 to 43200 seconds.',
    default: '3600',
  },
  {
    name: 'audience',
    group: 'AWS access',
    description: 'Audience of the GitHub OIDC token.',
    default: 'sts.amazonaws.com',
  },
  {
    name: 'allowed-account-ids',
    group: 'AWS access',
    description:
      'Comma-separated AWS account ids the credentials must belong to; the run stops before reading anything otherwise.',
    default: '',
  },
  // Window
  {
    name: 'lookback',
    group: 'Window',
    description:
      'How far back from `end-time` to review: a number and a unit, `m`, `h` or `d` (e.g. `90m`, `24h`, `7d`).',
    default: '24h',
  },
  {
    name: 'start-time',
    group: 'Window',
    description: 'Start of the window, ISO 8601 (e.g. `2026-11-01T00:00:00Z`). Overrides `lookback`.',
    default: '',
  },
  {
    name: 'end-time',
    group: 'Window',
    description:
      'End of the window, ISO 8601. Default: `settle-minutes` before now. An end-time closer to now than that is kept, and the report warns that its last minutes may not be delivered yet.',
    default: '',
    defaultNote: 'now − `settle-minutes`',
  },
  {
    name: 'settle-minutes',
    group: 'Window',
    description:
      'CloudTrail delivers events minutes after they happen (about 5 on average, with no guarantee). A window that would end later than now minus this many minutes ends there instead (rounded down to the minute), for `since-last-run` and for windows without `end-time`, so no window is reviewed before it is delivered. 0 to 1440.',
    default: '15',
  },
  {
    name: 'window',
    group: 'Window',
    description:
      '`fixed` reviews the window above; `since-last-run` starts where the last fully analysed run ended (checkpoint in `state-bucket`) and ends `settle-minutes` before now, so scheduled runs leave no gaps and review nothing twice. A run less than a minute after the last one reviews nothing ("nothing new to review").',
    default: 'fixed',
  },
  {
    name: 'state-bucket',
    group: 'Window',
    description: 'S3 bucket for the `since-last-run` checkpoint and `mode: submit` state.',
    default: '',
  },
  {
    name: 'state-prefix',
    group: 'Window',
    description: 'Key prefix for state objects in `state-bucket`.',
    default: 'trailsight/state/',
  },
  // Source
  {
    name: 'source',
    group: 'Source',
    description:
      'Where events come from: `lookup` (CloudTrail LookupEvents: management events, last 90 days), `s3` (the trail archive), `lake` (CloudTrail Lake), `athena` (SQL over the trail archive: the rules and statistics run in Athena, only candidate events come back) or `file` (local files).',
    default: 'lookup',
  },
  {
    name: 'regions',
    group: 'Source',
    description:
      'Comma- or newline-separated regions to read. Default: `aws-region`. For `s3`, empty means every region in the archive.',
    default: '',
    defaultNote: '`aws-region`',
  },
  {
    name: 'trail-bucket',
    group: 'Source',
    description: 'S3 bucket of the trail archive (`source: s3`).',
    default: '',
  },
  {
    name: 'trail-prefix',
    group: 'Source',
    description: 'Key prefix of the trail in `trail-bucket`, before `AWSLogs/`.',
    default: '',
  },
  {
    name: 'accounts',
    group: 'Source',
    description: 'Account ids to read from the archive (`source: s3`, `athena`). Empty: every account found.',
    default: '',
  },
  {
    name: 'organization-id',
    group: 'Source',
    description:
      'Organization id (`o-…`) of an organization trail, whose archive is under `AWSLogs/o-…/ACCOUNT/`.',
    default: '',
  },
  {
    name: 'event-data-store',
    group: 'Source',
    description: 'CloudTrail Lake event data store ARN or id (`source: lake`).',
    default: '',
  },
  {
    name: 'athena-table',
    group: 'Source',
    description:
      'Glue table of the trail archive (`source: athena`), as `database.table`: the CloudTrail table AWS documents, with partition projection on `account`, `region` and `timestamp` (the setup kit creates it).',
    default: 'default.cloudtrail_logs',
  },
  {
    name: 'athena-workgroup',
    group: 'Source',
    description: 'Athena workgroup the queries run in (`source: athena`).',
    default: 'primary',
  },
  {
    name: 'athena-output',
    group: 'Source',
    description:
      "S3 URI for Athena's query results (`source: athena`), such as `s3://my-athena-results/trailsight/`. Empty: the workgroup's own output location.",
    default: '',
    defaultNote: "the workgroup's",
  },
  {
    name: 'events-file',
    group: 'Source',
    description:
      'Paths or globs of CloudTrail files (`source: file`): `.json` (`{"Records": […]}` or an array), `.json.gz`, `.jsonl`.',
    default: '',
  },
  {
    name: 'max-events',
    group: 'Source',
    description:
      'Stop reading after this many events (0 = no limit). A run cut short is reported as not fully read, never as clean.',
    default: '0',
  },
  // Filters
  {
    name: 'include-services',
    group: 'Filters',
    description: 'Only these services (e.g. `iam, s3` or `iam.amazonaws.com`).',
    default: '',
  },
  { name: 'exclude-services', group: 'Filters', description: 'Drop these services.', default: '' },
  {
    name: 'include-principals',
    group: 'Filters',
    description:
      'Only these principals: ARNs, user or role names, or globs (`arn:aws:iam::*:role/deploy-*`).',
    default: '',
  },
  {
    name: 'exclude-principals',
    group: 'Filters',
    description: 'Drop these principals (same forms as `include-principals`).',
    default: '',
  },
  {
    name: 'include-events',
    group: 'Filters',
    description: 'Only these event names (globs allowed).',
    default: '',
  },
  {
    name: 'exclude-events',
    group: 'Filters',
    description: 'Drop these event names (globs allowed).',
    default: '',
  },
  {
    name: 'include-read-only',
    group: 'Filters',
    description:
      'Keep read-only events. They carry reconnaissance and secret reads (`GetSecretValue`, `GetPasswordData`); turn off only to save cost.',
    default: 'true',
  },
  // Detection
  {
    name: 'rules-file',
    group: 'Detection',
    description:
      'Files, directories or globs of your own rules: our YAML format or Sigma rules for CloudTrail, mixed freely (docs/rules-format.md).',
    default: '',
  },
  {
    name: 'builtin-rules',
    group: 'Detection',
    description: 'Run the built-in rule pack; `false` runs only the rules of `rules-file`.',
    default: 'true',
  },
  {
    name: 'suppressions-file',
    group: 'Detection',
    description: 'Paths of YAML files with suppressions: each has a reason and an optional expiry date.',
    default: '',
  },
  { name: 'disable-rules', group: 'Detection', description: 'Rule ids to turn off.', default: '' },
  {
    name: 'allowed-regions',
    group: 'Detection',
    description:
      'Regions this account is expected to use; activity in any other region is a finding. Empty: no check.',
    default: '',
  },
  {
    name: 'incident-gap-minutes',
    group: 'Detection',
    description:
      'Findings of the same actor (principal, role session, access key, or a source IP / user agent that ties sessions) at most this many minutes apart form one incident; see docs/incidents.md.',
    default: '60',
  },
  {
    name: 'trusted-account-ids',
    group: 'Detection',
    description:
      "Account ids and organization ids (`o-…`) that resource policies may grant access to without a finding, besides the window's own accounts, `accounts`, `allowed-account-ids` and `organization-id`.",
    default: '',
  },
  // Analysis
  {
    name: 'engine',
    group: 'Analysis',
    description:
      '`auto` (batch inference when there are enough records, else direct), `batch`, `direct` (Converse calls) or `rules-only` (no model, no cost).',
    default: 'auto',
  },
  {
    name: 'model-id',
    group: 'Analysis',
    description: 'Bedrock model id or inference profile for the analysis.',
    default: DEFAULT_MODEL_ID,
  },
  {
    name: 'summary-model-id',
    group: 'Analysis',
    description: 'Bedrock model id or inference profile for the executive summary. Default: `model-id`.',
    default: '',
    defaultNote: '`model-id`',
  },
  {
    name: 'batch-role-arn',
    group: 'Analysis',
    description:
      'Service role Bedrock assumes to read and write `batch-bucket` (needed for batch inference).',
    default: '',
  },
  {
    name: 'batch-bucket',
    group: 'Analysis',
    description: 'S3 bucket for batch inference input and output.',
    default: '',
  },
  {
    name: 'batch-prefix',
    group: 'Analysis',
    description: 'Key prefix in `batch-bucket`.',
    default: 'trailsight/batch/',
  },
  {
    name: 'mode',
    group: 'Analysis',
    description:
      '`run` does everything in this job; `submit` starts the batch job, stores its context in `state-bucket` and exits (`status: pending`); `collect` finishes jobs submitted earlier.',
    default: 'run',
  },
  {
    name: 'wait-timeout-minutes',
    group: 'Analysis',
    description: 'How long `mode: run` waits for a batch job before leaving it to a later `collect`.',
    default: '60',
  },
  {
    name: 'max-cost-usd',
    group: 'Analysis',
    description:
      'Estimated model cost above which the run does not call the model (rule findings are still reported).',
    default: '5',
  },
  {
    name: 'report-language',
    group: 'Analysis',
    description:
      'Language of the executive summary (e.g. `en`, `fr`, `zh`, `ja`, or a name such as `German`).',
    default: 'en',
  },
  {
    name: 'batch-min-records',
    group: 'Analysis',
    description:
      'Records needed before `engine: auto` picks batch inference (Bedrock requires at least 100 per job).',
    default: '100',
  },
  {
    name: 'record-token-budget',
    group: 'Analysis',
    description: "Input-token budget of one model record (a digest of one principal's activity).",
    default: '6000',
  },
  {
    name: 'direct-concurrency',
    group: 'Analysis',
    description: 'Concurrent Converse calls in direct mode.',
    default: '4',
  },
  {
    name: 'ai-findings-gate',
    group: 'Analysis',
    description: 'Whether model findings (only those with verified evidence) count toward `fail-on`.',
    default: 'true',
  },
  // Reporting
  {
    name: 'report-to',
    group: 'Reporting',
    description: 'Where to publish: any of `summary`, `issue`, `pr-comment`, `sns`, `securityhub`.',
    default: 'summary',
  },
  {
    name: 'github-token',
    group: 'Reporting',
    description: 'Token for issues and comments (needs `issues: write` / `pull-requests: write`).',
    default: '${{ github.token }}',
  },
  {
    name: 'issue-mode',
    group: 'Reporting',
    description:
      "`report`: one issue for the run's report, updated in place; `finding`: one issue per finding; `incident`: one issue per incident (see docs/incidents.md), updated as findings join it.",
    default: 'report',
  },
  {
    name: 'issue-labels',
    group: 'Reporting',
    description: 'Extra labels for issues (the `trailsight` label is always added).',
    default: '',
  },
  { name: 'issue-assignees', group: 'Reporting', description: 'Users to assign new issues to.', default: '' },
  {
    name: 'close-resolved',
    group: 'Reporting',
    description:
      'Close finding (or incident) issues whose finding (or incident) is absent from a complete run; with `report-to: securityhub`, archive (RecordState `ARCHIVED`, workflow `RESOLVED`) such findings in Security Hub.',
    default: 'false',
  },
  { name: 'sns-topic-arn', group: 'Reporting', description: 'SNS topic for `report-to: sns`.', default: '' },
  {
    name: 'sns-min-severity',
    group: 'Reporting',
    description: 'Publish to SNS only when a finding reaches this severity.',
    default: 'high',
  },
  {
    name: 'securityhub-region',
    group: 'Reporting',
    description:
      "Region of the Security Hub that `report-to: securityhub` imports findings into (as ASFF, into the account's default product). Default: `aws-region`.",
    default: '',
    defaultNote: '`aws-region`',
  },
  {
    name: 'redact',
    group: 'Reporting',
    description:
      '`auto` masks account ids, IP addresses and access key ids in public repositories; `none`; or a list of `account-ids`, `ip-addresses`, `access-key-ids`. The JSON report file stays complete.',
    default: 'auto',
  },
  {
    name: 'report-path',
    group: 'Reporting',
    description: 'Where to write the JSON report (a Markdown copy is written beside it).',
    default: 'trailsight-report.json',
  },
  {
    name: 'report-format',
    group: 'Reporting',
    description:
      'Files written beside the JSON report (always written): `json` alone, or `ocsf` to add OCSF 1.1.0 Detection Findings (class 2004) at `<report-path>` with `.ocsf.json` for `.json`.',
    default: 'json',
  },
  // Gate
  {
    name: 'fail-on',
    group: 'Gate',
    description:
      'Fail the step on a finding at or above this severity: `none`, `low`, `medium`, `high`, `critical`.',
    default: 'high',
  },
  {
    name: 'fail-on-error',
    group: 'Gate',
    description: 'Fail the step when the window could not be fully read or analysed (otherwise warn).',
    default: 'true',
  },
];

/** CLI-only flags (not action inputs). */
export const CLI_FLAGS: readonly InputSpec[] = [
  {
    name: 'format',
    group: 'Reporting',
    description:
      'Output format of `--output`: `json` (the report), `markdown` (its rendering), `text` (a page for the terminal, in colour on a TTY) or `ocsf` (an array of OCSF 1.1.0 Detection Findings).',
    default: 'markdown',
    cliOnly: true,
  },
  {
    name: 'output',
    group: 'Reporting',
    description: 'Write the report here (`-` for standard output).',
    default: '-',
    cliOnly: true,
  },
  {
    name: 'profile',
    group: 'AWS access',
    description: 'AWS profile from your shared config files.',
    default: '',
    cliOnly: true,
  },
];

export interface OutputSpec {
  name: string;
  description: string;
}

export const OUTPUTS: readonly OutputSpec[] = [
  { name: 'status', description: '`completed`, `pending` (a batch job is still running) or `failed`.' },
  { name: 'max-severity', description: 'Highest finding severity, or `none`.' },
  { name: 'findings-count', description: 'Number of findings (after suppressions).' },
  { name: 'critical-count', description: 'Critical findings.' },
  { name: 'high-count', description: 'High findings.' },
  { name: 'medium-count', description: 'Medium findings.' },
  { name: 'low-count', description: 'Low findings.' },
  { name: 'events-analyzed', description: 'Events reviewed after filters.' },
  { name: 'report-path', description: 'Path of the JSON report.' },
  { name: 'report-markdown-path', description: 'Path of the Markdown report.' },
  { name: 'issue-url', description: 'URL of the issue opened or updated, if any.' },
  { name: 'batch-job-arn', description: 'ARN of the Bedrock batch job, if one ran.' },
  { name: 'input-tokens', description: 'Model input tokens used.' },
  { name: 'output-tokens', description: 'Model output tokens used.' },
  { name: 'cost-usd', description: 'Model cost in US dollars (estimated when usage was not reported).' },
  {
    name: 'incidents-count',
    description:
      'Number of incidents the findings were grouped into (the gate and the counts above still count findings).',
  },
  {
    name: 'max-incident-severity',
    description:
      'Highest incident severity (a finding severity raised by escalation, see docs/incidents.md), or `none`.',
  },
];
