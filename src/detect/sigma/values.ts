/**
 * Sigma values: the string syntax (wildcards `*`/`?` and backslash escapes), value modifiers, and the test of one
 * field value against them, with Sigma's semantics (strings compared case-insensitively unless `cased`).
 */
import { netContains, parseNet } from '../match.js';

/** A Sigma string after escapes are resolved: literal text and wildcards, in order. */
export type Part = { lit: string } | { wild: '*' | '?' };
export type SigmaString = Part[];

/** Modifiers this loader implements, in the words of the Sigma modifiers appendix. */
export const SUPPORTED_MODIFIERS = [
  'contains',
  'startswith',
  'endswith',
  'all',
  'cased',
  'exists',
  're',
  'i',
  'm',
  's',
  'cidr',
  'fieldref',
  'base64',
  'base64offset',
  'utf16le',
  'utf16be',
  'utf16',
  'wide',
  'windash',
  'gt',
  'gte',
  'lt',
  'lte',
] as const;
export type Modifier = (typeof SUPPORTED_MODIFIERS)[number];

/** Modifiers of the specification left out, with why: named in the error so the author knows it is not a typo. */
export const UNSUPPORTED_MODIFIERS: Readonly<Record<string, string>> = {
  expand: 'placeholders need values this tool does not have; the specification says to reject the rule',
  neq: 'not implemented; write `not` with a selection in the condition instead',
  minute: 'time modifiers are not implemented',
  hour: 'time modifiers are not implemented',
  day: 'time modifiers are not implemented',
  week: 'time modifiers are not implemented',
  month: 'time modifiers are not implemented',
  year: 'time modifiers are not implemented',
};

/**
 * Resolves Sigma's escapes: `\*` and `\?` are the plain characters, `\\` is one backslash, and a backslash before
 * anything else is itself (so `C:\Windows` needs no doubling); unescaped `*` and `?` are wildcards.
 */
export function parseSigmaString(s: string): SigmaString {
  const out: SigmaString = [];
  let lit = '';
  const flush = (): void => {
    if (lit !== '') out.push({ lit });
    lit = '';
  };
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (ch === '\\') {
      const next = s[i + 1];
      if (next === '*' || next === '?' || next === '\\') {
        lit += next;
        i++;
      } else lit += ch;
    } else if (ch === '*' || ch === '?') {
      flush();
      out.push({ wild: ch });
    } else lit += ch;
  }
  flush();
  return out;
}

/** A Sigma string written back with escapes (the inverse of parseSigmaString). */
export function escapeSigma(literal: string): string {
  return literal.replace(/[\\*?]/g, (c) => `\\${c}`);
}

const hasWildcard = (s: SigmaString): boolean => s.some((p) => 'wild' in p);
const literalOf = (s: SigmaString): string => s.map((p) => ('lit' in p ? p.lit : p.wild)).join('');

/** Tests one string (already case-folded when the match is case-insensitive). */
export type StringTest = (s: string) => boolean;

/** A matcher for a Sigma string: plain compare, prefix, suffix, substring, or an anchored regex for anything else. */
export function stringTest(pattern: SigmaString, cased: boolean): StringTest {
  const fold = (s: string): string => (cased ? s : s.toLowerCase());
  const parts = pattern.map((p) => ('lit' in p ? { lit: fold(p.lit) } : p));
  const onlyStar = (p: Part | undefined): boolean => p !== undefined && 'wild' in p && p.wild === '*';
  const inner = parts.filter((p) => !onlyStar(p));
  // The shapes contains/startswith/endswith produce, without a regex.
  if (inner.length <= 1 && inner.every((p) => 'lit' in p)) {
    const lit = (inner[0] as { lit: string } | undefined)?.lit ?? '';
    const lead = onlyStar(parts[0]);
    const trail = parts.length > 1 ? onlyStar(parts[parts.length - 1]) : false;
    if (inner.length === 0) return parts.length > 0 ? () => true : (s) => s === '';
    if (lead && trail) return (s) => s.includes(lit);
    if (lead) return (s) => s.endsWith(lit);
    if (trail) return (s) => s.startsWith(lit);
    return (s) => s === lit;
  }
  let src = '';
  for (const p of parts)
    src += 'lit' in p ? p.lit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : p.wild === '*' ? '.*' : '.';
  const re = new RegExp(`^${src}$`, 's');
  return (s) => re.test(s);
}

