/**
 * Sigma out: our rules written as Sigma rules that match exactly the same records.
 *
 * Our conditions read TrailSight's normalised event (name, service, principal.*) and compare case-sensitively;
 * Sigma reads the raw record and compares case-insensitively. So fields are mapped to CloudTrail's own names,
 * comparisons carry `|cased` unless the rule ignores case, and the exclusions our engine applies implicitly
 * (failed calls, calls made by AWS services) are written out as filters. Whatever Sigma cannot say exactly (our
 * principal key, first-seen rules, per-element conditions inside policies, configuration parameters) makes the
 * rule skipped, with the reason, never exported approximately.
 */
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import { TACTICS, type Severity } from '../../types.js';
import type { Condition, FieldCondition, Rule } from '../schema.js';
import { LEVELS, type SigmaMeta } from './rules.js';
import { escapeSigma } from './values.js';

/** The UUID namespace of TrailSight rule ids (RFC 4122 name-based ids, version 5). */
const NAMESPACE = '5f1c2b9e-7a43-4d1e-9c6b-2e8f0a7d3b41';

/** A stable UUID (version 5) for a name: the same rule id gives the same Sigma id in every export. */
export function uuidFor(name: string, namespace = NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const h = createHash('sha1').update(ns).update(name, 'utf8').digest();
  h[6] = ((h[6] as number) & 0x0f) | 0x50;
  h[8] = ((h[8] as number) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** The Sigma id of an exported rule (a threshold rule's correlation) and of a threshold rule's base rule. */
export const sigmaIdOf = (ruleId: string): string => uuidFor(`trailsight:${ruleId}`);
const baseIdOf = (ruleId: string): string => uuidFor(`trailsight:${ruleId}:base`);

/** Raised for what Sigma cannot express exactly. */
class Unexpressible extends Error {}

/** TrailEvent fields -> CloudTrail record fields, where the value is the record's own (a non-empty string). */
const FIELD_MAP: Readonly<Record<string, string>> = {
  name: 'eventName',
  region: 'awsRegion',
  sourceIp: 'sourceIPAddress',
  userAgent: 'userAgent',
  errorCode: 'errorCode',
  errorMessage: 'errorMessage',
  readOnly: 'readOnly',
  eventType: 'eventType',
  'principal.type': 'userIdentity.type',
  'principal.arn': 'userIdentity.arn',
  'principal.principalId': 'userIdentity.principalId',
  'principal.userName': 'userIdentity.userName',
  'principal.accessKeyId': 'userIdentity.accessKeyId',
  'principal.invokedBy': 'userIdentity.invokedBy',
  'principal.sessionIssuerArn': 'userIdentity.sessionContext.sessionIssuer.arn',
  'principal.sessionIssuerName': 'userIdentity.sessionContext.sessionIssuer.userName',
};

function fieldOf(path: string): string {
  if (path.split('.').includes('*'))
    throw new Unexpressible(
      `its field "${path}" reads every value of an object (*), which Sigma field names cannot`,
    );
  if (path.startsWith('raw.')) return path.slice(4);
  const f = FIELD_MAP[path];
  if (f === undefined)
    throw new Unexpressible(
      path === 'principal.key'
        ? 'it uses TrailSight’s principal key (every session of a role as one principal), which no CloudTrail field holds'
        : `its field "${path}" is derived by TrailSight and has no CloudTrail field of the same value`,
    );
  return f;
}

const ATTACK_TACTICS: ReadonlySet<string> = new Set(TACTICS);
const LEVEL_OF: Readonly<Record<Severity, string>> = Object.fromEntries(
  Object.entries(LEVELS).map(([level, sev]) => [sev, level]),
) as Record<Severity, string>;

/** Builds a detection: each leaf becomes a search identifier, the structure becomes the condition string. */
class DetectionBuilder {
  readonly ids: Record<string, unknown> = {};
  private n = 0;

  add(prefix: string, body: unknown): string {
    const name = `${prefix}_${++this.n}`;
    this.ids[name] = body;
    return name;
  }

  cond(c: Condition): string {
    if ('all' in c) return this.join(c.all, 'and');
    if ('any' in c) return this.join(c.any, 'or');
    if ('not' in c) return `not ${this.cond(c.not)}`;
    return this.leaf(c);
  }

  private join(parts: readonly Condition[], op: 'and' | 'or'): string {
    if (parts.length === 0) throw new Unexpressible(`it has an empty ${op === 'and' ? 'all' : 'any'}`);
    if (parts.length === 1) return this.cond(parts[0] as Condition);
    return `(${parts.map((p) => this.cond(p)).join(` ${op} `)})`;
  }

  private leaf(c: FieldCondition): string {
    const cased = c.ignoreCase === true ? '' : '|cased';
    if (c.some !== undefined) {
      // `some` with one field condition is a plain path through a list (Sigma fans lists out too).
      if ('field' in c.some && c.some.some === undefined)
        return this.leaf({ ...c.some, field: `${c.field}.${c.some.field}` });
      throw new Unexpressible(
        'it tests several fields of one list element together (e.g. a policy statement), which Sigma cannot scope',
      );
    }
    if (c.field === 'service') return this.service(c);
    const field = fieldOf(c.field);
    const sel = (key: string, value: unknown): string => this.add('selection', { [key]: value });
    const text = (v: string | number | boolean): string | number | boolean =>
      typeof v === 'string' ? escapeSigma(v) : v;
    if (c.exists !== undefined) {
      // Ours: some value is neither null nor empty. Sigma: not (absent or null) and not empty.
      const cond = `not ${sel(field, null)} and not ${sel(field, '')}`;
      return c.exists ? `(${cond})` : `not (${cond})`;
    }
    if (c.equals !== undefined) {
      if (c.equals === null) return `(${sel(`${field}|exists`, true)} and ${sel(field, null)})`;
      return sel(`${field}${cased}`, text(c.equals));
    }
    if (c.in !== undefined) {
      if (typeof c.in === 'string')
        throw new Unexpressible(`it takes its list from the configuration (${c.in}), not from the rule`);
      const values = c.in.filter((v): v is string | number | boolean => v !== null);
      const parts: string[] = [];
      if (values.length > 0) parts.push(sel(`${field}${cased}`, values.map(text)));
      if (c.in.includes(null)) parts.push(`(${sel(`${field}|exists`, true)} and ${sel(field, null)})`);
      if (parts.length === 0) throw new Unexpressible('it has an empty list');
      return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' or ')})`;
    }
    if (c.glob !== undefined) {
      const globs = (Array.isArray(c.glob) ? c.glob : [c.glob]).map((g) => g.replace(/\\/g, '\\\\'));
      return sel(`${field}${cased}`, globs.length === 1 ? globs[0] : globs);
    }
    if (c.regex !== undefined) return sel(`${field}|re${c.ignoreCase ? '|i' : ''}`, c.regex);
    if (c.cidr !== undefined) return sel(`${field}|cidr`, c.cidr);
    for (const op of ['gt', 'gte', 'lt', 'lte'] as const) {
      const v = c[op];
      if (v !== undefined) return sel(`${field}|${op}`, v);
    }
    if (c.contains !== undefined) {
      const list = (Array.isArray(c.contains) ? c.contains : [c.contains]).map(escapeSigma);
      return sel(`${field}|contains${cased}`, list.length === 1 ? list[0] : list);
    }
    if (c.equalsField !== undefined) return sel(`${field}|fieldref${cased}`, fieldOf(c.equalsField));
    const op =
      c.cidrCovers !== undefined
        ? 'cidrCovers'
        : c.endsWithField !== undefined
          ? 'endsWithField'
          : 'notContainsField';
    throw new Unexpressible(`its ${op} test has no Sigma modifier`);
  }

  /** `service` is eventSource without `.amazonaws.com` (or eventSource itself when it has no such suffix). */
  private service(c: FieldCondition): string {
    if (c.exists !== undefined) {
      const s = this.add('selection', { eventSource: '?*' });
      return c.exists ? s : `not ${s}`;
    }
    const list = c.equals !== undefined ? [c.equals] : Array.isArray(c.in) ? c.in : undefined;
    if (!list || list.some((v) => typeof v !== 'string' || v === '' || v.includes('.amazonaws.com')))
      throw new Unexpressible('its test on the service is not a list of service names');
    const cased = c.ignoreCase === true ? '' : '|cased';
    const names = (list as string[]).map(escapeSigma);
    const prefixed = this.add('selection', {
      [`eventSource|startswith${cased}`]: names.map((n) => `${n}.amazonaws.com`),
    });
    const bare = this.add('selection', { [`eventSource${cased}`]: names });
    return `(${prefixed} or ${bare})`;
  }
}

/** The engine's implicit exclusions, written out (match.ts isFailed and engine.ts isAwsServiceCall). */
function implicitFilters(b: DetectionBuilder, rule: Rule): string[] {
  const out: string[] = [];
  if (!rule.includeErrors) {
    b.ids.filter_failed_call = [{ errorCode: '?*' }, { errorMessage: '?*' }];
    out.push('not filter_failed_call');
  }
  if (!rule.includeAwsServices) {
    const slr = ['userIdentity.arn', 'userIdentity.sessionContext.sessionIssuer.arn'].flatMap((f) => [
      { [`${f}|contains|cased`]: [':role/aws-service-role/', '/AWSServiceRoleFor'] },
      { [`${f}|startswith|cased`]: 'AWSServiceRoleFor' },
    ]);
    b.ids.filter_aws_service = [
      { 'userIdentity.type|cased': 'AWSService' },
      { 'userIdentity.sessionContext.sessionIssuer.userName|startswith|cased': 'AWSServiceRoleFor' },
      ...slr,
    ];
    b.ids.filter_aws_service_invoked = { 'userIdentity.invokedBy': '?*' };
    // A person acting through the console or a stack they deployed is still that person.
    b.ids.filter_aws_service_person = {
      'userIdentity.invokedBy|cased': [
        'signin.amazonaws.com',
        'console.amazonaws.com',
        'cloudformation.amazonaws.com',
      ],
    };
    out.push('not (filter_aws_service or (filter_aws_service_invoked and not filter_aws_service_person))');
  }
  return out;
}

function detectionOf(rule: Rule): Record<string, unknown> {
  const b = new DetectionBuilder();
  const parts = [b.cond(rule.match)];
  if (rule.exclude) parts.push(`not ${b.cond(rule.exclude)}`);
  parts.push(...implicitFilters(b, rule));
  return { ...b.ids, condition: parts.join(' and ') };
}

interface Header {
  title: string;
  status: string;
  description: string;
  license: string;
  author: string;
  tags: string[];
  logsource: { product: string; service: string };
}

function header(rule: Rule, origin: string): Header {
  const tags = [
    `attack.${rule.technique.toLowerCase()}`,
    ...rule.tags.filter((t) => ATTACK_TACTICS.has(t)).map((t) => `attack.${t}`),
  ];
  return {
    title: rule.title,
    status: 'test',
    description: `${rule.description} (TrailSight rule ${rule.id}, ${origin}.) ${rule.why}`,
    license: 'MIT',
    author: 'TrailSight',
    tags,
    logsource: { product: 'aws', service: 'cloudtrail' },
  };
}

/** One exported file. */
export interface ExportedFile {
  name: string;
  text: string;
}

export interface ExportResult {
  files: ExportedFile[];
  /** Rules not exported, with why. */
  skipped: { id: string; reason: string }[];
  /** TrailSight rule id -> the Sigma id its findings carry once the export is loaded. */
  ids: Map<string, string>;
}

const fileName = (id: string): string => `${id.toLowerCase().replace(/[^a-z0-9._-]+/g, '_')}.yml`;

/**
 * Writes rules as Sigma. `origin` names where our rules come from (built-in pack or a rules file); loaded Sigma
 * rules are reproduced as written, so their author, licence and references travel with them.
 */
export function exportSigma(
  rules: readonly { rule: Rule; origin: string }[],
  sigma: readonly SigmaMeta[] = [],
): ExportResult {
  const out: ExportResult = { files: [], skipped: [], ids: new Map() };
  for (const { rule, origin } of rules) {
    try {
      out.files.push({ name: fileName(rule.id), text: exportRule(rule, origin) });
      out.ids.set(rule.id, sigmaIdOf(rule.id));
    } catch (err) {
      if (!(err instanceof Unexpressible)) throw err;
      out.skipped.push({ id: rule.id, reason: err.message });
    }
  }
  for (const m of sigma) {
    out.files.push({ name: fileName(m.id), text: m.text });
    out.ids.set(m.id, m.id);
  }
  const notes = out.skipped.map(
    (s) => `# ${s.id} is not exported: Sigma cannot express it exactly, since ${s.reason}.`,
  );
  out.files.push({
    name: 'SKIPPED.yml',
    text: `# Rules this export leaves out (no rules in this file).\n${notes.join('\n')}\n`,
  });
  return out;
}

function exportRule(rule: Rule, origin: string): string {
  const intro = `# Exported from TrailSight rule ${rule.id} (${origin}). MIT licence, (c) TrailSight authors.\n`;
  if (rule.kind === 'first-seen')
    throw new Unexpressible(
      'it is a first-seen rule (what is new for a principal after a learning period), which Sigma has no correlation for',
    );
  if (rule.kind === 'correlate')
    throw new Unexpressible(
      `it is judged by a built-in correlator (${rule.correlate ?? 'unknown'}) over the whole window, which Sigma has no correlation for`,
    );
  if (rule.grants !== undefined)
    throw new Unexpressible(
      "it parses the resource policy and compares its grantees with the window's own and trusted accounts, which a Sigma field test cannot do",
    );
  if (rule.escalate !== undefined)
    throw new Unexpressible(
      `its severity rises with the number of distinct ${rule.escalate.distinct} values in a finding, where a Sigma rule has one level`,
    );
  if (rule.kind === 'match') {
    const doc = {
      ...header(rule, origin),
      id: sigmaIdOf(rule.id),
      detection: detectionOf(rule),
      level: LEVEL_OF[rule.severity],
    };
    return intro + stringify(orderKeys(doc), { lineWidth: 0 });
  }
  const t = rule.threshold;
  if (!t) throw new Unexpressible('it is a threshold rule without a threshold');
  const groupBy = t.groupBy.map(fieldOf);
  const baseName = `${rule.id.toLowerCase().replace(/-/g, '_')}_event`;
  const base = {
    ...header(rule, origin),
    title: `${rule.title} (one event)`,
    id: baseIdOf(rule.id),
    name: baseName,
    detection: detectionOf(rule),
    level: 'informational',
  };
  const minutes = t.windowMinutes;
  const timespan = Number.isInteger(minutes) ? `${minutes}m` : `${Math.round(minutes * 60)}s`;
  const corr = {
    title: rule.title,
    id: sigmaIdOf(rule.id),
    status: 'test',
    description: base.description,
    license: 'MIT',
    author: 'TrailSight',
    tags: base.tags,
    correlation: {
      type: 'event_count',
      rules: [baseName],
      'group-by': groupBy,
      timespan,
      condition: { gte: t.count },
    },
    level: LEVEL_OF[rule.severity],
  };
  return `${intro}${stringify(orderKeys(base), { lineWidth: 0 })}---\n${stringify(corr, { lineWidth: 0 })}`;
}

/** Sigma's customary key order, so exported files read like SigmaHQ's. */
function orderKeys(doc: Record<string, unknown>): Record<string, unknown> {
  const order = [
    'title',
    'id',
    'name',
    'status',
    'description',
    'license',
    'author',
    'tags',
    'logsource',
    'detection',
    'level',
  ];
  return Object.fromEntries(
    [...order.filter((k) => k in doc), ...Object.keys(doc).filter((k) => !order.includes(k))].map((k) => [
      k,
      doc[k],
    ]),
  );
}
