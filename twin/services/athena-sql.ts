/**
 * Athena's SQL (Trino, engine v3) on DuckDB. The statement is parsed by DuckDB's own parser
 * (`json_serialize_sql`), checked on the syntax tree — every function must be one the contract lists, every table
 * one the Glue catalog holds — and rewritten: Trino functions whose semantics differ from DuckDB's become the
 * `trino_*` macros below, `CAST(x AS JSON)` becomes `to_json(x)`, tables point at the twin's view. The tree goes back
 * to SQL with `json_deserialize_sql`. The same tree gives each table scan's partition predicates, which decide the
 * bytes a query scans.
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import {
  CLOUDTRAIL_COLUMNS,
  PARTITIONS_TABLE,
  PARTITION_KEYS,
  tableDdl,
  type HiveType,
} from './athena-table.js';

/** An error the query ends with, in Athena's terms (`FUNCTION_NOT_FOUND: line 1:8: …`). */
export class AthenaQueryError extends Error {
  constructor(
    /** Trino's error name, the message's prefix. */
    readonly errorName: string,
    readonly detail: string,
    /** AthenaError.ErrorCategory: 1 system, 2 user. */
    readonly category: 1 | 2 = 2,
    /** AthenaError.ErrorType from Athena's error catalog: 1000 user error, 1001 data error. */
    readonly errorType = 1000,
    /** Raised before the query is accepted: StartQueryExecution answers InvalidRequestException. */
    readonly atSubmit = false,
  ) {
    super(`${errorName}: ${detail}`);
    this.name = 'AthenaQueryError';
  }
}

type Node = Record<string, unknown>;

/**
 * The Trino functions the twin runs (ATHENA-CONTRACT.md), by Trino name, and what each becomes in DuckDB: a DuckDB
 * function of the same meaning or a `trino_*` macro where DuckDB's differs. Anything else is FUNCTION_NOT_FOUND.
 */
export const TRINO_FUNCTIONS: Readonly<Record<string, string>> = {
  lower: 'lower',
  upper: 'upper',
  length: 'length',
  strpos: 'strpos',
  starts_with: 'starts_with',
  substr: 'trino_substr',
  substring: 'trino_substr',
  trim: 'trino_trim',
  concat: 'trino_concat',
  coalesce: 'coalesce',
  regexp_like: 'regexp_matches',
  json_extract_scalar: 'trino_json_extract_scalar',
  json_extract: 'trino_json_extract',
  json_format: 'trino_json_format',
  json_array_contains: 'trino_json_array_contains',
  json_array_length: 'trino_json_array_length',
  json_parse: 'trino_json_parse',
  cardinality: 'len',
  contains: 'trino_contains',
  element_at: 'trino_element_at',
  transform: 'list_transform',
  any_match: 'trino_any_match',
  from_iso8601_timestamp: 'trino_from_iso8601_timestamp',
  to_unixtime: 'epoch',
  date_trunc: 'date_trunc',
  count: 'count',
  count_if: 'count_if',
  sum: 'sum',
  min: 'min',
  max: 'max',
  arbitrary: 'arbitrary',
  array_agg: 'array_agg',
  max_by: 'max_by',
  min_by: 'min_by',
  row_number: 'row_number',
};

/** Macros that come in one version per number of arguments (`trino_substr2`, `trino_substr3`). */
const ARITY_MACROS: ReadonlySet<string> = new Set(['trino_substr', 'trino_trim']);

/** Operators DuckDB's grammar has and Trino's does not (ILIKE, `//`, `**`, `^@`, `->>`): syntax errors. */
const DUCKDB_ONLY_OPERATORS: Readonly<Record<string, string>> = {
  '~~*': 'ILIKE',
  '!~~*': 'NOT ILIKE',
  '//': '//',
  '**': '**',
  '^@': '^@',
  '->>': '->>',
};

/**
 * Calls DuckDB's parser writes for syntax the contract allows, with the schema it gives them: `LIKE … ESCAPE` and
 * `ROW(…)` come out as `main.like_escape` / `main.row`, which a direct call of the same name (schema '') does not.
 * `count(*)` is `count_star`.
 */
const SYNTAX_FUNCTIONS: Readonly<Record<string, string>> = {
  count_star: '',
  like_escape: 'main',
  not_like_escape: 'main',
  row: 'main',
};

/**
 * Types a CAST may name: the contract's (VARCHAR, BIGINT, DOUBLE, BOOLEAN, JSON) and the other Trino types DuckDB
 * casts the same way; a name Trino does not know is TYPE_NOT_FOUND.
 */
