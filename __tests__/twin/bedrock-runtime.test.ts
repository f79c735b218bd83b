import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import {
  BedrockRuntimeClient,
  ConverseCommand,
  InvokeModelCommand,
  type ConverseCommandInput,
} from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { startTwin, type RunningTwin } from '../../twin/server.js';

const HAIKU_PROFILE = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const PROFILE_ARN = `arn:aws:bedrock:us-east-1:123456789012:inference-profile/${HAIKU_PROFILE}`;
const STOP = '3f1c2a9e-7b4d-4e21-9c55-0a1b2c3d4e5f';
const USER = `<data-x>\nid=${STOP} 01:00:00 cloudtrail:StopLogging\nid=e2 02:00:00 s3:GetObject\n</data-x>`;

// The Smithy model the twin's wire shapes are checked against.
const MODEL = JSON.parse(
  readFileSync(new URL('../../twin/models/bedrock-runtime-2023-09-30.json', import.meta.url), 'utf8'),
) as {
  shapes: Record<string, Shape>;
};
interface Shape {
  type: string;
  members?: Record<string, { target: string; traits?: Record<string, unknown> }>;
  member?: { target: string };
  traits?: Record<string, unknown>;
  errors?: { target: string }[];
  output?: { target: string };
}
const NS = 'com.amazonaws.bedrockruntime#';

/** Problems with a wire JSON value against a Smithy shape: unknown members, missing required ones, bad enums and types. */
function conform(shapeId: string, value: unknown, path = '$'): string[] {
  if (shapeId.startsWith('smithy.api#')) {
    const t = shapeId.slice('smithy.api#'.length);
    if (t === 'String') return typeof value === 'string' ? [] : [`${path}: not a string`];
    if (['Integer', 'Long', 'Float', 'Double'].includes(t))
      return typeof value === 'number' ? [] : [`${path}: not a number`];
    if (t === 'Boolean') return typeof value === 'boolean' ? [] : [`${path}: not a boolean`];
    return [];
  }
  const shape = MODEL.shapes[shapeId];
  if (!shape) return [`${path}: unknown shape ${shapeId}`];
  switch (shape.type) {
    case 'structure':
    case 'union': {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return [`${path}: not an object`];
      const members = shape.members ?? {};
      const out: string[] = [];
      const obj = value as Record<string, unknown>;
      for (const [k, v] of Object.entries(obj)) {
        const m = members[k];
        if (!m) out.push(`${path}.${k}: not a member of ${shapeId}`);
        else out.push(...conform(m.target, v, `${path}.${k}`));
      }
      if (shape.type === 'structure') {
        for (const [k, m] of Object.entries(members)) {
          const bound = Object.keys(m.traits ?? {}).some((t) => t.startsWith('smithy.api#http'));
          if (m.traits?.['smithy.api#required'] !== undefined && !bound && !(k in obj))
            out.push(`${path}.${k}: required`);
        }
      } else if (Object.keys(obj).length !== 1) out.push(`${path}: a union needs exactly one member`);
      return out;
    }
    case 'list':
      return Array.isArray(value)
        ? value.flatMap((v, i) => conform(shape.member?.target ?? '', v, `${path}[${i}]`))
        : [`${path}: not a list`];
    case 'enum': {
      const values = Object.values(shape.members ?? {}).map((m) => m.traits?.['smithy.api#enumValue']);
      return values.includes(value) ? [] : [`${path}: ${String(value)} is not one of ${values.join(', ')}`];
    }
    case 'string':
      return typeof value === 'string' ? [] : [`${path}: not a string`];
    case 'integer':
    case 'long':
      return typeof value === 'number' && Number.isInteger(value) ? [] : [`${path}: not an integer`];
    default:
      return [];
  }
}

function declaredErrors(operation: string): string[] {
  return (MODEL.shapes[`${NS}${operation}`]?.errors ?? []).map((e) => e.target.split('#')[1] ?? '');
}

let twin: RunningTwin;
let client: BedrockRuntimeClient;

