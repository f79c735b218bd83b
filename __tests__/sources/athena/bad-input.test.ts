/**
 * `source: athena` given what a user gets wrong, against the twin's Athena and Glue through the real SDK clients:
 * an unknown table, a workgroup with no output location (or none at all), a query that fails, a query stopped in
 * Athena, a run cancelled while its queries run. Each names the input to check, and the window is reported as not
 * fully read, never as a quiet one.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { StopQueryExecutionCommand } from '@aws-sdk/client-athena';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli-main.js';
import type { Config } from '../../../src/config/types.js';
import { builtinRules } from '../../../src/detect/index.js';
import { needsMissingParam } from '../../../src/detect/engine.js';
import { openEventStream, type PushdownOptions } from '../../../src/sources/index.js';
import { realClock, type Report } from '../../../src/types.js';
import { startTestTwin, type TestTwin } from '../../analyze/twin-helpers.js';
import { windowWithDetonations } from '../../analyze/helpers.js';
import { deps, drain, testConfig } from '../helpers.js';

let t: TestTwin;
const START = '2026-11-22T00:00:00Z';
const END = '2026-11-23T00:00:00Z';

beforeAll(async () => {
  t = await startTestTwin();
}, 60_000);
afterAll(async () => {
  await t.twin.close();
});
beforeEach(async () => {
  await t.reset();
  const lines = windowWithDetonations(2000, 5)
    .map((e) => JSON.stringify(e.raw))
    .join('\n');
  const res = await fetch(`${t.twin.url}/_twin/events`, { method: 'POST', body: lines });
  expect(res.ok).toBe(true);
});

const params = { allowedRegions: [] };
const pushdown = (): PushdownOptions => ({
  rules: builtinRules().filter((r) => !needsMissingParam(r, params)),
  params,
  allowlist: [],
  grouped: () => undefined,
  learnFirstSeen: () => undefined,
});

function config(athena: Partial<NonNullable<Config['source']['athena']>> = {}): Config {
  return testConfig({
    window: { start: new Date(START), end: new Date(END) },
    source: {
      kind: 'athena',
      athena: { database: 'default', table: 'cloudtrail_logs', workgroup: 'primary', ...athena },
    },
  });
}

/** Drains the stream; the error it ended with (or undefined) and its one scope's report. */
async function read(c: Config, signal?: AbortSignal) {
  const d = deps({
    clients: t.clients,
    clock: realClock,
    tuning: { lakePollMs: 20 },
    ...(signal ? { signal } : {}),
  });
  const stream = openEventStream(c, d, { pushdown: pushdown() });
  let error: unknown;
  try {
    await drain(stream);
  } catch (err) {
    error = err;
  }
  const [scope] = stream.reports();
  return { error: error instanceof Error ? error.message : undefined, scope, logger: d.logger };
}

