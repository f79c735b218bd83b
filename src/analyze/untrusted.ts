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
 * Text with `<` and `>` swapped for the look-alike angle quotes `‹` and `›`, so nothing in it can open or close a
 * `<data-…>` tag whatever nonce it guesses. Not an escape: a model that repeats the text repeats readable
 * characters, where a JSON escape (`\u003c`) would reach the report verbatim.
 */
export function fenceSafe(s: string): string {
  return s.replace(/</g, '‹').replace(/>/g, '›');
}

/**
 * A single-line, fence-proof rendering of an untrusted value: cleaned, cut, and bare when it is a plain token
 * (ids, ARNs, names, IPs) or JSON-quoted otherwise, with `<` and `>` never raw (see fenceSafe).
 */
export function safeValue(value: unknown, max = 80): string {
  const raw =
    typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
  const s = cut(stripInvisible(raw ?? ''), max);
  if (s !== '' && /^[\w.:/@+=,*-]+$/.test(s)) return s;
  return fenceSafe(JSON.stringify(s));
}
