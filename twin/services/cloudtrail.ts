import { createHash, randomUUID } from 'node:crypto';
import { eventRegion, eventTimeMs, type TrailRecord } from '../events.js';
import { errorResponse, jsonObjectBody, jsonResponse } from '../protocol.js';
import type { ServiceHandler, TwinContext, TwinRequest, TwinResponse } from '../types.js';
import { runLakeQuery, LakeQueryError } from './lake.js';

const JSON_TYPE = 'application/x-amz-json-1.1';
const MAX_LOOKUP_RESULTS = 50;
const LOOKUP_KEYS = new Set([
  'EventId',
  'EventName',
  'ReadOnly',
  'Username',
  'ResourceType',
  'ResourceName',
  'EventSource',
  'AccessKeyId',
]);
/** Insights events can be looked up by these keys only (the LookupEvents reference). */
const INSIGHT_LOOKUP_KEYS = new Set(['EventId', 'EventName', 'EventSource']);

/** Regions an account must enable before it can call them (AWS's list of opt-in regions). */
export const OPT_IN_REGIONS: ReadonlySet<string> = new Set([
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-west-1',
  'eu-central-2',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
]);

/** The event data store the twin's Lake serves (its ID and ARN are both accepted). */
export const TWIN_EVENT_DATA_STORE_ID = '7e5c1a2b-4d3f-4e6a-9b8c-0d1e2f3a4b5c';

interface Query {
  id: string;
  statement: string;
  created: Date;
  polls: number;
  status: 'QUEUED' | 'RUNNING' | 'FINISHED' | 'FAILED';
  columns: string[];
  rows: Record<string, string>[];
  scanned: number;
  error?: string;
}

interface CloudTrailState {
  calls: Map<string, number[]>;
  queries: Map<string, Query>;
}

const states = new WeakMap<TwinContext, CloudTrailState>();

function state(ctx: TwinContext): CloudTrailState {
  let s = states.get(ctx);
  if (!s) states.set(ctx, (s = { calls: new Map(), queries: new Map() }));
  return s;
}

class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

function targetOf(req: TwinRequest): string | undefined {
  const t = req.headers['x-amz-target'];
  if (typeof t !== 'string') return undefined;
  // The current model names the service `CloudTrail_20131101`; older SDKs send the long Java-style prefix.
  const m = /^(?:com\.amazonaws\.cloudtrail\.v20131101\.)?CloudTrail_20131101\.(\w+)$/.exec(t);
  return m?.[1];
}

/** CloudTrail (awsJson1_1): LookupEvents and the Lake query operations. */
export const cloudtrailHandler: ServiceHandler = {
  name: 'cloudtrail',
  protocol: 'awsJson1_1',
  matches: (req) => req.method === 'POST' && targetOf(req) !== undefined,
  operation: (req) => targetOf(req),
  reset: (ctx) => {
    states.delete(ctx);
  },
  async handle(req, ctx): Promise<TwinResponse> {
    const op = targetOf(req) ?? '';
    const input = jsonObjectBody(req);
    if (!input) return err('SerializationException', 'Could not parse the request body as JSON');
    const region = req.signedRegion ?? ctx.region;
    // The twin's account, like a new one, has enabled no opt-in region: AWS rejects the credentials there.
    if (OPT_IN_REGIONS.has(region))
      return err(
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
        403,
      );
    try {
      switch (op) {
        case 'LookupEvents':
          return ok(lookupEvents(input, ctx, region));
        case 'GetEventDataStore':
          return ok(getEventDataStore(input, region));
        case 'StartQuery':
          return ok(startQuery(input, ctx));
        case 'DescribeQuery':
          return ok(describeQuery(input, ctx));
        case 'GetQueryResults':
          return ok(getQueryResults(input, ctx));
        default:
          return err('UnknownOperationException', `The twin does not emulate CloudTrail ${op}`);
      }
    } catch (e) {
      if (e instanceof ApiError) return err(e.code, e.message, e.status);
      throw e;
    }
  },
};

function ok(body: unknown): TwinResponse {
  return jsonResponse(200, body, JSON_TYPE, { 'x-amzn-requestid': randomUUID() });
}

function err(code: string, message: string, status = 400): TwinResponse {
  return errorResponse('awsJson1_1', { status, code, message });
}

