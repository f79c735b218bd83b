import * as core from '@actions/core';
import { resolveAwsAccess } from './aws/credentials.js';
import { inputsFromEnv, readConfig } from './config/index.js';
import { ConfigError, describeError } from './errors.js';
import { githubContextFromEnv, runPipeline } from './pipeline.js';
import { createGitHubApi } from './publish/github.js';
import { realClock, type Logger } from './types.js';

/** The action's logger: @actions/core's annotations and log levels. */
export const actionsLogger: Logger = {
  debug: (m) => core.debug(m),
  info: (m) => core.info(m),
  warning: (m) => core.warning(m),
  error: (m) => core.error(m),
};

/** The action: inputs -> config -> AWS access -> pipeline -> outputs and gate. Never throws. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const abort = new AbortController();
  // The runner cancels a step with SIGINT, then SIGTERM; stop our batch job before we are killed.
  const onSignal = (sig: NodeJS.Signals): void => {
    core.warning(`Received ${sig}: stopping work started by this run`);
    abort.abort(new Error(`cancelled by ${sig}`));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const config = readConfig(inputsFromEnv(env), { now: new Date(), env });
    core.debug(
      `Configuration: ${JSON.stringify({ ...config, reporting: { ...config.reporting, githubToken: config.reporting.githubToken ? '***' : undefined } })}`,
    );
    const access = await resolveAwsAccess(config, {
      logger: actionsLogger,
      clock: realClock,
      env,
      getIdToken: (aud) => core.getIDToken(aud),
      setSecret: (v) => core.setSecret(v),
    });
    const context = await githubContextFromEnv(env);
    const token = config.reporting.githubToken;
    const result = await runPipeline(config, {
      clients: access.clients,
      logger: actionsLogger,
      clock: realClock,
      signal: abort.signal,
      publish: {
        ...(token
          ? { github: createGitHubApi(token, { baseUrl: env.GITHUB_API_URL ?? 'https://api.github.com' }) }
          : {}),
        summary: {
          write: async (markdown) => {
            await core.summary.addRaw(markdown, true).write();
          },
        },
        context,
      },
    });
    for (const [k, v] of Object.entries(result.outputs)) core.setOutput(k, v);
    if (result.gate.failed) core.setFailed(result.gate.message);
    else core.info(result.gate.message);
  } catch (err) {
    core.setOutput('status', 'failed');
    core.setFailed(err instanceof ConfigError ? err.message : `TrailSight failed: ${describeError(err)}`);
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}
