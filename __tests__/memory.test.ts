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
