/** Account-wide signals: organisations, regions, reconnaissance, offensive tooling, Bedrock misuse, new behaviour. */
import type { RuleInput } from '../schema.js';
import { all, any, f, names, not, rp } from './helpers.js';

/** Services whose calls are logged in us-east-1 whatever region the caller works in, so never "out of region". */
export const GLOBAL_SERVICES = [
  'iam',
  'sts',
  'organizations',
  'cloudfront',
  'route53',
  'route53domains',
  'signin',
  'sso',
  'support',
  'health',
  'trustedadvisor',
  'account',
  'billingconsole',
  'ce',
  'globalaccelerator',
  'shield',
  'waf',
];

/** Offensive tools and penetration-testing distributions that announce themselves in the user agent. */
export const OFFENSIVE_USER_AGENT =
  '(trufflehog|(^|[^a-z])(kali|parrot|pentoo|blackarch)([^a-z]|$)|(^|[^a-z])pacu([^a-z]|$)|cloudfox|weirdaal|cloudgoat|endgame/)';

const accessDenied = f('errorCode', {
  regex:
    '^(Client\\.)?(AccessDenied|UnauthorizedOperation|UnauthorizedAccess|Unauthorized|Forbidden|AuthorizationError)',
});

export const ACCOUNT_RULES: RuleInput[] = [
  {
    id: 'TS-ORG-001',
    title: 'Attempt to leave the AWS Organization',
    severity: 'high',
    why: 'Leaving the organisation removes SCP guard rails and central logging; even a denied attempt signals intent.',
    technique: 'T1562',
    description: 'LeaveOrganization was called (whether it succeeded or was denied).',
    remediation:
      'If it succeeded, re-invite the account from the management account (`aws organizations invite-account-to-organization --target Id=<acct>,Type=ACCOUNT`) and treat the account as compromised; deny organizations:LeaveOrganization with an SCP.',
    tags: ['organizations', 'defense-evasion'],
    includeErrors: true,
    match: names('LeaveOrganization'),
  },
  {
    id: 'TS-REG-001',
    title: 'AWS Region enabled',
    severity: 'medium',
    why: 'Opt-in regions are rarely enabled; attackers enable unused regions to run resources where no one looks.',
    technique: 'T1535',
    description: 'EnableRegion turned on an opt-in AWS Region for the account.',
    remediation:
      'If not planned, disable it: `aws account disable-region --region-name <region>` (console: account menu > Account > AWS Regions); deny account:EnableRegion with an SCP.',
    tags: ['account', 'region'],
    match: names('EnableRegion'),
    dedupe: [rp('RegionName')],
    details: [rp('RegionName')],
  },
  {
    id: 'TS-REG-002',
    title: 'Activity in a region outside the allowed list',
    severity: 'medium',
    why: 'Resources in unused regions escape monitoring and budgets; a classic place for crypto-miners.',
    technique: 'T1535',
    description:
      'A principal made successful write calls in a region that is not in the configured allowed regions (global services such as IAM and STS, which log to us-east-1, are ignored).',
    remediation:
      'List what exists there (`aws resourcegroupstaggingapi get-resources --region <region>` and `aws ec2 describe-instances --region <region>`); delete unexpected resources; deny unused regions with an SCP on aws:RequestedRegion.',
    tags: ['region'],
    match: all(
      not(f('region', { in: '$allowedRegions' })),
      f('readOnly', { equals: false }),
      not(f('service', { in: GLOBAL_SERVICES })),
    ),
    dedupe: ['region'],
    details: ['region'],
  },
  {
    id: 'TS-RECON-001',
    title: 'Burst of access-denied errors from one principal',
    severity: 'medium',
    why: 'Ten or more denials in ten minutes is what permission enumeration with stolen credentials looks like; misconfigured apps also do it, so medium.',
    technique: 'T1580',
    description:
      'One principal received AccessDenied or UnauthorizedOperation at least 10 times within 10 minutes.',
    remediation:
      'See which calls were denied (evidence, or CloudTrail Event history filtered by user name and error code); if the principal is a person or a workload that should not explore, rotate its credentials (`aws iam update-access-key --status Inactive`) or revoke its role sessions (console: IAM > Roles > role > Revoke active sessions).',
    tags: ['discovery'],
    kind: 'threshold',
    includeErrors: true,
    match: accessDenied,
    threshold: { count: 10, windowMinutes: 10, groupBy: ['principal.key'] },
    details: ['errorCode'],
  },
  {
    id: 'TS-UA-001',
    title: 'API calls from an offensive tool or penetration-testing distribution',
    severity: 'medium',
    why: 'Legitimate automation does not run from Kali or TruffleHog; either an authorised test or stolen keys being tried.',
    technique: 'T1087.004',
    description:
      'Calls whose user agent names an offensive tool or pentest distribution (TruffleHog, Pacu, CloudFox, WeirdAAL, Kali, Parrot, Pentoo, BlackArch).',
    remediation:
      'If no test was authorised, disable the access key used (`aws iam update-access-key --user-name <u> --access-key-id <key> --status Inactive`) or revoke the role sessions, and review everything the key did.',
    tags: ['discovery', 'tooling'],
    includeErrors: true,
    match: f('userAgent', { regex: OFFENSIVE_USER_AGENT, ignoreCase: true }),
    details: ['userAgent', 'sourceIp'],
  },
  {
    id: 'TS-AI-001',
    title: 'Bedrock guardrail deleted or changed',
    severity: 'medium',
    why: 'Removes content and data-leak protections from model use; guardrails are tuned legitimately too.',
    technique: 'T1562',
    description: 'DeleteGuardrail or UpdateGuardrail changed an Amazon Bedrock guardrail.',
    remediation:
      'Check the guardrail versions: `aws bedrock get-guardrail --guardrail-identifier <id>` and `aws bedrock list-guardrails`; restore from your IaC definition.',
    tags: ['bedrock', 'defense-evasion'],
    match: all(f('service', { equals: 'bedrock' }), names('DeleteGuardrail', 'UpdateGuardrail')),
    dedupe: [rp('guardrailIdentifier')],
    details: [rp('guardrailIdentifier')],
  },
  {
    id: 'TS-AI-002',
    title: 'Bedrock model access enabled',
    severity: 'medium',
    why: 'Turning on foundation-model access is the first step of LLM-jacking with stolen keys; in most accounts it happens once.',
    technique: 'T1496',
    description:
      'Foundation-model access was requested or granted (PutFoundationModelEntitlement, PutUseCaseForModelAccess, CreateFoundationModelAgreement).',
    remediation:
      "Confirm a person in your team asked for it (console: Bedrock > Model access); if not, remove access, revoke the caller's credentials, and check Bedrock invocation logs and billing for model use.",
    tags: ['bedrock', 'impact'],
    includeErrors: true,
    match: names(
      'PutFoundationModelEntitlement',
      'PutUseCaseForModelAccess',
      'CreateFoundationModelAgreement',
    ),
    details: [rp('modelId')],
  },
  {
    id: 'TS-NEW-001',
    title: 'Principal active in a region it had not used in this window',
    severity: 'low',
    why: 'A known principal moving to a new region can mean stolen credentials; informational unless paired with other findings.',
    technique: 'T1535',
    description:
      'A principal that was active during the first half of the window made successful calls in a region it had not used before in the window (first-seen; principals new to the window are not flagged).',
    remediation:
      'Check what it did there (console: CloudTrail > Event history in that region, filtered by user name; or `aws cloudtrail lookup-events --region <region>`); if unexpected, revoke its credentials and remove resources created there.',
    tags: ['first-seen', 'region'],
    kind: 'first-seen',
    match: not(f('service', { in: GLOBAL_SERVICES })),
    firstSeen: { value: 'region', warmupShare: 0.5 },
    details: ['region'],
  },
  {
    id: 'TS-NEW-002',
    title: 'Principal called a service it had not used in this window',
    severity: 'info',
    why: 'New behaviour of a known principal is context for other findings, not an incident on its own.',
    technique: 'T1078',
    description:
      'A principal that was active during the first half of the window made a successful write call to an AWS service it had not called before in the window (first-seen).',
    remediation:
      'Review the calls listed (`aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventSource,AttributeValue=<service>.amazonaws.com`); expected after deployments of new features.',
    tags: ['first-seen'],
    kind: 'first-seen',
    match: all(f('readOnly', { equals: false }), any(f('service', { exists: true }))),
    firstSeen: { value: 'service', warmupShare: 0.5 },
    details: ['service'],
  },
];
