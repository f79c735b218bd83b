/** TrailSight's error hierarchy: every error a user can see says what failed and what to do. */

/** Bad inputs or flags. `problems` lists every bad input, one line each. */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(
      problems.length === 1
        ? `Invalid configuration: ${problems[0]}`
        : `Invalid configuration (${problems.length} problems):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** A failed AWS call, keeping the SDK's error name, HTTP status and request id. */
export class AwsError extends Error {
  readonly errorName: string;
  readonly status?: number;
  readonly requestId?: string;
  constructor(context: string, cause: unknown) {
    const meta = awsErrorMeta(cause);
    super(`${context}: ${meta.name}${meta.message ? `: ${meta.message}` : ''}`, { cause });
    this.name = 'AwsError';
    this.errorName = meta.name;
    if (meta.status !== undefined) this.status = meta.status;
    if (meta.requestId !== undefined) this.requestId = meta.requestId;
  }
}

/** A stage that could not do its work; `stage` names it for the log and the report. */
export class StageError extends Error {
  readonly stage: string;
  constructor(stage: string, message: string, options?: { cause?: unknown }) {
    super(`${stage}: ${message}`, options);
    this.name = 'StageError';
    this.stage = stage;
  }
}

/** Name, message, HTTP status and request id of anything an AWS SDK call threw. */
export function awsErrorMeta(err: unknown): {
  name: string;
  message: string;
  status?: number;
  requestId?: string;
} {
  if (err && typeof err === 'object') {
    const e = err as {
      name?: unknown;
      message?: unknown;
      $metadata?: { httpStatusCode?: number; requestId?: string };
    };
    const out: { name: string; message: string; status?: number; requestId?: string } = {
      name: typeof e.name === 'string' ? e.name : 'Error',
      message: typeof e.message === 'string' ? e.message : String(err),
    };
    if (e.$metadata?.httpStatusCode !== undefined) out.status = e.$metadata.httpStatusCode;
    if (e.$metadata?.requestId !== undefined) out.requestId = e.$metadata.requestId;
    return out;
  }
  return { name: 'Error', message: String(err) };
}

/** A message for anything thrown, including non-Error values. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  if (typeof err === 'string') return err;
  try {
    return `Non-error value thrown: ${JSON.stringify(err)}`;
  } catch {
    return `Non-error value thrown: ${String(err)}`;
  }
}

/** True for SDK errors that mean "not allowed" (so a source or destination can say which permission to check). */
export function isAccessDenied(err: unknown): boolean {
  const { name, status } = awsErrorMeta(err);
  return /AccessDenied|UnauthorizedOperation|AuthorizationError|Forbidden/i.test(name) || status === 403;
}

/**
 * True when AWS did not recognise the credentials at all: expired or deleted keys, or (the usual cause when other
 * regions work) a region the account has not enabled.
 */
export function isUnrecognizedClient(err: unknown): boolean {
  return /^(UnrecognizedClientException|InvalidClientTokenId)$/.test(awsErrorMeta(err).name);
}

/** True for throttling errors. */
export function isThrottle(err: unknown): boolean {
  const { name, status } = awsErrorMeta(err);
  return /Throttl|TooManyRequests|RequestLimitExceeded|SlowDown/i.test(name) || status === 429;
}
