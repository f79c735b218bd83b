/**
 * ASFF validation as Security Hub does it on BatchImportFindings: the shape of `AwsSecurityFinding` from the
 * Smithy model (twin/models/securityhub-2018-10-26.json: member names, types, enums, required members), plus the
 * limits AWS documents only in prose (the API reference's "Length Constraints" and the ASFF syntax pages), which
 * the model carries as documentation, not as traits. Problems are worded the way Security Hub words them
 * ("Finding does not adhere to Amazon Finding Format. data.Title should NOT be longer than 256 characters").
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ShapeRef {
  target: string;
  traits?: Record<string, unknown>;
}
interface Shape {
  type: string;
  members?: Record<string, ShapeRef>;
  member?: ShapeRef;
  key?: ShapeRef;
  value?: ShapeRef;
  traits?: Record<string, unknown>;
}

const MODEL_FILE = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'models',
  'securityhub-2018-10-26.json',
);
const NS = 'com.amazonaws.securityhub#';

let shapes: Record<string, Shape> | undefined;
function model(): Record<string, Shape> {
  shapes ??= (JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as { shapes: Record<string, Shape> }).shapes;
  return shapes;
}

/** The largest finding Security Hub accepts (API reference of BatchImportFindings: 240 KB). */
export const MAX_FINDING_BYTES = 240 * 1024;

/**
 * Limits documented in the API reference prose (AwsSecurityFinding, Resource, Recommendation, Severity …), by
 * path with `[]` for any list index. `length` is for strings, `items` for lists and maps.
 */
const DOCUMENTED_LIMITS: Record<
  string,
  { min?: number; max?: number; items?: { min?: number; max: number } }
> = {
  Id: { min: 1, max: 512 },
  ProductArn: { min: 12, max: 2048 },
  GeneratorId: { min: 1, max: 512 },
  AwsAccountId: { min: 12, max: 12 },
  AwsAccountName: { min: 1, max: 50 },
  ProductName: { min: 1, max: 128 },
  CompanyName: { min: 1, max: 128 },
  Region: { min: 1, max: 16 },
  Title: { min: 1, max: 256 },
  Description: { min: 1, max: 1024 },
  'Remediation.Recommendation.Text': { min: 1, max: 512 },
  'Severity.Original': { min: 1, max: 64 },
  'FindingProviderFields.Severity.Original': { min: 1, max: 64 },
  Types: { items: { max: 50 } },
  'FindingProviderFields.Types': { items: { max: 50 } },
  Resources: { items: { min: 1, max: 32 } },
  'Resources[].Region': { min: 1, max: 16 },
  ProductFields: { items: { max: 50 } },
  UserDefinedFields: { items: { max: 50 } },
  Malware: { items: { max: 5 } },
  Threats: { items: { min: 1, max: 32 } },
  ThreatIntelIndicators: { items: { min: 1, max: 5 } },
  RelatedFindings: { items: { min: 1, max: 10 } },
};
/** Key and value lengths of the two free-form maps (AwsSecurityFinding's ProductFields, UserDefinedFields). */
const MAP_LIMITS: Record<string, { key: number; value: number }> = {
  ProductFields: { key: 128, value: 2048 },
  UserDefinedFields: { key: 128, value: 1024 },
};
/** The namespaces a finding type may start with (ASFF "Types taxonomy"). */
const TYPE_NAMESPACES = [
  'Software and Configuration Checks',
  'TTPs',
  'Effects',
  'Unusual Behaviors',
  'Sensitive Data Identifications',
];
/** ASFF timestamp fields: RFC 3339, `Z` or an offset, at most 9 fractional digits (ASFF "Timestamps"). */
const TIMESTAMP_FIELDS = ['FirstObservedAt', 'LastObservedAt', 'CreatedAt', 'UpdatedAt', 'ProcessedAt'];
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function shape(id: string): Shape | undefined {
  return model()[id];
}

