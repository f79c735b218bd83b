import { describe, expect, it } from '@jest/globals';
import { costUsd, DEFAULT_MODEL_ID, parsePriceOverrides, priceFor } from '../../src/analyze/pricing.js';

describe('pricing', () => {
  it('prices model ids and inference profiles, with batch at half the on-demand price', () => {
    const h3 = priceFor('anthropic.claude-3-haiku-20240307-v1:0');
    expect(h3).toMatchObject({
      known: true,
      price: { input: 0.25, output: 1.25, batchInput: 0.125, batchOutput: 0.625 },
    });
    // The seed's own figures: 12M input + 1M output tokens of Claude 3 Haiku on demand is about $4.25.
    expect(costUsd(h3.price, 12e6, 1e6, false)).toBeCloseTo(4.25, 2);
    expect(priceFor('global.anthropic.claude-haiku-4-5-20251001-v1:0').price.input).toBe(1);
    expect(priceFor(DEFAULT_MODEL_ID).price.input).toBeCloseTo(1.1, 6);
    expect(
      priceFor(
        'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      ).name,
    ).toBe('Claude Sonnet 4.5');
  });

  it('prices an unknown model at the most expensive row and says so', () => {
    const p = priceFor('meta.llama9');
    expect(p.known).toBe(false);
    expect(p.price.output).toBe(75);
  });

  it('takes overrides by exact id', () => {
    const o = parsePriceOverrides('{"my-profile": {"input": 2, "output": 4}}');
    expect(priceFor('my-profile', o).price).toEqual({ input: 2, output: 4, batchInput: 1, batchOutput: 2 });
    expect(() => parsePriceOverrides('{"x": {"input": "cheap"}}')).toThrow(/numeric/);
  });
});
