import type { Config } from '../../src/config/types.js';
import { buildReport } from '../../src/report/index.js';
import type {
  ActivityStats,
  AnalysisOutcome,
  Finding,
  Report,
  Severity,
  SourceReport,
} from '../../src/types.js';

/** A complete Config built by hand (independent of the input parser), with overrides per section. */
export function makeConfig(
  over: {
    reporting?: Partial<Config['reporting']>;
    gate?: Partial<Config['gate']>;
    analysis?: Partial<Config['analysis']>;
  } = {},
): Config {
  return {
    aws: {
      region: 'us-east-1',
      roleDurationSeconds: 3600,
      audience: 'sts.amazonaws.com',
      allowedAccountIds: [],
    },
    window: {
      kind: 'fixed',
      start: new Date('2026-11-22T12:00:00Z'),
      end: new Date('2026-11-23T12:00:00Z'),
      lookbackMs: 86_400_000,
      statePrefix: 'trailsight/',
    },
    source: {
      kind: 'lookup',
      regions: ['us-east-1'],
      trailPrefix: '',
      accounts: [],
      eventsFiles: [],
      maxEvents: 0,
    },
    filters: {
      includeServices: [],
      excludeServices: [],
      includePrincipals: [],
      excludePrincipals: [],
      includeEvents: [],
      excludeEvents: [],
      includeReadOnly: true,
    },
    detection: {
      rulesFiles: [],
      suppressionsFiles: [],
      disableRules: [],
      allowedRegions: [],
      trustedAccountIds: [],
    },
    analysis: {
      engine: 'direct',
      modelId: 'anthropic.claude-sonnet-4-5',
      summaryModelId: 'anthropic.claude-haiku-4-5',
      batchPrefix: 'trailsight/',
      mode: 'run',
      waitTimeoutMinutes: 60,
      maxCostUsd: 5,
      reportLanguage: 'English',
      batchMinRecords: 100,
      recordTokenBudget: 8000,
      directConcurrency: 4,
      aiFindingsGate: true,
      ...over.analysis,
    },
    reporting: {
      reportTo: ['summary'],
      issueMode: 'finding',
      issueLabels: [],
      issueAssignees: [],
      closeResolved: false,
      snsMinSeverity: 'high',
      redact: { mode: 'none' },
      reportPath: 'trailsight-report.json',
      ...over.reporting,
    },
    gate: { failOn: 'high', failOnError: false, ...over.gate },
  };
}

const ACCOUNT = '123456789012';

/** A finding with realistic CloudTrail evidence; `n` varies ids and counts. */
export function makeFinding(severity: Severity, n: number, over: Partial<Finding> = {}): Finding {
  const id = (k: number): string =>
    `e${String(n).padStart(3, '0')}${k}b2c1-4a1e-4c55-9a1b-3f0c2d1e${String(1000 + k).slice(-4)}`;
  const count = 1 + ((n * 7) % 13);
  return {
    id: `ts-${n.toString(16).padStart(16, 'a')}`,
    origin: 'rule',
    ruleId: `aws.${severity}.rule-${n}`,
    title: `${severity[0]?.toUpperCase()}${severity.slice(1)} finding number ${n}`,
    severity,
    technique: 'T1562.008',
    principal: `arn:aws:iam::${ACCOUNT}:role/deploy-role-${n}`,
    accounts: [ACCOUNT],
    regions: ['us-east-1'],
    firstSeen: '2026-11-23T03:14:07Z',
    lastSeen: '2026-11-23T04:01:55Z',
    count,
    evidence: {
      eventIds: [id(1), id(2), id(3)],
      samples: [
        {
          eventId: id(1),
          time: '2026-11-23T03:14:07Z',
          eventName: 'StopLogging',
          region: 'us-east-1',
          account: ACCOUNT,
          sourceIp: '198.51.100.23',
          userAgent: 'aws-cli/2.15.0 Python/3.11.6',
          details: { name: 'management-trail' },
        },
        {
          eventId: id(2),
          time: '2026-11-23T04:01:55Z',
          eventName: 'DeleteTrail',
          region: 'us-east-1',
          account: ACCOUNT,
          sourceIp: '198.51.100.23',
          errorCode: 'AccessDenied',
        },
      ],
    },
    description: `CloudTrail logging was stopped for trail management-trail by a role that does not normally manage trails (access key AKIAIOSFODNN7EXAMPLE).`,
    remediation: `Restart logging with StartLogging and review the role's policy. See https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html`,
    ...over,
  };
}

