/**
 * Model families on Bedrock and how each is asked for findings: through a forced tool call (the answer's shape is
 * then the tool's input schema, not a hope) where the family supports naming the tool to call, else as JSON text
 * that the parser digs out. The table is the configuration: docs/models.md renders the same facts for users.
 */

/** `tool`: forced tool call (`tool_choice` / `toolChoice.tool`), text JSON read as a fallback; `text`: JSON text only. */
export type AnswerFormat = 'tool' | 'text';

export interface ModelFamily {
  /** Shown in logs and docs. */
  name: string;
  /** Matched against the foundation model id (region/`global.` prefix and ARN already removed). */
  match: RegExp;
  answer: AnswerFormat;
  /** Batch record body when the engine picks it: Anthropic Messages (InvokeModel) or Converse. */
  batchFormat: 'messages' | 'converse';
  /** Why, for the docs table. */
  note: string;
}

/** First match wins; the last row catches every other model. */
export const MODEL_FAMILIES: readonly ModelFamily[] = [
  {
    name: 'Anthropic Claude 2 / Instant',
    match: /^anthropic\.claude-(v2|instant)/,
    answer: 'text',
    batchFormat: 'messages',
    note: 'No tool use on Bedrock: JSON text.',
  },
  {
    name: 'Anthropic Claude 3 and later',
    match: /^anthropic\.claude-/,
    answer: 'tool',
    batchFormat: 'messages',
    note: 'Forced tool call: `tool_choice: {type: "tool"}` (InvokeModel), `toolChoice.tool` (Converse).',
  },
  {
    name: 'Amazon Nova',
    match: /^amazon\.nova-/,
    answer: 'tool',
    batchFormat: 'converse',
    note: 'Forced tool call through Converse `toolChoice.tool`.',
  },
  {
    name: 'Meta Llama',
    match: /^meta\.llama/,
    answer: 'text',
    batchFormat: 'converse',
    note: 'Converse tool use without `toolChoice.tool` (the model may answer in prose): JSON text.',
  },
  {
    name: 'Other Converse models (Mistral, Cohere, AI21, DeepSeek …)',
    match: /^/,
    answer: 'text',
    batchFormat: 'converse',
    note: 'JSON text: forced tool choice is not documented for them on Bedrock.',
  },
];

/** The foundation model id inside a model id, inference profile id or ARN (`us.anthropic.…` -> `anthropic.…`). */
export function foundationModelId(modelId: string): string {
  const arn = /:(?:foundation-model|inference-profile|application-inference-profile)\/(.+)$/.exec(modelId);
  const id = arn?.[1] ?? modelId;
  return id.replace(/^(us|eu|apac|us-gov|global|jp|au|ca)\./, '');
}

/** The family a model id belongs to (always one: the last row matches everything). */
export function modelFamily(modelId: string): ModelFamily {
  const id = foundationModelId(modelId);
  return MODEL_FAMILIES.find((f) => f.match.test(id)) ?? (MODEL_FAMILIES.at(-1) as ModelFamily);
}
