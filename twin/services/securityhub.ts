/**
 * Security Hub (restJson1, signed as `securityhub`): BatchImportFindings, BatchUpdateFindings and GetFindings, as
 * a finding provider using the account's default product sees them. Findings are kept per region by product ARN
 * and Id (an import of an existing Id updates it) and listed at `GET /_twin/securityhub/findings`.
 */
import { createHash } from 'node:crypto';
import { errorResponse, jsonResponse, type WireError } from '../protocol.js';
import type { ServiceHandler, TwinContext, TwinRequest, TwinResponse } from '../types.js';
import { asffProblems } from './asff.js';

/** Findings per BatchImportFindings / BatchUpdateFindings call (the model's list length, 1..100). */
export const MAX_FINDINGS_PER_CALL = 100;
/** GetFindings page size: the model's MaxResults range is 1..100, and 100 when not given. */
const MAX_RESULTS = 100;
const PRODUCT_ARN = /^arn:(aws[a-z-]*):securityhub:([a-z0-9-]+):(\d{12})?:product\/([^/]+)\/([^/]+)$/;
/** Fields only the customer may change once a finding exists (BatchImportFindings keeps the stored value). */
const CUSTOMER_FIELDS = ['Note', 'UserDefinedFields', 'VerificationState', 'Workflow'] as const;

interface StoredFinding {
  region: string;
  finding: Record<string, unknown>;
}
interface HubState {
  /** `<region> <productArn> <id>` -> finding, in first-import order. */
  findings: Map<string, StoredFinding>;
  imports: number;
}

const states = new WeakMap<TwinContext, HubState>();
function state(ctx: TwinContext): HubState {
  let s = states.get(ctx);
  if (!s) states.set(ctx, (s = { findings: new Map(), imports: 0 }));
  return s;
}
const keyOf = (region: string, productArn: string, id: string): string => `${region} ${productArn} ${id}`;

const ROUTES: readonly [string, RegExp, string][] = [
  ['POST', /^\/findings\/import\/?$/, 'BatchImportFindings'],
  ['PATCH', /^\/findings\/batchupdate\/?$/, 'BatchUpdateFindings'],
  ['POST', /^\/findings\/?$/, 'GetFindings'],
];
function route(req: TwinRequest): string | undefined {
  if (req.signedService !== undefined && req.signedService !== 'securityhub') return undefined;
  return ROUTES.find(([m, re]) => req.method === m && re.test(req.rawPath))?.[2];
}

function restError(status: number, code: string, message: string): TwinResponse {
  return errorResponse('restJson1', { status, code, message });
}
const invalidInput = (message: string): TwinResponse => restError(400, 'InvalidInputException', message);

/** The identity the twin's STS gives any caller (see sts.ts), named in AccessDenied messages. */
function callerArn(ctx: TwinContext): string {
  return `arn:aws:sts::${ctx.account}:assumed-role/twin/session`;
}
function accessDenied(ctx: TwinContext, operation: string, resource: string): TwinResponse {
  return restError(
    403,
    'AccessDeniedException',
    `User: ${callerArn(ctx)} is not authorized to perform: securityhub:${operation} on resource: ${resource}`,
  );
}

