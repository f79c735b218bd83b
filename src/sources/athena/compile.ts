/**
 * Rule conditions (detect/schema.ts) compiled to Athena (Trino) SQL over the CloudTrail table.
 *
 * Every condition compiles to two SQL booleans: `upper`, true whenever the in-process matcher would say true (a
 * superset: fetching the rows it selects can never miss an event), and `lower`, true only when the matcher would
 * (what `not` needs: NOT lower is again a superset). Where the SQL says exactly what the matcher says, the two are
 * the same; where it cannot (a CIDR test, a field compared with a request parameter, a regex outside the common
 * subset, a path into JSON payloads), `upper` is the widest test SQL can still make soundly (down to TRUE, which
 * leaves only the rule's event names) and `lower` is FALSE. Candidates are matched again by the engine, so a
 * superset costs rows, never findings. Every leaf is wrapped so that it is never NULL: `NOT` then stays sound.
 */
import type { Condition, FieldCondition } from '../../detect/schema.js';
import { splitPath, type Params } from '../../detect/match.js';
import { CLOUDTRAIL_COLUMNS, ident, sqlString, type ColumnType, type Field } from './table.js';

/**
 * A compiled condition: see the module comment. `notes` say why it is not exact (empty when it is): `superset`, the
 * SQL still narrows the rows down (a value looked for in a JSON payload's text); `fallback`, it cannot test the field
 * at all, so the rule keeps only its other conditions (in the end, its event names).
 */
export interface SqlBounds {
  upper: string;
  lower: string;
  notes: { kind: 'superset' | 'fallback'; text: string }[];
}

export const TRUE = 'TRUE';
export const FALSE = 'FALSE';

/** AND of parts, with TRUE/FALSE folded away. */
export function and(parts: readonly string[]): string {
  if (parts.includes(FALSE)) return FALSE;
  const rest = [...new Set(parts.filter((p) => p !== TRUE))];
  if (rest.length === 0) return TRUE;
  return rest.length === 1 ? (rest[0] as string) : `(${rest.join(' AND ')})`;
}

/** OR of parts, with TRUE/FALSE folded away. */
export function or(parts: readonly string[]): string {
  if (parts.includes(TRUE)) return TRUE;
  const rest = [...new Set(parts.filter((p) => p !== FALSE))];
  if (rest.length === 0) return FALSE;
  return rest.length === 1 ? (rest[0] as string) : `(${rest.join(' OR ')})`;
}

/** NOT of a never-NULL boolean. */
export function not(p: string): string {
  return p === TRUE ? FALSE : p === FALSE ? TRUE : `(NOT ${p})`;
}

/** A value at a path, as far as SQL can see it. */
type Node =
  /** A VARCHAR expression, NULL when the field is absent. */
  | { kind: 'scalar'; sql: string }
  /** JSON text (request/response payloads): only containment tests are sound on it. */
  | { kind: 'json'; sql: string }
  | { kind: 'struct'; sql: string; fields: readonly Field[] }
  | { kind: 'array'; sql: string; of: ColumnType }
  | { kind: 'unknown'; why: string };

/** Where paths start: the normalised event (its typed fields and `raw`), or a struct (inside `some` and arrays). */
type Scope =
  | { kind: 'event' }
  | { kind: 'struct'; sql: string; fields: readonly Field[] }
  | { kind: 'json'; sql: string };

const EVENT: Scope = { kind: 'event' };

// normalize.ts treats '' as absent (str()); so does this (NULLIF is not among the functions the source may emit).
const blank = (col: string): string => `(CASE WHEN ${col} <> '' THEN ${col} END)`;
// normalize.ts's bool(): 'true'/'false' in any case, else absent.
const boolText = (col: string): string =>
  `(CASE lower(${col}) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' END)`;

/** The service of an event source (normalize.ts serviceOf): the part before `.amazonaws.com` when it starts later. */
export const SERVICE_SQL =
  "(CASE WHEN strpos(eventsource, '.amazonaws.com') > 1 THEN substr(eventsource, 1, strpos(eventsource, '.amazonaws.com') - 1) WHEN eventsource <> '' THEN eventsource END)";

