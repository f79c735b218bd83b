import { ConfigError } from '../errors.js';
import type { SourceKind } from '../types.js';
import { INPUTS } from './inputs.js';
import {
  Problems,
  parseBool,
  parseDuration,
  parseEnum,
  parseInteger,
  parseIsoTime,
  parseList,
  parseNumber,
  parsePattern,
  parsePatternList,
  parseSeverity,
} from './parse.js';
import type {
  Config,
  Destination,
  Engine,
  FailOn,
  IssueMode,
  Redact,
  RedactKind,
  ReportFormat,
  RunMode,
  WindowKind,
} from './types.js';

export type { Config } from './types.js';
export { INPUTS, OUTPUTS, CLI_FLAGS, DEFAULT_MODEL_ID } from './inputs.js';

/** Raw input values by input name (`lookback` → `24h`); missing means "use the default". */
export type RawInputs = Readonly<Record<string, string | undefined>>;

const LOOKUP_MAX_AGE_MS = 90 * 86_400_000;
// A little clock skew between the runner and AWS is normal; more than this is a typo.
const FUTURE_SKEW_MS = 5 * 60_000;

/** Reads every action input from the environment as @actions/core does (`INPUT_<NAME>`, upper-cased). */
export function inputsFromEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of INPUTS) {
    const v = env[`INPUT_${spec.name.replace(/ /g, '_').toUpperCase()}`];
    if (v !== undefined) out[spec.name] = v;
  }
  return out;
}

/**
 * Validates raw inputs into a frozen Config. Every bad input is reported at once in one ConfigError.
 * `env` supplies the AWS_REGION fallback; `now` anchors the window.
 */
