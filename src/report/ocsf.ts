/**
 * The report's findings as OCSF Detection Findings (class 2004, category Findings), schema 1.1.0: the version Amazon
 * Security Lake and CloudWatch's OCSF transforms read, and the first with the Detection Finding class. One object
 * per finding; suppressed findings are not findings and are left out, as in every other rendering.
 */
import type { Finding, Report, Severity } from '../types.js';
import { VERSION } from '../version.js';
import { TACTIC_INFO, tacticOf } from './attack.js';
import { stripControl } from './sanitize.js';

export const OCSF_VERSION = '1.1.0';
const CATEGORY = { uid: 2, name: 'Findings' } as const;
const CLASS = { uid: 2004, name: 'Detection Finding' } as const;
/** Finding activities TrailSight emits: a finding seen for the first time, or one seen before. */
const ACTIVITY = { create: { id: 1, name: 'Create' }, update: { id: 2, name: 'Update' } } as const;

const SEVERITY_ID: Record<Severity, { id: number; name: string }> = {
  info: { id: 1, name: 'Informational' },
  low: { id: 2, name: 'Low' },
  medium: { id: 3, name: 'Medium' },
  high: { id: 4, name: 'High' },
  critical: { id: 5, name: 'Critical' },
};
const AWS_ACCOUNT = { type_id: 10, type: 'AWS Account' } as const;

/** One OCSF 1.1.0 Detection Finding, as plain JSON. */
export type OcsfDetectionFinding = Record<string, unknown> & {
  class_uid: 2004;
  activity_id: number;
  finding_info: { uid: string; title: string } & Record<string, unknown>;
};

export interface OcsfOptions {
  /** Finding uids of the previous OCSF file of this series: these findings are `Update`s, the others `Create`s. */
  previous?: ReadonlySet<string>;
}

const ms = (iso: string): number => Date.parse(iso);
// Text other tools show: no control or bidi characters (Trojan Source), otherwise as the report holds it.
const text = (s: string): string => stripControl(s).trim();

/** What the principal key says about the identity: an IAM user or role ARN, root, or an AWS service. */
function actorOf(f: Finding): Record<string, unknown> | undefined {
  const p = f.principal;
  if (!p) return undefined;
  const role = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(p);
  const user = /^arn:aws[a-z-]*:iam::(\d{12}):user\/(?:.*\/)?([^/]+)$/.exec(p);
  const root = /^root@(\d{12})$/.exec(p);
  const account = role?.[1] ?? user?.[1] ?? root?.[1] ?? f.accounts[0];
  const kind = role
    ? { type_id: 99, type: 'IAM Role' }
    : user
      ? { type_id: 1, type: 'User' }
      : root
        ? { type_id: 2, type: 'Admin' }
        : /\.amazonaws\.com$/.test(p)
          ? { type_id: 3, type: 'System' }
          : { type_id: 0, type: 'Unknown' };
  const name = role?.[2] ?? user?.[2] ?? (root ? 'root' : p);
  const out: Record<string, unknown> = {
    user: {
      uid: text(p),
      name: text(name),
      ...kind,
      ...(account ? { account: { uid: account, ...AWS_ACCOUNT } } : {}),
    },
  };
  // Every session of a role groups under the role: it is the session's issuer.
  if (role) out.session = { issuer: text(p) };
  return out;
}

/** The ATT&CK placement of the technique: tactic (when the table knows it), technique, sub-technique. */
function attacksOf(f: Finding): Record<string, unknown>[] {
  if (!f.technique) return [];
  const [parent] = f.technique.split('.');
  const tactic = tacticOf(f.technique);
  return [
    {
      ...(tactic ? { tactic: { uid: TACTIC_INFO[tactic].uid, name: TACTIC_INFO[tactic].name } } : {}),
      technique: { uid: parent },
      ...(f.technique.includes('.') ? { sub_technique: { uid: f.technique } } : {}),
    },
  ];
}

/** The evidence events the report kept key fields of: the API call, where it came from, what it touched. */
function evidencesOf(f: Finding): Record<string, unknown>[] {
  return (f.evidence.samples ?? []).map((s) => ({
    api: { operation: text(s.eventName), ...(s.errorCode ? { response: { error: text(s.errorCode) } } : {}) },
    ...(s.sourceIp ? { src_endpoint: { ip: s.sourceIp } } : {}),
    data: {
      event_uid: s.eventId,
      time: s.time,
      region: s.region,
      account: s.account,
      ...(s.userAgent ? { user_agent: text(s.userAgent) } : {}),
      ...(s.details
        ? { details: Object.fromEntries(Object.entries(s.details).map(([k, v]) => [k, text(v)])) }
        : {}),
    },
  }));
}