const CAST_TYPES: ReadonlySet<string> = new Set([
  'VARCHAR',
  'BIGINT',
  'DOUBLE',
  'BOOLEAN',
  'JSON',
  'INTEGER',
  'SMALLINT',
  'TINYINT',
  'REAL',
  'FLOAT',
  'DATE',
  'TIMESTAMP',
  // ROW(…) and ARRAY(…) types, as DuckDB's parser names them.
  'STRUCT',
  'LIST',
]);

/**
 * The macros behind the rewritten functions, each with the Trino semantics its name says (see the unit tests in
 * __tests__/twin/athena-sql.test.ts, which check them against Trino's documentation).
 */
export const TRINO_MACROS: readonly string[] = [
  // Trino: positions from 1, a negative start counts from the end, a start outside the string or a length of 0 or
  // less gives ''.
  `CREATE MACRO trino_substr2(s, start) AS CASE
     WHEN s IS NULL OR start IS NULL THEN NULL
     WHEN start = 0 OR abs(start) > length(s) THEN ''
     ELSE substring(s, CASE WHEN start < 0 THEN length(s) + start + 1 ELSE start END) END`,
  `CREATE MACRO trino_substr3(s, start, n) AS CASE
     WHEN s IS NULL OR start IS NULL OR n IS NULL THEN NULL
     WHEN start = 0 OR abs(start) > length(s) OR n <= 0 THEN ''
     ELSE substring(s, CASE WHEN start < 0 THEN length(s) + start + 1 ELSE start END, n) END`,
  // Trino trims whitespace (not only spaces).
  `CREATE MACRO trino_trim1(s) AS regexp_replace(s, '^[\\s\\x0B\\x1C-\\x1F]+|[\\s\\x0B\\x1C-\\x1F]+$', '', 'g')`,
  // trim(chars FROM s): any of the characters, from both ends.
  `CREATE MACRO trino_trim2(s, chars) AS trim(s, chars)`,
  // Trino's concat is NULL when any argument is NULL (DuckDB's skips NULLs); up to 8 arguments.
  `CREATE MACRO trino_concat(a, b := '', c := '', d := '', e := '', f := '', g := '', h := '') AS
     a || b || c || d || e || f || g || h`,
  // NULL for a missing path, a JSON null, an object or an array, and for text that is not JSON.
  `CREATE MACRO trino_json_extract_scalar(j, p) AS CASE
     WHEN j IS NULL OR NOT json_valid(j) THEN NULL
     WHEN json_type(j, p) IN ('OBJECT', 'ARRAY', 'NULL') THEN NULL
     ELSE json_extract_string(j, p) END`,
  `CREATE MACRO trino_json_extract(j, p) AS CASE WHEN j IS NULL OR NOT json_valid(j) THEN NULL
     ELSE json_extract(j, p) END`,
  `CREATE MACRO trino_json_format(j) AS CAST(j AS VARCHAR)`,
  // CAST(varchar AS BIGINT/INTEGER) in Trino takes integral text only; other types cast as DuckDB does.
  ...(['bigint', 'integer'] as const).flatMap((t) => [
    `CREATE MACRO trino_cast_${t}(x) AS CASE
       WHEN typeof(x) <> 'VARCHAR' OR x IS NULL THEN CAST(x AS ${t.toUpperCase()})
       WHEN regexp_full_match(CAST(x AS VARCHAR), '\\s*[+-]?[0-9]+\\s*') THEN CAST(x AS ${t.toUpperCase()})
       ELSE error('Cannot cast ''' || CAST(x AS VARCHAR) || ''' to ${t.toUpperCase()}') END`,
    `CREATE MACRO trino_try_cast_${t}(x) AS CASE
       WHEN typeof(x) <> 'VARCHAR' OR x IS NULL THEN TRY_CAST(x AS ${t.toUpperCase()})
       WHEN regexp_full_match(CAST(x AS VARCHAR), '\\s*[+-]?[0-9]+\\s*') THEN TRY_CAST(x AS ${t.toUpperCase()})
       ELSE NULL END`,
  ]),
  // CAST(json AS VARCHAR) in Trino: a JSON string's value without quotes, a number or boolean as text, JSON null as
  // NULL, and a failure for an object or array (json_format is the way to get their text).
  `CREATE MACRO trino_json_to_varchar(j) AS CASE
     WHEN j IS NULL OR json_type(j) = 'NULL' THEN NULL
     WHEN json_type(j) = 'VARCHAR' THEN json_extract_string(j, '$')
     WHEN json_type(j) IN ('OBJECT', 'ARRAY') THEN error('Cannot cast JSON ' || lower(json_type(j)) || ' to VARCHAR')
     ELSE CAST(j AS VARCHAR) END`,
  // json() parses and re-serialises minified, as Trino's json_parse normalises the text.
  `CREATE MACRO trino_json_parse(s) AS json(s)`,
  // NULL when the value is not a JSON array (DuckDB answers 0).
  `CREATE MACRO trino_json_array_length(j) AS CASE WHEN j IS NULL OR NOT json_valid(j) THEN NULL
     WHEN json_type(j) <> 'ARRAY' THEN NULL ELSE json_array_length(j) END`,
  // Whether the JSON array holds the value with the value's own JSON type (a string never equals a number).
  `CREATE MACRO trino_json_array_contains(j, v) AS CASE
     WHEN j IS NULL OR v IS NULL OR NOT json_valid(j) OR json_type(j) <> 'ARRAY' THEN NULL
     ELSE list_contains(
       list_transform(json_extract(j, '$[*]'), e -> CAST(e AS VARCHAR)),
       CAST(to_json(v) AS VARCHAR)) END`,
  // Trino: true if some element is the value; NULL if none is and the array holds a NULL; else false.
  `CREATE MACRO trino_contains(a, v) AS CASE
     WHEN a IS NULL OR v IS NULL THEN NULL
     WHEN list_contains(a, v) THEN true
     WHEN list_contains(list_transform(a, e -> e IS NULL), true) THEN NULL
     ELSE false END`,
  // Trino's subscript operator on an array: 1-based, and a failure (not NULL) outside the array.
  `CREATE MACRO trino_subscript(a, i) AS CASE
     WHEN a IS NULL OR i IS NULL THEN NULL
     WHEN i = 0 THEN error('SQL array indices start at 1')
     WHEN i < 0 THEN error('Array subscript is negative: ' || i)
     WHEN i > len(a) THEN error('Array subscript must be less than or equal to array length: ' || i || ' > ' || len(a))
     ELSE a[i] END`,
  // Out of range gives NULL (a subscript would fail); negative indexes count from the end.
  `CREATE MACRO trino_element_at(a, i) AS a[i]`,
  // true if any element matches; false if none does (an empty array too); NULL if none does and some gave NULL.
  `CREATE MACRO trino_any_match(a, f) AS CASE
     WHEN a IS NULL THEN NULL
     WHEN list_bool_or(list_transform(a, f)) THEN true
     WHEN list_contains(list_transform(list_transform(a, f), r -> r IS NULL), true) THEN NULL
     ELSE false END`,
  `CREATE MACRO trino_from_iso8601_timestamp(s) AS CAST(s AS TIMESTAMPTZ)`,
];