function parseBody(req: TwinRequest): Record<string, unknown> | TwinResponse {
  try {
    const v = JSON.parse(req.body.toString('utf8') || '{}') as unknown;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  return restError(400, 'SerializationException', 'Could not parse the request body as a JSON object');
}
const isResponse = (v: unknown): v is TwinResponse =>
  typeof v === 'object' && v !== null && 'status' in v && typeof (v as TwinResponse).status === 'number';

/** AWS's wording for a request-level constraint violation. */
function listLengthError(member: string, length: number): TwinResponse {
  const constraint =
    length === 0
      ? 'Member must have length greater than or equal to 1'
      : `Member must have length less than or equal to ${MAX_FINDINGS_PER_CALL}`;
  return invalidInput(
    `1 validation error detected: Value at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}

function batchImport(req: TwinRequest, ctx: TwinContext): TwinResponse {
  const body = parseBody(req);
  if (isResponse(body)) return body;
  const region = req.signedRegion ?? ctx.region;
  const findings = body.Findings;
  if (!Array.isArray(findings)) return invalidInput("Invalid parameter 'Findings': a list is required");
  if (findings.length === 0 || findings.length > MAX_FINDINGS_PER_CALL)
    return listLengthError('findings', findings.length);
  // The account and Region checks reject the whole call, as AWS does for the default product: a finding may
  // only be imported by its own account, into the product of that account, in the endpoint's Region.
  const own = `arn:aws:securityhub:${region}:${ctx.account}:product/${ctx.account}/default`;
  for (const f of findings) {
    if (typeof f !== 'object' || f === null) continue;
    const { ProductArn, AwsAccountId } = f as Record<string, unknown>;
    if (typeof ProductArn !== 'string') continue;
    const m = PRODUCT_ARN.exec(ProductArn);
    if (!m) continue; // per-finding validation reports it
    if (m[2] !== region || ProductArn !== own) return accessDenied(ctx, 'BatchImportFindings', ProductArn);
    if (typeof AwsAccountId === 'string' && AwsAccountId !== ctx.account)
      return accessDenied(ctx, 'BatchImportFindings', ProductArn);
  }
  const failed: { Id: string; ErrorCode: string; ErrorMessage: string }[] = [];
  const s = state(ctx);
  s.imports++;
  const now = new Date().toISOString();
  for (const f of findings) {
    const id =
      typeof f === 'object' && f !== null && typeof (f as Record<string, unknown>).Id === 'string'
        ? ((f as Record<string, unknown>).Id as string)
        : '';
    const problems = asffProblems(f);
    const arnProblem =
      typeof (f as Record<string, unknown>)?.ProductArn === 'string' &&
      !PRODUCT_ARN.test((f as Record<string, unknown>).ProductArn as string);
    if (arnProblem) problems.push('data.ProductArn should match format "arn"');
    if (problems.length > 0) {
      failed.push({
        Id: id || 'null',
        ErrorCode: 'InvalidInput',
        ErrorMessage: `Finding does not adhere to Amazon Finding Format. ${problems.join(', ')}.`,
      });
      continue;
    }
    const finding = f as Record<string, unknown>;
    const key = keyOf(region, finding.ProductArn as string, id);
    const previous = s.findings.get(key)?.finding;
    const stored: Record<string, unknown> = {
      ProductName: 'Default',
      CompanyName: 'Personal',
      ...finding,
      Region: region,
      ProcessedAt: now,
      RecordState: finding.RecordState ?? 'ACTIVE',
    };
    // Provider values for customer-owned fields count only when the finding is new.
    for (const k of CUSTOMER_FIELDS) {
      if (previous) {
        if (previous[k] !== undefined) stored[k] = previous[k];
        else delete stored[k];
      }
    }
    // Security Hub adds its own keys to ProductFields, as GetFindings shows them.
    stored.ProductFields = {
      ...((finding.ProductFields as Record<string, string> | undefined) ?? {}),
      'aws/securityhub/FindingId': `${finding.ProductArn as string}/${id}`,
      'aws/securityhub/ProductName': stored.ProductName as string,
      'aws/securityhub/CompanyName': stored.CompanyName as string,
    };
    stored.Workflow ??= { Status: 'NEW' };
    stored.WorkflowState ??= 'NEW';
    // An ARCHIVED finding made ACTIVE again starts a new investigation (API reference, WorkflowUpdate).
    if (previous?.RecordState === 'ARCHIVED' && stored.RecordState === 'ACTIVE')
      stored.Workflow = { Status: 'NEW' };
    s.findings.set(key, { region, finding: stored });
  }
  return jsonResponse(200, {
    FailedCount: failed.length,
    SuccessCount: findings.length - failed.length,
    FailedFindings: failed,
  });
}

function batchUpdate(req: TwinRequest, ctx: TwinContext): TwinResponse {
  const body = parseBody(req);
  if (isResponse(body)) return body;
  const region = req.signedRegion ?? ctx.region;
  const ids = body.FindingIdentifiers;
  if (!Array.isArray(ids)) return invalidInput("Invalid parameter 'FindingIdentifiers': a list is required");
  if (ids.length === 0 || ids.length > MAX_FINDINGS_PER_CALL)
    return listLengthError('findingIdentifiers', ids.length);
  const updates: Record<string, unknown> = {};
  for (const k of [
    'Note',
    'Severity',
    'VerificationState',
    'Confidence',
    'Criticality',
    'Types',
    'UserDefinedFields',
    'Workflow',
    'RelatedFindings',
  ]) {
    if (body[k] !== undefined) updates[k] = body[k];
  }
  if (Object.keys(updates).length === 0)
    return invalidInput('At least one field to update must be provided besides FindingIdentifiers');
  const note = updates.Note as { Text?: unknown; UpdatedBy?: unknown } | undefined;
  if (note && (typeof note.Text !== 'string' || typeof note.UpdatedBy !== 'string' || note.Text.length > 512))
    return invalidInput('Note requires Text (at most 512 characters) and UpdatedBy');
  const status = (updates.Workflow as { Status?: unknown } | undefined)?.Status;
  if (status !== undefined && !['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED'].includes(status as string))
    return invalidInput(
      `Workflow.Status ${JSON.stringify(status)} is not one of NEW, NOTIFIED, RESOLVED, SUPPRESSED`,
    );
  const s = state(ctx);
  const processed: { Id: string; ProductArn: string }[] = [];
  const unprocessed: { FindingIdentifier: unknown; ErrorCode: string; ErrorMessage: string }[] = [];
  const seen = new Set<string>();
  const now = new Date().toISOString();
  for (const ident of ids) {
    const { Id, ProductArn } = (ident ?? {}) as { Id?: unknown; ProductArn?: unknown };
    if (typeof Id !== 'string' || typeof ProductArn !== 'string') {
      unprocessed.push({
        FindingIdentifier: ident,
        ErrorCode: 'InvalidInput',
        ErrorMessage: 'Invalid Input',
      });
      continue;
    }
    const key = keyOf(region, ProductArn, Id);
    if (seen.has(key)) {
      unprocessed.push({
        FindingIdentifier: { Id, ProductArn },
        ErrorCode: 'DuplicatedFindingIdentifier',
        ErrorMessage: 'Finding Identifier is duplicated',
      });
      continue;
    }
    seen.add(key);
    const stored = s.findings.get(key);
    if (!stored) {
      unprocessed.push({
        FindingIdentifier: { Id, ProductArn },
        ErrorCode: 'FindingNotFound',
        ErrorMessage: 'Finding Not Found',
      });
      continue;
    }
    for (const [k, v] of Object.entries(updates)) {
      if (k === 'Note') stored.finding.Note = { ...(v as object), UpdatedAt: now };
      else if (k === 'Workflow') {
        stored.finding.Workflow = v;
        stored.finding.WorkflowState =
          (v as { Status: string }).Status === 'NOTIFIED'
            ? 'ASSIGNED'
            : (v as { Status: string }).Status === 'NEW'
              ? 'NEW'
              : 'RESOLVED';
      } else stored.finding[k] = v;
    }
    // BatchUpdateFindings does not change UpdatedAt (API reference).
    processed.push({ Id, ProductArn });
  }
  return jsonResponse(200, { ProcessedFindings: processed, UnprocessedFindings: unprocessed });
}

type StringFilter = { Value?: unknown; Comparison?: unknown };
type MapFilter = { Key?: unknown; Value?: unknown; Comparison?: unknown };
/** Filter fields the twin evaluates, and how to read each from a stored finding. */
const STRING_FILTERS: Record<string, (f: Record<string, unknown>) => string | undefined> = {
  Id: (f) => f.Id as string,
  ProductArn: (f) => f.ProductArn as string,
  AwsAccountId: (f) => f.AwsAccountId as string,
  GeneratorId: (f) => f.GeneratorId as string,
  Title: (f) => f.Title as string,
  ProductName: (f) => f.ProductName as string,
  CompanyName: (f) => f.CompanyName as string,
  RecordState: (f) => f.RecordState as string,
  WorkflowStatus: (f) => (f.Workflow as { Status?: string } | undefined)?.Status,
  SeverityLabel: (f) => (f.Severity as { Label?: string } | undefined)?.Label,
};
const MAP_FILTERS = new Set(['ProductFields', 'UserDefinedFields']);
const POSITIVE = new Set(['EQUALS', 'PREFIX']);
const NEGATIVE = new Set(['NOT_EQUALS', 'PREFIX_NOT_EQUALS']);

function compare(value: string | undefined, filterValue: string, comparison: string): boolean {
  const v = value ?? '';
  switch (comparison) {
    case 'EQUALS':
      return value !== undefined && v === filterValue;
    case 'PREFIX':
      return value !== undefined && v.startsWith(filterValue);
    case 'NOT_EQUALS':
      return v !== filterValue;
    default:
      return !v.startsWith(filterValue);
  }
}

/** A predicate for GetFindings' Filters, or an InvalidInputException for filters AWS (or the twin) refuses. */
function compileFilters(filters: unknown): ((f: Record<string, unknown>) => boolean) | TwinResponse {
  if (filters === undefined) return () => true;
  if (typeof filters !== 'object' || filters === null) return invalidInput('Filters must be an object');
  const tests: ((f: Record<string, unknown>) => boolean)[] = [];
  for (const [field, list] of Object.entries(filters as Record<string, unknown>)) {
    if (!Array.isArray(list)) return invalidInput(`Filters.${field} must be a list`);
    const read = STRING_FILTERS[field];
    const isMap = MAP_FILTERS.has(field);
    if (!read && !isMap) return invalidInput(`The twin does not emulate the GetFindings filter ${field}`);
    const pos: ((f: Record<string, unknown>) => boolean)[] = [];
    const neg: ((f: Record<string, unknown>) => boolean)[] = [];
    for (const raw of list as (StringFilter & MapFilter)[]) {
      const comparison = String(raw.Comparison ?? '');
      if (comparison === 'CONTAINS' || comparison === 'NOT_CONTAINS')
        return invalidInput(`${comparison} can be used only with automation rules`);
      if (!POSITIVE.has(comparison) && !NEGATIVE.has(comparison))
        return invalidInput(`Filters.${field}: Comparison ${JSON.stringify(raw.Comparison)} is not valid`);
      if (typeof raw.Value !== 'string' || raw.Value.trim() === '')
        return invalidInput(`Filters.${field}: Value must be a non-empty string`);
      const value = raw.Value;
      let get: (f: Record<string, unknown>) => string | undefined;
      if (isMap) {
        if (typeof raw.Key !== 'string') return invalidInput(`Filters.${field}: Key is required`);
        const key = raw.Key;
        get = (f) => (f[field] as Record<string, string> | undefined)?.[key];
      } else get = read as (f: Record<string, unknown>) => string | undefined;
      (POSITIVE.has(comparison) ? pos : neg).push((f) => compare(get(f), value, comparison));
    }
    if (neg.length > 0 && (list as StringFilter[]).some((x) => x.Comparison === 'EQUALS'))
      return invalidInput(`Filters.${field}: EQUALS cannot be combined with NOT_EQUALS or PREFIX_NOT_EQUALS`);
    // Positive filters on one field are ORed, negative ones ANDed; fields are ANDed.
    tests.push((f) => (pos.length === 0 || pos.some((t) => t(f))) && neg.every((t) => t(f)));
  }
  return (f) => tests.every((t) => t(f));
}

function getFindings(req: TwinRequest, ctx: TwinContext): TwinResponse {
  const body = parseBody(req);
  if (isResponse(body)) return body;
  const region = req.signedRegion ?? ctx.region;
  const max = body.MaxResults ?? MAX_RESULTS;
  if (!Number.isInteger(max) || (max as number) < 1 || (max as number) > MAX_RESULTS)
    return invalidInput(
      `1 validation error detected: Value '${String(max)}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to ${MAX_RESULTS}`,
    );
  if (body.SortCriteria !== undefined) return invalidInput('The twin does not emulate SortCriteria');
  const test = compileFilters(body.Filters);
  if (isResponse(test)) return test;
  // The token binds the filters it was issued for, as AWS's opaque tokens do.
  const filterHash = createHash('sha256')
    .update(JSON.stringify(body.Filters ?? {}))
    .digest('hex')
    .slice(0, 16);
  let offset = 0;
  if (body.NextToken !== undefined && body.NextToken !== null && body.NextToken !== '') {
    const parsed = decodeToken(String(body.NextToken));
    if (!parsed || parsed.filters !== filterHash)
      return invalidInput('The NextToken is not valid for this request');
    offset = parsed.offset;
  }
  const all = [...state(ctx).findings.values()]
    .filter((s) => s.region === region)
    .map((s) => s.finding)
    .filter(test);
  const page = all.slice(offset, offset + (max as number));
  const next = offset + page.length;
  return jsonResponse(200, {
    Findings: page,
    ...(next < all.length ? { NextToken: encodeToken({ offset: next, filters: filterHash }) } : {}),
  });
}

function encodeToken(t: { offset: number; filters: string }): string {
  return Buffer.from(JSON.stringify(t)).toString('base64');
}
function decodeToken(s: string): { offset: number; filters: string } | undefined {
  try {
    const t = JSON.parse(Buffer.from(s, 'base64').toString('utf8')) as {
      offset?: unknown;
      filters?: unknown;
    };
    if (Number.isInteger(t.offset) && typeof t.filters === 'string')
      return t as { offset: number; filters: string };
  } catch {
    // not a token of ours
  }
  return undefined;
}

export const securityHubHandler: ServiceHandler = {
  name: 'securityhub',
  protocol: 'restJson1',
  matches: (req) => route(req) !== undefined,
  operation: (req) => route(req),
  // Security Hub answers a throttled call with LimitExceededException, HTTP 429 (API reference, Common Errors).
  faultError: (kind): WireError | undefined =>
    kind === 'throttle'
      ? { status: 429, code: 'LimitExceededException', message: 'Rate exceeded' }
      : undefined,
  reset: (ctx) => {
    states.delete(ctx);
  },
  async handle(req, ctx): Promise<TwinResponse> {
    switch (route(req)) {
      case 'BatchImportFindings':
        return batchImport(req, ctx);
      case 'BatchUpdateFindings':
        return batchUpdate(req, ctx);
      case 'GetFindings':
        return getFindings(req, ctx);
      default:
        return restError(
          404,
          'UnknownOperationException',
          `No Security Hub operation at ${req.method} ${req.rawPath}`,
        );
    }
  },
  async control(req, ctx) {
    const path = req.path.replace(/\/+$/, '');
    if (req.method === 'GET' && path === '/_twin/securityhub/findings') {
      const region = req.query.get('region');
      const findings = [...state(ctx).findings.values()]
        .filter((s) => region === null || s.region === region)
        .map((s) => s.finding);
      return jsonResponse(200, { findings, imports: state(ctx).imports });
    }
    return undefined;
  },
};

/** The stored findings (for tests running in the same process). */
export function securityHubFindings(ctx: TwinContext): Record<string, unknown>[] {
  return [...state(ctx).findings.values()].map((s) => s.finding);
}