/** The normalised event's typed fields that SQL can compute exactly (principal.key and account it cannot). */
const TYPED: Readonly<Record<string, Node>> = {
  id: { kind: 'scalar', sql: blank('eventid') },
  time: { kind: 'scalar', sql: blank('eventtime') },
  name: { kind: 'scalar', sql: blank('eventname') },
  source: { kind: 'scalar', sql: blank('eventsource') },
  service: { kind: 'scalar', sql: SERVICE_SQL },
  region: { kind: 'scalar', sql: blank('awsregion') },
  sourceIp: { kind: 'scalar', sql: blank('sourceipaddress') },
  userAgent: { kind: 'scalar', sql: blank('useragent') },
  errorCode: { kind: 'scalar', sql: blank('errorcode') },
  errorMessage: { kind: 'scalar', sql: blank('errormessage') },
  eventType: { kind: 'scalar', sql: blank('eventtype') },
  readOnly: { kind: 'scalar', sql: boolText('readonly') },
  'principal.type': {
    kind: 'scalar',
    sql: "(CASE WHEN useridentity.type <> '' THEN useridentity.type ELSE 'Unknown' END)",
  },
  'principal.arn': { kind: 'scalar', sql: blank('useridentity.arn') },
  'principal.principalId': { kind: 'scalar', sql: blank('useridentity.principalid') },
  'principal.userName': { kind: 'scalar', sql: blank('useridentity.username') },
  'principal.accessKeyId': { kind: 'scalar', sql: blank('useridentity.accesskeyid') },
  'principal.invokedBy': { kind: 'scalar', sql: blank('useridentity.invokedby') },
  'principal.sessionIssuerArn': {
    kind: 'scalar',
    sql: blank('useridentity.sessioncontext.sessionissuer.arn'),
  },
  'principal.sessionIssuerName': {
    kind: 'scalar',
    sql: blank('useridentity.sessioncontext.sessionissuer.username'),
  },
  'principal.sessionIssuerType': {
    kind: 'scalar',
    sql: blank('useridentity.sessioncontext.sessionissuer.type'),
  },
  'principal.mfaAuthenticated': {
    kind: 'scalar',
    sql: boolText('useridentity.sessioncontext.attributes.mfaauthenticated'),
  },
  resources: {
    kind: 'array',
    sql: 'resources',
    of: {
      kind: 'struct',
      fields: [
        { name: 'arn', sql: 'arn', type: { kind: 'string' } },
        { name: 'accountId', sql: 'accountid', type: { kind: 'string' } },
        { name: 'type', sql: 'type', type: { kind: 'string' } },
      ],
    },
  },
};

const COLUMN_NAMES = new Set(CLOUDTRAIL_COLUMNS.map((c) => c.sql));

/** The column a typed field reads (service reads eventsource). */
function typedColumn(n: Node): string | undefined {
  if (n.kind === 'unknown') return undefined;
  return (n.sql.match(/[a-z]+/g) ?? []).find((w) => COLUMN_NAMES.has(w));
}

/** What a struct field (or column) is as a node. */
function fieldNode(sql: string, type: ColumnType): Node {
  switch (type.kind) {
    case 'string':
      return { kind: 'scalar', sql };
    case 'bool':
      // The record holds a boolean; the matcher compares it by its text, which is what the column holds.
      return { kind: 'scalar', sql };
    case 'json':
      return { kind: 'json', sql };
    case 'map':
      return { kind: 'unknown', why: `${sql} is a MAP` };
    case 'struct':
      return { kind: 'struct', sql, fields: type.fields };
    case 'array':
      return { kind: 'array', sql, of: type.of };
  }
}

/** Walks the rest of a path from a node; the walk stops at arrays (fanned out by the caller) and JSON. */
function descend(node: Node, segs: readonly string[], i: number): { node: Node; rest: readonly string[] } {
  let n = node;
  for (let k = i; k < segs.length; k++) {
    const seg = segs[k] as string;
    if (n.kind === 'array') return { node: n, rest: segs.slice(k) };
    if (n.kind === 'json') return { node: n, rest: [] };
    if (n.kind === 'unknown') return { node: n, rest: [] };
    if (n.kind === 'scalar')
      // The matcher would parse an embedded JSON string here: containment on the text is what SQL can do.
      return { node: { kind: 'json', sql: n.sql }, rest: [] };
    if (seg === '*') return { node: { kind: 'unknown', why: `\`*\` in a struct path` }, rest: [] };
    const f = n.fields.find((x) => x.name === seg);
    if (!f)
      return {
        node: { kind: 'unknown', why: `no column holds ${segs.slice(0, k + 1).join('.')}` },
        rest: [],
      };
    n = fieldNode(`${n.sql}.${ident(f.sql)}`, f.type);
  }
  return { node: n, rest: [] };
}