/** Settings that make DuckDB's operators behave as Trino's: integer `/`, NULLS LAST, UTC, `x -> …` lambdas. */
export const TRINO_SETTINGS: readonly string[] = [
  `SET integer_division = true`,
  `SET default_null_order = 'NULLS_LAST'`,
  `SET TimeZone = 'UTC'`,
  `SET lambda_syntax = 'ENABLE_SINGLE_ARROW'`,
];

/** A DuckDB database with Trino's settings, the twin's table and the `trino_*` macros: where Athena's SQL runs. */
export async function openTrinoEngine(): Promise<{ instance: DuckDBInstance; conn: DuckDBConnection }> {
  // Loaded on the first Athena call only: the native engine costs every other twin user nothing.
  const { DuckDBInstance: Instance } = await import('@duckdb/node-api');
  const instance = await Instance.create(':memory:', { threads: '2' });
  const conn = await instance.connect();
  for (const sql of [...TRINO_SETTINGS, ...tableDdl(), ...TRINO_MACROS]) await conn.run(sql);
  return { instance, conn };
}

/** A table the Glue catalog holds. */
export interface CatalogTable {
  database: string;
  name: string;
  /** The DuckDB relation that holds its rows. */
  relation: string;
  /** Whether Glue describes it with the partition keys; without them every query reads every object. */
  partitioned: boolean;
}

