/**
 * ATT&CK technique -> the tactic a finding of it stands for in an incident. ATT&CK lists several tactics for some
 * techniques (Valid Accounts: initial access, persistence, privilege escalation, defence evasion); a finding counts
 * once, under the tactic its technique most often evidences in a cloud control plane, so one finding never makes
 * an incident look like a multi-stage attack on its own. Covers every technique of the built-in rule pack and the
 * cloud techniques of the ATT&CK enterprise matrix (IaaS, SaaS, Identity Provider) a model may name.
 */
import { TACTICS, type Finding, type Tactic } from '../types.js';

export const TECHNIQUE_TACTIC: Readonly<Record<string, Tactic>> = {
  // Reconnaissance and resource development
  T1589: 'reconnaissance',
  T1590: 'reconnaissance',
  T1595: 'reconnaissance',
  T1583: 'resource-development',
  T1585: 'resource-development',
  T1586: 'resource-development',
  T1587: 'resource-development',
  T1588: 'resource-development',
  // Initial access
  T1078: 'initial-access',
  'T1078.001': 'initial-access',
  'T1078.004': 'initial-access',
  T1133: 'initial-access',
  T1190: 'initial-access',
  T1199: 'initial-access',
  T1566: 'initial-access',
  // Execution
  T1059: 'execution',
  'T1059.009': 'execution',
  T1072: 'execution',
  T1204: 'execution',
  T1609: 'execution',
  T1610: 'execution',
  T1648: 'execution',
  T1651: 'execution',
  // Persistence
  T1098: 'persistence',
  'T1098.001': 'persistence',
  'T1098.004': 'persistence',
  'T1098.005': 'persistence',
  T1136: 'persistence',
  'T1136.003': 'persistence',
  T1525: 'persistence',
  T1546: 'persistence',
  T1547: 'persistence',
  // Privilege escalation: a broader role or policy, elevation mechanisms, trust changes
  'T1098.003': 'privilege-escalation',
  T1068: 'privilege-escalation',
  T1484: 'privilege-escalation',
  'T1484.002': 'privilege-escalation',
  T1548: 'privilege-escalation',
  'T1548.005': 'privilege-escalation',
  T1611: 'privilege-escalation',
  // Defence evasion
  T1027: 'defense-evasion',
  T1070: 'defense-evasion',
  T1211: 'defense-evasion',
  T1535: 'defense-evasion',
  T1550: 'defense-evasion',
  'T1550.001': 'defense-evasion',
  T1562: 'defense-evasion',
  'T1562.001': 'defense-evasion',
  'T1562.007': 'defense-evasion',
  'T1562.008': 'defense-evasion',
  T1578: 'defense-evasion',
  T1666: 'defense-evasion',
  // Credential access
  T1110: 'credential-access',
  'T1110.001': 'credential-access',
  'T1110.003': 'credential-access',
  'T1110.004': 'credential-access',
  T1528: 'credential-access',
  T1539: 'credential-access',
  T1552: 'credential-access',
  'T1552.001': 'credential-access',
  'T1552.005': 'credential-access',
  T1555: 'credential-access',
  'T1555.006': 'credential-access',
  T1556: 'credential-access',
  'T1556.006': 'credential-access',
  T1606: 'credential-access',
  T1621: 'credential-access',
  // Discovery
  T1069: 'discovery',
  T1082: 'discovery',
  T1087: 'discovery',
  'T1087.004': 'discovery',
  T1201: 'discovery',
  T1518: 'discovery',
  T1526: 'discovery',
  T1538: 'discovery',
  T1580: 'discovery',
  T1613: 'discovery',
  T1619: 'discovery',
  T1654: 'discovery',
  // Lateral movement
  T1021: 'lateral-movement',
  'T1021.004': 'lateral-movement',
  'T1021.007': 'lateral-movement',
  'T1021.008': 'lateral-movement',
  T1563: 'lateral-movement',
  T1570: 'lateral-movement',
  // Collection
  T1005: 'collection',
  T1074: 'collection',
  T1119: 'collection',
  T1213: 'collection',
  T1530: 'collection',
  // Command and control
  T1071: 'command-and-control',
  T1090: 'command-and-control',
  T1102: 'command-and-control',
  // Exfiltration
  T1020: 'exfiltration',
  T1041: 'exfiltration',
  T1048: 'exfiltration',
  T1537: 'exfiltration',
  T1567: 'exfiltration',
  // Impact
  T1485: 'impact',
  T1486: 'impact',
  T1489: 'impact',
  T1490: 'impact',
  T1496: 'impact',
  T1498: 'impact',
  T1499: 'impact',
  T1531: 'impact',
  T1657: 'impact',
};

/**
 * Built-in rules whose finding evidences another tactic than their technique's usual one: opening a bucket or an
 * object to everyone is how data leaves (exfiltration), not reading it; a permissions change is an escalation.
 */
export const RULE_TACTIC: Readonly<Record<string, Tactic>> = {
  'TS-S3-001': 'exfiltration',
  'TS-S3-002': 'exfiltration',
  'TS-IAM-005': 'privilege-escalation',
  // A service a principal had not used before is a sign of looking around, not of a new way in.
  'TS-NEW-002': 'discovery',
};

/** The tactic a technique id stands for (a sub-technique falls back to its parent), or undefined when unknown. */
export function tacticOfTechnique(technique: string | undefined): Tactic | undefined {
  if (!technique) return undefined;
  const t = technique.trim().toUpperCase();
  return TECHNIQUE_TACTIC[t] ?? TECHNIQUE_TACTIC[t.split('.')[0] ?? ''];
}

/** The tactic a finding counts under in its incident (the rule's own, else its technique's). */
export function tacticOf(f: Pick<Finding, 'ruleId' | 'technique'>): Tactic | undefined {
  return (f.ruleId !== undefined ? RULE_TACTIC[f.ruleId] : undefined) ?? tacticOfTechnique(f.technique);
}

/** Tactics in words, as titles and summaries say them. */
export const TACTIC_WORDS: Readonly<Record<Tactic, string>> = {
  reconnaissance: 'reconnaissance',
  'resource-development': 'resource development',
  'initial-access': 'initial access',
  execution: 'execution',
  persistence: 'persistence',
  'privilege-escalation': 'privilege escalation',
  'defense-evasion': 'defence evasion',
  'credential-access': 'credential access',
  discovery: 'discovery',
  'lateral-movement': 'lateral movement',
  collection: 'collection',
  'command-and-control': 'command and control',
  exfiltration: 'exfiltration',
  impact: 'impact',
};

/** Tactics sorted into kill-chain order, each once. */
export function inKillChainOrder(tactics: Iterable<Tactic>): Tactic[] {
  const set = new Set(tactics);
  return TACTICS.filter((t) => set.has(t));
}
