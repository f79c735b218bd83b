/**
 * Model output -> verified AI findings. The answer is untrusted: JSON is dug out of fenced or chatty text,
 * validated with a schema, severities clamped to the enum, and a finding survives only if every event id it
 * cites was shown to the model in the same record.
 */
import { z } from 'zod';
import { actorLists, addActor, mergeActors, newActorSets, type EventActor } from '../actors.js';
import { fingerprint } from '../fingerprint.js';
import {
  SEVERITIES,
  severityRank,
  type EvidenceSample,
  type Finding,
  type FindingActors,
  type Severity,
} from '../types.js';
import type { DigestRecord, EventRef } from './digest.js';
import { cut } from './untrusted.js';

const SEVERITY_ALIASES: Record<string, Severity> = {
  informational: 'info',
  information: 'info',
  none: 'info',
  minor: 'low',
  moderate: 'medium',
  med: 'medium',
  warning: 'medium',
  elevated: 'medium',
  major: 'high',
  severe: 'high',
  important: 'high',
  crit: 'critical',
  urgent: 'critical',
};

/** Any severity a model writes, mapped into the enum (unknown values become `medium`: neither hidden nor inflated). */
export function clampSeverity(v: unknown): Severity {
  if (typeof v === 'number' && Number.isFinite(v)) {
    // 0..4 as our ranks; 5..10 as a ten-point scale.
    const rank = v <= 4 ? Math.round(v) : Math.round((v / 10) * 4);
    return SEVERITIES[Math.min(4, Math.max(0, rank))] ?? 'medium';
  }
  if (typeof v !== 'string') return 'medium';
  const s = v.trim().toLowerCase();
  if ((SEVERITIES as readonly string[]).includes(s)) return s as Severity;
  // Own keys only: the model's text is untrusted, and "__proto__" or "constructor" must not reach Object.prototype.
  return Object.hasOwn(SEVERITY_ALIASES, s) ? (SEVERITY_ALIASES[s] as Severity) : 'medium';
}

const text = (max: number) =>
  z
    .preprocess(
      (v) => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v)),
      z.string().max(100_000),
    )
    .transform((s) => cut(s.trim(), max));

/** One finding as the model must write it. */
export const ModelFindingSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1)
    .transform((s) => cut(s, 200)),
  severity: z.unknown().transform(clampSeverity),
  technique: z
    .union([z.string(), z.null(), z.undefined()])
    .transform((s) =>
      typeof s === 'string' && /^T\d{4}(\.\d{3})?$/i.test(s.trim()) ? s.trim().toUpperCase() : undefined,
    ),
  evidence_event_ids: z
    .array(z.union([z.string(), z.number()]).transform(String))
    .min(1)
    .max(500),
  description: text(4000),
  remediation: text(2000),
  confidence: z.unknown().transform((v) => {
    const n = typeof v === 'number' ? v : typeof v === 'string' ? Number.parseFloat(v) : NaN;
    if (!Number.isFinite(n)) return undefined;
    return Math.min(1, Math.max(0, n > 1 && n <= 100 ? n / 100 : n));
  }),
});
export type ModelFinding = z.infer<typeof ModelFindingSchema>;

/**
 * The first JSON value in a model answer: a ```json fence, else the first balanced {…} or […] that parses.
 * Returns undefined when there is none.
 */
