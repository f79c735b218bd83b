/**
 * Sigma rules as engine rules.
 *
 * Design: a Sigma detection is compiled by this folder into a matcher of its own (detection.ts) rather than
 * translated into our condition language, because the two differ in ways that matter for exactness: Sigma compares
 * case-insensitively with its own wildcard and escape syntax, reads `null` as "absent or null", and does not walk
 * into embedded JSON strings as our paths do. The engine runs that matcher through the `predicate` hook of
 * EngineRule, so findings, thresholds, suppressions and evidence stay the engine's. A correlation rule
 * (event_count, value_count) becomes one of our threshold rules over its base rules' matchers.
 */
import type { Finding, Severity, TrailEvent } from '../../types.js';
import type { EngineRule } from '../engine.js';
import { compileDetection, SigmaProblem, type RecordTest } from './detection.js';
import type { SigmaDoc } from './yaml.js';

/** What a finding of a Sigma rule carries beyond the engine's rule fields. */
export interface SigmaMeta {
  id: string;
  file: string;
  technique?: string;
  references: string[];
  falsePositives: string[];
  /** The rule's own YAML text, so an export reproduces it with its author and licence. */
  text: string;
}

export interface SigmaRuleSet {
  rules: EngineRule[];
  meta: Map<string, SigmaMeta>;
  warnings: string[];
  problems: string[];
}

/** Sigma `level` -> our severity. */
export const LEVELS: Readonly<Record<string, Severity>> = {
  informational: 'info',
  low: 'low',
  medium: 'medium',
  high: 'high',
  critical: 'critical',
};
/** A rule without `level` (the field is optional in Sigma): medium, the middle of the scale. */
const DEFAULT_LEVEL: Severity = 'medium';

const TECHNIQUE_TAG = /^attack\.(t\d{4}(?:\.\d{3})?)$/i;
const TIMESPAN = /^(\d+)([smhdw])$/;
const TIMESPAN_MINUTES: Readonly<Record<string, number>> = { s: 1 / 60, m: 1, h: 60, d: 1440, w: 10080 };
const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/** `attack.t1562.008` -> `T1562.008` (the first technique tag). */
export function techniqueOf(tags: readonly string[]): string | undefined {
  for (const t of tags) {
    const m = TECHNIQUE_TAG.exec(t);
    if (m) return (m[1] as string).toUpperCase();
  }
  return undefined;
}

const strings = (v: unknown): string[] =>
  v === undefined || v === null ? [] : (Array.isArray(v) ? v : [v]).filter((x) => x !== null).map(String);

interface Base {
  doc: SigmaDoc;
  id: string;
  name?: string;
  title: string;
  test?: RecordTest;
  /** Why it is not loaded, when it is not for CloudTrail. */
  skipped?: string;
}

function requireString(doc: SigmaDoc, key: string, problems: string[], what: string): string | undefined {
  const v = doc.data[key];
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  problems.push(
    `${doc.where([], key)}: ${key}: ${v === undefined ? `missing; a Sigma rule needs ${what}` : `must be ${what}`}`,
  );
  return undefined;
}

function levelOf(doc: SigmaDoc, problems: string[]): Severity {
  const lv = doc.data.level;
  if (lv === undefined || lv === null) return DEFAULT_LEVEL;
  const sev = typeof lv === 'string' ? LEVELS[lv.toLowerCase()] : undefined;
  if (!sev)
    problems.push(
      `${doc.where(['level'])}: level: "${String(lv)}" is not a Sigma level; accepted: ${Object.keys(LEVELS).join(', ')}`,
    );
  return sev ?? DEFAULT_LEVEL;
}

function identity(doc: SigmaDoc, problems: string[]): { id?: string; title?: string } {
  const title = requireString(doc, 'title', problems, 'a title (string)');
  const id = requireString(
    doc,
    'id',
    problems,
    'an id (its findings are named by it; a UUID as Sigma recommends)',
  );
  if (id !== undefined && !RULE_ID.test(id))
    problems.push(`${doc.where(['id'])}: id: "${id}" has characters a rule id cannot hold; use a UUID`);
  return { ...(id !== undefined ? { id } : {}), ...(title !== undefined ? { title } : {}) };
}

function isCloudTrail(logsource: unknown): boolean {
  if (logsource === null || typeof logsource !== 'object') return false;
  const l = logsource as Record<string, unknown>;
  return (
    String(l.product ?? '').toLowerCase() === 'aws' && String(l.service ?? '').toLowerCase() === 'cloudtrail'
  );
}

