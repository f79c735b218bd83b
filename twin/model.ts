/**
 * The twin's SCRIPTED MODEL: a deterministic test double that stands in for Claude on Bedrock. It does not
 * understand anything; it finds event ids and a short published list of risky event names in the prompt and
 * answers in the JSON shape TrailSight asks for, so tests can prove what the action does with a model's answer
 * (good, empty, broken, invented or attacker-steered). The heuristic is documented in twin/README.md
 * ("Bedrock and the scripted model"); the same input always gives the same output and token counts.
 */
import { createHash } from 'node:crypto';
import type { ModelBehaviour } from './types.js';

/** Every behaviour `POST /_twin/model` accepts. */
export const MODEL_BEHAVIOURS: readonly ModelBehaviour[] = [
  'diligent',
  'silent',
  'malformed',
  'hallucinating',
  'obedient',
  'verbose',
  'chatty',
  'empty',
  'refusing',
];

/** True when `x` names a scripted-model behaviour. */
export function isModelBehaviour(x: unknown): x is ModelBehaviour {
  return typeof x === 'string' && (MODEL_BEHAVIOURS as readonly string[]).includes(x);
}

/** What the model is asked, already flattened from a Converse or Anthropic Messages body. */
export interface ModelPrompt {
  /** System prompt text (all system blocks joined with newlines). */
  system: string;
  /** Text of every user turn, joined with newlines. */
  user: string;
  /** Text of a final assistant turn (a "prefill"): the answer continues it, as Claude does. */
  prefill?: string;
  /** Characters of every text block sent (system + all turns): what input tokens are counted from. */
  inputChars: number;
  /** The request's output-token cap (max_tokens / inferenceConfig.maxTokens). */
  maxTokens?: number;
  /** The tool the request forces (`tool_choice` type tool/any, `toolChoice.tool`/`any`): the answer is a call to it. */
  forcedTool?: string;
}

export interface ModelAnswer {
  /** Text blocks (before the tool call, when there is one); '' writes no text block. */
  text: string;
  /** A call of the forced tool with this input (already cut to the findings complete before max_tokens). */
  toolCall?: { name: string; input: unknown };
  inputTokens: number;
  outputTokens: number;
  /** `refusal` is what Claude's Messages API says; Converse has no such value and answers `end_turn`. */
  stopReason: 'end_turn' | 'max_tokens' | 'tool_use' | 'refusal';
}

/** A finding in the shape the action's prompt asks for. */
export interface ScriptedFinding {
  title: string;
  severity: string;
  technique: string | null;
  evidence_event_ids: string[];
  description: string;
  remediation: string;
  confidence: number;
}

/** Characters per token for the twin's token counts (a documented constant, not Claude's tokenizer). */
export const TWIN_CHARS_PER_TOKEN = 4;

/** Token count the twin reports for a text: ceil(chars / 4), at least 1 for non-empty text. */
export function countTokens(chars: number | string): number {
  const n = typeof chars === 'string' ? chars.length : chars;
  return Math.ceil(n / TWIN_CHARS_PER_TOKEN);
}

interface RiskyCall {
  key: string;
  names: readonly string[];
  title: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  technique: string;
  remediation: string;
  /** Extra condition on the line (beyond the name), e.g. "without MFA". */
  when?: (line: string) => boolean;
}

