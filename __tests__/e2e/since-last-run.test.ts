/**
 * `window: since-last-run` under CloudTrail's delivery delay, run on a schedule for real: the whole pipeline
 * in-process (`runPipeline`: config, the real SDK clients and Octokit) against the twin with its delivery delay
 * on. Runs minutes apart need a clock that can be moved, so the pipeline and the twin share a virtual one (the
 * built dist/index.js takes the machine's time, and tests never sleep); everything else is as a runner runs it.
 *
 * Events: the AWS CloudTrail User Guide examples (benign) and Panther's compromised-root scenario (findings),
 * real records from __fixtures__/datasets, given fresh ids and re-timed one every 30 s from 05:00 to 06:50 UTC.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCheckpoint } from '../../src/analyze/index.js';
import type { AwsClients } from '../../src/aws/clients.js';
import { readConfig } from '../../src/config/index.js';
import { runPipeline, type RunResult } from '../../src/pipeline.js';
import { createGitHubApi } from '../../src/publish/github.js';
import type { Clock, Logger, Report } from '../../src/types.js';
import { startTwin, type RunningTwin } from '../../twin/server.js';
import { freshIds, readDataset } from '../../scripts/demo-data.js';
import { twinClients } from '../analyze/twin-helpers.js';

type RawRecord = Record<string, unknown>;

const DAY = '2026-12-04';
const at = (hhmmss: string): number => Date.parse(`${DAY}T${hhmmss}Z`);
const STEP_MS = 30_000;

// Real records, many copies with fresh ids, one every 30 s, all in the twin's account and region so LookupEvents
// (one region) and the archive (every region) read the same events.
const events: RawRecord[] = (() => {
  const real = [
    ...readDataset('awsdocs_cloudtrail_userguide_examples'),
    ...readDataset('panther_test_scenarios'),
  ];
  const out: RawRecord[] = [];
  for (let t = at('05:00:00'); t < at('06:50:00'); t += STEP_MS) {
    const [copy] = freshIds([real[out.length % real.length] as RawRecord]);
    out.push({
      ...copy,
      eventTime: new Date(t).toISOString().replace('.000Z', 'Z'),
      awsRegion: 'us-east-1',
      recipientAccountId: '123456789012',
    });
  }
  return out;
})();
const timeOf = (r: RawRecord): number => Date.parse(String(r.eventTime));
const inRange = (from: number, to: number): RawRecord[] =>
  events.filter((r) => timeOf(r) >= from && timeOf(r) < to);

let twin: RunningTwin;
let clients: AwsClients;
let nowMs = at('06:00:00');
let dir: string;
let runs = 0;
const clock: Clock = {
  now: () => new Date(nowMs),
  sleep: async (ms) => {
    nowMs += ms;
    await new Promise((r) => setImmediate(r));
  },
};
const logger: Logger & { lines: string[] } = {
  lines: [],
  debug: () => {},
  info: (m) => void logger.lines.push(m),
  warning: (m) => void logger.lines.push(`warning ${m}`),
  error: (m) => void logger.lines.push(`error ${m}`),
};

beforeAll(async () => {
  twin = await startTwin({ port: 0, lookupRatePerSecond: 1000, now: () => nowMs });
  clients = twinClients(twin.url);
  dir = await mkdtemp(join(tmpdir(), 'trailsight-settle-'));
});
afterAll(async () => {
  await twin.close();
  await rm(dir, { recursive: true, force: true });
});

async function control(method: string, path: string, body?: string): Promise<unknown> {
  const res = await fetch(`${twin.url}${path}`, { method, ...(body !== undefined ? { body } : {}) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function prepare(delayMinutes: number): Promise<void> {
  await control('POST', '/_twin/reset');
  await control('POST', '/_twin/events', events.map((r) => JSON.stringify(r)).join('\n'));
  await control('POST', '/_twin/delivery', JSON.stringify({ delayMinutes }));
}

interface Run {
  result: RunResult;
  report: Report | undefined;
  summary: string;
  markdown: string;
}

/** One scheduled run of the action at `hhmmss` (the virtual clock is set there first). */
async function runAt(hhmmss: string, inputs: Record<string, string>): Promise<Run> {
  nowMs = at(hhmmss);
  const config = readConfig(
    {
      'aws-region': 'us-east-1',
      window: 'since-last-run',
      'state-bucket': 'twin-batch',
      lookback: '1h',
      engine: 'rules-only',
      'report-to': 'summary',
      'fail-on': 'none',
      redact: 'none',
      'report-path': join(dir, `report-${++runs}.json`),
      ...inputs,
    },
    { now: clock.now(), env: {} },
  );
  const written: string[] = [];
  const result = await runPipeline(config, {
    clients,
    logger,
    clock,
    publish: {
      github: createGitHubApi('ghs_test_token', {
        baseUrl: `${twin.url}/github`,
        throttle: false,
        retryAfterBaseMs: 1,
      }),
      summary: { write: async (md) => void written.push(md) },
      context: { repository: 'octo-org/infra', workflow: 'Security review', eventName: 'schedule' },
    },
  });
  const first = result.results[0];
  return {
    result,
    report: first?.report,
    summary: written.join('\n'),
    markdown: first ? await readFile(first.files.markdownPath, 'utf8') : '',
  };
}

