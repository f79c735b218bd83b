import { describe, expect, it } from '@jest/globals';
import {
  codeBlock,
  codeSpan,
  defangUrl,
  htmlText,
  isAllowedUrl,
  mdBlock,
  mdInline,
  plainText,
  stripControl,
  asciiLine,
} from '../../src/report/sanitize.js';
import { redactText, FULL_REDACTION, NO_REDACTION } from '../../src/report/redact.js';
import { HOSTILE } from './hostile.js';

const ZWJ = '\u200D';

describe('sanitize', () => {
  it('neutralises mentions and issue references', () => {
    const out = mdInline('ping @octocat and @octo-org/team, fixes #12 and GH-3, mail a@b.example');
    expect(out).not.toMatch(/@[A-Za-z0-9]/);
    expect(out).toContain(`@${ZWJ}octocat`);
    expect(out).not.toMatch(/#\d/);
    expect(out).not.toMatch(/GH-\d/);
  });

  it('escapes raw HTML and images and kills Markdown links', () => {
    const out = mdInline(
      '<img src=x onerror=alert(1)> ![a](https://evil.example/a.png) [b](https://evil.example)',
    );
    expect(out).not.toMatch(/<img|<[a-z]/i);
    expect(out).not.toContain('![');
    expect(out).not.toMatch(/(?<!\\)\[/);
    expect(out).toContain('&#60;img');
  });

  it('keeps AWS console and docs links, defangs every other URL', () => {
    expect(isAllowedUrl('https://docs.aws.amazon.com/IAM/latest/UserGuide/x.html')).toBe(true);
    expect(
      isAllowedUrl('https://us-east-1.console.aws.amazon.com/cloudtrailv2/home?region=us-east-1#/events/abc'),
    ).toBe(true);
    expect(isAllowedUrl('https://aws.amazon.com.evil.example/')).toBe(false);
    expect(isAllowedUrl('http://docs.aws.amazon.com/')).toBe(false);
    expect(isAllowedUrl('https://user@docs.aws.amazon.com/')).toBe(false);
    const out = mdInline(
      'see https://docs.aws.amazon.com/x.html. Or https://evil.example/x or www.evil.example',
    );
    expect(out).toContain('<https://docs.aws.amazon.com/x.html>.');
    expect(out).not.toMatch(/https?:\/\/evil/);
    expect(out).not.toMatch(/www\.evil/);
    expect(defangUrl('https://evil.example/a')).toBe('hxxps[:]//evil[.]example/a');
  });

  it('keeps a table cell one cell and one line', () => {
    const out = mdInline('a | b\nc');
    expect(out).toBe('a \\| b c');
    expect(codeSpan('x|y', { table: true })).toBe('`x\\|y`');
  });

  it('builds code spans and fences the content cannot close', () => {
    expect(codeSpan('a `b` c')).toBe('``a `b` c``');
    expect(codeSpan('`x')).toBe('`` `x ``');
    const block = codeBlock('```\nbreak out\n`````');
    expect(block.startsWith('``````\n')).toBe(true);
    expect(block.endsWith('\n``````')).toBe(true);
  });

  it('strips bidi, zero-width and control characters', () => {
    expect(stripControl('a\u202Eb\u2066c\u2069d\u200Be\u0007f\uFEFFg')).toBe('abcdefg');
    expect(asciiLine('Tr\u00e4il\u202E\nSight 🚨')).toBe('Trail Sight');
  });

  it('keeps multi-line text from opening blocks', () => {
    const out = mdBlock('# heading\n> quote\n- item\n1. one\n    code\n\n```\nfence');
    for (const line of out.split('\n')) {
      expect(line).not.toMatch(/^(#|>|-|\d+\.|\s{4}|```)/);
    }
  });

  it('makes raw-HTML text inert', () => {
    const out = htmlText('</summary><b>x</b> @octocat https://docs.aws.amazon.com/x');
    expect(out).not.toMatch(/<\/?[a-z]/i);
    expect(out).not.toMatch(/@[a-z]/i);
    expect(out).not.toContain('https://');
  });

  it('plain text keeps AWS links, defangs others, drops controls', () => {
    expect(plainText('go https://evil.example/x and https://docs.aws.amazon.com/y \u202E')).toBe(
      'go hxxps[:]//evil[.]example/x and https://docs.aws.amazon.com/y',
    );
  });

  it('leaves nothing live in the full hostile text', () => {
    const out = mdBlock(HOSTILE);
    expect(out).not.toMatch(/@[A-Za-z0-9]/);
    expect(out).not.toMatch(/<(?!https:\/\/docs\.aws)/);
    expect(out).not.toMatch(/https?:\/\/(?!docs\.aws\.amazon\.com)/);
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B\u0007]/);
  });
});

describe('redact', () => {
  it('masks account ids, IPv4, IPv6 and access key ids, and is idempotent', () => {
    const text =
      'arn:aws:iam::123456789012:role/x from 198.51.100.23 and 2001:db8:85a3::8a2e:370:7334 with AKIAIOSFODNN7EXAMPLE / ASIAY34FZKBOKMUTVV7A at 09:14:03';
    const once = redactText(text, FULL_REDACTION);
    expect(once).toBe(
      'arn:aws:iam::xxxxxxxx9012:role/x from 198.51.x.x and 2001:db8:x:x::x with AKIAxxxxxxxxxxxxMPLE / ASIAxxxxxxxxxxxxVV7A at 09:14:03',
    );
    expect(redactText(once, FULL_REDACTION)).toBe(once);
    expect(redactText(text, NO_REDACTION)).toBe(text);
  });

  it('masks only what is asked', () => {
    const r = { accountIds: true, ipAddresses: false, accessKeyIds: false };
    expect(redactText('123456789012 10.0.0.1 AKIAIOSFODNN7EXAMPLE', r)).toBe(
      'xxxxxxxx9012 10.0.0.1 AKIAIOSFODNN7EXAMPLE',
    );
  });

  it('does not mistake versions, times or long numbers for addresses or accounts', () => {
    const t = 'aws-cli/2.15.0 at 2026-11-23T09:14:03Z id 1234567890123 v1.2.3';
    expect(redactText(t, FULL_REDACTION)).toBe(t);
  });
});
