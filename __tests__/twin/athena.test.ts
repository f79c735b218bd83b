import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  GetWorkGroupCommand,
  InvalidRequestException,
  ListQueryExecutionsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  TooManyRequestsException,
  type GetQueryExecutionCommandOutput,
  type Row,
} from '@aws-sdk/client-athena';
import {
  EntityNotFoundException,
  GetDatabaseCommand,
  GetTableCommand,
  GlueClient,
} from '@aws-sdk/client-glue';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { RunningTwin } from '../../twin/server.js';
import { clientConfig, control, fixture, startTestTwin, syntheticCopies } from './helpers.js';

const docs = fixture('awsdocs-userguide-examples');
const panther = fixture('panther-test-scenarios');
// 1,500 copies of a real record's shape in us-west-2, one minute apart (two days of files): more than a results page.
const volume = syntheticCopies(docs[10] as Record<string, unknown>, 1500, {
  start: '2024-03-01T00:00:00Z',
  region: 'us-west-2',
  eventName: (i) => (i % 4 === 0 ? 'StopLogging' : 'StartLogging'),
});
const events = [...docs, ...panther, ...volume];

let twin: RunningTwin;
let athena: AthenaClient;
let glue: GlueClient;
let s3: S3Client;

beforeAll(async () => {
  twin = await startTestTwin({ events });
  athena = new AthenaClient(clientConfig(twin.url));
  glue = new GlueClient(clientConfig(twin.url));
  s3 = new S3Client({ ...clientConfig(twin.url), forcePathStyle: true });
});
afterAll(async () => {
  athena.destroy();
  glue.destroy();
  s3.destroy();
  await twin.close();
});
beforeEach(async () => {
  await control(twin.url, 'POST', '/_twin/reset');
});

