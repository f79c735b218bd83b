/**
 * `report-to: securityhub`: every finding imported into AWS Security Hub as an ASFF finding of the account's default
 * product, with the finding's fingerprint as its `Id` so a re-run updates it; with `close-resolved`, TrailSight
 * findings a complete run no longer sees are archived.
 */
import {
  BatchImportFindingsCommand,
  BatchUpdateFindingsCommand,
  GetFindingsCommand,
  type AwsSecurityFinding,
  type Resource,
  type SecurityHubClient,
  type SeverityLabel,
} from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { Config } from '../config/types.js';
import { AwsError, awsErrorMeta, isAccessDenied } from '../errors.js';
import { TACTIC_INFO, tacticOf } from '../report/attack.js';
import { plainText } from '../report/sanitize.js';
import type { Finding, Report, Severity } from '../types.js';
import { isComplete } from './issues.js';
import type { DestinationResult, FindingFailure, PublishDeps } from './types.js';

/** Findings per BatchImportFindings / BatchUpdateFindings call: Security Hub takes at most 100. */
export const ASFF_BATCH = 100;
/** Length limits of ASFF fields (API reference, AwsSecurityFinding and Recommendation). */
export const ASFF_LIMITS = {
  title: 256,
  description: 1024,
  recommendation: 512,
  generatorId: 512,
  productFieldValue: 2048,
  resources: 32,
} as const;
/** What TrailSight calls itself in Security Hub (a custom integration may name its product and company). */
export const ASFF_PRODUCT_NAME = 'TrailSight';
/** GeneratorId of model findings, which have no rule. */
export const AI_GENERATOR_ID = 'trailsight/ai';
/** GetFindings pages read while looking for findings to archive (100 each): a bound, not an expected size. */
const MAX_ARCHIVE_PAGES = 50;

const SEVERITY_LABEL: Record<Severity, SeverityLabel> = {
  info: 'INFORMATIONAL',
  low: 'LOW',
  medium: 'MEDIUM',
  high: 'HIGH',
  critical: 'CRITICAL',
};

/** Where and as whom a run imports: the caller's account, the Security Hub Region, its default product. */
export interface AsffTarget {
  account: string;
  region: string;
  partition: string;
  productArn: string;
  repository?: string | undefined;
  workflow?: string | undefined;
  runUrl?: string | undefined;
}

/**
 * Which run series a finding belongs to (`owner/repo/workflow`, or `local` for runs outside Actions), so that
 * archiving after one workflow's run never touches the findings another workflow keeps up to date.
 */
export function scopeOf(t: Pick<AsffTarget, 'repository' | 'workflow'>): string {
  const s = t.repository ? `${t.repository}/${t.workflow ?? ''}` : 'local';
  return cut(plainText(s), ASFF_LIMITS.productFieldValue) || 'local';
}

/** The partition of a Region (`cn-north-1` → `aws-cn`), for ARNs. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}

/** The default product of an account: where its own (non-partner) findings go. */
export function defaultProductArn(partition: string, region: string, account: string): string {
  return `arn:${partition}:securityhub:${region}:${account}:product/${account}/default`;
}

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never split a surrogate pair: half of one is not valid Unicode, and the service would reject it.
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 2)) ? max - 2 : max - 1;
  return `${text.slice(0, end)}…`;
}

