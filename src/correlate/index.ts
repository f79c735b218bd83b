/**
 * The correlate stage: findings (rule and AI) -> incidents. Findings are tied by a shared actor (principal, role
 * session, access key id; a source IP or user agent where it names one caller, see actors.ts) when they are no
 * more than the gap apart; the ties' connected components are the incidents, so every finding is in exactly one.
 * Each key's findings are swept once in time order and joined with a union-find: O(n log n) for n findings.
 */
import type { Config } from '../config/types.js';
import { fingerprint } from '../fingerprint.js';
import { compareFindings } from '../report/build.js';
import { severityRank, type Finding, type Incident, type Tactic } from '../types.js';
import { actorKeys, MAX_PRINCIPALS_PER_WEAK_KEY } from './actors.js';
import { escalate } from './escalation.js';
import { inKillChainOrder, TACTIC_WORDS, tacticOf } from './tactics.js';

export { ESCALATIONS, escalate, maxTacticsWithin } from './escalation.js';
export { isTyingAgent, isTyingIp, MAX_PRINCIPALS_PER_WEAK_KEY } from './actors.js';
export { RULE_TACTIC, TACTIC_WORDS, TECHNIQUE_TACTIC, tacticOf, tacticOfTechnique } from './tactics.js';

/** Default gap: findings of one actor further apart than this are separate incidents. */
export const DEFAULT_GAP_MINUTES = 60;
/** Principals and source IPs an incident lists (findingIds are never cut). */
export const MAX_INCIDENT_VALUES = 50;

/** The configured gap (the default when a hand-built config names none). */
export function gapMinutesOf(config: Pick<Config, 'correlate'>): number {
  return config.correlate?.gapMinutes ?? DEFAULT_GAP_MINUTES;
}

export interface CorrelateOptions {
  gapMinutes: number;
}

const ms = (iso: string): number => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
};

function find(parent: Int32Array, i: number): number {
  let r = i;
  while (parent[r] !== r) r = parent[r] as number;
  // Path compression keeps later finds near O(1).
  while (parent[i] !== r) {
    const next = parent[i] as number;
    parent[i] = r;
    i = next;
  }
  return r;
}

function union(parent: Int32Array, rank: Uint8Array, a: number, b: number): void {
  const ra = find(parent, a);
  const rb = find(parent, b);
  if (ra === rb) return;
  if ((rank[ra] as number) < (rank[rb] as number)) parent[ra] = rb;
  else if ((rank[ra] as number) > (rank[rb] as number)) parent[rb] = ra;
  else {
    parent[rb] = ra;
    rank[ra] = (rank[ra] as number) + 1;
  }
}

/** Groups findings into incidents, most severe first (then earliest, then id). */
export function correlate(findings: readonly Finding[], options: CorrelateOptions): Incident[] {
  const n = findings.length;
  if (n === 0) return [];
  const gapMs = options.gapMinutes * 60_000;
  const start = findings.map((f) => ms(f.firstSeen));
  const end = findings.map((f, i) => Math.max(ms(f.lastSeen), start[i] as number));
  const keys = findings.map(actorKeys);

  const byKey = new Map<string, number[]>();
  const add = (key: string, i: number): void => {
    const list = byKey.get(key);
    if (list) list.push(i);
    else byKey.set(key, [i]);
  };
  // Weak keys first learn how many principals share them; one shared by many names no one.
  const weakPrincipals = new Map<string, Set<string>>();
  keys.forEach((k, i) => {
    for (const s of k.strong) add(s, i);
    for (const w of k.weak) {
      let set = weakPrincipals.get(w);
      if (!set) weakPrincipals.set(w, (set = new Set()));
      for (const p of k.principals) if (set.size <= MAX_PRINCIPALS_PER_WEAK_KEY) set.add(p.toLowerCase());
      add(w, i);
    }
  });
  for (const [w, set] of weakPrincipals) if (set.size > MAX_PRINCIPALS_PER_WEAK_KEY) byKey.delete(w);

  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const rank = new Uint8Array(n);
  for (const list of byKey.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => (start[a] as number) - (start[b] as number) || a - b);
    let prev = list[0] as number;
    let reach = end[prev] as number;
    for (let j = 1; j < list.length; j++) {
      const i = list[j] as number;
      if ((start[i] as number) <= reach + gapMs) union(parent, rank, prev, i);
      else reach = -Infinity;
      reach = Math.max(reach, end[i] as number);
      prev = i;
    }
  }

  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(parent, i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  }
  const incidents = [...groups.values()].map((g) =>
    toIncident(
      g.map((i) => findings[i] as Finding),
      g.map((i) => keys[i]?.principals ?? []),
      options.gapMinutes,
    ),
  );
  return incidents.sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      a.start.localeCompare(b.start) ||
      a.id.localeCompare(b.id),
  );
}

/**
 * The finding an incident is named after: its earliest rule finding (rule findings are deterministic, so a model
 * finding joining later does not move it), else its earliest finding; ties by id.
 */
