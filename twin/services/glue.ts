/**
 * Glue Data Catalog (awsJson1_1, `X-Amz-Target: AWSGlue.<Op>`): GetDatabase and GetTable for the one table the twin's
 * Athena serves, `default.cloudtrail_logs`, described as AWS's documented CloudTrail table with partition projection
 * (the same table the setup kit creates). The projected accounts and regions are those the archive holds.
 */
import { randomUUID } from 'node:crypto';
import { TRAIL_BUCKET, eventAccount, eventRegion } from '../events.js';
import { jsonObjectBody, jsonResponse } from '../protocol.js';
import type { ServiceHandler, TwinContext, TwinRequest, TwinResponse } from '../types.js';
import { CLOUDTRAIL_COLUMNS, PARTITION_KEYS, hiveTypeName } from './athena-table.js';

const JSON_TYPE = 'application/x-amz-json-1.1';
/** When the twin's catalog was "created": fixed, so answers are stable. */
const CREATED = Date.UTC(2024, 0, 1) / 1000;

interface GlueState {
  /** `POST /_twin/glue/table {"partitioned": false}` registers the table without partition keys. */
  partitioned: boolean;
}
const states = new WeakMap<TwinContext, GlueState>();
function state(ctx: TwinContext): GlueState {
  let s = states.get(ctx);
  if (!s) states.set(ctx, (s = { partitioned: true }));
  return s;
}

/** Whether the twin's Glue describes `default.cloudtrail_logs` with its partition keys (Athena prunes only then). */
export function gluePartitioned(ctx: TwinContext): boolean {
  return state(ctx).partitioned;
}

function targetOf(req: TwinRequest): string | undefined {
  const t = req.headers['x-amz-target'];
  if (typeof t !== 'string') return undefined;
  return /^AWSGlue\.(\w+)$/.exec(t)?.[1];
}

export const glueHandler: ServiceHandler = {
  name: 'glue',
  protocol: 'awsJson1_1',
  matches: (req) => req.method === 'POST' && targetOf(req) !== undefined,
  operation: (req) => targetOf(req),
  reset: (ctx) => {
    states.delete(ctx);
  },
  async handle(req, ctx): Promise<TwinResponse> {
    const op = targetOf(req) ?? '';
    const input = jsonObjectBody(req);
    if (!input) return err('InvalidInputException', 'Could not parse the request body as JSON');
    const catalogId = typeof input.CatalogId === 'string' ? input.CatalogId : ctx.account;
    if (catalogId !== ctx.account)
      return err('AccessDeniedException', `Cross-account access to catalog ${catalogId} is not allowed.`);
    switch (op) {
      case 'GetDatabase': {
        const name = String(input.Name ?? '');
        if (name.toLowerCase() !== 'default')
          return err('EntityNotFoundException', `Database ${name} not found.`);
        return ok({
          Database: {
            Name: 'default',
            Description: 'Default Hive database',
            LocationUri: 'hive://default',
            CreateTime: CREATED,
            CatalogId: ctx.account,
          },
        });
      }
      case 'GetTable': {
        const db = String(input.DatabaseName ?? '');
        const name = String(input.Name ?? '');
        if (db.toLowerCase() !== 'default')
          return err('EntityNotFoundException', `Database ${db} not found.`);
        if (name.toLowerCase() !== 'cloudtrail_logs')
          return err('EntityNotFoundException', `Table ${name} not found.`);
        return ok({ Table: describeTable(ctx, state(ctx).partitioned) });
      }
      default:
        return err('InvalidInputException', `The twin's Glue does not implement ${op}`);
    }
  },
  async control(req, ctx): Promise<TwinResponse | undefined> {
    const route = `${req.method} ${req.path.replace(/\/+$/, '')}`;
    if (route === 'GET /_twin/glue/table')
      return jsonResponse(200, describeTable(ctx, state(ctx).partitioned));
    if (route !== 'POST /_twin/glue/table') return undefined;
    const body = JSON.parse(req.body.toString('utf8') || '{}') as { partitioned?: unknown };
    if (typeof body.partitioned !== 'boolean')
      throw new Error(`partitioned must be true or false, got ${JSON.stringify(body.partitioned)}`);
    state(ctx).partitioned = body.partitioned;
    return jsonResponse(200, describeTable(ctx, body.partitioned));
  },
};

/** The Glue `Table` of `default.cloudtrail_logs`, with the projection properties AWS documents for CloudTrail. */
export function describeTable(ctx: TwinContext, partitioned: boolean): Record<string, unknown> {
  const root = ctx.organizationId ? `AWSLogs/${ctx.organizationId}/` : 'AWSLogs/';
  const events = ctx.loadedEvents ?? ctx.events;
  const accounts = [...new Set(events.map((r) => eventAccount(r, ctx.account)))].sort();
  const regions = [...new Set(events.map((r) => eventRegion(r, ctx.region)))].sort();
  const location = `s3://${TRAIL_BUCKET}/${root}`;
  const parameters: Record<string, string> = {
    EXTERNAL: 'TRUE',
    classification: 'cloudtrail',
  };
  if (partitioned) {
    Object.assign(parameters, {
      'projection.enabled': 'true',
      'projection.account.type': 'enum',
      'projection.account.values': accounts.join(',') || ctx.account,
      'projection.region.type': 'enum',
      'projection.region.values': regions.join(',') || ctx.region,
      'projection.timestamp.type': 'date',
      'projection.timestamp.format': 'yyyy/MM/dd',
      'projection.timestamp.range': '2013/11/01,NOW',
      'projection.timestamp.interval': '1',
      'projection.timestamp.interval.unit': 'DAYS',
      'storage.location.template': `${location}\${account}/CloudTrail/\${region}/\${timestamp}`,
    });
  }
  return {
    Name: 'cloudtrail_logs',
    DatabaseName: 'default',
    CatalogId: ctx.account,
    Owner: 'hadoop',
    CreateTime: CREATED,
    UpdateTime: CREATED,
    Retention: 0,
    TableType: 'EXTERNAL_TABLE',
    StorageDescriptor: {
      Columns: CLOUDTRAIL_COLUMNS.map((c) => ({ Name: c.name, Type: hiveTypeName(c.type) })),
      Location: location,
      InputFormat: 'com.amazon.emr.cloudtrail.CloudTrailInputFormat',
      OutputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
      Compressed: false,
      NumberOfBuckets: -1,
      SerdeInfo: { SerializationLibrary: 'org.apache.hive.hcatalog.data.JsonSerDe', Parameters: {} },
      StoredAsSubDirectories: false,
    },
    PartitionKeys: partitioned
      ? PARTITION_KEYS.map((c) => ({ Name: c.name, Type: hiveTypeName(c.type) }))
      : [],
    Parameters: parameters,
    IsRegisteredWithLakeFormation: false,
  };
}

function ok(body: unknown): TwinResponse {
  return jsonResponse(200, body, JSON_TYPE, { 'x-amzn-requestid': randomUUID() });
}

function err(code: string, message: string): TwinResponse {
  return jsonResponse(400, { __type: code, Message: message }, JSON_TYPE, {
    'x-amzn-requestid': randomUUID(),
  });
}
