import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveAwsAccess } from './aws/credentials.js';
import { RULES_USAGE, rulesMain } from './cli-rules.js';
import { parseCliArgs } from './config/cli-args.js';
import { CLI_FLAGS, INPUTS, readConfig } from './config/index.js';
import type { Config } from './config/types.js';
import { ConfigError, describeError } from './errors.js';
import { githubContextFromEnv, runPipeline } from './pipeline.js';
import { createGitHubApi } from './publish/github.js';
import { renderTerminal } from './report/terminal.js';
import { incompleteReasons } from './report/build.js';
import { previousOcsf, renderOcsf } from './report/index.js';
import { realClock, type Logger } from './types.js';
import { VERSION } from './version.js';

/** Exit codes of `trailsight analyze`, as DESIGN.md fixes them. */
export const EXIT = { ok: 0, gate: 1, usage: 2, failed: 3 } as const;

const stderrLogger = (verbose: boolean): Logger => ({
  debug: (m) => {
    if (verbose) process.stderr.write(`debug: ${m}\n`);
  },
  info: (m) => process.stderr.write(`${m}\n`),
  warning: (m) => process.stderr.write(`warning: ${m}\n`),
  error: (m) => process.stderr.write(`error: ${m}\n`),
});

/** `trailsight --help`: every flag with its default, generated from the inputs table. */
export function helpText(): string {
  const lines = [
    `trailsight ${VERSION} — review AWS CloudTrail activity for security problems`,
    '',
    'Usage: trailsight analyze [--<flag> value]…',
    `       ${RULES_USAGE.replace('Usage: ', '')}`,
    '',
    'Examples:',
    '  trailsight analyze --source file --events-file "logs/*.json.gz" --engine rules-only',
    '  trailsight analyze --aws-region us-east-1 --lookback 24h --engine direct --profile security',
    '',
    'Exit codes: 0 done and under the gate, 1 findings at or above --fail-on, 2 bad usage or config, 3 the run failed (with --fail-on-error true, the default: also when part of the window was not read or analysed).',
  ];
  let group = '';
  for (const spec of [...INPUTS, ...CLI_FLAGS]) {
    if (spec.group !== group) {
      group = spec.group;
      lines.push('', `${group}:`);
    }
    const def = spec.defaultNote ?? (spec.default.startsWith('${{') ? '$GITHUB_TOKEN' : spec.default);
    lines.push(`  --${spec.name}${def ? ` (default: ${def.replace(/`/g, '')})` : ''}`);
    lines.push(`      ${spec.description.replace(/`/g, '')}`);
  }
  return lines.join('\n') + '\n';
}

/** Runs the CLI and returns its exit code. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const logger = stderrLogger(Boolean(env.TRAILSIGHT_DEBUG));
  if (argv[0] === 'rules') {
    try {
      return await rulesMain(argv.slice(1), logger);
    } catch (err) {
      logger.error(describeError(err));
      return err instanceof ConfigError ? EXIT.usage : EXIT.failed;
    }
  }
  let config: Config;
  let args;
  try {
    args = parseCliArgs(argv);
    if (args.command === 'help') {
      process.stdout.write(helpText());
      return EXIT.ok;
    }
    if (args.command === 'version') {
      process.stdout.write(`${VERSION}\n`);
      return EXIT.ok;
    }
    const inputs = { ...args.inputs };
    // The job summary only exists in GitHub Actions; the terminal gets --output instead.
    if (inputs['report-to'] === undefined) inputs['report-to'] = '';
    if (inputs['github-token'] === undefined && env.GITHUB_TOKEN) inputs['github-token'] = env.GITHUB_TOKEN;
    if (inputs['report-path'] === undefined) {
      inputs['report-path'] = join(await mkdtemp(join(tmpdir(), 'trailsight-')), 'report.json');
    }
    const parsed = readConfig(inputs, { now: new Date(), env });
    config = args.profile ? { ...parsed, aws: { ...parsed.aws, profile: args.profile } } : parsed;
  } catch (err) {
    logger.error(describeError(err));
    return err instanceof ConfigError ? EXIT.usage : EXIT.failed;
  }
  try {
    const access = await resolveAwsAccess(config, {
      logger,
      clock: realClock,
      env,
      getIdToken: () =>
        Promise.reject(
          new Error(
            'GitHub OIDC tokens exist only inside GitHub Actions; use --profile or AWS credentials instead of --role-to-assume',
          ),
        ),
      setSecret: () => undefined,
    });
    const abort = new AbortController();
    process.once('SIGINT', () => abort.abort(new Error('cancelled')));
    const token = config.reporting.githubToken;
    const result = await runPipeline(config, {
      clients: access.clients,
      logger,
      clock: realClock,
      signal: abort.signal,
      publish: {
        ...(token
          ? { github: createGitHubApi(token, { baseUrl: env.GITHUB_API_URL ?? 'https://api.github.com' }) }
          : {}),
        context: await githubContextFromEnv(env),
      },
    });
    const reports = result.results.map((r) => r.report);
    // Colour only for a person at a terminal: never in a file or a pipe, never with NO_COLOR set.
    const color = args.output === '-' && Boolean(process.stdout.isTTY) && !env.NO_COLOR;
    const previous =
      args.format === 'ocsf' && args.output !== '-' ? await previousOcsf(args.output) : new Set<string>();
    const body =
      args.format === 'json'
        ? JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2) + '\n'
        : args.format === 'ocsf'
          ? // One array for every report; findings already in the file being replaced are updates.
            JSON.stringify(
              reports.flatMap((r) => renderOcsf(r, { previous })),
              null,
              2,
            ) + '\n'
          : args.format === 'text'
            ? result.results
                .map((r) =>
                  renderTerminal(r.report, {
                    color,
                    redaction: r.redaction,
                    files: { json: r.files.jsonPath, markdown: r.files.markdownPath },
                  }),
                )
                .join('\n') || `${result.gate.message}\n`
            : // The Markdown copy beside each report is this very rendering (no size limit, same redaction): reuse it.
              (await Promise.all(result.results.map((r) => readFile(r.files.markdownPath, 'utf8')))).join(
                '\n---\n\n',
              ) || `${result.gate.message}\n`;
    if (args.output === '-') process.stdout.write(body);
    else {
      await writeFile(args.output, body);
      logger.info(`Report written to ${args.output}`);
    }
    // A window that could not be read at all is a failed run, even though its report was written; so is one not
    // fully read (a scope not read, cut short, a failed analysis) when fail-on-error is true, findings or not.
    if (reports.some((r) => r.status === 'failed')) return EXIT.failed;
    if (config.gate.failOnError && reports.some((r) => incompleteReasons(r).some((g) => g.error)))
      return EXIT.failed;
    return result.gate.failed ? EXIT.gate : EXIT.ok;
  } catch (err) {
    logger.error(describeError(err));
    return err instanceof ConfigError ? EXIT.usage : EXIT.failed;
  }
}
