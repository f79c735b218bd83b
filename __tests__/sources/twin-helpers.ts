import { createClientFactory, type AwsClients } from '../../src/aws/clients.js';
import { normalizeRecord } from '../../src/sources/normalize.js';
import { startTwin, type RunningTwin } from '../../twin/server.js';
import { datasetLines } from './helpers.js';

export const WINDOW = { start: new Date('2024-01-31T22:00:00Z'), end: new Date('2024-02-01T02:00:00Z') };
export const ACCOUNTS = ['111111111111', '222222222222'];
export const REGIONS = ['us-east-1', 'eu-west-1'];

/**
 * Real record shapes (the stratus and panther datasets) with fresh ids, times spread from 20:00 on 31 January to
 * 04:00 on 1 February (so the window crosses midnight and a month end, and some events fall outside it), and
 * accounts and regions alternated so the archive has a multi-account, multi-region layout.
 */
export function windowEvents(n = 1300): Record<string, unknown>[] {
  const shapes = [
    ...(datasetLines().get('stratus_red_team_detonations') ?? []),
    ...(datasetLines().get('panther_cloudtrail_tests') ?? []),
  ]
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((r) => normalizeRecord(r).event);
  const from = Date.parse('2024-01-31T20:00:00Z');
  const span = 8 * 3_600_000;
  return Array.from({ length: n }, (_, i) => {
    const shape = shapes[i % shapes.length] as Record<string, unknown>;
    return {
      ...shape,
      eventID: `evt-${String(i).padStart(6, '0')}`,
      eventTime: new Date(from + Math.floor((i * span) / n)).toISOString().replace('.000Z', 'Z'),
      awsRegion: REGIONS[i % 2],
      recipientAccountId: ACCOUNTS[Math.floor(i / 2) % 2],
    };
  });
}

export function inWindow(records: Record<string, unknown>[], win = WINDOW): Record<string, unknown>[] {
  return records.filter((r) => {
    const t = Date.parse(r.eventTime as string);
    return t >= win.start.getTime() && t < win.end.getTime();
  });
}

export interface TwinFixture {
  twin: RunningTwin;
  clients(): AwsClients;
  fault(operation: string, kind: string, times: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the twin and points the SDK at it. The SDK reads `AWS_ENDPOINT_URL` from process.env itself (the
 * factory's `env` option only switches S3 to path-style), so both are set. `maxAttempts: 1` leaves throttling
 * retries to the source's own, clock-driven retry.
 */
export async function twinFixture(opts: Parameters<typeof startTwin>[0] = {}): Promise<TwinFixture> {
  const twin = await startTwin({ port: 0, lookupRatePerSecond: 100_000, ...opts });
  const prev = process.env.AWS_ENDPOINT_URL;
  process.env.AWS_ENDPOINT_URL = twin.url;
  return {
    twin,
    clients: () =>
      createClientFactory({
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' },
        env: { AWS_ENDPOINT_URL: twin.url },
        maxAttempts: 1,
      }),
    fault: async (operation, kind, times) => {
      const res = await fetch(`${twin.url}/_twin/faults`, {
        method: 'POST',
        body: JSON.stringify({ operation, kind, times }),
      });
      if (!res.ok) throw new Error(`fault not accepted: ${res.status} ${await res.text()}`);
    },
    close: async () => {
      if (prev === undefined) delete process.env.AWS_ENDPOINT_URL;
      else process.env.AWS_ENDPOINT_URL = prev;
      await twin.close();
    },
  };
}
