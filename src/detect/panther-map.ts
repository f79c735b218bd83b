/**
 * Which Panther rules (panther-analysis `RuleID`s) each built-in rule corresponds to. The quality test replays those
 * Panther rules' test records: a Panther positive must fire at least one of our mapped rules, a Panther negative none.
 */
export const PANTHER_MAP: Readonly<Record<string, readonly string[]>> = {
  'TS-LOG-001': ['AWS.CloudTrail.Stopped', 'AWS.CloudTrail.SecurityConfigurationChange'],
  'TS-LOG-002': ['AWS.CloudTrail.Stopped', 'AWS.CloudTrail.SecurityConfigurationChange'],
  'TS-LOG-003': ['AWS.CloudTrail.SecurityConfigurationChange'],
  'TS-LOG-004': ['AWS.CloudTrail.EventSelectorsDisabled', 'AWS.CloudTrail.SecurityConfigurationChange'],
  'TS-LOG-005': ['AWS.CloudTrail.ShortLifecycle'],
  'TS-LOG-006': ['AWS.VPCFlow.LogsDeleted'],
  'TS-LOG-008': ['AWS.CloudTrail.DNSLogsDeleted'],
  'TS-LOG-009': ['AWS.Bedrock.DeleteModelInvocationLoggingConfiguration'],
  'TS-LOG-010': ['AWS.S3.DisableBucketLogging', 'AWS.S3.SecurityControlDisabling'],
  'TS-ROOT-001': ['AWS.Root.Activity'],
  'TS-ROOT-002': ['AWS.Console.RootLogin', 'AWS.Root.Activity'],
  'TS-ROOT-003': ['AWS.Console.RootLogin', 'AWS.Root.Activity', 'AWS.Console.LoginWithoutMFA'],
  'TS-ROOT-004': ['AWS.CloudTrail.RootAccessKeyCreated'],
  'TS-ROOT-005': ['AWS.Console.RootLoginFailed'],
  'TS-ROOT-006': ['AWS.CloudTrail.RootPasswordChanged'],
  'TS-AUTH-001': ['AWS.Console.LoginWithoutMFA'],
  'TS-AUTH-002': ['AWS.CloudTrail.PasswordSpraying', 'Standard.BruteForceByUser'],
  'TS-AUTH-003': ['AWS.CloudTrail.PasswordSpraying', 'Standard.BruteForceByIP'],
  'TS-IAM-001': ['AWS.IAM.Backdoor.User.Keys'],
  'TS-IAM-002': ['AWS.CloudTrail.LoginProfileCreatedOrModified', 'AWS.User.Login.Profile.Modified'],
  'TS-IAM-003': ['AWS.IAM.AttachAdminUserPolicy', 'AWS.IAM.AttachAdminRolePolicy'],
  'TS-IAM-005': ['AWS.IAM.PolicyModified'],
  'TS-IAM-006': ['AWS.IAM.BackdoorRole'],
  'TS-IAM-008': ['AWS.IAM.CreateUser'],
  'TS-IAM-012': ['AWS.CloudTrail.IAMCompromisedKeyQuarantine'],
  'TS-NET-001': ['AWS.EC2.SecurityGroupModified'],
  'TS-NET-002': ['AWS.EC2.SecurityGroupModified'],
  'TS-NET-008': ['AWS.EC2.SecurityGroupModified'],
  'TS-NET-003': ['AWS.CloudTrail.NetworkACLPermissiveEntry'],
  'TS-NET-004': ['AWS.EC2.NetworkACLModified'],
  'TS-NET-005': ['AWS.EC2.GatewayModified'],
  'TS-NET-006': ['AWS.EC2.RouteTableModified'],
  'TS-NET-007': ['AWS.EC2.VPCModified'],
  'TS-S3-001': ['AWS.CloudTrail.ResourceMadePublic'],
  'TS-S3-003': ['AWS.S3.DeletePublicAccessBlock'],
  'TS-S3-005': ['AWS.S3.SecurityControlDisabling', 'AWS.S3.SuspendVersioning', 'AWS.S3.DisableMfaDelete'],
  'TS-SNAP-001': ['AWS.CloudTrail.SnapshotMadePublic', 'AWS.CloudTrail.AMIModifiedForPublicAccess'],
  'TS-SNAP-002': [
    'AWS.CloudTrail.SnapshotMadePublic',
    'AWS.CloudTrail.AMIModifiedForPublicAccess',
    'AWS.RDS.SnapshotShared',
  ],
  'TS-RDS-001': ['AWS.RDS.InstanceMadePublic'],
  'TS-KMS-001': ['AWS.KMS.CustomerManagedKeyLoss'],
  'TS-EBS-001': ['AWS.EC2.EBS.Encryption.Disabled'],
  'TS-MON-003': ['AWS.ConfigService.DisabledDeleted'],
  'TS-MON-004': ['AWS.SecurityHub.Finding.Evasion'],
  'TS-MON-005': ['AWS.Macie.Evasion'],
  'TS-EC2-001': ['AWS.EC2.Startup.Script.Change'],
  'TS-EC2-002': ['AWS.EC2.ManyPasswordReadAttempts'],
  'TS-EC2-003': ['AWS.EC2.LaunchUnusualEC2Instances'],
  'TS-EC2-004': ['AWS.EC2.MultiInstanceConnect'],
  'TS-EC2-006': ['AWS.EC2.DownloadInstanceUserData'],
  'TS-SSM-001': ['AWS.SSM.DistributedCommand'],
  'TS-LAMBDA-001': ['AWS.Lambda.UpdateFunctionCode', 'AWS.Lambda.UpdateFunctionConfiguration'],
  'TS-LAMBDA-002': ['AWS.Lambda.UpdateFunctionConfiguration'],
  'TS-LAMBDA-003': ['AWS.Potential.Backdoor.Lambda'],
  'TS-LAMBDA-005': ['AWS.Potential.Backdoor.Lambda'],
  'TS-SEC-001': ['AWS.SecretsManager.RetrieveSecrets'],
  'TS-SEC-002': ['AWS.SecretsManager.BatchRetrieveSecrets'],
  'TS-SEC-003': ['AWS.SSM.DecryptSSMParams'],
  'TS-ORG-001': ['AWS.CloudTrail.AttemptToLeaveOrg'],
  'TS-REG-001': ['AWS.CloudTrail.EnableRegion'],
  'TS-RECON-001': ['AWS.IAMUser.ReconAccessDenied'],
  'TS-UA-001': ['AWS.STS.GetCallerIdentity.TruffleHog'],
  'TS-AI-001': ['AWS.Bedrock.GuardrailUpdateDelete'],
};