const NO_MFA = (line: string): boolean => /MFAUsed["'\s:=]*"?no\b/i.test(line) || /\bmfa=no\b/i.test(line);

/** The published heuristic: event names (matched as whole words on a line that carries an event id). */
export const RISKY_CALLS: readonly RiskyCall[] = [
  {
    key: 'logging',
    names: [
      'StopLogging',
      'DeleteTrail',
      'UpdateTrail',
      'PutEventSelectors',
      'DeleteFlowLogs',
      'DeleteEventDataStore',
    ],
    title: 'Audit logging was disabled or weakened',
    severity: 'high',
    technique: 'T1562.008',
    remediation:
      'Re-enable the trail or flow logs, restrict cloudtrail:StopLogging/DeleteTrail with an SCP, and review who made the call.',
  },
  {
    key: 'detection',
    names: [
      'DeleteDetector',
      'DisableSecurityHub',
      'DeleteConfigurationRecorder',
      'StopConfigurationRecorder',
    ],
    title: 'A security detection service was turned off',
    severity: 'high',
    technique: 'T1562.001',
    remediation: 'Turn the service back on and protect it with an SCP.',
  },
  {
    key: 'credentials',
    names: ['CreateAccessKey', 'CreateLoginProfile', 'UpdateLoginProfile'],
    title: 'New long-term credentials were created',
    severity: 'medium',
    technique: 'T1098.001',
    remediation:
      'Confirm the credentials are expected; deactivate and delete them otherwise, and prefer roles over access keys.',
  },
  {
    key: 'privilege',
    names: [
      'AttachUserPolicy',
      'AttachRolePolicy',
      'PutUserPolicy',
      'PutRolePolicy',
      'CreatePolicyVersion',
      'AddUserToGroup',
    ],
    title: 'IAM permissions were escalated',
    severity: 'high',
    technique: 'T1098.003',
    remediation:
      'Review the attached policy, detach it if unexpected, and require approval for IAM policy changes.',
  },
  {
    key: 'new-user',
    names: ['CreateUser'],
    title: 'A new IAM user was created',
    severity: 'medium',
    technique: 'T1136.003',
    remediation: 'Confirm the user is expected and owned; remove it otherwise.',
  },
  {
    key: 'bucket-exposure',
    names: ['PutBucketPolicy', 'PutBucketAcl', 'DeleteBucketPublicAccessBlock', 'DeletePublicAccessBlock'],
    title: 'S3 bucket access was changed',
    severity: 'medium',
    technique: 'T1530',
    remediation:
      'Check the bucket policy/ACL for public or cross-account access and keep Block Public Access on.',
  },
  {
    key: 'sharing',
    names: ['ModifySnapshotAttribute', 'ModifyDBSnapshotAttribute', 'ModifyImageAttribute'],
    title: 'A snapshot or image was shared',
    severity: 'high',
    technique: 'T1537',
    remediation: 'Check which accounts the snapshot or image was shared with and revoke unexpected shares.',
  },
  {
    key: 'firewall',
    names: ['AuthorizeSecurityGroupIngress'],
    title: 'Security group ingress was opened',
    severity: 'medium',
    technique: 'T1562.007',
    remediation: 'Restrict the rule to known CIDRs and ports; remove 0.0.0.0/0 on administrative ports.',
  },
  {
    key: 'console-no-mfa',
    names: ['ConsoleLogin'],
    when: NO_MFA,
    title: 'Console sign-in without MFA',
    severity: 'medium',
    technique: 'T1078.004',
    remediation: 'Require MFA for console access and review the sign-in source.',
  },
  {
    key: 'secrets',
    names: ['GetSecretValue', 'GetParametersByPath', 'GetPasswordData'],
    title: 'Secrets were read',
    severity: 'medium',
    technique: 'T1555.006',
    remediation: 'Confirm the caller needs these secrets; rotate them if the access was not expected.',
  },
  {
    key: 'destruction',
    names: ['DeleteBucket', 'DeleteDBInstance', 'DeleteDBCluster', 'ScheduleKeyDeletion'],
    title: 'Resources or keys were deleted',
    severity: 'high',
    technique: 'T1485',
    remediation: 'Confirm the deletion was planned; restore from backup and cancel key deletion if not.',
  },
];

const ACCESS_DENIED =
  /(?<![A-Za-z])(AccessDenied|AccessDeniedException|UnauthorizedOperation|Client\.UnauthorizedOperation|UnauthorizedAccess)(?![A-Za-z])/;

const UUID = /\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g;
// `id=<token>` or `id="<json string>"` as the digest writes them; not `foo.id=` or `requestid=`.
const ID_EQ = /(?<![\w.])(?:id|eventId|eventID|event_id)=(?:"((?:[^"\\]|\\.){1,128})"|([\w.:/@+*-]{1,128}))/g;
// `ids=a,b,c` in rule-finding context lines.
const IDS_EQ = /(?<![\w.])ids=([\w.:/@+*-]{1,128}(?:,[\w.:/@+*-]{1,128})*)/g;
// `"id":"…"` / `"eventID":"…"` in JSON-rendered events.
const ID_JSON = /"(?:id|eventId|eventID|event_id)"\s*:\s*"((?:[^"\\]|\\.){1,128})"/g;

/** Event ids cited on one line: explicit id fields if any, else bare UUIDs (so a requestID beside an eventID is not taken). */
export function idsOnLine(line: string): string[] {
  const explicit: string[] = [];
  for (const m of line.matchAll(ID_EQ)) explicit.push(m[1] !== undefined ? unescapeJson(m[1]) : (m[2] ?? ''));
  for (const m of line.matchAll(IDS_EQ)) explicit.push(...(m[1] ?? '').split(','));
  for (const m of line.matchAll(ID_JSON)) explicit.push(unescapeJson(m[1] ?? ''));
  const ids = explicit.filter((s) => s !== '');
  if (ids.length) return dedupe(ids);
  return dedupe([...line.matchAll(UUID)].map((m) => m[0]));
}

/** Every citable event id in a text (the user turns), in order of first appearance. */
export function extractEventIds(text: string): string[] {
  return dedupe(text.split(/\r?\n/).flatMap(idsOnLine));
}

