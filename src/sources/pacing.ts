import { isThrottle } from '../errors.js';
import type { Clock } from '../types.js';

/** Spaces calls at most `ratePerSecond` apart on the injected clock (so tests pace on virtual time). */
export class RateLimiter {
  private next = 0;
  private readonly gapMs: number;

  constructor(
    ratePerSecond: number,
    private readonly clock: Clock,
  ) {
    this.gapMs = ratePerSecond > 0 ? 1000 / ratePerSecond : 0;
  }

  /** Waits until the next call is allowed, then books the slot after it. */
  async take(signal?: AbortSignal): Promise<void> {
    const now = this.clock.now().getTime();
    const at = Math.max(now, this.next);
    this.next = at + this.gapMs;
    if (at > now) await this.clock.sleep(at - now, signal);
  }
}

export interface RetryOptions {
  clock: Clock;
  /** Total attempts, the first included. */
  attempts: number;
  baseMs?: number;
  capMs?: number;
  signal?: AbortSignal;
  random?: () => number;
  onRetry?: (attempt: number, delayMs: number, err: unknown) => void;
}

/** Retries `fn` on throttling only, with full-jitter exponential backoff on the injected clock; bounded by `attempts`. */
export async function retryThrottled<T>(fn: () => Promise<T>, opts: RetryOptions): Promise<T> {
  const base = opts.baseMs ?? 500;
  const cap = opts.capMs ?? 20_000;
  const random = opts.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isThrottle(err) || attempt >= opts.attempts) throw err;
      // Full jitter keeps parallel regions from retrying in lock-step against the same quota.
      const delay = Math.round(random() * Math.min(cap, base * 2 ** (attempt - 1))) + base;
      opts.onRetry?.(attempt, delay, err);
      await opts.clock.sleep(delay, opts.signal);
    }
  }
}
