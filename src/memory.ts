import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * How far V8 lets the heap grow past what was live after each full collection, in percent, once the live heap is
 * large. Node's default lets a streaming pass (parsed records that die a moment later) grow the heap to two or three
 * times its live size; at 30% a 1,000,000-event window stayed under the 400 MB bound for about 5-15% more time in the
 * collector (`npm run load`, 2026-11-23, 81 rules; with 85 rules on 2026-12-05 the rules-only run peaked at 456 MB,
 * 429 MB once the AWS SDK was loaded only when used, 369-371 MB once findings let go of the events they hold every
 * 256 events, 362 MB with leaner evidence; the batch path 421-454 MB, what the engine and the model's digest keep
 * being most of it). It can only be set from inside the process: GitHub runs `node dist/index.js` without flags.
 */
export const HEAP_GROWING_PERCENT = 30;

/**
 * While the live heap is small, 30% of it is a few MB: a full collection then comes every few MB of survivors, and
 * each marks the whole heap. Under SMALL_HEAP_MB of live heap the growth allowed is HEAP_GROWTH_FLOOR_MB (at most
 * doubling the heap); from SMALL_HEAP_MB on it is HEAP_GROWING_PERCENT, so a large heap grows as before. Measured on
 * 2026-12-05, 1,000,000 events, CLI rules-only, alternating runs against growth fixed at 30%: trail mix (live heap
 * 15-45 MB) 22 full collections instead of 46 (136 ms of pauses and 334 ms of marking steps instead of 302 and 747),
 * 17.8-19.2 s and 22.3-23.8 s of CPU against 18.1-19.9 s and 23.1-25.6 s, peak RSS alike (216-220 MB against
 * 220-225); attack mix (live heap up to ~190 MB) 38.0-42.4 s against 38.9-43.9 s, 383-396 MB against 378-387 MB.
 * Growth fixed at 60% or 100% for the whole run was as fast on the trail mix but cost 5-15 MB more there.
 */
export const HEAP_GROWTH_FLOOR_MB = 40;
const SMALL_HEAP_MB = 48;
const HEAP_GROWING_MAX_PERCENT = 100;

/** The heap growth, in percent, for a live heap of `liveBytes` (see HEAP_GROWTH_FLOOR_MB). */
export function growingPercentFor(liveBytes: number): number {
  if (liveBytes >= SMALL_HEAP_MB * 1_048_576) return HEAP_GROWING_PERCENT;
  const floor = (HEAP_GROWTH_FLOOR_MB * 1_048_576 * 100) / Math.max(liveBytes, 1);
  return Math.round(Math.min(HEAP_GROWING_MAX_PERCENT, Math.max(HEAP_GROWING_PERCENT, floor)));
}

let growing: number | undefined;

/** The heap growth the policy last set, in percent (undefined before applyMemoryPolicy or when the runtime refused). */
export function heapGrowingPercent(): number | undefined {
  return growing;
}

let watcher: PerformanceObserver | undefined;

function setGrowing(percent: number): boolean {
  if (percent === growing) return true;
  try {
    setFlagsFromString(`--heap-growing-percent=${percent}`);
    growing = percent;
    return true;
  } catch {
    return false;
  }
}

/**
 * Applies the memory policy before any work starts, and keeps the heap growth in step with the live heap after each
 * full collection (a GC observer; it does not keep the process alive). The flag is read by V8 at every heap-limit
 * decision, so setting it at run time takes effect; a runtime that rejects it only loses the tuning, never the run.
 */
export function applyMemoryPolicy(): boolean {
  if (process.execArgv.some((a) => a.startsWith('--heap-growing-percent'))) return false;
  if (!setGrowing(growingPercentFor(getHeapStatistics().used_heap_size))) return false;
  if (!watcher) {
    try {
      watcher = new PerformanceObserver((list) => {
        const full = list
          .getEntries()
          .some(
            (e) => (e as { detail?: { kind?: number } }).detail?.kind !== constants.NODE_PERFORMANCE_GC_MINOR,
          );
        if (full) setGrowing(growingPercentFor(getHeapStatistics().used_heap_size));
      });
      watcher.observe({ entryTypes: ['gc'] });
    } catch {
      watcher = undefined;
    }
  }
  return true;
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
