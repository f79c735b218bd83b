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
    const src = path.resolve('src/memory.ts');
    // 80 MB live, a full collection, then that freed and another: the growth set after each.
    const out = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `const m = await import(${JSON.stringify(src)});
         const settle = () => new Promise((r) => setTimeout(r, 50));
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
      ],
      { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
    );
    const r = JSON.parse(out.trim()) as { start: number; large: number; small: number };
    expect(r.large).toBe(HEAP_GROWING_PERCENT);
    expect(r.small).toBeGreaterThan(HEAP_GROWING_PERCENT);
    expect(r.start).toBeGreaterThan(HEAP_GROWING_PERCENT);
  });

  it('leaves a --heap-growing-percent given to node alone', () => {
    const src = path.resolve('src/memory.ts');
    const run = (flags: string[]): string =>
      execFileSync(
        process.execPath,
        [
          ...flags,
          '--import',
          'tsx',
          '-e',
          `const m = await import(${JSON.stringify(src)}); console.log(m.applyMemoryPolicy());`,
        ],
        { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
      ).trim();
    expect(run(['--heap-growing-percent=10'])).toBe('false');
    expect(run([])).toBe('true');
  });
});

describe('collectGarbage', () => {
  it('runs a full collection on this runtime, in a plain node process as the action runs', () => {
    const src = path.resolve('src/memory.ts');
    // Garbage that only a collection frees: the heap in use must fall once it runs.
    const out = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `const m = await import(${JSON.stringify(src)});
         let junk = Array.from({ length: 400000 }, (_, i) => ({ i, s: 'x' + i }));
         junk = undefined;
         const before = process.memoryUsage().heapUsed;
         const ran = m.collectGarbage();
         const after = process.memoryUsage().heapUsed;
         console.log(JSON.stringify({ ran, freedMb: (before - after) / 1048576, again: m.collectGarbage() }));`,
      ],
      { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
    );
    const r = JSON.parse(out.trim()) as { ran: boolean; freedMb: number; again: boolean };
    expect(r.ran).toBe(true);
    expect(r.again).toBe(true);
    expect(r.freedMb).toBeGreaterThan(10);
  });
});