describe('source: athena on bad input', () => {
  it('an unknown table: not read, naming athena-table and where it looked', async () => {
    const r = await read(config({ table: 'nope' }));
    expect(r.error).toMatch(/read no events/);
    expect(r.scope?.coverage).toBe('not-read');
    expect(r.scope?.complete).toBe(false);
    expect(r.scope?.errors.join(' ')).toMatch(
      /`athena-table` default\.nope is not in the Glue Data Catalog in us-east-1 \(EntityNotFoundException/,
    );
  });

  it('a workgroup without an output location: not read, naming athena-workgroup and athena-output', async () => {
    await t.control('POST', '/_twin/athena/workgroups', {
      name: 'bare',
      outputLocation: null,
      enforce: false,
    });
    const r = await read(config({ workgroup: 'bare' }));
    expect(r.scope?.coverage).toBe('not-read');
    expect(r.scope?.errors.join(' ')).toMatch(
      /`athena-workgroup` bare has no output location for query results; set `athena-output`/,
    );
    // With a location given, the same workgroup reads the window.
    const ok = await read(config({ workgroup: 'bare', output: 's3://twin-athena-results/trailsight/' }));
    expect(ok.error).toBeUndefined();
    expect(ok.scope?.complete).toBe(true);
    expect(ok.scope?.eventsRead).toBe(2000);
  });

  it('an unknown workgroup: not read, naming athena-workgroup', async () => {
    const r = await read(config({ workgroup: 'nope' }));
    expect(r.scope?.coverage).toBe('not-read');
    expect(r.scope?.errors.join(' ')).toMatch(/`athena-workgroup` nope does not exist in us-east-1/);
  });

  it('a query that fails: the window is not fully read, with Athena’s reason and the inputs to check', async () => {
    const r = await read(config({ output: 's3://no-such-results-bucket/x/' }));
    expect(r.scope?.complete).toBe(false);
    expect(r.scope?.coverage).not.toBe('read');
    expect(r.scope?.errors.join(' ')).toMatch(
      /ended FAILED: .*Unable to verify\/create output bucket no-such-results-bucket.*Check `athena-table`, `athena-workgroup` and `athena-output`/,
    );
  });

  it('a query stopped in Athena: the window is not fully read', async () => {
    await t.control('POST', '/_twin/athena/settings', { queuedMs: 0, runningMs: 1500 });
    const reading = read(config());
    let stopped = '';
    for (let i = 0; i < 200 && !stopped; i++) {
      const qs = (await t.control('GET', '/_twin/athena/queries')) as { id: string; state: string }[];
      const running = qs.find((q) => q.state === 'RUNNING');
      if (running) {
        await (
          await t.clients.athena()
        ).send(new StopQueryExecutionCommand({ QueryExecutionId: running.id }));
        stopped = running.id;
      } else await new Promise((r) => setTimeout(r, 25));
    }
    expect(stopped).not.toBe('');
    const r = await reading;
    expect(r.scope?.complete).toBe(false);
    expect(r.scope?.errors.join(' ')).toContain(`(${stopped}) ended CANCELLED`);
  });

  it('a cancelled run stops its queries in Athena (StopQueryExecution) and says the window was not read to the end', async () => {
    await t.control('POST', '/_twin/athena/settings', { queuedMs: 0, runningMs: 3000 });
    const abort = new AbortController();
    const reading = read(config(), abort.signal);
    for (let i = 0; i < 200; i++) {
      const qs = (await t.control('GET', '/_twin/athena/queries')) as { state: string }[];
      if (qs.some((q) => q.state === 'RUNNING')) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    abort.abort(new Error('cancelled'));
    const r = await reading;
    expect(r.scope?.complete).toBe(false);
    expect(r.scope?.errors.join(' ')).toMatch(
      /the run was cancelled and its Athena queries stopped \(StopQueryExecution\)/,
    );
    const qs = (await t.control('GET', '/_twin/athena/queries')) as { state: string }[];
    expect(qs.length).toBeGreaterThan(0);
    expect(qs.map((q) => q.state).filter((s) => s !== 'CANCELLED')).toEqual([]);
  });

  it('through the CLI, an unknown table fails the run (exit 3) and the report says the window was not read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trailsight-athena-bad-'));
    const saved = { ...process.env };
    try {
      Object.assign(process.env, {
        AWS_ENDPOINT_URL: t.twin.url,
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_REGION: 'us-east-1',
      });
      const reportPath = join(dir, 'report.json');
      const code = await main(
        [
          'analyze',
          '--source',
          'athena',
          '--athena-table',
          'default.nope',
          '--engine',
          'rules-only',
          '--start-time',
          START,
          '--end-time',
          END,
          '--report-path',
          reportPath,
          '--output',
          join(dir, 'report.md'),
        ],
        process.env,
      );
      expect(code).toBe(3);
      const report = JSON.parse(await readFile(reportPath, 'utf8')) as Report;
      expect(report.status).toBe('failed');
      expect(report.verdict).toBe('incomplete');
      expect(report.sources[0]?.coverage).toBe('not-read');
      expect(report.sources[0]?.errors.join(' ')).toMatch(/`athena-table` default\.nope/);
    } finally {
      process.env = saved;
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