const iso = (ms: number): string => new Date(ms).toISOString();

describe.each(['lookup', 's3'])(
  'since-last-run from %s, events delivered 2 min late, settle 3 min',
  (source) => {
    it('two runs 150 s apart: contiguous windows ending 3+ min before each run, every event reviewed once', async () => {
      await prepare(2);
      const inputs = {
        source,
        'settle-minutes': '3',
        'state-prefix': `settle/${source}/`,
        ...(source === 's3' ? { 'trail-bucket': 'twin-cloudtrail' } : {}),
      };
      const first = await runAt('06:17:30', inputs);
      const second = await runAt('06:20:00', inputs);
      const [w1, w2] = [first.report?.window, second.report?.window];
      // No checkpoint yet: the last hour, ending 3 min before the run on the minute; then from where it ended.
      expect(w1).toMatchObject({ start: iso(at('05:14:00')), end: iso(at('06:14:00')) });
      expect(w2).toMatchObject({ start: w1?.end, end: iso(at('06:17:00')) });
      expect(at('06:17:30') - Date.parse(w1?.end ?? '')).toBeGreaterThanOrEqual(3 * 60_000);
      expect(at('06:20:00') - Date.parse(w2?.end ?? '')).toBeGreaterThanOrEqual(3 * 60_000);
      // Each window's events, all delivered before its run, read once (no overlap, none missed).
      expect(first.report?.counts.eventsRead).toBe(inRange(at('05:14:00'), at('06:14:00')).length);
      expect(second.report?.counts.eventsRead).toBe(inRange(at('06:14:00'), at('06:17:00')).length);
      expect(first.report?.counts.duplicates).toBe(0);
      expect(second.report?.counts.duplicates).toBe(0);
      for (const r of [first.report, second.report]) {
        expect(r?.status).toBe('completed');
        expect(r?.window.explanation?.lateEvents).toBeUndefined();
      }
      expect(w1?.explanation).toMatchObject({ startBasis: 'lookback', endBasis: 'settle', settleMinutes: 3 });
      expect(w2?.explanation).toMatchObject({ startBasis: 'checkpoint', endBasis: 'settle' });
      // The headline's window line says exactly where the window is and why it ends there.
      expect(second.summary).toContain(
        "**Window:** 2026-12-04 06:14 UTC → 2026-12-04 06:17 UTC (3 min), from the previous run's end; ends 3 min before the run: CloudTrail's delivery delay, settle-minutes 3 · ",
      );
      expect(await readCheckpoint(await clients.s3(), 'twin-batch', `settle/${source}/`)).toEqual(
        new Date(at('06:17:00')),
      );
    });
  },
);

describe('since-last-run from s3, events delivered 6 min late, settle 3 min', () => {
  it('catches what was delivered after its window was reviewed in the next run, once, and counts it as late', async () => {
    await prepare(6);
    const inputs = {
      source: 's3',
      'trail-bucket': 'twin-cloudtrail',
      'settle-minutes': '3',
      'state-prefix': 'late/',
    };
    // The twin delivers an event in the file of the first whole minute 6 min after it.
    const deliveredBy = (r: RawRecord, now: number): boolean =>
      Math.ceil((timeOf(r) + 6 * 60_000) / 60_000) * 60_000 <= now;
    // The last run comes after the last event (06:49:30) is delivered.
    const schedule = ['06:17:30', '06:20:00', '06:45:00', '07:00:00'];
    const times = schedule.map(at);
    const ends = ['06:14:00', '06:17:00', '06:42:00', '06:57:00'].map(at);
    const reports: Report[] = [];
    for (const hhmmss of schedule) {
      const r = (await runAt(hhmmss, inputs)).report;
      if (!r) throw new Error('no report');
      reports.push(r);
    }
    const seen = new Set<RawRecord>();
    for (const [k, r] of reports.entries()) {
      const start = k === 0 ? at('05:14:00') : (ends[k - 1] as number);
      const now = times[k] as number;
      expect(r.window).toMatchObject({ start: iso(start), end: iso(ends[k] as number) });
      // In the window and delivered by now; plus, late, what was delivered since the last run listed the archive.
      const inWindow = inRange(start, ends[k] as number).filter((e) => deliveredBy(e, now));
      const late =
        k === 0
          ? []
          : inRange(at('05:14:00'), start).filter(
              (e) => deliveredBy(e, now) && !deliveredBy(e, times[k - 1] as number),
            );
      for (const e of [...inWindow, ...late]) {
        expect(seen.has(e)).toBe(false);
        seen.add(e);
      }
      expect(r.counts.eventsRead).toBe(inWindow.length + late.length);
      expect(r.counts.duplicates).toBe(0);
      if (k > 0) expect(late.length).toBeGreaterThan(0);
      expect(r.window.explanation?.lateEvents).toBe(late.length || undefined);
    }
    // Together the runs reviewed every event of their windows exactly once.
    expect(seen.size).toBe(inRange(at('05:14:00'), at('06:57:00')).length);
    expect(reports[1]?.window.explanation?.text).toMatch(
      /plus \d+ events from before it that CloudTrail delivered late$/,
    );
  });
});

