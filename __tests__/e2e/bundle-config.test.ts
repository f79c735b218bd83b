import { describe, expect, it } from '@jest/globals';
import { errorAnnotations, runAction } from '../../scripts/run-action.js';

describe('dist/index.js with a broken configuration', () => {
  it('exits non-zero with one message naming every bad input', async () => {
    const run = await runAction({
      inputs: { lookback: '3x', 'fail-on': 'severe', source: 's3', 'aws-region': 'us-east-1' },
    });
    expect(run.exitCode).toBe(1);
    const errors = errorAnnotations(run.stdout);
    expect(errors).toHaveLength(1);
    const [message] = errors;
    expect(message).toMatch(/Invalid configuration \(3 problems\)/);
    expect(message).toMatch(/`lookback`: "3x" is not valid/);
    expect(message).toMatch(
      /`fail-on`: "severe" is not valid; use one of: none, info, low, medium, high, critical/,
    );
    expect(message).toMatch(/`trail-bucket`: required with `source: s3`/);
    expect(run.outputs.status).toBe('failed');
  });

  it('asks for `id-token: write` when OIDC is wanted but the job cannot mint a token', async () => {
    const run = await runAction({
      inputs: {
        'aws-region': 'us-east-1',
        'role-to-assume': 'arn:aws:iam::123456789012:role/trailsight',
        engine: 'rules-only',
      },
    });
    expect(run.exitCode).toBe(1);
    expect(errorAnnotations(run.stdout).join('\n')).toMatch(/permissions: id-token: write/);
  });
});