export function readConfig(raw: RawInputs, opts: { now: Date; env?: NodeJS.ProcessEnv }): Config {
  const env = opts.env ?? {};
  const p = new Problems();
  const known = new Set(INPUTS.map((i) => i.name));
  for (const name of Object.keys(raw)) {
    if (!known.has(name))
      p.add(`\`${name}\` is not an input of TrailSight; see the inputs table in the README`);
  }
  const get = (name: string): string => {
    const v = raw[name];
    if (v !== undefined && v.trim() !== '') return v.trim();
    const spec = INPUTS.find((i) => i.name === name);
    return spec?.default.startsWith('${{') ? '' : (spec?.default ?? '');
  };
  const opt = (name: string): string | undefined => {
    const v = get(name);
    return v === '' ? undefined : v;
  };

  // AWS access
  const regionRaw = opt('aws-region') ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  let region = 'us-east-1';
  // An offline review of local files with no model needs no region; everything else calls AWS.
  const offline =
    get('source') === 'file' &&
    get('engine') === 'rules-only' &&
    !parseList(get('report-to')).some((d) => d === 'sns' || d === 'securityhub');
  if (regionRaw === undefined) {
    if (!offline) p.add('`aws-region`: not set; set the input or AWS_REGION (e.g. us-east-1)');
  } else {
    region = parsePattern('aws-region', regionRaw, 'region', p) ?? region;
  }
  const roleToAssume =
    opt('role-to-assume') && parsePattern('role-to-assume', get('role-to-assume'), 'roleArn', p);
  const roleSessionName =
    opt('role-session-name') && parsePattern('role-session-name', get('role-session-name'), 'sessionName', p);
  const roleDurationSeconds =
    parseInteger('role-duration-seconds', get('role-duration-seconds'), 900, 43200, p) ?? 3600;
  const audience = get('audience');
  const allowedAccountIds = parsePatternList(
    'allowed-account-ids',
    get('allowed-account-ids'),
    'accountId',
    p,
  );

  // Window
  const windowKind =
    parseEnum<WindowKind>('window', get('window'), ['fixed', 'since-last-run'], p) ?? 'fixed';
  const lookbackMs = parseDuration('lookback', get('lookback'), p) ?? 86_400_000;
  const startRaw = opt('start-time');
  const endRaw = opt('end-time');
  const startTime = startRaw !== undefined ? parseIsoTime('start-time', startRaw, p) : undefined;
  const endTime = endRaw !== undefined ? parseIsoTime('end-time', endRaw, p) : undefined;
  const settleMs = (parseInteger('settle-minutes', get('settle-minutes'), 0, 1440, p) ?? 15) * 60_000;
  // CloudTrail delivers minutes late: a default end stops short of now by the settle time, on a whole minute so
  // the window reads exactly and consecutive runs' windows meet on the minute.
  const settled = new Date(Math.floor((opts.now.getTime() - settleMs) / 60_000) * 60_000);
  const end = endTime ?? settled;
  const start = startTime ?? new Date(end.getTime() - lookbackMs);
  if (endTime && endTime.getTime() > opts.now.getTime() + FUTURE_SKEW_MS) {
    p.add(`\`end-time\`: ${JSON.stringify(endRaw)} is in the future; use a time up to now`);
  }
  if ((startRaw === undefined || startTime) && (endRaw === undefined || endTime) && start >= end) {
    p.add(
      endTime
        ? `\`start-time\`: ${start.toISOString()} is not before \`end-time\` ${end.toISOString()}; the window must have a start before its end`
        : `\`start-time\`: ${start.toISOString()} is not before the window's end ${end.toISOString()} (now less \`settle-minutes\` ${settleMs / 60_000}, CloudTrail's delivery delay); use an earlier start or a smaller \`settle-minutes\``,
    );
  }
  const stateBucket = opt('state-bucket') && parsePattern('state-bucket', get('state-bucket'), 'bucket', p);
  const statePrefix = normalisePrefix(get('state-prefix'));

  // Source
  const sourceKind =
    parseEnum<SourceKind>('source', get('source'), ['lookup', 's3', 'lake', 'file', 'athena'], p) ?? 'lookup';
  const regionsRaw = get('regions');
  const regions = regionsRaw
    ? parsePatternList('regions', regionsRaw, 'region', p)
    : sourceKind === 's3' || sourceKind === 'athena'
      ? []
      : [region];
  const trailBucket = opt('trail-bucket') && parsePattern('trail-bucket', get('trail-bucket'), 'bucket', p);
  const accounts = parsePatternList('accounts', get('accounts'), 'accountId', p);
  const organizationId =
    opt('organization-id') && parsePattern('organization-id', get('organization-id'), 'organizationId', p);
  const eventDataStore =
    opt('event-data-store') && parsePattern('event-data-store', get('event-data-store'), 'eventDataStore', p);
  const eventsFiles = parseList(get('events-file'));
  const athena = sourceKind === 'athena' ? parseAthena(get, opt, p) : undefined;
  const maxEvents = parseInteger('max-events', get('max-events'), 0, 1_000_000_000, p) ?? 0;

  if (sourceKind === 's3' && !trailBucket && !opt('trail-bucket'))
    p.add('`trail-bucket`: required with `source: s3`; set the bucket your trail delivers to');
  if (sourceKind === 'lake' && !opt('event-data-store'))
    p.add('`event-data-store`: required with `source: lake`; set the event data store ARN or id');
  if (sourceKind === 'file' && eventsFiles.length === 0)
    p.add('`events-file`: required with `source: file`; set one or more paths or globs');
  if (organizationId && sourceKind !== 's3')
    p.add('`organization-id`: only applies with `source: s3` (an organization trail archive)');
  if (sourceKind === 'lookup' && start.getTime() < opts.now.getTime() - LOOKUP_MAX_AGE_MS) {
    p.add(
      `\`lookback\`/\`start-time\`: the window starts ${start.toISOString()}, but LookupEvents only reaches 90 days back; shorten the window or use \`source: s3\` or \`lake\``,
    );
  }

  // Filters
  const filters = {
    includeServices: parseList(get('include-services')),
    excludeServices: parseList(get('exclude-services')),
    includePrincipals: parseList(get('include-principals')),
    excludePrincipals: parseList(get('exclude-principals')),
    includeEvents: parseList(get('include-events')),
    excludeEvents: parseList(get('exclude-events')),
    includeReadOnly: parseBool('include-read-only', get('include-read-only'), p) ?? true,
  };

  // Detection
  const detection = {
    rulesFiles: parseList(get('rules-file')),
    suppressionsFiles: parseList(get('suppressions-file')),
    disableRules: parseList(get('disable-rules')),
    allowedRegions: parsePatternList('allowed-regions', get('allowed-regions'), 'region', p),
    builtinRules: parseBool('builtin-rules', get('builtin-rules'), p) ?? true,
    trustedAccountIds: parsePatternList(
      'trusted-account-ids',
      get('trusted-account-ids'),
      'accountOrOrganizationId',
      p,
    ),
  };

  // Analysis
  const engine =
    parseEnum<Engine>('engine', get('engine'), ['auto', 'batch', 'direct', 'rules-only'], p) ?? 'auto';
  const modelId = parsePattern('model-id', get('model-id'), 'modelId', p) ?? get('model-id');
  const summaryModelId = opt('summary-model-id')
    ? (parsePattern('summary-model-id', get('summary-model-id'), 'modelId', p) ?? modelId)
    : modelId;
  const batchRoleArn =
    opt('batch-role-arn') && parsePattern('batch-role-arn', get('batch-role-arn'), 'roleArn', p);
  const batchBucket = opt('batch-bucket') && parsePattern('batch-bucket', get('batch-bucket'), 'bucket', p);
  const mode = parseEnum<RunMode>('mode', get('mode'), ['run', 'submit', 'collect'], p) ?? 'run';
  const analysis = {
    engine,
    modelId,
    summaryModelId,
    batchPrefix: normalisePrefix(get('batch-prefix')),
    mode,
    waitTimeoutMinutes: parseInteger('wait-timeout-minutes', get('wait-timeout-minutes'), 0, 10_080, p) ?? 60,
    maxCostUsd: parseNumber('max-cost-usd', get('max-cost-usd'), 0, 100_000, p) ?? 5,
    reportLanguage: get('report-language') || 'en',
    batchMinRecords: parseInteger('batch-min-records', get('batch-min-records'), 1, 1_000_000, p) ?? 100,
    recordTokenBudget:
      parseInteger('record-token-budget', get('record-token-budget'), 500, 200_000, p) ?? 6000,
    directConcurrency: parseInteger('direct-concurrency', get('direct-concurrency'), 1, 64, p) ?? 4,
    aiFindingsGate: parseBool('ai-findings-gate', get('ai-findings-gate'), p) ?? true,
    ...(batchRoleArn ? { batchRoleArn } : {}),
    ...(batchBucket ? { batchBucket } : {}),
  };
  if (engine === 'batch' && !opt('batch-role-arn'))
    p.add(
      '`batch-role-arn`: required with `engine: batch`; set the service role Bedrock assumes (docs/setup)',
    );
  if (engine === 'batch' && !opt('batch-bucket'))
    p.add('`batch-bucket`: required with `engine: batch`; set the bucket for batch input and output');
  if (mode !== 'run') {
    if (engine === 'direct' || engine === 'rules-only')
      p.add(
        `\`mode\`: \`${mode}\` needs batch inference; use \`engine: batch\` or \`auto\`, or \`mode: run\``,
      );
    if (!opt('state-bucket'))
      p.add(`\`state-bucket\`: required with \`mode: ${mode}\` to keep the job's context`);
    if (mode === 'submit' && (!opt('batch-role-arn') || !opt('batch-bucket')))
      p.add('`mode`: `submit` needs `batch-role-arn` and `batch-bucket`');
  }
  if (windowKind === 'since-last-run' && !opt('state-bucket'))
    p.add('`state-bucket`: required with `window: since-last-run` to keep the checkpoint');

  // Reporting
  const reportTo = dedupe(
    parseList(get('report-to')).flatMap((d) => {
      const v = parseEnum<Destination>(
        'report-to',
        d,
        ['summary', 'issue', 'pr-comment', 'sns', 'securityhub'],
        p,
      );
      return v ? [v] : [];
    }),
  );
  const githubToken = opt('github-token');
  const snsTopicArn =
    opt('sns-topic-arn') && parsePattern('sns-topic-arn', get('sns-topic-arn'), 'topicArn', p);
  if (reportTo.includes('sns') && !opt('sns-topic-arn'))
    p.add('`sns-topic-arn`: required with `report-to: sns`; set the topic to publish to');
  if ((reportTo.includes('issue') || reportTo.includes('pr-comment')) && !githubToken)
    p.add(
      '`github-token`: required with `report-to: issue` or `pr-comment`; the default `${{ github.token }}` works',
    );
  const securityhubRegion = opt('securityhub-region')
    ? (parsePattern('securityhub-region', get('securityhub-region'), 'region', p) ?? region)
    : region;
  const reportFormats = dedupe([
    'json' as const,
    ...parseList(get('report-format')).flatMap((f) => {
      const v = parseEnum<ReportFormat>('report-format', f, ['json', 'ocsf'], p);
      return v ? [v] : [];
    }),
  ]);
  const reporting = {
    reportTo,
    issueMode:
      parseEnum<IssueMode>('issue-mode', get('issue-mode'), ['report', 'finding', 'incident'], p) ?? 'report',
    issueLabels: parseList(get('issue-labels')),
    issueAssignees: parseList(get('issue-assignees')),
    closeResolved: parseBool('close-resolved', get('close-resolved'), p) ?? false,
    snsMinSeverity: parseSeverity('sns-min-severity', get('sns-min-severity'), p) ?? 'high',
    redact: parseRedact(get('redact'), p),
    reportPath: get('report-path') || 'trailsight-report.json',
    reportFormats,
    securityhubRegion,
    ...(githubToken ? { githubToken } : {}),
    ...(snsTopicArn ? { snsTopicArn } : {}),
  };

  // Gate
  const gate = {
    failOn:
      parseEnum<FailOn>(
        'fail-on',
        get('fail-on'),
        ['none', 'info', 'low', 'medium', 'high', 'critical'],
        p,
      ) ?? 'high',
    failOnError: parseBool('fail-on-error', get('fail-on-error'), p) ?? true,
  };

  const correlate = {
    gapMinutes: parseInteger('incident-gap-minutes', get('incident-gap-minutes'), 1, 10_080, p) ?? 60,
  };

  if (p.list.length > 0) throw new ConfigError(p.list);

  const config: Config = {
    aws: {
      region,
      roleDurationSeconds,
      audience,
      allowedAccountIds,
      ...(roleToAssume ? { roleToAssume } : {}),
      ...(roleSessionName ? { roleSessionName } : {}),
    },
    window: {
      kind: windowKind,
      start,
      end,
      lookbackMs,
      settleMs,
      resolvedAt: opts.now,
      startBasis: startTime ? 'start-time' : 'lookback',
      endBasis: endTime ? 'end-time' : 'settle',
      statePrefix,
      ...(stateBucket ? { stateBucket } : {}),
    },
    source: {
      kind: sourceKind,
      regions,
      trailPrefix: normalisePrefix(get('trail-prefix')),
      accounts,
      eventsFiles,
      maxEvents,
      ...(trailBucket ? { trailBucket } : {}),
      ...(organizationId ? { organizationId } : {}),
      ...(eventDataStore ? { eventDataStore } : {}),
      ...(athena ? { athena } : {}),
    },
    filters,
    detection,
    analysis,
    reporting,
    gate,
    correlate,
  };
  return deepFreeze(config);
}