/** The engine rule and metadata of a rule or correlation document. */
function engineRule(
  doc: SigmaDoc,
  id: string,
  title: string,
  severity: Severity,
  predicate: RecordTest,
): { rule: EngineRule; meta: SigmaMeta } {
  const d = doc.data;
  const tags = strings(d.tags);
  const technique = techniqueOf(tags);
  const falsePositives = strings(d.falsepositives);
  const references = strings(d.references);
  const description =
    typeof d.description === 'string' && d.description.trim() ? d.description.trim() : title;
  const rule: EngineRule = {
    id,
    title,
    severity,
    why: `Sigma rule ${id} (${doc.file}); level ${String(d.level ?? 'not set')}.`,
    technique: technique ?? '',
    description,
    remediation:
      falsePositives.length > 0
        ? `Review the matching events. Known false positives (from the rule): ${falsePositives.map((x) => x.replace(/[.\s]+$/, '')).join('; ')}.`
        : 'Review the matching events; the Sigma rule gives no remediation.',
    tags,
    kind: 'match',
    // The engine indexes rules by this condition's event names; a Sigma rule names none, since its own matcher
    // (predicate) decides, case-insensitively, as Sigma does.
    match: { all: [] },
    dedupe: [],
    dedupePrincipal: true,
    details: [],
    // Exact Sigma semantics: the rule's detection alone decides, none of our implicit exclusions apply.
    includeErrors: true,
    includeAwsServices: true,
    predicate: (root) => predicate((root as TrailEvent).raw),
  };
  const meta: SigmaMeta = { id, file: doc.file, references, falsePositives, text: doc.text };
  if (technique !== undefined) meta.technique = technique;
  return { rule, meta };
}

/** Build engine rules from the documents of every Sigma file given; problems name file:line. */
export function buildSigmaRules(docs: readonly SigmaDoc[]): SigmaRuleSet {
  const out: SigmaRuleSet = { rules: [], meta: new Map(), warnings: [], problems: [] };
  const bases: Base[] = [];
  const correlations: SigmaDoc[] = [];
  const seen = new Map<string, string>();
  const claim = (doc: SigmaDoc, id: string): boolean => {
    const prev = seen.get(id);
    if (prev !== undefined) {
      out.problems.push(`${doc.where(['id'])}: id: "${id}" is also the id of the rule at ${prev}`);
      return false;
    }
    seen.set(id, doc.where(['id']));
    return true;
  };

  for (const doc of docs) {
    const d = doc.data;
    if (d.action !== undefined) {
      out.problems.push(
        `${doc.where([], 'action')}: action: rule collections (action: global/reset/repeat) are Sigma 1 syntax this loader does not read; write each rule as a full document`,
      );
      continue;
    }
    if (d.correlation !== undefined) {
      correlations.push(doc);
      continue;
    }
    if (d.detection === undefined || d.logsource === undefined) {
      out.problems.push(
        `${doc.where([])}: document ${doc.index} is neither a Sigma rule (title, id, logsource, detection) nor a correlation (title, id, correlation)`,
      );
      continue;
    }
    const { id, title } = identity(doc, out.problems);
    if (id === undefined || title === undefined || !claim(doc, id)) continue;
    const base: Base = { doc, id, title };
    if (typeof d.name === 'string') base.name = d.name;
    if (!isCloudTrail(d.logsource)) {
      const l = d.logsource as Record<string, unknown>;
      base.skipped = `logsource ${JSON.stringify(l)} is not {product: aws, service: cloudtrail}`;
      out.warnings.push(
        `Sigma rule "${title}" (${id}) at ${doc.where([], 'logsource')} is skipped: its ${base.skipped}.`,
      );
      bases.push(base);
      continue;
    }
    try {
      base.test = compileDetection(d.detection, doc.where);
    } catch (err) {
      if (!(err instanceof SigmaProblem)) throw err;
      out.problems.push(`${err.where}: ${err.message}`);
      continue;
    }
    bases.push(base);
  }

  // Base rules a correlation uses do not raise findings of their own unless it says `generate: true`.
  const silent = new Set<Base>();
  for (const doc of correlations) {
    const built = correlationRule(doc, bases, out, claim);
    if (!built) continue;
    for (const b of built.uses) if (doc.data.generate !== true) silent.add(b);
  }
  for (const b of bases) {
    if (!b.test || silent.has(b)) continue;
    const problems: string[] = [];
    const { rule, meta } = engineRule(b.doc, b.id, b.title, levelOf(b.doc, problems), b.test);
    out.problems.push(...problems);
    out.rules.push(rule);
    out.meta.set(b.id, meta);
  }
  return out;
}

const CORRELATION_TYPES = ['event_count', 'value_count', 'temporal', 'temporal_ordered'];