// ---- transformations ------------------------------------------------------------------------------------------

/** A value while modifiers transform it: text with wildcards, or bytes waiting for a base64 modifier. */
type Work = { kind: 'text'; s: SigmaString } | { kind: 'bytes'; b: Buffer };

function bytesOf(w: Work, mod: string): Buffer {
  if (w.kind === 'bytes') return w.b;
  if (hasWildcard(w.s))
    throw new Error(`${mod} cannot encode a value with wildcards; escape them (\\*, \\?)`);
  return Buffer.from(literalOf(w.s), 'utf8');
}

function utf16(w: Work, mod: string, order: 'le' | 'be', bom: boolean): Work {
  if (w.kind === 'bytes') throw new Error(`${mod} applies to text, not to already encoded bytes`);
  if (hasWildcard(w.s))
    throw new Error(`${mod} cannot encode a value with wildcards; escape them (\\*, \\?)`);
  const le = Buffer.from(literalOf(w.s), 'utf16le');
  if (order === 'be') for (let i = 0; i + 1 < le.length; i += 2) le.writeUInt16BE(le.readUInt16LE(i), i);
  const prefix = bom ? Buffer.from(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]) : Buffer.alloc(0);
  return { kind: 'bytes', b: Buffer.concat([prefix, le]) };
}

/**
 * The three base64 forms a value takes depending on its offset in an encoded stream (0, 1 or 2 bytes in), each cut
 * to the characters that do not depend on the bytes around it.
 */
export function base64Offsets(b: Buffer): string[] {
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const enc = Buffer.concat([Buffer.alloc(shift, 0x20), b]).toString('base64');
    const start = [0, 2, 3][shift] as number;
    // The last group's final character mixes in bits of whatever follows, unless the value ends on a group edge.
    const tail = (b.length + shift) % 3;
    const end = tail === 0 ? enc.length : enc.length - (tail === 1 ? 3 : 2);
    out.push(enc.slice(start, end));
  }
  return out;
}

const WINDASH = ['-', '/', '\u2013', '\u2014', '\u2015'];
const WINDASH_MAX_VARIANTS = 3125;

function windash(s: SigmaString): SigmaString[] {
  let variants: SigmaString[] = [[]];
  for (const p of s) {
    if (!('lit' in p)) {
      variants = variants.map((v) => [...v, p]);
      continue;
    }
    // Split the literal at dashes, so each dash multiplies the variants by the five dash characters.
    let acc: string[] = [''];
    for (const ch of p.lit) {
      const opts = WINDASH.includes(ch) ? WINDASH : [ch];
      acc = acc.flatMap((a) => opts.map((o) => a + o));
      if (acc.length * variants.length > WINDASH_MAX_VARIANTS)
        throw new Error(`windash: the value has too many dashes (over ${WINDASH_MAX_VARIANTS} variants)`);
    }
    variants = variants.flatMap((v) => acc.map((a) => [...v, { lit: a }]));
  }
  return variants;
}

const wrap = (s: SigmaString, lead: boolean, trail: boolean): SigmaString => {
  const star: Part = { wild: '*' };
  const out = [...s];
  if (lead && !(out[0] && 'wild' in out[0] && out[0].wild === '*')) out.unshift(star);
  const last = out[out.length - 1];
  if (trail && !(last && 'wild' in last && last.wild === '*')) out.push(star);
  return out;
};