export interface Translated {
  sql: string;
  /** One SQL query per scan of the table, answering the bytes that scan reads after partition pruning. */
  scanQueries: string[];
  /** Where each column reference is in the statement (`line:col`), to place DuckDB's binder errors as Trino does. */
  columnRefs: { path: string; at: string }[];
}

/**
 * DuckDB's errors in Trino's words: which error name, and how the message reads. Positions come from the
 * statement's own parse tree (DuckDB's point into the rewritten SQL). First match wins.
 */
const DUCKDB_ERRORS: readonly {
  match: RegExp;
  name: string;
  message: (m: RegExpExecArray, at: (name: string) => string) => string;
  category?: 1 | 2;
  type?: number;
}[] = [
  {
    match: /^Binder Error: Referenced column "([^"]+)" not found/,
    name: 'COLUMN_NOT_FOUND',
    message: (m, at) => `${at(m[1] ?? '')}Column '${m[1]}' cannot be resolved`,
  },
  {
    match: /^Binder Error: Could not find key "([^"]+)" in struct/,
    name: 'COLUMN_NOT_FOUND',
    message: (m, at) => `${at(m[1] ?? '')}Column '${m[1]}' cannot be resolved`,
  },
  {
    match: /^Binder Error: column "([^"]+)" must appear in the GROUP BY clause/,
    name: 'EXPRESSION_NOT_AGGREGATE',
    message: (m, at) =>
      `${at(m[1] ?? '')}'${m[1]}' must be an aggregate expression or appear in GROUP BY clause`,
  },
  {
    match:
      /^Binder Error: No function matches the given name and argument types '(?:trino_)?([a-z_]+?)\d?\(([^)]*)\)'/,
    name: 'FUNCTION_NOT_FOUND',
    message: (m) => `Unexpected parameters (${(m[2] ?? '').toLowerCase()}) for function ${m[1]}`,
  },
  {
    match: /^Conversion Error: Could not convert string '(.*)' to (\w+)/,
    name: 'INVALID_CAST_ARGUMENT',
    message: (m) => `Cannot cast '${m[1]}' to ${TRINO_TYPE_OF[m[2] ?? ''] ?? m[2]}`,
    type: 1001,
  },
  {
    // Raised by the trino_* macros with Trino's own wording.
    match: /^Invalid Input Error: (Cannot cast .*)$/,
    name: 'INVALID_CAST_ARGUMENT',
    message: (m) => m[1] ?? '',
    type: 1001,
  },
  {
    match: /^Invalid Input Error: ((?:Array subscript|SQL array indices|Length must be).*)$/,
    name: 'INVALID_FUNCTION_ARGUMENT',
    message: (m) => m[1] ?? '',
    type: 1001,
  },
  {
    match: /^(?:Conversion|Invalid Input|Out of Range) Error: (.*)$/,
    name: 'INVALID_FUNCTION_ARGUMENT',
    message: (m) => m[1] ?? '',
    type: 1001,
  },
  { match: /^Binder Error: (.*)$/, name: 'TYPE_MISMATCH', message: (m) => m[1] ?? '' },
];
const TRINO_TYPE_OF: Readonly<Record<string, string>> = {
  INT64: 'BIGINT',
  INT32: 'INTEGER',
  DOUBLE: 'DOUBLE',
  BOOL: 'BOOLEAN',
  BOOLEAN: 'BOOLEAN',
  TIMESTAMP: 'TIMESTAMP',
};

/** A DuckDB failure while running a translated statement, as the Athena error the query ends with. */
export function duckdbError(x: unknown, t?: Translated): AthenaQueryError {
  // Not `instanceof Error`: errors from DuckDB's native binding may come from another realm (as under jest).
  const raw = (x as { message?: unknown } | null)?.message;
  const msg = typeof raw === 'string' ? raw : String(x);
  const first = msg.split('\n')[0] ?? msg;
  const at = (name: string): string => {
    const ref = t?.columnRefs.find((r) => r.path === name || r.path.endsWith(`.${name}`));
    return ref ? `line ${ref.at}: ` : '';
  };
  for (const e of DUCKDB_ERRORS) {
    const m = e.match.exec(first);
    if (m) return new AthenaQueryError(e.name, e.message(m, at), e.category ?? 2, e.type ?? 1000);
  }
  return new AthenaQueryError('GENERIC_INTERNAL_ERROR', first, 1, 200);
}

// `default` is reserved in DuckDB's grammar but a plain schema name in Trino's; it is swapped for an identifier of
// the same length before parsing (so positions in errors stay right) and swapped back in the tree.
const DEFAULT_STAND_IN = '__dflt_';

