/**
 * The Sigma condition grammar: `and`, `or`, `not`, parentheses, `1 of x*`, `all of x*`, `1 of them`, `all of them`.
 * Precedence, loosest first: or, and, not, `x of`, parentheses (the specification's order).
 */

export type CondNode =
  | { op: 'and' | 'or'; parts: CondNode[] }
  | { op: 'not'; part: CondNode }
  | { op: 'id'; name: string }
  | { op: 'of'; quantifier: 'one' | 'all'; pattern: string };

/** A condition problem with its column in the condition text (1-based). */
export class ConditionError extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message);
    this.name = 'ConditionError';
  }
}

interface Token {
  text: string;
  col: number;
}

const ACCEPTED =
  'accepted: identifiers, and, or, not, ( ), "1 of <pattern>", "all of <pattern>", "1 of them", "all of them"';

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:([()])|([^\s()]+))/gy;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(text)) !== null) {
    if (m[0] === '') break;
    const tok = (m[1] ?? m[2]) as string;
    out.push({ text: tok, col: m.index + m[0].length - tok.length + 1 });
    last = re.lastIndex;
  }
  if (text.slice(last).trim() !== '')
    throw new ConditionError(`cannot read the condition here; ${ACCEPTED}`, last + 1);
  return out;
}

const OBSOLETE =
  'aggregations after "|" (count() by …, near) are obsolete in Sigma 2; write a correlation rule instead';
const KEYWORDS = new Set(['and', 'or', 'not', 'of', '(', ')', '|']);
const IDENTIFIER = /^[A-Za-z0-9_*.-]+$/;

/** Parse a condition string; throws ConditionError with the column of the problem. */
export function parseCondition(text: string): CondNode {
  const toks = tokenize(text);
  let i = 0;
  const peek = (): Token | undefined => toks[i];
  const word = (t: Token | undefined): string | undefined => t?.text.toLowerCase();
  const end = text.length + 1;

  const orExpr = (): CondNode => {
    const parts = [andExpr()];
    while (word(peek()) === 'or') {
      i++;
      parts.push(andExpr());
    }
    return parts.length === 1 ? (parts[0] as CondNode) : { op: 'or', parts };
  };
  const andExpr = (): CondNode => {
    const parts = [notExpr()];
    while (word(peek()) === 'and') {
      i++;
      parts.push(notExpr());
    }
    return parts.length === 1 ? (parts[0] as CondNode) : { op: 'and', parts };
  };
  const notExpr = (): CondNode => {
    if (word(peek()) === 'not') {
      i++;
      return { op: 'not', part: notExpr() };
    }
    return primary();
  };
  const primary = (): CondNode => {
    const t = peek();
    if (!t)
      throw new ConditionError(`the condition ends where an identifier or "(" is expected; ${ACCEPTED}`, end);
    const w = t.text.toLowerCase();
    if (w === '(') {
      i++;
      const inner = orExpr();
      const close = peek();
      if (close?.text !== ')') throw new ConditionError('a "(" is not closed', close?.col ?? end);
      i++;
      return inner;
    }
    if (t.text.startsWith('|')) throw new ConditionError(OBSOLETE, t.col);
    const next = word(toks[i + 1]);
    if (next === 'of') {
      if (w !== '1' && w !== 'all' && w !== 'any')
        throw new ConditionError(`"${t.text} of" is not Sigma; use "1 of" or "all of"`, t.col);
      const target = toks[i + 2];
      if (!target || KEYWORDS.has(target.text.toLowerCase()) || !IDENTIFIER.test(target.text))
        throw new ConditionError(
          `"${t.text} of" needs "them" or an identifier pattern such as selection_*`,
          target?.col ?? end,
        );
      i += 3;
      return { op: 'of', quantifier: w === 'all' ? 'all' : 'one', pattern: target.text };
    }
    if (KEYWORDS.has(w) || !IDENTIFIER.test(t.text))
      throw new ConditionError(`unexpected "${t.text}"; ${ACCEPTED}`, t.col);
    if (t.text.includes('*'))
      throw new ConditionError(`"${t.text}": a wildcard needs "1 of" or "all of" in front of it`, t.col);
    i++;
    return { op: 'id', name: t.text };
  };

  const node = orExpr();
  const rest = peek();
  if (rest?.text.startsWith('|')) throw new ConditionError(OBSOLETE, rest.col);
  if (rest) throw new ConditionError(`unexpected "${rest.text}"; ${ACCEPTED}`, rest.col);
  return node;
}

/** The identifiers an `x of` pattern names: `them` is every identifier not starting with `_`; `*` is a wildcard. */
export function expandPattern(pattern: string, identifiers: readonly string[]): string[] {
  if (pattern.toLowerCase() === 'them') return identifiers.filter((n) => !n.startsWith('_'));
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\-]/g, '\\$&'))
      .join('.*')}$`,
  );
  return identifiers.filter((n) => re.test(n));
}
