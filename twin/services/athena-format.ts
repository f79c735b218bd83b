/** DuckDB result values printed the way Athena (Trino) prints them in GetQueryResults and the CSV it writes. */
import {
  DuckDBDecimalValue,
  DuckDBListValue,
  DuckDBMapValue,
  DuckDBStructValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTypeId,
  DuckDBArrayValue,
  DuckDBDateValue,
  DuckDBListType,
  DuckDBArrayType,
  DuckDBStructType,
  DuckDBMapType,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';

/** Trino's name of a DuckDB result type, as ColumnInfo.Type carries it. */
export function trinoTypeName(t: DuckDBType): string {
  if (t.alias === 'JSON') return 'json';
  switch (t.typeId) {
    case DuckDBTypeId.VARCHAR:
      return 'varchar';
    case DuckDBTypeId.BOOLEAN:
      return 'boolean';
    case DuckDBTypeId.TINYINT:
      return 'tinyint';
    case DuckDBTypeId.SMALLINT:
      return 'smallint';
    case DuckDBTypeId.INTEGER:
      return 'integer';
    // Trino's count and sum over bigint are bigint; DuckDB widens some to HUGEINT or unsigned types.
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UTINYINT:
      return 'bigint';
    case DuckDBTypeId.DOUBLE:
      return 'double';
    case DuckDBTypeId.FLOAT:
      return 'real';
    case DuckDBTypeId.DECIMAL:
      return 'decimal';
    case DuckDBTypeId.TIMESTAMP_TZ:
      return 'timestamp with time zone';
    case DuckDBTypeId.TIMESTAMP:
      return 'timestamp';
    case DuckDBTypeId.DATE:
      return 'date';
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return 'array';
    case DuckDBTypeId.STRUCT:
      return 'row';
    case DuckDBTypeId.MAP:
      return 'map';
    case DuckDBTypeId.SQLNULL:
      return 'unknown';
    default:
      return 'varchar';
  }
}

/** One value of a column of type `t` as Athena prints it; undefined for SQL NULL (a Datum without VarCharValue). */
export function formatValue(v: DuckDBValue, t: DuckDBType): string | undefined {
  if (v === null) return undefined;
  return text(v, t);
}

function text(v: DuckDBValue, t: DuckDBType | undefined): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') {
    // DuckDB hands integers of 32 bits or fewer as JS numbers: print them as integers, and doubles as Java does.
    const floating = t?.typeId === DuckDBTypeId.DOUBLE || t?.typeId === DuckDBTypeId.FLOAT;
    return floating || !Number.isInteger(v) ? javaDouble(v) : String(v);
  }
  if (v instanceof DuckDBDecimalValue) return v.toString();
  if (v instanceof DuckDBTimestampTZValue) return `${timestampText(v.micros)} UTC`;
  if (v instanceof DuckDBTimestampValue) return timestampText(v.micros);
  if (v instanceof DuckDBDateValue) return v.toString();
  if (v instanceof DuckDBListValue || v instanceof DuckDBArrayValue) {
    const of = t instanceof DuckDBListType || t instanceof DuckDBArrayType ? t.valueType : undefined;
    return `[${v.items.map((x) => text(x, of)).join(', ')}]`;
  }
  if (v instanceof DuckDBStructValue) {
    const st = t instanceof DuckDBStructType ? t : undefined;
    return `{${Object.entries(v.entries)
      .map(([k, x]) => `${k}=${text(x, st?.typeForEntry(k))}`)
      .join(', ')}}`;
  }
  if (v instanceof DuckDBMapValue) {
    const mt = t instanceof DuckDBMapType ? t : undefined;
    return `{${v.entries.map((e) => `${text(e.key, mt?.keyType)}=${text(e.value, mt?.valueType)}`).join(', ')}}`;
  }
  return String(v);
}

/** `2024-01-02 03:04:05.000`: Trino's timestamp(3) text. */
function timestampText(micros: bigint): string {
  const iso = new Date(Number(micros / 1000n)).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

/** Java's Double.toString, which Trino uses for double: `1.5`, `100.0`, `1.0E7`, `1.0E-4`. */
export function javaDouble(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Infinity) return 'Infinity';
  if (d === -Infinity) return '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(d);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(d);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mantissa = '', exp = '0'] = d.toExponential().split('e');
  const m = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${m}E${Number(exp)}`;
}