/** Checks one finding; returns AJV-style problems (empty when the finding is valid ASFF). */
export function asffProblems(finding: unknown): string[] {
  const problems: string[] = [];
  check(`${NS}AwsSecurityFinding`, finding, 'data', '', problems);
  if (problems.length > 0) return problems;
  const f = finding as Record<string, unknown>;
  // ASFF "Required top-level attributes": Severity and Types may come from FindingProviderFields instead.
  const fpf = (f.FindingProviderFields ?? {}) as Record<string, unknown>;
  const severity = (f.Severity ?? fpf.Severity) as Record<string, unknown> | undefined;
  if (!severity) problems.push("data should have required property 'Severity'");
  else if (severity.Label === undefined && severity.Normalized === undefined)
    problems.push("data.Severity should have required property 'Label'");
  if (f.Types === undefined && fpf.Types === undefined)
    problems.push("data should have required property 'Types'");
  if (f.SchemaVersion !== '2018-10-08')
    problems.push('data.SchemaVersion should be equal to one of the allowed values');
  for (const list of [f.Types, fpf.Types]) {
    for (const t of Array.isArray(list) ? (list as string[]) : []) {
      if (!TYPE_NAMESPACES.some((ns) => t === ns || t.startsWith(`${ns}/`)))
        problems.push(`data.Types should match pattern "^(${TYPE_NAMESPACES.join('|')})(/.*)?$": ${t}`);
    }
  }
  for (const k of TIMESTAMP_FIELDS) {
    const v = f[k];
    if (typeof v === 'string' && (!RFC3339.test(v) || Number.isNaN(Date.parse(v))))
      problems.push(`data.${k} should match format "date-time"`);
  }
  for (const [name, lim] of Object.entries(MAP_LIMITS)) {
    const m = f[name];
    if (!m || typeof m !== 'object') continue;
    for (const [k, v] of Object.entries(m as Record<string, string>)) {
      if (k.length > lim.key)
        problems.push(`data.${name} key should NOT be longer than ${lim.key} characters`);
      if (v.length > lim.value)
        problems.push(`data.${name}['${k}'] should NOT be longer than ${lim.value} characters`);
    }
  }
  if (Buffer.byteLength(JSON.stringify(finding)) > MAX_FINDING_BYTES)
    problems.push(`data should NOT be larger than ${MAX_FINDING_BYTES / 1024} KB`);
  return problems;
}

function check(id: string, value: unknown, path: string, limitPath: string, out: string[]): void {
  const s = shape(id);
  const prim = id.startsWith('smithy.api#') ? id.slice('smithy.api#'.length).toLowerCase() : s?.type;
  const limits = DOCUMENTED_LIMITS[limitPath];
  switch (prim) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        out.push(`${path} should be object`);
        return;
      }
      const obj = value as Record<string, unknown>;
      for (const [name, ref] of Object.entries(s?.members ?? {})) {
        if (ref.traits?.['smithy.api#required'] !== undefined && obj[name] === undefined)
          out.push(`${path} should have required property '${name}'`);
      }
      for (const [k, v] of Object.entries(obj)) {
        const ref = s?.members?.[k];
        if (!ref) out.push(`${path} should NOT have additional properties: '${k}'`);
        else check(ref.target, v, `${path}.${k}`, limitPath ? `${limitPath}.${k}` : k, out);
      }
      return;
    }
    case 'union': {
      if (typeof value !== 'object' || value === null) out.push(`${path} should be object`);
      return;
    }
    case 'list': {
      if (!Array.isArray(value)) {
        out.push(`${path} should be array`);
        return;
      }
      const items = limits?.items;
      if (items?.min !== undefined && value.length < items.min)
        out.push(`${path} should NOT have fewer than ${items.min} items`);
      if (items && value.length > items.max) out.push(`${path} should NOT have more than ${items.max} items`);
      value.forEach((v, i) => check(s?.member?.target ?? '', v, `${path}[${i}]`, `${limitPath}[]`, out));
      return;
    }
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        out.push(`${path} should be object`);
        return;
      }
      const n = Object.keys(value).length;
      if (limits?.items && n > limits.items.max)
        out.push(`${path} should NOT have more than ${limits.items.max} properties`);
      for (const [k, v] of Object.entries(value)) {
        check(s?.key?.target ?? 'smithy.api#String', k, `${path}<key>`, '', out);
        check(s?.value?.target ?? 'smithy.api#String', v, `${path}['${k}']`, '', out);
      }
      return;
    }
    case 'string': {
      if (typeof value !== 'string') {
        out.push(`${path} should be string`);
        return;
      }
      const pattern = s?.traits?.['smithy.api#pattern'];
      if (typeof pattern === 'string' && !new RegExp(pattern, 'u').test(value))
        out.push(`${path} should match pattern "${pattern}"`);
      if (limits?.min !== undefined && value.length < limits.min)
        out.push(`${path} should NOT be shorter than ${limits.min} characters`);
      if (limits?.max !== undefined && value.length > limits.max)
        out.push(`${path} should NOT be longer than ${limits.max} characters`);
      return;
    }
    case 'enum': {
      const allowed = Object.values(s?.members ?? {}).map((m) => m.traits?.['smithy.api#enumValue']);
      if (!allowed.includes(value)) out.push(`${path} should be equal to one of the allowed values`);
      return;
    }
    case 'integer':
    case 'long':
      if (!Number.isInteger(value)) out.push(`${path} should be integer`);
      else {
        const r = s?.traits?.['smithy.api#range'] as { min?: number; max?: number } | undefined;
        if (r?.min !== undefined && (value as number) < r.min) out.push(`${path} should be >= ${r.min}`);
        if (r?.max !== undefined && (value as number) > r.max) out.push(`${path} should be <= ${r.max}`);
      }
      return;
    case 'double':
    case 'float':
      if (typeof value !== 'number') out.push(`${path} should be number`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') out.push(`${path} should be boolean`);
      return;
    case 'timestamp':
      if (typeof value !== 'string' && typeof value !== 'number') out.push(`${path} should be string`);
      return;
    default:
      out.push(`${path}: the twin cannot check shape ${id}`);
  }
}