function anchorOf(findings: readonly Finding[]): Finding {
  const pool = findings.some((f) => f.origin === 'rule')
    ? findings.filter((f) => f.origin === 'rule')
    : findings;
  return pool.reduce((a, b) => {
    const d = ms(b.firstSeen) - ms(a.firstSeen);
    return d < 0 || (d === 0 && b.id < a.id) ? b : a;
  });
}

function addCapped(set: Set<string>, values: Iterable<string>): void {
  for (const v of values) if (set.size < MAX_INCIDENT_VALUES) set.add(v);
}

function toIncident(findings: Finding[], principalLists: string[][], gapMinutes: number): Incident {
  findings.sort(compareFindings);
  const anchor = anchorOf(findings);
  // From `actors` when the finding has them (an overflow finding has none: its id alone anchors the incident).
  const anchorPrincipal =
    [
      ...(anchor.actors ? (anchor.actors.principals ?? []) : anchor.principal ? [anchor.principal] : []),
    ].sort()[0] ?? '';
  const principals = new Set<string>();
  addCapped(principals, anchorPrincipal ? [anchorPrincipal] : []);
  for (const list of principalLists) addCapped(principals, list);
  const accounts = new Set<string>();
  const regions = new Set<string>();
  const ips = new Set<string>();
  const tactics: Tactic[] = [];
  let startMs = Infinity;
  let endMs = -Infinity;
  let start = '';
  let end = '';
  for (const f of findings) {
    for (const a of f.accounts) accounts.add(a);
    for (const r of f.regions) regions.add(r);
    addCapped(
      ips,
      f.actors?.sourceIps ?? (f.evidence.samples ?? []).flatMap((s) => (s.sourceIp ? [s.sourceIp] : [])),
    );
    const t = tacticOf(f);
    if (t) tactics.push(t);
    if (ms(f.firstSeen) < startMs) [startMs, start] = [ms(f.firstSeen), f.firstSeen];
    if (ms(f.lastSeen) > endMs) [endMs, end] = [ms(f.lastSeen), f.lastSeen];
  }
  const ordered = inKillChainOrder(tactics);
  const sev = escalate(findings, gapMinutes);
  const principalList = [
    anchorPrincipal,
    ...[...principals].filter((p) => p !== anchorPrincipal).sort(),
  ].filter((p) => p !== '');
  const incident: Incident = {
    id: `inc-${fingerprint(['incident', anchorPrincipal, anchor.id]).slice(3)}`,
    title: titleOf(findings, principalList, ordered, endMs - startMs),
    severity: sev.severity,
    tactics: ordered,
    start: new Date(startMs).toISOString(),
    end: new Date(Math.max(endMs, startMs)).toISOString(),
    principals: principalList,
    accounts: [...accounts].sort(),
    regions: [...regions].sort(),
    sourceIps: [...ips].sort(),
    findingIds: findings.map((f) => f.id),
  };
  if (start === '' || end === '') incident.end = incident.start;
  if (sev.escalatedFrom !== undefined) {
    incident.escalatedFrom = sev.escalatedFrom;
    if (sev.escalationReason !== undefined) incident.escalationReason = sev.escalationReason;
  }
  return incident;
}

/** `arn:aws:iam::123456789012:role/ci/deploy-bot` -> `deploy-bot`; `root@123456789012` -> `root`. */
export function shortName(principal: string): string {
  if (/^root@/i.test(principal)) return 'root';
  const tail = principal.split('/').pop() ?? principal;
  return tail.includes(':') ? (tail.split(':').pop() ?? tail) : tail;
}

/** `in 3 min`, `in 2 h 5 min`, `over 3 days`. */
export function spanWords(spanMs: number): string {
  const min = Math.round(spanMs / 60_000);
  if (min < 1) return 'in under a minute';
  if (min < 60) return `in ${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `in ${h} h${min % 60 ? ` ${min % 60} min` : ''}`;
  return `over ${Math.round(h / 24)} days`;
}

function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1] as string}`;
}

/** "deploy-bot: defence evasion, privilege escalation and exfiltration in 3 min"; a lone finding keeps its title. */
function titleOf(
  findings: readonly Finding[],
  principals: readonly string[],
  tactics: readonly Tactic[],
  spanMs: number,
): string {
  const first = principals[0];
  const lone = findings.length === 1 ? findings[0]?.principal : undefined;
  const who =
    first === undefined
      ? lone !== undefined
        ? shortName(lone)
        : 'Unknown principal'
      : principals.length === 1
        ? shortName(first)
        : principals.length === 2
          ? `${shortName(first)} and ${shortName(principals[1] as string)}`
          : `${shortName(first)} and ${principals.length - 1} others`;
  const only = findings.length === 1 ? findings[0] : undefined;
  if (only) return `${who}: ${only.title}`;
  const what = tactics.length
    ? listWords(tactics.map((t) => TACTIC_WORDS[t]))
    : `${findings.length} findings`;
  return `${who}: ${what} ${spanWords(spanMs)}`;
}