/** `athena-table`, `athena-workgroup`, `athena-output` (Glue names are lower-case: the table is looked up as such). */
function parseAthena(
  get: (name: string) => string,
  opt: (name: string) => string | undefined,
  p: Problems,
): NonNullable<Config['source']['athena']> | undefined {
  const table = parsePattern('athena-table', get('athena-table'), 'athenaTable', p);
  const workgroup = parsePattern('athena-workgroup', get('athena-workgroup'), 'athenaWorkgroup', p);
  const output = opt('athena-output') && parsePattern('athena-output', get('athena-output'), 's3Uri', p);
  if (!table || !workgroup) return undefined;
  const [database, name] = table.toLowerCase().split('.') as [string, string];
  return {
    database,
    table: name,
    workgroup,
    ...(output ? { output: output.endsWith('/') ? output : `${output}/` } : {}),
  };
}

function parseRedact(raw: string, p: Problems): Redact {
  const v = raw.trim().toLowerCase();
  if (v === 'auto') return { mode: 'auto' };
  if (v === 'none') return { mode: 'none' };
  const kinds: RedactKind[] = [];
  for (const item of parseList(v)) {
    const k = parseEnum<RedactKind>(
      'redact',
      item,
      ['account-ids', 'ip-addresses', 'access-key-ids'],
      new Problems(), // the combined message below is clearer than one per item
    );
    if (!k) {
      p.bad('redact', raw, 'use auto, none, or a list of account-ids, ip-addresses, access-key-ids');
      return { mode: 'auto' };
    }
    kinds.push(k);
  }
  if (kinds.length === 0) {
    p.bad('redact', raw, 'use auto, none, or a list of account-ids, ip-addresses, access-key-ids');
    return { mode: 'auto' };
  }
  return { mode: 'list', kinds: dedupe(kinds) };
}

/** `foo` -> `foo/`, `/foo/` -> `foo/`, '' stays ''. */
function normalisePrefix(v: string): string {
  const t = v.trim().replace(/^\/+/, '');
  return t === '' || t.endsWith('/') ? t : `${t}/`;
}

function dedupe<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !(o instanceof Date)) {
    for (const v of Object.values(o as Record<string, unknown>)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