describe('a since-last-run run that could not read its whole window', () => {
  it('leaves the checkpoint and the archive listing alone, so the next run still catches the late events', async () => {
    await prepare(6);
    const inputs = {
      source: 's3',
      'trail-bucket': 'twin-cloudtrail',
      'settle-minutes': '3',
      'state-prefix': 'retry/',
    };
    const deliveredBy = (r: RawRecord, now: number): boolean =>
      Math.ceil((timeOf(r) + 6 * 60_000) / 60_000) * 60_000 <= now;
    await runAt('06:17:30', inputs);
    // Cut short by max-events: not fully read, so nothing of it counts as reviewed.
    const cut = (await runAt('06:20:00', { ...inputs, 'max-events': '1' })).report;
    expect(cut?.verdict).toBe('incomplete');
    expect(await readCheckpoint(await clients.s3(), 'twin-batch', 'retry/')).toEqual(
      new Date(at('06:14:00')),
    );
    const retry = (await runAt('06:21:00', inputs)).report;
    expect(retry?.window).toMatchObject({ start: iso(at('06:14:00')), end: iso(at('06:18:00')) });
    const late = inRange(at('05:14:00'), at('06:14:00')).filter(
      (e) => deliveredBy(e, at('06:21:00')) && !deliveredBy(e, at('06:17:30')),
    );
    expect(late.length).toBeGreaterThan(0);
    expect(retry?.window.explanation?.lateEvents).toBe(late.length);
    expect(retry?.counts.eventsRead).toBe(
      late.length +
        inRange(at('06:14:00'), at('06:18:00')).filter((e) => deliveredBy(e, at('06:21:00'))).length,
    );
    expect(await readCheckpoint(await clients.s3(), 'twin-batch', 'retry/')).toEqual(
      new Date(at('06:18:00')),
    );
  });
});

describe('a run less than a minute after the last one', () => {
  it('reviews nothing, says so, closes no issue and leaves the checkpoint where it was', async () => {
    await prepare(2);
    const inputs = {
      source: 'lookup',
      'settle-minutes': '3',
      'state-prefix': 'idle/',
      'report-to': 'summary, issue',
      'issue-mode': 'finding',
      'close-resolved': 'true',
      'github-token': 'ghs_test_token',
    };
    const first = await runAt('06:17:10', inputs);
    expect(first.report?.verdict).toBe('findings');
    const issues = async (): Promise<{ number: number; state: string }[]> =>
      ((await control('GET', '/_twin/github/issues')) as { issues: { number: number; state: string }[] })
        .issues;
    const open = (await issues()).filter((i) => i.state === 'open');
    expect(open.length).toBeGreaterThan(0);

    const again = await runAt('06:17:50', inputs);
    expect(again.result.results).toHaveLength(0);
    expect(again.result.outputs).toMatchObject({ status: 'completed', 'findings-count': '0' });
    expect(again.result.gate.failed).toBe(false);
    expect(again.summary).toMatch(/^## ⏸️ TrailSight: nothing new to review since 2026-12-04 06:14:00 UTC/);
    expect(again.summary).not.toMatch(/✅|clean/);
    expect((await issues()).filter((i) => i.state === 'open')).toEqual(open);
    expect(await readCheckpoint(await clients.s3(), 'twin-batch', 'idle/')).toEqual(new Date(at('06:14:00')));
  });
});

describe('an explicit end-time closer to the run than the settle time', () => {
  it('is kept, and the report warns that its last minutes may not be delivered yet', async () => {
    await prepare(2);
    const run = await runAt('06:30:00', {
      window: 'fixed',
      source: 'lookup',
      lookback: '30m',
      'end-time': `${DAY}T06:29:00Z`,
      'state-bucket': '',
    });
    const r = run.report;
    expect(r?.window).toMatchObject({ start: iso(at('05:59:00')), end: iso(at('06:29:00')) });
    expect(r?.window.explanation).toMatchObject({
      startBasis: 'lookback',
      endBasis: 'end-time',
      settleMinutes: 15,
      undeliveredMinutes: 14,
    });
    expect(r?.warnings.join('\n')).toMatch(
      /ends at end-time 2026-12-04T06:29:00.000Z, closer to the run than settle-minutes \(15\): CloudTrail may not have delivered the events of its last 14 min yet/,
    );
    // Events after 06:28 were not delivered yet (the twin's 2-minute delay), and the report says so.
    expect(r?.counts.eventsRead).toBe(inRange(at('05:59:00'), at('06:28:00') + 1).length);
    expect(run.markdown).toContain(
      '(30 min), the last 30 min, lookback; ends at end-time, 1 min before the run: its last 14 min may not be delivered yet, settle-minutes 15 · ',
    );
  });
});
