import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { renderActionYml, renderReadme } from '../../scripts/docs-lib.js';
import { INPUTS, OUTPUTS } from '../../src/config/inputs.js';
import { VERSION } from '../../src/version.js';

describe('generated docs', () => {
  it('action.yml is what `npm run docs` generates from the input table', () => {
    expect(readFileSync('action.yml', 'utf8')).toBe(renderActionYml());
  });

  it('README tables are what `npm run docs` generates', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toBe(renderReadme(readme));
  });

  it('every input and output of action.yml is in the README, and the reverse', () => {
    const action = parse(readFileSync('action.yml', 'utf8')) as {
      inputs: Record<string, unknown>;
      outputs: Record<string, unknown>;
      runs: { using: string; main: string };
    };
    const readme = readFileSync('README.md', 'utf8');
    const readmeInputs = [
      ...readme.matchAll(
        /^\| `([a-z-]+)` \| (?:AWS access|Window|Source|Filters|Detection|Analysis|Reporting|Gate) \|/gm,
      ),
    ].map((m) => m[1]);
    expect(readmeInputs.sort()).toEqual(Object.keys(action.inputs).sort());
    const outputsBlock = readme.slice(
      readme.indexOf('<!-- outputs:start -->'),
      readme.indexOf('<!-- outputs:end -->'),
    );
    const readmeOutputs = [...outputsBlock.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]);
    expect(readmeOutputs.sort()).toEqual(Object.keys(action.outputs).sort());
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(Object.keys(action.inputs)).toHaveLength(INPUTS.length);
    expect(Object.keys(action.outputs)).toHaveLength(OUTPUTS.length);
  });

  it('declares every input and output DESIGN.md fixes', () => {
    const design = [
      'aws-region',
      'role-to-assume',
      'role-session-name',
      'role-duration-seconds',
      'audience',
      'allowed-account-ids',
      'lookback',
      'start-time',
      'end-time',
      'window',
      'state-bucket',
      'state-prefix',
      'source',
      'regions',
      'trail-bucket',
      'trail-prefix',
      'accounts',
      'organization-id',
      'event-data-store',
      'events-file',
      'max-events',
      'include-services',
      'exclude-services',
      'include-principals',
      'exclude-principals',
      'include-events',
      'exclude-events',
      'include-read-only',
      'rules-file',
      'suppressions-file',
      'disable-rules',
      'incident-gap-minutes',
      'engine',
      'model-id',
      'summary-model-id',
      'batch-role-arn',
      'batch-bucket',
      'batch-prefix',
      'mode',
      'wait-timeout-minutes',
      'max-cost-usd',
      'report-language',
      'report-to',
      'github-token',
      'issue-mode',
      'issue-labels',
      'issue-assignees',
      'close-resolved',
      'sns-topic-arn',
      'sns-min-severity',
      'redact',
      'report-path',
      'fail-on',
      'fail-on-error',
    ];
    const names = INPUTS.map((i) => i.name);
    for (const n of design) expect(names).toContain(n);
    const outputs = [
      'status',
      'max-severity',
      'findings-count',
      'critical-count',
      'high-count',
      'medium-count',
      'low-count',
      'events-analyzed',
      'report-path',
      'report-markdown-path',
      'issue-url',
      'batch-job-arn',
      'input-tokens',
      'output-tokens',
      'cost-usd',
      // Second wave (DESIGN.md): incidents.
      'incidents-count',
      'max-incident-severity',
    ];
    expect(OUTPUTS.map((o) => o.name).sort()).toEqual(outputs.sort());
  });

  it('the version in the user agent is the package version', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });
});
