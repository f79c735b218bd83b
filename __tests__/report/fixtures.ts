import type { Config } from '../../src/config/types.js';
import { buildReport } from '../../src/report/index.js';
import type {
  ActivityStats,
  AnalysisOutcome,
  Finding,
  Incident,
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
  over: {
    analysis?: Partial<AnalysisOutcome>;
    complete?: boolean;
    config?: Config;
    errors?: string[];
    incidents?: Incident[];
  } = {},
): Report {
  return buildReport({
    config: over.config ?? makeConfig(),
    now: NOW,
    window: { start: new Date('2026-11-22T12:00:00Z'), end: new Date('2026-11-23T12:00:00Z') },
    sources: makeSources(over.complete ?? true),
    counts: { read: 1234, kept: 1200, filtered: 30, duplicates: 4, skipped: over.complete === false ? 2 : 0 },
    findings,
    ...(over.incidents ? { incidents: over.incidents } : {}),
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

/**
 * A hand-made incident over `findings`, as the correlate stage would build it (its actors, accounts, regions and
 * source IPs are the findings'; the severity is their highest unless `over` raises it).
 */
export function makeIncident(
  n: number,
  findings: readonly Finding[],
  over: Partial<Incident> = {},
): Incident {
  const rank = (s: Severity): number => EVERY_SEVERITY_ORDER.indexOf(s);
  const top = findings.reduce<Severity>((a, f) => (rank(f.severity) > rank(a) ? f.severity : a), 'info');
  const uniq = (xs: (string | undefined)[]): string[] =>
    [...new Set(xs.filter((x): x is string => x !== undefined))].sort();
  const times = findings.flatMap((f) => [f.firstSeen, f.lastSeen]).sort();
  return {
    id: `inc-${n.toString(16).padStart(12, '0')}`,
    title: `deploy-role-${n}: activity in ${findings.length} findings`,
    severity: top,
    tactics: ['defense-evasion'],
    start: times[0] ?? '2026-11-23T03:14:07Z',
    end: times[times.length - 1] ?? '2026-11-23T03:14:07Z',
    principals: uniq(findings.map((f) => f.principal)),
    accounts: uniq(findings.flatMap((f) => f.accounts)),
    regions: uniq(findings.flatMap((f) => f.regions)),
    sourceIps: uniq(findings.flatMap((f) => (f.evidence.samples ?? []).map((s) => s.sourceIp))),
    findingIds: findings.map((f) => f.id),
    ...over,
  };
}

const EVERY_SEVERITY_ORDER: Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

/**
 * One attacker's story in four findings within four minutes (defence evasion, persistence, privilege
 * escalation, exfiltration by one role from one IP), escalated to critical, plus two lone findings: what the
 * correlate stage makes of an attack run mixed with background noise.
 */
export function storyReport(over: Parameters<typeof makeReport>[1] = {}): Report {
  const principal = 'arn:aws:iam::123456789012:role/deploy-bot';
  const at = (m: number, s = 0): string =>
    new Date(Date.UTC(2026, 10, 23, 3, 14 + m, s)).toISOString().replace('.000Z', 'Z');
  const story: Finding[] = [
    makeFinding('high', 11, {
      title: 'CloudTrail logging stopped',
      ruleId: 'aws.cloudtrail.stop-logging',
      principal,
      firstSeen: at(0),
      lastSeen: at(0, 5),
      technique: 'T1562.008',
    }),
    makeFinding('medium', 12, {
      title: 'Access key created for another user',
      ruleId: 'aws.iam.create-access-key',
      principal,
      firstSeen: at(1),
      lastSeen: at(1),
      technique: 'T1098.001',
    }),
    makeFinding('high', 13, {
      title: 'Administrator policy attached to a user',
      ruleId: 'aws.iam.attach-admin-policy',
      principal,
      firstSeen: at(2),
      lastSeen: at(2, 30),
      technique: 'T1098',
    }),
    makeFinding('high', 14, {
      title: 'EBS snapshot shared with another account',
      ruleId: 'aws.ec2.snapshot-shared',
      principal,
      firstSeen: at(3),
      lastSeen: at(3, 40),
      technique: 'T1537',
    }),
  ];
  const lone = [
    makeFinding('low', 15, {
      title: 'Console login without MFA',
      ruleId: 'aws.signin.no-mfa',
      principal: 'arn:aws:iam::123456789012:user/alice',
      firstSeen: '2026-11-22T18:02:00Z',
      lastSeen: '2026-11-22T18:02:00Z',
    }),
    makeFinding('low', 16, {
      title: 'Console login without MFA',
      ruleId: 'aws.signin.no-mfa',
      principal: 'arn:aws:iam::123456789012:user/bob',
      firstSeen: '2026-11-23T08:30:00Z',
      lastSeen: '2026-11-23T08:30:00Z',
    }),
  ];
  const incidents: Incident[] = [
    makeIncident(1, story, {
      title: 'deploy-bot: defence evasion, privilege escalation and exfiltration in 4 min',
      severity: 'critical',
      escalatedFrom: 'high',
      escalationReason: 'spans 4 ATT&CK tactics within 60 min',
      tactics: ['persistence', 'privilege-escalation', 'defense-evasion', 'exfiltration'],
    }),
    makeIncident(2, [lone[0] as Finding], {
      title: 'alice: console login without MFA',
      tactics: ['initial-access'],
    }),
    makeIncident(3, [lone[1] as Finding], {
      title: 'bob: console login without MFA',
      tactics: ['initial-access'],
    }),
  ];
  return makeReport([...story, ...lone], { incidents, ...over });
}