/** Parses, checks and rewrites one Athena statement for DuckDB. Throws AthenaQueryError in Athena's terms. */
export async function translate(
  conn: DuckDBConnection,
  sql: string,
  opts: { database: string; catalog?: string; tables: readonly CatalogTable[] },
): Promise<Translated> {
  const lexed = standInForDefault(sql);
  const parsed = await serialize(conn, lexed);
  if (parsed.error === true) {
    const pos = num(parsed.position ?? 0);
    throw new AthenaQueryError(
      'SYNTAX_ERROR',
      `line ${lineCol(sql, pos)}: ${String(parsed.error_message ?? 'syntax error')}`,
      2,
      1000,
      true,
    );
  }
  const statements = parsed.statements as Node[] | undefined;
  if (!statements || statements.length !== 1) {
    throw new AthenaQueryError('SYNTAX_ERROR', 'Only one sql statement is allowed.', 2, 1000, true);
  }
  const ctes = new Set<string>();
  collect(statements[0], (n) => {
    const map = (n.cte_map as { map?: { key: string }[] } | undefined)?.map;
    for (const e of map ?? []) ctes.add(e.key.toLowerCase());
  });
  const scans: { alias: string; where: Node | null; partitioned: boolean }[] = [];
  const columnRefs: { path: string; at: string }[] = [];
  rewrite(statements[0] as Node, sql, opts, ctes, scans, columnRefs);
  const out = await deserialize(conn, parsed);
  const scanQueries: string[] = [];
  for (const s of scans) scanQueries.push(await scanQuery(conn, s.alias, s.partitioned ? s.where : null));
  return { sql: out, scanQueries, columnRefs };
}

/**
 * The DuckDB parse tree as JSON. Numbers in it (constants, positions; 2^64-1 means "no position") do not all
 * survive JS numbers, so each is kept as its text in `{"$num": "…"}` and written back verbatim.
 */
async function serialize(conn: DuckDBConnection, sql: string): Promise<Node> {
  const r = await conn.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR)', [sql]);
  const text = String(r.getRows()[0]?.[0] ?? '{}').replace(
    /([{,]"[A-Za-z_]+":)(-?\d[\d.eE+-]*)/g,
    (_m, key: string, n: string) => `${key}{"$num":"${n}"}`,
  );
  return JSON.parse(text) as Node;
}

async function deserialize(conn: DuckDBConnection, tree: Node): Promise<string> {
  const text = JSON.stringify(tree).replace(/\{"\$num":"(-?\d[\d.eE+-]*)"\}/g, '$1');
  const r = await conn.runAndReadAll('SELECT json_deserialize_sql($1::JSON)', [text]);
  return String(r.getRows()[0]?.[0] ?? '');
}

/** A node without a position in the statement. */
const NO_LOCATION = { $num: '18446744073709551615' };

/** The number a `{"$num"}` holds (or a plain number). */
function num(v: unknown): number {
  if (typeof v === 'object' && v !== null && '$num' in v) return Number((v as { $num: string }).$num);
  return Number(v);
}

/** Replaces the keyword-looking identifier `default` outside literals, quoted names and comments. */
function standInForDefault(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i] as string;
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < sql.length) {
        if (sql[j] === ch) {
          if (sql[j + 1] === ch) j += 2;
          else break;
        } else j++;
      }
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if (sql.startsWith('--', i)) {
      const j = sql.indexOf('\n', i);
      const end = j < 0 ? sql.length : j;
      out += sql.slice(i, end);
      i = end;
    } else if (sql.startsWith('/*', i)) {
      const j = sql.indexOf('*/', i + 2);
      const end = j < 0 ? sql.length : j + 2;
      out += sql.slice(i, end);
      i = end;
    } else if (/[A-Za-z_]/.test(ch)) {
      let j = i + 1;
      while (j < sql.length && /[A-Za-z0-9_$]/.test(sql[j] as string)) j++;
      const word = sql.slice(i, j);
      // Only as a qualifier (`default.t`), where Trino reads an identifier; `DEFAULT` elsewhere stays a keyword.
      const next = /^\s*\./.test(sql.slice(j));
      out += word.toLowerCase() === 'default' && next ? DEFAULT_STAND_IN : word;
      i = j;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** `line:column` (1-based) of a byte offset, as Trino reports positions. */
export function lineCol(sql: string, byteOffset: number): string {
  const before = Buffer.from(sql, 'utf8').subarray(0, Math.max(0, byteOffset)).toString('utf8');
  const lines = before.split('\n');
  return `${lines.length}:${(lines[lines.length - 1] ?? '').length + 1}`;
}

function collect(n: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(n)) {
    for (const x of n) collect(x, visit);
    return;
  }
  if (typeof n !== 'object' || n === null) return;
  visit(n as Node);
  for (const v of Object.values(n as Node)) collect(v, visit);
}

