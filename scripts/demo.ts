/**
 * `npm run demo`: the whole action, end to end, against the local AWS twin. Starts the twin on a free port with
 * real CloudTrail records, runs the built dist/index.js exactly as a runner would (batch engine, OIDC, issue,
 * SNS), prints the report as a terminal page, lists what was published, says where the rendered Markdown is,
 * and stops the twin. `npm run demo -- --from-source` runs src/ through tsx instead of the bundle. AWS, GitHub and
 * the model are EMULATED: the twin's model is a scripted, deterministic responder, not Claude.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NO_REDACTION, renderTerminal } from '../src/report/index.js';
import type { Report } from '../src/types.js';
import { startTwin } from '../twin/server.js';
import { buildDemoEvents } from './demo-data.js';
import { runAction } from './run-action.js';

// Colour only for a person at a terminal, and never with NO_COLOR set.
const COLOR = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
const bold = (s: string): string => (COLOR ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s: string): string => (COLOR ? `\x1b[2m${s}\x1b[0m` : s);
const FROM_SOURCE = process.argv.includes('--from-source');

async function main(): Promise<void> {
  const started = Date.now();
  console.log(
    bold('TrailSight demo') + dim(' — AWS, GitHub and the model are emulated by the local AWS twin'),
  );
  if (!FROM_SOURCE && !existsSync('dist/index.js')) {
    console.log('Building dist/ (npm run bundle)…');
    execFileSync('npm', ['run', '--silent', 'bundle'], { stdio: 'inherit' });
  }
  const events = buildDemoEvents(new Date());
  const twin = await startTwin({ port: 0, events, batchStepMs: 150 });
  console.log(
    `Twin at ${twin.url} with ${events.length} CloudTrail records (real Stratus Red Team detonations and Panther's compromised-root scenario, plus background activity)`,
  );
  try {
    const run = await runAction({
      twinUrl: twin.url,
      // The action runs in a temporary directory, so tsx's loader is named by its absolute path.
      ...(FROM_SOURCE
        ? {
            entry: resolve('src/index.ts'),
            env: {
              NODE_OPTIONS: `--import=${pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href}`,
            },
          }
        : {}),
      eventName: 'schedule',
      inputs: {
        'aws-region': 'us-east-1',
        'role-to-assume': 'arn:aws:iam::123456789012:role/trailsight',
        source: 's3',
        'trail-bucket': 'twin-cloudtrail',
        lookback: '24h',
        engine: 'batch',
        'batch-role-arn': 'arn:aws:iam::123456789012:role/trailsight-bedrock-batch',
        'batch-bucket': 'twin-batch',
        // The demo's window is small; smaller records make the 100 a Bedrock batch job needs.
        'record-token-budget': '600',
        'report-to': 'summary, issue, sns',
        'github-token': 'ghs_demo_token',
        'issue-mode': 'report',
        'sns-topic-arn': 'arn:aws:sns:us-east-1:123456789012:security-alerts',
        'sns-min-severity': 'high',
        redact: 'none',
        'fail-on': 'high',
      },
    });
    const reportPath = run.outputs['report-path'];
    const markdownPath = run.outputs['report-markdown-path'];
    // The job summary as GitHub would show it, kept beside the report so it can be opened after the demo.
    const summaryPath = join(dirname(reportPath ?? join(run.dir, 'report.json')), 'job-summary.md');
    await writeFile(summaryPath, run.summary);
    console.log('\n' + bold('━━━ The report ━━━'));
    if (reportPath && existsSync(reportPath)) {
      const report = JSON.parse(await readFile(reportPath, 'utf8')) as Report;
      process.stdout.write(
        renderTerminal(report, {
          color: COLOR,
          // The demo runs with `redact: none`; the twin's account and addresses are not anyone's.
          redaction: NO_REDACTION,
          files: { json: reportPath, ...(markdownPath ? { markdown: markdownPath } : {}) },
        }),
      );
    } else console.log('No report file was written; the step output follows.');
    console.log('\n' + bold('━━━ What was published ━━━'));
    const { issues } = (await (await fetch(`${twin.url}/_twin/github/issues`)).json()) as {
      issues: { number: number; title: string; state: string }[];
    };
    for (const i of issues) console.log(`• GitHub issue #${i.number} (${i.state}): ${i.title}`);
    const { messages } = (await (await fetch(`${twin.url}/_twin/sns/messages`)).json()) as {
      messages: { subject?: string; message: string }[];
    };
    for (const m of messages)
      console.log(`• SNS message: ${m.subject ?? '(no subject)'} (${m.message.length} characters)`);
    const { jobs } = (await (await fetch(`${twin.url}/_twin/jobs`)).json()) as { jobs: { status: string }[] };
    console.log(`• Bedrock batch jobs run by the twin: ${jobs.map((j) => j.status).join(', ') || 'none'}`);
    console.log(
      `\nOutputs: ${['status', 'max-severity', 'findings-count', 'input-tokens', 'output-tokens', 'cost-usd', 'batch-job-arn'].map((k) => `${k}=${run.outputs[k] ?? ''}`).join('  ')}`,
    );
    console.log(
      run.exitCode === 0
        ? 'The gate passed.'
        : `The step exited ${run.exitCode}: on a runner the gate would fail this workflow (fail-on: high), as it should for these findings.`,
    );
    if (run.exitCode !== 0 && !run.stdout.includes('::error::'))
      console.log(run.stdout.slice(-3000), run.stderr.slice(-3000));
    console.log(
      dim(
        `\nDemo finished in ${((Date.now() - started) / 1000).toFixed(1)} s. Everything above ran against the emulated AWS twin; the model is a scripted test double.`,
      ),
    );
    console.log(`\nThe rendered Markdown: the job summary as GitHub shows it is in ${summaryPath}`);
    if (markdownPath) console.log(`and the full report's Markdown is in ${markdownPath}`);
  } finally {
    await twin.close();
  }
}

await main();
