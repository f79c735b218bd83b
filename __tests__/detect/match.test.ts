/** The matcher language: every operator, paths through arrays and embedded JSON, and the combinators. */
import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { builtinRules } from '../../src/detect/index.js';
import {
  classMask,
  compile,
  eventClass,
  EVENT_CLASSES,
  globToRegExp,
  parseNet,
  requiredNames,
  splitPath,
  stringAt,
  valuesAt,
} from '../../src/detect/match.js';
import type { Condition } from '../../src/detect/schema.js';
import { DATASETS, ev, loadDataset } from './helpers.js';

const e = ev({
  eventName: 'AuthorizeSecurityGroupIngress',
  eventSource: 'ec2.amazonaws.com',
  sourceIPAddress: '203.0.113.7',
  userAgent: 'Boto3/1.34 Python/3.11 Linux/6.5.0-kali3-amd64',
  requestParameters: {
    groupId: 'sg-1',
    ipPermissions: {
      items: [
        { ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipRanges: { items: [{ cidrIp: '10.0.0.0/8' }] } },
        { ipProtocol: 'tcp', fromPort: 20, toPort: 25, ipv6Ranges: { items: [{ cidrIpv6: '::/0' }] } },
      ],
    },
    policyDocument: '{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}',
    count: '12',
  },
});
const t = (c: Condition): boolean => compile(c)(e, e);