/** Resolves a condition's field path in a scope. */
function resolve(
  scope: Scope,
  path: string,
  columns: ReadonlySet<string>,
): { node: Node; rest: readonly string[] } {
  const segs = splitPath(path);
  if (scope.kind === 'json') return { node: { kind: 'json', sql: scope.sql }, rest: [] };
  if (scope.kind === 'struct')
    return descend({ kind: 'struct', sql: scope.sql, fields: scope.fields }, segs, 0);
  const typed = TYPED[path];
  if (typed) {
    // The column a typed field is computed from (`useridentity` for principal.*): a table without it cannot say.
    const col = path.startsWith('principal.') ? 'useridentity' : typedColumn(typed);
    if (col !== undefined && !columns.has(col))
      return { node: { kind: 'unknown', why: `the table has no column ${col}` }, rest: [] };
    return { node: typed, rest: [] };
  }
  if (segs[0] === 'resources') return descend(TYPED.resources as Node, segs, 1);
  if (segs[0] !== 'raw' || segs.length < 2)
    return { node: { kind: 'unknown', why: `${path} is derived on the runner (not a column)` }, rest: [] };
  const f = CLOUDTRAIL_COLUMNS.find((c) => c.name === segs[1]);
  if (!f || !columns.has(f.sql))
    return {
      node: { kind: 'unknown', why: `the table has no column for ${segs.slice(0, 2).join('.')}` },
      rest: [],
    };
  return descend(fieldNode(ident(f.sql), f.type), segs, 2);
}

const exact = (sql: string): SqlBounds => ({ upper: sql, lower: sql, notes: [] });
const approx = (upper: string, note: string): SqlBounds => ({
  upper,
  lower: FALSE,
  // Only presence (or nothing) left to test: the field's own test is not in the SQL.
  notes: [{ kind: upper === TRUE || / IS NOT NULL\)$/.test(upper) ? 'fallback' : 'superset', text: note }],
});
const never = (e: string): string => `coalesce(${e}, false)`;

