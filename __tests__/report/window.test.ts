import { describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import schema from '../../schemas/report.schema.json' with { type: 'json' };
import type { Config } from '../../src/config/types.js';
import {
  buildReport,
  explainWindow,
  LIMITS,
  NO_REDACTION,
  nothingNewMarkdown,
  renderMarkdown,
  renderText,
} from '../../src/report/index.js';
import type { Report } from '../../src/types.js';
import { makeAnalysis, makeConfig, makeSources, makeStats } from './fixtures.js';

const ajv = new Ajv2020({ allErrors: true, strict: true });
ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
const validate = ajv.compile(schema);

const RUN = new Date('2026-12-04T06:17:42Z');

/** A window as readConfig and resolveWindow leave it. */
function win(over: Partial<Config['window']> = {}): Config['window'] {
  return {
    kind: 'since-last-run',
    start: new Date('2026-12-04T05:47:00Z'),
    end: new Date('2026-12-04T06:02:00Z'),
    lookbackMs: 3_600_000,
    settleMs: 15 * 60_000,
    resolvedAt: RUN,
    startBasis: 'checkpoint',
    endBasis: 'settle',
    statePrefix: 'trailsight/state/',
    ...over,
  };
}

function report(w: Config['window'], lateEvents?: number): Report {
  const config = makeConfig();
  return buildReport({
    config: { ...config, window: w },
    now: RUN,
    window: {
      start: w.start,
      end: w.end,
      explanation: explainWindow(w, lateEvents !== undefined ? { lateEvents } : {}),
    },
    sources: makeSources(),
    counts: { read: 40, kept: 40, filtered: 0, duplicates: 0, skipped: 0 },
    findings: [],
    suppressed: [],
    stats: makeStats(40),
    analysis: makeAnalysis(),
    warnings: [],
    errors: [],
  });
}

describe('explainWindow', () => {
  it('says a since-last-run window starts at the last run and ends the settle time before this one', () => {
    expect(explainWindow(win())).toEqual({
      startBasis: 'checkpoint',
      endBasis: 'settle',
      settleMinutes: 15,
      resolvedAt: '2026-12-04T06:17:42.000Z',
      text: "from the previous run's end; ends 15 min before the run: CloudTrail's delivery delay, settle-minutes 15",
    });
  });

  it('counts late arrivals, and names every other start and end', () => {
    expect(explainWindow(win(), { lateEvents: 3 })?.text).toMatch(
      /; plus 3 events from before it that CloudTrail delivered late$/,
    );
    expect(explainWindow(win(), { lateEvents: 0 })).not.toHaveProperty('lateEvents');
    expect(explainWindow(win({ startBasis: 'lookback' }))?.text).toMatch(/^the last 1 h, lookback; /);
    expect(explainWindow(win({ startBasis: 'submitted' }))?.text).toMatch(/pending batch job's window/);
    expect(explainWindow(win({ startBasis: 'lookup-limit' }))?.text).toMatch(/LookupEvents' 90-day limit/);
    expect(explainWindow(win({ settleMs: 0, end: new Date('2026-12-04T06:17:00Z') }))?.text).toMatch(
      /ends at the run, settle-minutes 0: its last minutes may not be delivered yet/,
    );
  });

  it('warns about an end-time inside the settle time, and not about one before it', () => {
    const close = explainWindow(win({ endBasis: 'end-time', end: new Date('2026-12-04T06:10:00Z') }));
    // now − settle is 06:02:42: the last 7 min 18 s of the window, rounded up to 8 min, may be missing.
    expect(close).toMatchObject({ endBasis: 'end-time', undeliveredMinutes: 8 });
    expect(close?.text).toMatch(
      /ends at end-time, 7 min before the run: its last 8 min may not be delivered yet/,
    );
    const settled = explainWindow(win({ endBasis: 'end-time', end: new Date('2026-12-04T06:00:00Z') }));
    expect(settled).not.toHaveProperty('undeliveredMinutes');
    expect(settled?.text).toMatch(/; ends at end-time$/);
  });

  it('says nothing for a config built by hand, without the settle fields', () => {
    const { settleMs: _s, ...bare } = win();
    expect(explainWindow(bare)).toBeUndefined();
  });
});

describe('the window explanation in the report', () => {
  it('validates against the schema, and the schema refuses an unknown basis', () => {
    const r = JSON.parse(JSON.stringify(report(win(), 2))) as Report;
    expect(r.window.explanation?.lateEvents).toBe(2);
    expect(validate(r)).toBe(true);
    const bad = { ...r, window: { ...r.window, explanation: { ...r.window.explanation, endBasis: 'now' } } };
    expect(validate(bad)).toBe(false);
  });

  it('is on the Markdown window line and the text rendering', () => {
    const r = report(win());
    const md = renderMarkdown(r, {
      maxChars: LIMITS.summaryBytes,
      redaction: NO_REDACTION,
      destination: 'summary',
    });
    expect(md).toContain(
      "**Window:** 2026-12-04 05:47 UTC → 2026-12-04 06:02 UTC (15 min), from the previous run's end; ends 15 min before the run: CloudTrail's delivery delay, settle-minutes 15 · **40 events analysed (40 read)**",
    );
    const text = renderText(r, { maxBytes: LIMITS.snsMessageBytes, redaction: NO_REDACTION });
    expect(text).toContain(
      "Window: 2026-12-04 05:47 UTC → 2026-12-04 06:02 UTC (15 min), from the previous run's end; ends 15 min before the run: CloudTrail's delivery delay, settle-minutes 15\n",
    );
  });
});

describe('the window phrase', () => {
  it('shows seconds only when a bound is off the minute', () => {
    const md = (w: Config['window']): string =>
      renderMarkdown(report(w), {
        maxChars: LIMITS.summaryBytes,
        redaction: NO_REDACTION,
        destination: 'summary',
      });
    expect(md(win())).toContain('**Window:** 2026-12-04 05:47 UTC → 2026-12-04 06:02 UTC (15 min),');
    expect(md(win({ start: new Date('2026-12-04T05:47:30Z') }))).toContain(
      '**Window:** 2026-12-04 05:47:30 UTC → 2026-12-04 06:02:00 UTC (15 min),',
    );
  });
});

describe('nothingNewMarkdown', () => {
  it('says nothing was reviewed, without a clean badge', () => {
    const md = nothingNewMarkdown(win({ start: new Date('2026-12-04T06:02:00Z') }));
    expect(md).toMatch(/^## ⏸️ TrailSight: nothing new to review since 2026-12-04 06:02:00 UTC\n/);
    expect(md).toContain(
      "this run's window would end at 2026-12-04 06:02:00 UTC (15 min before the run: CloudTrail's delivery delay), less than a minute later",
    );
    expect(md).not.toMatch(/✅|clean/);
    // A settle time raised since the last run puts the end before the checkpoint.
    expect(nothingNewMarkdown(win({ start: new Date('2026-12-04T06:12:00Z') }))).toMatch(
      /before that \(settle-minutes was raised since\)/,
    );
  });
});
