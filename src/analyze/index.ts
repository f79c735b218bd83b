/** The analysis stage: digests of the window, Bedrock (batch job or direct Converse), verified AI findings, summary. */
export type { AnalyzeDeps } from './deps.js';
export type { DigestCollector, DigestLimits, DigestRecord, DigestSet } from './digest.js';
export { createDigestCollector, DEFAULT_DIGEST_LIMITS } from './digest.js';
export { analyze, type AnalyzeInput, type AnalyzeOptions } from './engine.js';
export { mergeFindings } from './merge.js';
export {
  DEFAULT_MODEL_ID,
  PRICES_AS_OF,
  priceFor,
  costUsd,
  parsePriceOverrides,
  type PriceOverrides,
} from './pricing.js';
export { estimateTokens, CHARS_PER_TOKEN } from './tokens.js';
export { templateSummary } from './summary.js';
export {
  collectPending,
  listPending,
  readCheckpoint,
  writeCheckpoint,
  readArchiveListing,
  writeArchiveListing,
  saveRunContext,
  takeRunContext,
  type RunContext,
  type CollectedAnalysis,
  type PendingAnalysis,
  type Checkpoint,
} from './state.js';
