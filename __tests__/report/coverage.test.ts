/**
 * Coverage in the report: a scope that was never read is named as such (with where it was looked for and what
 * the archive holds), never shown as an empty window; and a window with 0 events is never a plain "clean".
 */
import { describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import schema from '../../schemas/report.schema.json' with { type: 'json' };
import { templateSummary } from '../../src/analyze/summary.js';
import { LIMITS } from '../../src/report/limits.js';
import { NO_REDACTION, buildReport, incompleteReasons, renderMarkdown } from '../../src/report/index.js';
import type { SourceReport } from '../../src/types.js';
import { NOW, makeAnalysis, makeConfig, makeStats } from './fixtures.js';

const ajv = new Ajv2020({ allErrors: true, strict: true });
ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
const validate = ajv.compile(schema);

const window = { start: new Date('2026-11-22T12:00:00Z'), end: new Date('2026-11-23T12:00:00Z') };
const holdings = {
  root: 's3://twin-cloudtrail/AWSLogs/',
  accounts: ['123456789012'],
  organizationIds: [],
  regions: ['eu-west-1', 'us-east-1'],
};
const NOT_READ_MESSAGE =
  '111111111111: not read: the archive holds no CloudTrail logs for account 111111111111 (nothing under s3://twin-cloudtrail/AWSLogs/111111111111/CloudTrail/). Check `accounts`, `organization-id` and `trail-prefix`. s3://twin-cloudtrail/AWSLogs/ holds account 123456789012, regions eu-west-1, us-east-1';

function s3Scope(over: Partial<SourceReport>): SourceReport {
  return { source: 's3', scope: '', eventsRead: 0, skipped: {}, complete: true, errors: [], ...over };
}

function report(sources: SourceReport[], read: number) {
  return buildReport({
    config: makeConfig(),
    now: NOW,
    window,
    sources,
    counts: { read, kept: read, filtered: 0, duplicates: 0, skipped: 0 },
    findings: [],
    suppressed: [],
    stats: makeStats(read),
    analysis: makeAnalysis({ engine: 'rules-only', summary: templateSummary([], makeStats(read), window) }),
    warnings: [],
    errors: [],
  });
}

const render = (r: ReturnType<typeof report>): string =>
  renderMarkdown(r, { maxChars: LIMITS.summaryBytes, redaction: NO_REDACTION, destination: 'summary' });

describe('coverage of scopes', () => {
  const mixed = [
    s3Scope({
      scope: '123456789012/us-east-1',
      eventsRead: 40,
      objects: 3,
      coverage: 'read',
      location: 's3://twin-cloudtrail/AWSLogs/123456789012/CloudTrail/us-east-1/',
    }),
    s3Scope({
      scope: '123456789012/eu-west-1',
      coverage: 'no-activity',
      location: 's3://twin-cloudtrail/AWSLogs/123456789012/CloudTrail/eu-west-1/',
    }),
    s3Scope({
      scope: '111111111111',
      complete: false,
      coverage: 'not-read',
      errors: [NOT_READ_MESSAGE],
      location: 's3://twin-cloudtrail/AWSLogs/111111111111/CloudTrail/',
      archive: holdings,
    }),
  ];

  it('a scope not read makes the verdict incomplete, says "not read" and validates against the schema', () => {
    const r = report(mixed, 40);
    expect(r.status).toBe('completed');
    expect(r.verdict).toBe('incomplete');
    expect(incompleteReasons(r)).toEqual([{ reason: `source s3 ${NOT_READ_MESSAGE}`, error: true }]);
    expect(validate(JSON.parse(JSON.stringify(r))) ? '' : ajv.errorsText(validate.errors)).toBe('');
    expect(r.sources[2]).toMatchObject({ coverage: 'not-read', archive: holdings });
  });

  it('the coverage section tells "not read" (and where it looked) from "no activity"', () => {
    // (The renderer defangs URI schemes in untrusted text: `s3://` is shown as `s3[:]//`.)
    const md = render(report(mixed, 40));
    expect(md).toContain(
      '- **s3:** 40 events from `123456789012/us-east-1`, `123456789012/eu-west-1` no activity in the window, `111111111111` **not read** (looked under `s3[:]//twin-cloudtrail/AWSLogs/111111111111/CloudTrail/`)',
    );
    // The reason, with what the archive holds, is in the verdict's list.
    expect(md).toContain('holds account 123456789012, regions eu-west-1, us-east-1');
  });

  it('when the only scope is not read the report is failed, not completed', () => {
    const r = report([mixed[2] as SourceReport], 0);
    expect(r.status).toBe('failed');
    expect(r.verdict).toBe('incomplete');
  });

  it('a scope not read for another reason (denied before anything was read) still says "was not read"', () => {
    const denied = s3Scope({
      scope: 's3://twin-cloudtrail/AWSLogs/',
      complete: false,
      coverage: 'not-read',
      errors: ['could not list accounts: access denied (AccessDenied) on s3://twin-cloudtrail/AWSLogs/'],
    });
    expect(incompleteReasons(report([denied], 0))[0]?.reason).toBe(
      'source s3 s3://twin-cloudtrail/AWSLogs/ was not read: could not list accounts: access denied (AccessDenied) on s3://twin-cloudtrail/AWSLogs/',
    );
  });

  it('the schema rejects an unknown coverage', () => {
    const r = JSON.parse(JSON.stringify(report(mixed, 40))) as { sources: Record<string, unknown>[] };
    (r.sources[0] as Record<string, unknown>).coverage = 'fine';
    expect(validate(r)).toBe(false);
  });
});

describe('a window with 0 events', () => {
  const quiet = [s3Scope({ scope: '123456789012/us-east-1', coverage: 'no-activity' })];

  it('is never a plain "clean": the headline and verdict line say 0 events and what that can mean', () => {
    const r = report(quiet, 0);
    expect(r.verdict).toBe('clean');
    const md = render(r);
    expect(md).toContain('TrailSight: 0 events in the window, no findings');
    expect(md).not.toContain('clean, no findings');
    expect(md).toMatch(/\*\*0 events in the window\*\*: check that CloudTrail is still logging/);
  });

  it('the template summary says what an empty window can mean and puts checking the trail first', () => {
    const s = templateSummary([], makeStats(0), window);
    expect(s.text).toMatch(/^0 events in the window from 2026-11-22T12:00:00.000Z/);
    expect(s.text).toMatch(/logging stopped .* looked in the wrong place .* genuinely quiet/);
    expect(s.priorities[0]).toMatch(/GetTrailStatus/);
    expect(templateSummary([], makeStats(10), window).text).not.toMatch(/0 events in the window/);
  });
});
