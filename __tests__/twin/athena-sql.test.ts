/**
 * The twin's Trino on DuckDB: each function the Athena contract allows behaves as Trino documents it
 * (trino.io/docs/current/functions: string, json, array, datetime, aggregate, window), values print as Athena prints
 * them, and anything else fails with Athena's error. The expected values are the documentation's examples and the
 * edge cases its text states; they are what makes the source's fuzz test (SQL vs the in-process matcher) meaningful.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DuckDBConnection, DuckDBInstance, DuckDBType } from '@duckdb/node-api';
import { formatValue, javaDouble } from '../../twin/services/athena-format.js';
import {
  AthenaQueryError,
  TRINO_FUNCTIONS,
  duckdbError,
  duckJsonPath,
  openTrinoEngine,
  translate,
} from '../../twin/services/athena-sql.js';
import { catalogTables } from '../../twin/services/athena.js';

let instance: DuckDBInstance;
let conn: DuckDBConnection;

beforeAll(async () => {
  ({ instance, conn } = await openTrinoEngine());
});
afterAll(() => {
  conn.closeSync();
  instance.closeSync();
});

/** Runs one Athena statement as the twin does; answers the rows as Athena's strings (undefined = NULL). */
async function rows(sql: string): Promise<(string | undefined)[][]> {
  const t = await translate(conn, sql, { database: 'default', tables: catalogTables(true) });
  const r = await conn.runAndReadAll(t.sql);
  const types = r.columnTypes();
  return r.getRows().map((row) => row.map((v, i) => formatValue(v, types[i] as DuckDBType)));
}
/** The one value of `SELECT <expr>`. */
async function value(expr: string): Promise<string | undefined> {
  return (await rows(`SELECT ${expr}`))[0]?.[0];
}
/** The message a failing statement ends with, as the twin reports it (DuckDB's errors in Trino's words). */
async function failure(sql: string, tables = catalogTables(true)): Promise<string> {
  let t;
  try {
    t = await translate(conn, sql, { database: 'default', tables });
    await conn.runAndReadAll(t.sql);
  } catch (e) {
    return (e instanceof AthenaQueryError ? e : duckdbError(e, t)).message;
  }
  throw new Error(`expected ${sql} to fail`);
}

describe('string functions (Trino: functions/string)', () => {
  it.each([
    ["lower('AbC')", 'abc'],
    ["upper('AbC')", 'ABC'],
    ["length('héllo')", '5'],
    ["strpos('abcabc', 'ca')", '3'],
    ["strpos('abc', 'z')", '0'],
    ["starts_with('abc', 'ab')", 'true'],
    ["starts_with('abc', 'b')", 'false'],
    ["substr('abcdef', 3)", 'cdef'],
    ["substr('abcdef', -2)", 'ef'],
    ["substr('abcdef', 2, 3)", 'bcd'],
    ["substr('abcdef', -3, 2)", 'de'],
    ["substr('abc', 0)", ''],
    ["substr('abc', 5)", ''],
    ["substr('abc', -5)", ''],
    ["substr('abc', 1, 0)", ''],
    ["substring('abcdef', 2, 10)", 'bcdef'],
    ["trim(' \t a b \n ')", 'a b'],
    ["trim(BOTH '!' FROM '!a!b!')", 'a!b'],
    ["concat('a', 'b', 'c')", 'abc'],
    ["coalesce(NULL, 'x')", 'x'],
    ["regexp_like('1a 2b 14m', '\\d+b')", 'true'],
    ["regexp_like('abc', '^b')", 'false'],
    ["regexp_like('abc', 'b')", 'true'],
    ["'a_b' LIKE 'a!_b' ESCAPE '!'", 'true'],
    ["'axb' LIKE 'a!_b' ESCAPE '!'", 'false'],
    ["'a' LIKE 'A'", 'false'],
  ])('%s = %j', async (expr, expected) => {
    expect(await value(expr)).toBe(expected);
  });

  it('concat is NULL when any argument is NULL, like ||', async () => {
    expect(await value("concat('a', NULL)")).toBeUndefined();
    expect(await value('substr(NULL, 1)')).toBeUndefined();
    expect(await value("substr('abc', 1, NULL)")).toBeUndefined();
  });
});