function rewrite(
  root: Node,
  sql: string,
  opts: { database: string; catalog?: string; tables: readonly CatalogTable[] },
  ctes: ReadonlySet<string>,
  scans: { alias: string; where: Node | null; partitioned: boolean }[],
  columnRefs: { path: string; at: string }[],
): void {
  const at = (n: Node): string => {
    const loc = num(n.query_location ?? 0);
    return lineCol(sql, loc >= 0 && loc < 2 ** 53 ? loc : 0);
  };
  const tableAliases = new Set<string>(['cloudtrail_logs']);
  collect(root, (n) => {
    if (n.type === 'BASE_TABLE' && typeof n.alias === 'string' && n.alias !== '')
      tableAliases.add(n.alias.toLowerCase());
  });
  const visit = (n: unknown, where: Node | null): void => {
    if (Array.isArray(n)) {
      for (const x of n) visit(x, where);
      return;
    }
    if (typeof n !== 'object' || n === null) return;
    const node = n as Node;
    if (node.type === 'SELECT_NODE') {
      const w = (node.where_clause as Node | null) ?? null;
      for (const [k, v] of Object.entries(node)) visit(v, k === 'from_table' ? w : null);
      return;
    }
    if (node.type === 'BASE_TABLE') {
      resolveTable(node, at(node), opts, ctes, where, scans);
      return;
    }
    if (node.type === 'JOIN') {
      // A join's own WHERE applies to both sides, but pruning through joins is not modelled: count full scans.
      visit(node.left, null);
      visit(node.right, null);
      visit(node.condition, null);
      return;
    }
    if (node.class === 'FUNCTION' && node.is_operator === true) {
      const op = DUCKDB_ONLY_OPERATORS[String(node.function_name)];
      if (op !== undefined)
        throw new AthenaQueryError(
          'SYNTAX_ERROR',
          `line ${at(node)}: mismatched input '${op}'`,
          2,
          1000,
          true,
        );
    }
    if (node.class === 'FUNCTION' && node.is_operator !== true) {
      const name = String(node.function_name).toLowerCase();
      const mapped = TRINO_FUNCTIONS[name];
      if (mapped !== undefined) {
        // substr's length and trim's characters (`trim(c FROM s)`) are optional: one macro per arity, since a macro
        // default could not tell an explicit NULL from none.
        node.function_name = ARITY_MACROS.has(mapped)
          ? `${mapped}${(node.children as Node[]).length}`
          : mapped;
        node.schema = '';
        node.catalog = '';
      } else if (SYNTAX_FUNCTIONS[name] !== String(node.schema ?? '')) {
        throw new AthenaQueryError(
          'FUNCTION_NOT_FOUND',
          `line ${at(node)}: Function '${name}' not registered`,
        );
      }
    }
    if (node.class === 'WINDOW') {
      const name = String(node.function_name).toLowerCase();
      if (TRINO_FUNCTIONS[name] === undefined)
        throw new AthenaQueryError(
          'FUNCTION_NOT_FOUND',
          `line ${at(node)}: Function '${name}' not registered`,
        );
    }
    if (node.class === 'CAST') {
      const name = castTypeName(node.cast_type as CastType | undefined);
      if (!CAST_TYPES.has(name)) {
        throw new AthenaQueryError('TYPE_NOT_FOUND', `line ${at(node)}: Unknown type: ${name.toLowerCase()}`);
      }
      const child = node.child as Node | undefined;
      if ((name === 'BIGINT' || name === 'INTEGER') && child) {
        // Trino casts only integral text to an integer ('1.5' fails; DuckDB would round it).
        visit(child, null);
        const fn = `trino_${node.try_cast === true ? 'try_' : ''}cast_${name.toLowerCase()}`;
        for (const k of Object.keys(node)) delete node[k];
        Object.assign(node, functionNode(fn, [child]));
        return;
      }
      if (
        name === 'VARCHAR' &&
        node.try_cast !== true &&
        child &&
        JSON_VALUED.has(String(child.function_name))
      ) {
        // The child is a JSON value (visited first, so already rewritten): Trino's JSON-to-varchar cast.
        visit(child, null);
        for (const k of Object.keys(node)) delete node[k];
        Object.assign(node, functionNode('trino_json_to_varchar', [child]));
        return;
      }
      if (name === 'JSON') {
        // Trino's CAST(x AS JSON) renders x as JSON (a varchar becomes a JSON string); DuckDB's would parse it.
        const inner = node.child as Node;
        for (const k of Object.keys(node)) delete node[k];
        Object.assign(node, functionNode('to_json', [inner]));
      }
    }
    if (node.class === 'FUNCTION' && JSON_PATH_FUNCTIONS.has(String(node.function_name))) {
      const path = (node.children as Node[])[1];
      const value = path?.value as { value?: unknown; is_null?: boolean } | undefined;
      if (path?.class === 'CONSTANT' && typeof value?.value === 'string')
        value.value = duckJsonPath(value.value);
    }
    if (node.type === 'ARRAY_EXTRACT' && isArrayColumn(node.children, tableAliases)) {
      // Trino's subscript fails past the end of an array, where DuckDB's gives NULL.
      node.class = 'FUNCTION';
      node.type = 'FUNCTION';
      Object.assign(node, {
        function_name: 'trino_subscript',
        schema: '',
        catalog: '',
        filter: null,
        order_bys: { type: 'ORDER_MODIFIER', orders: [] },
        distinct: false,
        is_operator: false,
        export_state: false,
      });
    }
    if (node.class === 'COLUMN_REF') {
      const names = node.column_names as string[];
      columnRefs.push({ path: names.join('.').toLowerCase(), at: at(node) });
      node.column_names = names.map((x) => (x === DEFAULT_STAND_IN ? 'default' : x));
    }
    for (const v of Object.values(node)) visit(v, null);
  };
  visit(root, null);
}

