import { describe, expect, it } from '@jest/globals';
import type { Config } from '../../src/config/types.js';
import { createEventFilter, globToRegExp } from '../../src/sources/filters.js';
import { normalizeRecord } from '../../src/sources/normalize.js';
import type { TrailEvent } from '../../src/types.js';
import { allRecords, testConfig } from './helpers.js';

const events: TrailEvent[] = allRecords().flatMap((r) => {
  const e = normalizeRecord(r).event;
  return e ? [e] : [];
});
const f = (over: Partial<Config['filters']>) =>
  events.filter(createEventFilter({ ...testConfig().filters, ...over }));

describe('filters', () => {
  it('passes everything with the defaults', () => {
    expect(f({})).toHaveLength(events.length);
  });
  it('include-read-only false drops only events that say readOnly=true', () => {
    const kept = f({ includeReadOnly: false });
    expect(kept.every((e) => e.readOnly !== true)).toBe(true);
    expect(kept.length).toBe(events.filter((e) => e.readOnly !== true).length);
    expect(kept.some((e) => e.readOnly === undefined)).toBe(true);
  });
  it('services by short name or event source, include and exclude', () => {
    expect(f({ includeServices: ['iam'] }).every((e) => e.source === 'iam.amazonaws.com')).toBe(true);
    expect(f({ includeServices: ['iam.amazonaws.com'] })).toHaveLength(
      f({ includeServices: ['iam'] }).length,
    );
    expect(f({ excludeServices: ['iam', 's3'] }).some((e) => e.service === 'iam' || e.service === 's3')).toBe(
      false,
    );
  });
  it('event names by glob, case-insensitive', () => {
    const del = f({ includeEvents: ['Delete*'] });
    expect(del.length).toBeGreaterThan(0);
    expect(del.every((e) => e.name.startsWith('Delete'))).toBe(true);
    expect(f({ includeEvents: ['consolelogin'] }).every((e) => e.name === 'ConsoleLogin')).toBe(true);
    expect(
      f({ excludeEvents: ['Describe*', 'List*', 'Get*'] }).some((e) => /^(Describe|List|Get)/.test(e.name)),
    ).toBe(false);
  });
  it('principals by ARN, user name, session issuer name or glob', () => {
    expect(
      f({ includePrincipals: ['arn:aws:iam::123456789012:user/john.developer'] }).every(
        (e) => e.principal.userName === 'john.developer',
      ),
    ).toBe(true);
    expect(f({ includePrincipals: ['john.developer'] }).length).toBeGreaterThan(0);
    const tester = f({ includePrincipals: ['Tester'] });
    expect(tester.length).toBeGreaterThan(0);
    expect(
      tester.every((e) =>
        [e.principal.sessionIssuerName, e.principal.userName, e.principal.principalId].some(
          (v) => v?.toLowerCase() === 'tester',
        ),
      ),
    ).toBe(true);
    const roles = f({ includePrincipals: ['arn:aws:iam::*:role/*'] });
    expect(roles.length).toBeGreaterThan(0);
    expect(
      roles.every(
        (e) => /:role\//.test(e.principal.key) || /:role\//.test(e.principal.sessionIssuerArn ?? ''),
      ),
    ).toBe(true);
    expect(
      f({ excludePrincipals: ['root@*'] }).some(
        (e) => e.principal.type === 'Root' && e.principal.key.startsWith('root@'),
      ),
    ).toBe(false);
  });
  it('globs: * crosses / and :, specials are literal', () => {
    expect(globToRegExp('arn:aws:iam::*:role/*').test('arn:aws:iam::1:role/a/b')).toBe(true);
    expect(globToRegExp('a.b').test('axb')).toBe(false);
    expect(globToRegExp('Get?').test('GetX')).toBe(true);
  });
});
