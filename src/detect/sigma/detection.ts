/**
 * A Sigma `detection` compiled to a test on one raw CloudTrail record. Field names are CloudTrail's own
 * (`eventName`, `userIdentity.arn`); dots walk into nested objects and lists fan out, as a SIEM indexes them.
 */
import { ConditionError, expandPattern, parseCondition, type CondNode } from './condition.js';
import {
  anyValue,
  parseSigmaString,
  cidrTest,
  escapeSigma,
  numericTest,
  patternTest,
  regexTest,
  SUPPORTED_MODIFIERS,
  textOf,
  transform,
  UNSUPPORTED_MODIFIERS,
  type Modifier,
} from './values.js';

/** A test on one raw record. */
export type RecordTest = (record: unknown) => boolean;

/** Where in the file a path of the rule's YAML is: `file:line:col`. */
export type Where = (path: readonly (string | number)[], key?: string) => string;

/** A problem in a rule, with its place. */
export class SigmaProblem extends Error {
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(message);
    this.name = 'SigmaProblem';
  }
}

// ---- field access ----------------------------------------------------------------------------------------------

function collect(v: unknown, segs: readonly string[], i: number, out: unknown[]): void {
  if (i === segs.length) {
    if (v !== undefined) out.push(v);
    return;
  }
  if (Array.isArray(v)) {
    for (const el of v) collect(el, segs, i, out);
    return;
  }
  if (v === null || typeof v !== 'object') return;
  collect((v as Record<string, unknown>)[segs[i] as string], segs, i + 1, out);
}

/** The values at a dotted field (none when the field is absent; `null` when it is present and null). */
export function fieldValues(record: unknown, segs: readonly string[]): unknown[] {
  // The common case, a path of plain properties, without the recursive walk.
  let v = record;
  for (let i = 0; i < segs.length; i++) {
    if (v === null || typeof v !== 'object') return [];
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      collect(v, segs, i, out);
      return out;
    }
    v = (v as Record<string, unknown>)[segs[i] as string];
  }
  return v === undefined ? [] : [v];
}

function scalars(v: unknown, out: string[]): void {
  if (v === null || v === undefined) return;
  if (Array.isArray(v)) for (const el of v) scalars(el, out);
  else if (typeof v === 'object') for (const el of Object.values(v)) scalars(el, out);
  else out.push(textOf(v) as string);
}

// ---- one map entry (field|modifiers: values) -------------------------------------------------------------------

const MOD_SET = new Set<string>(SUPPORTED_MODIFIERS);
const RE_FLAGS = new Set(['i', 'm', 's']);

function modifiersOf(key: string, where: string): { field: string; mods: Modifier[] } {
  const [field = '', ...mods] = key.split('|');
  for (const m of mods) {
    if (MOD_SET.has(m)) continue;
    const why = UNSUPPORTED_MODIFIERS[m];
    throw new SigmaProblem(
      where,
      why !== undefined
        ? `unsupported modifier "${m}" in "${key}": ${why}`
        : `unknown modifier "${m}" in "${key}"; accepted: ${SUPPORTED_MODIFIERS.join(', ')}`,
    );
  }
  return { field, mods: mods as Modifier[] };
}

type Scalar = string | number | boolean | null;

function valueList(raw: unknown, key: string, where: string): Scalar[] {
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) throw new SigmaProblem(where, `"${key}" has an empty list of values`);
  for (const v of list) {
    if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')
      throw new SigmaProblem(
        where,
        `"${key}": values are strings, numbers, booleans or null, not ${Array.isArray(v) ? 'a list' : 'a map'}`,
      );
  }
  if (list.length > 1 && list.includes(null))
    throw new SigmaProblem(
      where,
      `"${key}": null cannot be part of a list of values (Sigma specification); put "${key.split('|')[0]}: null" in a selection of its own and join it with "or"`,
    );
  return list as Scalar[];
}

/** A test on the values at a field (`rec` is the whole record, for fieldref). */
type ValuesTestFn = (vals: readonly unknown[], rec: unknown) => boolean;

/** Joins value tests: OR by default, AND with `all`. */
function joinValues(tests: ValuesTestFn[], all: boolean): ValuesTestFn {
  if (tests.length === 1) return tests[0] as ValuesTestFn;
  return all
    ? (vals, rec) => tests.every((t) => t(vals, rec))
    : (vals, rec) => tests.some((t) => t(vals, rec));
}

