/**
 * Bedrock Runtime (restJson1, signed as `bedrock`): Converse and InvokeModel (Anthropic Messages bodies), both
 * answered by the scripted model in ../model.ts with deterministic token counts.
 */
import { createHash } from 'node:crypto';
import { errorResponse, jsonResponse } from '../protocol.js';
import {
  promptFromAnthropic,
  promptFromConverse,
  scriptedAnswer,
  type ModelAnswer,
  type ModelPrompt,
} from '../model.js';
import type { ModelBehaviour, ServiceHandler, TwinContext, TwinRequest, TwinResponse } from '../types.js';

const ROUTE = /^\/model\/([^/]+)\/(converse|invoke|converse-stream|invoke-with-response-stream)$/;

const OPERATIONS: Record<string, string> = {
  converse: 'Converse',
  invoke: 'InvokeModel',
  'converse-stream': 'ConverseStream',
  'invoke-with-response-stream': 'InvokeModelWithResponseStream',
};

/**
 * Model-side failures on demand. They are pseudo-operations (no request is named like this), so the server's
 * generic fault handling leaves them for this handler, and they apply to every model invocation alike.
 */
const MODEL_FAULTS: readonly { operation: string; status: number; code: string; message: string }[] = [
  {
    operation: 'ModelNotReady',
    status: 429,
    code: 'ModelNotReadyException',
    message: 'Model is not ready to serve inference requests. Try again later.',
  },
  {
    operation: 'ModelTimeout',
    status: 408,
    code: 'ModelTimeoutException',
    message: 'Model has timed out in processing the request. Try your request again.',
  },
  {
    operation: 'ModelError',
    status: 424,
    code: 'ModelErrorException',
    message: 'The model returned an error. Try your request again.',
  },
];

// Claude models that AWS serves on demand only through an inference profile (us./eu./global. … or its ARN).
const PROFILE_ONLY = /^anthropic\.claude-(3-7-|(opus|sonnet|haiku)-4)/;
const PROFILE_PREFIX = /^(us|eu|apac|us-gov|global|jp|au|ca)\./;

export interface ResolvedModel {
  /** The foundation model id behind the identifier, e.g. `anthropic.claude-haiku-4-5-20251001-v1:0`. */
  foundationModel: string;
  viaProfile: boolean;
}

/** Resolves a model id, inference profile id or ARN to its foundation model; a string error when Bedrock would refuse it. */
export function resolveModel(
  modelId: string,
  operation: 'Converse' | 'InvokeModel' | 'Batch',
): ResolvedModel | string {
  let id = modelId;
  let viaProfile = false;
  const arn =
    /^arn:aws(?:-[^:]+)?:bedrock:[a-z0-9-]{1,20}:(\d{12})?:(foundation-model|inference-profile|application-inference-profile)\/(.+)$/.exec(
      id,
    );
  if (arn) {
    id = arn[3] ?? '';
    viaProfile = arn[2] !== 'foundation-model';
    // An application inference profile's id is opaque: the twin treats it as wrapping a current Claude model.
    if (arn[2] === 'application-inference-profile')
      return { foundationModel: 'anthropic.claude-haiku-4-5-20251001-v1:0', viaProfile: true };
  } else if (id.startsWith('arn:')) {
    return 'The provided model identifier is invalid.';
  }
  const prefix = PROFILE_PREFIX.exec(id);
  if (prefix) {
    viaProfile = true;
    id = id.slice(prefix[0].length);
  }
  if (!/^[a-z0-9-]{1,63}\.[a-z0-9-]{1,63}([.:]?[a-z0-9-]{1,63})*$/.test(id))
    return 'The provided model identifier is invalid.';
  const anthropic = id.startsWith('anthropic.claude');
  const converseFamily =
    anthropic || /^(amazon\.nova|meta\.llama|mistral\.|cohere\.command|ai21\.jamba|deepseek\.)/.test(id);
  if (!converseFamily || (operation === 'InvokeModel' && !anthropic)) {
    // The twin's scripted model only speaks the Anthropic Messages format on InvokeModel.
    return 'The provided model identifier is invalid.';
  }
  if (operation !== 'Batch' && !viaProfile && PROFILE_ONLY.test(id)) {
    return `Invocation of model ID ${id} with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`;
  }
  return { foundationModel: id, viaProfile };
}

function validation(message: string): TwinResponse {
  return errorResponse('restJson1', { status: 400, code: 'ValidationException', message });
}

/** Splits the raw path so an ARN's encoded `/` stays inside the model id segment. */
function route(req: TwinRequest): { modelId: string; action: string } | undefined {
  const m = ROUTE.exec(req.rawPath);
  if (!m) return undefined;
  let modelId: string;
  try {
    modelId = decodeURIComponent(m[1] ?? '');
  } catch {
    return undefined;
  }
  return { modelId, action: m[2] ?? '' };
}

/** The Converse response body for an answer (also the `modelOutput` of Converse batch records). */
export function converseOutput(answer: ModelAnswer, seed = ''): Record<string, unknown> {
  const content: Record<string, unknown>[] = answer.text ? [{ text: answer.text }] : [];
  if (answer.toolCall)
    content.push({
      toolUse: {
        toolUseId: `tooluse_${shortId(seed)}`,
        name: answer.toolCall.name,
        input: answer.toolCall.input,
      },
    });
  return {
    output: { message: { role: 'assistant', content } },
    // Converse has no `refusal` stop reason: a declined answer ends its turn.
    stopReason: answer.stopReason === 'refusal' ? 'end_turn' : answer.stopReason,
    usage: {
      inputTokens: answer.inputTokens,
      outputTokens: answer.outputTokens,
      totalTokens: answer.inputTokens + answer.outputTokens,
    },
    // Deterministic stand-in for latency: tests never depend on wall-clock time.
    metrics: { latencyMs: 100 + answer.outputTokens },
  };
}

