/**
 * The one token estimator TrailSight uses everywhere (digest packing, cost estimates, the token bench).
 *
 * Claude's tokenizer is not available offline, so this is a documented approximation: 3.5 characters per
 * token, which is close for the JSON-ish, identifier-heavy text a CloudTrail digest is made of (English prose
 * runs nearer 4, so the estimate errs on the side of more tokens, i.e. a higher cost estimate). The same
 * function measures our digests and the seed's layout in the bench, so the ratio between them does not depend
 * on the constant.
 */
export const CHARS_PER_TOKEN = 3.5;

/** Estimated input tokens of a text (chars / 3.5, rounded up). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}