function typesOf(f: Finding): string[] {
  const tactic = tacticOf(f.technique);
  return [
    ...(tactic ? [TACTIC_INFO[tactic].name] : []),
    f.origin === 'ai' ? 'Model finding' : 'Rule finding',
  ];
}

/** One finding as an OCSF Detection Finding. */
export function ocsfFinding(f: Finding, report: Report, opts: OcsfOptions = {}): OcsfDetectionFinding {
  const activity = opts.previous?.has(f.id) ? ACTIVITY.update : ACTIVITY.create;
  const severity = SEVERITY_ID[f.severity];
  const runUrl =
    report.run?.runUrl && /^https:\/\/\S+$/.test(report.run.runUrl) ? report.run.runUrl : undefined;
  const actor = actorOf(f);
  const attacks = attacksOf(f);
  const evidences = evidencesOf(f);
  return {
    activity_id: activity.id,
    activity_name: activity.name,
    category_uid: CATEGORY.uid,
    category_name: CATEGORY.name,
    class_uid: CLASS.uid,
    class_name: CLASS.name,
    type_uid: CLASS.uid * 100 + activity.id,
    type_name: `${CLASS.name}: ${activity.name}`,
    severity_id: severity.id,
    severity: severity.name,
    // Status is the consumer's to change; a finding TrailSight reports is New to it.
    status_id: 1,
    status: 'New',
    time: ms(report.generatedAt),
    start_time: ms(f.firstSeen),
    end_time: ms(f.lastSeen),
    count: f.count,
    message: text(f.title),
    ...(f.origin === 'ai' && f.confidence !== undefined
      ? { confidence_score: Math.round(Math.min(1, Math.max(0, f.confidence)) * 100) }
      : {}),
    finding_info: {
      uid: f.id,
      title: text(f.title),
      desc: text(f.description),
      types: typesOf(f),
      analytic:
        f.origin === 'rule'
          ? { uid: f.ruleId ?? f.id, name: f.ruleId ?? text(f.title), type_id: 1, type: 'Rule' }
          : { uid: 'trailsight/ai', name: 'TrailSight model review', type_id: 4, type: 'Learning (ML/DL)' },
      first_seen_time: ms(f.firstSeen),
      last_seen_time: ms(f.lastSeen),
      modified_time: ms(report.generatedAt),
      data_sources: ['AWS CloudTrail'],
      related_events: f.evidence.eventIds.map((uid) => ({ uid })),
      ...(attacks.length ? { attacks } : {}),
      ...(runUrl ? { src_url: runUrl } : {}),
    },
    ...(actor ? { actor } : {}),
    cloud: {
      provider: 'AWS',
      ...(f.accounts[0] ? { account: { uid: f.accounts[0], ...AWS_ACCOUNT } } : {}),
      ...(f.regions[0] ? { region: f.regions[0] } : {}),
    },
    ...(evidences.length ? { evidences } : {}),
    remediation: { desc: text(f.remediation) || 'Review the evidence events in CloudTrail.' },
    metadata: {
      version: OCSF_VERSION,
      profiles: ['cloud'],
      product: {
        name: 'TrailSight',
        vendor_name: 'TrailSight',
        version: VERSION,
        ...(runUrl ? { url_string: runUrl } : {}),
      },
      // Findings of one report share it, so a consumer can tell runs apart.
      correlation_uid: `${report.window.start}/${report.window.end}`,
      logged_time: ms(report.generatedAt),
    },
  } as OcsfDetectionFinding;
}

/** Every finding of the report as an OCSF Detection Finding, most severe first (the report's order). */
export function renderOcsf(report: Report, opts: OcsfOptions = {}): OcsfDetectionFinding[] {
  return report.findings.map((f) => ocsfFinding(f, report, opts));
}

/** The finding uids of a previous OCSF file (an array of Detection Findings); empty for anything else. */
export function ocsfFindingUids(previous: unknown): Set<string> {
  const out = new Set<string>();
  if (!Array.isArray(previous)) return out;
  for (const item of previous) {
    const f = item as { class_uid?: unknown; finding_info?: { uid?: unknown } } | null;
    const uid = f?.finding_info?.uid;
    if (f?.class_uid === CLASS.uid && typeof uid === 'string') out.add(uid);
  }
  return out;
}

/** `<report>.json` → `<report>.ocsf.json`; any other name gets `.ocsf.json` appended. */
export function ocsfPathFor(reportPath: string): string {
  return /\.json$/i.test(reportPath)
    ? reportPath.replace(/\.json$/i, '.ocsf.json')
    : `${reportPath}.ocsf.json`;
}
