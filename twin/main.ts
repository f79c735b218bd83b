import { parseArgs } from 'node:util';
import { loadEventsFile } from './events.js';
import { startTwin } from './server.js';

const USAGE =
  'usage: npm run twin -- [--port N] [--events PATH]... [--lookup-rate N] [--batch-step-ms N] [--organization o-xxxxxxxxxx] [--delivery-delay-minutes N]';

/** CLI: starts the twin, prints `TWIN_READY <url>`, stops on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4566' },
      events: { type: 'string', multiple: true },
      'lookup-rate': { type: 'string' },
      'batch-step-ms': { type: 'string' },
      organization: { type: 'string' },
      'delivery-delay-minutes': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, got ${values.port}`);
  const events = [];
  for (const path of values.events ?? []) events.push(...(await loadEventsFile(path)));
  const rate = values['lookup-rate'] === undefined ? undefined : Number(values['lookup-rate']);
  if (rate !== undefined && !(rate > 0)) throw new Error(`--lookup-rate must be a positive number`);
  const step = values['batch-step-ms'] === undefined ? undefined : Number(values['batch-step-ms']);
  if (step !== undefined && !(step >= 0)) throw new Error(`--batch-step-ms must be >= 0`);
  const delayRaw = values['delivery-delay-minutes'];
  const delay = delayRaw === undefined ? undefined : Number(delayRaw);
  if (delay !== undefined && !(delay >= 0 && delay <= 1440))
    throw new Error(`--delivery-delay-minutes must be 0..1440, got ${delayRaw}`);
  const twin = await startTwin({
    port,
    events,
    ...(rate !== undefined ? { lookupRatePerSecond: rate } : {}),
    ...(step !== undefined ? { batchStepMs: step } : {}),
    ...(values.organization ? { organizationId: values.organization } : {}),
    ...(delay !== undefined ? { deliveryDelayMinutes: delay } : {}),
  });
  process.stderr.write(`twin: ${events.length} events loaded; control API at ${twin.url}/_twin/\n`);
  process.stdout.write(`TWIN_READY ${twin.url}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    twin.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`twin: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`twin: ${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
  process.exit(2);
});