function correlationRule(
  doc: SigmaDoc,
  bases: readonly Base[],
  out: SigmaRuleSet,
  claim: (doc: SigmaDoc, id: string) => boolean,
): { uses: Base[] } | undefined {
  const p = out.problems;
  const before = p.length;
  const { id, title } = identity(doc, p);
  const c = doc.data.correlation;
  if (c === null || typeof c !== 'object' || Array.isArray(c)) {
    p.push(
      `${doc.where(['correlation'])}: correlation must be a map (type, rules, group-by, timespan, condition)`,
    );
    return undefined;
  }
  const corr = c as Record<string, unknown>;
  const at = (k: string): string => doc.where(['correlation', k], undefined);
  const type = corr.type;
  if (typeof type !== 'string' || !CORRELATION_TYPES.includes(type)) {
    p.push(`${at('type')}: correlation.type: "${String(type)}"; accepted: event_count, value_count`);
  } else if (type === 'temporal' || type === 'temporal_ordered') {
    p.push(
      `${at('type')}: correlation.type: ${type} is not supported (it needs several rules in an order); accepted: event_count, value_count`,
    );
  }
  const field = corr.field;
  if (type === 'value_count' && (typeof field !== 'string' || field.trim() === ''))
    p.push(`${at('field')}: correlation.field: value_count needs the field whose distinct values it counts`);
  if (corr.aliases !== undefined)
    p.push(
      `${at('aliases')}: correlation.aliases: field aliases are not supported; use the same field in every rule`,
    );

  // Related rules, by id or name.
  const refs = strings(corr.rules);
  if (refs.length === 0) p.push(`${at('rules')}: correlation.rules: name at least one rule by id or name`);
  const uses: Base[] = [];
  for (const r of refs) {
    const b = bases.find((x) => x.id === r || x.name === r);
    if (!b) {
      p.push(
        `${at('rules')}: correlation.rules: "${r}" is not the id or name of a Sigma rule loaded from rules-file (correlations of correlations are not supported)`,
      );
    } else uses.push(b);
  }

  const groupBy = strings(corr['group-by']);
  const span = typeof corr.timespan === 'string' ? TIMESPAN.exec(corr.timespan) : null;
  if (!span)
    p.push(
      `${at('timespan')}: correlation.timespan: "${String(corr.timespan)}" is not a timespan; write a number and a unit s, m, h, d or w (e.g. 10m)`,
    );
  const cond = corr.condition;
  let count: number | undefined;
  if (cond === null || typeof cond !== 'object' || Array.isArray(cond)) {
    p.push(`${at('condition')}: correlation.condition must be a map such as {gte: 10}`);
  } else {
    const entries = Object.entries(cond as Record<string, unknown>);
    const [op, n] = entries[0] ?? [];
    if (
      entries.length !== 1 ||
      (op !== 'gte' && op !== 'gt') ||
      typeof n !== 'number' ||
      !Number.isInteger(n) ||
      n < 0
    ) {
      p.push(
        `${at('condition')}: correlation.condition: ${JSON.stringify(cond)} is not supported; accepted: one of {gte: N} or {gt: N} with a whole number N (a count of events, or of distinct values for value_count, that must be reached within the timespan)`,
      );
    } else count = Math.max(1, op === 'gt' ? n + 1 : n);
  }
  if (p.length > before || id === undefined || title === undefined || !span || count === undefined)
    return undefined;
  if (!claim(doc, id)) return undefined;

  const skipped = uses.find((b) => b.skipped);
  if (skipped) {
    out.warnings.push(
      `Sigma correlation "${title}" (${id}) at ${doc.where([])} is skipped: its rule ${skipped.id} is not a CloudTrail rule.`,
    );
    return undefined;
  }
  const tests = uses.map((b) => b.test).filter((t): t is RecordTest => t !== undefined);
  if (tests.length !== uses.length) return undefined;
  const any: RecordTest = tests.length === 1 ? (tests[0] as RecordTest) : (rec) => tests.some((t) => t(rec));
  const problems: string[] = [];
  const { rule, meta } = engineRule(doc, id, title, levelOf(doc, problems), any);
  p.push(...problems);
  rule.kind = 'threshold';
  rule.threshold = {
    count,
    windowMinutes: Number(span[1]) * (TIMESPAN_MINUTES[span[2] as string] as number),
    groupBy: groupBy.map((g) => `raw.${g}`),
  };
  if (type === 'value_count') rule.distinct = `raw.${String(field).trim()}`;
  // One finding per group, as the correlation counts per group (not per principal unless it groups by one).
  rule.dedupePrincipal = false;
  // Exported with its base rules, unless they raise findings of their own (then they are exported on their own).
  if (doc.data.generate !== true) meta.text = [...uses.map((b) => b.doc.text), doc.text].join('---\n');
  out.rules.push(rule);
  out.meta.set(id, meta);
  return { uses };
}

/** Adds what a Sigma rule says beyond our rule fields (references, false positives) to its findings. */
export function decorateFindings(findings: Finding[], meta: ReadonlyMap<string, SigmaMeta>): void {
  if (meta.size === 0) return;
  for (const f of findings) {
    const m = f.ruleId !== undefined ? meta.get(f.ruleId) : undefined;
    if (!m) continue;
    if (m.technique === undefined) delete f.technique;
    if (m.references.length > 0) f.references = m.references;
    if (m.falsePositives.length > 0) f.falsePositives = m.falsePositives;
  }
}
