/** The start-up memory policy: V8 accepts the heap-growth flag at run time, and a flag given on the command line wins. */
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  applyMemoryPolicy,
  growingPercentFor,
  HEAP_GROWING_PERCENT,
  HEAP_GROWTH_FLOOR_MB,
} from '../src/memory.js';

/**
 * Runs `body` in a plain node process (as the action runs: no flags of jest's, NODE_OPTIONS cleared) with `m` bound
 * to src/memory.ts; its standard output, trimmed.
 */
function inChild(body: string, flags: string[] = []): string {
  const src = path.resolve('src/memory.ts');
  return execFileSync(
    process.execPath,
    [...flags, '--import', 'tsx', '-e', `const m = await import(${JSON.stringify(src)});\n${body}`],
    { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
  ).trim();
}

describe('applyMemoryPolicy', () => {
  it('sets the heap growth on this runtime', () => {
    expect(HEAP_GROWING_PERCENT).toBeGreaterThan(0);
    expect(applyMemoryPolicy()).toBe(true);
  });

  it('lets a small live heap grow by HEAP_GROWTH_FLOOR_MB (at most doubling), and a large one by 30%', () => {
    const mb = 1_048_576;
    expect(growingPercentFor(0)).toBe(100);
    expect(growingPercentFor(10 * mb)).toBe(100);
    expect(growingPercentFor(HEAP_GROWTH_FLOOR_MB * mb)).toBe(100);
    expect(growingPercentFor(45 * mb)).toBe(Math.round((HEAP_GROWTH_FLOOR_MB / 45) * 100));
    expect(growingPercentFor(48 * mb)).toBe(HEAP_GROWING_PERCENT);
    expect(growingPercentFor(400 * mb)).toBe(HEAP_GROWING_PERCENT);
  });

  it('follows the live heap after each full collection', () => {
    // 80 MB live, a full collection, then that freed and another: the growth set after each.
    const out = inChild(
      `const settle = () => new Promise((r) => setTimeout(r, 50));
       m.applyMemoryPolicy();
       const start = m.heapGrowingPercent();
       let big = Array.from({ length: 1_000_000 }, (_, i) => ({ i, s: 'x' + i }));
       m.collectGarbage();
       await settle();
       const large = m.heapGrowingPercent();
       big = undefined;
       m.collectGarbage();
       await settle();
       console.log(JSON.stringify({ start, large, small: m.heapGrowingPercent() }));`,
    );
    const r = JSON.parse(out) as { start: number; large: number; small: number };
    expect(r.large).toBe(HEAP_GROWING_PERCENT);
    expect(r.small).toBeGreaterThan(HEAP_GROWING_PERCENT);
    expect(r.start).toBeGreaterThan(HEAP_GROWING_PERCENT);
  });

  it('leaves a --heap-growing-percent given to node alone', () => {
    const run = (flags: string[]): string => inChild('console.log(m.applyMemoryPolicy());', flags);
    expect(run(['--heap-growing-percent=10'])).toBe('false');
    expect(run([])).toBe('true');
  });
});

describe('collectGarbage', () => {
  it('runs a full collection on this runtime, in a plain node process as the action runs', () => {
    // Garbage that only a collection frees: the heap in use must fall once it runs.
    const out = inChild(
      `let junk = Array.from({ length: 400000 }, (_, i) => ({ i, s: 'x' + i }));
       junk = undefined;
       const before = process.memoryUsage().heapUsed;
       const ran = m.collectGarbage();
       const after = process.memoryUsage().heapUsed;
       console.log(JSON.stringify({ ran, freedMb: (before - after) / 1048576, again: m.collectGarbage() }));`,
    );
    const r = JSON.parse(out) as { ran: boolean; freedMb: number; again: boolean };
    expect(r.ran).toBe(true);
    expect(r.again).toBe(true);
    expect(r.freedMb).toBeGreaterThan(10);
  });
});