/** Functions (after rewriting) whose value is JSON, so a CAST of it to VARCHAR takes Trino's JSON semantics. */
const JSON_VALUED: ReadonlySet<string> = new Set([
  'json_extract',
  'json_parse',
  'trino_json_extract',
  'trino_json_parse',
  'to_json',
]);

/** A call node as DuckDB's parser writes one. */
function functionNode(name: string, children: Node[]): Node {
  return {
    class: 'FUNCTION',
    type: 'FUNCTION',
    alias: '',
    query_location: NO_LOCATION,
    function_name: name,
    schema: '',
    catalog: '',
    children,
    filter: null,
    order_bys: { type: 'ORDER_MODIFIER', orders: [] },
    distinct: false,
    is_operator: false,
    export_state: false,
  };
}

/** Functions whose second argument is a JSONPath (Trino's `$["key"]` is DuckDB's `$."key"`). */
const JSON_PATH_FUNCTIONS: ReadonlySet<string> = new Set(['trino_json_extract_scalar', 'trino_json_extract']);

/** Rewrites Trino's bracketed member names (`$["a b"]`, `$['a']`) into DuckDB's quoted members. */
export function duckJsonPath(path: string): string {
  return path.replace(
    /\[\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*\]/g,
    (_m, dq?: string, sq?: string) => {
      const key = (dq ?? sq ?? '').replace(/\\(.)/g, '$1');
      return `."${key.replace(/"/g, '\\"')}"`;
    },
  );
}

/** The table's column types by dotted path (`resources`, `useridentity.sessioncontext.webidfederationdata.attributes`). */
const COLUMN_TYPES: ReadonlyMap<string, HiveType> = (() => {
  const out = new Map<string, HiveType>();
  const walk = (prefix: string, t: HiveType): void => {
    out.set(prefix, t);
    if (t.kind === 'struct') for (const f of t.fields) walk(`${prefix}.${f.name}`, f.type);
  };
  for (const c of CLOUDTRAIL_COLUMNS) walk(c.name, c.type);
  return out;
})();

/** Whether a subscript's base is one of the table's array columns (the only arrays whose type the tree shows). */
function isArrayColumn(children: unknown, aliases: ReadonlySet<string>): boolean {
  const base = (children as Node[] | undefined)?.[0];
  if (base?.class !== 'COLUMN_REF') return false;
  let names = (base.column_names as string[]).map((x) => x.toLowerCase());
  if (names.length > 1 && aliases.has(names[0] as string) && !COLUMN_TYPES.has(names.join('.')))
    names = names.slice(1);
  return COLUMN_TYPES.get(names.join('.'))?.kind === 'array';
}