const ONLY_WITH: Partial<Record<Modifier, readonly Modifier[]>> = {
  exists: [],
  re: ['i', 'm', 's', 'all'],
  cidr: ['all'],
  gt: [],
  gte: [],
  lt: [],
  lte: [],
  fieldref: ['contains', 'startswith', 'endswith', 'cased', 'all'],
};

/** Compile one `field|modifiers: value(s)` entry of a selection map (an empty field is a keyword search). */
export function compileEntry(key: string, raw: unknown, where: string): RecordTest {
  const { field, mods } = modifiersOf(key, where);
  const has = (m: Modifier): boolean => mods.includes(m);
  for (const [m, allowed] of Object.entries(ONLY_WITH) as [Modifier, readonly Modifier[]][]) {
    if (!has(m)) continue;
    const other = mods.filter((x) => x !== m && !allowed.includes(x));
    if (other.length > 0)
      throw new SigmaProblem(
        where,
        `"${key}": ${m} cannot be combined with ${other.join(', ')}${allowed.length ? ` (only with ${allowed.join(', ')})` : ''}`,
      );
  }
  for (const f of RE_FLAGS)
    if (has(f as Modifier) && !has('re'))
      throw new SigmaProblem(
        where,
        `"${key}": "${f}" is a sub-modifier of "re" and needs it (field|re|${f})`,
      );
  const segs = field.split('.');
  const keyword = field === '';

  if (has('exists')) {
    if (keyword) throw new SigmaProblem(where, `"${key}": exists needs a field name`);
    if (typeof raw !== 'boolean') throw new SigmaProblem(where, `"${key}": exists takes true or false`);
    return (rec) => fieldValues(rec, segs).length > 0 === raw;
  }
  const values = valueList(raw, key, where);
  const all = has('all');
  if (all && values.length < 2)
    throw new SigmaProblem(where, `"${key}": all needs a list of two or more values (Sigma specification)`);

  if (values.length === 1 && values[0] === null) {
    if (mods.length > 0) throw new SigmaProblem(where, `"${key}": null takes no modifiers`);
    if (keyword) throw new SigmaProblem(where, 'a keyword search cannot be null');
    // Sigma null: the field is absent or holds null.
    return (rec) => {
      const vals = fieldValues(rec, segs);
      return vals.length === 0 || vals.includes(null);
    };
  }

  let tests: ValuesTestFn[];
  try {
    tests = values.map((v) => valueTest(v as string | number | boolean, mods, keyword, key));
  } catch (err) {
    if (err instanceof SigmaProblem) throw err;
    throw new SigmaProblem(where, `"${key}": ${(err as Error).message}`);
  }
  const test = joinValues(tests, all);
  if (keyword) {
    // A keyword is searched for in the whole record: every scalar value in it, at any depth.
    return (rec) => {
      const out: string[] = [];
      scalars(rec, out);
      return test(out, rec);
    };
  }
  return (rec) => test(fieldValues(rec, segs), rec);
}

function valueTest(
  v: string | number | boolean,
  mods: readonly Modifier[],
  keyword: boolean,
  key: string,
): ValuesTestFn {
  const has = (m: Modifier): boolean => mods.includes(m);
  const text = String(v);
  if (has('re')) {
    if (typeof v !== 'string') throw new Error('re takes a string');
    return anyValue(regexTest(v, mods));
  }
  if (has('cidr')) return anyValue(cidrTest(text));
  for (const op of ['gt', 'gte', 'lt', 'lte'] as const) {
    if (!has(op)) continue;
    const n = typeof v === 'number' ? v : Number(v);
    if (typeof v === 'boolean' || !Number.isFinite(n))
      throw new Error(`${op} takes a number, not ${JSON.stringify(v)}`);
    return anyValue(numericTest(op, n));
  }
  const cased = has('cased');
  if (has('fieldref')) {
    if (typeof v !== 'string' || v === '') throw new Error('fieldref takes the name of another field');
    const other = v.split('.');
    const shape = mods.filter((m) => m === 'contains' || m === 'startswith' || m === 'endswith');
    // The other field's value is literal text: escape it, then apply contains/startswith/endswith as written.
    return (vals, rec) =>
      fieldValues(rec, other).some((o) => {
        const s = textOf(o);
        if (s === undefined) return false;
        return transform(escapeSigma(s), shape).some((p) => anyValue(patternTest(p, cased))(vals));
      });
  }
  // Keywords are searched for inside the text, unless the author anchored them with modifiers.
  const shaped = keyword && !mods.some((m) => m === 'startswith' || m === 'endswith' || m === 'contains');
  const patterns = transform(text, shaped ? [...mods, 'contains'] : mods);
  const tests = patterns.map((p) => anyValue(patternTest(p, cased)));
  if (tests.length === 0) throw new Error(`"${key}" yields no value`);
  return tests.length === 1 ? (tests[0] as ValuesTestFn) : (vals) => tests.some((t) => t(vals));
}

