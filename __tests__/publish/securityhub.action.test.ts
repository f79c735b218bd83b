/**
 * The action's own entry (src/main.ts `run`, as dist/index.js runs it) twice with `report-to: summary,securityhub`
 * against the twin: inputs from INPUT_*, the job summary and outputs through @actions/core, real CloudTrail records.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/main.js';
import type { Report } from '../../src/types.js';
import { startTwin, type RunningTwin } from '../../twin/server.js';
import { asffProblems } from '../../twin/services/asff.js';

// Real records: Panther's compromised-root test scenario (see __tests__/twin/fixtures/README.md); its account.
const EVENTS = join(process.cwd(), '__tests__/twin/fixtures/panther-test-scenarios.jsonl');
const ACCOUNT = '493859302102';

let twin: RunningTwin;
let dir: string;
const saved = { ...process.env };

beforeAll(async () => {
  twin = await startTwin({ port: 0, account: ACCOUNT });
  dir = await mkdtemp(join(tmpdir(), 'trailsight-securityhub-action-'));
});
afterAll(async () => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
  process.exitCode = undefined;
  await twin.close();
});

/** One run of the action as a runner starts it; returns what the job summary got and the report written. */
async function runAction(n: number): Promise<{ summary: string; report: Report; outputs: string }> {
  // @actions/core keeps the summary file it first wrote to, so both runs share one and each reads its part.
  const summaryFile = join(dir, 'summary.md');
  const outputFile = join(dir, `output-${n}`);
  if (n === 1) await writeFile(summaryFile, '');
  const before = (await readFile(summaryFile, 'utf8')).length;
  await writeFile(outputFile, '');
  Object.assign(process.env, {
    GITHUB_ACTIONS: 'true',
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    GITHUB_REPOSITORY: 'octo-org/infra',
    GITHUB_RUN_ID: String(4200 + n),
    GITHUB_WORKFLOW: 'Security review',
    GITHUB_EVENT_NAME: 'schedule',
    AWS_ENDPOINT_URL: twin.url,
    AWS_ACCESS_KEY_ID: 'AKIATWINDEFAULTCHAIN',
    AWS_SECRET_ACCESS_KEY: 'twin-secret',
    AWS_CONFIG_FILE: join(dir, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    'INPUT_AWS-REGION': 'us-east-1',
    INPUT_SOURCE: 'file',
    'INPUT_EVENTS-FILE': EVENTS,
    'INPUT_START-TIME': '2020-10-15T00:00:00Z',
    'INPUT_END-TIME': '2020-11-02T00:00:00Z',
    INPUT_ENGINE: 'rules-only',
    'INPUT_REPORT-TO': 'summary,securityhub',
    'INPUT_CLOSE-RESOLVED': 'true',
    'INPUT_FAIL-ON': 'none',
    'INPUT_REPORT-PATH': join(dir, `report-${n}.json`),
  });
  const out = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    await run(process.env);
  } finally {
    process.stdout.write = out;
  }
  return {
    summary: (await readFile(summaryFile, 'utf8')).slice(before),
    report: JSON.parse(await readFile(join(dir, `report-${n}.json`), 'utf8')) as Report,
    outputs: await readFile(outputFile, 'utf8'),
  };
}

describe('the action with report-to: summary,securityhub', () => {
  it('leaves exactly as many valid ASFF findings as the report has, after two runs', async () => {
    const first = await runAction(1);
    const second = await runAction(2);
    expect(second.report.findings.length).toBeGreaterThan(0);
    expect(second.report.findings.map((f) => f.id)).toEqual(first.report.findings.map((f) => f.id));
    const { findings, imports } = (await (await fetch(`${twin.url}/_twin/securityhub/findings`)).json()) as {
      findings: (Record<string, unknown> & { Id: string; UpdatedAt: string })[];
      imports: number;
    };
    expect(findings.map((f) => f.Id).sort()).toEqual(second.report.findings.map((f) => f.id).sort());
    for (const f of findings) {
      const { ProcessedAt: _p, Region: _r, WorkflowState: _w, ...asProvided } = f;
      expect([f.Id, asffProblems(asProvided)]).toEqual([f.Id, []]);
      expect(f).toMatchObject({
        AwsAccountId: ACCOUNT,
        ProductArn: `arn:aws:securityhub:us-east-1:${ACCOUNT}:product/${ACCOUNT}/default`,
        RecordState: 'ACTIVE',
        UpdatedAt: second.report.generatedAt,
        SourceUrl: 'https://github.com/octo-org/infra/actions/runs/4202',
      });
    }
    // One import per run (all fit one batch); the second updated the first's findings in place.
    expect(imports).toBe(2);
    const n = second.report.findings.length;
    expect(second.summary).toContain(
      `| securityhub | ✅ imported ${n} of ${n} finding${n === 1 ? '' : 's'} into`,
    );
    expect(second.outputs).toContain(`findings-count<<`);
  });
});