describe('field operators', () => {
  it('equals on normalised and raw fields, case-sensitive unless ignoreCase', () => {
    expect(t({ field: 'name', equals: 'AuthorizeSecurityGroupIngress' })).toBe(true);
    expect(t({ field: 'service', equals: 'ec2' })).toBe(true);
    expect(t({ field: 'principal.type', equals: 'IAMUser' })).toBe(true);
    expect(t({ field: 'raw.requestParameters.groupId', equals: 'SG-1' })).toBe(false);
    expect(t({ field: 'raw.requestParameters.groupId', equals: 'SG-1', ignoreCase: true })).toBe(true);
    expect(t({ field: 'raw.requestParameters.ipPermissions.items.fromPort', equals: 20 })).toBe(true);
  });
  it('in (set), including $params', () => {
    expect(t({ field: 'region', in: ['eu-west-1', 'us-east-1'] })).toBe(true);
    expect(t({ field: 'region', in: ['eu-west-1'] })).toBe(false);
    expect(compile({ field: 'region', in: '$allowedRegions' }, { allowedRegions: ['us-east-1'] })(e, e)).toBe(
      true,
    );
    expect(() => compile({ field: 'region', in: '$nope' })).toThrow('unknown parameter $nope');
  });
  it('glob: * crosses slashes and colons (ARNs)', () => {
    expect(t({ field: 'principal.arn', glob: 'arn:aws:iam::*:user/*' })).toBe(true);
    expect(t({ field: 'principal.arn', glob: ['*:role/*', '*/bob'] })).toBe(false);
    expect(globToRegExp('a.b*').test('a.bcd/e')).toBe(true);
    expect(globToRegExp('a.b*').test('axbcd')).toBe(false);
  });
  it('regex', () => {
    expect(t({ field: 'userAgent', regex: '(^|[^a-z])kali([^a-z]|$)' })).toBe(true);
    expect(t({ field: 'userAgent', regex: '^kali' })).toBe(false);
  });
  it('cidr: the value lies inside a network (v4 and v6)', () => {
    expect(t({ field: 'sourceIp', cidr: '203.0.113.0/24' })).toBe(true);
    expect(t({ field: 'sourceIp', cidr: ['198.51.100.0/24', '2001:db8::/32'] })).toBe(false);
    expect(
      t({ field: 'raw.requestParameters.ipPermissions.items.ipRanges.items.cidrIp', cidr: '10.0.0.0/7' }),
    ).toBe(true);
    expect(parseNet('2001:db8::1')?.v6).toBe(true);
    expect(parseNet('300.1.1.1')).toBeUndefined();
    expect(() => compile({ field: 'sourceIp', cidr: 'nonsense' })).toThrow('not an IP address or network');
  });
  it('cidrCovers: the value is a network covering the world (0.0.0.0/0, ::/0)', () => {
    const world: Condition = {
      field: 'raw.requestParameters.ipPermissions.items.ipv6Ranges.items.cidrIpv6',
      cidrCovers: ['0.0.0.0/0', '::/0'],
    };
    expect(t(world)).toBe(true);
    expect(
      t({
        field: 'raw.requestParameters.ipPermissions.items.ipRanges.items.cidrIp',
        cidrCovers: '0.0.0.0/0',
      }),
    ).toBe(false);
    // Anonymised records write the world as a random address with prefix 0.
    const anon = ev({ requestParameters: { cidrIp: '208.236.235.254/0' } });
    expect(compile({ field: 'raw.requestParameters.cidrIp', cidrCovers: '0.0.0.0/0' })(anon, anon)).toBe(
      true,
    );
  });
  it('numeric gt/gte/lt/lte, also on numeric strings', () => {
    expect(t({ field: 'raw.requestParameters.count', gt: 11 })).toBe(true);
    expect(t({ field: 'raw.requestParameters.count', gte: 13 })).toBe(false);
    expect(t({ field: 'raw.requestParameters.ipPermissions.items.toPort', lt: 26 })).toBe(true);
    expect(t({ field: 'raw.requestParameters.ipPermissions.items.fromPort', lte: 19 })).toBe(false);
  });
  it('exists', () => {
    expect(t({ field: 'raw.requestParameters.groupId', exists: true })).toBe(true);
    expect(t({ field: 'raw.requestParameters.nothing', exists: false })).toBe(true);
    expect(t({ field: 'raw.requestParameters.groupId', exists: false })).toBe(false);
  });
  it('contains: substrings of strings, and of objects as JSON', () => {
    expect(t({ field: 'userAgent', contains: 'Python/3' })).toBe(true);
    expect(t({ field: 'raw.requestParameters.ipPermissions', contains: '"cidrIpv6":"::/0"' })).toBe(true);
    expect(t({ field: 'userAgent', contains: 'KALI' })).toBe(false);
    expect(t({ field: 'userAgent', contains: 'KALI', ignoreCase: true })).toBe(true);
  });
  it('walks into embedded JSON policy documents', () => {
    expect(t({ field: 'raw.requestParameters.policyDocument.Statement.Principal.AWS', equals: '*' })).toBe(
      true,
    );
    expect(valuesAt(e, ['raw', 'requestParameters', 'policyDocument', 'Statement', 'Effect'])).toEqual([
      'Allow',
    ]);
  });
  it('some: one array element satisfies every part (not parts spread over elements)', () => {
    const sameItem: Condition = {
      field: 'raw.requestParameters.ipPermissions.items',
      some: {
        all: [
          { field: 'fromPort', equals: 443 },
          { field: 'ipv6Ranges.items.cidrIpv6', equals: '::/0' },
        ],
      },
    };
    expect(t(sameItem)).toBe(false);
    const flat: Condition = {
      all: [
        { field: 'raw.requestParameters.ipPermissions.items.fromPort', equals: 443 },
        { field: 'raw.requestParameters.ipPermissions.items.ipv6Ranges.items.cidrIpv6', equals: '::/0' },
      ],
    };
    expect(t(flat)).toBe(true);
  });
  it('equalsField, endsWithField, notContainsField compare with another path of the event', () => {
    const self = ev({ requestParameters: { userName: 'alice' } });
    const other = ev({ requestParameters: { userName: 'alicia' } });
    const c: Condition = { field: 'raw.requestParameters.userName', equalsField: 'principal.userName' };
    expect(compile(c)(self, self)).toBe(true);
    expect(compile(c)(other, other)).toBe(false);
    const ends: Condition = { field: 'principal.arn', endsWithField: 'raw.requestParameters.userName' };
    expect(compile(ends)(self, self)).toBe(true);
    expect(compile(ends)(other, other)).toBe(false);
    const foreign: Condition = { field: 'raw.requestParameters.p', notContainsField: 'account' };
    const mine = ev({ requestParameters: { p: 'arn:aws:iam::111122223333:root' } });
    const theirs = ev({ requestParameters: { p: 'arn:aws:iam::999988887777:root' } });
    expect(compile(foreign)(mine, mine)).toBe(false);
    expect(compile(foreign)(theirs, theirs)).toBe(true);
  });
});