// ---- selections and the condition ------------------------------------------------------------------------------

/** Case-folded event names one of which a record must have to match, or undefined when any name may match. */
type Names = ReadonlySet<string> | undefined;

/** The event names a selection map pins with a plain `eventName` entry (no modifiers, no wildcards). */
function mapNames(map: Record<string, unknown>): Names {
  const v = map.eventName;
  const list = Array.isArray(v) ? v : [v];
  if (v === undefined || list.length === 0) return undefined;
  const out = new Set<string>();
  for (const x of list) {
    if (typeof x !== 'string') return undefined;
    const parts = parseSigmaString(x);
    if (parts.length > 1 || (parts[0] !== undefined && !('lit' in parts[0]))) return undefined;
    out.add((parts[0] as { lit: string } | undefined)?.lit.toLowerCase() ?? '');
  }
  return out;
}

const union = (sets: readonly Names[]): Names => {
  if (sets.some((x) => x === undefined)) return undefined;
  const out = new Set<string>();
  for (const x of sets) for (const n of x as ReadonlySet<string>) out.add(n);
  return out;
};
/** Any one of the sets is a necessary condition of an AND; the smallest rejects most. */
const anyOf = (sets: readonly Names[]): Names =>
  sets.reduce<Names>(
    (best, x) => (x !== undefined && (best === undefined || x.size < best.size) ? x : best),
    undefined,
  );

function namesOf(node: CondNode, ids: ReadonlyMap<string, Names>, all: readonly string[]): Names {
  switch (node.op) {
    case 'id':
      return ids.get(node.name);
    case 'not':
      return undefined;
    case 'and':
      return anyOf(node.parts.map((p) => namesOf(p, ids, all)));
    case 'or':
      return union(node.parts.map((p) => namesOf(p, ids, all)));
    case 'of': {
      const sets = expandPattern(node.pattern, all).map((n) => ids.get(n));
      return node.quantifier === 'all' ? anyOf(sets) : union(sets);
    }
  }
}

// The event name of the record last asked about, case-folded once for every rule that asks about it.
let lastName = '';
let lastFolded = '';
const folded = (n: string): string => {
  if (n !== lastName) {
    lastName = n;
    lastFolded = n.toLowerCase();
  }
  return lastFolded;
};

/** Compile one search identifier: a map (AND), a list of maps (OR), or a list of keywords (OR). */
function compileIdentifier(name: string, body: unknown, where: Where): RecordTest {
  const at = where(['detection', name]);
  if (Array.isArray(body)) {
    if (body.length === 0) throw new SigmaProblem(at, `detection.${name} is an empty list`);
    if (body.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x))) {
      const maps = body.map((m, i) =>
        compileMap(m as Record<string, unknown>, ['detection', name, i], where),
      );
      return (rec) => maps.some((t) => t(rec));
    }
    if (body.every((x) => x === null || typeof x !== 'object')) return compileEntry('', body, at);
    throw new SigmaProblem(
      at,
      `detection.${name} mixes maps and plain values; a list holds either maps or keywords`,
    );
  }
  if (body !== null && typeof body === 'object')
    return compileMap(body as Record<string, unknown>, ['detection', name], where);
  throw new SigmaProblem(
    at,
    `detection.${name} is ${body === null ? 'empty' : `a ${typeof body}`}; a search identifier is a map of fields, a list of maps or a list of keywords`,
  );
}

function compileMap(map: Record<string, unknown>, path: (string | number)[], where: Where): RecordTest {
  const entries = Object.entries(map);
  if (entries.length === 0) throw new SigmaProblem(where(path), `${path.join('.')} is an empty map`);
  const tests = entries.map(([k, v]) => compileEntry(k, v, where(path, k)));
  return (rec) => {
    for (const t of tests) if (!t(rec)) return false;
    return true;
  };
}

