/**
 * Model prices for the cost estimate and the `max-cost-usd` guard: a dated table, overridable, data not code.
 */

/**
 * The default analysis model: Claude Haiku 4.5 through the US cross-Region inference profile.
 * Source: Amazon Bedrock User Guide, model card "Claude Haiku 4.5" (model id anthropic.claude-haiku-4-5-20251001-v1:0,
 * geo inference id us.anthropic.claude-haiku-4-5-20251001-v1:0, lifecycle Active, APIs Invoke/Converse/Messages) and
 * "Supported Regions and models for batch inference" (batch accepts foundation models and cross-Region inference
 * profiles), checked 2026-11-23. Claude Haiku 5.5 (launched on Bedrock 2026-10-07) is newer, but its batch support
 * and Bedrock price could not be confirmed in the documentation available then; switch when they are.
 */
export const DEFAULT_MODEL_ID = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';

/** When the table was last checked against the Amazon Bedrock pricing page (on-demand, us-east-1). */
export const PRICES_AS_OF = '2026-11-23';

/** USD per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
  /** Batch inference price; Bedrock charges 50% of on-demand for batch. */
  batchInput: number;
  batchOutput: number;
}

interface PriceRow {
  /** Matched against the model id with its ARN, geo prefix (`us.`, `eu.`, `global.` …) and version stripped. */
  match: string;
  name: string;
  input: number;
  output: number;
  /** Claude 4.5+ in-Region/geo endpoints cost 10% more than the `global.` profile. */
  regionalPremium?: number;
}

// On-demand list prices per million tokens (Bedrock pricing page; Anthropic's list prices for the same models).
const ROWS: PriceRow[] = [
  { match: 'anthropic.claude-3-haiku', name: 'Claude 3 Haiku', input: 0.25, output: 1.25 },
  { match: 'anthropic.claude-3-5-haiku', name: 'Claude 3.5 Haiku', input: 0.8, output: 4 },
  {
    match: 'anthropic.claude-haiku-4-5',
    name: 'Claude Haiku 4.5',
    input: 1,
    output: 5,
    regionalPremium: 0.1,
  },
  { match: 'anthropic.claude-3-5-sonnet', name: 'Claude 3.5 Sonnet', input: 3, output: 15 },
  { match: 'anthropic.claude-3-7-sonnet', name: 'Claude 3.7 Sonnet', input: 3, output: 15 },
  { match: 'anthropic.claude-sonnet-4-', name: 'Claude Sonnet 4', input: 3, output: 15 },
  {
    match: 'anthropic.claude-sonnet-4-5',
    name: 'Claude Sonnet 4.5',
    input: 3,
    output: 15,
    regionalPremium: 0.1,
  },
  {
    match: 'anthropic.claude-sonnet-4-6',
    name: 'Claude Sonnet 4.6',
    input: 3,
    output: 15,
    regionalPremium: 0.1,
  },
  { match: 'anthropic.claude-opus-4-', name: 'Claude Opus 4 / 4.1', input: 15, output: 75 },
  { match: 'anthropic.claude-opus-4-5', name: 'Claude Opus 4.5', input: 5, output: 25, regionalPremium: 0.1 },
  { match: 'anthropic.claude-opus-4-6', name: 'Claude Opus 4.6', input: 5, output: 25, regionalPremium: 0.1 },
];

/** Overrides by model id (exact id, or the stripped form the table matches on); batch defaults to 50%. */
export type PriceOverrides = Record<
  string,
  { input: number; output: number; batchInput?: number; batchOutput?: number }
>;

function stripModelId(modelId: string): { base: string; global: boolean } {
  let id = modelId.trim().toLowerCase();
  const slash = id.lastIndexOf('/');
  if (id.startsWith('arn:') && slash >= 0) id = id.slice(slash + 1);
  const geo = /^(us|us-gov|eu|apac|ap|jp|au|ca|global)\./.exec(id);
  if (geo) id = id.slice(geo[0].length);
  return { base: id, global: geo?.[1] === 'global' };
}

export interface PriceLookup {
  price: ModelPrice;
  /** False when the model is not in the table and the highest price in it was assumed. */
  known: boolean;
  name: string;
}

/** The price of a model id or inference profile; unknown models are priced at the table's most expensive row. */
export function priceFor(modelId: string, overrides?: PriceOverrides): PriceLookup {
  const { base, global } = stripModelId(modelId);
  const o = overrides?.[modelId] ?? overrides?.[base];
  if (o) {
    return {
      price: {
        input: o.input,
        output: o.output,
        batchInput: o.batchInput ?? o.input / 2,
        batchOutput: o.batchOutput ?? o.output / 2,
      },
      known: true,
      name: `${modelId} (override)`,
    };
  }
  // Longest match wins, so `claude-sonnet-4-5` beats `claude-sonnet-4-`.
  const row = ROWS.filter((r) => base.startsWith(r.match)).sort((a, b) => b.match.length - a.match.length)[0];
  if (row) {
    const k = 1 + (global ? 0 : (row.regionalPremium ?? 0));
    const input = round6(row.input * k);
    const output = round6(row.output * k);
    return {
      price: { input, output, batchInput: input / 2, batchOutput: output / 2 },
      known: true,
      name: row.name,
    };
  }
  const top = ROWS.reduce((a, b) => (b.output > a.output ? b : a));
  return {
    price: { input: top.input, output: top.output, batchInput: top.input / 2, batchOutput: top.output / 2 },
    known: false,
    name: `${modelId} (unknown: priced as ${top.name})`,
  };
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** USD for a number of input and output tokens. */
export function costUsd(
  price: ModelPrice,
  inputTokens: number,
  outputTokens: number,
  batch: boolean,
): number {
  const usd = batch
    ? (inputTokens * price.batchInput + outputTokens * price.batchOutput) / 1e6
    : (inputTokens * price.input + outputTokens * price.output) / 1e6;
  return Math.round(usd * 1e6) / 1e6;
}

/** Parses a JSON price override map (e.g. from an environment variable); throws with a readable message. */
export function parsePriceOverrides(json: string): PriceOverrides {
  const v = JSON.parse(json) as unknown;
  if (!v || typeof v !== 'object' || Array.isArray(v))
    throw new Error('price overrides must be a JSON object keyed by model id');
  const out: PriceOverrides = {};
  for (const [k, p] of Object.entries(v as Record<string, unknown>)) {
    const r = p as { input?: unknown; output?: unknown; batchInput?: unknown; batchOutput?: unknown };
    if (typeof r?.input !== 'number' || typeof r.output !== 'number' || r.input < 0 || r.output < 0) {
      throw new Error(`price override for ${k} needs numeric "input" and "output" (USD per million tokens)`);
    }
    out[k] = { input: r.input, output: r.output };
    if (typeof r.batchInput === 'number') out[k].batchInput = r.batchInput;
    if (typeof r.batchOutput === 'number') out[k].batchOutput = r.batchOutput;
  }
  return out;
}