// The run link is a trusted value, but it still must be an https URL to land in SourceUrl.
function httpsUrl(url: string | undefined): string | undefined {
  return url && /^https:\/\/[^\s<>"]+$/.test(url) ? url : undefined;
}

/** Resources in a sample's key request fields, by field name: the ASFF type and how to build its Id. */
const DETAIL_RESOURCES: Record<
  string,
  { type: string; valid: RegExp; id: (v: string, t: AsffTarget, region: string) => string }
> = {
  bucketName: {
    type: 'AwsS3Bucket',
    valid: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
    id: (v, t) => `arn:${t.partition}:s3:::${v}`,
  },
  roleName: {
    type: 'AwsIamRole',
    valid: /^[\w+=,.@-]{1,64}$/,
    id: (v, t) => `arn:${t.partition}:iam::${t.account}:role/${v}`,
  },
  userName: {
    type: 'AwsIamUser',
    valid: /^[\w+=,.@-]{1,64}$/,
    id: (v, t) => `arn:${t.partition}:iam::${t.account}:user/${v}`,
  },
  groupName: {
    type: 'AwsIamGroup',
    valid: /^[\w+=,.@-]{1,128}$/,
    id: (v, t) => `arn:${t.partition}:iam::${t.account}:group/${v}`,
  },
  policyArn: {
    type: 'AwsIamPolicy',
    valid: /^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/[\w+=,.@/-]{1,512}$/,
    id: (v) => v,
  },
  instanceId: {
    type: 'AwsEc2Instance',
    valid: /^i-[0-9a-f]{8,17}$/,
    id: (v, t, r) => `arn:${t.partition}:ec2:${r}:${t.account}:instance/${v}`,
  },
  vpcId: {
    type: 'AwsEc2Vpc',
    valid: /^vpc-[0-9a-f]{8,17}$/,
    id: (v, t, r) => `arn:${t.partition}:ec2:${r}:${t.account}:vpc/${v}`,
  },
  functionName: {
    type: 'AwsLambdaFunction',
    valid: /^(arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:)?[\w-]{1,64}(:[\w$-]{1,128})?$/,
    id: (v, t, r) => (v.startsWith('arn:') ? v : `arn:${t.partition}:lambda:${r}:${t.account}:function:${v}`),
  },
};

// Resource.Partition takes only these (the model's enum); other partitions leave it out.
const RESOURCE_PARTITIONS = new Set(['aws', 'aws-cn', 'aws-us-gov']);
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** Region and partition of a resource; an event's Region is attacker-adjacent text, so only a Region-shaped one counts. */
function placement(
  t: AsffTarget,
  region: string | undefined,
  fallback: string,
): Pick<Resource, 'Partition' | 'Region'> {
  const r = region && REGION.test(region) ? region : fallback;
  return {
    ...(RESOURCE_PARTITIONS.has(t.partition) ? { Partition: t.partition as Resource['Partition'] } : {}),
    Region: r,
  };
}

/** The principal as an ASFF resource: an IAM role or user by ARN, anything else (root, a service) as Other. */
function principalResource(f: Finding, t: AsffTarget, region: string): Resource {
  const p = f.principal ?? 'unknown principal';
  const type = /^arn:aws[a-z-]*:iam::\d{12}:role\//.test(p)
    ? 'AwsIamRole'
    : /^arn:aws[a-z-]*:iam::\d{12}:user\//.test(p)
      ? 'AwsIamUser'
      : 'Other';
  return {
    Type: type,
    Id: cut(plainText(p), 512) || 'unknown principal',
    ...placement(t, region, t.region),
  };
}

/** The principal, then resources named in the evidence samples (validated: the values come from events). */
function resourcesOf(f: Finding, t: AsffTarget): Resource[] {
  const region = f.regions.find((r) => REGION.test(r)) ?? t.region;
  const out: Resource[] = [principalResource(f, t, region)];
  const seen = new Set(out.map((r) => r.Id));
  for (const s of f.evidence.samples ?? []) {
    for (const [k, v] of Object.entries(s.details ?? {})) {
      const spec = DETAIL_RESOURCES[k];
      if (!spec || !spec.valid.test(v)) continue;
      const where = placement(t, s.region, region);
      const id = spec.id(v, t, where.Region ?? region);
      if (seen.has(id) || out.length >= ASFF_LIMITS.resources) continue;
      seen.add(id);
      out.push({ Type: spec.type, Id: id, ...where });
    }
  }
  return out;
}

/** ASFF `Types`: the ATT&CK tactic and technique, and the behaviour class every TrailSight finding is. */
export function asffTypes(f: Finding): string[] {
  const tactic = tacticOf(f.technique);
  return [
    ...(tactic && f.technique ? [`TTPs/${TACTIC_INFO[tactic].name}/${f.technique}`] : []),
    'Unusual Behaviors/User',
  ];
}

/** Event ids joined while they fit one ProductFields value. */
function eventIdsField(ids: readonly string[]): { value: string; listed: number } {
  let value = '';
  let listed = 0;
  for (const id of ids) {
    const next = value ? `${value},${id}` : id;
    if (next.length > ASFF_LIMITS.productFieldValue) break;
    value = next;
    listed++;
  }
  return { value, listed };
}

/** One finding as ASFF (`SchemaVersion 2018-10-08`), for the target's account, Region and default product. */
export function toAsff(f: Finding, report: Report, t: AsffTarget): AwsSecurityFinding {
  const severity = { Label: SEVERITY_LABEL[f.severity], Original: f.severity };
  const types = asffTypes(f);
  const ids = eventIdsField(f.evidence.eventIds);
  const productFields: Record<string, string> = {
    'trailsight/FindingId': f.id,
    'trailsight/Origin': f.origin,
    'trailsight/EventCount': String(f.count),
    'trailsight/Regions': cut(plainText(f.regions.join(',')) || t.region, ASFF_LIMITS.productFieldValue),
    'trailsight/WindowStart': report.window.start,
    'trailsight/WindowEnd': report.window.end,
  };
  if (ids.value) productFields['trailsight/EventIds'] = ids.value;
  const omitted = f.evidence.eventIds.length - ids.listed + (f.evidence.omitted ?? 0);
  if (omitted > 0) productFields['trailsight/EventIdsOmitted'] = String(omitted);
  if (f.ruleId) productFields['trailsight/RuleId'] = cut(f.ruleId, ASFF_LIMITS.productFieldValue);
  if (f.technique) productFields['trailsight/Technique'] = f.technique;
  if (f.principal)
    productFields['trailsight/Principal'] = cut(plainText(f.principal), ASFF_LIMITS.productFieldValue);
  productFields['trailsight/Scope'] = scopeOf(t);
  const runUrl = httpsUrl(t.runUrl);
  const recommendation = cut(
    plainText(f.remediation) || 'Review the evidence events in CloudTrail.',
    ASFF_LIMITS.recommendation,
  );
  const confidence =
    f.origin === 'ai' && f.confidence !== undefined
      ? Math.round(Math.min(1, Math.max(0, f.confidence)) * 100)
      : undefined;
  return {
    SchemaVersion: '2018-10-08',
    Id: f.id,
    ProductArn: t.productArn,
    ProductName: ASFF_PRODUCT_NAME,
    CompanyName: ASFF_PRODUCT_NAME,
    GeneratorId: cut(f.ruleId ?? AI_GENERATOR_ID, ASFF_LIMITS.generatorId),
    AwsAccountId: t.account,
    Types: types,
    FirstObservedAt: f.firstSeen,
    LastObservedAt: f.lastSeen,
    // The finding is "created" when its first event happened, so CreatedAt is the same in every run that sees it.
    CreatedAt: f.firstSeen,
    UpdatedAt: report.generatedAt,
    Severity: severity,
    FindingProviderFields: {
      Severity: severity,
      Types: types,
      ...(confidence !== undefined ? { Confidence: confidence } : {}),
    },
    ...(confidence !== undefined ? { Confidence: confidence } : {}),
    Title: cut(plainText(f.title) || f.ruleId || 'TrailSight finding', ASFF_LIMITS.title),
    Description: cut(
      plainText(f.description) || plainText(f.title) || 'TrailSight finding',
      ASFF_LIMITS.description,
    ),
    Remediation: { Recommendation: { Text: recommendation, ...(runUrl ? { Url: runUrl } : {}) } },
    ...(runUrl ? { SourceUrl: runUrl } : {}),
    ProductFields: productFields,
    Resources: resourcesOf(f, t),
    RecordState: 'ACTIVE',
  };
}

interface ImportOutcome {
  imported: number;
  failures: FindingFailure[];
}

/** Imports in batches of 100. Throttling is retried by the SDK client (standard mode); a batch that still fails is recorded per finding. */
async function importAll(hub: SecurityHubClient, findings: AwsSecurityFinding[]): Promise<ImportOutcome> {
  const failures: FindingFailure[] = [];
  let imported = 0;
  for (let i = 0; i < findings.length; i += ASFF_BATCH) {
    const batch = findings.slice(i, i + ASFF_BATCH);
    try {
      const out = await hub.send(new BatchImportFindingsCommand({ Findings: batch }));
      imported += out.SuccessCount ?? 0;
      for (const f of out.FailedFindings ?? [])
        failures.push({ id: f.Id ?? '?', code: f.ErrorCode ?? 'Unknown', message: f.ErrorMessage ?? '' });
    } catch (err) {
      const meta = awsErrorMeta(err);
      const rest = isAccessDenied(err) || meta.name === 'InvalidAccessException' ? findings.slice(i) : batch;
      for (const f of rest) failures.push({ id: f.Id ?? '?', code: meta.name, message: meta.message });
      // Without access (Security Hub off in the Region, or no permission) later batches would fail alike.
      if (rest.length > batch.length) break;
    }
  }
  return { imported, failures };
}

/** Our ACTIVE findings in Security Hub for this repository and workflow, read page by page. */
async function activeTrailSightFindings(
  hub: SecurityHubClient,
  t: AsffTarget,
): Promise<AwsSecurityFinding[]> {
  const out: AwsSecurityFinding[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_ARCHIVE_PAGES; page++) {
    const res = await hub.send(
      new GetFindingsCommand({
        Filters: {
          ProductArn: [{ Value: t.productArn, Comparison: 'EQUALS' }],
          ProductName: [{ Value: ASFF_PRODUCT_NAME, Comparison: 'EQUALS' }],
          RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
          // One key: EQUALS filters on the same field are ORed, so repository and workflow share a value.
          ProductFields: [{ Key: 'trailsight/Scope', Value: scopeOf(t), Comparison: 'EQUALS' }],
        },
        MaxResults: ASFF_BATCH,
        ...(token ? { NextToken: token } : {}),
      }),
    );
    out.push(...(res.Findings ?? []));
    token = res.NextToken;
    if (!token) break;
  }
  return out;
}

// Set by Security Hub or owned by the customer: a provider's re-import leaves them out.
const NOT_PROVIDER_FIELDS = [
  'ProcessedAt',
  'Region',
  'WorkflowState',
  'Workflow',
  'Note',
  'UserDefinedFields',
  'VerificationState',
] as const;

/**
 * `close-resolved`: TrailSight findings still ACTIVE in Security Hub that this complete run did not report are
 * re-imported as `RecordState: ARCHIVED` (the provider's field) and marked RESOLVED with a note saying why
 * (BatchUpdateFindings, the customer-side workflow fields). Returns how many were archived.
 */
async function archiveResolved(
  hub: SecurityHubClient,
  report: Report,
  t: AsffTarget,
  failures: FindingFailure[],
): Promise<number> {
  const current = new Set(report.findings.map((f) => f.id));
  const stale = (await activeTrailSightFindings(hub, t)).filter((f) => f.Id && !current.has(f.Id));
  if (stale.length === 0) return 0;
  const archived = stale.map((f) => {
    const copy: AwsSecurityFinding = { ...f, RecordState: 'ARCHIVED', UpdatedAt: report.generatedAt };
    for (const k of NOT_PROVIDER_FIELDS) delete copy[k];
    // Keys under aws/ are the ones Security Hub adds itself (aws/securityhub/FindingId …), not ours to send.
    copy.ProductFields = Object.fromEntries(
      Object.entries(f.ProductFields ?? {}).filter(([k]) => !k.startsWith('aws/')),
    );
    return copy;
  });
  const out = await importAll(hub, archived);
  failures.push(...out.failures.map((f) => ({ ...f, message: `archiving: ${f.message}` })));
  const failed = new Set(out.failures.map((f) => f.id));
  const done = stale.filter((f) => !failed.has(f.Id ?? ''));
  const suppressedIds = new Set(report.suppressed.map((s) => s.findingId));
  // A status the team chose (SUPPRESSED, or already RESOLVED) is theirs: only open investigations are resolved.
  const open = done.filter(
    (f) => !f.Workflow?.Status || f.Workflow.Status === 'NEW' || f.Workflow.Status === 'NOTIFIED',
  );
  for (const why of ['suppressed', 'not seen'] as const) {
    const group = open.filter((f) => suppressedIds.has(f.Id ?? '') === (why === 'suppressed'));
    for (let i = 0; i < group.length; i += ASFF_BATCH) {
      const text = cut(
        `TrailSight: ${why === 'suppressed' ? 'now suppressed' : 'not seen'} in the complete review of ${report.window.start} to ${report.window.end}; archived.${t.runUrl ? ` ${t.runUrl}` : ''}`,
        512,
      );
      try {
        const res = await hub.send(
          new BatchUpdateFindingsCommand({
            FindingIdentifiers: group
              .slice(i, i + ASFF_BATCH)
              .map((f) => ({ Id: f.Id, ProductArn: f.ProductArn })),
            Workflow: { Status: 'RESOLVED' },
            Note: { Text: text, UpdatedBy: ASFF_PRODUCT_NAME },
          }),
        );
        for (const u of res.UnprocessedFindings ?? [])
          failures.push({
            id: u.FindingIdentifier?.Id ?? '?',
            code: u.ErrorCode ?? 'Unknown',
            message: `resolving: ${u.ErrorMessage ?? ''}`,
          });
      } catch (err) {
        const meta = awsErrorMeta(err);
        for (const f of group.slice(i, i + ASFF_BATCH))
          failures.push({ id: f.Id ?? '?', code: meta.name, message: `resolving: ${meta.message}` });
      }
    }
  }
  return done.length;
}

/** `report-to: securityhub`: imports the report's findings (suppressed ones are not in it) as ASFF. */
export async function publishSecurityHub(
  report: Report,
  config: Config,
  deps: PublishDeps,
): Promise<DestinationResult> {
  const region = config.reporting.securityhubRegion ?? config.aws.region;
  let account: string;
  try {
    account = (await (await deps.clients.sts()).send(new GetCallerIdentityCommand({}))).Account ?? '';
  } catch (err) {
    throw new AwsError('Could not learn the account to import into (GetCallerIdentity)', err);
  }
  if (!/^\d{12}$/.test(account))
    throw new Error(`GetCallerIdentity named no account (${JSON.stringify(account)})`);
  const partition = partitionOf(region);
  const target: AsffTarget = {
    account,
    region,
    partition,
    productArn: defaultProductArn(partition, region, account),
    repository: deps.context.repository,
    workflow: deps.context.workflow,
    runUrl: report.run?.runUrl ?? deps.context.runUrl,
  };
  const failures: FindingFailure[] = [];
  const asff: AwsSecurityFinding[] = [];
  for (const f of report.findings) {
    // The default product takes only the caller's own account's findings (BatchImportFindings API reference).
    if (f.accounts.length > 0 && !f.accounts.includes(account)) {
      failures.push({
        id: f.id,
        code: 'OtherAccount',
        message: `the finding is in account ${f.accounts.join(', ')}; Security Hub imports into the default product only findings of the calling account ${account}: run with credentials in that account, or aggregate with Security Hub's delegated administrator`,
      });
      continue;
    }
    asff.push(toAsff(f, report, target));
  }
  const hub = await deps.clients.securityhub(region);
  const imported = await importAll(hub, asff);
  failures.push(...imported.failures);
  let archived = 0;
  if (config.reporting.closeResolved) {
    if (isComplete(report)) {
      try {
        archived = await archiveResolved(hub, report, target, failures);
      } catch (err) {
        failures.push({
          id: '(archive)',
          ...codeOf(err),
          message: `could not look for resolved findings: ${awsErrorMeta(err).message}`,
        });
      }
    } else deps.logger.info('securityhub: not archiving: this run did not review its whole window');
  }
  const summary = `imported ${imported.imported} of ${plural(report.findings.length, 'finding')} into ${target.productArn}${archived ? `, archived ${archived}` : ''}`;
  deps.logger.info(`securityhub: ${summary}`);
  if (failures.length === 0) return { name: 'securityhub', ok: true, detail: summary };
  return {
    name: 'securityhub',
    ok: false,
    detail: summary,
    error: `${plural(failures.length, 'finding')} not delivered; ${summary}`,
    failures,
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function codeOf(err: unknown): { code: string } {
  return { code: awsErrorMeta(err).name };
}
