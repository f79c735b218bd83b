/**
 * When an incident is worse than its worst finding: the escalation table (docs/incidents.md lists it row by row).
 * Each row raises the incident one severity level above its highest finding; rows do not add up, and critical
 * stays critical. Only findings of low severity or above count: an informational finding is context, not a stage.
 */
import { SEVERITIES, severityRank, type Finding, type Severity, type Tactic } from '../types.js';
import { TACTIC_WORDS, tacticOf } from './tactics.js';

export type EscalationRule =
  | { id: string; kind: 'tactics-within-gap'; count: number }
  | { id: string; kind: 'combination'; first: Tactic; second: Tactic };

/** The rows, in the order they are tried (the first that holds gives the reason). */
export const ESCALATIONS: readonly EscalationRule[] = [
  { id: 'three-tactics', kind: 'tactics-within-gap', count: 3 },
  {
    id: 'credential-access+defense-evasion',
    kind: 'combination',
    first: 'credential-access',
    second: 'defense-evasion',
  },
  {
    id: 'credential-access+exfiltration',
    kind: 'combination',
    first: 'credential-access',
    second: 'exfiltration',
  },
  {
    id: 'privilege-escalation+defense-evasion',
    kind: 'combination',
    first: 'privilege-escalation',
    second: 'defense-evasion',
  },
  {
    id: 'privilege-escalation+exfiltration',
    kind: 'combination',
    first: 'privilege-escalation',
    second: 'exfiltration',
  },
];

/** A finding's place in time and its tactic, as escalation looks at it. */
interface Stage {
  startMs: number;
  endMs: number;
  tactic: Tactic;
}

/**
 * The most distinct tactics any one stretch of `gapMs` touches. Each stage is widened to [start, end + gap]: a
 * point lies in a set of widened stages exactly when the stretch of `gapMs` ending there overlaps all of them, so
 * a sweep over the widened stages' starts and ends answers in O(n log n).
 */
export function maxTacticsWithin(stages: readonly Stage[], gapMs: number): number {
  const points: { t: number; open: boolean; tactic: Tactic }[] = [];
  for (const s of stages) {
    points.push({ t: s.startMs, open: true, tactic: s.tactic });
    points.push({ t: s.endMs + gapMs, open: false, tactic: s.tactic });
  }
  // Opens before closes at the same instant: the stretch's edges count as inside it.
  points.sort((a, b) => a.t - b.t || (a.open === b.open ? 0 : a.open ? -1 : 1));
  const active = new Map<Tactic, number>();
  let best = 0;
  for (const p of points) {
    const n = active.get(p.tactic) ?? 0;
    if (p.open) {
      active.set(p.tactic, n + 1);
      best = Math.max(best, active.size);
    } else if (n <= 1) active.delete(p.tactic);
    else active.set(p.tactic, n - 1);
  }
  return best;
}

export interface Escalation {
  severity: Severity;
  escalatedFrom?: Severity;
  escalationReason?: string;
}

const ms = (iso: string): number => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
};

/** The incident's severity: its findings' highest, raised one level by the first escalation row that holds. */
export function escalate(findings: readonly Finding[], gapMinutes: number): Escalation {
  let max: Severity = 'info';
  for (const f of findings) if (severityRank(f.severity) > severityRank(max)) max = f.severity;
  if (max === 'critical') return { severity: max };
  const stages: Stage[] = [];
  for (const f of findings) {
    if (f.severity === 'info') continue;
    const tactic = tacticOf(f);
    if (tactic) stages.push({ startMs: ms(f.firstSeen), endMs: ms(f.lastSeen), tactic });
  }
  const present = new Set(stages.map((s) => s.tactic));
  for (const row of ESCALATIONS) {
    let reason: string | undefined;
    if (row.kind === 'tactics-within-gap') {
      if (present.size >= row.count && maxTacticsWithin(stages, gapMinutes * 60_000) >= row.count)
        reason = `spans ${row.count} or more ATT&CK tactics within ${gapMinutes} min`;
    } else if (present.has(row.first) && present.has(row.second)) {
      reason = `combines ${TACTIC_WORDS[row.first]} with ${TACTIC_WORDS[row.second]}`;
    }
    if (reason !== undefined) {
      const raised = SEVERITIES[severityRank(max) + 1] as Severity;
      return { severity: raised, escalatedFrom: max, escalationReason: reason };
    }
  }
  return { severity: max };
}