type CastType = { id?: string; alias?: string; type_info?: { alias?: string; name?: string } | null };

/** The type a CAST names: DuckDB leaves names it does not bind at parse time (like JSON) UNBOUND, with the name. */
function castTypeName(type: CastType | undefined): string {
  const info = type?.type_info ?? undefined;
  if (type?.id === 'UNBOUND') return String(info?.name ?? '').toUpperCase();
  const alias = info?.alias ?? type?.alias ?? '';
  if (alias !== '') return alias.toUpperCase();
  return String(type?.id ?? '').toUpperCase();
}

function resolveTable(
  node: Node,
  at: string,
  opts: { database: string; catalog?: string; tables: readonly CatalogTable[] },
  ctes: ReadonlySet<string>,
  where: Node | null,
  scans: { alias: string; where: Node | null; partitioned: boolean }[],
): void {
  const unstand = (s: unknown): string => (s === DEFAULT_STAND_IN ? 'default' : String(s ?? ''));
  const catalog = unstand(node.catalog_name).toLowerCase();
  const schema = unstand(node.schema_name).toLowerCase();
  const name = unstand(node.table_name).toLowerCase();
  if (catalog === '' && schema === '' && ctes.has(name)) return;
  const cat = catalog !== '' ? catalog : (opts.catalog ?? 'awsdatacatalog').toLowerCase();
  const db = schema === '' ? opts.database.toLowerCase() : schema;
  if (cat !== 'awsdatacatalog') {
    throw new AthenaQueryError('CATALOG_NOT_FOUND', `line ${at}: Catalog '${cat}' not found`);
  }
  if (!opts.tables.some((t) => t.database === db)) {
    throw new AthenaQueryError('SCHEMA_NOT_FOUND', `line ${at}: Schema '${db}' does not exist`);
  }
  const table = opts.tables.find((t) => t.database === db && t.name === name);
  if (!table) {
    throw new AthenaQueryError('TABLE_NOT_FOUND', `line ${at}: Table '${cat}.${db}.${name}' does not exist`);
  }
  const alias = String(node.alias ?? '') || name;
  node.catalog_name = '';
  node.schema_name = '';
  node.table_name = table.relation;
  node.alias = alias;
  scans.push({ alias, where, partitioned: table.partitioned });
}

const PARTITION_NAMES: ReadonlySet<string> = new Set(PARTITION_KEYS.map((c) => c.name));

/**
 * The query that sums the stored bytes a scan reads: the objects of every partition its WHERE does not rule out.
 * Only top-level AND terms that read partition columns alone (and no subquery) prune, as in Athena.
 */
async function scanQuery(conn: DuckDBConnection, alias: string, where: Node | null): Promise<string> {
  const terms = where ? conjuncts(where).filter((t) => onlyPartitionColumns(t, alias)) : [];
  const template = await serialize(
    conn,
    `SELECT coalesce(sum(bytes), 0) FROM ${PARTITIONS_TABLE} AS t WHERE true`,
  );
  const stmt = (template.statements as Node[])[0] as Node;
  const select = stmt.node as Node;
  (select.from_table as Node).alias = alias;
  if (terms.length > 0) {
    select.where_clause =
      terms.length === 1
        ? structuredClone(terms[0])
        : {
            class: 'CONJUNCTION',
            type: 'CONJUNCTION_AND',
            alias: '',
            query_location: NO_LOCATION,
            children: terms.map((t) => structuredClone(t)),
          };
  }
  return deserialize(conn, template);
}

function conjuncts(n: Node): Node[] {
  if (n.class === 'CONJUNCTION' && n.type === 'CONJUNCTION_AND')
    return (n.children as Node[]).flatMap((c) => conjuncts(c));
  return [n];
}

function onlyPartitionColumns(term: Node, alias: string): boolean {
  let columns = 0;
  let ok = true;
  collect(term, (n) => {
    if (n.class === 'SUBQUERY' || n.class === 'WINDOW') ok = false;
    if (n.class === 'COLUMN_REF') {
      const names = (n.column_names as string[]).map((x) => x.toLowerCase());
      const last = names[names.length - 1] ?? '';
      const qualified = names.length === 1 || (names.length === 2 && names[0] === alias.toLowerCase());
      if (!qualified || !PARTITION_NAMES.has(last)) ok = false;
      columns++;
    }
  });
  return ok && columns > 0;
}
