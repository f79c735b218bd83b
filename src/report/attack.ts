import type { Tactic } from '../types.js';

/**
 * The ATT&CK tactic each technique is filed under in ASFF `Types` and OCSF `attacks`. ATT&CK lists several tactics
 * for some techniques (T1078 Valid Accounts serves four); this is the one that describes what the cloud-side
 * detection saw, from the enterprise matrix (v15). Keyed by the parent technique: sub-techniques share it.
 */
export const TECHNIQUE_TACTIC: Readonly<Record<string, Tactic>> = {
  T1021: 'lateral-movement',
  T1059: 'execution',
  T1069: 'discovery',
  T1071: 'command-and-control',
  T1078: 'initial-access',
  T1087: 'discovery',
  T1090: 'command-and-control',
  T1098: 'persistence',
  T1110: 'credential-access',
  T1119: 'collection',
  T1136: 'persistence',
  T1190: 'initial-access',
  T1199: 'initial-access',
  T1204: 'execution',
  T1213: 'collection',
  T1484: 'privilege-escalation',
  T1485: 'impact',
  T1486: 'impact',
  T1489: 'impact',
  T1490: 'impact',
  T1496: 'impact',
  T1498: 'impact',
  T1499: 'impact',
  T1505: 'persistence',
  T1525: 'persistence',
  T1526: 'discovery',
  T1528: 'credential-access',
  T1530: 'collection',
  T1531: 'impact',
  T1535: 'defense-evasion',
  T1537: 'exfiltration',
  T1538: 'discovery',
  T1546: 'persistence',
  T1548: 'privilege-escalation',
  T1550: 'defense-evasion',
  T1552: 'credential-access',
  T1555: 'credential-access',
  T1556: 'credential-access',
  T1562: 'defense-evasion',
  T1566: 'initial-access',
  T1567: 'exfiltration',
  T1578: 'defense-evasion',
  T1580: 'discovery',
  T1583: 'resource-development',
  T1595: 'reconnaissance',
  T1606: 'credential-access',
  T1619: 'discovery',
  T1648: 'execution',
  T1651: 'execution',
};

/** ATT&CK's own tactic names and ids (TA00xx), for renderings that name them. */
export const TACTIC_INFO: Readonly<Record<Tactic, { name: string; uid: string }>> = {
  reconnaissance: { name: 'Reconnaissance', uid: 'TA0043' },
  'resource-development': { name: 'Resource Development', uid: 'TA0042' },
  'initial-access': { name: 'Initial Access', uid: 'TA0001' },
  execution: { name: 'Execution', uid: 'TA0002' },
  persistence: { name: 'Persistence', uid: 'TA0003' },
  'privilege-escalation': { name: 'Privilege Escalation', uid: 'TA0004' },
  'defense-evasion': { name: 'Defense Evasion', uid: 'TA0005' },
  'credential-access': { name: 'Credential Access', uid: 'TA0006' },
  discovery: { name: 'Discovery', uid: 'TA0007' },
  'lateral-movement': { name: 'Lateral Movement', uid: 'TA0008' },
  collection: { name: 'Collection', uid: 'TA0009' },
  'command-and-control': { name: 'Command and Control', uid: 'TA0011' },
  exfiltration: { name: 'Exfiltration', uid: 'TA0010' },
  impact: { name: 'Impact', uid: 'TA0040' },
};

/** The tactic of a technique id such as `T1562.008`, when the table knows its parent technique. */
export function tacticOf(technique: string | undefined): Tactic | undefined {
  if (!technique) return undefined;
  return TECHNIQUE_TACTIC[technique.split('.')[0] ?? ''];
}
