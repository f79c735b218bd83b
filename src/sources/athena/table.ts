/**
 * The CloudTrail table AWS documents for Athena (columns lower-case, nested records as STRUCTs, request and response
 * payloads as JSON text), described as data: which record field each column holds, so conditions on record paths
 * compile to column expressions and result rows turn back into CloudTrail records.
 */

/** A column's (or struct field's) shape. `bool` is a STRING column holding `true`/`false`, a boolean in the record. */
export type ColumnType =
  | { kind: 'string' }
  | { kind: 'bool' }
  | { kind: 'json' }
  | { kind: 'map' }
  | { kind: 'struct'; fields: readonly Field[] }
  | { kind: 'array'; of: ColumnType };

/** A record field and the column (or struct field) that holds it. */
export interface Field {
  /** The name in a CloudTrail record (`userIdentity`, `sourceIPAddress`). */
  name: string;
  /** The name in the table (`useridentity`, `sourceipaddress`). */
  sql: string;
  type: ColumnType;
}

const STRING: ColumnType = { kind: 'string' };
const JSON_TEXT: ColumnType = { kind: 'json' };
const s = (name: string, sql = name.toLowerCase()): Field => ({ name, sql, type: STRING });
const struct = (name: string, fields: Field[], sql = name.toLowerCase()): Field => ({
  name,
  sql,
  type: { kind: 'struct', fields },
});

/** The documented table's columns, in its order (partition keys are not record fields). */
export const CLOUDTRAIL_COLUMNS: readonly Field[] = [
  s('eventVersion'),
  struct('userIdentity', [
    s('type'),
    s('principalId'),
    s('arn'),
    s('accountId'),
    s('invokedBy'),
    s('accessKeyId'),
    s('userName'),
    struct('onBehalfOf', [s('userId'), s('identityStoreArn')]),
    struct('sessionContext', [
      struct('attributes', [s('mfaAuthenticated'), s('creationDate')]),
      struct('sessionIssuer', [s('type'), s('principalId'), s('arn'), s('accountId'), s('userName')]),
      s('ec2RoleDelivery'),
      struct('webIdFederationData', [
        s('federatedProvider'),
        { name: 'attributes', sql: 'attributes', type: { kind: 'map' } },
      ]),
      s('sourceIdentity'),
    ]),
  ]),
  s('eventTime'),
  s('eventSource'),
  s('eventName'),
  s('awsRegion'),
  s('sourceIPAddress'),
  s('userAgent'),
  s('errorCode'),
  s('errorMessage'),
  { name: 'requestParameters', sql: 'requestparameters', type: JSON_TEXT },
  { name: 'responseElements', sql: 'responseelements', type: JSON_TEXT },
  { name: 'additionalEventData', sql: 'additionaleventdata', type: JSON_TEXT },
  s('requestID'),
  s('eventID'),
  { name: 'readOnly', sql: 'readonly', type: { kind: 'bool' } },
  {
    name: 'resources',
    sql: 'resources',
    type: { kind: 'array', of: { kind: 'struct', fields: [s('ARN', 'arn'), s('accountId'), s('type')] } },
  },
  s('eventType'),
  s('apiVersion'),
  s('recipientAccountId'),
  { name: 'serviceEventDetails', sql: 'serviceeventdetails', type: JSON_TEXT },
  s('sharedEventID'),
  s('vpcEndpointId'),
  s('vpcEndpointAccountId'),
  s('eventCategory'),
  struct('addendum', [s('reason'), s('updatedFields'), s('originalRequestID'), s('originalEventID')]),
  { name: 'sessionCredentialFromConsole', sql: 'sessioncredentialfromconsole', type: { kind: 'bool' } },
  { name: 'edgeDeviceDetails', sql: 'edgedevicedetails', type: JSON_TEXT },
  struct('tlsDetails', [
    s('tlsVersion'),
    s('cipherSuite'),
    s('clientProvidedHostHeader', 'clienthostheader'),
  ]),
];

/** The partition keys the setup kit projects from the trail's S3 layout. */
export const PARTITION_KEYS = { account: 'account', region: 'region', day: 'timestamp' } as const;

/** A SQL identifier, double-quoted when it is not a plain lower-case name (`"timestamp"` is a reserved word). */
export function ident(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) && !RESERVED.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}
const RESERVED = new Set(['timestamp', 'date', 'time', 'user', 'values', 'table', 'order', 'group']);

/** A SQL string literal: single quotes doubled, the only escape Trino string literals have. */
export function sqlString(v: string): string {
  return `'${v.replace(/'/g, "''")}'`;
}

/** How a column comes back: scalars as they are, everything nested as JSON text (Athena prints ROWs as `{a=b}`). */
export function selectExpr(f: Field): string {
  const col = ident(f.sql);
  return f.type.kind === 'struct' || f.type.kind === 'array' || f.type.kind === 'map'
    ? `json_format(CAST(${col} AS JSON)) AS ${col}`
    : col;
}

/** Record values rebuilt from JSON-cast nested columns: lower-case keys back to the record's, SQL NULLs dropped. */
function rebuild(v: unknown, type: ColumnType): unknown {
  if (v === null || v === undefined) return undefined;
  switch (type.kind) {
    case 'string':
      return typeof v === 'string' ? v : JSON.stringify(v);
    case 'bool':
      return v === 'true' || v === true ? true : v === 'false' || v === false ? false : v;
    case 'json':
      return v;
    case 'map':
      return typeof v === 'object' ? v : undefined;
    case 'array': {
      if (!Array.isArray(v)) return undefined;
      return v.map((x) => rebuild(x, type.of)).filter((x) => x !== undefined);
    }
    case 'struct': {
      if (typeof v !== 'object' || Array.isArray(v)) return undefined;
      const o = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const f of type.fields) {
        const x = rebuild(o[f.sql] ?? o[f.sql.toLowerCase()], f.type);
        if (x !== undefined) out[f.name] = x;
      }
      // A struct whose every field is NULL is how the table stores an absent object.
      return Object.keys(out).length > 0 ? out : undefined;
    }
  }
}

/** JSON payload columns hold the record's object as text; a value that is not JSON is kept as the string it is. */
function parsePayload(text: string): unknown {
  const c = text.trimStart()[0];
  if (c !== '{' && c !== '[') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * A CloudTrail record from one result row (column name -> text, undefined for SQL NULL). Fields the table has no
 * column for are not in the record; fields that were absent stay absent (NULL is never turned into a value).
 */
export function rowToRecord(
  row: ReadonlyMap<string, string | undefined>,
  columns: readonly Field[],
): Record<string, unknown> {
  const rec: Record<string, unknown> = {};
  for (const f of columns) {
    const text = row.get(f.sql);
    if (text === undefined) continue;
    let v: unknown;
    switch (f.type.kind) {
      case 'string':
        v = text;
        break;
      case 'bool':
        v = rebuild(text, f.type);
        break;
      case 'json':
        v = parsePayload(text);
        break;
      default: {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text) as unknown;
        } catch {
          parsed = undefined;
        }
        v = rebuild(parsed, f.type);
      }
    }
    if (v !== undefined) rec[f.name] = v;
  }
  return rec;
}
