/**
 * Data for the token bench (and the analysis tests): the real CloudTrail records in __fixtures__/datasets,
 * synthetic volume made from their shapes, the seed's record layout, and a small stand-in rule flagger.
 *
 * Synthetic volume is synthetic: copies of real records with fresh event ids, times spread over the window,
 * and principals, IPs and accounts drawn from a pool. The shapes (event names, parameters, errors) are real.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeRecord } from '../src/sources/normalize.js';
import type { Config } from '../src/config/types.js';
import type { Finding, TrailEvent } from '../src/types.js';
import { fingerprint } from '../src/fingerprint.js';

export const DATASETS_DIR = new URL('../__fixtures__/datasets/', import.meta.url).pathname;

export interface Dataset {
  name: string;
  raw: Record<string, unknown>[];
}

/** Every `events.jsonl` under the datasets folder, raw. */
export function loadDatasets(dir = DATASETS_DIR): Dataset[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'events.jsonl')))
    .map((d) => ({
      name: d.name,
      raw: readFileSync(join(dir, d.name, 'events.jsonl'), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/**
 * Normalised events. Records sharing a placeholder id (Panther's `"1"`) get a unique suffix so none is lost:
 * fixtures are distinct records even when their ids are not.
 */
export function normalizeAll(raw: readonly Record<string, unknown>[], tag = 'ds'): TrailEvent[] {
  const seen = new Map<string, number>();
  const out: TrailEvent[] = [];
  raw.forEach((r) => {
    const n = normalizeRecord(r);
    if (!n.event) return;
    const c = seen.get(n.event.id) ?? 0;
    seen.set(n.event.id, c + 1);
    if (c > 0) n.event.id = `${n.event.id}-${tag}${c}`;
    out.push(n.event);
  });
  return out;
}

/** Deterministic PRNG (mulberry32), so synthetic volume is the same in every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuid(rand: () => number): string {
  const h = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16)).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const ACCOUNTS = ['111122223333', '444455556666', '123456789012'];
const IPS = [
  '198.51.100.7',
  '198.51.100.23',
  '203.0.113.10',
  '203.0.113.77',
  '192.0.2.44',
  '10.0.4.12',
  '10.0.9.200',
  '100.64.3.3',
];
const REGIONS = ['us-east-1', 'us-east-1', 'us-east-1', 'eu-west-1', 'us-west-2'];

/** A pool of identities: roles with several sessions, users, root, and a service. */
function identityPool(): Record<string, unknown>[] {
  const pool: Record<string, unknown>[] = [];
  ACCOUNTS.forEach((acct, ai) => {
    for (const role of ['deploy', 'ci-readonly', 'admin', 'lambda-exec', 'data-pipeline']) {
      pool.push({
        type: 'AssumedRole',
        principalId: `AROA${ai}${role.toUpperCase().replace(/-/g, '')}:session`,
        arn: `arn:aws:sts::${acct}:assumed-role/${role}/session-${ai}`,
        accountId: acct,
        accessKeyId: `ASIA${ai}${role.length}EXAMPLE`,
        sessionContext: {
          sessionIssuer: {
            type: 'Role',
            principalId: `AROA${ai}`,
            arn: `arn:aws:iam::${acct}:role/${role}`,
            accountId: acct,
            userName: role,
          },
          attributes: { creationDate: '2026-11-22T00:00:00Z', mfaAuthenticated: 'false' },
        },
      });
    }
    for (const user of ['alice', 'bob']) {
      pool.push({
        type: 'IAMUser',
        principalId: `AIDA${ai}${user.toUpperCase()}`,
        arn: `arn:aws:iam::${acct}:user/${user}`,
        accountId: acct,
        accessKeyId: `AKIA${ai}${user.toUpperCase()}EXAMPLE`,
        userName: user,
      });
    }
  });
  pool.push({
    type: 'Root',
    principalId: ACCOUNTS[0],
    arn: `arn:aws:iam::${ACCOUNTS[0]}:root`,
    accountId: ACCOUNTS[0],
  });
  return pool;
}

/**
 * `n` synthetic records from real shapes: each a copy of a real record with a fresh id, a time in
 * [start, end), and identity/IP/account/region from a pool (kept stable per identity so the volume looks like
 * principals doing their usual work). Roughly 80% of copies come from read-only shapes, as real trails do.
 */
export function synthesize(
  base: readonly Record<string, unknown>[],
  n: number,
  opts: { seed?: number; start: Date; end: Date },
): Record<string, unknown>[] {
  const rand = prng(opts.seed ?? 42);
  const reads = base.filter((r) => r.readOnly === true && !r.errorCode);
  const others = base.filter((r) => !(r.readOnly === true && !r.errorCode));
  const pool = identityPool();
  const span = opts.end.getTime() - opts.start.getTime();
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const from = rand() < 0.8 && reads.length ? reads : others;
    const shape = from[Math.floor(rand() * from.length)] ?? base[0] ?? {};
    const rec = JSON.parse(JSON.stringify(shape)) as Record<string, unknown>;
    const pi = Math.floor(rand() ** 2 * pool.length); // a few principals do most of the work
    const identity = pool[pi] ?? pool[0] ?? {};
    rec.eventID = uuid(rand);
    rec.requestID = uuid(rand);
    rec.eventTime = new Date(opts.start.getTime() + Math.floor(rand() * span))
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
    rec.userIdentity = identity;
    rec.recipientAccountId = (identity.accountId as string | undefined) ?? ACCOUNTS[0];
    rec.sourceIPAddress = IPS[(pi + (rand() < 0.1 ? 1 + Math.floor(rand() * 3) : 0)) % IPS.length];
    rec.awsRegion = REGIONS[(pi + (rand() < 0.15 ? 1 : 0)) % REGIONS.length];
    out.push(rec);
  }
  return out;
}

/** Event names a deterministic rule pack flags (a stand-in for src/detect when that is not available). */
const FLAGGED: Record<string, { rule: string; severity: Finding['severity']; title: string }> = {
  StopLogging: { rule: 'cloudtrail-stopped', severity: 'high', title: 'CloudTrail logging stopped' },
  DeleteTrail: { rule: 'cloudtrail-deleted', severity: 'high', title: 'CloudTrail trail deleted' },
  UpdateTrail: { rule: 'cloudtrail-modified', severity: 'medium', title: 'CloudTrail trail modified' },
  PutEventSelectors: {
    rule: 'cloudtrail-selectors',
    severity: 'medium',
    title: 'CloudTrail event selectors changed',
  },
  CreateAccessKey: { rule: 'iam-access-key-created', severity: 'medium', title: 'Access key created' },
  CreateLoginProfile: { rule: 'iam-login-profile', severity: 'medium', title: 'Console password created' },
  AttachUserPolicy: { rule: 'iam-policy-attached', severity: 'high', title: 'Policy attached to user' },
  AttachRolePolicy: { rule: 'iam-policy-attached', severity: 'high', title: 'Policy attached to role' },
  PutBucketPolicy: { rule: 's3-bucket-policy', severity: 'medium', title: 'Bucket policy changed' },
  DeleteDetector: { rule: 'guardduty-disabled', severity: 'high', title: 'GuardDuty detector deleted' },
  ModifySnapshotAttribute: { rule: 'ebs-snapshot-shared', severity: 'high', title: 'EBS snapshot shared' },
  GetPasswordData: { rule: 'ec2-password-data', severity: 'medium', title: 'EC2 password data retrieved' },
  ConsoleLogin: { rule: 'console-login', severity: 'low', title: 'Console login' },
  GetSecretValue: { rule: 'secrets-read', severity: 'low', title: 'Secret read' },
};

/** Stand-in rule engine: rule ids per event, and one finding per (rule, principal) with its evidence. */
export function standInRules(events: readonly TrailEvent[]): {
  ruleIds: Map<TrailEvent, string[]>;
  findings: Finding[];
} {
  const ruleIds = new Map<TrailEvent, string[]>();
  const byKey = new Map<string, Finding>();
  for (const e of events) {
    const r = FLAGGED[e.name];
    if (!r) continue;
    ruleIds.set(e, [r.rule]);
    const key = `${r.rule}\u0000${e.principal.key}`;
    let f = byKey.get(key);
    if (!f) {
      f = {
        id: fingerprint([r.rule, e.principal.key, e.account]),
        origin: 'rule',
        ruleId: r.rule,
        title: r.title,
        severity: r.severity,
        principal: e.principal.key,
        accounts: [e.account],
        regions: [e.region],
        firstSeen: e.time,
        lastSeen: e.time,
        count: 0,
        evidence: { eventIds: [] },
        description: `${r.title} by ${e.principal.key}.`,
        remediation: 'Confirm the change was expected.',
      };
      byKey.set(key, f);
    }
    f.count++;
    f.evidence.eventIds.push(e.id);
    if (e.time < f.firstSeen) f.firstSeen = e.time;
    if (e.time > f.lastSeen) f.lastSeen = e.time;
  }
  return { ruleIds, findings: [...byKey.values()] };
}

/** Python's `json.dumps` default output (", " and ": " separators, non-ASCII escaped), which the seed's notebook wrote. */
export function pyJsonDumps(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string')
    return JSON.stringify(v).replace(
      /[\u007f-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  if (typeof v === 'number' || typeof v === 'boolean') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(pyJsonDumps).join(', ')}]`;
  return `{${Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${pyJsonDumps(k)}: ${pyJsonDumps(x)}`)
    .join(', ')}}`;
}

/** A raw record as boto3's `lookup_events` returns it: the LookupEvents wrapper with the record as a JSON string. */
export function lookupEventShape(raw: Record<string, unknown>): Record<string, unknown> {
  const ui = (raw.userIdentity ?? {}) as Record<string, unknown>;
  const resources = Array.isArray(raw.resources) ? (raw.resources as Record<string, unknown>[]) : [];
  return {
    EventId: raw.eventID,
    EventName: raw.eventName,
    ReadOnly: String(raw.readOnly ?? 'false'),
    ...(ui.accessKeyId ? { AccessKeyId: ui.accessKeyId } : {}),
    EventTime: String(raw.eventTime ?? '')
      .replace('T', ' ')
      .replace('Z', '+00:00'),
    EventSource: raw.eventSource,
    Username: ui.userName ?? (typeof ui.arn === 'string' ? ui.arn.split('/').pop() : undefined),
    Resources: resources.map((r) => ({ ResourceType: r.type, ResourceName: r.ARN ?? r.arn })),
    CloudTrailEvent: JSON.stringify(raw),
  };
}

/**
 * The seed's record layout, reconstructed from its write-up (it shows neither its prompt nor its serialisation):
 * every batch record is an instruction followed by CloudTrail events, 10 per record. `lookup`: the events as
 * boto3's lookup_events returns them, written with json.dumps (what the notebook's code does); `raw`: the bare
 * record JSON, smaller, so a comparison against it favours the seed.
 */
export const SEED_PROMPT =
  'You are a security analyst. Analyze the following AWS CloudTrail events and identify any suspicious activity, ' +
  'security anomalies or misconfigurations. For each issue give the event, why it is a concern and a recommendation. ' +
  'If nothing is suspicious, say so.\n\nCloudTrail events:\n';

/** Text of the seed's batch records for these raw events (prompt + 10 events each). */
export function seedRecords(
  raw: readonly Record<string, unknown>[],
  layout: 'lookup' | 'raw' = 'lookup',
  perRecord = 10,
): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += perRecord) {
    const events = raw
      .slice(i, i + perRecord)
      .map((r) => (layout === 'lookup' ? pyJsonDumps(lookupEventShape(r)) : JSON.stringify(r)));
    out.push(SEED_PROMPT + events.join('\n'));
  }
  return out;
}

export type AnalysisOverrides = Partial<Config['analysis']>;

/** A complete Config (as the parser would build it) with analysis settings overridable. */
export function makeConfig(analysis: AnalysisOverrides = {}): Config {
  return {
    aws: {
      region: 'us-east-1',
      roleDurationSeconds: 3600,
      audience: 'sts.amazonaws.com',
      allowedAccountIds: [],
    },
    window: {
      kind: 'fixed',
      start: new Date('2026-11-22T00:00:00Z'),
      end: new Date('2026-11-23T00:00:00Z'),
      lookbackMs: 86_400_000,
      statePrefix: 'trailsight/state/',
    },
    source: {
      kind: 'file',
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
      engine: 'auto',
      modelId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
      summaryModelId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
      batchPrefix: 'trailsight/batch/',
      mode: 'run',
      waitTimeoutMinutes: 60,
      maxCostUsd: 5,
      reportLanguage: 'en',
      batchMinRecords: 100,
      recordTokenBudget: 6000,
      directConcurrency: 4,
      aiFindingsGate: false,
      ...analysis,
    },
    reporting: {
      reportTo: ['summary'],
      issueMode: 'report',
      issueLabels: [],
      issueAssignees: [],
      closeResolved: false,
      snsMinSeverity: 'high',
      redact: { mode: 'none' },
      reportPath: 'trailsight-report.json',
    },
    gate: { failOn: 'high', failOnError: false },
  };
}
