import { describe, expect, it } from '@jest/globals';
import { instanceSession } from '../../src/detect/instance-credentials.js';
import { normalizeRecord } from '../../src/sources/normalize.js';
import type { TrailEvent } from '../../src/types.js';

/** An AssumedRole call whose session name is not an instance id; `delivery` adds sessionContext.ec2RoleDelivery. */
function roleCall(delivery: boolean): TrailEvent {
  const r = normalizeRecord({
    eventVersion: '1.08',
    eventID: delivery ? 'e-1' : 'e-2',
    eventTime: '2024-03-01T10:00:00Z',
    eventSource: 's3.amazonaws.com',
    eventName: 'ListBuckets',
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.7',
    recipientAccountId: '123456789012',
    userIdentity: {
      type: 'AssumedRole',
      principalId: 'AROAEXAMPLE:web-worker',
      arn: 'arn:aws:sts::123456789012:assumed-role/WebRole/web-worker',
      accountId: '123456789012',
      sessionContext: {
        sessionIssuer: { type: 'Role', arn: 'arn:aws:iam::123456789012:role/WebRole', userName: 'WebRole' },
        ...(delivery ? { ec2RoleDelivery: '2.0' } : {}),
      },
    },
  });
  if (!r.event) throw new Error(r.reason);
  return r.event;
}

describe('instanceSession', () => {
  it('knows an instance role session by its EC2 role delivery, from the normalised principal', () => {
    const e = roleCall(true);
    expect(e.principal.ec2RoleDelivery).toBe(true);
    expect(instanceSession(e)).toBe('arn:aws:sts::123456789012:assumed-role/WebRole/web-worker');
    expect(roleCall(false).principal.ec2RoleDelivery).toBe(false);
    expect(instanceSession(roleCall(false))).toBeUndefined();
  });

  it('reads the record when a source built the principal without the flag', () => {
    const bare = (e: TrailEvent): TrailEvent => {
      const { ec2RoleDelivery: _, ...principal } = e.principal;
      return { ...e, principal };
    };
    expect(instanceSession(bare(roleCall(true)))).toBe(
      'arn:aws:sts::123456789012:assumed-role/WebRole/web-worker',
    );
    expect(instanceSession(bare(roleCall(false)))).toBeUndefined();
  });
});
