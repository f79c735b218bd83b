import { describe, expect, it } from '@jest/globals';
import { inputsFromEnv, readConfig, INPUTS } from '../../src/config/index.js';
import { parseCliArgs } from '../../src/config/cli-args.js';
import { ConfigError } from '../../src/errors.js';

const now = new Date('2026-11-23T12:00:00Z');
const env = { AWS_REGION: 'us-east-1' };

function problems(raw: Record<string, string>, e: NodeJS.ProcessEnv = env): string[] {
  try {
    readConfig(raw, { now, env: e });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('readConfig', () => {
  it('applies the documented defaults', () => {
    const c = readConfig({}, { now, env });
    expect(c.aws.region).toBe('us-east-1');
    expect(c.aws.audience).toBe('sts.amazonaws.com');
    // 15 minutes of settle time before now: CloudTrail's delivery delay.
    expect(c.window.end).toEqual(new Date('2026-11-23T11:45:00Z'));
    expect(c.window.start).toEqual(new Date('2026-11-22T11:45:00Z'));
    expect(c.window).toMatchObject({ settleMs: 15 * 60_000, startBasis: 'lookback', endBasis: 'settle' });
    expect(c.source.kind).toBe('lookup');
    expect(c.source.regions).toEqual(['us-east-1']);
    expect(c.analysis.engine).toBe('auto');
    expect(c.reporting.reportTo).toEqual(['summary']);
    expect(c.gate.failOn).toBe('high');
    expect(c.reporting.redact).toEqual({ mode: 'auto' });
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.source.regions)).toBe(true);
  });

  it('reports every bad input in one error: name, value and what is accepted', () => {
    const list = problems({ lookback: '3x', 'fail-on': 'severe', source: 's3' });
    expect(list).toHaveLength(3);
    expect(list[0]).toMatch(/`lookback`: "3x" is not valid; .*m, h, d/);
    expect(list.join('\n')).toMatch(
      /`fail-on`: "severe" is not valid; use one of: none, info, low, medium, high, critical/,
    );
    expect(list.join('\n')).toMatch(/`trail-bucket`: required with `source: s3`/);
  });

  it('incident-gap-minutes: 60 by default, a whole number of minutes, bad values named', () => {
    expect(readConfig({}, { now, env }).correlate?.gapMinutes).toBe(60);
    expect(readConfig({ 'incident-gap-minutes': '15' }, { now, env }).correlate?.gapMinutes).toBe(15);
    for (const bad of ['0', '1.5', 'an hour', '-5', '20000'])
      expect(problems({ 'incident-gap-minutes': bad })).toEqual([
        `\`incident-gap-minutes\`: "${bad}" is not valid; use a whole number from 1 to 10080`,
      ]);
  });

  it('issue-mode takes incident', () => {
    expect(readConfig({ 'issue-mode': 'incident' }, { now, env }).reporting.issueMode).toBe('incident');
    expect(problems({ 'issue-mode': 'incidents' })[0]).toMatch(/use one of: report, finding, incident/);
  });

  it('parses durations, lists with commas or newlines, booleans and times', () => {
    const c = readConfig(
      {
        lookback: '90m',
        regions: 'us-east-1,\n eu-west-3\n',
        'include-read-only': 'false',
        'report-to': 'summary, issue, summary',
        'github-token': 'ghs_x',
      },
      { now, env },
    );
    expect(c.window.lookbackMs).toBe(90 * 60_000);
    expect(c.source.regions).toEqual(['us-east-1', 'eu-west-3']);
    expect(c.filters.includeReadOnly).toBe(false);
    expect(c.reporting.reportTo).toEqual(['summary', 'issue']);
    const t = readConfig({ 'start-time': '2026-11-20T00:00:00Z', 'end-time': '2026-11-21' }, { now, env });
    expect(t.window.start.toISOString()).toBe('2026-11-20T00:00:00.000Z');
    expect(t.window.end.toISOString()).toBe('2026-11-21T00:00:00.000Z');
  });

  it('checks AWS identifiers', () => {
    const list = problems({
      'role-to-assume': 'arn:aws:iam::12345:role/x',
      'sns-topic-arn': 'topic',
      'report-to': 'sns',
      'batch-bucket': 'Bad_Bucket',
      'model-id': 'has space',
      regions: 'us-east-1,narnia',
      'allowed-account-ids': '123',
      'role-duration-seconds': '60',
    });
    const text = list.join('\n');
    for (const name of [
      'role-to-assume',
      'sns-topic-arn',
      'batch-bucket',
      'model-id',
      'regions',
      'allowed-account-ids',
      'role-duration-seconds',
    ]) {
      expect(text).toContain(`\`${name}\``);
    }
    expect(text).toMatch(/"narnia" is not valid; use an AWS region name/);
    expect(text).toMatch(/"60" is not valid; use a whole number from 900 to 43200/);
  });

  it('enforces the rules across inputs', () => {
    const text = problems({
      engine: 'batch',
      window: 'since-last-run',
      'report-to': 'sns,issue',
      'github-token': '',
      source: 'lake',
    }).join('\n');
    expect(text).toMatch(/`batch-role-arn`: required with `engine: batch`/);
    expect(text).toMatch(/`batch-bucket`: required with `engine: batch`/);
    expect(text).toMatch(/`state-bucket`: required with `window: since-last-run`/);
    expect(text).toMatch(/`sns-topic-arn`: required with `report-to: sns`/);
    expect(text).toMatch(/`github-token`: required/);
    expect(text).toMatch(/`event-data-store`: required with `source: lake`/);
  });

  it('refuses a LookupEvents window past 90 days, a start after the end, and an end in the future', () => {
    expect(problems({ lookback: '91d' }).join()).toMatch(/LookupEvents only reaches 90 days back/);
    expect(
      readConfig({ lookback: '91d', source: 's3', 'trail-bucket': 'my-trail' }, { now, env }).window
        .lookbackMs,
    ).toBe(91 * 86_400_000);
    expect(
      problems({ 'start-time': '2026-11-22T00:00:00Z', 'end-time': '2026-11-21T00:00:00Z' }).join(),
    ).toMatch(/not before `end-time`/);
    expect(problems({ 'end-time': '2026-12-01T00:00:00Z' }).join()).toMatch(/in the future/);
    expect(problems({ 'start-time': '2026-11-22 10:00' }).join()).toMatch(/ISO 8601 time with a zone/);
  });

  describe('settle-minutes', () => {
    const at = new Date('2026-11-23T12:17:42.500Z');
    it('ends a window without end-time that many minutes before now, on the minute', () => {
      const c = readConfig({ 'settle-minutes': '3', lookback: '1h' }, { now: at, env });
      expect(c.window.end.toISOString()).toBe('2026-11-23T12:14:00.000Z');
      expect(c.window.start.toISOString()).toBe('2026-11-23T11:14:00.000Z');
      expect(c.window.resolvedAt).toEqual(at);
      const since = readConfig({ window: 'since-last-run', 'state-bucket': 'my-state' }, { now: at, env });
      expect(since.window.end.toISOString()).toBe('2026-11-23T12:02:00.000Z');
    });

    it('allows 0: the window ends at the run, on the minute', () => {
      const c = readConfig({ 'settle-minutes': '0' }, { now: at, env });
      expect(c.window.end.toISOString()).toBe('2026-11-23T12:17:00.000Z');
      expect(c.window.settleMs).toBe(0);
    });

    it('keeps an explicit end-time closer than the settle time', () => {
      const c = readConfig({ 'end-time': '2026-11-23T12:10:00Z', lookback: '1h' }, { now: at, env });
      expect(c.window.end.toISOString()).toBe('2026-11-23T12:10:00.000Z');
      expect(c.window.endBasis).toBe('end-time');
    });

    it('refuses what is not a whole number of minutes up to a day, naming the input', () => {
      for (const bad of ['-1', '1.5', '1441', 'soon']) {
        expect(problems({ 'settle-minutes': bad }).join()).toMatch(
          new RegExp(
            `\\\`settle-minutes\\\`: ${JSON.stringify(bad).replace('.', '\\.')} is not valid; use a whole number from 0 to 1440`,
          ),
        );
      }
    });

    it('says the settle time moved the end when a start-time is past it', () => {
      expect(problems({ 'start-time': '2026-11-23T11:50:00Z' }).join()).toMatch(
        /`start-time`: 2026-11-23T11:50:00.000Z is not before the window's end 2026-11-23T11:45:00.000Z \(now less `settle-minutes` 15, CloudTrail's delivery delay\)/,
      );
    });
  });

  it('needs a region unless the run is an offline file review', () => {
    expect(problems({}, {}).join()).toMatch(/`aws-region`: not set/);
    const c = readConfig(
      { source: 'file', 'events-file': 'x.json', engine: 'rules-only', 'report-to': '' },
      { now, env: {} },
    );
    expect(c.source.eventsFiles).toEqual(['x.json']);
  });

  it('parses redact lists and rejects unknown kinds', () => {
    expect(readConfig({ redact: 'account-ids, ip-addresses' }, { now, env }).reporting.redact).toEqual({
      mode: 'list',
      kinds: ['account-ids', 'ip-addresses'],
    });
    expect(problems({ redact: 'emails' }).join()).toMatch(/`redact`: "emails" is not valid; use auto, none/);
  });

  it('reads report-to: securityhub, securityhub-region (default aws-region) and report-format', () => {
    const c = readConfig({ 'report-to': 'summary, securityhub', 'report-format': 'ocsf' }, { now, env });
    expect(c.reporting.reportTo).toEqual(['summary', 'securityhub']);
    expect(c.reporting.securityhubRegion).toBe('us-east-1');
    expect(c.reporting.reportFormats).toEqual(['json', 'ocsf']);
    expect(readConfig({ 'securityhub-region': 'eu-west-1' }, { now, env }).reporting.securityhubRegion).toBe(
      'eu-west-1',
    );
    expect(readConfig({}, { now, env }).reporting.reportFormats).toEqual(['json']);
    const text = problems({ 'securityhub-region': 'Europe', 'report-format': 'asff' }).join('\n');
    expect(text).toMatch(/`securityhub-region`: "Europe"/);
    expect(text).toMatch(/`report-format`: "asff" is not valid; use one of: json, ocsf/);
    // Importing into Security Hub calls AWS, so even a file review with no model needs a region.
    expect(
      problems(
        { source: 'file', 'events-file': 'x.json', engine: 'rules-only', 'report-to': 'securityhub' },
        {},
      ).join(),
    ).toMatch(/`aws-region`: not set/);
  });

  it('rejects an unknown input name', () => {
    expect(problems({ 'fail-on-severity': 'high' }).join()).toMatch(/`fail-on-severity` is not an input/);
  });

  it('reads INPUT_* variables as @actions/core does', () => {
    const raw = inputsFromEnv({ 'INPUT_FAIL-ON': 'low', INPUT_LOOKBACK: '7d', OTHER: 'x' });
    expect(raw).toEqual({ 'fail-on': 'low', lookback: '7d' });
  });

  it('has a description and a declared default for every input', () => {
    for (const spec of INPUTS) {
      expect(spec.description.length).toBeGreaterThan(10);
      expect(spec.name).toMatch(/^[a-z]+(-[a-z]+)*$/);
    }
  });
});

