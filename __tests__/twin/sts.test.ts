import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { getIDToken } from '@actions/core';
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { RunningTwin } from '../../twin/server.js';
import { CapturingHandler, clientConfig, startTestTwin } from './helpers.js';
import { COMMON_ERRORS, SmithyModel, parseXml } from './smithy.js';

const model = new SmithyModel('sts-2011-06-15.json');
const ROLE = 'arn:aws:iam::123456789012:role/trailsight-reader';
let twin: RunningTwin;
const handler = new CapturingHandler();
let sts: STSClient;
const savedEnv = { ...process.env };

beforeAll(async () => {
  twin = await startTestTwin();
  sts = new STSClient(clientConfig(twin.url, handler));
});
afterAll(async () => {
  sts.destroy();
  await twin.close();
});
afterEach(() => {
  process.env = { ...savedEnv };
});

/** A token from the twin's OIDC endpoint, fetched the way `@actions/core` does on a runner. */
async function runnerToken(audience = 'sts.amazonaws.com', extra = ''): Promise<string> {
  process.env.ACTIONS_ID_TOKEN_REQUEST_URL = `${twin.url}/_twin/oidc?api-version=2.0${extra}`;
  process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = 'runner-request-token';
  // @actions/core writes ::add-mask:: commands to stdout; keep the test output readable.
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return await getIDToken(audience);
  } finally {
    process.stdout.write = write;
  }
}

function expectQueryResult(op: string): void {
  const root = parseXml(handler.last().body.toString('utf8'));
  expect(root.name).toBe(`${op}Response`);
  const result = root.children.find((c) => c.name === `${op}Result`);
  expect(result).toBeDefined();
  expect(model.checkXml(model.outputShapeId(op), result as NonNullable<typeof result>)).toEqual([]);
}

async function stsError(
  input: ConstructorParameters<typeof AssumeRoleWithWebIdentityCommand>[0],
): Promise<string> {
  try {
    await sts.send(new AssumeRoleWithWebIdentityCommand(input));
  } catch (e) {
    const err = e as { name: string; Code?: string };
    const code = err.Code ?? err.name;
    expect({
      code,
      declared: model.declaredErrors('AssumeRoleWithWebIdentity').has(code) || COMMON_ERRORS.has(code),
    }).toEqual({
      code,
      declared: true,
    });
    return code;
  }
  throw new Error('expected an error');
}

describe('GitHub OIDC -> STS AssumeRoleWithWebIdentity', () => {
  it('issues a token through @actions/core and exchanges it for credentials that GetCallerIdentity recognises', async () => {
    const token = await runnerToken();
    const claims = JSON.parse(
      Buffer.from(token.split('.')[1] as string, 'base64url').toString('utf8'),
    ) as Record<string, unknown>;
    expect(claims).toMatchObject({
      aud: 'sts.amazonaws.com',
      iss: 'https://token.actions.githubusercontent.com',
      sub: 'repo:octo-org/infra:ref:refs/heads/main',
      repository: 'octo-org/infra',
      ref: 'refs/heads/main',
    });
    const out = await sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: ROLE,
        RoleSessionName: 'trailsight-infra-42',
        WebIdentityToken: token,
        DurationSeconds: 900,
      }),
    );
    expectQueryResult('AssumeRoleWithWebIdentity');
    expect(out.AssumedRoleUser?.Arn).toBe(
      'arn:aws:sts::123456789012:assumed-role/trailsight-reader/trailsight-infra-42',
    );
    expect(out.SubjectFromWebIdentityToken).toBe('repo:octo-org/infra:ref:refs/heads/main');
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    const ttl = (out.Credentials?.Expiration as Date).getTime() - Date.now();
    expect(ttl > 800_000 && ttl <= 900_000).toBe(true);
    const assumed = new STSClient({
      ...clientConfig(twin.url, handler),
      credentials: {
        accessKeyId: out.Credentials?.AccessKeyId as string,
        secretAccessKey: out.Credentials?.SecretAccessKey as string,
        sessionToken: out.Credentials?.SessionToken as string,
      },
    });
    const me = await assumed.send(new GetCallerIdentityCommand({}));
    expectQueryResult('GetCallerIdentity');
    expect(me).toMatchObject({ Account: '123456789012', Arn: out.AssumedRoleUser?.Arn });
    assumed.destroy();
  });

  it('the OIDC endpoint requires the runner request token', async () => {
    const res = await fetch(`${twin.url}/_twin/oidc?audience=sts.amazonaws.com`);
    expect(res.status).toBe(401);
  });

  it('rejects a token for another audience, an expired token and a forged one', async () => {
    const base = { RoleArn: ROLE, RoleSessionName: 'trailsight' };
    expect(await stsError({ ...base, WebIdentityToken: await runnerToken('api://other') })).toBe(
      'InvalidIdentityToken',
    );
    expect(
      await stsError({ ...base, WebIdentityToken: await runnerToken('sts.amazonaws.com', '&ttl=-60') }),
    ).toBe('ExpiredTokenException');
    const good = await runnerToken();
    const [h, p] = good.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: 'repo:evil/repo:ref:refs/heads/main' })).toString('base64url')}.${good.split('.')[2]}`;
    expect(await stsError({ ...base, WebIdentityToken: forged })).toBe('InvalidIdentityToken');
  });

  it('validates session name, duration and role account', async () => {
    const token = await runnerToken();
    expect(await stsError({ RoleArn: ROLE, RoleSessionName: 'bad name!', WebIdentityToken: token })).toBe(
      'ValidationError',
    );
    expect(await stsError({ RoleArn: ROLE, RoleSessionName: 'x', WebIdentityToken: token })).toBe(
      'ValidationError',
    );
    expect(
      await stsError({ RoleArn: ROLE, RoleSessionName: 'ok', WebIdentityToken: token, DurationSeconds: 899 }),
    ).toBe('ValidationError');
    expect(
      await stsError({
        RoleArn: ROLE,
        RoleSessionName: 'ok',
        WebIdentityToken: token,
        DurationSeconds: 43201,
      }),
    ).toBe('ValidationError');
    expect(
      await stsError({
        RoleArn: 'arn:aws:iam::999999999999:role/x',
        RoleSessionName: 'ok',
        WebIdentityToken: token,
      }),
    ).toBe('AccessDenied');
    const ok = await sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: ROLE,
        RoleSessionName: 'a=b,c.d@e-f_g+h',
        WebIdentityToken: token,
        DurationSeconds: 43200,
      }),
    );
    expect(ok.Credentials).toBeDefined();
  });
});
