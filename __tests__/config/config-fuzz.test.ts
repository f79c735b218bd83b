import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { INPUTS, readConfig } from '../../src/config/index.js';
import { parseCliArgs } from '../../src/config/cli-args.js';
import { ConfigError } from '../../src/errors.js';

const now = new Date('2026-11-23T12:00:00Z');
const names = INPUTS.map((i) => i.name);

// Values near the accepted shapes find more edge cases than uniform noise alone.
const plausible = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '',
    ' ',
    'true',
    'false',
    '0',
    '-1',
    '24h',
    '0h',
    '90d',
    '91d',
    '999999999d',
    'high',
    'severe',
    's3',
    'file',
    'lookup',
    'lake',
  ),
  fc.constantFrom(
    'arn:aws:iam::123456789012:role/x',
    'arn:aws:sns:us-east-1:123456789012:t',
    'us-east-1',
    'eu-west-3',
    'twin-batch',
  ),
  fc.constantFrom(
    '2026-11-22T00:00:00Z',
    '2026-13-40T99:00:00Z',
    '2026-11-22',
    'yesterday',
    '\u0000',
    'a,b,,c\n\nd',
  ),
  fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
);

describe('configuration under random input', () => {
  it('either yields a frozen config or one ConfigError whose every line names an input', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...names), plausible, { maxKeys: 12 }), (raw) => {
        try {
          const c = readConfig(raw, { now, env: { AWS_REGION: 'us-east-1' } });
          expect(Object.isFrozen(c)).toBe(true);
          expect(c.window.start.getTime()).toBeLessThan(c.window.end.getTime());
        } catch (err) {
          expect(err).toBeInstanceOf(ConfigError);
          const problems = (err as ConfigError).problems;
          expect(problems.length).toBeGreaterThan(0);
          for (const p of problems) expect(p).toMatch(/`[a-z-]+`/);
        }
      }),
      { numRuns: 2000, seed: 42 },
    );
  });

  it('CLI argument parsing never throws anything but a ConfigError', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom(...names.map((n) => `--${n}`)), fc.constant('--')), {
          maxLength: 10,
        }),
        (rest) => {
          try {
            parseCliArgs(['analyze', ...rest]);
          } catch (err) {
            expect(err).toBeInstanceOf(ConfigError);
          }
        },
      ),
      { numRuns: 2000, seed: 7 },
    );
  });
});