/** Applies the string-transforming modifiers, in the order written, to one value; a value may become several (OR). */
export function transform(value: string, mods: readonly Modifier[]): SigmaString[] {
  let work: Work[] = [{ kind: 'text', s: parseSigmaString(value) }];
  for (const mod of mods) {
    switch (mod) {
      case 'base64':
        work = work.map((w) => ({ kind: 'text', s: [{ lit: bytesOf(w, mod).toString('base64') }] }));
        break;
      case 'base64offset':
        work = work.flatMap((w) =>
          base64Offsets(bytesOf(w, mod)).map((lit): Work => ({ kind: 'text', s: [{ lit }] })),
        );
        break;
      case 'utf16le':
      case 'wide':
        work = work.map((w) => utf16(w, mod, 'le', false));
        break;
      case 'utf16be':
        work = work.map((w) => utf16(w, mod, 'be', false));
        break;
      case 'utf16':
        work = work.map((w) => utf16(w, mod, 'le', true));
        break;
      case 'windash':
        work = work.flatMap((w) =>
          w.kind === 'text' ? windash(w.s).map((s): Work => ({ kind: 'text', s })) : [w],
        );
        break;
      case 'contains':
      case 'startswith':
      case 'endswith':
        work = work.map((w) => {
          if (w.kind === 'bytes')
            throw new Error(`${mod} after a UTF-16 modifier needs base64 or base64offset first`);
          return { kind: 'text', s: wrap(w.s, mod !== 'startswith', mod !== 'endswith') };
        });
        break;
      default:
        break;
    }
  }
  return work.map((w) => {
    if (w.kind === 'bytes')
      throw new Error(
        'a UTF-16 modifier must be followed by base64 or base64offset (CloudTrail holds text, not bytes)',
      );
    return w.s;
  });
}

// ---- one field value ------------------------------------------------------------------------------------------

/** A field value as the text a SIEM would compare: scalars as written, objects and lists as their JSON text. */
export function textOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v === null || v === undefined) return undefined;
  return JSON.stringify(v);
}

/**
 * A test on the values found at a field (none when it is absent): true when one of them passes `one`. A list is
 * tried element by element, then as its JSON text; null never matches a value.
 */
export function anyValue(one: (v: unknown) => boolean): (values: readonly unknown[]) => boolean {
  return (values) => {
    for (const v of values) {
      if (Array.isArray(v)) {
        for (const el of v) if (el !== null && one(el)) return true;
        if (one(v)) return true;
      } else if (v !== null && v !== undefined && one(v)) return true;
    }
    return false;
  };
}

/** A string pattern test on a value (case-folded unless cased). */
export function patternTest(pattern: SigmaString, cased: boolean): (v: unknown) => boolean {
  const t = stringTest(pattern, cased);
  return (v) => {
    const s = textOf(v);
    return s !== undefined && t(cased ? s : s.toLowerCase());
  };
}

/** `re` with its `i`, `m`, `s` sub-modifiers: an unanchored search, case-sensitive unless `i`. */
export function regexTest(source: string, mods: readonly Modifier[]): (v: unknown) => boolean {
  const flags =
    (mods.includes('i') ? 'i' : '') + (mods.includes('m') ? 'm' : '') + (mods.includes('s') ? 's' : '');
  let re: RegExp;
  try {
    re = new RegExp(source, flags);
  } catch (err) {
    throw new Error(`not a valid regular expression: ${(err as Error).message}`);
  }
  return (v) => {
    const s = textOf(v);
    return s !== undefined && re.test(s);
  };
}

/** `cidr`: the value is an IP address inside the network. */
export function cidrTest(network: string): (v: unknown) => boolean {
  const net = parseNet(network);
  if (!net || !network.includes('/'))
    throw new Error(`"${network}" is not a CIDR network; write one such as 10.0.0.0/8 or 2001:db8::/32`);
  return (v) => {
    const n = typeof v === 'string' ? parseNet(v) : undefined;
    return n !== undefined && netContains(net, n);
  };
}

/** `gt`/`gte`/`lt`/`lte`: numeric comparison; a value that is not a number does not match. */
export function numericTest(op: 'gt' | 'gte' | 'lt' | 'lte', limit: number): (v: unknown) => boolean {
  return (v) => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (!Number.isFinite(n)) return false;
    return op === 'gt' ? n > limit : op === 'gte' ? n >= limit : op === 'lt' ? n < limit : n <= limit;
  };
}