describe('JSON functions (Trino: functions/json)', () => {
  it.each([
    [`json_extract_scalar('{"a":{"b":1}}', '$.a.b')`, '1'],
    [`json_extract_scalar('[1, 2, 3]', '$[2]')`, '3'],
    [`json_extract_scalar('{"a":true}', '$.a')`, 'true'],
    [`json_extract_scalar('{"a":1.0}', '$.a')`, '1.0'],
    [`json_extract_scalar('{"a":"x\\"y"}', '$.a')`, 'x"y'],
    [`json_extract_scalar('{"user name":"bob"}', '$["user name"]')`, 'bob'],
    [`json_extract('{"a":{"b":1}}', '$.a')`, '{"b":1}'],
    [`json_format(json_parse('[1, 2, 3]'))`, '[1,2,3]'],
    [`json_format(json_parse('"a"'))`, '"a"'],
    [`json_format(CAST('abc' AS JSON))`, '"abc"'],
    [`json_format(CAST(true AS JSON))`, 'true'],
    [`CAST(json_extract('{"a":"x"}', '$.a') AS VARCHAR)`, 'x'],
    [`CAST(json_parse('42') AS VARCHAR)`, '42'],
    [`CAST('12' AS BIGINT)`, '12'],
    [`CAST(json_extract_scalar('{"n":"-7"}', '$.n') AS INTEGER)`, '-7'],
    [`TRY_CAST('x' AS BIGINT) IS NULL`, 'true'],
    [`TRY_CAST('1.5' AS BIGINT) IS NULL`, 'true'],
    [`CAST(2.6 AS BIGINT)`, '3'],
    [`json_format(json_extract('{"a":"x"}', '$.a'))`, '"x"'],
    [`json_array_contains('[1, 2, 3]', 2)`, 'true'],
    [`json_array_contains('["a", "b"]', 'b')`, 'true'],
    [`json_array_contains('[1, 2]', '1')`, 'false'],
    [`json_array_contains('[1, 2]', 3)`, 'false'],
    [`json_array_length('[1, 2, 3]')`, '3'],
  ])('%s = %j', async (expr, expected) => {
    expect(await value(expr)).toBe(expected);
  });

  it('json_extract_scalar is NULL for an object, an array, a JSON null, a missing path and text that is not JSON', async () => {
    for (const expr of [
      `json_extract_scalar('{"a":{"b":1}}', '$.a')`,
      `json_extract_scalar('{"a":[1]}', '$.a')`,
      `json_extract_scalar('{"a":null}', '$.a')`,
      `json_extract_scalar('{"a":1}', '$.b')`,
      `json_extract_scalar('not json', '$.a')`,
      `json_extract_scalar(NULL, '$.a')`,
    ])
      expect([expr, await value(expr)]).toEqual([expr, undefined]);
  });

  it('json_array_length is NULL for what is not an array', async () => {
    expect(await value(`json_array_length('{"a":1}')`)).toBeUndefined();
  });

  it('CAST of a row to JSON is an object with its field names', async () => {
    expect(
      await value(`json_format(CAST(CAST(ROW(123, 'abc') AS ROW(v1 BIGINT, v2 VARCHAR)) AS JSON))`),
    ).toBe('{"v1":123,"v2":"abc"}');
  });
});