/** Sliding one-second window per region, as CloudTrail's 2 requests/second/region LookupEvents quota. */
function checkRate(ctx: TwinContext, region: string): void {
  const s = state(ctx);
  const now = Date.now();
  const recent = (s.calls.get(region) ?? []).filter((t) => now - t < 1000);
  if (recent.length >= ctx.lookupRatePerSecond) {
    s.calls.set(region, recent);
    throw new ApiError('ThrottlingException', 'Rate exceeded');
  }
  recent.push(now);
  s.calls.set(region, recent);
}

function toEpochMs(v: unknown, field: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return v * 1000;
  if (typeof v === 'string' && Number.isFinite(Date.parse(v))) return Date.parse(v);
  throw new ApiError('SerializationException', `${field} must be a timestamp`);
}

function lookupEvents(input: Record<string, unknown>, ctx: TwinContext, region: string): unknown {
  checkRate(ctx, region);
  const start = toEpochMs(input.StartTime, 'StartTime');
  const end = toEpochMs(input.EndTime, 'EndTime');
  if (start !== undefined && end !== undefined && start > end) {
    throw new ApiError('InvalidTimeRangeException', 'Start time must be before end time.');
  }
  const maxResults = input.MaxResults ?? MAX_LOOKUP_RESULTS;
  if (
    typeof maxResults !== 'number' ||
    !Number.isInteger(maxResults) ||
    maxResults < 1 ||
    maxResults > MAX_LOOKUP_RESULTS
  ) {
    throw new ApiError(
      'InvalidMaxResultsException',
      'Value for MaxResults is invalid. It must be between 1 and 50.',
    );
  }
  if (input.EventCategory !== undefined && input.EventCategory !== 'insight') {
    throw new ApiError('InvalidEventCategoryException', 'Event category is not valid.');
  }
  const attrs = input.LookupAttributes ?? [];
  if (!Array.isArray(attrs) || attrs.length > 1) {
    throw new ApiError('InvalidLookupAttributesException', 'You can only specify one lookup attribute.');
  }
  const attr = attrs[0] as { AttributeKey?: unknown; AttributeValue?: unknown } | undefined;
  if (attr) {
    if (typeof attr.AttributeKey !== 'string' || !LOOKUP_KEYS.has(attr.AttributeKey)) {
      throw new ApiError(
        'InvalidLookupAttributesException',
        `Lookup attribute key ${String(attr.AttributeKey)} is invalid.`,
      );
    }
    if (input.EventCategory === 'insight' && !INSIGHT_LOOKUP_KEYS.has(attr.AttributeKey)) {
      throw new ApiError(
        'InvalidLookupAttributesException',
        `Lookup attribute key ${attr.AttributeKey} is not supported for Insights events.`,
      );
    }
    if (
      typeof attr.AttributeValue !== 'string' ||
      attr.AttributeValue.length === 0 ||
      attr.AttributeValue.length > 2000
    ) {
      throw new ApiError('InvalidLookupAttributesException', 'Lookup attribute value is invalid.');
    }
  }
  // The token binds the parameters it was issued for, as CloudTrail rejects a token reused with other ones.
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([region, start ?? null, end ?? null, input.EventCategory ?? null, attr ?? null]))
    .digest('hex')
    .slice(0, 16);
  let offset = 0;
  if (input.NextToken !== undefined) {
    const tok = decodeToken(input.NextToken);
    if (!tok || tok.f !== fingerprint) throw new ApiError('InvalidNextTokenException', 'Invalid NextToken.');
    offset = tok.o;
  }
  // Event history holds management events; Insights events only when asked for; data and network activity
  // events never (they exist only in trails and event data stores that select them).
  const wanted: EventKind = input.EventCategory === 'insight' ? 'insight' : 'management';
  const matching = ctx.events
    .filter((r) => {
      if (eventKind(r) !== wanted) return false;
      const t = eventTimeMs(r);
      if (t === undefined) return false;
      if (eventRegion(r, ctx.region) !== region) return false;
      if (start !== undefined && t < start) return false;
      if (end !== undefined && t > end) return false;
      return attr ? matchesAttribute(r, attr.AttributeKey as string, attr.AttributeValue as string) : true;
    })
    .sort((a, b) => (eventTimeMs(b) ?? 0) - (eventTimeMs(a) ?? 0));
  const page = matching.slice(offset, offset + maxResults);
  const next =
    offset + maxResults < matching.length
      ? encodeToken({ f: fingerprint, o: offset + maxResults })
      : undefined;
  return { Events: page.map(toLookupEvent), ...(next ? { NextToken: next } : {}) };
}

