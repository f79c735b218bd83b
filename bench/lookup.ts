/**
 * LookupEvents benchmark (not a test): how close the `lookup` source comes to CloudTrail's limit of 2 requests
 * per second per region, with regions read in parallel, against the twin enforcing that limit with the real
 * ThrottlingException — once as is, and once with injected throttling storms on top.
 *
 *   npm run bench:lookup -- [--pages N] [--regions N]
 *
 * The volume is synthetic (copies of the real records in __fixtures__/datasets with fresh ids and times); the
 * shapes are real. Target (issue 4): at least 90% of the limit sustained per region, zero failed runs.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createClientFactory } from '../src/aws/clients.js';
import type { Config } from '../src/config/types.js';
import { openEventStream } from '../src/sources/index.js';
import { realClock, type Logger } from '../src/types.js';
import { startTwin } from '../twin/server.js';

const LIMIT_PER_SECOND = 2;
const PAGE = 50;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} takes a positive number`);
  return Math.floor(v);
}

const pagesPerRegion = arg('pages', 30);
const regionCount = arg('regions', 3);
const regions = ['us-east-1', 'eu-west-1', 'ap-northeast-1', 'us-west-2', 'eu-central-1'].slice(
  0,
  regionCount,
);

const shapes = readFileSync('__fixtures__/datasets/panther_cloudtrail_tests/events.jsonl', 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Record<string, unknown>)
  .filter((r) => typeof r.eventName === 'string' && typeof r.userIdentity === 'object');

const end = Date.now() - 60_000;
const start = end - 12 * 3_600_000;
const events: Record<string, unknown>[] = [];
for (const region of regions) {
  const n = pagesPerRegion * PAGE;
  for (let i = 0; i < n; i++) {
    const shape = shapes[i % shapes.length] ?? {};
    events.push({
      ...shape,
      eventID: randomUUID(),
      awsRegion: region,
      eventTime: new Date(start + Math.floor(((end - start) * i) / n))
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z'),
    });
  }
}

const quiet: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
};

async function run(label: string, storm: boolean): Promise<void> {
  const twin = await startTwin({ port: 0, events, lookupRatePerSecond: LIMIT_PER_SECOND });
  process.env.AWS_ENDPOINT_URL = twin.url;
  if (storm) {
    // Throttling storms on top of the rate limit: the next 20 LookupEvents calls are refused outright.
    await fetch(`${twin.url}/_twin/faults`, {
      method: 'POST',
      body: JSON.stringify({ operation: 'LookupEvents', kind: 'throttle', times: 20 }),
    });
  }
  const clients = createClientFactory({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
  });
  const config = {
    aws: {
      region: 'us-east-1',
      roleDurationSeconds: 3600,
      audience: 'sts.amazonaws.com',
      allowedAccountIds: [],
    },
    window: {
      kind: 'fixed',
      start: new Date(start - 60_000),
      end: new Date(end + 60_000),
      lookbackMs: 0,
      statePrefix: '',
    },
    source: { kind: 'lookup', regions, trailPrefix: '', accounts: [], eventsFiles: [], maxEvents: 0 },
    filters: {
      includeServices: [],
      excludeServices: [],
      includePrincipals: [],
      excludePrincipals: [],
      includeEvents: [],
      excludeEvents: [],
      includeReadOnly: true,
    },
  } as unknown as Config;
  const t0 = Date.now();
  let n = 0;
  let failed = '';
  try {
    const stream = openEventStream(config, { clients, logger: quiet, clock: realClock });
    for await (const _e of stream.events) n++;
    const reports = stream.reports();
    const seconds = (Date.now() - t0) / 1000;
    console.log(`\n${label}: ${n} events from ${regions.length} regions in ${seconds.toFixed(1)} s`);
    console.log('region           pages  requests/s  share of the 2/s limit  complete');
    for (const r of reports) {
      const pages = r.pages ?? 0;
      // A region's N pages need N-1 intervals of 500 ms at the limit; the first request is free.
      const rate = pages > 1 ? (pages - 1) / seconds : 0;
      console.log(
        `${r.scope.padEnd(16)} ${String(pages).padStart(5)}  ${rate.toFixed(2).padStart(10)}  ${`${((100 * rate) / LIMIT_PER_SECOND).toFixed(0)}%`.padStart(22)}  ${r.complete ? 'yes' : `NO: ${r.errors.join('; ')}`}`,
      );
      if (!r.complete) failed = r.scope;
    }
  } catch (err) {
    failed = String(err);
  } finally {
    await twin.close();
  }
  console.log(failed ? `FAILED: ${failed}` : `all regions read to the end; failed runs: 0`);
}

console.log(
  `LookupEvents benchmark: ${pagesPerRegion} pages of ${PAGE} events per region, twin enforcing ${LIMIT_PER_SECOND} requests/s per region.`,
);
console.log(
  'Synthetic volume (copies of real Panther test records with fresh ids and times); the shapes are real.',
);
await run('as is', false);
await run('with a 20-request throttling storm', true);