async function waitFor(id: string): Promise<GetQueryExecutionCommandOutput> {
  for (;;) {
    const out = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
    const st = out.QueryExecution?.Status?.State;
    if (st === 'SUCCEEDED' || st === 'FAILED' || st === 'CANCELLED') return out;
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function query(sql: string, workGroup = 'primary'): Promise<{ id: string; rows: (string | null)[][] }> {
  const { QueryExecutionId: id } = await athena.send(
    new StartQueryExecutionCommand({ QueryString: sql, WorkGroup: workGroup }),
  );
  const done = await waitFor(id as string);
  expect(done.QueryExecution?.Status?.StateChangeReason).toBeUndefined();
  expect(done.QueryExecution?.Status?.State).toBe('SUCCEEDED');
  const rows: Row[] = [];
  let token: string | undefined;
  do {
    const page = await athena.send(
      new GetQueryResultsCommand({ QueryExecutionId: id, ...(token ? { NextToken: token } : {}) }),
    );
    rows.push(...(page.ResultSet?.Rows ?? []));
    token = page.NextToken;
  } while (token);
  return { id: id as string, rows: rows.map((r) => (r.Data ?? []).map((d) => d.VarCharValue ?? null)) };
}

describe('Glue', () => {
  it('describes default.cloudtrail_logs with the documented columns and projected partition keys', async () => {
    const db = await glue.send(new GetDatabaseCommand({ Name: 'default' }));
    expect(db.Database?.Name).toBe('default');
    const { Table } = await glue.send(
      new GetTableCommand({ DatabaseName: 'default', Name: 'cloudtrail_logs' }),
    );
    const cols = Table?.StorageDescriptor?.Columns ?? [];
    expect(cols.map((c) => c.Name)).toContain('requestparameters');
    expect(cols.find((c) => c.Name === 'resources')?.Type).toBe(
      'array<struct<arn:string,accountid:string,type:string>>',
    );
    expect(Table?.PartitionKeys?.map((k) => k.Name)).toEqual(['account', 'region', 'timestamp']);
    expect(Table?.Parameters?.['projection.timestamp.format']).toBe('yyyy/MM/dd');
    expect(Table?.Parameters?.['storage.location.template']).toBe(
      's3://twin-cloudtrail/AWSLogs/${account}/CloudTrail/${region}/${timestamp}',
    );
  });

  it('answers EntityNotFoundException for an unknown database or table', async () => {
    await expect(
      glue.send(new GetTableCommand({ DatabaseName: 'default', Name: 'nope' })),
    ).rejects.toBeInstanceOf(EntityNotFoundException);
    await expect(glue.send(new GetDatabaseCommand({ Name: 'nope' }))).rejects.toBeInstanceOf(
      EntityNotFoundException,
    );
  });
});

describe('Athena over the trail archive', () => {
  it('runs a query to SUCCEEDED: header row first, values as strings, NULL without VarCharValue', async () => {
    const { rows } = await query(
      `SELECT eventname, count(*) AS n FROM default.cloudtrail_logs WHERE region = 'us-west-2' GROUP BY eventname ORDER BY eventname`,
    );
    expect(rows).toEqual([
      ['eventname', 'n'],
      ['StartLogging', '1125'],
      ['StopLogging', '375'],
    ]);
    const nulls = await query(`SELECT errorcode FROM cloudtrail_logs WHERE errorcode IS NULL LIMIT 1`);
    expect(nulls.rows).toEqual([['errorcode'], [null]]);
  });

  it('holds one row per archived record, with request parameters as JSON text', async () => {
    const { rows } = await query(`SELECT count(*) FROM cloudtrail_logs`);
    expect(rows[1]).toEqual([String(events.length)]);
    const sample = docs.find((r) => r.requestParameters && typeof r.requestParameters === 'object') as Record<
      string,
      unknown
    >;
    const { rows: rp } = await query(
      `SELECT requestparameters FROM cloudtrail_logs WHERE eventid = '${String(sample.eventID)}'`,
    );
    expect(JSON.parse(rp[1]?.[0] as string)).toEqual(sample.requestParameters);
  });

  it('pages results up to 1000 rows, the header only on the first page', async () => {
    const { QueryExecutionId: id } = await athena.send(
      new StartQueryExecutionCommand({
        QueryString: `SELECT eventid FROM cloudtrail_logs WHERE region = 'us-west-2' ORDER BY eventtime`,
      }),
    );
    await waitFor(id as string);
    const first = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: id, MaxResults: 1000 }));
    expect(first.ResultSet?.Rows).toHaveLength(1000);
    expect(first.ResultSet?.Rows?.[0]?.Data?.[0]?.VarCharValue).toBe('eventid');
    expect(first.ResultSet?.ResultSetMetadata?.ColumnInfo?.[0]).toMatchObject({
      Name: 'eventid',
      Type: 'varchar',
    });
    const second = await athena.send(
      new GetQueryResultsCommand({ QueryExecutionId: id, MaxResults: 1000, NextToken: first.NextToken }),
    );
    expect(second.ResultSet?.Rows).toHaveLength(501);
    expect(second.NextToken).toBeUndefined();
    expect(second.ResultSet?.Rows?.[0]?.Data?.[0]?.VarCharValue).toBe(volume[999]?.eventID);
    await expect(
      athena.send(new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: 'bm90IGEgdG9rZW4=' })),
    ).rejects.toThrow('The NextToken is not valid for this query.');
    await expect(
      athena.send(new GetQueryResultsCommand({ QueryExecutionId: id, MaxResults: 1001 })),
    ).rejects.toThrow(/maxResults/);
  });

  it('writes the results as CSV to the output location', async () => {
    const { id } = await query(
      `SELECT eventname, errorcode FROM cloudtrail_logs WHERE eventid = '${String(docs[0]?.eventID)}'`,
    );
    const exec = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
    expect(exec.QueryExecution?.ResultConfiguration?.OutputLocation).toBe(
      `s3://twin-athena-results/${id}.csv`,
    );
    const obj = await s3.send(new GetObjectCommand({ Bucket: 'twin-athena-results', Key: `${id}.csv` }));
    const text = await obj.Body?.transformToString();
    expect(text).toBe(
      `"eventname","errorcode"\n"${String(docs[0]?.eventName)}",${docs[0]?.errorCode ? `"${String(docs[0]?.errorCode)}"` : ''}\n`,
    );
  });

  it('fails an unknown table and an unlisted function with Athena’s messages, category USER', async () => {
    const { QueryExecutionId: id } = await athena.send(
      new StartQueryExecutionCommand({ QueryString: 'SELECT * FROM nope' }),
    );
    const done = await waitFor(id as string);
    expect(done.QueryExecution?.Status?.State).toBe('FAILED');
    expect(done.QueryExecution?.Status?.StateChangeReason).toBe(
      "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.default.nope' does not exist",
    );
    expect(done.QueryExecution?.Status?.AthenaError).toMatchObject({ ErrorCategory: 2, Retryable: false });
    const { QueryExecutionId: id2 } = await athena.send(
      new StartQueryExecutionCommand({ QueryString: 'SELECT md5(eventname) FROM cloudtrail_logs' }),
    );
    const done2 = await waitFor(id2 as string);
    expect(done2.QueryExecution?.Status?.StateChangeReason).toBe(
      "FUNCTION_NOT_FOUND: line 1:8: Function 'md5' not registered",
    );
    await expect(athena.send(new GetQueryResultsCommand({ QueryExecutionId: id2 }))).rejects.toBeInstanceOf(
      InvalidRequestException,
    );
  });

  it('rejects a statement that does not parse at StartQueryExecution', async () => {
    const e = await athena
      .send(new StartQueryExecutionCommand({ QueryString: 'SELEC 1' }))
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InvalidRequestException);
    expect((e as InvalidRequestException).AthenaErrorCode).toBe('MALFORMED_QUERY');
  });

  it('stops a running query: CANCELLED', async () => {
    await control(twin.url, 'POST', '/_twin/athena/settings', { queuedMs: 50, runningMs: 2000 });
    const { QueryExecutionId: id } = await athena.send(
      new StartQueryExecutionCommand({ QueryString: 'SELECT count(*) FROM cloudtrail_logs' }),
    );
    const seen = new Set<string>();
    for (let i = 0; i < 200 && !seen.has('RUNNING'); i++) {
      const out = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
      seen.add(out.QueryExecution?.Status?.State ?? '');
      await new Promise((r) => setTimeout(r, 10));
    }
    expect([...seen]).toEqual(['QUEUED', 'RUNNING']);
    await athena.send(new StopQueryExecutionCommand({ QueryExecutionId: id }));
    const done = await waitFor(id as string);
    expect(done.QueryExecution?.Status?.State).toBe('CANCELLED');
    const log = (await fetch(`${twin.url}/_twin/athena/queries`).then((r) => r.json())) as {
      state: string;
    }[];
    expect(log.map((q) => q.state)).toEqual(['CANCELLED']);
  });

  it('throttles StartQueryExecution with TooManyRequestsException through the faults endpoint', async () => {
    await control(twin.url, 'POST', '/_twin/faults', { operation: 'StartQueryExecution', kind: 'throttle' });
    await expect(
      athena.send(new StartQueryExecutionCommand({ QueryString: 'SELECT 1' })),
    ).rejects.toBeInstanceOf(TooManyRequestsException);
  });

  it('reports the workgroup output location, and refuses a query with none', async () => {
    const wg = await athena.send(new GetWorkGroupCommand({ WorkGroup: 'primary' }));
    expect(wg.WorkGroup?.Configuration?.ResultConfiguration?.OutputLocation).toBe(
      's3://twin-athena-results/',
    );
    await control(twin.url, 'POST', '/_twin/athena/workgroups', { name: 'bare', outputLocation: null });
    const bare = await athena.send(new GetWorkGroupCommand({ WorkGroup: 'bare' }));
    expect(bare.WorkGroup?.Configuration?.ResultConfiguration).toBeUndefined();
    await expect(
      athena.send(new StartQueryExecutionCommand({ QueryString: 'SELECT 1', WorkGroup: 'bare' })),
    ).rejects.toThrow('No output location provided');
    await expect(athena.send(new GetWorkGroupCommand({ WorkGroup: 'nope' }))).rejects.toThrow(
      'WorkGroup nope is not found',
    );
  });

  it('scans only the partitions the WHERE keeps: one account, region and day reads that folder’s bytes', async () => {
    const shape = docs[10] as Record<string, unknown>;
    const spread = ['111111111111', '222222222222'].flatMap((account) =>
      ['us-east-1', 'eu-west-1'].flatMap((region) =>
        syntheticCopies({ ...shape, recipientAccountId: account }, 3 * 24 * 6, {
          start: '2024-03-01T00:00:00Z',
          region,
        }).map((r, i) => ({
          ...r,
          eventID: `${account}-${region}-${i}`,
          eventTime: new Date(Date.parse('2024-03-01T00:00:00Z') + i * 600_000).toISOString(),
        })),
      ),
    );
    await control(twin.url, 'POST', '/_twin/events', spread.map((r) => JSON.stringify(r)).join('\n'));
    const sizes = async (prefix: string): Promise<number> => {
      const listed = (await control(
        twin.url,
        'GET',
        `/_twin/s3/objects?bucket=twin-cloudtrail&prefix=${prefix}`,
      )) as {
        objects: { key: string; size: number }[];
      };
      return listed.objects.filter((o) => o.key.includes('/CloudTrail/')).reduce((a, o) => a + o.size, 0);
    };
    const scanned = async (where: string): Promise<number> => {
      const { id } = await query(`SELECT count(*) FROM default.cloudtrail_logs ${where}`);
      const out = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
      return out.QueryExecution?.Statistics?.DataScannedInBytes ?? -1;
    };
    const one = await sizes('AWSLogs/111111111111/CloudTrail/us-east-1/2024/03/02/');
    expect(one).toBeGreaterThan(0);
    expect(
      await scanned(
        `WHERE account IN ('111111111111') AND region IN ('us-east-1') AND "timestamp" BETWEEN '2024/03/02' AND '2024/03/02' AND eventname <> 'x'`,
      ),
    ).toBe(one);
    const all = await sizes('AWSLogs/');
    expect(await scanned(`WHERE eventname <> 'x'`)).toBe(all);
    // A partition column under OR with another column cannot prune: the whole table is read.
    expect(await scanned(`WHERE account = '111111111111' OR eventname = 'x'`)).toBe(all);
    expect(await scanned(`WHERE region = 'eu-west-1'`)).toBe(
      (await sizes('AWSLogs/111111111111/CloudTrail/eu-west-1/')) +
        (await sizes('AWSLogs/222222222222/CloudTrail/eu-west-1/')),
    );
    const log = (await fetch(`${twin.url}/_twin/athena/queries`).then((r) => r.json())) as {
      dataScannedInBytes: number;
      rowsReturned: number;
    }[];
    expect(log[0]).toMatchObject({ dataScannedInBytes: one, rowsReturned: 1 });
  });

  it('follows the archive: appended events are rows at the next query, undelivered objects are not', async () => {
    const before = Number((await query('SELECT count(*) FROM cloudtrail_logs')).rows[1]?.[0]);
    const extra = syntheticCopies(docs[10] as Record<string, unknown>, 30, {
      start: '2025-01-01T00:00:00Z',
    }).map((r, i) => ({
      ...r,
      eventID: `appended-${i}`,
    }));
    await control(
      twin.url,
      'POST',
      '/_twin/events?mode=append',
      extra.map((r) => JSON.stringify(r)).join('\n'),
    );
    expect(Number((await query('SELECT count(*) FROM cloudtrail_logs')).rows[1]?.[0])).toBe(before + 30);
    const sync = await control(twin.url, 'POST', '/_twin/athena/sync');
    expect(sync).toMatchObject({ added: 0, removed: 0 });
  });
});