// Characters every JSON encoder writes as themselves, so a value made of them appears verbatim in JSON text (also
// inside an embedded JSON string, where only quotes and backslashes gain an escape).
const JSON_SAFE = /^[A-Za-z0-9 _.:@+=,;!#$%*()[\]{}|~^?/-]+$/;
const ASCII = /^[\x20-\x7e]*$/;

/** A glob (`*`, `?`) as a LIKE pattern with `\` as its escape. */
export function likePattern(glob: string): string {
  let out = '';
  for (const ch of glob) {
    if (ch === '*') out += '%';
    else if (ch === '?') out += '_';
    else if (ch === '%' || ch === '_' || ch === '\\') out += `\\${ch}`;
    else out += ch;
  }
  return out;
}

const asList = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

/**
 * Regexes SQL may run: ASCII, no look-around, back-references, named groups or inline flags, and only the escapes
 * Java, RE2 and JavaScript read alike (`\d`, `\D`, escaped punctuation, `\n`, `\t`, `\r`).
 */
function portableRegex(re: string): boolean {
  if (!ASCII.test(re) || /\(\?/.test(re)) return false;
  for (let i = 0; i < re.length; i++) {
    if (re[i] !== '\\') continue;
    const next = re[i + 1] ?? '';
    if (!/[dDntr.\\/\-[\](){}*+?^$|]/.test(next)) return false;
    i++;
  }
  return true;
}

/** One field condition on a scalar (VARCHAR) expression. */
function scalarTest(c: FieldCondition, x: string, params: Params, other: (p: string) => Node): SqlBounds {
  const ic = c.ignoreCase === true;
  const lx = `lower(${x})`;
  if (c.exists !== undefined) {
    const present = `(${x} IS NOT NULL AND ${x} <> '')`;
    return exact(c.exists ? present : not(present));
  }
  if (c.equals !== undefined || c.in !== undefined) {
    let list: readonly (string | number | boolean | null)[];
    if (c.equals !== undefined) list = [c.equals];
    else if (typeof c.in === 'string') {
      const p = params[c.in.slice(1)];
      if (!p) throw new Error(`unknown parameter ${c.in}`);
      list = p;
    } else list = c.in as (string | number | boolean | null)[];
    if (list.includes(null)) return approx(TRUE, `${c.field}: a test for null`);
    const values = list.map(String);
    if (ic && !values.every((v) => ASCII.test(v)))
      return approx(TRUE, `${c.field}: a case-insensitive test of non-ASCII text`);
    const lits = (ic ? values.map((v) => v.toLowerCase()) : values).map(sqlString);
    if (lits.length === 0) return exact(FALSE);
    const subject = ic ? lx : x;
    return exact(
      never(lits.length === 1 ? `${subject} = ${lits[0] as string}` : `${subject} IN (${lits.join(', ')})`),
    );
  }
  if (c.glob !== undefined) {
    const globs = asList(c.glob);
    if (ic && !globs.every((g) => ASCII.test(g)))
      return approx(TRUE, `${c.field}: a case-insensitive glob of non-ASCII text`);
    return exact(
      or(
        globs.map((g) =>
          never(`${ic ? lx : x} LIKE ${sqlString(likePattern(ic ? g.toLowerCase() : g))} ESCAPE '\\'`),
        ),
      ),
    );
  }
  if (c.contains !== undefined) {
    const needles = asList(c.contains);
    if (ic && !needles.every((n) => ASCII.test(n)))
      return approx(TRUE, `${c.field}: a case-insensitive test of non-ASCII text`);
    return exact(
      or(needles.map((n) => never(`strpos(${ic ? lx : x}, ${sqlString(ic ? n.toLowerCase() : n)}) > 0`))),
    );
  }
  if (c.regex !== undefined) {
    if (!portableRegex(c.regex))
      return approx(TRUE, `${c.field}: a regex outside the subset SQL engines share`);
    // Java and JavaScript regexes differ at the edges ('.' and line terminators): the SQL is a bound, not the test.
    return approx(
      never(`regexp_like(${x}, ${sqlString(`${ic ? '(?i)' : ''}${c.regex}`)})`),
      `${c.field}: regex`,
    );
  }
  if (c.gt !== undefined || c.gte !== undefined || c.lt !== undefined || c.lte !== undefined) {
    const [op, n] =
      c.gt !== undefined
        ? ['>', c.gt]
        : c.gte !== undefined
          ? ['>=', c.gte]
          : c.lt !== undefined
            ? ['<', c.lt]
            : ['<=', c.lte];
    // JavaScript reads more numbers than a cast does (hex, surrounding space): an uncastable value stays a candidate.
    return approx(
      `coalesce(try_cast(${x} AS DOUBLE) ${op} ${String(n)}, ${x} IS NOT NULL)`,
      `${c.field}: a numeric comparison`,
    );
  }
  if (c.cidr !== undefined || c.cidrCovers !== undefined)
    return approx(`(${x} IS NOT NULL)`, `${c.field}: an IP network test`);
  if (c.equalsField !== undefined || c.endsWithField !== undefined || c.notContainsField !== undefined) {
    const path = (c.equalsField ?? c.endsWithField ?? c.notContainsField) as string;
    const o = other(path);
    if (o.kind !== 'scalar')
      return approx(`(${x} IS NOT NULL)`, `${c.field}: compared with ${path}, which SQL cannot read exactly`);
    const a = ic ? lx : x;
    const b = ic ? `lower(${o.sql})` : o.sql;
    const has = `(${o.sql} IS NOT NULL AND ${o.sql} <> '')`;
    if (c.equalsField !== undefined) return exact(never(`(${has} AND ${a} = ${b})`));
    if (c.endsWithField !== undefined)
      return exact(
        never(
          `(${has} AND (${a} = ${b} OR (length(${a}) > length(${b}) AND substr(${a}, length(${a}) - length(${b})) = concat('/', ${b}))))`,
        ),
      );
    return exact(never(`(${has} AND ${x} IS NOT NULL AND strpos(${a}, ${b}) = 0)`));
  }
  return approx(TRUE, `${c.field}: an operator SQL does not carry`);
}

/** One field condition on JSON text: the value must appear in the text (sound whenever the value is JSON-safe). */
function jsonTest(c: FieldCondition, j: string, params: Params): SqlBounds {
  const ic = c.ignoreCase === true;
  const present = `(${j} IS NOT NULL)`;
  const contains = (v: string): string =>
    never(
      ic ? `strpos(lower(${j}), ${sqlString(v.toLowerCase())}) > 0` : `strpos(${j}, ${sqlString(v)}) > 0`,
    );
  const note = `${c.field}: a test inside a JSON payload`;
  const anyOf = (values: readonly string[]): SqlBounds =>
    values.every((v) => v !== '' && JSON_SAFE.test(v))
      ? approx(or(values.map(contains)), note)
      : approx(present, note);
  if (c.exists === false) return approx(TRUE, note);
  if (c.exists === true) {
    const key = splitPath(c.field)
      .filter((s) => s !== '*')
      .pop();
    return key && JSON_SAFE.test(key) ? approx(contains(key), note) : approx(present, note);
  }
  if (c.equals !== undefined || c.in !== undefined) {
    let list: readonly (string | number | boolean | null)[];
    if (c.equals !== undefined) list = [c.equals];
    else if (typeof c.in === 'string') list = params[c.in.slice(1)] ?? [];
    else list = c.in as (string | number | boolean | null)[];
    if (list.some((v) => v === null || typeof v === 'number')) return approx(present, note);
    return anyOf(list.map(String));
  }
  if (c.contains !== undefined) return anyOf(asList(c.contains));
  if (c.glob !== undefined) {
    const parts = asList(c.glob).map((g) => g.split(/[*?]+/).filter((s) => s !== ''));
    if (parts.some((p) => p.length === 0 || !p.every((s) => JSON_SAFE.test(s)))) return approx(present, note);
    return approx(or(parts.map((p) => and(p.map(contains)))), note);
  }
  return approx(present, note);
}

/** Compiles `cond` in a scope; `depth` names lambda variables. */
function compileIn(
  cond: Condition,
  scope: Scope,
  params: Params,
  columns: ReadonlySet<string>,
  depth: number,
): SqlBounds {
  if ('all' in cond) {
    const parts = cond.all.map((c) => compileIn(c, scope, params, columns, depth));
    return {
      upper: and(parts.map((p) => p.upper)),
      lower: and(parts.map((p) => p.lower)),
      notes: parts.flatMap((p) => p.notes),
    };
  }
  if ('any' in cond) {
    const parts = cond.any.map((c) => compileIn(c, scope, params, columns, depth));
    return {
      upper: or(parts.map((p) => p.upper)),
      lower: or(parts.map((p) => p.lower)),
      notes: parts.flatMap((p) => p.notes),
    };
  }
  if ('not' in cond) {
    const inner = compileIn(cond.not, scope, params, columns, depth);
    return { upper: not(inner.lower), lower: not(inner.upper), notes: inner.notes };
  }
  return fieldIn(cond, scope, params, columns, depth);
}

function fieldIn(
  c: FieldCondition,
  scope: Scope,
  params: Params,
  columns: ReadonlySet<string>,
  depth: number,
): SqlBounds {
  const { node, rest } = resolve(scope, c.field, columns);
  const other = (p: string): Node => resolve(EVENT, p, columns).node;
  return onNode(c, node, rest, params, columns, depth, other);
}

function onNode(
  c: FieldCondition,
  node: Node,
  rest: readonly string[],
  params: Params,
  columns: ReadonlySet<string>,
  depth: number,
  other: (p: string) => Node,
): SqlBounds {
  if (node.kind === 'unknown') return approx(c.exists === false ? TRUE : TRUE, `${c.field}: ${node.why}`);
  if (node.kind === 'array') {
    // The matcher fans out over the elements: some element passes.
    const v = `x${depth}`;
    const elem: Node =
      node.of.kind === 'struct' ? { kind: 'struct', sql: v, fields: node.of.fields } : fieldNode(v, node.of);
    const inner =
      rest.length > 0 || c.some === undefined
        ? (() => {
            const d = descend(elem, rest, 0);
            return onNode(c, d.node, d.rest, params, columns, depth + 1, other);
          })()
        : c.some !== undefined
          ? compileIn(
              c.some,
              elem.kind === 'struct'
                ? { kind: 'struct', sql: v, fields: elem.fields }
                : { kind: 'json', sql: v },
              params,
              columns,
              depth + 1,
            )
          : approx(TRUE, c.field);
    if (c.exists === false) {
      // "No element has it" is not "some element lacks it": only the exact answer may be negated.
      const has = onNode({ ...c, exists: true }, node, rest, params, columns, depth, other);
      return { upper: not(has.lower), lower: not(has.upper), notes: has.notes };
    }
    const wrap = (p: string): string =>
      p === TRUE
        ? `coalesce(cardinality(${node.sql}) > 0, false)`
        : p === FALSE
          ? FALSE
          : never(`any_match(${node.sql}, ${v} -> ${p})`);
    return { upper: wrap(inner.upper), lower: wrap(inner.lower), notes: inner.notes };
  }
  if (c.some !== undefined) {
    if (node.kind === 'struct')
      return compileIn(
        c.some,
        { kind: 'struct', sql: node.sql, fields: node.fields },
        params,
        columns,
        depth,
      );
    return compileIn(c.some, { kind: 'json', sql: node.sql }, params, columns, depth);
  }
  if (node.kind === 'struct')
    return c.exists === false
      ? approx(TRUE, `${c.field}: an object`)
      : approx(`(${node.sql} IS NOT NULL)`, `${c.field}: an object`);
  if (node.kind === 'json') return jsonTest(c, node.sql, params);
  return scalarTest(c, node.sql, params, other);
}

/** Compiles a rule condition over the table's columns (lower-case names as GetTable lists them). */
export function compileCondition(cond: Condition, params: Params, columns: ReadonlySet<string>): SqlBounds {
  return compileIn(cond, EVENT, params, columns, 1);
}

/** The SQL of a field path that is one scalar value (what stringAt reads, NULL for ''), or undefined. */
export function scalarExpr(path: string, columns: ReadonlySet<string>): string | undefined {
  const { node, rest } = resolve(EVENT, path, columns);
  return node.kind === 'scalar' && rest.length === 0 ? node.sql : undefined;
}

const UI = 'useridentity';
const SLR = (arn: string): string =>
  `(strpos(${arn}, ':role/aws-service-role/') > 0 OR starts_with(${arn}, 'AWSServiceRoleFor') OR strpos(${arn}, '/AWSServiceRoleFor') > 0)`;

/**
 * engine.ts isAwsServiceCall in SQL: AWSService, an `invokedBy` service that is not a person's front end, a
 * service-linked role (by issuer name, or `AWSServiceRoleFor…`/`aws-service-role/` in the ARN or the issuer's ARN).
 */
export const AWS_SERVICE_CALL_SQL = `coalesce((${UI}.type = 'AWSService' OR (${UI}.invokedby <> '' AND ${UI}.invokedby NOT IN ('signin.amazonaws.com', 'console.amazonaws.com', 'cloudformation.amazonaws.com')) OR starts_with(${UI}.sessioncontext.sessionissuer.username, 'AWSServiceRoleFor') OR coalesce(${SLR(`${UI}.arn`)}, false) OR coalesce(${SLR(`${UI}.sessioncontext.sessionissuer.arn`)}, false)), false)`;

/**
 * instance-credentials.ts instanceSession() and the part of networkOf() SQL can say, as a superset: an assumed-role
 * session named after an instance (or delivered by EC2) calling from some address, not through a VPC endpoint.
 * The correlator sees only such calls of its rule.
 */
export const INSTANCE_SESSION_SQL = `coalesce((${UI}.type = 'AssumedRole' AND (regexp_like(${UI}.arn, '/[iI]-[0-9a-fA-F]{8,17}$') OR regexp_like(${UI}.principalid, '^[^:]*:[iI]-[0-9a-fA-F]{8,17}(:|$)') OR ${UI}.sessioncontext.ec2roledelivery <> '') AND sourceipaddress <> '' AND coalesce(vpcendpointid, '') = ''), false)`;
