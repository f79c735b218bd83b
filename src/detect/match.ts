/** The matcher language: conditions compiled once into closures over field paths of a TrailEvent (and its raw record). */
import type { Condition, FieldCondition } from './schema.js';

/** A compiled condition. `root` is the event (or, inside `some`, the element being tested). */
export type Predicate = (root: unknown, event: unknown) => boolean;

/** Values that `in: $name` expands to (e.g. `allowedRegions`). */
export type Params = Readonly<Record<string, readonly string[]>>;

/** A path split once: `raw.requestParameters.policyArn` → segments; `*` means every value of an object. */
export function splitPath(path: string): string[] {
  return path.split('.').filter((s) => s.length > 0);
}

// Embedded JSON (IAM policy documents, Lambda statements) is parsed when a path walks into it; the same string is
// often visited by several rules of one event, so a tiny cache avoids parsing it again.
const jsonCache = new Map<string, unknown>();
function parseEmbedded(s: string): unknown {
  const c = s.trimStart()[0];
  if (c !== '{' && c !== '[') return undefined;
  if (jsonCache.has(s)) return jsonCache.get(s);
  let v: unknown;
  try {
    v = JSON.parse(s);
  } catch {
    v = undefined;
  }
  if (jsonCache.size > 64) jsonCache.clear();
  jsonCache.set(s, v);
  return v;
}

function collect(v: unknown, segs: readonly string[], i: number, out: unknown[]): void {
  if (v === undefined || v === null) {
    if (i === segs.length && v === null) out.push(null);
    return;
  }
  if (Array.isArray(v)) {
    for (const el of v) collect(el, segs, i, out);
    return;
  }
  if (i === segs.length) {
    out.push(v);
    return;
  }
  if (typeof v === 'string') {
    const parsed = parseEmbedded(v);
    if (parsed !== undefined) collect(parsed, segs, i, out);
    return;
  }
  if (typeof v !== 'object') return;
  const seg = segs[i] as string;
  const o = v as Record<string, unknown>;
  if (seg === '*') {
    for (const val of Object.values(o)) collect(val, segs, i + 1, out);
    return;
  }
  collect(o[seg], segs, i + 1, out);
}

/** Every value at a path: arrays fan out (a path through a list yields each element), embedded JSON strings are walked into. */
export function valuesAt(root: unknown, segs: readonly string[]): unknown[] {
  const out: unknown[] = [];
  collect(root, segs, 0, out);
  return out;
}

/**
 * True when `test` holds for a value at the path: the walk of `valuesAt`, in the same order, but stopping at the first
 * hit and allocating no array (predicates run on every event, so this is the hot loop of the engine).
 */
export function anyAt<X>(
  v: unknown,
  segs: readonly string[],
  i: number,
  test: (v: unknown, x: X) => boolean,
  x: X,
): boolean {
  if (v === undefined || v === null) return v === null && i === segs.length && test(null, x);
  if (Array.isArray(v)) {
    for (const el of v) if (anyAt(el, segs, i, test, x)) return true;
    return false;
  }
  if (i === segs.length) return test(v, x);
  if (typeof v === 'string') {
    const parsed = parseEmbedded(v);
    return parsed !== undefined && anyAt(parsed, segs, i, test, x);
  }
  if (typeof v !== 'object') return false;
  const seg = segs[i] as string;
  const o = v as Record<string, unknown>;
  if (seg === '*') {
    for (const val of Object.values(o)) if (anyAt(val, segs, i + 1, test, x)) return true;
    return false;
  }
  return anyAt(o[seg], segs, i + 1, test, x);
}

const firstBox: { v: unknown } = { v: undefined };
const takeFirst = (v: unknown, box: { v: unknown }): boolean => {
  if (v === null) return false;
  box.v = v;
  return true;
};