describe('Athena under concurrent queries', () => {
  it('runs queries submitted together, each seeing the whole archive', async () => {
    const sqls = Array.from(
      { length: 6 },
      (_, i) => `SELECT count(*) AS n, ${i} AS q FROM default.cloudtrail_logs`,
    );
    const ids = await Promise.all(
      sqls.map((QueryString) => athena.send(new StartQueryExecutionCommand({ QueryString }))),
    );
    const done = await Promise.all(ids.map((r) => waitFor(r.QueryExecutionId as string)));
    expect(done.map((d) => d.QueryExecution?.Status?.State)).toEqual(sqls.map(() => 'SUCCEEDED'));
    const counts = await Promise.all(
      ids.map(async (r) => {
        const res = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: r.QueryExecutionId }));
        return res.ResultSet?.Rows?.[1]?.Data?.map((d) => d.VarCharValue);
      }),
    );
    expect(counts).toEqual(sqls.map((_, i) => [String(events.length), String(i)]));
  });
});

describe('Athena over a table without partition keys (POST /_twin/glue/table)', () => {
  it('describes no partition keys, has no partition columns, and reads every object whatever the WHERE', async () => {
    await control(twin.url, 'POST', '/_twin/glue/table', { partitioned: false });
    const { Table } = await glue.send(
      new GetTableCommand({ DatabaseName: 'default', Name: 'cloudtrail_logs' }),
    );
    expect(Table?.PartitionKeys).toEqual([]);
    expect(Table?.Parameters?.['projection.enabled']).toBeUndefined();
    const { QueryExecutionId: id } = await athena.send(
      new StartQueryExecutionCommand({
        QueryString: "SELECT count(*) FROM cloudtrail_logs WHERE account = '1'",
      }),
    );
    const failed = await waitFor(id as string);
    expect(failed.QueryExecution?.Status?.StateChangeReason).toBe(
      "COLUMN_NOT_FOUND: line 1:44: Column 'account' cannot be resolved",
    );
    const { id: ok } = await query(`SELECT count(*) FROM cloudtrail_logs WHERE awsregion = 'us-west-2'`);
    const out = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: ok }));
    const listed = (await control(
      twin.url,
      'GET',
      '/_twin/s3/objects?bucket=twin-cloudtrail&prefix=AWSLogs/',
    )) as {
      objects: { key: string; size: number }[];
    };
    const all = listed.objects.filter((o) => o.key.includes('/CloudTrail/')).reduce((a, o) => a + o.size, 0);
    expect(out.QueryExecution?.Statistics?.DataScannedInBytes).toBe(all);
  });

  it('lists the workgroup’s queries, newest first', async () => {
    const first = await query('SELECT 1');
    const second = await query('SELECT 2');
    const listed = await athena.send(new ListQueryExecutionsCommand({ WorkGroup: 'primary' }));
    expect(listed.QueryExecutionIds).toEqual([second.id, first.id]);
  });
});