/** Compile a rule's `detection` section; `where` finds the line of a path in the rule's YAML. */
export function compileDetection(detection: unknown, where: Where): RecordTest {
  if (detection === null || typeof detection !== 'object' || Array.isArray(detection))
    throw new SigmaProblem(
      where(['detection']),
      'detection must be a map of search identifiers and a condition',
    );
  const { condition, timeframe, ...ids } = detection as Record<string, unknown>;
  if (timeframe !== undefined)
    throw new SigmaProblem(
      where(['detection'], 'timeframe'),
      'detection.timeframe belongs to the obsolete aggregation syntax; write a correlation rule with a timespan instead',
    );
  const names = Object.keys(ids);
  if (names.length === 0) throw new SigmaProblem(where(['detection']), 'detection has no search identifier');
  const compiled = new Map<string, RecordTest>();
  const pinned = new Map<string, Names>();
  for (const n of names) {
    compiled.set(n, compileIdentifier(n, ids[n], where));
    const body = ids[n];
    pinned.set(
      n,
      Array.isArray(body)
        ? body.every((m) => m !== null && typeof m === 'object' && !Array.isArray(m))
          ? union(body.map((m) => mapNames(m as Record<string, unknown>)))
          : undefined
        : body !== null && typeof body === 'object'
          ? mapNames(body as Record<string, unknown>)
          : undefined,
    );
  }
  const nodes: CondNode[] = [];

  const conditions = Array.isArray(condition) ? condition : [condition];
  if (condition === undefined || conditions.length === 0)
    throw new SigmaProblem(where(['detection']), 'detection needs a condition (e.g. "condition: selection")');
  const tests = conditions.map((c, i) => {
    const at = Array.isArray(condition) ? ['detection', 'condition', i] : ['detection', 'condition'];
    if (typeof c !== 'string')
      throw new SigmaProblem(where(at), 'a condition is a string such as "selection and not filter"');
    let node: CondNode;
    try {
      node = parseCondition(c);
    } catch (err) {
      if (err instanceof ConditionError)
        throw new SigmaProblem(where(at), `condition "${c}", column ${err.column}: ${err.message}`);
      throw err;
    }
    nodes.push(node);
    return build(node, compiled, names, (msg) => new SigmaProblem(where(at), `condition "${c}": ${msg}`));
  });
  // A list of conditions: any of them (Sigma: each is its own query).
  const test: RecordTest = tests.length === 1 ? (tests[0] as RecordTest) : (rec) => tests.some((t) => t(rec));
  // Most rules name their events: reject every other event on its (case-folded) name before the full test. Only
  // a plain string name is rejected early; anything unusual gets the full test, so the answer is the same.
  const required = union(nodes.map((n) => namesOf(n, pinned, names)));
  if (!required) return test;
  return (rec) => {
    const n = (rec as { eventName?: unknown } | null)?.eventName;
    if (typeof n === 'string' && !required.has(folded(n))) return false;
    return test(rec);
  };
}

function build(
  node: CondNode,
  ids: ReadonlyMap<string, RecordTest>,
  names: readonly string[],
  fail: (msg: string) => Error,
): RecordTest {
  switch (node.op) {
    case 'id': {
      const t = ids.get(node.name);
      if (!t)
        throw fail(`"${node.name}" is not a search identifier of this rule (defined: ${names.join(', ')})`);
      return t;
    }
    case 'not': {
      const inner = build(node.part, ids, names, fail);
      return (rec) => !inner(rec);
    }
    case 'and':
    case 'or': {
      const parts = node.parts.map((p) => build(p, ids, names, fail));
      return node.op === 'and' ? (rec) => parts.every((p) => p(rec)) : (rec) => parts.some((p) => p(rec));
    }
    case 'of': {
      const hit = expandPattern(node.pattern, names);
      if (hit.length === 0)
        throw fail(`"${node.pattern}" matches no search identifier (defined: ${names.join(', ')})`);
      const parts = hit.map((n) => ids.get(n) as RecordTest);
      return node.quantifier === 'all'
        ? (rec) => parts.every((p) => p(rec))
        : (rec) => parts.some((p) => p(rec));
    }
  }
}
