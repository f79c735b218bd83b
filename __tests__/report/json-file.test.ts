/** The report's JSON file is written piece by piece, and must be exactly what JSON.stringify(report, null, 2) gives. */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jsonPieces, writeJsonFile } from '../../src/report/json-file.js';

const pretty = (v: unknown): string => JSON.stringify(v, null, 2);

describe('jsonPieces', () => {
  it('joins to JSON.stringify(value, null, 2) for any JSON-like value, at any depth', () => {
    const value = fc.letrec((tie) => ({
      any: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 2 }),
        fc.constant(undefined),
        fc.date({ noInvalidDate: true }),
        fc.array(tie('any'), { maxLength: 4 }),
        fc.dictionary(fc.string({ maxLength: 6 }), tie('any'), { maxKeys: 4 }),
      ),
    })).any;
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 4 }), (v, depth) => {
        if (v === undefined) return;
        expect([...jsonPieces(v, depth)].join('')).toBe(pretty(v));
      }),
      { numRuns: 500, seed: 20261123 },
    );
  });

  it('handles empty containers, undefined members and unicode', () => {
    const v = { a: [], b: {}, c: undefined, d: [undefined, 1, { e: 'é\u2028"' }], f: { g: { h: [[]] } } };
    for (const depth of [0, 1, 2, 3, 6]) expect([...jsonPieces(v, depth)].join('')).toBe(pretty(v));
  });
});

describe('writeJsonFile', () => {
  it('writes a large report-shaped value exactly as JSON.stringify would, with a final newline', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ts-json-'));
    const file = path.join(dir, 'report.json');
    const value = {
      schemaVersion: 1,
      findings: Array.from({ length: 5000 }, (_, i) => ({
        id: `f${i}`,
        title: `finding ${i} with "quotes" and \\ backslashes`,
        evidence: { eventIds: [`e${i}`, `e${i + 1}`], samples: [{ eventId: `e${i}`, details: { k: 'v' } }] },
      })),
      warnings: [],
    };
    await writeJsonFile(file, value);
    expect(readFileSync(file, 'utf8')).toBe(`${pretty(value)}\n`);
  });

  it('rejects with the file system error when the file cannot be written', async () => {
    await expect(writeJsonFile(path.join(tmpdir(), 'no-such-dir-ts', 'r.json'), { a: 1 })).rejects.toThrow(
      /ENOENT/,
    );
  });
});
