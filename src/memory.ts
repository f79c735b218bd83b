import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * How far V8 lets the heap grow past what was live after each full collection, in percent. Node's default lets a
 * streaming pass (parsed records that die a moment later) grow the heap to two or three times its live size; at 30%
 * a 1,000,000-event window stayed under the 400 MB bound for about 5-15% more time in the collector (`npm run load`,
 * 2026-11-23, 81 rules; with 85 rules on 2026-12-05 the rules-only run peaked at 456 MB, 429 MB once the AWS SDK
 * was loaded only when used, 369-371 MB once findings let go of the events they hold every 256 events; the batch
 * path 432-454 MB, what the engine and the model's digest keep being most of it). On 1,000,000 trail-mix events: 30%
 * 25.2 s / 267 MB, 60% 24.7 s / 276 MB, 100% 23.0 s / 295 MB. It can only be set from inside the process: GitHub
 * runs `node dist/index.js` without flags.
 */
export const HEAP_GROWING_PERCENT = 30;

/**
 * Applies the memory policy before any work starts. The flag is read by V8 at every heap-limit decision, so setting
 * it at run time takes effect; a runtime that rejects it only loses the tuning, never the run.
 */
export function applyMemoryPolicy(percent = HEAP_GROWING_PERCENT): boolean {
  if (process.execArgv.some((a) => a.startsWith('--heap-growing-percent'))) return false;
  try {
    setFlagsFromString(`--heap-growing-percent=${percent}`);
    return true;
  } catch {
    return false;
  }
}

let gc: (() => void) | null | undefined;

/**
 * A full collection, where the runtime allows one to be asked for. Called between stages (the end of reading,
 * before the model input is built): the read phase leaves much garbage, and a stage that allocates on top of it
 * grows the heap past the read phase's own peak instead of reusing the space. Best effort: a runtime that does
 * not allow it only loses the tuning.
 */
export function collectGarbage(): boolean {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const fn: unknown = runInNewContext('gc');
      gc = typeof fn === 'function' ? (fn as () => void) : null;
    } catch {
      gc = null;
    }
  }
  if (!gc) return false;
  gc();
  return true;
}