/** What CloudTrail files a record under: only `management` records are in LookupEvents' event history. */
export type EventKind = 'management' | 'data' | 'network' | 'insight';

const CATEGORY: Record<string, EventKind> = {
  management: 'management',
  data: 'data',
  networkactivity: 'network',
  insight: 'insight',
};

/**
 * Data events by service, for records written before CloudTrail added `managementEvent` (1.06) and
 * `eventCategory` (1.08): S3 object-level calls, Lambda Invoke, DynamoDB item and stream calls, SNS Publish.
 */
const DATA_EVENTS: Record<string, ReadonlySet<string>> = {
  's3.amazonaws.com': new Set([
    'GetObject',
    'PutObject',
    'CopyObject',
    'DeleteObject',
    'DeleteObjects',
    'HeadObject',
    'GetObjectAcl',
    'PutObjectAcl',
    'GetObjectAttributes',
    'GetObjectTagging',
    'PutObjectTagging',
    'DeleteObjectTagging',
    'GetObjectRetention',
    'PutObjectRetention',
    'GetObjectLegalHold',
    'PutObjectLegalHold',
    'GetObjectTorrent',
    'RestoreObject',
    'SelectObjectContent',
    'ListObjects',
    'ListObjectsV2',
    'ListObjectVersions',
    'ListBucket',
    'ListBucketVersions',
    'CreateMultipartUpload',
    'UploadPart',
    'UploadPartCopy',
    'CompleteMultipartUpload',
    'AbortMultipartUpload',
    'ListParts',
  ]),
  'lambda.amazonaws.com': new Set(['Invoke', 'InvokeAsync', 'InvokeWithResponseStream']),
  'dynamodb.amazonaws.com': new Set([
    'GetItem',
    'PutItem',
    'UpdateItem',
    'DeleteItem',
    'BatchGetItem',
    'BatchWriteItem',
    'Query',
    'Scan',
    'TransactGetItems',
    'TransactWriteItems',
    'ExecuteStatement',
    'BatchExecuteStatement',
    'ExecuteTransaction',
    'GetRecords',
    'GetShardIterator',
    'DescribeStream',
    'ListStreams',
  ]),
  'sns.amazonaws.com': new Set(['Publish', 'PublishBatch']),
};

/**
 * How CloudTrail marks a record: `eventCategory` when present, else `eventType: AwsCloudTrailInsight`, else
 * `managementEvent`, else (records older than those fields) the data-event table above.
 */
export function eventKind(r: TrailRecord): EventKind {
  const cat = typeof r.eventCategory === 'string' ? CATEGORY[r.eventCategory.toLowerCase()] : undefined;
  if (cat) return cat;
  if (r.eventType === 'AwsCloudTrailInsight' || r.insightDetails !== undefined) return 'insight';
  if (r.eventType === 'AwsVpceEvent') return 'network';
  const mgmt = r.managementEvent;
  if (mgmt === false || mgmt === 'false') return 'data';
  if (mgmt === true || mgmt === 'true') return 'management';
  const src = typeof r.eventSource === 'string' ? r.eventSource : '';
  const name = typeof r.eventName === 'string' ? r.eventName : '';
  return DATA_EVENTS[src]?.has(name) ? 'data' : 'management';
}

function encodeToken(t: { f: string; o: number }): string {
  return Buffer.from(JSON.stringify(t)).toString('base64');
}

