import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  analyze,
  collectPending,
  listPending,
  mergeFindings,
  readArchiveListing,
  readCheckpoint,
  writeArchiveListing,
  writeCheckpoint,
} from '../../src/analyze/index.js';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { LateArrivals } from '../../src/sources/index.js';
import {
  collect,
  makeConfig,
  makeStats,
  memLogger,
  syntheticEvents,
  virtualClock,
  type AnalysisOverrides,
} from './helpers.js';
import { startTestTwin, type TestTwin } from './twin-helpers.js';

const BATCH: AnalysisOverrides = {
  engine: 'batch',
  batchRoleArn: 'arn:aws:iam::123456789012:role/trailsight-batch',
  batchBucket: 'twin-batch',
  // Virtual minutes: generous so that a loaded machine (the twin's real timers) never turns a test into a timeout.
  waitTimeoutMinutes: 10_080,
};
const window = { start: new Date('2026-11-22T00:00:00Z'), end: new Date('2026-11-23T00:00:00Z') };

let t: TestTwin;
beforeAll(async () => {
  t = await startTestTwin();
});
afterAll(async () => {
  await t.twin.close();
});
beforeEach(async () => {
  await t.reset();
});

function stateConfig(overrides: AnalysisOverrides = {}) {
  const c = makeConfig({ ...BATCH, ...overrides });
  c.window.stateBucket = 'twin-batch';
  c.window.statePrefix = 'trailsight/state/';
  return c;
}

describe('mode submit / collect and the since-last-run checkpoint', () => {
  const events = syntheticEvents(5_000, 3);

  it('submit stores the job and its context; collect finishes the report later and clears the state', async () => {
    const config = stateConfig({ mode: 'submit' });
    const { collector, ruleFindings } = collect(events, config);
    const submitted = await analyze(
      config,
      { clients: t.clients, logger: memLogger(), clock: virtualClock() },
      { collector, ruleFindings, stats: makeStats(events.length), window },
    );
    expect(submitted.status).toBe('pending');
    expect(submitted.warnings.join('\n')).toMatch(
      /stored at s3:\/\/twin-batch\/trailsight\/state\/pending\//,
    );
    expect(await listPending(await t.clients.s3(), 'twin-batch', 'trailsight/state/')).toHaveLength(1);

    // Let the twin's job finish, then collect in a later "run".
    for (let i = 0; i < 200 && (await t.jobs())[0]?.status !== 'Completed'; i++)
      await new Promise((r) => setTimeout(r, 5));
    const { collected, stillRunning } = await collectPending(stateConfig({ mode: 'collect' }), {
      clients: t.clients,
      logger: memLogger(),
      clock: virtualClock(),
    });
    expect(stillRunning).toEqual([]);
    expect(collected).toHaveLength(1);
    const c = collected[0];
    expect(c?.outcome).toMatchObject({ engine: 'batch', status: 'completed', summary: { origin: 'model' } });
    expect(c?.window).toEqual(window);
    expect(c?.outcome.aiFindings.length).toBeGreaterThan(0);
    const ids = new Set(events.map((e) => e.id));
    const merged = mergeFindings(c?.ruleFindings ?? [], c?.outcome.aiFindings ?? []);
    for (const f of merged) for (const id of f.evidence.eventIds) expect(ids.has(id)).toBe(true);
    for (const r of ruleFindings) expect(merged.find((m) => m.id === r.id)?.severity).toBe(r.severity);
    expect(await listPending(await t.clients.s3(), 'twin-batch', 'trailsight/state/')).toHaveLength(0);
  });

  it('collect leaves a job that is still running for a later run', async () => {
    t.twin.ctx.batchStepMs = 60_000;
    const config = stateConfig({ mode: 'submit' });
    const { collector, ruleFindings } = collect(events, config);
    await analyze(
      config,
      { clients: t.clients, logger: memLogger(), clock: virtualClock() },
      { collector, ruleFindings, stats: makeStats(events.length), window },
    );
    const { collected, stillRunning } = await collectPending(stateConfig({ mode: 'collect' }), {
      clients: t.clients,
      logger: memLogger(),
      clock: virtualClock(),
    });
    expect(collected).toHaveLength(0);
    expect(stillRunning).toHaveLength(1);
    expect(await listPending(await t.clients.s3(), 'twin-batch', 'trailsight/state/')).toHaveLength(1);
    t.twin.ctx.batchStepMs = 1;
  });

  it('analyze in mode collect sends nothing to the model', async () => {
    const config = stateConfig({ mode: 'collect' });
    const { collector, ruleFindings } = collect(events, config);
    const out = await analyze(
      config,
      { clients: t.clients, logger: memLogger(), clock: virtualClock() },
      { collector, ruleFindings, stats: makeStats(events.length), window },
    );
    expect(out.status).toBe('skipped');
    expect(await t.jobs()).toHaveLength(0);
  });

  it('the checkpoint only moves forward', async () => {
    const s3 = await t.clients.s3();
    expect(await readCheckpoint(s3, 'twin-batch', 'cp/')).toBeUndefined();
    expect(await writeCheckpoint(s3, 'twin-batch', 'cp/', window.end, new Date())).toBe(true);
    expect(await writeCheckpoint(s3, 'twin-batch', 'cp/', window.start, new Date())).toBe(false);
    expect(await readCheckpoint(s3, 'twin-batch', 'cp/')).toEqual(window.end);
  });

  it('keeps the archive listing of the last since-last-run run beside the checkpoint', async () => {
    const s3 = await t.clients.s3();
    expect(await readArchiveListing(s3, 'twin-batch', 'cp/')).toBeUndefined();
    const late = new LateArrivals(undefined, window.start.getTime());
    const key = 'AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/22/x_20261122T2355Z_a.json.gz';
    late.observe(key, Date.parse('2026-11-22T23:55:10Z'));
    const record = late.record(window.end);
    await writeArchiveListing(s3, 'twin-batch', 'cp/', record);
    expect(await readArchiveListing(s3, 'twin-batch', 'cp/')).toEqual(record);
    expect(record).toMatchObject({ windowEnd: window.end.toISOString(), keys: [key] });
    // Something that is not a listing of this version is not trusted (the run then catches nothing late).
    await s3.send(
      new PutObjectCommand({
        Bucket: 'twin-batch',
        Key: 'cp/archive-listing.json',
        Body: JSON.stringify({ version: 2, since: 'x', keys: [] }),
      }),
    );
    expect(await readArchiveListing(s3, 'twin-batch', 'cp/')).toBeUndefined();
  });
});
