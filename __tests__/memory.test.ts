/** The start-up memory policy: V8 accepts the heap-growth flag at run time, and a flag given on the command line wins. */
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { applyMemoryPolicy, HEAP_GROWING_PERCENT } from '../src/memory.js';

describe('applyMemoryPolicy', () => {
  it('sets the heap growth on this runtime', () => {
    expect(HEAP_GROWING_PERCENT).toBeGreaterThan(0);
    expect(applyMemoryPolicy()).toBe(true);
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
