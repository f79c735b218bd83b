/** Security monitoring evasion: GuardDuty, AWS Config, Security Hub, Macie, IAM Access Analyzer. */
import type { RuleInput } from '../schema.js';
import { all, any, f, names, rp } from './helpers.js';

export const MONITORING_RULES: RuleInput[] = [
  {
    id: 'TS-MON-001',
    title: 'GuardDuty detector deleted, disabled or members removed',
    severity: 'high',
    why: 'Turns off the managed threat detection that would report the intrusion itself.',
    technique: 'T1562.001',
    description:
      'A GuardDuty detector was deleted or disabled, or member accounts were disassociated, deleted or stopped from monitoring.',
    remediation:
      'Re-enable: `aws guardduty create-detector --enable` (or `aws guardduty update-detector --detector-id <id> --enable`); re-add members from the administrator account; protect with an SCP denying guardduty:DeleteDetector and guardduty:Disassociate*.',
    tags: ['guardduty', 'defense-evasion'],
    match: all(
      f('service', { equals: 'guardduty' }),
      any(
        names(
          'DeleteDetector',
          'DeleteMembers',
          'DisassociateMembers',
          'DisassociateFromMasterAccount',
          'DisassociateFromAdministratorAccount',
          'StopMonitoringMembers',
          'DeletePublishingDestination',
        ),
        all(names('UpdateDetector'), f(rp('enable'), { equals: false })),
      ),
    ),
    details: [rp('detectorId'), rp('accountIds')],
  },
  {
    id: 'TS-MON-002',
    title: 'GuardDuty trusted IPs, threat lists or suppression filters changed',
    severity: 'high',
    why: 'A trusted-IP list or an auto-archive filter silences GuardDuty for the attacker while it appears healthy.',
    technique: 'T1562.001',
    description: 'A GuardDuty IP set, threat intel set or findings filter was created, updated or deleted.',
    remediation:
      'Review: `aws guardduty list-ip-sets --detector-id <id>`, `list-threat-intel-sets`, `list-filters` and `get-filter`; delete unknown ones (`aws guardduty delete-ip-set` / `delete-filter`) and re-check archived findings.',
    tags: ['guardduty', 'defense-evasion'],
    match: all(
      f('service', { equals: 'guardduty' }),
      names(
        'CreateIPSet',
        'UpdateIPSet',
        'DeleteIPSet',
        'CreateThreatIntelSet',
        'UpdateThreatIntelSet',
        'DeleteThreatIntelSet',
        'CreateFilter',
        'UpdateFilter',
        'DeleteFilter',
      ),
    ),
    details: [rp('detectorId'), rp('name'), rp('location'), rp('action')],
  },
  {
    id: 'TS-MON-003',
    title: 'AWS Config recording stopped or deleted',
    severity: 'high',
    why: 'Config is the configuration history and compliance record; stopping it hides what changed.',
    technique: 'T1562.001',
    description:
      'A configuration recorder was stopped or deleted, a delivery channel deleted, or Config rules or aggregators deleted.',
    remediation:
      'Restart: `aws configservice start-configuration-recorder --configuration-recorder-name <name>`; recreate deleted recorders, channels and rules (console: Config > Settings); `aws configservice describe-configuration-recorder-status` to verify.',
    tags: ['config', 'defense-evasion'],
    match: all(
      f('service', { equals: 'config' }),
      names(
        'StopConfigurationRecorder',
        'DeleteConfigurationRecorder',
        'DeleteDeliveryChannel',
        'DeleteConfigRule',
        'DeleteOrganizationConfigRule',
        'DeleteConfigurationAggregator',
        'DeleteConformancePack',
        'DeleteRemediationConfiguration',
      ),
    ),
    details: [rp('configurationRecorderName'), rp('deliveryChannelName'), rp('configRuleName')],
  },
  {
    id: 'TS-MON-004',
    title: 'Security Hub disabled or findings suppressed',
    severity: 'high',
    why: 'Turns off or hides the central findings view defenders rely on.',
    technique: 'T1562.001',
    description:
      'Security Hub was disabled, standards or product integrations turned off, insights deleted, or findings updated in bulk (which can archive or suppress them).',
    remediation:
      'Re-enable: `aws securityhub enable-security-hub` and `aws securityhub batch-enable-standards`; review recent finding workflow changes with `aws securityhub get-findings --filters` on WorkflowStatus SUPPRESSED.',
    tags: ['securityhub', 'defense-evasion'],
    match: all(
      f('service', { equals: 'securityhub' }),
      names(
        'DisableSecurityHub',
        'BatchDisableStandards',
        'DisableImportFindingsForProduct',
        'DeleteInsight',
        'UpdateFindings',
        'DeleteActionTarget',
        'DisassociateFromMasterAccount',
        'DisassociateFromAdministratorAccount',
        'DisassociateMembers',
        'DeleteMembers',
      ),
    ),
  },
  {
    id: 'TS-MON-005',
    title: 'Macie disabled, paused or changed',
    severity: 'medium',
    why: 'Stops sensitive-data discovery on S3; lower impact than GuardDuty or CloudTrail.',
    technique: 'T1562.001',
    description:
      'Amazon Macie was disabled, its session updated or paused, members disassociated, or findings filters changed.',
    remediation:
      'Check status: `aws macie2 get-macie-session`; re-enable with `aws macie2 update-macie-session --status ENABLED` or `aws macie2 enable-macie`; review `aws macie2 list-findings-filters`.',
    tags: ['macie', 'defense-evasion'],
    match: all(
      f('service', { in: ['macie', 'macie2'] }),
      names(
        'DisableMacie',
        'UpdateMacieSession',
        'DeleteMember',
        'DisassociateMember',
        'DisassociateFromAdministratorAccount',
        'DisassociateFromMasterAccount',
        'CreateFindingsFilter',
        'UpdateFindingsFilter',
        'DeleteFindingsFilter',
      ),
    ),
  },
  {
    id: 'TS-MON-006',
    title: 'IAM Access Analyzer deleted or archive rule added',
    severity: 'medium',
    why: 'Access Analyzer reports resources shared outside the account; deleting it or auto-archiving hides new exposures.',
    technique: 'T1562.001',
    description: 'An IAM Access Analyzer analyzer was deleted, or an archive rule created or changed.',
    remediation:
      'Recreate: `aws accessanalyzer create-analyzer --analyzer-name <name> --type ACCOUNT` (or ORGANIZATION); review `aws accessanalyzer list-archive-rules --analyzer-name <name>`.',
    tags: ['access-analyzer', 'defense-evasion'],
    match: all(
      f('service', { equals: 'access-analyzer' }),
      names('DeleteAnalyzer', 'CreateArchiveRule', 'UpdateArchiveRule'),
    ),
    details: [rp('analyzerName'), rp('ruleName')],
  },
];
