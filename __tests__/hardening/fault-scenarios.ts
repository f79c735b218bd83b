/**
 * The fault matrix: every scenario `faults.test.ts` runs through the built action against the AWS twin. Kept in
 * its own module (no test code, no twin) so a reliability report can count and list it.
 *
 * Profiles (what the run reviews and how):
 * - `lookup`: Panther's compromised-root scenario in the last day, `source: lookup`, `engine: direct`;
 * - `s3`: the same records read from the twin's trail archive, `source: s3`, `engine: direct`;
 * - `batch`: the demo window from the trail archive, `engine: batch` (a real Bedrock batch job of ≥ 100 records).
 * Every run publishes to the job summary, a report issue, the PR comment and SNS.
 *
 * Outcomes:
 * - `recovered`: retries absorb the fault; the run ends `completed` with the findings of a fault-free run (and,
 *   where the fault cost only bookkeeping, a warning naming it: `mentions`);
 * - `incomplete`: part of the window was not read or analysed; the report says so (verdict `incomplete`,
 *   `mentions` in its warnings/errors), every destination still publishes, the exit code follows `fail-on-error`;
 * - `destination`: one destination fails; the report is complete, the Delivery table names the failure, the other
 *   destinations publish.
 */

export type FaultKind =
  | 'throttle'
  | 'error'
  | 'latency'
  | 'access-denied'
  | 'timeout'
  | 'secondary-rate-limit'
  | 'job-failed'
  | 'job-expired'
  | 'job-stopped'
  | 'job-partial'
  | 'missing-output'
  | 'corrupt-output'
  | 'missing-manifest';

/** One fault as `POST /_twin/faults` takes it. */
export interface FaultSpec {
  operation: string;
  kind: FaultKind;
  times: number;
  status?: number;
  latencyMs?: number;
  fraction?: number;
  message?: string;
}

export type Profile = 'lookup' | 's3' | 'batch';
export type Outcome = 'recovered' | 'incomplete' | 'destination';
export type DestinationName = 'issue' | 'pr-comment' | 'sns';

export interface FaultScenario {
  id: string;
  description: string;
  profile: Profile;
  faults: FaultSpec[];
  outcome: Outcome;
  /** `destination`: the one that fails. */
  destination?: DestinationName;
  /** What the report's warnings/errors (incomplete) or the Delivery table (destination) must name. */
  mentions?: RegExp;
  /** `fail-on-error` input; incomplete runs must exit 1 when true and 0 when false. */
  failOnError: boolean;
  /** Send SIGINT while the batch job is being polled (the runner cancelling the step). */
  cancel?: boolean;
  /**
   * Destinations besides the job summary (default `DEFAULT_PUBLISH_TO`: the PR comment and SNS). The issue costs
   * seconds (Octokit spaces content-creating requests as GitHub asks), so it is added where the scenario is
   * about GitHub or needs it as the other destination.
   */
  publishTo?: readonly DestinationName[];
}

export const DEFAULT_PUBLISH_TO: readonly DestinationName[] = ['pr-comment', 'sns'];

// "Forever" for one run: more calls than any run makes.
const ALWAYS = 1000;