function decodeToken(v: unknown): { f: string; o: number } | undefined {
  if (typeof v !== 'string') return undefined;
  try {
    const t = JSON.parse(Buffer.from(v, 'base64').toString('utf8')) as { f?: unknown; o?: unknown };
    return typeof t.f === 'string' && typeof t.o === 'number' ? { f: t.f, o: t.o } : undefined;
  } catch {
    return undefined;
  }
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function obj(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** The Username LookupEvents shows: the IAM user name, the role session name, or `root`. */
export function lookupUsername(r: TrailRecord): string | undefined {
  const ui = obj(r.userIdentity);
  if (str(ui.userName)) return str(ui.userName);
  if (ui.type === 'Root') return 'root';
  const arn = str(ui.arn);
  if (ui.type === 'AssumedRole' && arn) return arn.split('/').pop();
  return str(obj(obj(ui.sessionContext).sessionIssuer).userName) ?? str(ui.principalId);
}

/** Resources as LookupEvents lists them: the record's `resources`, else names found in the request parameters. */
export function lookupResources(r: TrailRecord): { ResourceType?: string; ResourceName?: string }[] {
  if (Array.isArray(r.resources)) {
    return r.resources.map((x) => {
      const o = obj(x);
      return {
        ...(str(o.type) ? { ResourceType: str(o.type) as string } : {}),
        ...(str(o.ARN) ? { ResourceName: str(o.ARN) as string } : {}),
      };
    });
  }
  const p = obj(r.requestParameters);
  const out: { ResourceType: string; ResourceName: string }[] = [];
  const known: [string, string][] = [
    ['bucketName', 'AWS::S3::Bucket'],
    ['userName', 'AWS::IAM::User'],
    ['roleName', 'AWS::IAM::Role'],
    ['policyArn', 'AWS::IAM::Policy'],
    ['groupName', 'AWS::IAM::Group'],
    ['name', 'AWS::CloudTrail::Trail'],
    ['keyId', 'AWS::KMS::Key'],
    ['instanceId', 'AWS::EC2::Instance'],
    ['groupId', 'AWS::EC2::SecurityGroup'],
  ];
  for (const [field, type] of known) {
    const v = str(p[field]);
    if (v && (field !== 'name' || r.eventSource === 'cloudtrail.amazonaws.com'))
      out.push({ ResourceType: type, ResourceName: v });
  }
  return out;
}

function readOnlyOf(r: TrailRecord): string | undefined {
  if (typeof r.readOnly === 'boolean') return String(r.readOnly);
  if (r.readOnly === 'true' || r.readOnly === 'false') return r.readOnly;
  return undefined;
}

function matchesAttribute(r: TrailRecord, key: string, value: string): boolean {
  switch (key) {
    case 'EventId':
      return r.eventID === value;
    // An Insights record names the API and service it is about inside insightDetails.
    case 'EventName':
      return (r.eventName ?? obj(r.insightDetails).eventName) === value;
    case 'EventSource':
      return (r.eventSource ?? obj(r.insightDetails).eventSource) === value;
    case 'ReadOnly':
      return readOnlyOf(r) === value;
    case 'Username':
      return lookupUsername(r) === value;
    case 'AccessKeyId':
      return obj(r.userIdentity).accessKeyId === value;
    case 'ResourceType':
      return lookupResources(r).some((x) => x.ResourceType === value);
    case 'ResourceName':
      return lookupResources(r).some((x) => x.ResourceName === value);
    default:
      return false;
  }
}

function toLookupEvent(r: TrailRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const set = (k: string, v: unknown): void => {
    if (v !== undefined) out[k] = v;
  };
  set('EventId', str(r.eventID));
  set('EventName', str(r.eventName) ?? str(obj(r.insightDetails).eventName));
  set('ReadOnly', readOnlyOf(r));
  set('AccessKeyId', str(obj(r.userIdentity).accessKeyId));
  set('EventTime', (eventTimeMs(r) ?? 0) / 1000);
  set('EventSource', str(r.eventSource) ?? str(obj(r.insightDetails).eventSource));
  set('Username', lookupUsername(r));
  out.Resources = lookupResources(r);
  out.CloudTrailEvent = JSON.stringify(r);
  return out;
}

function storeIdOf(v: string): string {
  const m = /^arn:aws[\w-]*:cloudtrail:[\w-]+:\d{12}:eventdatastore\/(.+)$/.exec(v);
  return m ? (m[1] as string) : v;
}

/** The twin's store keeps events for 2,557 days (seven years, the seven-year pricing option's default). */
export const TWIN_EVENT_DATA_STORE_RETENTION_DAYS = 2557;
const STORE_CREATED = new Date('2019-01-01T00:00:00Z');

function getEventDataStore(input: Record<string, unknown>, region: string): unknown {
  const v = input.EventDataStore;
  if (typeof v !== 'string' || v === '')
    throw new ApiError('InvalidParameterException', 'EventDataStore is required.');
  if (storeIdOf(v) !== TWIN_EVENT_DATA_STORE_ID)
    throw new ApiError(
      'EventDataStoreNotFoundException',
      `The specified event data store ${v} was not found.`,
    );
  return {
    EventDataStoreArn: `arn:aws:cloudtrail:${region}:123456789012:eventdatastore/${TWIN_EVENT_DATA_STORE_ID}`,
    Name: 'twin-event-data-store',
    Status: 'ENABLED',
    MultiRegionEnabled: true,
    OrganizationEnabled: false,
    RetentionPeriod: TWIN_EVENT_DATA_STORE_RETENTION_DAYS,
    TerminationProtectionEnabled: true,
    CreatedTimestamp: STORE_CREATED.getTime() / 1000,
    UpdatedTimestamp: STORE_CREATED.getTime() / 1000,
    BillingMode: 'EXTENDABLE_RETENTION_PRICING',
  };
}

function startQuery(input: Record<string, unknown>, ctx: TwinContext): unknown {
  const statement = input.QueryStatement;
  if (typeof statement !== 'string' || statement.trim() === '') {
    throw new ApiError('InvalidParameterException', 'QueryStatement is required.');
  }
  let result;
  try {
    // The store holds only what its retention keeps.
    const oldest = Date.now() - TWIN_EVENT_DATA_STORE_RETENTION_DAYS * 86_400_000;
    const kept = ctx.events.filter((r) => (eventTimeMs(r) ?? 0) >= oldest);
    result = runLakeQuery(statement, kept, (id) => storeIdOf(id) === TWIN_EVENT_DATA_STORE_ID);
  } catch (e) {
    if (e instanceof LakeQueryError) throw new ApiError(e.code, e.message);
    throw e;
  }
  const q: Query = {
    id: randomUUID(),
    statement,
    created: new Date(),
    polls: 0,
    status: 'QUEUED',
    columns: result.columns,
    rows: result.rows,
    scanned: result.scanned,
  };
  state(ctx).queries.set(q.id, q);
  return { QueryId: q.id };
}

function findQuery(input: Record<string, unknown>, ctx: TwinContext): Query {
  const id = input.QueryId;
  const q = typeof id === 'string' ? state(ctx).queries.get(id) : undefined;
  if (!q)
    throw new ApiError('QueryIdNotFoundException', 'The query ID does not exist or does not map to a query.');
  if (
    typeof input.EventDataStore === 'string' &&
    storeIdOf(input.EventDataStore) !== TWIN_EVENT_DATA_STORE_ID
  ) {
    throw new ApiError(
      'EventDataStoreNotFoundException',
      `The specified event data store ${input.EventDataStore} was not found.`,
    );
  }
  return q;
}

// Each poll moves the query one step (QUEUED -> RUNNING -> FINISHED), so callers must poll as against AWS.
function advance(q: Query): void {
  q.polls += 1;
  if (q.status === 'QUEUED') q.status = 'RUNNING';
  else if (q.status === 'RUNNING') q.status = 'FINISHED';
}

function describeQuery(input: Record<string, unknown>, ctx: TwinContext): unknown {
  const q = findQuery(input, ctx);
  advance(q);
  const finished = q.status === 'FINISHED';
  return {
    QueryId: q.id,
    QueryString: q.statement,
    QueryStatus: q.status,
    QueryStatistics: {
      EventsMatched: finished ? q.rows.length : 0,
      EventsScanned: finished ? q.scanned : 0,
      BytesScanned: finished ? q.scanned * 1024 : 0,
      ExecutionTimeInMillis: q.polls * 10,
      CreationTime: q.created.getTime() / 1000,
    },
  };
}

function getQueryResults(input: Record<string, unknown>, ctx: TwinContext): unknown {
  const q = findQuery(input, ctx);
  if (q.status !== 'FINISHED') advance(q);
  const max = input.MaxQueryResults ?? 1000;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 1000) {
    throw new ApiError('InvalidMaxResultsException', 'MaxQueryResults must be between 1 and 1000.');
  }
  if (q.status !== 'FINISHED') {
    return {
      QueryStatus: q.status,
      QueryStatistics: { ResultsCount: 0, TotalResultsCount: 0, BytesScanned: 0 },
    };
  }
  let offset = 0;
  if (input.NextToken !== undefined) {
    const tok = decodeToken(input.NextToken);
    if (!tok || tok.f !== q.id.slice(0, 16))
      throw new ApiError('InvalidNextTokenException', 'Invalid NextToken.');
    offset = tok.o;
  }
  const page = q.rows.slice(offset, offset + max);
  const next =
    offset + max < q.rows.length ? encodeToken({ f: q.id.slice(0, 16), o: offset + max }) : undefined;
  return {
    QueryStatus: q.status,
    QueryStatistics: {
      ResultsCount: page.length,
      TotalResultsCount: q.rows.length,
      BytesScanned: q.scanned * 1024,
    },
    QueryResultRows: page.map((row) => q.columns.map((c) => ({ [c]: row[c] ?? '' }))),
    ...(next ? { NextToken: next } : {}),
  };
}