/** A signed-looking raw request, to see the exact wire answer (the SDK would drop unknown members). */
async function raw(
  path: string,
  body: unknown,
): Promise<{ status: number; headers: Headers; json: unknown }> {
  const res = await fetch(`${twin.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIDTWIN/20250101/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as unknown };
}

async function control(path: string, body: unknown): Promise<Response> {
  return fetch(`${twin.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
}

function converse(overrides: Partial<ConverseCommandInput> = {}): ConverseCommand {
  return new ConverseCommand({
    modelId: HAIKU_PROFILE,
    system: [{ text: 'You are a security analyst. Answer with JSON.' }],
    messages: [{ role: 'user', content: [{ text: USER }] }],
    inferenceConfig: { maxTokens: 1500, temperature: 0 },
    ...overrides,
  });
}

async function caught(p: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  twin = await startTwin({ port: 0, batchStepMs: 5 });
  client = new BedrockRuntimeClient({
    endpoint: twin.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTWIN', secretAccessKey: 'secret' },
    maxAttempts: 1,
    // The Bedrock Runtime client defaults to HTTP/2 (for bidirectional streams); the twin listens on HTTP/1.1.
    requestHandler: new NodeHttpHandler(),
  });
});

afterAll(async () => {
  client.destroy();
  await twin.close();
});

beforeEach(async () => {
  await control('/_twin/reset', {});
});

describe('Converse', () => {
  it('answers the scripted model with usage and metrics, and the wire body conforms to ConverseResponse', async () => {
    const out = await client.send(converse());
    const text = out.output?.message?.content?.[0]?.text ?? '';
    const parsed = JSON.parse(text) as { findings: { evidence_event_ids: string[]; technique: string }[] };
    expect(parsed.findings[0]?.evidence_event_ids).toEqual([STOP]);
    expect(out.output?.message?.role).toBe('assistant');
    expect(out.stopReason).toBe('end_turn');
    const system = 'You are a security analyst. Answer with JSON.';
    expect(out.usage?.inputTokens).toBe(Math.ceil((system.length + USER.length) / 4));
    expect(out.usage?.outputTokens).toBe(Math.ceil(text.length / 4));
    expect(out.usage?.totalTokens).toBe((out.usage?.inputTokens ?? 0) + (out.usage?.outputTokens ?? 0));
    expect(typeof out.metrics?.latencyMs).toBe('number');

    const wire = await raw(`/model/${encodeURIComponent(HAIKU_PROFILE)}/converse`, {
      system: [{ text: system }],
      messages: [{ role: 'user', content: [{ text: USER }] }],
    });
    expect(wire.status).toBe(200);
    expect(conform(`${NS}ConverseResponse`, wire.json)).toEqual([]);
  });

  it('accepts an inference profile ARN as the model id (URL-encoded in the path)', async () => {
    const out = await client.send(converse({ modelId: PROFILE_ARN }));
    expect(out.stopReason).toBe('end_turn');
  });

  it('stops at maxTokens with stopReason max_tokens', async () => {
    const out = await client.send(converse({ inferenceConfig: { maxTokens: 8 } }));
    expect(out.stopReason).toBe('max_tokens');
    expect(out.usage?.outputTokens).toBe(8);
    expect(() => JSON.parse(out.output?.message?.content?.[0]?.text ?? '')).toThrow();
  });

  it('answers with the behaviour chosen through POST /_twin/model', async () => {
    expect((await control('/_twin/model', { behaviour: 'silent' })).status).toBe(200);
    const out = await client.send(converse());
    expect(out.output?.message?.content?.[0]?.text).toBe('{"findings":[]}');
    const bad = await control('/_twin/model', { behaviour: 'sneaky' });
    expect(bad.status).toBe(400);
  });

  it('rejects unknown models, base ids that need an inference profile, and bad bodies with ValidationException', async () => {
    const unknown = await caught(client.send(converse({ modelId: 'acme.nonexistent-model-v1' })));
    expect(unknown.name).toBe('ValidationException');
    expect(unknown.message).toBe('The provided model identifier is invalid.');

    const onDemand = await caught(
      client.send(converse({ modelId: 'anthropic.claude-haiku-4-5-20251001-v1:0' })),
    );
    expect(onDemand.name).toBe('ValidationException');
    expect(onDemand.message).toMatch(/on-demand throughput isn’t supported.*inference profile/);

    // Claude 3 Haiku is still served on demand.
    await expect(
      client.send(converse({ modelId: 'anthropic.claude-3-haiku-20240307-v1:0' })),
    ).resolves.toBeDefined();

    const assistantFirst = await caught(
      client.send(converse({ messages: [{ role: 'assistant', content: [{ text: 'x' }] }] })),
    );
    expect(assistantFirst.name).toBe('ValidationException');
    expect(assistantFirst.message).toMatch(/must start with a user message/);

    const wire = await raw(`/model/${encodeURIComponent(HAIKU_PROFILE)}/converse`, { messages: [] });
    expect(wire.status).toBe(400);
    expect(wire.headers.get('x-amzn-errortype')).toBe('ValidationException');
    expect(Object.keys(wire.json as object)).toEqual(['message']);
    expect(declaredErrors('Converse')).toContain('ValidationException');
  });
});

describe('InvokeModel (Anthropic Messages)', () => {
  const body = {
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 1000,
    system: 'You are a security analyst.',
    messages: [{ role: 'user', content: [{ type: 'text', text: USER }] }],
  };

  it('answers an Anthropic message with usage, and token-count headers', async () => {
    const out = await client.send(
      new InvokeModelCommand({
        modelId: HAIKU_PROFILE,
        contentType: 'application/json',
        accept: 'application/json',
        body: JSON.stringify(body),
      }),
    );
    expect(out.contentType).toBe('application/json');
    const msg = JSON.parse(new TextDecoder().decode(out.body)) as Record<string, unknown> & {
      content: { type: string; text: string }[];
      usage: { input_tokens: number; output_tokens: number };
    };
    expect(msg).toMatchObject({
      type: 'message',
      role: 'assistant',
      stop_reason: 'end_turn',
      model: 'claude-haiku-4-5-20251001',
    });
    expect(String(msg['id'])).toMatch(/^msg_bdrk_/);
    expect(msg.content[0]?.type).toBe('text');
    expect(JSON.parse(msg.content[0]?.text ?? '')).toHaveProperty('findings');
    expect(msg.usage.input_tokens).toBe(Math.ceil((body.system.length + USER.length) / 4));

    const wire = await raw(`/model/${encodeURIComponent(PROFILE_ARN)}/invoke`, body);
    expect(wire.headers.get('x-amzn-bedrock-input-token-count')).toBe(String(msg.usage.input_tokens));
    expect(wire.headers.get('x-amzn-bedrock-output-token-count')).toBe(String(msg.usage.output_tokens));
  });

  it('rejects bodies Bedrock rejects with its "Malformed input request" wording', async () => {
    const { max_tokens: _dropped, ...noMax } = body;
    const err = await caught(
      client.send(new InvokeModelCommand({ modelId: HAIKU_PROFILE, body: JSON.stringify(noMax) })),
    );
    expect(err.name).toBe('ValidationException');
    expect(err.message).toMatch(/^Malformed input request: .*max_tokens/);
    const notJson = await caught(
      client.send(new InvokeModelCommand({ modelId: HAIKU_PROFILE, body: '{not json' })),
    );
    expect(notJson.name).toBe('ValidationException');
    const nova = await caught(
      client.send(
        new InvokeModelCommand({ modelId: 'us.amazon.nova-lite-v1:0', body: JSON.stringify(body) }),
      ),
    );
    expect(nova.name).toBe('ValidationException');
  });
});

describe('faults on demand', () => {
  it('ThrottlingException (429) from a throttle fault on Converse', async () => {
    await control('/_twin/faults', { operation: 'Converse', kind: 'throttle', times: 1 });
    const err = await caught(client.send(converse()));
    expect(err.name).toBe('ThrottlingException');
    expect(err.$metadata?.httpStatusCode).toBe(429);
    await expect(client.send(converse())).resolves.toBeDefined();
  });

  it('ModelNotReadyException (429) through the ModelNotReady pseudo-operation, on both APIs', async () => {
    await control('/_twin/faults', { operation: 'ModelNotReady', kind: 'error', times: 2 });
    const a = await caught(client.send(converse()));
    expect(a.name).toBe('ModelNotReadyException');
    expect(a.$metadata?.httpStatusCode).toBe(429);
    const b = await caught(
      client.send(
        new InvokeModelCommand({
          modelId: HAIKU_PROFILE,
          body: JSON.stringify({
            anthropic_version: 'bedrock-2023-05-31',
            max_tokens: 5,
            messages: [{ role: 'user', content: 'x' }],
          }),
        }),
      ),
    );
    expect(b.name).toBe('ModelNotReadyException');
    expect(declaredErrors('Converse')).toContain('ModelNotReadyException');
    expect(declaredErrors('InvokeModel')).toContain('ModelNotReadyException');
  });

  it('AccessDeniedException (403) from an access-denied fault on InvokeModel', async () => {
    await control('/_twin/faults', { operation: 'InvokeModel', kind: 'access-denied' });
    const err = await caught(
      client.send(
        new InvokeModelCommand({
          modelId: PROFILE_ARN,
          body: JSON.stringify({
            anthropic_version: 'bedrock-2023-05-31',
            max_tokens: 5,
            messages: [{ role: 'user', content: 'x' }],
          }),
        }),
      ),
    );
    expect(err.name).toBe('AccessDeniedException');
    expect(err.$metadata?.httpStatusCode).toBe(403);
  });
});

describe('forced tool use (the findings tool)', () => {
  const TOOL = 'report_findings';
  const schema = { type: 'object', properties: { findings: { type: 'array' } }, required: ['findings'] };
  const toolConfig = {
    tools: [{ toolSpec: { name: TOOL, description: 'Report findings', inputSchema: { json: schema } } }],
    toolChoice: { tool: { name: TOOL } },
  };
  const messages = (extra: Record<string, unknown> = {}, max = 1500) => ({
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: max,
    system: 'You are a security analyst.',
    messages: [{ role: 'user', content: [{ type: 'text', text: USER }] }],
    tools: [{ name: TOOL, description: 'Report findings', input_schema: schema }],
    tool_choice: { type: 'tool', name: TOOL },
    ...extra,
  });
  const invoke = async (body: unknown, modelId = HAIKU_PROFILE) => {
    const out = await client.send(new InvokeModelCommand({ modelId, body: JSON.stringify(body) }));
    return JSON.parse(new TextDecoder().decode(out.body)) as {
      content: {
        type: string;
        name?: string;
        id?: string;
        input?: { findings?: unknown[] };
        text?: string;
      }[];
      stop_reason: string;
      usage: { output_tokens: number };
    };
  };

  it('Converse: answers with a toolUse block and stopReason tool_use; the wire body conforms to ConverseResponse', async () => {
    const out = await client.send(converse({ toolConfig }));
    expect(out.stopReason).toBe('tool_use');
    const block = out.output?.message?.content?.[0];
    expect(block?.toolUse?.name).toBe(TOOL);
    expect(block?.toolUse?.toolUseId).toMatch(/^tooluse_\w+$/);
    const input = block?.toolUse?.input as { findings: { evidence_event_ids: string[] }[] };
    expect(input.findings[0]?.evidence_event_ids).toEqual([STOP]);
    const wire = await raw(`/model/${encodeURIComponent(HAIKU_PROFILE)}/converse`, {
      messages: [{ role: 'user', content: [{ text: USER }] }],
      toolConfig,
    });
    expect(wire.status).toBe(200);
    expect(conform(`${NS}ConverseResponse`, wire.json)).toEqual([]);
  });

  it('InvokeModel: answers with a tool_use content block carrying the input, stop_reason tool_use', async () => {
    const msg = await invoke(messages());
    expect(msg.stop_reason).toBe('tool_use');
    expect(msg.content).toHaveLength(1);
    expect(msg.content[0]).toMatchObject({
      type: 'tool_use',
      name: TOOL,
      id: expect.stringMatching(/^toolu_bdrk_/),
    });
    expect(msg.content[0]?.input?.findings?.length).toBe(1);
  });

  it('cuts a tool call at max_tokens: stop reason max_tokens, the input holds only the findings complete before the cut', async () => {
    await control('/_twin/model', { behaviour: 'verbose' });
    const many = Array.from(
      { length: 30 },
      (_, i) => `id=e${i} 01:00:${String(i).padStart(2, '0')} iam:CreateAccessKey`,
    );
    const body = messages(
      { messages: [{ role: 'user', content: [{ type: 'text', text: many.join('\n') }] }] },
      600,
    );
    const msg = await invoke(body);
    expect(msg.stop_reason).toBe('max_tokens');
    expect(msg.usage.output_tokens).toBe(600);
    const kept = msg.content[0]?.input?.findings ?? [];
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(30);
    expect(JSON.stringify({ findings: kept }).length).toBeLessThanOrEqual(600 * 4);
    const conv = await client.send(
      converse({
        toolConfig,
        messages: [{ role: 'user', content: [{ text: many.join('\n') }] }],
        inferenceConfig: { maxTokens: 600 },
      }),
    );
    expect(conv.stopReason).toBe('max_tokens');
    expect(
      (conv.output?.message?.content?.[0]?.toolUse?.input as { findings: unknown[] }).findings,
    ).toHaveLength(kept.length);
  });

  it('chatty writes prose before the tool call; empty writes no content; refusing says so (refusal on Messages, end_turn on Converse)', async () => {
    await control('/_twin/model', { behaviour: 'chatty' });
    const chatty = await invoke(messages());
    expect(chatty.content.map((c) => c.type)).toEqual(['text', 'tool_use']);
    await control('/_twin/model', { behaviour: 'empty' });
    const empty = await invoke(messages());
    expect(empty.content).toEqual([]);
    expect(empty.stop_reason).toBe('end_turn');
    await control('/_twin/model', { behaviour: 'refusing' });
    const refused = await invoke(messages());
    expect(refused.stop_reason).toBe('refusal');
    expect(refused.content[0]?.text).toMatch(/^I'm sorry/);
    const conv = await client.send(converse({ toolConfig }));
    expect(conv.stopReason).toBe('end_turn');
    expect(conv.output?.message?.content?.[0]?.text).toMatch(/^I'm sorry/);
  });

  it('rejects a tool choice naming an undefined tool, tool_choice without tools, and a forced tool on a family without it', async () => {
    const converseBad = await caught(
      client.send(converse({ toolConfig: { ...toolConfig, toolChoice: { tool: { name: 'other_tool' } } } })),
    );
    expect(converseBad.name).toBe('ValidationException');
    expect(converseBad.message).toMatch(/other_tool does not match any tool/);
    const invokeBad = await caught(invoke(messages({ tool_choice: { type: 'tool', name: 'other_tool' } })));
    expect(invokeBad.name).toBe('ValidationException');
    expect(invokeBad.message).toMatch(/tool 'other_tool' not found in tools/);
    const noTools = await caught(invoke(messages({ tools: undefined })));
    expect(noTools.message).toMatch(/tool_choice may only be specified while providing tools/);
    const llama = await caught(
      client.send(converse({ modelId: 'meta.llama3-1-70b-instruct-v1:0', toolConfig })),
    );
    expect(llama.name).toBe('ValidationException');
    expect(llama.message).toMatch(/doesn't support the toolConfig.toolChoice.tool field/);
    // Without a forced choice the same model answers in text.
    const auto = await client.send(
      converse({ modelId: 'meta.llama3-1-70b-instruct-v1:0', toolConfig: { tools: toolConfig.tools } }),
    );
    expect(auto.output?.message?.content?.[0]?.text).toMatch(/^\{"findings"/);
  });
});
