/**
 * Making attacker-influenced strings (user agents, bucket names, error messages, role session names …) safe to
 * place inside a prompt: no control or bidi characters, no way to close the data fence, bounded length.
 */

// C0/C1 controls, bidi embeddings/overrides/isolates, LRM/RLM/ALM, zero-width characters and BOM: they can hide
// or reorder text a human reviewer would otherwise see, or smuggle line breaks into a single-line field.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** Removes control, bidi and zero-width characters (each becomes a space, then runs of spaces collapse). */
export function stripInvisible(s: string): string {
  return s.replace(INVISIBLE, ' ').replace(/ {2,}/g, ' ').trim();
}

/** Cuts to `max` characters (code points, so no half surrogate pair), marking the cut with `…`. */
export function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const cps = Array.from(s);
  if (cps.length <= max) return s;
  return `${cps.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/**
 * A single-line, fence-proof rendering of an untrusted value: cleaned, cut, and bare when it is a plain token
 * (ids, ARNs, names, IPs) or JSON-quoted otherwise. `<` and `>` never appear raw, so no value can open or close
 * a `<data-…>` tag whatever nonce it guesses.
 */
export function safeValue(value: unknown, max = 80): string {
  const raw =
    typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
  const s = cut(stripInvisible(raw ?? ''), max);
  if (s !== '' && /^[\w.:/@+=,*-]+$/.test(s)) return s;
  return JSON.stringify(s).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
}