/** The first value at a path rendered as a string (for dedupe keys and evidence), or ''. */
export function stringAt(root: unknown, segs: readonly string[]): string {
  // Fast path for a path of plain properties ending at a string (`account`, `principal.key`): a loop, no walk.
  let v = root;
  for (let i = 0; i < segs.length; i++) {
    if (v === undefined || v === null) return '';
    const seg = segs[i] as string;
    if (typeof v !== 'object' || Array.isArray(v) || seg === '*') return slowStringAt(root, segs);
    v = (v as Record<string, unknown>)[seg];
  }
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) return '';
  return slowStringAt(root, segs);
}

function slowStringAt(root: unknown, segs: readonly string[]): string {
  firstBox.v = undefined;
  if (!anyAt(root, segs, 0, takeFirst, firstBox)) return '';
  const v = firstBox.v;
  firstBox.v = undefined;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/**
 * A glob as a RegExp: `*` is any run of characters (slashes and colons included, since ARNs are the usual subject),
 * `?` one character; everything else is literal. Anchored at both ends.
 */
export function globToRegExp(glob: string, ignoreCase = false): RegExp {
  let src = '';
  for (const ch of glob)
    src += ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${src}$`, ignoreCase ? 'is' : 's');
}

/** A matcher for any of several globs. */
export function globMatcher(globs: string | readonly string[], ignoreCase = false): (s: string) => boolean {
  const res = (typeof globs === 'string' ? [globs] : globs).map((g) => globToRegExp(g, ignoreCase));
  return (s) => res.some((re) => re.test(s));
}

// ---- IP networks ----------------------------------------------------------------------------------------

interface Net {
  v6: boolean;
  addr: bigint;
  prefix: number;
}

function parseV4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const x = Number(p);
    if (x > 255) return undefined;
    n = (n << 8n) | BigInt(x);
  }
  return n;
}

function parseV6(s: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return undefined;
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const toGroups = (h: string): number[] | undefined => {
    if (h === '') return [];
    const out: number[] = [];
    const parts = h.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i] as string;
      if (p.includes('.') && i === parts.length - 1) {
        const v4 = parseV4(p);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) out.push(parseInt(p, 16));
      else return undefined;
    }
    return out;
  };
  const head = toGroups(halves[0] as string);
  const tail = halves.length === 2 ? toGroups(halves[1] as string) : [];
  if (!head || !tail) return undefined;
  const fill = 8 - head.length - tail.length;
  if (halves.length === 2 ? fill < 0 : fill !== 0) return undefined;
  const groups = [...head, ...new Array<number>(fill).fill(0), ...tail];
  return groups.reduce((n, g) => (n << 16n) | BigInt(g), 0n);
}

/** An address or network (`10.0.0.0/8`, `::/0`, `192.0.2.1`), or undefined when it is neither. */
export function parseNet(s: string): Net | undefined {
  const [a, p, extra] = s.trim().split('/');
  if (a === undefined || extra !== undefined) return undefined;
  const v6 = a.includes(':');
  const addr = v6 ? parseV6(a) : parseV4(a);
  if (addr === undefined) return undefined;
  const max = v6 ? 128 : 32;
  const prefix = p === undefined ? max : /^\d{1,3}$/.test(p) ? Number(p) : NaN;
  if (!(prefix >= 0 && prefix <= max)) return undefined;
  return { v6, addr, prefix };
}

/** True when `inner` (address or network) lies inside `outer`. */
export function netContains(outer: Net, inner: Net): boolean {
  if (outer.v6 !== inner.v6 || inner.prefix < outer.prefix) return false;
  const bits = BigInt((outer.v6 ? 128 : 32) - outer.prefix);
  return inner.addr >> bits === outer.addr >> bits;
}

// ---- compilation ----------------------------------------------------------------------------------------

const asList = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);
const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
const num = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
};

/** Compile a condition into a predicate; throws on a bad regex, glob, network or unknown `$param`. */
export function compile(cond: Condition, params: Params = {}): Predicate {
  if ('all' in cond) {
    const parts = cond.all.map((c) => compile(c, params));
    return (r, e) => {
      for (const p of parts) if (!p(r, e)) return false;
      return true;
    };
  }
  if ('any' in cond) {
    const parts = cond.any.map((c) => compile(c, params));
    return (r, e) => {
      for (const p of parts) if (p(r, e)) return true;
      return false;
    };
  }
  if ('not' in cond) {
    const inner = compile(cond.not, params);
    return (r, e) => !inner(r, e);
  }
  return compileField(cond, params);
}

const present = (v: unknown): boolean => v !== null && v !== '';
/** Answers a regex condition remembers, for values up to a length: a few MB at most per condition. */
const REGEX_MEMO = 2000;
const REGEX_MEMO_LENGTH = 512;

function compileField(c: FieldCondition, params: Params): Predicate {
  const segs = splitPath(c.field);
  const ic = c.ignoreCase === true;
  const norm = (s: string): string => (ic ? s.toLowerCase() : s);
  // Each operator is a test on one value; the condition holds when any value at the path passes.
  let test: ((v: unknown, e: unknown) => boolean) | undefined;
  if (c.exists !== undefined) {
    const want = c.exists;
    return (r) => walk(r, segs, present, undefined) === want;
  }
  if (c.some !== undefined) {
    const inner = compile(c.some, params);
    return (r, e) => walk(r, segs, inner, e);
  }
  if (c.equals !== undefined) {
    const want = c.equals;
    if (typeof want === 'string') {
      const w = norm(want);
      test = ic
        ? (v) => {
            const s = str(v);
            return s !== undefined && s.toLowerCase() === w;
          }
        : (v) => v === w || ((typeof v === 'number' || typeof v === 'boolean') && String(v) === w);
    } else test = (v) => v === want || (typeof v === 'string' && want !== null && v === String(want));
  } else if (c.in !== undefined) {
    let list: readonly (string | number | boolean | null)[];
    if (typeof c.in === 'string') {
      const p = params[c.in.slice(1)];
      if (!p) throw new Error(`unknown parameter ${c.in}`);
      list = p;
    } else list = c.in;
    const set = new Set(list.map((x) => (x === null ? null : norm(String(x)))));
    test = (v) => {
      if (typeof v === 'string') return set.has(ic ? v.toLowerCase() : v);
      if (v === null) return set.has(null);
      const s = str(v);
      return s !== undefined && set.has(norm(s));
    };
  } else if (c.glob !== undefined) {
    const m = globMatcher(c.glob, ic);
    test = (v) => {
      const s = str(v);
      return s !== undefined && m(s);
    };
  } else if (c.regex !== undefined) {
    const re = new RegExp(c.regex, ic ? 'i' : '');
    // Regexes mostly test values that repeat across events (user agents, ARNs): remember the latest answers.
    const seen = new Map<string, boolean>();
    test = (v) => {
      const s = str(v);
      if (s === undefined) return false;
      if (s.length > REGEX_MEMO_LENGTH) return re.test(s);
      let yes = seen.get(s);
      if (yes === undefined) {
        yes = re.test(s);
        if (seen.size >= REGEX_MEMO) seen.clear();
        seen.set(s, yes);
      }
      return yes;
    };
  } else if (c.cidr !== undefined || c.cidrCovers !== undefined) {
    const covers = c.cidrCovers !== undefined;
    const nets = asList((c.cidr ?? c.cidrCovers) as string | string[]).map((s) => {
      const n = parseNet(s);
      if (!n) throw new Error(`not an IP address or network: ${s}`);
      return n;
    });
    test = (v) => {
      const n = typeof v === 'string' ? parseNet(v) : undefined;
      if (!n) return false;
      return nets.some((net) => (covers ? netContains(n, net) : netContains(net, n)));
    };
  } else if (c.gt !== undefined || c.gte !== undefined || c.lt !== undefined || c.lte !== undefined) {
    const { gt, gte, lt, lte } = c;
    test = (v) => {
      const n = num(v);
      if (n === undefined) return false;
      if (gt !== undefined) return n > gt;
      if (gte !== undefined) return n >= gte;
      if (lt !== undefined) return n < lt;
      return n <= (lte as number);
    };
  } else if (c.contains !== undefined) {
    const needles = asList(c.contains).map(norm);
    test = (v) => {
      const s = typeof v === 'object' && v !== null ? JSON.stringify(v) : str(v);
      if (s === undefined) return false;
      const h = norm(s);
      return needles.some((n) => h.includes(n));
    };
  } else if (
    c.equalsField !== undefined ||
    c.notContainsField !== undefined ||
    c.endsWithField !== undefined
  ) {
    const mode = c.equalsField !== undefined ? 'eq' : c.endsWithField !== undefined ? 'ends' : 'not-contains';
    const other = splitPath((c.equalsField ?? c.endsWithField ?? c.notContainsField) as string);
    test = (v, e) => {
      const s = str(v);
      if (s === undefined) return false;
      const others = valuesAt(e, other)
        .map(str)
        .filter((x): x is string => x !== undefined && x !== '');
      if (mode === 'eq') return others.some((o) => norm(o) === norm(s));
      if (mode === 'ends') return others.some((o) => norm(s) === norm(o) || norm(s).endsWith(`/${norm(o)}`));
      return others.length > 0 && !others.some((o) => norm(s).includes(norm(o)));
    };
  }
  if (!test) throw new Error(`condition on ${c.field} has no operator`);
  const t = test;
  return (r, e) => walk(r, segs, t, e);
}

/**
 * `anyAt` from the root, with the common case done in a loop: a path of plain object properties ending at a single
 * value (`principal.type`, `raw.requestParameters.bucketName`). Anything else (a list to fan out, embedded JSON, `*`)
 * is handed to `anyAt` where the loop stopped, so the result is the same.
 */
function walk<X>(root: unknown, segs: readonly string[], test: (v: unknown, x: X) => boolean, x: X): boolean {
  let v = root;
  for (let i = 0; i < segs.length; i++) {
    if (v === undefined || v === null) return false;
    const seg = segs[i] as string;
    if (typeof v !== 'object' || Array.isArray(v) || seg === '*') return anyAt(v, segs, i, test, x);
    v = (v as Record<string, unknown>)[seg];
  }
  if (v === undefined) return false;
  if (Array.isArray(v)) return anyAt(v, segs, segs.length, test, x);
  return test(v, x);
}

/** Event names a condition can only match (for indexing rules by event name), or undefined when it can match any. */
export function requiredNames(cond: Condition): Set<string> | undefined {
  if ('all' in cond) {
    for (const c of cond.all) {
      const s = requiredNames(c);
      if (s) return s;
    }
    return undefined;
  }
  if ('any' in cond) {
    const out = new Set<string>();
    for (const c of cond.any) {
      const s = requiredNames(c);
      if (!s) return undefined;
      for (const n of s) out.add(n);
    }
    return out;
  }
  if ('not' in cond) return undefined;
  if (cond.field !== 'name' || cond.ignoreCase) return undefined;
  if (typeof cond.equals === 'string') return new Set([cond.equals]);
  if (Array.isArray(cond.in)) return new Set(cond.in.map(String));
  return undefined;
}

/**
 * Literal prefixes one of which an event name must start with for the condition to match (`name` globs such as
 * `UpdateFunctionCode*`, which Lambda suffixes with an API version), or undefined when the condition can match any
 * name. Lets the engine skip such rules for every other event without running them.
 */
export function namePrefixes(cond: Condition): string[] | undefined {
  if ('all' in cond) {
    for (const c of cond.all) {
      const p = namePrefixes(c);
      if (p) return p;
    }
    return undefined;
  }
  if ('any' in cond) {
    const out: string[] = [];
    for (const c of cond.any) {
      const p = namePrefixes(c);
      if (!p) return undefined;
      out.push(...p);
    }
    return out;
  }
  if ('not' in cond) return undefined;
  if (cond.field !== 'name' || cond.ignoreCase) return undefined;
  // An exact name is a prefix too (a stricter test than needed, which is all this promises).
  if (typeof cond.equals === 'string') return [cond.equals];
  if (Array.isArray(cond.in)) return cond.in.map(String);
  if (cond.glob === undefined) return undefined;
  const out: string[] = [];
  for (const g of typeof cond.glob === 'string' ? [cond.glob] : cond.glob) {
    const star = g.search(/[*?]/);
    // Only the literal head counts; a glob that starts with a wildcard pins nothing.
    if (star === 0) return undefined;
    out.push(star === -1 ? g : g.slice(0, star));
  }
  return out;
}

/**
 * Event classes: a few facts of an event that many rules ask first, packed in 4 bits so that the engine can keep,
 * per event name and class, only the rules that can match (see classMask). Bit 0: the call failed (an error code
 * or message); bit 1: `readOnly` is false; bits 2-3: the principal's type (Root, AssumedRole, IAMUser, or other).
 */
export const EVENT_CLASSES = 16;
const TYPE_CODES: Readonly<Record<string, number>> = { Root: 1, AssumedRole: 2, IAMUser: 3 };

/** A failed call: an error code, or (console sign-in events) an error message without one. */
export function isFailed(e: { errorCode?: string | undefined; errorMessage?: string | undefined }): boolean {
  return e.errorCode !== undefined || e.errorMessage !== undefined;
}

/** The class of an event (see EVENT_CLASSES). */
export function eventClass(e: {
  errorCode?: string | undefined;
  errorMessage?: string | undefined;
  readOnly?: boolean | undefined;
  principal: { type: string };
}): number {
  const writes = e.readOnly === false ? 2 : 0;
  return (isFailed(e) ? 1 : 0) | writes | ((TYPE_CODES[e.principal.type] ?? 0) << 2);
}

/** The classes for which `test` holds, as a mask (bit c: class c). */
function classesWhere(test: (cls: number) => boolean): number {
  let m = 0;
  for (let c = 0; c < EVENT_CLASSES; c++) if (test(c)) m |= 1 << c;
  return m;
}

/** Every class, as a mask. */
export const ALL_CLASSES = (1 << EVENT_CLASSES) - 1;
/** The classes of calls that succeeded: the only ones a rule without `includeErrors` judges. */
export const SUCCEEDED_CLASSES = classesWhere((cls) => (cls & 1) === 0);

/**
 * The event classes in which `cond` can hold, as a mask: a condition over the whole event (not inside `some`) that
 * pins the principal's type, needs an error code, or needs `readOnly` to be false or true rules the other classes
 * out; anything else allows them all. A bit set where the condition cannot in fact hold only costs a run of the
 * rule; a bit cleared where it can would lose findings, so only forms whose every match needs the fact count.
 */
export function classMask(cond: Condition): number {
  if ('all' in cond) return cond.all.reduce((m, c) => m & classMask(c), ALL_CLASSES);
  if ('any' in cond) return cond.any.reduce((m, c) => m | classMask(c), 0);
  if ('not' in cond) return ALL_CLASSES;
  // `exists: false` and `some` hold where the field is absent or relative to an element; everything else tests a
  // value that must be there (walk answers false for an absent one).
  if (cond.exists === false || cond.some !== undefined) return ALL_CLASSES;
  if (cond.field === 'errorCode') return ALL_CLASSES & ~SUCCEEDED_CLASSES;
  if (cond.field === 'readOnly' && cond.equals === false) return classesWhere((c) => (c & 2) === 2);
  if (cond.field === 'readOnly' && cond.equals === true) return classesWhere((c) => (c & 2) === 0);
  if (cond.field === 'principal.type' && !cond.ignoreCase) {
    const types =
      typeof cond.equals === 'string' ? [cond.equals] : Array.isArray(cond.in) ? cond.in : undefined;
    if (types === undefined || types.some((t) => typeof t !== 'string')) return ALL_CLASSES;
    const codes = new Set(types.map((t) => TYPE_CODES[t as string] ?? 0));
    return classesWhere((c) => codes.has(c >> 2));
  }
  return ALL_CLASSES;
}