function dedupe(xs: string[]): string[] {
  return [...new Set(xs)];
}

function unescapeJson(s: string): string {
  return s.replace(
    /\\u([0-9a-fA-F]{4})|\\(["\\/bfnrt])/g,
    (_m, hex: string | undefined, ch: string | undefined) => {
      if (hex !== undefined) return String.fromCharCode(parseInt(hex, 16));
      return (
        ({ b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' } as Record<string, string>)[ch ?? ''] ?? ch ?? ''
      );
    },
  );
}

function wordRe(name: string): RegExp {
  return new RegExp(`(?<![A-Za-z])${name}(?![A-Za-z])`);
}
const NAME_RES = new Map(RISKY_CALLS.flatMap((c) => c.names.map((n) => [n, wordRe(n)] as const)));

/** The diligent model's findings: one per risky-call group (and one for access-denied errors) that has ids. */
export function diligentFindings(user: string): ScriptedFinding[] {
  const hits = new Map<string, { ids: string[]; names: Set<string> }>();
  const add = (key: string, ids: string[], name: string): void => {
    const h = hits.get(key) ?? { ids: [], names: new Set<string>() };
    h.ids.push(...ids);
    h.names.add(name);
    hits.set(key, h);
  };
  for (const line of user.split(/\r?\n/)) {
    const ids = idsOnLine(line);
    if (!ids.length) continue;
    for (const call of RISKY_CALLS) {
      const name = call.names.find((n) => NAME_RES.get(n)?.test(line));
      if (name !== undefined && (!call.when || call.when(line))) add(call.key, ids, name);
    }
    const denied = ACCESS_DENIED.exec(line);
    if (denied) add('access-denied', ids, denied[1] ?? 'AccessDenied');
  }
  const findings: ScriptedFinding[] = [];
  for (const call of RISKY_CALLS) {
    const h = hits.get(call.key);
    if (!h) continue;
    const ids = dedupe(h.ids).slice(0, 20);
    const names = [...h.names].join(', ');
    findings.push({
      title: `${call.title} (${names})`,
      severity: call.severity,
      technique: call.technique,
      evidence_event_ids: ids,
      description: `${ids.length} event(s) calling ${names} appear in the data; each can change the account's security posture.`,
      remediation: call.remediation,
      confidence: 0.8,
    });
  }
  const denied = hits.get('access-denied');
  if (denied) {
    const ids = dedupe(denied.ids).slice(0, 20);
    findings.push({
      title: `Calls denied by IAM (${[...denied.names].join(', ')})`,
      severity: 'low',
      technique: 'T1580',
      evidence_event_ids: ids,
      description: `${ids.length} event(s) failed with an authorization error, which can indicate permission probing.`,
      remediation:
        'Check whether the principal is expected to make these calls; investigate repeated denials.',
      confidence: 0.5,
    });
  }
  return findings;
}

/** What an attacker planted in the data, as the obedient model reads it. */
export interface Injection {
  ignoreInstructions: boolean;
  reportNothing: boolean;
  lowerSeverity: 'info' | 'low' | undefined;
  /** Strings to copy into the answer: @mentions, markdown images, HTML, links. */
  payloads: string[];
  /** Findings written as JSON inside the data. */
  fakeFindings: ScriptedFinding[];
  /** The id of the first line carrying an injection, if that line had one. */
  carrierId: string | undefined;
}

const IGNORE =
  /\b(ignore|disregard|forget)\b[^\n]{0,40}?\b(previous|prior|above|earlier|all|your)\b[^\n]{0,20}?\binstructions?\b/i;
const NOTHING =
  /\b(report|return|output|say|answer)\s+(nothing|no findings|zero findings|an empty)\b|\bnothing to report\b/i;
const LOWER =
  /\b(severity|severities)\b[^\n]{0,30}?\b(info|informational|low|none)\b|\b(downgrade|lower)\b[^\n]{0,30}?\bseverit/i;
const PAYLOADS: readonly RegExp[] = [
  /!\[[^\]\n]{0,100}\]\([^)\s]{1,300}\)/g,
  /<script\b[^>]{0,200}>[^<]{0,300}<\/script>/gi,
  /<\/?(?:img|iframe|a|svg|details|div|style|script)\b[^>]{0,300}>/gi,
  /(?<![\w.@/-])@[A-Za-z0-9][A-Za-z0-9-]{0,38}(?:\/[A-Za-z0-9._-]{1,100})?/g,
  /\bhttps?:\/\/[^\s"'<>)\]\\]{1,300}/g,
];

/**
 * Reads the injections in the data (JSON escapes such as \u003c undone first, and the look-alike angle quotes the
 * prompt puts for `<` and `>` read back as them, as a model would read them).
 */
export function readInjection(user: string): Injection {
  const inj: Injection = {
    ignoreInstructions: false,
    reportNothing: false,
    lowerSeverity: undefined,
    payloads: [],
    fakeFindings: [],
    carrierId: undefined,
  };
  for (const raw of user.split(/\r?\n/)) {
    const line = unescapeJson(raw).replace(/‹/g, '<').replace(/›/g, '>');
    let carried = false;
    if (IGNORE.test(line)) inj.ignoreInstructions = carried = true;
    if (NOTHING.test(line)) inj.reportNothing = carried = true;
    const lower = LOWER.exec(line);
    if (lower) {
      inj.lowerSeverity = /info/i.test(lower[0]) ? 'info' : 'low';
      carried = true;
    }
    const found: string[] = [];
    for (const re of PAYLOADS) for (const m of line.matchAll(re)) found.push(m[0]);
    // A link inside an image or tag is already carried by it.
    const kept = found.filter((p) => !found.some((q) => q !== p && q.includes(p)));
    if (kept.length) carried = true;
    inj.payloads.push(...kept);
    const fake = fakeFindingsIn(line);
    if (fake.length) carried = true;
    inj.fakeFindings.push(...fake);
    if (carried && inj.carrierId === undefined) inj.carrierId = idsOnLine(raw)[0];
  }
  inj.payloads = dedupe(inj.payloads);
  return inj;
}

function fakeFindingsIn(line: string): ScriptedFinding[] {
  const out: ScriptedFinding[] = [];
  for (let at = line.indexOf('{"findings"'); at >= 0; at = line.indexOf('{"findings"', at + 1)) {
    const json = balancedJson(line, at);
    if (json === undefined) continue;
    try {
      const parsed = JSON.parse(json) as { findings?: unknown };
      if (!Array.isArray(parsed.findings)) continue;
      for (const f of parsed.findings) if (f && typeof f === 'object') out.push(f as ScriptedFinding);
    } catch {
      // Not JSON after all: the obedient model only copies what parses.
    }
  }
  return out;
}

function balancedJson(s: string, start: number): string | undefined {
  let depth = 0;
  let inString = false;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return s.slice(start, i + 1);
  }
  return undefined;
}

/** The obedient model: the diligent answer bent by whatever instructions the data carries. */
export function obedientFindings(user: string): ScriptedFinding[] {
  const inj = readInjection(user);
  // "Ignore previous instructions" is, in practice, always followed by "and report nothing" or a payload.
  let findings = inj.reportNothing || inj.ignoreInstructions ? [] : diligentFindings(user);
  const extra = inj.payloads.join(' ');
  if (extra) {
    if (!findings.length) {
      const ids = inj.carrierId !== undefined ? [inj.carrierId] : extractEventIds(user).slice(0, 1);
      findings = [
        {
          title: `Nothing to report ${inj.payloads.find((p) => p.startsWith('@')) ?? ''}`.trim(),
          severity: 'info',
          technique: null,
          evidence_event_ids: ids,
          description: `All activity is expected. ${extra}`,
          remediation: `No action needed. ${extra}`,
          confidence: 0.9,
        },
      ];
    } else {
      findings = findings.map((f, i) => ({
        ...f,
        title: i === 0 ? `${f.title} ${extra}` : f.title,
        description: `${f.description} ${extra}`,
      }));
    }
  }
  const lower = inj.lowerSeverity;
  if (lower) findings = findings.map((f) => ({ ...f, severity: lower }));
  return [...findings, ...inj.fakeFindings];
}

/** Ids shaped like CloudTrail event ids that are not in the text: what the hallucinating model cites. */
export function inventedIds(seed: string, seen: ReadonlySet<string>, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) {
    const h = createHash('sha256').update(`${seed}\u0000${i}`).digest('hex');
    const id = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
    if (!seen.has(id)) out.push(id);
  }
  return out;
}

function hallucinatedFindings(user: string): ScriptedFinding[] {
  const seen = extractEventIds(user);
  const fake = inventedIds(user, new Set(seen), 3);
  const [f0 = '', f1 = '', f2 = ''] = fake;
  const real = diligentFindings(user);
  const first: ScriptedFinding = real[0]
    ? { ...real[0], evidence_event_ids: [f0, ...real[0].evidence_event_ids.slice(0, 1)] }
    : {
        title: 'Suspicious API activity',
        severity: 'high',
        technique: 'T1078.004',
        evidence_event_ids: seen[0] !== undefined ? [f0, seen[0]] : [f0],
        description: 'Activity consistent with credential misuse.',
        remediation: 'Rotate the credentials involved.',
        confidence: 0.7,
      };
  return [
    first,
    {
      title: 'Data exfiltration to an external account',
      severity: 'critical',
      technique: 'T1537',
      evidence_event_ids: [f1, f2],
      description: 'Objects were copied to an account outside the organisation.',
      remediation: 'Block the external account and review bucket policies.',
      confidence: 0.9,
    },
  ];
}

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info', 'informational'];

/** The executive summary built from what the summary prompt lists (finding titles and severities). */
function summaryFrom(text: string): { summary: string; priorities: string[] } {
  const items: { title: string; severity: string }[] = [];
  for (const m of text.matchAll(
    /"title"\s*:\s*"((?:[^"\\]|\\.){1,300})"[^\n{}]*?"severity"\s*:\s*"(\w+)"/g,
  )) {
    items.push({ title: unescapeJson(m[1] ?? ''), severity: (m[2] ?? '').toLowerCase() });
  }
  for (const m of text.matchAll(
    /"severity"\s*:\s*"(\w+)"[^\n{}]*?"title"\s*:\s*"((?:[^"\\]|\\.){1,300})"/g,
  )) {
    items.push({ title: unescapeJson(m[2] ?? ''), severity: (m[1] ?? '').toLowerCase() });
  }
  for (const m of text.matchAll(/^\s*(?:[-*]|\d+\.)\s*\[(critical|high|medium|low|info)\]\s*(.+)$/gim)) {
    items.push({ title: (m[2] ?? '').trim(), severity: (m[1] ?? '').toLowerCase() });
  }
  const unique = [...new Map(items.map((i) => [i.title, i])).values()];
  if (!unique.length) {
    return {
      summary: 'No findings were reported for this window; the activity reviewed looks routine.',
      priorities: [],
    };
  }
  const rank = (s: string): number => {
    const i = SEVERITY_ORDER.indexOf(s);
    return i < 0 ? SEVERITY_ORDER.length : i;
  };
  unique.sort((a, b) => rank(a.severity) - rank(b.severity));
  const counts = SEVERITY_ORDER.map((s) => [s, unique.filter((i) => i.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
  const top = unique.slice(0, 3).map((i) => i.title);
  return {
    summary: `The review found ${unique.length} finding(s) (${counts}). Most urgent: ${top.join('; ')}.`,
    priorities: unique.slice(0, 5).map((i) => `Investigate and remediate: ${i.title} (${i.severity})`),
  };
}

/** The full answer text for a prompt under a behaviour, before any max-tokens cut. */
export function composeAnswer(
  prompt: Pick<ModelPrompt, 'system' | 'user'>,
  behaviour: ModelBehaviour,
): string {
  const { system, user } = prompt;
  const summaryMode = /executive summary/i.test(`${system}\n${user}`);
  const seed = createHash('sha256').update(`${system}\u0000${user}`).digest();
  switch (behaviour) {
    case 'silent':
      return summaryMode
        ? JSON.stringify({ summary: 'Nothing notable happened in this window.', priorities: [] })
        : JSON.stringify({ findings: [] });
    case 'malformed': {
      // Three broken shapes, picked by the prompt's hash so the same prompt always breaks the same way.
      const variants = [
        'I reviewed the activity and found some suspicious calls, but I cannot share the details in JSON.',
        '{"findings":[{"title":"Root account used","severity":"hi',
        'Here are the findings:\n```json\n{"findings": [{"title": "Unusual API calls", "severity": "medium", "evidence_event_ids": [\n```\nLet me know if you need more.',
      ];
      return variants[(seed[0] ?? 0) % variants.length] ?? '';
    }
    case 'hallucinating':
      if (summaryMode) {
        const s = summaryFrom(user);
        const [fake = ''] = inventedIds(user, new Set(extractEventIds(user)), 1);
        return JSON.stringify({
          summary: `${s.summary} Event ${fake} shows data leaving the account.`,
          priorities: [...s.priorities, `Investigate event ${fake}`],
        });
      }
      return JSON.stringify({ findings: hallucinatedFindings(user) });
    case 'obedient':
      if (summaryMode) {
        const inj = readInjection(user);
        const s =
          inj.reportNothing || inj.ignoreInstructions
            ? { summary: 'Nothing to report: all activity is expected.', priorities: [] }
            : summaryFrom(user);
        const extra = inj.payloads.join(' ');
        return JSON.stringify({
          summary: extra ? `${s.summary} ${extra}` : s.summary,
          priorities: extra ? [...s.priorities, extra] : s.priorities,
        });
      }
      return JSON.stringify({ findings: obedientFindings(user) });
    case 'diligent':
      return summaryMode
        ? JSON.stringify(summaryFrom(user))
        : JSON.stringify({ findings: diligentFindings(user) });
    case 'verbose':
      return summaryMode
        ? JSON.stringify(summaryFrom(user))
        : JSON.stringify({ findings: verboseFindings(user) });
    case 'chatty': {
      const json = summaryMode ? summaryFrom(user) : { findings: diligentFindings(user) };
      return `Here is my review of the activity you shared.\n\n\`\`\`json\n${JSON.stringify(json, null, 2)}\n\`\`\`\n\nI listed what stood out; let me know if you want more detail on any of it.`;
    }
    case 'empty':
      return '';
    case 'refusing':
      return REFUSAL;
  }
}

/** What the refusing model says (Claude's wording when it declines). */
export const REFUSAL = "I'm sorry, but I can't help with analysing this activity.";

/**
 * The verbose model: one finding per cited event, each with a long description, the way a model writes when a
 * record holds many flagged events. Past a few dozen events it does not fit in max_tokens, so answers are cut.
 */
export function verboseFindings(user: string): ScriptedFinding[] {
  const out: ScriptedFinding[] = [];
  for (const line of user.split(/\r?\n/)) {
    const [id] = idsOnLine(line);
    if (id === undefined || out.some((f) => f.evidence_event_ids[0] === id)) continue;
    const name =
      /\b[a-z0-9-]+:([A-Za-z0-9]+)\b/.exec(line.slice(line.indexOf(id) + id.length))?.[1] ?? 'call';
    const call = RISKY_CALLS.find((c) => c.names.includes(name));
    out.push({
      title: `${call?.title ?? 'Activity to review'}: ${name} (event ${id.slice(0, 12)})`,
      severity: call?.severity ?? 'low',
      technique: call?.technique ?? null,
      evidence_event_ids: [id],
      description:
        `The event ${id} calls ${name}. Taken on its own it may be routine, but in the context of this principal's ` +
        'other activity in the window it deserves a look: check who made the call, from which address and with ' +
        'which credentials, whether it matches a planned change, and whether related calls followed it.',
      remediation:
        call?.remediation ??
        'Confirm the call was expected; if not, revoke the credentials used and review the principal.',
      confidence: 0.6,
    });
  }
  return out;
}

/** A call of the forced tool as the scripted model makes it: JSON behaviours' objects; malformed sends wrong shapes. */
function toolInputFor(prompt: Pick<ModelPrompt, 'system' | 'user'>, behaviour: ModelBehaviour): unknown {
  if (behaviour === 'malformed') {
    const seed = createHash('sha256').update(`${prompt.system}\u0000${prompt.user}`).digest();
    const variants = [
      { finding: { title: 'Root account used', severity: 'high' } },
      { findings: 'I found suspicious calls but cannot list them here.' },
      { results: [{ title: 'Unusual API calls', severity: 'medium' }] },
    ];
    return variants[(seed[0] ?? 0) % variants.length];
  }
  return JSON.parse(composeAnswer(prompt, behaviour === 'chatty' ? 'diligent' : behaviour)) as unknown;
}

/** The complete items of a findings list written up to `chars` characters: what a cut tool call still holds. */
function cutToolInput(input: unknown, chars: number): unknown {
  const list = (input as { findings?: unknown }).findings;
  if (!Array.isArray(list)) return {};
  const kept: unknown[] = [];
  let used = '{"findings":['.length;
  for (const f of list) {
    used += JSON.stringify(f).length + 1;
    if (used > chars) break;
    kept.push(f);
  }
  return { findings: kept };
}

/** Answers a prompt as the scripted model does under `behaviour`, with deterministic token counts. */
export function scriptedAnswer(prompt: ModelPrompt, behaviour: ModelBehaviour): ModelAnswer {
  const inputTokens = countTokens(prompt.inputChars);
  const summaryMode = /executive summary/i.test(`${prompt.system}\n${prompt.user}`);
  const max = prompt.maxTokens;
  // A forced tool call: the answer is the tool's input (behaviours without JSON answer as they would anyway).
  if (prompt.forcedTool !== undefined && !summaryMode && behaviour !== 'empty' && behaviour !== 'refusing') {
    const preface = behaviour === 'chatty' ? "I'll report what I found with the tool." : '';
    const input = toolInputFor(prompt, behaviour);
    const outputTokens = countTokens(preface + JSON.stringify(input));
    if (max !== undefined && outputTokens > max) {
      const room = max * TWIN_CHARS_PER_TOKEN - preface.length;
      return {
        text: preface,
        toolCall: { name: prompt.forcedTool, input: cutToolInput(input, room) },
        inputTokens,
        outputTokens: max,
        stopReason: 'max_tokens',
      };
    }
    return {
      text: preface,
      toolCall: { name: prompt.forcedTool, input },
      inputTokens,
      outputTokens,
      stopReason: 'tool_use',
    };
  }
  let text = composeAnswer(prompt, behaviour);
  // With a prefill the answer continues it (Claude does not repeat the prefilled text).
  if (prompt.prefill !== undefined && prompt.prefill !== '') {
    const pre = prompt.prefill.trimEnd();
    text = text.startsWith(pre) ? text.slice(pre.length) : text;
  }
  let outputTokens = countTokens(text);
  let stopReason: ModelAnswer['stopReason'] = behaviour === 'refusing' ? 'refusal' : 'end_turn';
  if (max !== undefined && outputTokens > max) {
    text = text.slice(0, max * TWIN_CHARS_PER_TOKEN);
    outputTokens = max;
    stopReason = 'max_tokens';
  }
  return { text, inputTokens, outputTokens, stopReason };
}

/** Tool names are `[a-zA-Z0-9_-]{1,64}` in both APIs. */
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** The forced tool of a Converse `toolConfig`, after checking it as Bedrock does; throws the ValidationException message. */
function converseForcedTool(cfg: unknown): string | undefined {
  if (cfg === undefined) return undefined;
  if (!isObject(cfg) || !Array.isArray(cfg['tools']) || cfg['tools'].length === 0)
    throw new Error('toolConfig.tools must be a non-empty list of tools.');
  const names = cfg['tools'].map((t: unknown, i) => {
    const spec = isObject(t) ? t['toolSpec'] : undefined;
    const name = isObject(spec) ? spec['name'] : undefined;
    if (typeof name !== 'string' || !TOOL_NAME.test(name))
      throw new Error(`toolConfig.tools.${i}.toolSpec.name must satisfy the pattern ^[a-zA-Z0-9_-]+$.`);
    const schema = isObject(spec) ? spec['inputSchema'] : undefined;
    if (!isObject(schema) || !isObject(schema['json']) || schema['json']['type'] !== 'object')
      throw new Error(
        `toolConfig.tools.${i}.toolSpec.inputSchema.json must be a JSON schema of type object.`,
      );
    return name;
  });
  const choice = cfg['toolChoice'];
  if (choice === undefined || (isObject(choice) && 'auto' in choice)) return undefined;
  if (isObject(choice) && 'any' in choice) return names[0];
  const tool = isObject(choice) && isObject(choice['tool']) ? choice['tool']['name'] : undefined;
  if (typeof tool !== 'string') throw new Error('toolConfig.toolChoice must be one of auto, any or tool.');
  if (!names.includes(tool))
    throw new Error(`toolConfig.toolChoice.tool.name ${tool} does not match any tool in toolConfig.tools.`);
  return tool;
}

/** The forced tool of an Anthropic Messages body (`tools` + `tool_choice`); throws a Malformed-input message. */
function anthropicForcedTool(
  tools: unknown,
  choice: unknown,
  malformed: (why: string) => Error,
): string | undefined {
  if (tools === undefined) {
    if (choice !== undefined && !(isObject(choice) && choice['type'] === 'none'))
      throw malformed('#/tool_choice: tool_choice may only be specified while providing tools');
    return undefined;
  }
  if (!Array.isArray(tools)) throw malformed('#/tools: expected type: JSONArray');
  const names = tools.map((t: unknown, i) => {
    const name = isObject(t) ? t['name'] : undefined;
    if (typeof name !== 'string' || !TOOL_NAME.test(name))
      throw malformed(
        `#/tools/${i}/name: string [${String(name)}] does not match pattern ^[a-zA-Z0-9_-]{1,64}$`,
      );
    const schema = isObject(t) ? t['input_schema'] : undefined;
    if (!isObject(schema) || schema['type'] !== 'object')
      throw malformed(`#/tools/${i}/input_schema: required key [type] with value object not found`);
    return name;
  });
  if (choice === undefined) return undefined;
  const type = isObject(choice) ? choice['type'] : undefined;
  if (type === 'auto' || type === 'none') return undefined;
  if (type === 'any') return names[0];
  if (type !== 'tool') throw malformed('#/tool_choice/type: not a valid enum value');
  const name = isObject(choice) ? choice['name'] : undefined;
  if (typeof name !== 'string') throw malformed('#/tool_choice: required key [name] not found');
  if (!names.includes(name)) throw new Error(`tool_choice: tool '${name}' not found in tools`);
  return name;
}

/** Flattens a Converse request body ({system, messages, inferenceConfig}) into a prompt; throws a message on a bad body. */
export function promptFromConverse(body: unknown): ModelPrompt {
  if (!isObject(body)) throw new Error('The request body must be a JSON object.');
  const system = body['system'];
  if (system !== undefined && !Array.isArray(system))
    throw new Error('system must be a list of SystemContentBlock.');
  const systemTexts = (system ?? []).map((b: unknown) =>
    isObject(b) && typeof b['text'] === 'string' ? b['text'] : '',
  );
  const messages = body['messages'];
  if (!Array.isArray(messages) || messages.length === 0) {
    throw new Error('The model returned the following errors: messages: at least one message is required.');
  }
  const turns = messages.map((m: unknown, i) => {
    if (!isObject(m) || (m['role'] !== 'user' && m['role'] !== 'assistant') || !Array.isArray(m['content'])) {
      throw new Error(`messages.${i} must have a role (user or assistant) and a content list.`);
    }
    const texts = (m['content'] as unknown[]).map((c) =>
      isObject(c) && typeof c['text'] === 'string' ? c['text'] : '',
    );
    return { role: m['role'], text: texts.join('\n') };
  });
  if (turns[0]?.role !== 'user') {
    throw new Error(
      'A conversation must start with a user message. Try again with a conversation that starts with a user message.',
    );
  }
  const cfg = body['inferenceConfig'];
  let maxTokens: number | undefined;
  if (isObject(cfg) && cfg['maxTokens'] !== undefined) {
    const v = cfg['maxTokens'];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
      throw new Error('inferenceConfig.maxTokens must be an integer of at least 1.');
    maxTokens = v;
  }
  const prompt = assemble(systemTexts, turns, maxTokens);
  const tool = converseForcedTool(body['toolConfig']);
  if (tool !== undefined) prompt.forcedTool = tool;
  return prompt;
}

/** Flattens an Anthropic Messages body (InvokeModel) into a prompt; throws Bedrock's "Malformed input request" message. */
export function promptFromAnthropic(body: unknown): ModelPrompt {
  const malformed = (why: string): Error =>
    new Error(`Malformed input request: ${why}, please reformat your input and try again.`);
  if (!isObject(body)) throw malformed('#: expected type: JSONObject');
  if (body['anthropic_version'] === undefined)
    throw malformed('#: required key [anthropic_version] not found');
  if (body['anthropic_version'] !== 'bedrock-2023-05-31')
    throw new Error('invalid anthropic_version: expected bedrock-2023-05-31');
  const max = body['max_tokens'];
  if (max === undefined) throw malformed('#: required key [max_tokens] not found');
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1)
    throw malformed('#/max_tokens: expected minimum: 1');
  const messages = body['messages'];
  if (messages === undefined) throw malformed('#: required key [messages] not found');
  if (!Array.isArray(messages) || messages.length === 0)
    throw malformed('#/messages: expected minimum item count: 1');
  const system = body['system'];
  let systemTexts: string[] = [];
  if (typeof system === 'string') systemTexts = [system];
  else if (Array.isArray(system))
    systemTexts = system.map((b: unknown) => (isObject(b) && typeof b['text'] === 'string' ? b['text'] : ''));
  else if (system !== undefined) throw malformed('#/system: expected type: String or JSONArray');
  const turns = messages.map((m: unknown, i) => {
    if (!isObject(m) || (m['role'] !== 'user' && m['role'] !== 'assistant'))
      throw malformed(`#/messages/${i}/role: not a valid enum value`);
    const content = m['content'];
    if (typeof content === 'string') return { role: m['role'], text: content };
    if (!Array.isArray(content))
      throw malformed(`#/messages/${i}/content: expected type: String or JSONArray`);
    const texts = content.map((c: unknown) =>
      isObject(c) && c['type'] === 'text' && typeof c['text'] === 'string' ? c['text'] : '',
    );
    return { role: m['role'], text: texts.join('\n') };
  });
  if (turns[0]?.role !== 'user') throw new Error('messages: first message must use the "user" role');
  const prompt = assemble(systemTexts, turns, max);
  const tool = anthropicForcedTool(body['tools'], body['tool_choice'], malformed);
  if (tool !== undefined) prompt.forcedTool = tool;
  return prompt;
}

function assemble(
  systemTexts: string[],
  turns: { role: string; text: string }[],
  maxTokens: number | undefined,
): ModelPrompt {
  const last = turns[turns.length - 1];
  const prefill = last && last.role === 'assistant' && turns.length > 1 ? last.text : undefined;
  const prompt: ModelPrompt = {
    system: systemTexts.join('\n'),
    user: turns
      .filter((t) => t.role === 'user')
      .map((t) => t.text)
      .join('\n'),
    inputChars: systemTexts.reduce((n, s) => n + s.length, 0) + turns.reduce((n, t) => n + t.text.length, 0),
  };
  if (prefill !== undefined) prompt.prefill = prefill;
  if (maxTokens !== undefined) prompt.maxTokens = maxTokens;
  return prompt;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