export function extractJson(answer: string): unknown {
  const fences = [...answer.matchAll(/```(?:json|JSON)?\s*\n?([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  for (const f of fences) {
    const v = tryParse(f.trim());
    if (v !== undefined) return v;
  }
  const direct = tryParse(answer.trim());
  if (direct !== undefined) return direct;
  for (let i = 0; i < answer.length; i++) {
    const c = answer[i];
    if (c !== '{' && c !== '[') continue;
    const end = balancedEnd(answer, i);
    if (end < 0) continue;
    const v = tryParse(answer.slice(i, end + 1));
    if (v !== undefined && typeof v === 'object' && v !== null) return v;
  }
  return undefined;
}

function tryParse(s: string): unknown {
  if (!s) return undefined;
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return undefined;
  }
}

/** Index of the bracket closing the one at `start`, respecting strings; -1 when unbalanced. */
function balancedEnd(s: string, start: number): number {
  const stack: string[] = [];
  let inStr = false;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (inStr) {
      if (c === '\\') i++;
      else if (c === '"') inStr = false;
      continue;
    }
    if (c === '"') inStr = true;
    else if (c === '{') stack.push('}');
    else if (c === '[') stack.push(']');
    else if (c === '}' || c === ']') {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

/** The tool findings are reported through when the model family supports a forced tool call. */
export const FINDINGS_TOOL = 'report_findings';

/**
 * The forced tool's input schema: the fields ModelFindingSchema validates, as JSON Schema (the model is held to
 * it; the answer is still validated, since a model may send a wrong shape anyway).
 */
/** A JSON value (what a tool's input schema is, and what the SDK's document type accepts). */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export const FINDINGS_INPUT_SCHEMA: { [key: string]: Json } = {
  type: 'object',
  properties: {
    findings: {
      type: 'array',
      description: 'Empty when nothing is suspicious.',
      items: {
        type: 'object',
        properties: {
          title: { type: 'string' },
          severity: { type: 'string', enum: [...SEVERITIES] },
          technique: { type: ['string', 'null'], description: 'MITRE ATT&CK id such as T1098.001, or null' },
          evidence_event_ids: {
            type: 'array',
            items: { type: 'string' },
            minItems: 1,
            description: 'Only ids written after id= in the data',
          },
          description: { type: 'string' },
          remediation: { type: 'string' },
          confidence: { type: 'number', minimum: 0, maximum: 1 },
        },
        required: ['title', 'severity', 'evidence_event_ids', 'description', 'remediation'],
      },
    },
  },
  required: ['findings'],
};

/** A model answer as the parser needs it, from a Converse or an Anthropic Messages response. */
export interface ModelReply {
  /** Every text block, joined. */
  text: string;
  toolCalls: { name: string; input: unknown }[];
  /** `end_turn`, `tool_use`, `max_tokens`, `refusal`, `content_filtered` … as the API wrote it. */
  stopReason?: string;
}

/** The reply inside a Converse response (SDK output or batch `modelOutput`) or an Anthropic Messages body. */
export function replyOf(output: unknown): ModelReply | undefined {
  if (!output || typeof output !== 'object') return undefined;
  const o = output as {
    output?: { message?: { content?: unknown } };
    content?: unknown;
    stopReason?: unknown;
    stop_reason?: unknown;
  };
  const blocks = o.output?.message?.content ?? o.content;
  if (!Array.isArray(blocks)) return undefined;
  const reply: ModelReply = { text: '', toolCalls: [] };
  for (const b of blocks as Record<string, unknown>[]) {
    if (!b || typeof b !== 'object') continue;
    if (typeof b['text'] === 'string') reply.text += b['text'];
    // Converse: {toolUse: {toolUseId, name, input}}; Messages: {type: "tool_use", id, name, input}.
    const use = (b['toolUse'] ?? (b['type'] === 'tool_use' ? b : undefined)) as
      { name?: unknown; input?: unknown } | undefined;
    if (use && typeof use === 'object')
      reply.toolCalls.push({ name: String(use.name ?? ''), input: use.input });
  }
  const stop = o.stopReason ?? o.stop_reason;
  if (typeof stop === 'string') reply.stopReason = stop;
  return reply;
}

/** Why an answer yielded no findings list at all. */
export type AnswerFailure = 'empty' | 'refused' | 'no-json' | 'wrong-schema';

export interface ParsedAnswer {
  /** False when no findings list could be read at all (the answer counts as invalid). */
  ok: boolean;
  findings: ModelFinding[];
  /** Findings present but not matching the schema. */
  invalidFindings: number;
  /** Cut short (stop reason max_tokens, or JSON that ends mid-list): `findings` are the complete ones before the cut. */
  truncated: boolean;
  failure?: AnswerFailure;
}

const CUT_STOPS = new Set(['max_tokens', 'model_context_window_exceeded']);
const REFUSAL_STOPS = new Set(['refusal', 'content_filtered', 'guardrail_intervened']);
// Labels an answer with no JSON (a count in the report; a refused prompt is not asked again), nothing more.
const REFUSAL_TEXT =
  /^\W*(?:I'?m sorry|I am sorry|I apologi[sz]e)\b|^\W*I (?:can(?:no|')t|cannot|am unable to|'m unable to|won'?t|will not) (?:help|assist|comply|do that|provide|analy[sz]e|review|share)\b/i;

/**
 * The complete items of a findings array cut short: `{"findings":[{…},{…},{…` gives the first two. Undefined
 * when the text holds no findings array at all.
 */
export function salvageFindings(text: string): { items: unknown[]; closed: boolean } | undefined {
  const head = /"findings"\s*:\s*\[/.exec(text) ?? /^\s*(?:```(?:json)?\s*)?\[/i.exec(text);
  if (!head) return undefined;
  const items: unknown[] = [];
  let i = head.index + head[0].length;
  for (;;) {
    while (i < text.length && /[\s,]/.test(text[i] ?? '')) i++;
    if (i >= text.length) return { items, closed: false };
    if (text[i] === ']') return { items, closed: true };
    if (text[i] !== '{') return { items, closed: false };
    const end = balancedEnd(text, i);
    if (end < 0) return { items, closed: false };
    const v = tryParse(text.slice(i, end + 1));
    if (v === undefined) return { items, closed: false };
    items.push(v);
    i = end + 1;
  }
}

function listOf(json: unknown): unknown[] | undefined {
  if (Array.isArray(json)) return json;
  if (json && typeof json === 'object') {
    const f = (json as { findings?: unknown }).findings;
    if (Array.isArray(f)) return f;
    // Some models send the nested list as a JSON string.
    if (typeof f === 'string') return listOf(tryParse(f)) ?? salvageFindings(f)?.items;
  }
  return undefined;
}

function validate(list: readonly unknown[], truncated: boolean): ParsedAnswer {
  const findings: ModelFinding[] = [];
  let invalid = 0;
  for (const item of list.slice(0, 100)) {
    const r = ModelFindingSchema.safeParse(item);
    if (r.success) findings.push(r.data);
    else invalid++;
  }
  invalid += Math.max(0, list.length - 100);
  return { ok: true, findings, invalidFindings: invalid, truncated };
}

const failed = (failure: AnswerFailure, truncated = false): ParsedAnswer => ({
  ok: false,
  findings: [],
  invalidFindings: 0,
  truncated,
  failure,
});

/**
 * Reads a model answer: the findings tool's input first, else `{"findings":[…]}` or a bare array in the text; a
 * list cut short keeps its complete items. Each finding is validated on its own.
 */
export function parseAnswer(answer: string | ModelReply): ParsedAnswer {
  const reply: ModelReply = typeof answer === 'string' ? { text: answer, toolCalls: [] } : answer;
  const cut = CUT_STOPS.has(reply.stopReason ?? '');
  const ours = reply.toolCalls.filter((c) => c.name === FINDINGS_TOOL);
  if (ours.length) {
    const lists: unknown[] = [];
    let readable = false;
    let incomplete = false;
    for (const c of ours) {
      const input = typeof c.input === 'string' ? (tryParse(c.input) ?? c.input) : c.input;
      const list = listOf(input) ?? (typeof input === 'string' ? salvageFindings(input)?.items : undefined);
      if (list) {
        readable = true;
        lists.push(...list);
        if (typeof input === 'string' && !tryParse(input)) incomplete = true;
      }
    }
    // A tool call cut at max_tokens may come back with an empty or partial input: what is there is kept.
    if (readable || cut) return validate(lists, cut || incomplete);
    if (!reply.text.trim()) return failed('wrong-schema');
  } else if (reply.toolCalls.length && !reply.text.trim()) {
    return failed('wrong-schema');
  }
  const text = reply.text;
  if (!text.trim()) return failed(REFUSAL_STOPS.has(reply.stopReason ?? '') ? 'refused' : 'empty', cut);
  const json = extractJson(text);
  const list = listOf(json);
  if (list) return validate(list, cut);
  const partial = salvageFindings(text);
  if (partial && !partial.closed) return validate(partial.items, true);
  if (REFUSAL_STOPS.has(reply.stopReason ?? '') || REFUSAL_TEXT.test(text)) return failed('refused', cut);
  return failed(json !== undefined ? 'wrong-schema' : 'no-json', cut);
}

/** Lower-cased, punctuation-free title: the same finding worded with different case or punctuation matches. */
export function normaliseTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function sample(r: EventRef): EvidenceSample {
  const s: EvidenceSample = {
    eventId: r.id,
    time: r.time,
    eventName: r.name,
    region: r.region,
    account: r.account,
  };
  if (r.sourceIp) s.sourceIp = r.sourceIp;
  if (r.userAgent) s.userAgent = r.userAgent;
  if (r.errorCode) s.errorCode = r.errorCode;
  return s;
}

/** The actors of the cited events, so the model's finding joins the incident of whoever made them. */
function refActors(refs: readonly EventRef[]): FindingActors | undefined {
  const sets = newActorSets();
  for (const r of refs) {
    const a: EventActor = { principal: r.principal };
    if (r.session) a.session = r.session;
    if (r.accessKeyId) a.accessKeyId = r.accessKeyId;
    if (r.sourceIp) a.sourceIp = r.sourceIp;
    if (r.userAgent) a.userAgent = r.userAgent;
    addActor(sets, a, r);
  }
  return actorLists(sets);
}

export interface VerifyResult {
  findings: Finding[];
  unverified: number;
}

/**
 * Keeps the model findings whose every cited id is an event shown in `record`, as `Finding`s with a stable id
 * (fingerprint of 'ai', normalised title, principal, account). A finding citing anything else is dropped.
 */
export function verifyFindings(
  record: Pick<DigestRecord, 'events'>,
  found: readonly ModelFinding[],
): VerifyResult {
  const out: Finding[] = [];
  let unverified = 0;
  for (const m of found) {
    const ids = [...new Set(m.evidence_event_ids.map((s) => s.trim()))];
    const refs = ids.map((id) => record.events.get(id));
    if (ids.length === 0 || refs.some((r) => r === undefined)) {
      unverified++;
      continue;
    }
    const evidence = (refs as EventRef[]).sort((a, b) => a.timeMs - b.timeMs);
    const first = evidence[0] as EventRef;
    const last = evidence[evidence.length - 1] as EventRef;
    const f: Finding = {
      id: fingerprint(['ai', normaliseTitle(m.title), first.principal, first.account]),
      origin: 'ai',
      title: m.title,
      severity: m.severity,
      principal: first.principal,
      accounts: [...new Set(evidence.map((r) => r.account))].sort(),
      regions: [...new Set(evidence.map((r) => r.region))].sort(),
      firstSeen: first.time,
      lastSeen: last.time,
      count: evidence.length,
      evidence: { eventIds: evidence.map((r) => r.id), samples: evidence.slice(0, 5).map(sample) },
      description: m.description,
      remediation: m.remediation,
    };
    if (m.technique) f.technique = m.technique;
    if (m.confidence !== undefined) f.confidence = m.confidence;
    const actors = refActors(evidence);
    if (actors) f.actors = actors;
    out.push(f);
  }
  return { findings: out, unverified };
}

/** Joins AI findings with the same id (the same incident reported from several records). */
export function dedupeAiFindings(findings: readonly Finding[]): Finding[] {
  const byId = new Map<string, Finding>();
  for (const f of findings) {
    const prev = byId.get(f.id);
    if (!prev) {
      byId.set(f.id, { ...f, evidence: { ...f.evidence, eventIds: [...f.evidence.eventIds] } });
      continue;
    }
    const ids = [...new Set([...prev.evidence.eventIds, ...f.evidence.eventIds])];
    prev.evidence.eventIds = ids;
    prev.count = ids.length;
    if (severityRank(f.severity) > severityRank(prev.severity)) prev.severity = f.severity;
    if (f.firstSeen < prev.firstSeen) prev.firstSeen = f.firstSeen;
    if (f.lastSeen > prev.lastSeen) prev.lastSeen = f.lastSeen;
    prev.accounts = [...new Set([...prev.accounts, ...f.accounts])].sort();
    prev.regions = [...new Set([...prev.regions, ...f.regions])].sort();
    if (f.confidence !== undefined) prev.confidence = Math.max(prev.confidence ?? 0, f.confidence);
    const actors = mergeActors(prev.actors, f.actors);
    if (actors) prev.actors = actors;
  }
  return [...byId.values()];
}

/** What one record's answer yielded after parsing and verification. */
export interface RecordAnswer {
  /** False when the answer held no readable findings list. */
  ok: boolean;
  findings: Finding[];
  unverified: number;
  invalidFindings: number;
  /** Cut short: `findings` are what was complete before the cut. */
  truncated: boolean;
  failure?: AnswerFailure;
}

/** Parses and verifies one model answer against the record it was asked about. */
export function readAnswer(record: Pick<DigestRecord, 'events'>, answer: string | ModelReply): RecordAnswer {
  const parsed = parseAnswer(answer);
  if (!parsed.ok) {
    const out: RecordAnswer = {
      ok: false,
      findings: [],
      unverified: 0,
      invalidFindings: 0,
      truncated: parsed.truncated,
    };
    if (parsed.failure) out.failure = parsed.failure;
    return out;
  }
  const v = verifyFindings(record, parsed.findings);
  return {
    ok: true,
    findings: v.findings,
    unverified: v.unverified,
    invalidFindings: parsed.invalidFindings,
    truncated: parsed.truncated,
  };
}