describe('paths', () => {
  // Predicates and stringAt take a loop for plain property paths and hand anything else to the general walk; on
  // every kind of path they must give what the general walk (valuesAt) gives.
  const doc = {
    a: { b: 'x', n: null, zero: 0, no: false, empty: '', obj: { k: 'v' } },
    list: [{ b: 'first' }, { b: null }, { c: 1 }, { b: 'last' }],
    nulls: [null, null],
    nested: [[{ b: 'deep' }]],
    json: '{"Statement":[{"Effect":"Deny"},{"Effect":"Allow"}]}',
    text: 'not json',
    map: { one: { b: 'm1' }, two: { b: 'm2' } },
  };
  const paths = [
    'a.b',
    'a.n',
    'a.zero',
    'a.no',
    'a.empty',
    'a.obj',
    'a.obj.k',
    'a.missing',
    'a.missing.deeper',
    'a.n.deeper',
    'a.b.deeper',
    'list',
    'list.b',
    'list.c',
    'nulls',
    'nested.b',
    'json.Statement.Effect',
    'json',
    'text',
    'text.x',
    'map.*.b',
    'map.*',
    'missing',
  ];
  it.each(paths)('%s', (path) => {
    const segs = splitPath(path);
    const all = valuesAt(doc, segs);
    const present = all.some((v) => v !== null && v !== '');
    expect(compile({ field: path, exists: true })(doc, doc)).toBe(present);
    expect(compile({ field: path, exists: false })(doc, doc)).toBe(!present);
    const first = all.find((v) => v !== null);
    const rendered =
      first === undefined ? '' : typeof first === 'object' ? JSON.stringify(first) : String(first);
    expect(stringAt(doc, segs)).toBe(rendered);
    for (const v of all) {
      if (v === null || typeof v === 'object') continue;
      expect(compile({ field: path, equals: String(v) })(doc, doc)).toBe(true);
    }
    expect(compile({ field: path, equals: 'no such value' })(doc, doc)).toBe(false);
    expect(compile({ field: path, in: [null] })(doc, doc)).toBe(all.includes(null));
  });
});

describe('combinators', () => {
  it('all, any, not', () => {
    const yes: Condition = { field: 'service', equals: 'ec2' };
    const no: Condition = { field: 'service', equals: 's3' };
    expect(t({ all: [yes, yes] })).toBe(true);
    expect(t({ all: [yes, no] })).toBe(false);
    expect(t({ any: [no, yes] })).toBe(true);
    expect(t({ any: [no, no] })).toBe(false);
    expect(t({ not: no })).toBe(true);
    expect(t({ not: { any: [no, yes] } })).toBe(false);
  });
  it('requiredNames indexes rules by event name only when the condition pins it', () => {
    expect([
      ...(requiredNames({
        all: [
          { field: 'name', in: ['A', 'B'] },
          { field: 'x', exists: true },
        ],
      }) ?? []),
    ]).toEqual(['A', 'B']);
    expect(
      requiredNames({
        any: [
          { field: 'name', equals: 'A' },
          { field: 'x', exists: true },
        ],
      }),
    ).toBeUndefined();
    expect(requiredNames({ not: { field: 'name', equals: 'A' } })).toBeUndefined();
  });
});

