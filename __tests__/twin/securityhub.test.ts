import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  BatchImportFindingsCommand,
  BatchUpdateFindingsCommand,
  GetFindingsCommand,
  SecurityHubClient,
  paginateGetFindings,
  type AwsSecurityFinding,
} from '@aws-sdk/client-securityhub';
import type { RunningTwin } from '../../twin/server.js';
import { CapturingHandler, clientConfig, control, startTestTwin } from './helpers.js';
import { COMMON_ERRORS, SmithyModel } from './smithy.js';

const model = new SmithyModel('securityhub-2018-10-26.json');
const ACCOUNT = '123456789012';
const PRODUCT = `arn:aws:securityhub:us-east-1:${ACCOUNT}:product/${ACCOUNT}/default`;
let twin: RunningTwin;
const handler = new CapturingHandler();
let hub: SecurityHubClient;

beforeAll(async () => {
  twin = await startTestTwin();
  hub = new SecurityHubClient(clientConfig(twin.url, handler));
});
afterAll(async () => {
  hub.destroy();
  await twin.close();
});
beforeEach(async () => {
  await control(twin.url, 'POST', '/_twin/reset');
});

/** A valid ASFF finding as a provider using the default product sends it (shape of the API reference example). */
function finding(id: string, over: Partial<AwsSecurityFinding> = {}): AwsSecurityFinding {
  return {
    SchemaVersion: '2018-10-08',
    Id: id,
    ProductArn: PRODUCT,
    GeneratorId: 'trailsight/aws.cloudtrail.stop-logging',
    AwsAccountId: ACCOUNT,
    Types: ['TTPs/Defense Evasion/T1562.008'],
    CreatedAt: '2026-11-23T03:14:07Z',
    UpdatedAt: '2026-11-23T04:01:55.123Z',
    Severity: { Label: 'HIGH', Original: 'high' },
    Title: 'CloudTrail logging stopped',
    Description: 'A role stopped the management trail.',
    Resources: [
      {
        Type: 'AwsIamRole',
        Id: `arn:aws:iam::${ACCOUNT}:role/deploy`,
        Partition: 'aws',
        Region: 'us-east-1',
      },
    ],
    ...over,
  };
}

async function stored(): Promise<Record<string, unknown>[]> {
  return (await control(twin.url, 'GET', '/_twin/securityhub/findings')).findings as Record<
    string,
    unknown
  >[];
}

async function errorCode(send: () => Promise<unknown>, op: string): Promise<string> {
  try {
    await send();
  } catch (e) {
    const code = (e as Error).name;
    expect({ code, declared: model.declaredErrors(op).has(code) || COMMON_ERRORS.has(code) }).toEqual({
      code,
      declared: true,
    });
    return code;
  }
  throw new Error('expected an error');
}

describe('Security Hub BatchImportFindings', () => {
  it('imports valid findings over the real client and answers the modelled shape', async () => {
    const out = await hub.send(
      new BatchImportFindingsCommand({ Findings: [finding('f-1'), finding('f-2')] }),
    );
    expect(out).toMatchObject({ SuccessCount: 2, FailedCount: 0, FailedFindings: [] });
    const c = handler.last();
    expect(c.request).toMatchObject({ method: 'POST', path: '/findings/import' });
    expect(
      model.checkJson(model.outputShapeId('BatchImportFindings'), JSON.parse(c.body.toString())),
    ).toEqual([]);
    const all = await stored();
    expect(all.map((f) => f.Id)).toEqual(['f-1', 'f-2']);
    expect(all[0]).toMatchObject({ Region: 'us-east-1', RecordState: 'ACTIVE', Workflow: { Status: 'NEW' } });
  });

  it('updates a finding imported again with the same Id, and keeps what only the customer may change', async () => {
    await hub.send(new BatchImportFindingsCommand({ Findings: [finding('f-1')] }));
    await hub.send(
      new BatchUpdateFindingsCommand({
        FindingIdentifiers: [{ Id: 'f-1', ProductArn: PRODUCT }],
        Workflow: { Status: 'NOTIFIED' },
        Note: { Text: 'owner paged', UpdatedBy: 'secops' },
      }),
    );
    await hub.send(
      new BatchImportFindingsCommand({
        Findings: [
          finding('f-1', { Title: 'CloudTrail logging stopped again', Workflow: { Status: 'NEW' } }),
        ],
      }),
    );
    const all = await stored();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      Title: 'CloudTrail logging stopped again',
      Workflow: { Status: 'NOTIFIED' },
      Note: { Text: 'owner paged', UpdatedBy: 'secops' },
    });
  });

  it('fails invalid findings one by one with InvalidInput, and imports the rest of the batch', async () => {
    const { Title: _t, ...noTitle } = finding('no-title');
    const out = await hub.send(
      new BatchImportFindingsCommand({
        Findings: [
          finding('ok'),
          noTitle as AwsSecurityFinding,
          finding('long', { Description: 'x'.repeat(1025) }),
          finding('no-resources', { Resources: [] }),
          finding('bad-type', { Types: ['Made Up/Thing'] }),
          finding('bad-time', { CreatedAt: 'yesterday' }),
          finding('bad-severity', { Severity: { Label: 'SEVERE' as 'HIGH' } }),
        ],
      }),
    );
    expect(out.SuccessCount).toBe(1);
    const byId = Object.fromEntries((out.FailedFindings ?? []).map((f) => [f.Id ?? '', f] as const));
    expect(Object.keys(byId).sort()).toEqual([
      'bad-severity',
      'bad-time',
      'bad-type',
      'long',
      'no-resources',
      'no-title',
    ]);
    for (const f of Object.values(byId)) expect(f.ErrorCode).toBe('InvalidInput');
    expect(byId['no-title']?.ErrorMessage).toBe(
      "Finding does not adhere to Amazon Finding Format. data should have required property 'Title'.",
    );
    expect(byId.long?.ErrorMessage).toMatch(/data\.Description should NOT be longer than 1024 characters/);
    expect(byId['no-resources']?.ErrorMessage).toMatch(/data\.Resources should NOT have fewer than 1 items/);
    expect(byId['bad-time']?.ErrorMessage).toMatch(/data\.CreatedAt should match format "date-time"/);
    expect((await stored()).map((f) => f.Id)).toEqual(['ok']);
  });

  it('rejects more than 100 findings in one call', async () => {
    const many = Array.from({ length: 101 }, (_, i) => finding(`f-${i}`));
    expect(
      await errorCode(
        () => hub.send(new BatchImportFindingsCommand({ Findings: many })),
        'BatchImportFindings',
      ),
    ).toBe('InvalidInputException');
    expect(await stored()).toEqual([]);
  });

  it('denies a ProductArn of another account or Region, and a finding of another account', async () => {
    const cases = [
      finding('a', { ProductArn: `arn:aws:securityhub:us-east-1:210987654321:product/210987654321/default` }),
      finding('b', { ProductArn: `arn:aws:securityhub:eu-west-1:${ACCOUNT}:product/${ACCOUNT}/default` }),
      finding('c', { AwsAccountId: '210987654321' }),
    ];
    for (const f of cases) {
      expect(
        await errorCode(
          () => hub.send(new BatchImportFindingsCommand({ Findings: [f] })),
          'BatchImportFindings',
        ),
      ).toBe('AccessDeniedException');
    }
    // The same product, signed for its own Region, is accepted there.
    const west = new SecurityHubClient(clientConfig(twin.url, undefined, 'eu-west-1'));
    const out = await west.send(
      new BatchImportFindingsCommand({ Findings: [cases[1] as AwsSecurityFinding] }),
    );
    west.destroy();
    expect(out.SuccessCount).toBe(1);
  });

  it('answers an injected throttle with LimitExceededException (429), which the SDK retries', async () => {
    await control(twin.url, 'POST', '/_twin/faults', {
      operation: 'BatchImportFindings',
      kind: 'throttle',
      times: 1,
    });
    expect(
      await errorCode(
        () => hub.send(new BatchImportFindingsCommand({ Findings: [finding('t')] })),
        'BatchImportFindings',
      ),
    ).toBe('LimitExceededException');
    expect(handler.last().status).toBe(429);
    await control(twin.url, 'POST', '/_twin/faults', {
      operation: 'BatchImportFindings',
      kind: 'throttle',
      times: 1,
    });
    const retrying = new SecurityHubClient({ ...clientConfig(twin.url), maxAttempts: 3 });
    const out = await retrying.send(new BatchImportFindingsCommand({ Findings: [finding('t')] }));
    retrying.destroy();
    expect(out.SuccessCount).toBe(1);
  });
});