export function makeStats(total: number): ActivityStats {
  const hourly = Array.from({ length: 24 }, (_, h) => ({
    hour: new Date(Date.UTC(2026, 10, 22, 12 + h)).toISOString().replace('.000Z', 'Z'),
    count: total === 0 ? 0 : (h * 37) % 50,
    errors: h % 5 === 0 ? 1 : 0,
  }));
  return {
    totalEvents: total,
    topEventNames: total
      ? [
          { key: 'AssumeRole', count: 400 },
          { key: 'GetObject', count: 220 },
          { key: 'StopLogging', count: 1 },
        ]
      : [],
    topPrincipals: total ? [{ key: `arn:aws:iam::${ACCOUNT}:role/deploy-role`, count: 600 }] : [],
    topServices: total
      ? [
          { key: 'sts', count: 400 },
          { key: 's3', count: 220 },
        ]
      : [],
    topResources: total ? [{ key: 'arn:aws:s3:::twin-cloudtrail', count: 30 }] : [],
    topSourceIps: total
      ? [
          { key: '198.51.100.23', count: 500 },
          { key: '2001:db8::7', count: 10 },
        ]
      : [],
    topUserAgents: total ? [{ key: 'aws-cli/2.15.0 Python/3.11.6', count: 500 }] : [],
    regions: total ? [{ key: 'us-east-1', count: total }] : [],
    accounts: total ? [{ key: ACCOUNT, count: total }] : [],
    principals: total
      ? [
          {
            principal: `arn:aws:iam::${ACCOUNT}:role/deploy-role`,
            type: 'AssumedRole',
            events: 600,
            errors: 12,
            accessDenied: 3,
            writes: 40,
            services: 4,
            regions: ['us-east-1'],
            sourceIps: 2,
          },
        ]
      : [],
    consoleLogins: { success: 2, failure: 0, withMfa: 2, withoutMfa: 0, root: 0 },
    readOnly: { read: Math.floor(total * 0.8), write: Math.ceil(total * 0.2), unknown: 0 },
    errors: { total: 12, accessDenied: 3 },
    hourly,
    approximate: false,
  };
}

export function makeAnalysis(over: Partial<AnalysisOutcome> = {}): AnalysisOutcome {
  return {
    engine: 'direct',
    status: 'completed',
    modelId: 'anthropic.claude-sonnet-4-5',
    aiFindings: [],
    summary: {
      text: 'A deploy role stopped CloudTrail logging overnight.\n\nNothing else stands out.',
      priorities: ['Restart CloudTrail logging', 'Review the deploy role'],
      origin: 'model',
      modelId: 'anthropic.claude-haiku-4-5',
    },
    usage: { inputTokens: 12_345, outputTokens: 678, costUsd: 0.0481, estimated: false },
    jobs: [],
    digests: { records: 3, eventsCovered: 1200, eventsFolded: 1100, eventsOmitted: 0 },
    dropped: { unverifiedEvidence: 0, invalid: 0 },
    warnings: [],
    ...over,
  };
}

export const NOW = new Date('2026-11-23T12:00:05Z');

export function makeSources(complete = true): SourceReport[] {
  return [
    {
      source: 'lookup',
      scope: 'us-east-1',
      eventsRead: 1234,
      pages: 25,
      skipped: complete ? {} : { 'invalid-json': 2 },
      complete,
      errors: complete ? [] : ['ThrottlingException after 5 retries; read 1234 of the window'],
    },
  ];
}

/** A report built through buildReport, as the pipeline does. */
export function makeReport(
  findings: Finding[],
  over: { analysis?: Partial<AnalysisOutcome>; complete?: boolean; config?: Config; errors?: string[] } = {},
): Report {
  return buildReport({
    config: over.config ?? makeConfig(),
    now: NOW,
    window: { start: new Date('2026-11-22T12:00:00Z'), end: new Date('2026-11-23T12:00:00Z') },
    sources: makeSources(over.complete ?? true),
    counts: { read: 1234, kept: 1200, filtered: 30, duplicates: 4, skipped: over.complete === false ? 2 : 0 },
    findings,
    suppressed: [],
    stats: makeStats(1200),
    analysis: makeAnalysis(over.analysis),
    run: {
      repository: 'octo-org/infra',
      runId: '42',
      runUrl: 'https://github.com/octo-org/infra/actions/runs/42',
      eventName: 'schedule',
    },
    warnings: [],
    errors: over.errors ?? [],
  });
}

export const EVERY_SEVERITY: Severity[] = ['low', 'critical', 'info', 'medium', 'high'];
