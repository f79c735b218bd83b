import type { Tactic } from '../types.js';

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

/**
 * The tactic a technique is filed under in ASFF `Types` and OCSF `attacks`: the same table the correlate stage
 * files incidents by, so a finding's tactic reads alike in the report, Security Hub and OCSF.
 */
export { tacticOfTechnique as tacticOf } from '../correlate/tactics.js';
