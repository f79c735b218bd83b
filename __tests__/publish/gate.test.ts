import { describe, expect, it } from '@jest/globals';
import { OUTPUTS } from '../../src/config/index.js';
import { actionOutputs, evaluateGate } from '../../src/publish/index.js';
import { correlate } from '../../src/correlate/index.js';
import type { Finding, Report } from '../../src/types.js';
import { makeConfig, makeFinding, makeReport } from '../report/fixtures.js';

/** The report with its incidents, as the pipeline builds it. */
function withIncidents(findings: Finding[]): Report {
  const r = makeReport(findings);
  return { ...r, incidents: correlate(r.findings, { gapMinutes: 60 }) };
}

/** One principal's two medium findings that together raise their incident to high (credential access + evasion). */
const raisedStory = (): Finding[] => [
  makeFinding('medium', 1, { technique: 'T1555.006' }),
  makeFinding('medium', 2, {
    technique: 'T1562.008',
    principal: 'arn:aws:iam::123456789012:role/deploy-role-1',
  }),
];

const files = { jsonPath: '/w/trailsight-report.json', markdownPath: '/w/trailsight-report.md' };

describe('evaluateGate', () => {
  it('fail-on: high fails with a high finding, naming it, and passes without', () => {
    const config = makeConfig({ gate: { failOn: 'high' } });
    const bad = evaluateGate(makeReport([makeFinding('high', 1), makeFinding('low', 2)]), config);
    expect(bad.failed).toBe(true);
    expect(bad.reason).toBe('findings');
    expect(bad.message).toContain(
      '1 finding at or above fail-on: high: [High] High finding number 1 (arn:aws:iam::123456789012:role/deploy-role-1)',
    );
    const good = evaluateGate(makeReport([makeFinding('medium', 1), makeFinding('low', 2)]), config);
    expect(good).toEqual({
      failed: false,
      message: 'No findings at or above fail-on: high (2 finding(s) in total)',
    });
  });

  it('critical findings fail fail-on: high; fail-on: none never fails on findings', () => {
    expect(evaluateGate(makeReport([makeFinding('critical', 1)]), makeConfig()).failed).toBe(true);
    expect(
      evaluateGate(makeReport([makeFinding('critical', 1)]), makeConfig({ gate: { failOn: 'none' } })).failed,
    ).toBe(false);
    expect(
      evaluateGate(makeReport([makeFinding('low', 1)]), makeConfig({ gate: { failOn: 'low' } })).failed,
    ).toBe(true);
  });

  it('AI findings count unless ai-findings-gate is off; rule findings always count', () => {
    const report = makeReport([makeFinding('high', 1, { origin: 'ai' })]);
    expect(evaluateGate(report, makeConfig()).failed).toBe(true);
    expect(evaluateGate(report, makeConfig({ analysis: { aiFindingsGate: false } })).failed).toBe(false);
    const rule = makeReport([makeFinding('high', 1)]);
    expect(evaluateGate(rule, makeConfig({ analysis: { aiFindingsGate: false } })).failed).toBe(true);
  });

  it('an incomplete run fails with fail-on-error and only warns without it', () => {
    const report = makeReport([], { complete: false });
    const warn = evaluateGate(report, makeConfig({ gate: { failOnError: false } }));
    expect(warn.failed).toBe(false);
    expect(warn.message).toMatch(
      /warning: the window was not fully analysed: source lookup us-east-1 was not read to its end/,
    );
    const fail = evaluateGate(report, makeConfig({ gate: { failOnError: true } }));
    expect(fail).toMatchObject({ failed: true, reason: 'incomplete' });
  });

  it('counts findings, not incidents: an incident raised to high does not fail fail-on: high', () => {
    const report = withIncidents(raisedStory());
    expect(report.incidents).toEqual([
      expect.objectContaining({ severity: 'high', escalatedFrom: 'medium' }),
    ]);
    expect(evaluateGate(report, makeConfig({ gate: { failOn: 'high' } }))).toEqual({
      failed: false,
      message: 'No findings at or above fail-on: high (2 finding(s) in total)',
    });
  });

  it('a pending batch job (mode: submit) is not an error, even with fail-on-error', () => {
    const report = makeReport([], { analysis: { status: 'pending' } });
    const g = evaluateGate(report, makeConfig({ gate: { failOnError: true } }));
    expect(g.failed).toBe(false);
    expect(g.message).toContain('still running');
  });
});

describe('actionOutputs', () => {
  it('sets every output DESIGN.md lists', () => {
    const report = makeReport(
      [makeFinding('critical', 1), makeFinding('high', 2), makeFinding('high', 3), makeFinding('info', 4)],
      {
        analysis: {
          engine: 'batch',
          jobs: [
            {
              engine: 'batch',
              jobArn: 'arn:aws:bedrock:us-east-1:123456789012:model-invocation-job/j1',
              status: 'Completed',
              modelId: 'm',
              records: 150,
            },
          ],
        },
      },
    );
    report.incidents = correlate(report.findings, { gapMinutes: 60 });
    const out = actionOutputs(report, files, {
      destinations: [],
      issueUrl: 'https://github.com/octo-org/infra/issues/7',
    });
    expect(Object.keys(out).sort()).toEqual(OUTPUTS.map((o) => o.name).sort());
    expect(out).toEqual({
      status: 'completed',
      'max-severity': 'critical',
      'findings-count': '4',
      'critical-count': '1',
      'high-count': '2',
      'medium-count': '0',
      'low-count': '0',
      'events-analyzed': '1200',
      'report-path': files.jsonPath,
      'report-markdown-path': files.markdownPath,
      'issue-url': 'https://github.com/octo-org/infra/issues/7',
      'batch-job-arn': 'arn:aws:bedrock:us-east-1:123456789012:model-invocation-job/j1',
      'input-tokens': '12345',
      'output-tokens': '678',
      'cost-usd': '0.0481',
      // The four findings share a source IP and their time: one incident.
      'incidents-count': '1',
      'max-incident-severity': 'critical',
    });
  });

  it('max-incident-severity is the raised severity; max-severity stays the findings’ highest', () => {
    const out = actionOutputs(withIncidents(raisedStory()), files);
    expect(out).toMatchObject({
      'max-severity': 'medium',
      'findings-count': '2',
      'incidents-count': '1',
      'max-incident-severity': 'high',
    });
    expect(actionOutputs(makeReport([]), files)).toMatchObject({
      'incidents-count': '0',
      'max-incident-severity': 'none',
    });
  });

  it('says none and leaves optional outputs empty on a clean run', () => {
    const out = actionOutputs(makeReport([]), files);
    expect(out['max-severity']).toBe('none');
    expect(out['findings-count']).toBe('0');
    expect(out['issue-url']).toBe('');
    expect(out['batch-job-arn']).toBe('');
  });
});
