import { expect } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../../src/version.js';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '__golden__');

/**
 * Compares `actual` with `__golden__/<name>`; `UPDATE_GOLDEN=1` rewrites the file instead. The tool's version is
 * kept as a placeholder, so a release (scripts/release.mjs) does not rewrite every golden file.
 */
export function expectGolden(name: string, actual: string): void {
  const path = join(DIR, name);
  actual = actual.replaceAll(`TrailSight ${VERSION}`, 'TrailSight {version}');
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(path, actual, 'utf8');
    return;
  }
  if (!existsSync(path))
    throw new Error(`No golden file ${name}; run the tests with UPDATE_GOLDEN=1 to create it`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