describe('array functions and the subscript (Trino: functions/array)', () => {
  it.each([
    ['cardinality(ARRAY[1, 2, 3])', '3'],
    ['contains(ARRAY[1, 2], 2)', 'true'],
    ['contains(ARRAY[1, 2], 3)', 'false'],
    ['element_at(ARRAY[1, 2, 3], -1)', '3'],
    ['element_at(ARRAY[1, 2, 3], 2)', '2'],
    ['transform(ARRAY[5, 6], x -> x + 1)', '[6, 7]'],
    ["transform(ARRAY['x', 'abc'], x -> x || '0')", '[x0, abc0]'],
    ['any_match(ARRAY[1, 2], x -> x > 1)', 'true'],
    ['any_match(ARRAY[1, 2], x -> x > 5)', 'false'],
  ])('%s = %j', async (expr, expected) => {
    expect(await value(expr)).toBe(expected);
  });

  it('NULLs where Trino gives NULL: contains with a NULL element, element_at past the end, any_match with NULL results', async () => {
    expect(await value('contains(ARRAY[1, NULL], 3)')).toBeUndefined();
    expect(await value('element_at(ARRAY[1, 2], 5)')).toBeUndefined();
    expect(await value('any_match(ARRAY[NULL, 1], x -> x > 1)')).toBeUndefined();
  });

  it("fails a subscript past the end of the table's resources array, as Trino does; element_at gives NULL", async () => {
    await conn.run(
      `INSERT INTO _cloudtrail_rows ("$path", eventid, resources) VALUES ('s3://t/k', 'e1', [{'arn': 'a1', 'accountid': NULL, 'type': NULL}])`,
    );
    try {
      expect(await rows('SELECT resources[1].arn FROM cloudtrail_logs')).toEqual([['a1']]);
      expect(await rows('SELECT element_at(resources, 2) FROM cloudtrail_logs')).toEqual([[undefined]]);
      expect(await failure('SELECT resources[2].arn FROM cloudtrail_logs')).toMatch(
        /Array subscript must be less than or equal to array length: 2 > 1/,
      );
      expect(await failure('SELECT t.resources[0] FROM cloudtrail_logs t')).toMatch(
        /SQL array indices start at 1/,
      );
    } finally {
      await conn.run('DELETE FROM _cloudtrail_rows');
    }
  });
});

describe('date and time functions (Trino: functions/datetime)', () => {
  it.each([
    ["from_iso8601_timestamp('2020-05-11T11:15:05Z')", '2020-05-11 11:15:05.000 UTC'],
    ["from_iso8601_timestamp('2020-05-11T11:15:05.123+02:00')", '2020-05-11 09:15:05.123 UTC'],
    ["to_unixtime(from_iso8601_timestamp('2024-01-02T03:04:05.5Z'))", '1.7041646455E9'],
    ["date_trunc('day', from_iso8601_timestamp('2024-01-02T03:04:05Z'))", '2024-01-02 00:00:00.000 UTC'],
    [
      "from_iso8601_timestamp('2024-01-02T03:04:05Z') < from_iso8601_timestamp('2024-01-02T03:04:06Z')",
      'true',
    ],
  ])('%s = %j', async (expr, expected) => {
    expect(await value(expr)).toBe(expected);
  });
});

describe('aggregates and row_number (Trino: functions/aggregate, functions/window)', () => {
  const data = `(VALUES ('a', 1, true), ('a', 3, false), ('b', 2, true), ('b', NULL, NULL)) AS t(k, v, f)`;
  it('count, count_if, sum, min, max, arbitrary, array_agg, max_by, min_by', async () => {
    expect(
      await rows(
        `SELECT k, count(*), count(v), count_if(f), sum(v), min(v), max(v), max_by(v, v), min_by(k, v)
         FROM ${data} GROUP BY k ORDER BY k`,
      ),
    ).toEqual([
      ['a', '2', '2', '1', '4', '1', '3', '3', 'a'],
      ['b', '2', '1', '1', '2', '2', '2', '2', 'b'],
    ]);
    expect(await rows(`SELECT arbitrary(k), array_agg(v ORDER BY v) FROM ${data} WHERE k = 'a'`)).toEqual([
      ['a', '[1, 3]'],
    ]);
  });

  it('row_number() OVER (PARTITION BY … ORDER BY …)', async () => {
    expect(
      await rows(`SELECT k, v, row_number() OVER (PARTITION BY k ORDER BY v DESC) FROM ${data} WHERE v IS NOT NULL
                  ORDER BY k, v`),
    ).toEqual([
      ['a', '1', '2'],
      ['a', '3', '1'],
      ['b', '2', '1'],
    ]);
  });

  it('integer division is integral and NULLs sort last, as in Trino', async () => {
    expect(await value('5 / 2')).toBe('2');
    expect(await rows(`SELECT v FROM ${data} ORDER BY v DESC`)).toEqual([['3'], ['2'], ['1'], [undefined]]);
  });
});

