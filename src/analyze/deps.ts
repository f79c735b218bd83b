/** What the analysis stage is given: clients and time from main, never created inside the stage. */
import type { AwsClients } from '../aws/clients.js';
import type { Clock, Logger } from '../types.js';
import type { PriceOverrides } from './pricing.js';

export interface AnalyzeDeps {
  clients: AwsClients;
  logger: Logger;
  clock: Clock;
  /** Aborted on SIGINT/SIGTERM: in `mode: run` the batch job this run started is stopped. */
  signal?: AbortSignal;
  /** Optional (addition to the brief's contract): prices that replace the built-in table's. */
  prices?: PriceOverrides;
}
