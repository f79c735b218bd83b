/** Runs the built action (`dist/index.js`) as a GitHub runner would: INPUT_*, GITHUB_* files, an event payload. */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface ActionRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  dir: string;
}

export interface RunOptions {
  inputs: Record<string, string>;
  /** The twin's base URL: AWS endpoints, GitHub API and the OIDC token endpoint point at it. */
  twinUrl?: string;
  eventName?: string;
  eventPayload?: unknown;
  env?: Record<string, string>;
  entry?: string;
  /** Sends this signal after `afterMs` (runner cancellation). */
  cancel?: { signal: NodeJS.Signals; afterMs: number };
  timeoutMs?: number;
}

/** Parses a GITHUB_OUTPUT file (`name<<DELIM` … `DELIM` blocks, and `name=value` lines). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc?.[1] && heredoc[2]) {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) body.push(lines[i] ?? '');
      out[heredoc[1]] = body.join('\n');
    } else if (line.includes('=')) {
      const eq = line.indexOf('=');
      out[line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return out;
}

/** Runs the action once and collects what a user would see. */
export async function runAction(opts: RunOptions): Promise<ActionRun> {
  const dir = await mkdtemp(join(tmpdir(), 'trailsight-e2e-'));
  const outputPath = join(dir, 'github_output');
  const summaryPath = join(dir, 'step_summary.md');
  const eventPath = join(dir, 'event.json');
  await writeFile(outputPath, '');
  await writeFile(summaryPath, '');
  await writeFile(eventPath, JSON.stringify(opts.eventPayload ?? {}));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_EVENT_NAME: opts.eventName ?? 'schedule',
    GITHUB_REPOSITORY: 'octo-org/infra',
    GITHUB_RUN_ID: '4242',
    GITHUB_WORKFLOW: 'Security review',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_WORKSPACE: dir,
    RUNNER_TEMP: dir,
    // Keep the SDK from reading this machine's own AWS files.
    AWS_CONFIG_FILE: join(dir, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    NODE_NO_WARNINGS: '1',
  };
  if (opts.twinUrl) {
    Object.assign(env, {
      AWS_ENDPOINT_URL: opts.twinUrl,
      GITHUB_API_URL: `${opts.twinUrl}/github`,
      ACTIONS_ID_TOKEN_REQUEST_URL: `${opts.twinUrl}/_twin/oidc?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runner-request-token',
      AWS_ACCESS_KEY_ID: 'AKIATWINDEFAULTCHAIN',
      AWS_SECRET_ACCESS_KEY: 'twin-secret',
    });
  }
  if (!('report-path' in opts.inputs)) env['INPUT_REPORT-PATH'] = join(dir, 'report.json');
  for (const [k, v] of Object.entries(opts.inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  Object.assign(env, opts.env ?? {});

  const child = spawn(process.execPath, [resolve(opts.entry ?? 'dist/index.js')], { env, cwd: dir });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  if (opts.cancel) {
    const { signal, afterMs } = opts.cancel;
    setTimeout(() => child.kill(signal), afterMs).unref();
  }
  const killer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((res) =>
    child.on('close', (code, sig) => res([code, sig])),
  );
  clearTimeout(killer);
  return {
    exitCode,
    signal,
    stdout,
    stderr,
    outputs: parseOutputFile(await readFile(outputPath, 'utf8')),
    summary: await readFile(summaryPath, 'utf8'),
    dir,
  };
}

/** Lines of `::error::` annotations the action printed. */
export function errorAnnotations(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('::error::'))
    .map((l) => l.slice('::error::'.length).replace(/%0A/g, '\n').replace(/%25/g, '%'));
}
