import type { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { Config } from '../config/types.js';
import { AwsError, ConfigError, StageError, awsErrorMeta } from '../errors.js';
import type { Clock, Logger } from '../types.js';
import { createClientFactory, type AwsClients } from './clients.js';

export interface AwsAccessDeps {
  logger: Logger;
  clock: Clock;
  env: NodeJS.ProcessEnv;
  /** `core.getIDToken` in the action. */
  getIdToken(audience: string): Promise<string>;
  /** `core.setSecret` in the action: masks values in the log. */
  setSecret(value: string): void;
  /** Builds clients; injectable so tests can observe what was built. */
  makeClients?: typeof createClientFactory;
}

export interface AwsAccess {
  clients: AwsClients;
  accountId?: string;
  arn?: string;
  via: 'oidc' | 'default-chain';
}

// STS errors worth another try: the IdP (GitHub) or STS was briefly unavailable or throttled.
const RETRYABLE =
  /Throttl|IDPCommunicationError|InvalidIdentityToken|ServiceUnavailable|InternalFailure|RequestTimeout/;
const MAX_ATTEMPTS = 6;

/** A session name from the run, reduced to the characters and length STS accepts. */
export function defaultSessionName(env: NodeJS.ProcessEnv): string {
  const repo = (env.GITHUB_REPOSITORY ?? 'local').split('/').pop() ?? 'local';
  const run = env.GITHUB_RUN_ID ?? String(Date.now());
  const name = `trailsight-${repo}-${run}`.replace(/[^\w+=,.@-]/g, '-');
  return name.slice(0, 64).padEnd(2, '-');
}

/**
 * Credentials for the run: with `role-to-assume`, GitHub OIDC then STS AssumeRoleWithWebIdentity; without it,
 * the SDK's default chain (so it composes with aws-actions/configure-aws-credentials). Then, if
 * `allowed-account-ids` is set, GetCallerIdentity must name one of them.
 */
export async function resolveAwsAccess(config: Config, deps: AwsAccessDeps): Promise<AwsAccess> {
  const make = deps.makeClients ?? createClientFactory;
  const base = {
    region: config.aws.region,
    env: deps.env,
    ...(config.aws.profile ? { profile: config.aws.profile } : {}),
  };
  let clients: AwsClients;
  let via: AwsAccess['via'];
  if (config.aws.roleToAssume) {
    const creds = await assumeRoleWithOidc(config, deps, await make(base).sts());
    clients = make({ ...base, credentials: creds });
    via = 'oidc';
  } else {
    clients = make(base);
    via = 'default-chain';
  }
  if (config.aws.allowedAccountIds.length === 0) return { clients, via };
  const { GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
  let identity;
  try {
    identity = await (await clients.sts()).send(new GetCallerIdentityCommand({}));
  } catch (err) {
    throw new AwsError(
      'Could not check the AWS account with GetCallerIdentity (needed for `allowed-account-ids`)',
      err,
    );
  }
  const account = identity.Account ?? '';
  if (!config.aws.allowedAccountIds.includes(account)) {
    throw new ConfigError([
      `\`allowed-account-ids\`: the credentials belong to account ${account || '(unknown)'}, which is not in the list (${config.aws.allowedAccountIds.join(', ')}); check the role or the list`,
    ]);
  }
  return { clients, via, accountId: account, ...(identity.Arn ? { arn: identity.Arn } : {}) };
}

async function assumeRoleWithOidc(
  config: Config,
  deps: AwsAccessDeps,
  sts: STSClient,
): Promise<AwsCredentialIdentity> {
  const { AssumeRoleWithWebIdentityCommand } = await import('@aws-sdk/client-sts');
  const role = config.aws.roleToAssume ?? '';
  if (!deps.env.ACTIONS_ID_TOKEN_REQUEST_URL || !deps.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
    throw new StageError(
      'aws',
      `\`role-to-assume\` is set, but this job cannot request a GitHub OIDC token. Add \`permissions: id-token: write\` to the job (or workflow), or remove \`role-to-assume\` to use credentials already configured.`,
    );
  }
  let token: string;
  try {
    token = await deps.getIdToken(config.aws.audience);
  } catch (err) {
    throw new StageError(
      'aws',
      `Could not get a GitHub OIDC token for audience ${config.aws.audience}: ${awsErrorMeta(err).message}`,
      {
        cause: err,
      },
    );
  }
  deps.setSecret(token);
  const sessionName = config.aws.roleSessionName ?? defaultSessionName(deps.env);
  for (let attempt = 1; ; attempt++) {
    try {
      const out = await sts.send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: role,
          RoleSessionName: sessionName,
          WebIdentityToken: token,
          DurationSeconds: config.aws.roleDurationSeconds,
        }),
      );
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) {
        throw new StageError('aws', `STS answered AssumeRoleWithWebIdentity for ${role} without credentials`);
      }
      deps.setSecret(c.AccessKeyId);
      deps.setSecret(c.SecretAccessKey);
      deps.setSecret(c.SessionToken);
      deps.logger.info(
        `Assumed ${out.AssumedRoleUser?.Arn ?? role} with GitHub OIDC (session ${sessionName})`,
      );
      return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        ...(c.Expiration ? { expiration: c.Expiration } : {}),
      };
    } catch (err) {
      if (err instanceof StageError) throw err;
      const { name } = awsErrorMeta(err);
      if (attempt >= MAX_ATTEMPTS || !RETRYABLE.test(name)) {
        const hint =
          name === 'AccessDenied'
            ? ` Check the role's trust policy: it must trust token.actions.githubusercontent.com for audience ${config.aws.audience} and this repository's sub claim.`
            : '';
        throw new AwsError(`Could not assume role ${role} with OIDC${hint ? '.' + hint : ''}`, err);
      }
      // Jittered exponential backoff, as STS and GitHub's IdP recommend for transient failures.
      const delay = Math.min(10_000, 2 ** attempt * 250) * (0.5 + Math.random() / 2);
      deps.logger.warning(
        `AssumeRoleWithWebIdentity failed (${name}); retrying in ${Math.round(delay)} ms (attempt ${attempt}/${MAX_ATTEMPTS})`,
      );
      await deps.clock.sleep(delay);
    }
  }
}