describe('event classes', () => {
  const classes = (c: Condition): number[] =>
    Array.from({ length: EVENT_CLASSES }, (_, k) => k).filter((k) => (classMask(c) & (1 << k)) !== 0);
  const cls = (errorCode: string | undefined, readOnly: boolean | undefined, type: string): number =>
    eventClass({ errorCode, readOnly, principal: { type } });

  it('a condition that pins the principal type, an error or readOnly rules the other classes out', () => {
    const root = classes({ field: 'principal.type', equals: 'Root' });
    expect(root).toContain(cls(undefined, true, 'Root'));
    expect(root).toContain(cls('AccessDenied', false, 'Root'));
    expect(root).not.toContain(cls(undefined, true, 'AssumedRole'));
    expect(root).not.toContain(cls(undefined, true, 'AWSService'));
    // Types without a class of their own share one: a rule on one of them runs for all of them.
    const service = classes({ field: 'principal.type', in: ['AWSService'] });
    expect(service).toContain(cls(undefined, true, 'FederatedUser'));
    expect(service).not.toContain(cls(undefined, true, 'IAMUser'));
    const denied = classes({ field: 'errorCode', regex: '^AccessDenied' });
    expect(denied).toContain(cls('AccessDenied', undefined, 'IAMUser'));
    expect(denied).not.toContain(cls(undefined, undefined, 'IAMUser'));
    const writes = classes({ field: 'readOnly', equals: false });
    expect(writes).toContain(cls(undefined, false, 'Root'));
    expect(writes).not.toContain(cls(undefined, true, 'Root'));
    expect(writes).not.toContain(cls(undefined, undefined, 'Root'));
    expect(classes({ field: 'readOnly', equals: true })).not.toContain(cls(undefined, false, 'Root'));
  });

  it('combinators: all narrows, any widens, not and field-free forms allow every class', () => {
    const all = Array.from({ length: EVENT_CLASSES }, (_, k) => k);
    const root: Condition = { field: 'principal.type', equals: 'Root' };
    const user: Condition = { field: 'principal.type', equals: 'IAMUser' };
    const failed: Condition = { field: 'errorCode', exists: true };
    expect(classes({ all: [root, failed] })).toEqual([cls('x', undefined, 'Root'), cls('x', false, 'Root')]);
    expect(classes({ any: [root, user] })).toHaveLength(8);
    expect(classes({ not: root })).toEqual(all);
    expect(classes({ field: 'errorCode', exists: false })).toEqual(all);
    expect(classes({ field: 'principal.type', equals: 'root', ignoreCase: true })).toEqual(all);
    expect(classes({ field: 'principal.type', in: '$types' })).toEqual(all);
    expect(classes({ field: 'raw.requestParameters', some: { field: 'errorCode', exists: true } })).toEqual(
      all,
    );
    expect(classes({ field: 'name', equals: 'ConsoleLogin' })).toEqual(all);
  });

  it('never rules out an event a built-in rule matches (every dataset record, as each kind of caller)', () => {
    const rules = builtinRules();
    const compiled = rules.map((r) => ({
      id: r.id,
      match: compile(r.match, { allowedRegions: ['us-east-1'] }),
      mask: classMask(r.match),
    }));
    let matched = 0;
    for (const folder of readdirSync(DATASETS, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const { event } of loadDataset(folder.name)) {
        // Each record also as made by every kind of caller, failed and not, read-only and not: every class.
        for (const type of ['Root', 'AssumedRole', 'IAMUser', 'AWSService'])
          for (const errorCode of [event.errorCode, undefined, 'AccessDenied'])
            for (const readOnly of [event.readOnly, true, false, undefined]) {
              const e = { ...event, errorCode, readOnly, principal: { ...event.principal, type } };
              const k = eventClass(e);
              for (const r of compiled) {
                if (!r.match(e, e)) continue;
                matched++;
                if ((r.mask & (1 << k)) === 0) throw new Error(`${r.id} matches an event of class ${k}`);
              }
            }
      }
    }
    // The check ran over real matches, not an empty set.
    expect(matched).toBeGreaterThan(1000);
  });
});