describe('Security Hub BatchUpdateFindings and GetFindings', () => {
  it('reports unknown and duplicated identifiers as unprocessed', async () => {
    await hub.send(new BatchImportFindingsCommand({ Findings: [finding('f-1')] }));
    const out = await hub.send(
      new BatchUpdateFindingsCommand({
        FindingIdentifiers: [
          { Id: 'f-1', ProductArn: PRODUCT },
          { Id: 'f-1', ProductArn: PRODUCT },
          { Id: 'gone', ProductArn: PRODUCT },
        ],
        Workflow: { Status: 'RESOLVED' },
      }),
    );
    expect(
      model.checkJson(model.outputShapeId('BatchUpdateFindings'), JSON.parse(handler.last().body.toString())),
    ).toEqual([]);
    expect(out.ProcessedFindings).toEqual([{ Id: 'f-1', ProductArn: PRODUCT }]);
    expect(out.UnprocessedFindings?.map((u) => u.ErrorCode)).toEqual([
      'DuplicatedFindingIdentifier',
      'FindingNotFound',
    ]);
    expect((await stored())[0]).toMatchObject({ Workflow: { Status: 'RESOLVED' } });
  });

  it('filters and pages through every finding with the SDK paginator', async () => {
    const all = Array.from({ length: 230 }, (_, i) =>
      finding(`f-${i}`, {
        RecordState: i % 10 === 0 ? 'ARCHIVED' : 'ACTIVE',
        ProductFields: { 'trailsight/n': String(i) },
      }),
    );
    for (let i = 0; i < all.length; i += 100)
      await hub.send(new BatchImportFindingsCommand({ Findings: all.slice(i, i + 100) }));
    const ids: string[] = [];
    let pages = 0;
    for await (const page of paginateGetFindings(
      { client: hub, pageSize: 50 },
      {
        Filters: {
          ProductArn: [{ Value: PRODUCT, Comparison: 'EQUALS' }],
          RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
        },
      },
    )) {
      pages++;
      ids.push(...(page.Findings ?? []).map((f) => f.Id ?? ''));
    }
    expect(ids).toHaveLength(207);
    expect(new Set(ids).size).toBe(207);
    expect(pages).toBe(5);
    const one = await hub.send(
      new GetFindingsCommand({
        Filters: { ProductFields: [{ Key: 'trailsight/n', Value: '7', Comparison: 'EQUALS' }] },
      }),
    );
    expect(one.Findings?.map((f) => f.Id)).toEqual(['f-7']);
    expect(
      model.checkJson(model.outputShapeId('GetFindings'), JSON.parse(handler.last().body.toString())),
    ).toEqual([]);
    expect(
      await errorCode(
        () => hub.send(new GetFindingsCommand({ NextToken: 'bm90LWEtdG9rZW4=' })),
        'GetFindings',
      ),
    ).toBe('InvalidInputException');
  });
});