describe('parseCliArgs', () => {
  it('takes the action input names as flags', () => {
    const a = parseCliArgs([
      'analyze',
      '--source',
      'file',
      '--events-file=a.json',
      '--events-file',
      'b.json',
      '--close-resolved',
      '--format',
      'json',
    ]);
    expect(a.inputs).toEqual({ source: 'file', 'events-file': 'a.json,b.json', 'close-resolved': 'true' });
    expect(a.format).toBe('json');
    expect(a.output).toBe('-');
  });

  it('reports unknown flags and missing values together', () => {
    try {
      parseCliArgs(['analyze', '--nope', '1', 'stray', '--lookback', '--format', 'xml']);
      throw new Error('expected an error');
    } catch (err) {
      const e = err as ConfigError;
      expect(e.problems).toEqual([
        '`--nope` is not a flag of trailsight analyze; see `trailsight --help`',
        'unexpected argument "stray"; flags look like --lookback 24h',
        '`--lookback` needs a value',
        '`--format`: "xml" is not valid; use json, markdown, text or ocsf',
      ]);
    }
  });

  it('answers help and version', () => {
    expect(parseCliArgs([]).command).toBe('help');
    expect(parseCliArgs(['--version']).command).toBe('version');
    expect(() => parseCliArgs(['scan'])).toThrow(/unknown command "scan"/);
  });
});
