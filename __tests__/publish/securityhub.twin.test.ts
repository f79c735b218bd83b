/** `report-to: securityhub` against the twin's Security Hub, through the real SDK clients. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { BatchUpdateFindingsCommand } from '@aws-sdk/client-securityhub';
import { createClientFactory } from '../../src/aws/clients.js';
import type { Config } from '../../src/config/types.js';
import { publish, type GitHubContext, type PublishDeps } from '../../src/publish/index.js';
import { ASFF_BATCH, toAsff, type AsffTarget } from '../../src/publish/securityhub.js';
import { NO_REDACTION } from '../../src/report/index.js';
import type { Finding, Logger } from '../../src/types.js';
import { startTwin, type RunningTwin } from '../../twin/server.js';
import { asffProblems } from '../../twin/services/asff.js';
import { SmithyModel } from '../twin/smithy.js';
import { makeConfig, makeFinding, makeReport } from '../report/fixtures.js';
import { hostileFinding } from '../report/hostile.js';

const ACCOUNT = '123456789012';
const PRODUCT = `arn:aws:securityhub:us-east-1:${ACCOUNT}:product/${ACCOUNT}/default`;
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:trailsight-alerts';
const model = new SmithyModel('securityhub-2018-10-26.json');

let twin: RunningTwin;
const savedEndpoint = process.env.AWS_ENDPOINT_URL;

beforeAll(async () => {
  twin = await startTwin({ port: 0 });
  process.env.AWS_ENDPOINT_URL = twin.url;
});
afterAll(async () => {
  if (savedEndpoint === undefined) delete process.env.AWS_ENDPOINT_URL;
  else process.env.AWS_ENDPOINT_URL = savedEndpoint;
  await twin.close();
});
beforeEach(async () => {
  await control('POST', '/_twin/reset');
});

async function control<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${twin.url}${path}`, {
    method,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return (await res.json()) as T;
}
type Stored = Record<string, unknown> & {
  Id: string;
  RecordState: string;
  Region: string;
  ProductArn: string;
  Workflow?: { Status: string };
  Note?: { Text: string };
};
const hubFindings = async (): Promise<Stored[]> =>
  (await control<{ findings: Stored[] }>('GET', '/_twin/securityhub/findings')).findings;
const hubImports = async (): Promise<number> =>
  (await control<{ imports: number }>('GET', '/_twin/securityhub/findings')).imports;

function deps(
  context: Partial<GitHubContext> = {},
  maxAttempts = 1,
): PublishDeps & { written: string[]; log: string[] } {
  const written: string[] = [];
  const log: string[] = [];
  const line = (level: string) => (m: string) => void log.push(`${level}: ${m}`);
  const logger: Logger = {
    debug: line('debug'),
    info: line('info'),
    warning: line('warning'),
    error: line('error'),
  };
  return {
    clients: createClientFactory({
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' },
      env: { AWS_ENDPOINT_URL: twin.url },
      maxAttempts,
    }),
    logger,
    summary: { write: async (md) => void written.push(md) },
    context: {
      repository: 'octo-org/infra',
      workflow: 'Security review',
      runUrl: 'https://github.com/octo-org/infra/actions/runs/42',
      ...context,
    },
    written,
    log,
  };
}

function config(reporting: Partial<Config['reporting']> = {}): Config {
  return makeConfig({
    reporting: { reportTo: ['summary', 'securityhub'], snsTopicArn: TOPIC, ...reporting },
  });
}
const findingA = (over: Partial<Finding> = {}): Finding => makeFinding('critical', 1, over);
const findingB = (over: Partial<Finding> = {}): Finding => makeFinding('high', 2, over);

describe('report-to: securityhub', () => {
  it('twice on the same report leaves exactly one valid ASFF finding per report finding, updated in place', async () => {
    const { ruleId: _rule, ...modelFinding } = makeFinding('low', 3, { origin: 'ai', confidence: 0.8 });
    const report = makeReport([findingA(), findingB(), modelFinding]);
    for (let run = 0; run < 2; run++) {
      const d = deps();
      const out = await publish(report, config(), d, NO_REDACTION);
      expect(out.destinations.map((r) => [r.name, r.ok])).toEqual([
        ['summary', true],
        ['securityhub', true],
      ]);
      expect(d.written[0]).toContain('| securityhub | ✅ imported 3 of 3 findings into');
    }
    const stored = await hubFindings();
    expect(stored.map((f) => f.Id).sort()).toEqual(report.findings.map((f) => f.id).sort());
    for (const f of stored) {
      expect(asffProblems(stripServiceFields(f))).toEqual([]);
      expect(model.checkJson('AwsSecurityFinding', f)).toEqual([]);
      expect(f).toMatchObject({
        ProductArn: PRODUCT,
        RecordState: 'ACTIVE',
        Region: 'us-east-1',
        AwsAccountId: ACCOUNT,
      });
    }
    const a = stored.find((f) => f.Id === findingA().id);
    expect(a).toMatchObject({
      SchemaVersion: '2018-10-08',
      GeneratorId: 'aws.critical.rule-1',
      Types: ['TTPs/Defense Evasion/T1562.008', 'Unusual Behaviors/User'],
      Severity: { Label: 'CRITICAL', Original: 'critical' },
      FirstObservedAt: '2026-11-23T03:14:07Z',
      LastObservedAt: '2026-11-23T04:01:55Z',
      CreatedAt: '2026-11-23T03:14:07Z',
      UpdatedAt: report.generatedAt,
      SourceUrl: 'https://github.com/octo-org/infra/actions/runs/42',
      Remediation: { Recommendation: { Url: 'https://github.com/octo-org/infra/actions/runs/42' } },
      Resources: [
        {
          Type: 'AwsIamRole',
          Id: `arn:aws:iam::${ACCOUNT}:role/deploy-role-1`,
          Partition: 'aws',
          Region: 'us-east-1',
        },
      ],
    });
    expect((a?.ProductFields as Record<string, string>)['trailsight/EventIds']).toBe(
      findingA().evidence.eventIds.join(','),
    );
    const ai = stored.find((f) => f.GeneratorId === 'trailsight/ai');
    expect(ai).toMatchObject({ Confidence: 80, FindingProviderFields: { Confidence: 80 } });
    expect(await hubImports()).toBe(2);
  });

  it('reports an invalid finding per finding in the delivery table, imports the rest, and still runs the other destinations', async () => {
    // A time that is not RFC 3339 passes our types but not Security Hub's timestamp check.
    const bad = findingB({ firstSeen: '2026-11-23 03:14:07' });
    const report = makeReport([findingA(), bad]);
    const d = deps();
    const out = await publish(
      report,
      config({ reportTo: ['securityhub', 'sns', 'summary'], snsMinSeverity: 'low' }),
      d,
      NO_REDACTION,
    );
    const hub = out.destinations.find((r) => r.name === 'securityhub');
    expect(hub).toMatchObject({ ok: false, failures: [{ id: bad.id, code: 'InvalidInput' }] });
    expect(hub?.failures?.[0]?.message).toMatch(
      /data\.(FirstObservedAt|CreatedAt) should match format "date-time"/,
    );
    expect(out.destinations.filter((r) => r.name !== 'securityhub').map((r) => [r.name, r.ok])).toEqual([
      ['sns', true],
      ['summary', true],
    ]);
    const summary = d.written[0] ?? '';
    expect(summary).toContain(
      '| securityhub | ❌ failed: 1 finding not delivered; imported 1 of 2 findings into',
    );
    expect(summary).toContain('**securityhub: findings not delivered**');
    expect(summary).toContain(
      `- \`${bad.id}\` \`InvalidInput\`: Finding does not adhere to Amazon Finding Format.`,
    );
    expect((await hubFindings()).map((f) => f.Id)).toEqual([findingA().id]);
    expect((await control<{ messages: unknown[] }>('GET', '/_twin/sns/messages')).messages).toHaveLength(1);
  });

  it('imports in batches of 100 and rides out throttling with the client retries', async () => {
    const many = Array.from({ length: 230 }, (_, i) => makeFinding('medium', 100 + i));
    await control('POST', '/_twin/faults', { operation: 'BatchImportFindings', kind: 'throttle', times: 2 });
    const out = await publish(
      makeReport(many),
      config({ reportTo: ['securityhub'] }),
      deps({}, 4),
      NO_REDACTION,
    );
    expect(out.destinations[0]).toMatchObject({ ok: true });
    expect(await hubFindings()).toHaveLength(230);
    expect(await hubImports()).toBe(Math.ceil(230 / ASFF_BATCH));
  });

  it('marks every finding failed, once, when Security Hub denies the import', async () => {
    await control('POST', '/_twin/faults', {
      operation: 'BatchImportFindings',
      kind: 'access-denied',
      times: 5,
    });
    const many = Array.from({ length: 150 }, (_, i) => makeFinding('medium', 100 + i));
    const d = deps();
    const out = await publish(makeReport(many), config(), d, NO_REDACTION);
    const hub = out.destinations.find((r) => r.name === 'securityhub');
    expect(hub?.ok).toBe(false);
    expect(hub?.failures).toHaveLength(150);
    expect(new Set(hub?.failures?.map((f) => f.code))).toEqual(new Set(['AccessDeniedException']));
    // The first denial stops the run: one call, not two.
    expect((await control<{ faults: { times: number }[] }>('GET', '/_twin/faults')).faults[0]?.times).toBe(4);
    expect(d.written[0]).toContain('… and 130 more (see the log)');
    expect(out.destinations.find((r) => r.name === 'summary')?.ok).toBe(true);
  });

  it('keeps findings of another account out, saying why, and imports the caller account ones', async () => {
    const other = findingB({ accounts: ['210987654321'] });
    const out = await publish(
      makeReport([findingA(), other]),
      config({ reportTo: ['securityhub'] }),
      deps(),
      NO_REDACTION,
    );
    expect(out.destinations[0]).toMatchObject({
      ok: false,
      failures: [{ id: other.id, code: 'OtherAccount' }],
    });
    expect((await hubFindings()).map((f) => f.Id)).toEqual([findingA().id]);
  });

  it('imports into securityhub-region, with that Region in the product ARN', async () => {
    await publish(
      makeReport([findingA()]),
      config({ reportTo: ['securityhub'], securityhubRegion: 'eu-west-1' }),
      deps(),
      NO_REDACTION,
    );
    expect(await hubFindings()).toEqual([
      expect.objectContaining({
        Region: 'eu-west-1',
        ProductArn: `arn:aws:securityhub:eu-west-1:${ACCOUNT}:product/${ACCOUNT}/default`,
      }),
    ]);
  });

  it('imports hostile text as inert plain text, and drops resource names that are not names', async () => {
    const out = await publish(
      makeReport([hostileFinding()]),
      config({ reportTo: ['securityhub'] }),
      deps(),
      NO_REDACTION,
    );
    expect(out.destinations[0]).toMatchObject({ ok: true });
    const [f] = await hubFindings();
    const text = JSON.stringify([f?.Title, f?.Description, f?.Remediation]);
    expect(text).not.toMatch(/<img|<script|https:\/\/evil\.example|\u202E/);
    expect(text).toContain('docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html');
    expect((f?.Description as string).length).toBeLessThanOrEqual(1024);
    expect((f?.Resources as { Type: string }[]).map((r) => r.Type)).toEqual(['AwsIamUser']);
  });
});

describe('report-to: securityhub with close-resolved', () => {
  const cfg = config({ reportTo: ['securityhub'], closeResolved: true });

  it('archives and resolves, with a note, a finding a later complete run no longer sees', async () => {
    await publish(makeReport([findingA(), findingB()]), cfg, deps(), NO_REDACTION);
    // Another workflow's findings are not this run series' to archive.
    await publish(makeReport([makeFinding('low', 9)]), cfg, deps({ workflow: 'Nightly' }), NO_REDACTION);
    const out = await publish(makeReport([findingA()]), cfg, deps(), NO_REDACTION);
    expect(out.destinations[0]).toMatchObject({ ok: true, detail: expect.stringContaining('archived 1') });
    const byId = new Map((await hubFindings()).map((f) => [f.Id, f]));
    expect(byId.get(findingA().id)).toMatchObject({ RecordState: 'ACTIVE', Workflow: { Status: 'NEW' } });
    expect(byId.get(makeFinding('low', 9).id)).toMatchObject({ RecordState: 'ACTIVE' });
    const b = byId.get(findingB().id);
    expect(b).toMatchObject({ RecordState: 'ARCHIVED', Workflow: { Status: 'RESOLVED' } });
    expect(b?.Note?.Text).toMatch(/^TrailSight: not seen in the complete review of 2026-11-22T12:00:00/);
    // Seen again: ACTIVE once more, and a new investigation.
    await publish(makeReport([findingA(), findingB()]), cfg, deps(), NO_REDACTION);
    expect((await hubFindings()).find((f) => f.Id === findingB().id)).toMatchObject({
      RecordState: 'ACTIVE',
      Workflow: { Status: 'NEW' },
    });
  });

  it('leaves a status the team chose when archiving', async () => {
    await publish(makeReport([findingA(), findingB()]), cfg, deps(), NO_REDACTION);
    const hub = await deps().clients.securityhub('us-east-1');
    await hub.send(
      new BatchUpdateFindingsCommand({
        FindingIdentifiers: [{ Id: findingB().id, ProductArn: PRODUCT }],
        Workflow: { Status: 'SUPPRESSED' },
        Note: { Text: 'expected: break-glass drill', UpdatedBy: 'secops' },
      }),
    );
    await publish(makeReport([findingA()]), cfg, deps(), NO_REDACTION);
    expect((await hubFindings()).find((f) => f.Id === findingB().id)).toMatchObject({
      RecordState: 'ARCHIVED',
      Workflow: { Status: 'SUPPRESSED' },
      Note: { Text: 'expected: break-glass drill' },
    });
  });

  it('archives nothing after an incomplete run, nor without close-resolved', async () => {
    await publish(makeReport([findingA(), findingB()]), cfg, deps(), NO_REDACTION);
    await publish(makeReport([findingA()], { complete: false }), cfg, deps(), NO_REDACTION);
    await publish(
      makeReport([findingA()]),
      { ...cfg, reporting: { ...cfg.reporting, closeResolved: false } },
      deps(),
      NO_REDACTION,
    );
    expect((await hubFindings()).map((f) => f.RecordState)).toEqual(['ACTIVE', 'ACTIVE']);
  });
});

describe('toAsff', () => {
  const target: AsffTarget = {
    account: ACCOUNT,
    region: 'us-east-1',
    partition: 'aws',
    productArn: PRODUCT,
    repository: 'octo-org/infra',
    workflow: 'Security review',
  };

  it('fits every field to its ASFF limit and names resources from the evidence', () => {
    const long = makeFinding('high', 4, {
      title: 'T'.repeat(400),
      description: 'D'.repeat(5000),
      remediation: 'R'.repeat(900),
      evidence: {
        eventIds: Array.from(
          { length: 120 },
          (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        ),
        samples: [
          {
            eventId: 'e',
            time: '2026-11-23T03:14:07Z',
            eventName: 'PutBucketPolicy',
            region: 'eu-west-1',
            account: ACCOUNT,
            details: { bucketName: 'finance-exports', roleName: 'deploy', instanceId: 'i-0abc12345def67890' },
          },
        ],
      },
    });
    const asff = toAsff(long, makeReport([long]), target);
    expect(asffProblems(asff)).toEqual([]);
    expect(asff.Title).toHaveLength(256);
    expect(asff.Description).toHaveLength(1024);
    expect(asff.Remediation?.Recommendation?.Text).toHaveLength(512);
    const fields = asff.ProductFields ?? {};
    expect(fields['trailsight/EventIds']?.length).toBeLessThanOrEqual(2048);
    expect(Number(fields['trailsight/EventIdsOmitted'])).toBe(
      120 - (fields['trailsight/EventIds'] ?? '').split(',').length,
    );
    expect(asff.Resources?.map((r) => [r.Type, r.Id, r.Region])).toEqual([
      ['AwsIamRole', `arn:aws:iam::${ACCOUNT}:role/deploy-role-4`, 'us-east-1'],
      ['AwsS3Bucket', 'arn:aws:s3:::finance-exports', 'eu-west-1'],
      ['AwsIamRole', `arn:aws:iam::${ACCOUNT}:role/deploy`, 'eu-west-1'],
      ['AwsEc2Instance', `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0abc12345def67890`, 'eu-west-1'],
    ]);
  });

  it('cuts long text without splitting a character outside the BMP', () => {
    const asff = toAsff(makeFinding('low', 6, { title: `${'x'.repeat(254)}🔥🔥` }), makeReport([]), target);
    expect(asff.Title).toBe(`${'x'.repeat(254)}…`);
    expect(asff.Title).not.toMatch(/[\uD800-\uDFFF]/);
  });

  it('files techniques the table does not know under Unusual Behaviors only', () => {
    expect(toAsff(makeFinding('low', 5, { technique: 'T9999' }), makeReport([]), target).Types).toEqual([
      'Unusual Behaviors/User',
    ]);
  });
});

/** The stored finding minus what Security Hub itself adds (those are not the provider's to send). */
function stripServiceFields(f: Record<string, unknown>): Record<string, unknown> {
  const { ProcessedAt: _p, Region: _r, WorkflowState: _w, ...rest } = f;
  return rest;
}