export const SCENARIOS: readonly FaultScenario[] = [
  // ---- Throttling storms and transient faults that retries absorb --------------------------------------
  {
    id: 'lookup-throttle-storm',
    description: 'LookupEvents throttled 6 times in a row (ThrottlingException)',
    profile: 'lookup',
    faults: [{ operation: 'LookupEvents', kind: 'throttle', times: 6 }],
    outcome: 'recovered',
    failOnError: true,
  },
  {
    id: 'lookup-timeout-transient',
    description: 'LookupEvents connection dropped twice without an answer',
    profile: 'lookup',
    faults: [{ operation: 'LookupEvents', kind: 'timeout', times: 2, latencyMs: 20 }],
    outcome: 'recovered',
    failOnError: true,
  },
  {
    id: 's3-list-throttle-storm',
    description: 'ListObjectsV2 on the trail archive throttled 3 times (503 SlowDown)',
    profile: 's3',
    faults: [{ operation: 'ListObjectsV2', kind: 'throttle', times: 3 }],
    outcome: 'recovered',
    failOnError: true,
  },
  {
    id: 's3-get-throttle-storm',
    description: 'GetObject on trail log files throttled 3 times (503 SlowDown)',
    profile: 's3',
    faults: [{ operation: 'GetObject', kind: 'throttle', times: 3 }],
    outcome: 'recovered',
    failOnError: true,
  },
  {
    id: 's3-get-5xx-transient',
    description: 'GetObject answers 500 InternalError twice',
    profile: 's3',
    faults: [{ operation: 'GetObject', kind: 'error', status: 500, times: 2 }],
    outcome: 'recovered',
    failOnError: true,
  },
  {
    id: 'converse-throttle-storm',
    description: 'Converse throttled 3 times (429 ThrottlingException)',
    profile: 'lookup',
    faults: [{ operation: 'Converse', kind: 'throttle', times: 3 }],
    outcome: 'recovered',
    failOnError: true,
  },
  {
    id: 'converse-5xx-transient',
    description: 'Converse answers 503 ServiceUnavailableException twice',
    profile: 'lookup',
    faults: [{ operation: 'Converse', kind: 'error', status: 503, times: 2 }],
    outcome: 'recovered',
    failOnError: true,
  },
  {
    id: 'model-not-ready-transient',
    description: 'the model answers ModelNotReadyException twice',
    profile: 'lookup',
    faults: [{ operation: 'ModelNotReady', kind: 'error', times: 2 }],
    outcome: 'recovered',
    failOnError: true,
  },
  {
    id: 'create-job-throttle-storm',
    description: 'CreateModelInvocationJob throttled twice',
    profile: 'batch',
    faults: [{ operation: 'CreateModelInvocationJob', kind: 'throttle', times: 2 }],
    outcome: 'recovered',
    failOnError: true,
  },
  {
    id: 'get-job-throttle-storm',
    description: 'GetModelInvocationJob throttled twice while the job is polled',
    profile: 'batch',
    faults: [{ operation: 'GetModelInvocationJob', kind: 'throttle', times: 2 }],
    outcome: 'recovered',
    failOnError: true,
  },
  {
    id: 'sns-throttle-storm',
    description: 'SNS Publish throttled twice',
    profile: 'lookup',
    faults: [{ operation: 'Publish', kind: 'throttle', times: 2 }],
    outcome: 'recovered',
    failOnError: true,
  },
  {
    id: 'github-secondary-rate-limit-transient',
    description: 'GitHub answers one secondary rate limit (403, retry-after: 1) to creating the issue',
    profile: 'lookup',
    faults: [{ operation: 'github:createIssue', kind: 'secondary-rate-limit', times: 1 }],
    outcome: 'recovered',
    failOnError: true,
    publishTo: ['issue', 'sns'],
  },

  // ---- Sources that cannot be read ---------------------------------------------------------------------
  {
    id: 'lookup-access-denied',
    description: 'LookupEvents AccessDeniedException in the lookup region',
    profile: 'lookup',
    faults: [{ operation: 'LookupEvents', kind: 'access-denied', times: ALWAYS }],
    outcome: 'incomplete',
    mentions: /access denied/i,
    failOnError: true,
  },
  {
    id: 'lookup-5xx',
    description: 'LookupEvents answers 500 InternalFailure on every call',
    profile: 'lookup',
    faults: [{ operation: 'LookupEvents', kind: 'error', status: 500, times: ALWAYS }],
    outcome: 'incomplete',
    mentions: /not read to the end/i,
    failOnError: false,
  },
  {
    id: 'lookup-timeout',
    description: 'LookupEvents connections dropped on every call',
    profile: 'lookup',
    faults: [{ operation: 'LookupEvents', kind: 'timeout', times: ALWAYS, latencyMs: 20 }],
    outcome: 'incomplete',
    mentions: /not read to the end/i,
    failOnError: true,
  },
  {
    id: 's3-list-access-denied',
    description: 'ListObjectsV2 AccessDenied on the trail bucket',
    profile: 's3',
    faults: [{ operation: 'ListObjectsV2', kind: 'access-denied', times: ALWAYS }],
    outcome: 'incomplete',
    mentions: /denied/i,
    failOnError: false,
  },
  {
    id: 's3-get-access-denied',
    description: 'GetObject AccessDenied on every trail log file',
    profile: 's3',
    faults: [{ operation: 'GetObject', kind: 'access-denied', times: ALWAYS }],
    outcome: 'incomplete',
    mentions: /denied/i,
    failOnError: true,
  },
  {
    id: 's3-get-timeout',
    description: 'GetObject connections dropped on every call',
    profile: 's3',
    faults: [{ operation: 'GetObject', kind: 'timeout', times: ALWAYS, latencyMs: 10 }],
    outcome: 'incomplete',
    mentions: /s3/i,
    failOnError: false,
  },

  // ---- The model (direct engine) -----------------------------------------------------------------------
  {
    id: 'converse-access-denied',
    description: 'Converse AccessDeniedException (no model access)',
    profile: 'lookup',
    faults: [{ operation: 'Converse', kind: 'access-denied', times: ALWAYS }],
    outcome: 'incomplete',
    mentions: /not authorized|denied/i,
    failOnError: true,
  },
  {
    id: 'converse-5xx',
    description: 'Converse answers 500 InternalServerException on every call',
    profile: 'lookup',
    faults: [{ operation: 'Converse', kind: 'error', status: 500, times: ALWAYS }],
    outcome: 'incomplete',
    mentions: /model|analys/i,
    failOnError: false,
  },
  {
    id: 'model-timeout',
    description: 'the model answers ModelTimeoutException on every call',
    profile: 'lookup',
    faults: [{ operation: 'ModelTimeout', kind: 'error', times: ALWAYS }],
    outcome: 'incomplete',
    mentions: /model|analys/i,
    failOnError: true,
  },
  {
    id: 'model-error-per-record',
    description: 'one record of the direct analysis gets ModelErrorException (424)',
    profile: 'lookup',
    faults: [{ operation: 'ModelError', kind: 'error', times: 1 }],
    outcome: 'incomplete',
    mentions: /record|model|analys/i,
    failOnError: false,
  },

  // ---- Batch jobs ----------------------------------------------------------------------------------------
  {
    id: 'batch-create-access-denied',
    description: 'CreateModelInvocationJob AccessDeniedException (no iam:PassRole / bedrock access)',
    profile: 'batch',
    faults: [{ operation: 'CreateModelInvocationJob', kind: 'access-denied', times: ALWAYS }],
    outcome: 'incomplete',
    mentions: /denied|access/i,
    failOnError: true,
  },
  {
    id: 'batch-job-failed',
    description: 'the batch job fails while Validating',
    profile: 'batch',
    faults: [{ operation: 'BatchJob', kind: 'job-failed', times: 1, message: 'Twin says: the job failed' }],
    outcome: 'incomplete',
    mentions: /Failed/,
    failOnError: false,
  },
  {
    id: 'batch-job-expired',
    description: 'the batch job expires before it starts',
    profile: 'batch',
    faults: [{ operation: 'BatchJob', kind: 'job-expired', times: 1 }],
    outcome: 'incomplete',
    mentions: /Expired/,
    failOnError: true,
  },
  {
    id: 'batch-job-stopped',
    description: 'the batch job is stopped (by someone else) half-way',
    profile: 'batch',
    faults: [{ operation: 'BatchJob', kind: 'job-stopped', times: 1 }],
    outcome: 'incomplete',
    mentions: /Stopped/,
    failOnError: false,
  },
  {
    id: 'batch-job-partial',
    description: 'the batch job completes partially: 30 % of the records get per-record errors',
    profile: 'batch',
    faults: [{ operation: 'BatchJob', kind: 'job-partial', times: 1, fraction: 0.3 }],
    outcome: 'incomplete',
    mentions: /record/i,
    failOnError: true,
  },
  {
    id: 'batch-missing-output',
    description: 'the batch job completes but writes no output file',
    profile: 'batch',
    faults: [{ operation: 'BatchJob', kind: 'missing-output', times: 1 }],
    outcome: 'incomplete',
    mentions: /output|record/i,
    failOnError: false,
  },
  {
    id: 'batch-corrupt-output',
    description: 'the batch output has a line cut in half and a line that is not JSON',
    profile: 'batch',
    faults: [{ operation: 'BatchJob', kind: 'corrupt-output', times: 1 }],
    outcome: 'incomplete',
    mentions: /output|record|JSON/i,
    failOnError: true,
  },
  {
    id: 'batch-missing-manifest',
    description: 'the batch job completes but writes no manifest.json.out',
    profile: 'batch',
    faults: [{ operation: 'BatchJob', kind: 'missing-manifest', times: 1 }],
    outcome: 'recovered',
    mentions: /manifest/i,
    failOnError: false,
  },
  {
    id: 'runner-cancel-during-batch',
    description: 'the runner cancels the step (SIGINT) while the batch job is being polled',
    profile: 'batch',
    faults: [],
    outcome: 'incomplete',
    mentions: /cancel/i,
    failOnError: true,
    cancel: true,
  },

  // ---- Destinations --------------------------------------------------------------------------------------
  {
    id: 'github-issue-access-denied',
    description: 'GitHub 403 "Resource not accessible by integration" when creating the issue',
    profile: 'lookup',
    faults: [{ operation: 'github:createIssue', kind: 'access-denied', times: ALWAYS }],
    outcome: 'destination',
    destination: 'issue',
    mentions: /not accessible|403/i,
    failOnError: true,
    publishTo: ['issue', 'sns'],
  },
  {
    id: 'github-issue-422',
    description: 'GitHub 422 Validation Failed when creating the issue',
    profile: 'lookup',
    faults: [{ operation: 'github:createIssue', kind: 'error', status: 422, times: ALWAYS }],
    outcome: 'destination',
    destination: 'issue',
    mentions: /422|valid/i,
    failOnError: true,
    publishTo: ['issue', 'sns'],
  },
  {
    id: 'github-issue-secondary-rate-limit',
    description: 'GitHub secondary rate limit on every attempt to create the issue',
    profile: 'lookup',
    faults: [{ operation: 'github:createIssue', kind: 'secondary-rate-limit', times: ALWAYS }],
    outcome: 'destination',
    destination: 'issue',
    mentions: /rate limit|403/i,
    failOnError: true,
    publishTo: ['issue', 'sns'],
  },
  {
    id: 'github-comment-5xx',
    description: 'GitHub 502 on every attempt to post the PR comment (retried with backoff, then given up)',
    profile: 'lookup',
    faults: [{ operation: 'github:createComment', kind: 'error', status: 502, times: ALWAYS }],
    outcome: 'destination',
    destination: 'pr-comment',
    mentions: /502|error/i,
    failOnError: false,
    publishTo: ['pr-comment', 'sns'],
  },
  {
    id: 'github-comment-access-denied',
    description: 'GitHub 403 when creating the PR comment',
    profile: 'lookup',
    faults: [{ operation: 'github:createComment', kind: 'access-denied', times: ALWAYS }],
    outcome: 'destination',
    destination: 'pr-comment',
    mentions: /not accessible|403/i,
    failOnError: true,
    publishTo: ['pr-comment', 'sns'],
  },
  {
    id: 'sns-access-denied',
    description: 'SNS Publish AuthorizationError / AccessDenied',
    profile: 'lookup',
    faults: [{ operation: 'Publish', kind: 'access-denied', times: ALWAYS }],
    outcome: 'destination',
    destination: 'sns',
    mentions: /could not publish/i,
    failOnError: true,
    publishTo: ['issue', 'sns'],
  },
  {
    id: 'sns-5xx',
    description: 'SNS Publish answers 500 InternalError on every attempt',
    profile: 'lookup',
    faults: [{ operation: 'Publish', kind: 'error', status: 500, times: ALWAYS }],
    outcome: 'destination',
    destination: 'sns',
    mentions: /could not publish/i,
    failOnError: false,
    publishTo: ['pr-comment', 'sns'],
  },
  {
    id: 'sns-timeout',
    description: 'SNS Publish connections dropped on every attempt',
    profile: 'lookup',
    faults: [{ operation: 'Publish', kind: 'timeout', times: ALWAYS, latencyMs: 10 }],
    outcome: 'destination',
    destination: 'sns',
    mentions: /could not publish/i,
    failOnError: true,
    publishTo: ['pr-comment', 'sns'],
  },
];