describe('values printed as Athena prints them', () => {
  it('doubles in Java’s form, arrays and rows in Trino’s', async () => {
    expect(await value('CAST(100 AS DOUBLE)')).toBe('100.0');
    expect(await value('CAST(1e20 AS DOUBLE)')).toBe('1.0E20');
    expect(await value("CAST(ROW(1, 'x') AS ROW(a BIGINT, b VARCHAR))")).toBe('{a=1, b=x}');
    expect(await value('ARRAY[1, NULL]')).toBe('[1, null]');
    expect(javaDouble(0.0001)).toBe('1.0E-4');
    expect(javaDouble(1234567.5)).toBe('1234567.5');
    expect(javaDouble(12345678)).toBe('1.2345678E7');
  });
});

describe('what the twin refuses, in Athena’s words', () => {
  it('an unlisted function: FUNCTION_NOT_FOUND at its line and column', async () => {
    expect(await failure('SELECT md5(eventname) FROM cloudtrail_logs')).toBe(
      "FUNCTION_NOT_FOUND: line 1:8: Function 'md5' not registered",
    );
    expect(
      await failure('SELECT eventname\nFROM cloudtrail_logs\nWHERE levenshtein_distance(eventname, x) < 2'),
    ).toBe("FUNCTION_NOT_FOUND: line 3:7: Function 'levenshtein_distance' not registered");
  });

  it('DuckDB functions Trino does not have are not registered either', async () => {
    expect(await failure("SELECT list_contains(resources, 'x') FROM cloudtrail_logs")).toMatch(
      /^FUNCTION_NOT_FOUND: line 1:8: Function 'list_contains' not registered$/,
    );
    for (const [call, name] of [
      ["struct_extract(tlsdetails, 'tlsversion')", 'struct_extract'],
      ["like_escape(eventname, 'a', '!')", 'like_escape'],
      ['len(resources)', 'len'],
    ])
      expect(await failure(`SELECT ${call} FROM cloudtrail_logs`)).toBe(
        `FUNCTION_NOT_FOUND: line 1:8: Function '${name}' not registered`,
      );
  });

  it('unknown tables and schemas, resolved against the Glue catalog', async () => {
    expect(await failure('SELECT * FROM nope')).toBe(
      "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.default.nope' does not exist",
    );
    expect(await failure('SELECT * FROM other.cloudtrail_logs')).toBe(
      "SCHEMA_NOT_FOUND: line 1:15: Schema 'other' does not exist",
    );
    expect(await failure('SELECT * FROM lakehouse.default.cloudtrail_logs')).toBe(
      "CATALOG_NOT_FOUND: line 1:15: Catalog 'lakehouse' not found",
    );
    const viaContext = await translate(conn, 'SELECT 1 FROM cloudtrail_logs', {
      database: 'default',
      catalog: 'other',
      tables: catalogTables(true),
    }).catch((e: unknown) => (e as Error).message);
    expect(viaContext).toBe("CATALOG_NOT_FOUND: line 1:15: Catalog 'other' not found");
  });

  it('what DuckDB rejects while binding or running, with Trino’s error names and positions', async () => {
    expect(await failure('SELECT eventname,\n  nope FROM cloudtrail_logs')).toBe(
      "COLUMN_NOT_FOUND: line 2:3: Column 'nope' cannot be resolved",
    );
    expect(await failure("SELECT 1 FROM cloudtrail_logs WHERE useridentity.nope = 'x'")).toBe(
      "COLUMN_NOT_FOUND: line 1:37: Column 'nope' cannot be resolved",
    );
    expect(await failure('SELECT eventname FROM cloudtrail_logs GROUP BY eventsource')).toBe(
      "EXPRESSION_NOT_AGGREGATE: line 1:8: 'eventname' must be an aggregate expression or appear in GROUP BY clause",
    );
    expect(await failure("SELECT CAST('x' AS BIGINT)")).toBe(
      "INVALID_CAST_ARGUMENT: Cannot cast 'x' to BIGINT",
    );
    expect(await failure("SELECT CAST(json_extract('{\"a\":{}}', '$.a') AS VARCHAR)")).toBe(
      'INVALID_CAST_ARGUMENT: Cannot cast JSON object to VARCHAR',
    );
  });

  it('a table registered without partition keys has no account, region or timestamp column', async () => {
    expect(await failure('SELECT account FROM cloudtrail_logs', catalogTables(false))).toBe(
      "COLUMN_NOT_FOUND: line 1:8: Column 'account' cannot be resolved",
    );
  });

  it('operators only DuckDB has are syntax errors, refused when the query is submitted', async () => {
    for (const [sql, op] of [
      ["SELECT 1 FROM cloudtrail_logs WHERE eventname ILIKE 'x'", 'ILIKE'],
      ['SELECT 5 // 2', '//'],
    ]) {
      const e = await translate(conn, sql as string, {
        database: 'default',
        tables: catalogTables(true),
      }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AthenaQueryError);
      expect((e as AthenaQueryError).atSubmit).toBe(true);
      expect((e as AthenaQueryError).message).toMatch(
        new RegExp(`^SYNTAX_ERROR: line 1:\\d+: mismatched input '${(op as string).replace(/\//g, '\\/')}'$`),
      );
    }
  });

  it('a type Trino does not know', async () => {
    expect(await failure("SELECT CAST('1' AS HUGEINT)")).toBe(
      'TYPE_NOT_FOUND: line 1:8: Unknown type: hugeint',
    );
  });

  it('every allowed function has a mapping (the list is the contract’s)', () => {
    expect(Object.keys(TRINO_FUNCTIONS).sort()).toEqual(
      [
        'lower',
        'upper',
        'length',
        'strpos',
        'starts_with',
        'substr',
        'substring',
        'trim',
        'concat',
        'coalesce',
        'regexp_like',
        'json_extract_scalar',
        'json_extract',
        'json_format',
        'json_array_contains',
        'json_array_length',
        'json_parse',
        'cardinality',
        'contains',
        'element_at',
        'transform',
        'any_match',
        'from_iso8601_timestamp',
        'to_unixtime',
        'date_trunc',
        'count',
        'count_if',
        'sum',
        'min',
        'max',
        'arbitrary',
        'array_agg',
        'max_by',
        'min_by',
        'row_number',
      ].sort(),
    );
  });
});

describe('table names', () => {
  it.each([
    'default.cloudtrail_logs',
    '"default"."cloudtrail_logs"',
    'awsdatacatalog.default.cloudtrail_logs',
    'cloudtrail_logs',
  ])('%s resolves to the twin’s table', async (name) => {
    expect(await rows(`SELECT count(*) FROM ${name}`)).toEqual([['0']]);
  });

  it('Trino JSON paths with bracketed names become DuckDB’s quoted members', () => {
    expect(duckJsonPath('$["user name"].x')).toBe('$."user name".x');
    expect(duckJsonPath("$['a']")).toBe('$."a"');
    expect(duckJsonPath('$.a[0]')).toBe('$.a[0]');
  });
});
