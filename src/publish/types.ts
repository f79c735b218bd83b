import type { AwsClients } from '../aws/clients.js';
import type { Logger } from '../types.js';
import type { GitHubApi } from './github.js';

/** Where the run happens, from the runner's environment. */
export interface GitHubContext {
  /** `owner/name`. */
  repository?: string;
  eventName?: string;
  prNumber?: number;
  runUrl?: string;
  serverUrl?: string;
  sha?: string;
  /** The workflow's name (GITHUB_WORKFLOW): issues of one workflow's run series are kept apart from another's. */
  workflow?: string;
}

/** What publishing needs; only main wires real ones. */
export interface PublishDeps {
  github?: GitHubApi;
  clients: AwsClients;
  logger: Logger;
  /** Appends Markdown to the job summary (main wires core.summary). */
  summary?: { write(markdown: string): Promise<void> };
  context: GitHubContext;
}

/** One finding a destination could not deliver (e.g. a Security Hub import rejected), for the delivery table. */
export interface FindingFailure {
  id: string;
  code: string;
  message: string;
}

/** The outcome of one destination: ok, skipped (with why), or failed (with the error). */
export interface DestinationResult {
  name: string;
  ok: boolean;
  skipped?: string;
  url?: string;
  error?: string;
  /** What was delivered, in words (e.g. "12 of 12 finding(s) imported"). */
  detail?: string;
  /** Per-finding failures, when a destination delivers findings one by one. */
  failures?: FindingFailure[];
}

/** Every destination's outcome, and the issue URL for the `issue-url` output. */
export interface PublishResult {
  destinations: DestinationResult[];
  issueUrl?: string;
}