const THRESHOLD =
  'Panther unit-tests the per-event predicate of a rule it thresholds in its platform; ours counts events in a sliding window, so one event alone does not fire (the threshold itself is unit-tested).';
const MOCKS =
  'The Panther result depends on a mocked lookup (has_mocks) that a single record cannot reproduce.';

/**
 * Panther test records where we deliberately give a different answer, keyed `<Panther RuleID>: <test name>`, with why.
 * The agreement test fails on any disagreement not listed here, and on any entry here that no longer disagrees.
 */
export const DELIBERATE_DIFFERENCES: Readonly<Record<string, string>> = {
  'AWS.Lambda.UpdateFunctionConfiguration: IAM User Updates Lambda Configuration with Layers':
    'Panther reads layers from responseElements, which lists every layer a function has after any configuration change; we flag only requests that set layers (requestParameters.layers), so memory or timeout changes to a function with layers are not reported.',
  'AWS.Lambda.UpdateFunctionConfiguration: SSO AssumedRole Updates Lambda Configuration with Layers':
    'As above: layers only in responseElements, not set by the request.',
  'AWS.Lambda.UpdateFunctionConfiguration: FederatedUser Updates Lambda Configuration with Layers':
    'As above: layers only in responseElements, not set by the request.',
  'AWS.CloudTrail.AMIModifiedForPublicAccess: AMI Added to User': `${MOCKS} Panther checks the account against a list of known accounts; we report any cross-account share (TS-SNAP-002, medium) and let users suppress their own accounts.`,
  'AWS.CloudTrail.PasswordSpraying: Failed Console Login': THRESHOLD,
  'AWS.CloudTrail.PasswordSpraying: Failed Console Login - Root User': `${THRESHOLD} (A single failed root sign-in is reported by TS-ROOT-005.)`,
  'Standard.BruteForceByIP: AWS.CloudTrail - Failed Login': THRESHOLD,
  'Standard.BruteForceByUser: AWS.CloudTrail - Failed Login': THRESHOLD,
  'AWS.IAMUser.ReconAccessDenied: Unauthorized API Call': THRESHOLD,
  'AWS.SecretsManager.RetrieveSecrets: GetSecretValue Denied': THRESHOLD,
  'AWS.SSM.DecryptSSMParams: Single Secret Accessed in Single Event': `${THRESHOLD} ${MOCKS}`,
  'AWS.SSM.DecryptSSMParams: Multiple Secrets Accessed in Same Event': `${THRESHOLD} ${MOCKS}`,
  'AWS.SSM.DecryptSSMParams: Multiple Secrets Accessed in Same Event With Prior Cached Parameters': `${THRESHOLD} ${MOCKS}`,
  'AWS.Console.LoginWithoutMFA: No MFA Login - New User': `${MOCKS} Panther skips users created in the last days (a mocked lookup); a new user signing in without MFA is exactly what we want reported.`,
  'AWS.EC2.DownloadInstanceUserData: Panther Cloud Security Scanning':
    "Panther allow-lists its own scanner role by name; TrailSight does not know the user's scanners, which go in the principal allowlist of a rules file.",
  'AWS.Root.Activity: Root Activity - CreateServiceLinkedRole':
    'We report every root call not made by an AWS service: root should not be used for routine work, and one finding per account folds them all.',
  'AWS.Root.Activity: Root Read-Only Enumeration':
    'Read-only root use is still root use (and is how an intruder with root credentials starts); same single finding per account.',
  'AWS.SSM.DistributedCommand: Single Command Send, No Cached IDs': `${MOCKS} We report every SendCommand at low severity (TS-SSM-001) instead of counting instances across calls.`,
  'AWS.STS.GetCallerIdentity.TruffleHog: Different STS Event with TruffleHog Agent':
    'Any call from TruffleHog means a found key is being verified or used, whichever API it calls; TS-UA-001 reports all of them.',
  'AWS.User.Login.Profile.Modified: User changed password for other reset required':
    'A forced reset does not stop takeover: whoever set the password signs in and chooses the new one. We report it (medium) and let helpdesk roles be allow-listed.',
};
