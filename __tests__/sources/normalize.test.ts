import { describe, expect, it } from '@jest/globals';
import {
  normalizePrincipal,
  normalizeRecord,
  parseEventTime,
  serviceOf,
} from '../../src/sources/normalize.js';
import { datasetLines } from './helpers.js';

function find(pred: (r: Record<string, unknown>) => boolean): Record<string, unknown> {
  for (const lines of datasetLines().values()) {
    for (const l of lines) {
      const r = JSON.parse(l) as Record<string, unknown>;
      if (pred(r)) return r;
    }
  }
  throw new Error('fixture not found');
}
const typeIs = (t: string) => (r: Record<string, unknown>) =>
  (r.userIdentity as { type?: string } | undefined)?.type === t;

describe('normalizeRecord over every real record', () => {
  const datasets = datasetLines();
  it.each([...datasets.keys()])(
    '%s: every record normalises or is rejected with a reason, never throws',
    (name) => {
      const lines = datasets.get(name) ?? [];
      let ok = 0;
      const reasons = new Map<string, number>();
      for (const line of lines) {
        const raw = JSON.parse(line) as unknown;
        const r = normalizeRecord(raw);
        if (r.event) {
          ok++;
          expect(Number.isFinite(r.event.timeMs)).toBe(true);
          expect(r.event.name.length).toBeGreaterThan(0);
          expect(r.event.principal.key.length).toBeGreaterThan(0);
          expect(r.event.raw).toBe(raw);
          expect(r.event.id.length).toBeGreaterThan(0);
        } else reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1);
      }
      expect(ok + [...reasons.values()].reduce((a, b) => a + b, 0)).toBe(lines.length);
      expect(ok).toBeGreaterThan(0);
    },
  );

  it('keeps the fixtures that carry a usable time and rejects the ones that do not', () => {
    let ok = 0;
    let missing = 0;
    let invalid = 0;
    for (const lines of datasets.values())
      for (const l of lines) {
        const r = normalizeRecord(JSON.parse(l));
        if (r.event) ok++;
        else if (r.reason === 'missing-time') missing++;
        else if (r.reason === 'invalid-time') invalid++;
      }
    // 875 records: 16 carry no eventTime; a few documentation examples write "..." in its place.
    expect(missing).toBe(16);
    expect(invalid).toBeGreaterThan(0);
    expect(ok).toBe(875 - missing - invalid);
  });
});