/** The Anthropic Messages response body for an answer (also the `modelOutput` of InvokeModel batch records). */
export function anthropicOutput(
  answer: ModelAnswer,
  foundationModel: string,
  seed: string,
): Record<string, unknown> {
  const id = shortId(seed);
  const content: Record<string, unknown>[] = answer.text ? [{ type: 'text', text: answer.text }] : [];
  if (answer.toolCall)
    content.push({
      type: 'tool_use',
      id: `toolu_bdrk_${id}`,
      name: answer.toolCall.name,
      input: answer.toolCall.input,
    });
  return {
    id: `msg_bdrk_${id}`,
    type: 'message',
    role: 'assistant',
    model: foundationModel.replace(/^anthropic\./, '').replace(/-v\d+:\d+$/, ''),
    content,
    stop_reason: answer.stopReason,
    stop_sequence: null,
    usage: { input_tokens: answer.inputTokens, output_tokens: answer.outputTokens },
  };
}

function shortId(seed: string): string {
  return createHash('sha256').update(seed).digest('base64url').replace(/[-_]/g, 'x').slice(0, 24);
}

// Families that accept a forced tool (`toolChoice.tool`): Claude 3 and later, Amazon Nova (API reference, ToolChoice).
const FORCED_TOOL_FAMILIES = /^(anthropic\.claude-(?!v2|instant)|amazon\.nova-)/;

/** Runs one model invocation body through the scripted model; a string is a ValidationException message. */
export function invokeScripted(
  format: 'converse' | 'anthropic',
  body: unknown,
  behaviour: ModelBehaviour,
  foundationModel: string,
): Record<string, unknown> | string {
  let prompt: ModelPrompt;
  try {
    prompt = format === 'converse' ? promptFromConverse(body) : promptFromAnthropic(body);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  if (prompt.forcedTool !== undefined && !FORCED_TOOL_FAMILIES.test(foundationModel)) {
    return format === 'converse'
      ? "This model doesn't support the toolConfig.toolChoice.tool field. Remove toolConfig.toolChoice.tool and try again."
      : `Malformed input request: #: extraneous key [tool_choice] is not permitted for ${foundationModel}, please reformat your input and try again.`;
  }
  const answer = scriptedAnswer(prompt, behaviour);
  const seed = `${prompt.system}\u0000${prompt.user}\u0000${behaviour}`;
  return format === 'converse'
    ? converseOutput(answer, seed)
    : anthropicOutput(answer, foundationModel, seed);
}

function parseJson(body: Buffer): unknown {
  const text = body.toString('utf8');
  if (text.trim() === '') return undefined;
  return JSON.parse(text) as unknown;
}

export const bedrockRuntimeHandler: ServiceHandler = {
  name: 'bedrock-runtime',
  protocol: 'restJson1',

  matches(req: TwinRequest): boolean {
    return req.method === 'POST' && ROUTE.test(req.rawPath);
  },

  operation(req: TwinRequest): string | undefined {
    const r = route(req);
    return r ? OPERATIONS[r.action] : undefined;
  },

  async handle(req: TwinRequest, ctx: TwinContext): Promise<TwinResponse> {
    const r = route(req);
    if (!r) return validation('The provided model identifier is invalid.');
    const operation = OPERATIONS[r.action] ?? r.action;
    if (operation === 'ConverseStream' || operation === 'InvokeModelWithResponseStream') {
      return validation(
        `${operation} is not emulated by the twin; use ${operation === 'ConverseStream' ? 'Converse' : 'InvokeModel'}.`,
      );
    }
    for (const f of MODEL_FAULTS) {
      const fault = ctx.faults.take(f.operation);
      if (fault)
        return errorResponse('restJson1', {
          status: f.status,
          code: f.code,
          message: fault.message ?? f.message,
        });
    }
    const model = resolveModel(r.modelId, operation === 'Converse' ? 'Converse' : 'InvokeModel');
    if (typeof model === 'string') return validation(model);

    let body: unknown;
    try {
      body = parseJson(req.body);
    } catch {
      return validation(
        operation === 'Converse'
          ? 'The request body is not valid JSON.'
          : 'Malformed input request: #: expected type: JSONObject, please reformat your input and try again.',
      );
    }
    const out = invokeScripted(
      operation === 'Converse' ? 'converse' : 'anthropic',
      body,
      ctx.model.behaviour,
      model.foundationModel,
    );
    if (typeof out === 'string') return validation(out);
    if (operation === 'Converse') return jsonResponse(200, out);
    const usage = out['usage'] as { input_tokens: number; output_tokens: number };
    return jsonResponse(200, out, 'application/json', {
      'x-amzn-bedrock-input-token-count': String(usage.input_tokens),
      'x-amzn-bedrock-output-token-count': String(usage.output_tokens),
      'x-amzn-bedrock-invocation-latency': String(100 + usage.output_tokens),
    });
  },
};
