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
  return SEVERITY_ALIASES[s] ?? 'medium';
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

export interface ParsedAnswer {
  /** False when no JSON with a findings list could be read at all (the answer counts as invalid). */
  ok: boolean;
  findings: ModelFinding[];
  /** Findings present but not matching the schema. */
  invalidFindings: number;
}

/** Reads a model answer: `{"findings":[…]}` or a bare array; each finding validated on its own. */
export function parseAnswer(answer: string): ParsedAnswer {
  const json = extractJson(answer);
  const list = Array.isArray(json)
    ? json
    : json && typeof json === 'object' && Array.isArray((json as { findings?: unknown }).findings)
      ? (json as { findings: unknown[] }).findings
      : undefined;
  if (!list) return { ok: false, findings: [], invalidFindings: 0 };
  const findings: ModelFinding[] = [];
  let invalid = 0;
  for (const item of list.slice(0, 100)) {
    const r = ModelFindingSchema.safeParse(item);
    if (r.success) findings.push(r.data);
    else invalid++;
  }
  invalid += Math.max(0, list.length - 100);
  return { ok: true, findings, invalidFindings: invalid };
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
    addActor(sets, a);
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
  /** False when the answer held no readable findings JSON. */
  ok: boolean;
  findings: Finding[];
  unverified: number;
  invalidFindings: number;
}

/** Parses and verifies one model answer against the record it was asked about. */
export function readAnswer(record: Pick<DigestRecord, 'events'>, answer: string): RecordAnswer {
  const parsed = parseAnswer(answer);
  if (!parsed.ok) return { ok: false, findings: [], unverified: 0, invalidFindings: 0 };
  const v = verifyFindings(record, parsed.findings);
  return {
    ok: true,
    findings: v.findings,
    unverified: v.unverified,
    invalidFindings: parsed.invalidFindings,
  };
}