describe('principal keys per identity type (real records)', () => {
  it('IAMUser: the user ARN', () => {
    const r = find(
      (x) =>
        typeIs('IAMUser')(x) &&
        (x.userIdentity as { arn?: string }).arn === 'arn:aws:iam::123456789012:user/john.developer',
    );
    const e = normalizeRecord(r).event;
    expect(e?.principal).toMatchObject({
      type: 'IAMUser',
      key: 'arn:aws:iam::123456789012:user/john.developer',
      userName: 'john.developer',
      accessKeyId: 'AKIAI123456789EXAMPLE',
    });
  });
  it('AssumedRole: the session issuer (role) ARN, with MFA from the session attributes', () => {
    const r = find(
      (x) =>
        typeIs('AssumedRole')(x) &&
        (x.userIdentity as { arn?: string }).arn === 'arn:aws:sts::123456789012:assumed-role/tester',
    );
    const p = normalizeRecord(r).event?.principal;
    expect(p?.key).toBe('arn:aws:iam::123456789012:role/tester');
    expect(p?.sessionIssuerName).toBe('Tester');
    expect(p?.mfaAuthenticated).toBe(true);
  });
  it('Root: root@<account>', () => {
    const r = find(
      (x) => typeIs('Root')(x) && (x.userIdentity as { accountId?: string }).accountId === '111122223333',
    );
    expect(normalizeRecord(r).event?.principal.key).toBe('root@111122223333');
  });
  it('FederatedUser: the federated-user ARN when no issuer is recorded', () => {
    const r = find(typeIs('FederatedUser'));
    expect(normalizeRecord(r).event?.principal.key).toBe(
      'arn:aws:sts::123456789012:federated-user/federated-user',
    );
  });
  it('AWSAccount: account:<calling account>', () => {
    const r = find(
      (x) =>
        typeIs('AWSAccount')(x) && (x.userIdentity as { accountId?: string }).accountId === '111111111111',
    );
    const e = normalizeRecord(r).event;
    expect(e?.principal.key).toBe('account:111111111111');
    expect(e?.account).toBe('222222222222');
  });
  it('AWSService: the invoking service', () => {
    const r = find(typeIs('AWSService'));
    expect(normalizeRecord(r).event?.principal).toMatchObject({
      type: 'AWSService',
      key: 'lambda.amazonaws.com',
      invokedBy: 'lambda.amazonaws.com',
    });
  });
  it('Unknown: the most specific identifier the record has', () => {
    const r = find(typeIs('Unknown'));
    const p = normalizePrincipal(r.userIdentity);
    expect(p.type).toBe('Unknown');
    expect(p.key).toBe('unknown:<victim display name>');
  });
  it('no userIdentity type but invokedBy (service-linked KMS rotation): keyed by the account', () => {
    const r = find(
      (x) =>
        (x.userIdentity as { invokedBy?: string; type?: string } | undefined)?.invokedBy === 'AWS Internal' &&
        !(x.userIdentity as { type?: string }).type,
    );
    const p = normalizeRecord(r).event?.principal;
    expect(p?.type).toBe('Unknown');
    expect(p?.invokedBy).toBe('AWS Internal');
    expect(p?.key).toMatch(/^(AWS Internal|account:\d{12})$/);
  });
  it('IdentityCenterUser, SAMLUser and WebIdentityUser (shapes from the CloudTrail userIdentity reference)', () => {
    expect(
      normalizePrincipal({
        type: 'IdentityCenterUser',
        accountId: '123456789012',
        onBehalfOf: {
          userId: '544894e8-80c1-707f-60e3-3ba6510dfac1',
          identityStoreArn: 'arn:aws:identitystore::123456789012:identitystore/d-9067642ac7',
        },
        credentialId: 'EXAMPLEVHULjJdTUdPJfofVa1sufHDoj7aYcOYcxFVllWR_Whr1fEXAMPLE',
      }).key,
    ).toBe(
      'identitycenter:arn:aws:identitystore::123456789012:identitystore/d-9067642ac7/544894e8-80c1-707f-60e3-3ba6510dfac1',
    );
    expect(
      normalizePrincipal({
        type: 'SAMLUser',
        principalId: 'SampleUkh1i4+ExamplexL/jEvs=:SamlExample',
        userName: 'SamlExample',
        identityProvider: 'bdGOnTesti4+ExamplexL/jEvs=',
      }).key,
    ).toBe('saml:bdGOnTesti4+ExamplexL/jEvs=/SamlExample');
    expect(
      normalizePrincipal({
        type: 'WebIdentityUser',
        principalId: 'accounts.google.com:app:user',
        userName: 'user',
        identityProvider: 'accounts.google.com',
      }).key,
    ).toBe('webidentity:accounts.google.com/user');
  });
  it('AssumedRole without a session issuer: the role ARN derived from the session ARN', () => {
    expect(
      normalizePrincipal({
        type: 'AssumedRole',
        arn: 'arn:aws:sts::123456789012:assumed-role/Deploy/gh-run-1',
      }).key,
    ).toBe('arn:aws:iam::123456789012:role/Deploy');
  });
});

describe('malformed fields', () => {
  it('never throws on wrong types and drops only what is unusable', () => {
    const weird: unknown[] = [
      null,
      1,
      'x',
      [],
      { eventTime: 5, eventName: 'A' },
      { eventTime: '2024-01-01T00:00:00Z' },
      { eventTime: '2024-01-01T00:00:00Z', eventName: 7 },
    ];
    expect(weird.map((w) => normalizeRecord(w).reason)).toEqual([
      'not-an-object',
      'not-an-object',
      'not-an-object',
      'not-an-object',
      'invalid-time',
      'missing-name',
      'missing-name',
    ]);
    const r = normalizeRecord({
      eventTime: '2024-01-01T00:00:00Z',
      eventName: 'X',
      userIdentity: 'nope',
      resources: 'nope',
      readOnly: 'TRUE',
      sourceIPAddress: 12,
      awsRegion: ['us-east-1'],
    });
    expect(r.event).toMatchObject({
      readOnly: true,
      region: '',
      resources: [],
      principal: { type: 'Unknown', key: 'Unknown:unknown' },
    });
    expect(r.event?.sourceIp).toBeUndefined();
    expect(r.event?.id).toMatch(/^hash:[0-9a-f]{20}$/);
  });
  it('parses CloudTrail, Lake and exporter time formats as UTC', () => {
    expect(parseEventTime('2024-06-03T15:23:22Z')).toBe(Date.UTC(2024, 5, 3, 15, 23, 22));
    expect(parseEventTime('2024-06-03 15:23:22.123456789')).toBe(Date.UTC(2024, 5, 3, 15, 23, 22, 123));
    expect(parseEventTime('2024-06-03 15:23:22')).toBe(Date.UTC(2024, 5, 3, 15, 23, 22));
    expect(parseEventTime('...')).toBeNaN();
    expect(serviceOf('iam.amazonaws.com')).toBe('iam');
  });
});
