import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as core from '@actions/core';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { defaultSessionName, resolveAwsAccess } from '../../src/aws/credentials.js';
import { createClientFactory } from '../../src/aws/clients.js';
import { readConfig } from '../../src/config/index.js';
import { AwsError, ConfigError, StageError } from '../../src/errors.js';
import type { Clock, Logger } from '../../src/types.js';
import { startTwin } from '../../twin/server.js';

const quiet: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
};
const sleeps: number[] = [];
const clock: Clock = { now: () => new Date(), sleep: async (ms) => void sleeps.push(ms) };

let twin: Awaited<ReturnType<typeof startTwin>>;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  twin = await startTwin({ port: 0 });
  env = {
    AWS_ENDPOINT_URL: twin.url,
    ACTIONS_ID_TOKEN_REQUEST_URL: `${twin.url}/_twin/oidc?api-version=2.0`,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runner-request-token',
    GITHUB_REPOSITORY: 'octo-org/infra',
    GITHUB_RUN_ID: '99',
  };
  // core.getIDToken reads the runner's variables from process.env, as on a runner.
  process.env.ACTIONS_ID_TOKEN_REQUEST_URL = env.ACTIONS_ID_TOKEN_REQUEST_URL;
  process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  process.env.AWS_ENDPOINT_URL = twin.url;
});
afterAll(async () => {
  delete process.env.ACTIONS_ID_TOKEN_REQUEST_URL;
  delete process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  delete process.env.AWS_ENDPOINT_URL;
  await twin.close();
});

const config = (extra: Record<string, string>) =>
  readConfig({ 'aws-region': 'us-east-1', engine: 'rules-only', ...extra }, { now: new Date(), env: {} });

describe('GitHub OIDC -> STS', () => {
  it('gets credentials end to end through the OIDC endpoint and AssumeRoleWithWebIdentity', async () => {
    const masked: string[] = [];
    const built: { credentials?: unknown }[] = [];
    const access = await resolveAwsAccess(
      config({
        'role-to-assume': 'arn:aws:iam::123456789012:role/trailsight',
        'allowed-account-ids': '123456789012',
      }),
      {
        logger: quiet,
        clock,
        env,
        getIdToken: (aud) => core.getIDToken(aud),
        setSecret: (v) => masked.push(v),
        makeClients: (o) => {
          built.push(o);
          return createClientFactory(o);
        },
      },
    );
    expect(access.via).toBe('oidc');
    expect(access.accountId).toBe('123456789012');
    expect(access.arn).toMatch(/^arn:aws:sts::123456789012:assumed-role\/trailsight\/trailsight-infra-99$/);
    const creds = built[1]?.credentials as {
      accessKeyId: string;
      secretAccessKey: string;
      sessionToken: string;
    };
    expect(creds.accessKeyId).toMatch(/^ASIA/);
    // The OIDC token and all three credential parts are masked in the log.
    expect(masked).toEqual(
      expect.arrayContaining([creds.accessKeyId, creds.secretAccessKey, creds.sessionToken]),
    );
    expect(masked).toHaveLength(4);
    expect(await access.clients.cloudtrail()).toBeInstanceOf(CloudTrailClient);
  });

  it('refuses credentials of an account outside allowed-account-ids', async () => {
    const p = resolveAwsAccess(
      config({
        'role-to-assume': 'arn:aws:iam::123456789012:role/trailsight',
        'allowed-account-ids': '210987654321',
      }),
      { logger: quiet, clock, env, getIdToken: (aud) => core.getIDToken(aud), setSecret: () => undefined },
    );
    await expect(p).rejects.toBeInstanceOf(ConfigError);
    await expect(p).rejects.toThrow(/account 123456789012, which is not in the list \(210987654321\)/);
  });

  it('fails with a fix when the token audience does not match what STS expects', async () => {
    const p = resolveAwsAccess(config({ 'role-to-assume': 'arn:aws:iam::123456789012:role/trailsight' }), {
      logger: quiet,
      clock,
      env,
      getIdToken: () => core.getIDToken('wrong-audience'),
      setSecret: () => undefined,
    });
    await expect(p).rejects.toBeInstanceOf(AwsError);
  });

  it('survives a throttling storm longer than the SDK retries, with its own jittered backoff', async () => {
    // The client makes 4 attempts per call; 5 throttles exhaust one call, so our loop must retry it.
    await fetch(`${twin.url}/_twin/faults`, {
      method: 'POST',
      body: JSON.stringify({ operation: 'AssumeRoleWithWebIdentity', kind: 'throttle', times: 5 }),
    });
    sleeps.length = 0;
    const access = await resolveAwsAccess(
      config({ 'role-to-assume': 'arn:aws:iam::123456789012:role/trailsight' }),
      {
        logger: quiet,
        clock,
        env,
        getIdToken: (aud) => core.getIDToken(aud),
        setSecret: () => undefined,
      },
    );
    expect(access.via).toBe('oidc');
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(0);
    const { faults } = (await (await fetch(`${twin.url}/_twin/faults`)).json()) as { faults: unknown[] };
    expect(faults).toHaveLength(0);
  });

  it('explains the missing id-token permission', async () => {
    const p = resolveAwsAccess(config({ 'role-to-assume': 'arn:aws:iam::123456789012:role/trailsight' }), {
      logger: quiet,
      clock,
      env: {},
      getIdToken: (aud) => core.getIDToken(aud),
      setSecret: () => undefined,
    });
    await expect(p).rejects.toBeInstanceOf(StageError);
    await expect(p).rejects.toThrow(/permissions: id-token: write/);
  });

  it('uses the default chain without role-to-assume', async () => {
    const access = await resolveAwsAccess(config({}), {
      logger: quiet,
      clock,
      env,
      getIdToken: () => Promise.reject(new Error('must not be called')),
      setSecret: () => undefined,
    });
    expect(access.via).toBe('default-chain');
  });
});

describe('defaultSessionName', () => {
  it('fits STS pattern and length', () => {
    const n = defaultSessionName({
      GITHUB_REPOSITORY: 'octo-org/a repo with spaces & ünïcode and a very long name indeed',
      GITHUB_RUN_ID: '123456789',
    });
    expect(n).toMatch(/^[\w+=,.@-]{2,64}$/);
    expect(n.startsWith('trailsight-a-repo-with-spaces')).toBe(true);
  });
});
