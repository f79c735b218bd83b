import { describe, expect, it } from '@jest/globals';
import { shortArn, spanPhrase } from '../../src/report/format.js';

describe('shortArn', () => {
  it('keeps the account and resource of an ARN, the service when there is no account', () => {
    expect(shortArn('arn:aws:iam::123456789012:role/deploy-bot')).toBe('123456789012:role/deploy-bot');
    expect(shortArn('arn:aws:sts::123456789012:assumed-role/deploy/session-1')).toBe(
      '123456789012:assumed-role/deploy/session-1',
    );
    expect(shortArn('arn:aws:s3:::twin-cloudtrail')).toBe('s3:twin-cloudtrail');
    expect(shortArn('arn:aws-us-gov:iam::xxxxxxxx9012:user/alice')).toBe('xxxxxxxx9012:user/alice');
    expect(shortArn('root@123456789012')).toBe('root@123456789012');
  });

  it('cuts a long one in the middle, keeping both ends, to exactly the limit', () => {
    const s = shortArn('arn:aws:iam::123456789012:role/stratus-red-team-ec2-get-password-data-role', 30);
    expect([...s]).toHaveLength(30);
    expect(s).toBe('123456789012:ro…word-data-role');
  });
});

describe('spanPhrase', () => {
  it('names the date once, the length in the largest unit, and a moment as one time', () => {
    expect(spanPhrase('2026-11-23T03:14:07Z', '2026-11-23T03:17:40Z')).toBe(
      '2026-11-23 03:14 → 03:17 UTC (4 min)',
    );
    expect(spanPhrase('2026-11-23T03:14:07Z', '2026-11-23T03:14:50Z')).toBe('2026-11-23 03:14 UTC');
    expect(spanPhrase('2026-11-22T20:00:00Z', '2026-11-23T07:00:00Z')).toBe(
      '2026-11-22 20:00 → 2026-11-23 07:00 UTC (11 h)',
    );
    expect(spanPhrase('2026-11-01T00:00:00Z', '2026-11-23T00:00:00Z')).toBe(
      '2026-11-01 00:00 → 2026-11-23 00:00 UTC (22 d)',
    );
    expect(spanPhrase('yesterday', 'today')).toBe('yesterday → today');
  });
});