describe('Athena and the delivery delay', () => {
  it('does not see events whose log file CloudTrail has not delivered yet', async () => {
    let now = Date.parse('2024-03-01T01:00:00Z');
    const delayed = await startTestTwin({
      events: syntheticCopies(docs[10] as Record<string, unknown>, 60, { start: '2024-03-01T00:30:00Z' }),
      deliveryDelayMinutes: 10,
      now: () => now,
    });
    const client = new AthenaClient(clientConfig(delayed.url));
    try {
      const count = async (): Promise<string | undefined> => {
        const { QueryExecutionId: id } = await client.send(
          new StartQueryExecutionCommand({ QueryString: 'SELECT count(*) FROM cloudtrail_logs' }),
        );
        for (;;) {
          const out = await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
          if (out.QueryExecution?.Status?.State === 'SUCCEEDED') break;
          expect(out.QueryExecution?.Status?.State).not.toBe('FAILED');
          await new Promise((r) => setTimeout(r, 10));
        }
        const res = await client.send(new GetQueryResultsCommand({ QueryExecutionId: id }));
        return res.ResultSet?.Rows?.[1]?.Data?.[0]?.VarCharValue;
      };
      // Events 00:30..01:29, delivered 10 minutes after their time: at 01:00 those up to 00:50 are in the archive.
      expect(await count()).toBe('21');
      now = Date.parse('2024-03-01T03:00:00Z');
      expect(await count()).toBe('60');
    } finally {
      client.destroy();
      await delayed.close();
    }
  });
});
