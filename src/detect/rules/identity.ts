/** Identity: the root user, console sign-in, IAM users, keys, policies, trust, MFA and federation. */
import type { RuleInput } from '../schema.js';
import { all, any, f, names, not, onSelf, rp } from './helpers.js';

const loginSucceeded = f('raw.responseElements.ConsoleLogin', { equals: 'Success' });
const loginFailed = any(
  f('raw.responseElements.ConsoleLogin', { equals: 'Failure' }),
  f('errorMessage', { exists: true }),
);
const isRoot = f('principal.type', { equals: 'Root' });
const ADMIN_POLICY = 'arn:aws*:iam::aws:policy/AdministratorAccess';

export const IDENTITY_RULES: RuleInput[] = [
  // ---- root ----
  {
    id: 'TS-ROOT-001',
    title: 'Root user activity',
    severity: 'high',
    why: 'Root cannot be limited by IAM policy and is needed for only a handful of tasks; any use should be explainable.',
    technique: 'T1078.004',
    description:
      'The account root user made API calls (sign-in is reported separately). Root credentials bypass IAM permissions, so every root action deserves a named owner and a reason.',
    remediation:
      'Confirm who holds the root credentials and why they were used; review the calls in CloudTrail (console: CloudTrail > Event history, filter User name = root). Delete any root access keys (`aws iam list-access-keys` as root shows none when clean), enable MFA on root, and use IAM roles instead.',
    tags: ['root', 'iam'],
    match: all(isRoot, not(names('ConsoleLogin', 'PasswordUpdated'))),
    details: [],
  },
  {
    id: 'TS-ROOT-002',
    title: 'Root console sign-in with MFA',
    severity: 'high',
    why: 'MFA makes theft less likely, but root sign-in is still rare and all-powerful.',
    technique: 'T1078.004',
    description: 'The account root user signed in to the AWS Management Console using MFA.',
    remediation:
      'Confirm with the holder of the root credentials; review the session (console: CloudTrail > Event history, User name = root). If unexpected, change the root password and MFA device at once (console: account menu > Security credentials).',
    tags: ['root', 'console'],
    includeErrors: false,
    match: all(
      names('ConsoleLogin'),
      isRoot,
      loginSucceeded,
      f('raw.additionalEventData.MFAUsed', { equals: 'Yes' }),
    ),
    details: ['raw.additionalEventData.MFAUsed', 'raw.additionalEventData.LoginTo'],
  },
  {
    id: 'TS-ROOT-003',
    title: 'Root console sign-in without MFA',
    severity: 'critical',
    why: 'A password alone unlocks the whole account; this is the takeover path for a phished or reused root password.',
    technique: 'T1078.004',
    description: 'The account root user signed in to the console with a password and no MFA.',
    remediation:
      'If not expected, treat as compromise: change the root password, register an MFA device (console: account menu > Security credentials > Multi-factor authentication), delete root access keys, review every root call since the sign-in. If expected, enable MFA on root now.',
    tags: ['root', 'console', 'mfa'],
    match: all(
      names('ConsoleLogin'),
      isRoot,
      loginSucceeded,
      not(f('raw.additionalEventData.MFAUsed', { equals: 'Yes' })),
    ),
    details: ['raw.additionalEventData.MFAUsed', 'raw.additionalEventData.LoginTo'],
  },
  {
    id: 'TS-ROOT-004',
    title: 'Access key created for the root user',
    severity: 'critical',
    why: 'A root access key is a permanent, unrestricted credential that AWS advises never to have.',
    technique: 'T1098.001',
    description:
      'CreateAccessKey was called by the root user for itself, creating a long-lived root access key.',
    remediation:
      'Delete it: sign in as root, console account menu > Security credentials > Access keys > Delete (the key id is in the event). Investigate how root was accessed; rotate the root password and MFA.',
    tags: ['root', 'iam', 'persistence'],
    match: all(names('CreateAccessKey'), isRoot, f(rp('userName'), { exists: false })),
    details: ['raw.responseElements.accessKey.accessKeyId'],
  },
  {
    id: 'TS-ROOT-005',
    title: 'Failed root console sign-in',
    severity: 'medium',
    why: 'Someone knows the root e-mail address and is trying passwords; no access was gained.',
    technique: 'T1110',
    description: 'A console sign-in as the account root user failed.',
    remediation:
      'Check the source IP and user agent in the evidence; make sure root has a long unique password and MFA (console: account menu > Security credentials). Repeated failures: consider changing the root e-mail address.',
    tags: ['root', 'console'],
    includeErrors: true,
    match: all(names('ConsoleLogin'), isRoot, loginFailed),
    details: ['errorMessage'],
  },
  {
    id: 'TS-ROOT-006',
    title: 'Root password changed',
    severity: 'high',
    why: 'Changing the root password is how an intruder locks the owner out; it should always be a planned change.',
    technique: 'T1098',
    description: 'The root user password was changed (PasswordUpdated, signin.amazonaws.com).',
    remediation:
      'Confirm with the account owner. If unplanned, recover the root user at once through "Forgot password" on the root sign-in page (reset mail to the account e-mail), then review root activity (console: CloudTrail > Event history, User name = root).',
    tags: ['root', 'console'],
    match: all(
      names('PasswordUpdated'),
      isRoot,
      f('raw.responseElements.PasswordUpdated', { equals: 'Success' }),
    ),
  },

  // ---- console sign-in ----
  {
    id: 'TS-AUTH-001',
    title: 'IAM user console sign-in without MFA',
    severity: 'medium',
    why: 'Password-only console access is open to phishing and reuse; IAM users only (federated sign-ins authenticate MFA at the identity provider).',
    technique: 'T1078.004',
    description:
      'An IAM user signed in to the console with a password alone. SSO, SAML and Identity Center sign-ins are excluded because their MFA happens at the identity provider.',
    remediation:
      'Require MFA for the user (console: IAM > Users > user > Security credentials > Assign MFA device) and enforce it with a policy denying actions when aws:MultiFactorAuthPresent is false; better, move people to IAM Identity Center.',
    tags: ['console', 'mfa'],
    match: all(
      names('ConsoleLogin'),
      f('principal.type', { equals: 'IAMUser' }),
      loginSucceeded,
      f('raw.additionalEventData.MFAUsed', { equals: 'No' }),
    ),
    exclude: any(
      f('raw.additionalEventData.SamlProviderArn', { exists: true }),
      f('principal.arn', { glob: '*:assumed-role/AWSReservedSSO_*' }),
    ),
    details: ['raw.additionalEventData.MFAUsed', 'raw.additionalEventData.LoginTo'],
  },
  {
    id: 'TS-AUTH-002',
    title: 'Repeated failed console sign-ins for one user',
    severity: 'medium',
    why: 'Five or more failures in ten minutes is password guessing against a known user; no access yet.',
    technique: 'T1110.001',
    description: 'At least 5 console sign-ins for the same user failed within 10 minutes.',
    remediation:
      'Check source IPs in the evidence; make sure the user has MFA; if the user also signed in successfully afterwards, reset the password (`aws iam update-login-profile --user-name <user> --password-reset-required`) and review the session.',
    tags: ['console', 'brute-force'],
    kind: 'threshold',
    includeErrors: true,
    match: all(names('ConsoleLogin'), loginFailed),
    threshold: { count: 5, windowMinutes: 10, groupBy: ['principal.key'] },
    details: ['sourceIp', 'errorMessage'],
  },
  {
    id: 'TS-AUTH-003',
    title: 'Repeated failed console sign-ins from one IP address',
    severity: 'high',
    why: 'Many failures from one address, often across users, is password spraying; it usually precedes a successful guess.',
    technique: 'T1110.003',
    description:
      'At least 5 console sign-ins from the same source IP failed within 10 minutes, for one or more users.',
    remediation:
      'Look up the IP; block it where you can (WAF, network ACL, identity-provider policy); check for a successful ConsoleLogin from it (console: CloudTrail > Event history, Event name = ConsoleLogin); enforce MFA for every user named in the evidence.',
    tags: ['console', 'brute-force'],
    kind: 'threshold',
    includeErrors: true,
    dedupePrincipal: false,
    match: all(names('ConsoleLogin'), loginFailed),
    threshold: { count: 5, windowMinutes: 10, groupBy: ['sourceIp'] },
    details: ['principal.key', 'errorMessage'],
  },

  // ---- IAM credentials ----
  {
    id: 'TS-IAM-001',
    title: 'Access key created for another IAM user',
    severity: 'high',
    why: 'Minting keys for someone else is a classic persistence backdoor; people usually create their own.',
    technique: 'T1098.001',
    description: 'CreateAccessKey created an access key for an IAM user other than the caller.',
    remediation:
      'Confirm with the user named in the request; if unexpected, deactivate and delete it: `aws iam update-access-key --user-name <user> --access-key-id <key> --status Inactive` then `aws iam delete-access-key --user-name <user> --access-key-id <key>`; check what the key did (CloudTrail, filter Access key).',
    tags: ['iam', 'persistence'],
    match: all(names('CreateAccessKey'), f(rp('userName'), { exists: true }), not(onSelf(rp('userName')))),
    dedupe: [rp('userName')],
    details: [rp('userName'), 'raw.responseElements.accessKey.accessKeyId'],
  },
  {
    id: 'TS-IAM-002',
    title: 'Console password set for another IAM user',
    severity: 'medium',
    why: 'Gives console access to an identity that may not have had it, or takes over one that did; helpdesk resets are common, so medium.',
    technique: 'T1098',
    description:
      'CreateLoginProfile or UpdateLoginProfile set the console password of an IAM user other than the caller.',
    remediation:
      "Confirm with the user; if unexpected remove console access with `aws iam delete-login-profile --user-name <user>` (console: IAM > Users > user > Security credentials > Console access > Disable) and review the user's recent sign-ins.",
    tags: ['iam', 'persistence'],
    match: all(
      names('CreateLoginProfile', 'UpdateLoginProfile'),
      f(rp('userName'), { exists: true }),
      not(onSelf(rp('userName'))),
    ),
    dedupe: [rp('userName')],
    details: [rp('userName'), rp('passwordResetRequired')],
  },
  {
    id: 'TS-IAM-003',
    title: 'AdministratorAccess policy attached',
    severity: 'high',
    why: 'Grants full control of the account in one call; the usual escalation step after initial access.',
    technique: 'T1098.003',
    description: 'The AWS managed AdministratorAccess policy was attached to a user, role or group.',
    remediation:
      'If not approved, detach it: `aws iam detach-user-policy --user-name <user> --policy-arn arn:aws:iam::aws:policy/AdministratorAccess` (or detach-role-policy / detach-group-policy); review what the identity did since.',
    tags: ['iam', 'privilege-escalation'],
    match: all(
      names('AttachUserPolicy', 'AttachRolePolicy', 'AttachGroupPolicy'),
      f(rp('policyArn'), { glob: ADMIN_POLICY }),
    ),
    dedupe: [rp('userName'), rp('roleName'), rp('groupName')],
    details: [rp('userName'), rp('roleName'), rp('groupName'), rp('policyArn')],
  },
  {
    id: 'TS-IAM-004',
    title: 'Inline policy granting full access',
    severity: 'high',
    why: 'An inline Allow of "*" on "*" is AdministratorAccess in disguise and escapes reviews of managed policies.',
    technique: 'T1098.003',
    description:
      'PutUserPolicy, PutRolePolicy or PutGroupPolicy wrote an inline policy with a statement allowing every action on every resource.',
    remediation:
      'Delete it: `aws iam delete-role-policy --role-name <role> --policy-name <name>` (or delete-user-policy / delete-group-policy); replace with least-privilege permissions.',
    tags: ['iam', 'privilege-escalation'],
    match: all(
      names('PutUserPolicy', 'PutRolePolicy', 'PutGroupPolicy'),
      f(rp('policyDocument.Statement'), {
        some: all(
          f('Effect', { equals: 'Allow' }),
          f('Action', { in: ['*', '*:*'] }),
          f('Resource', { equals: '*' }),
        ),
      }),
    ),
    dedupe: [rp('userName'), rp('roleName'), rp('groupName'), rp('policyName')],
    details: [rp('userName'), rp('roleName'), rp('groupName'), rp('policyName')],
  },
  {
    id: 'TS-IAM-005',
    title: 'IAM permissions changed',
    severity: 'low',
    why: 'Routine in accounts managed by hand or IaC, but the record reviewers need to explain any escalation.',
    technique: 'T1098',
    description:
      'IAM policies were created, changed, set as default, attached, detached or deleted (managed or inline policies on users, roles and groups).',
    remediation:
      'Review the change against your change log; see the policy with `aws iam get-policy-version --policy-arn <arn> --version-id <v>` or `aws iam get-role-policy --role-name <role> --policy-name <name>`; revert with `aws iam set-default-policy-version` or by detaching.',
    tags: ['iam'],
    match: names(
      'CreatePolicy',
      'DeletePolicy',
      'CreatePolicyVersion',
      'DeletePolicyVersion',
      'SetDefaultPolicyVersion',
      'PutUserPolicy',
      'PutRolePolicy',
      'PutGroupPolicy',
      'DeleteUserPolicy',
      'DeleteRolePolicy',
      'DeleteGroupPolicy',
      'AttachUserPolicy',
      'AttachRolePolicy',
      'AttachGroupPolicy',
      'DetachUserPolicy',
      'DetachRolePolicy',
      'DetachGroupPolicy',
      'PutUserPermissionsBoundary',
      'PutRolePermissionsBoundary',
      'DeleteUserPermissionsBoundary',
      'DeleteRolePermissionsBoundary',
    ),
    dedupe: ['name'],
    details: [rp('policyArn'), rp('policyName'), rp('userName'), rp('roleName'), rp('groupName')],
  },
  {
    id: 'TS-IAM-006',
    title: 'Role trust policy allows any principal',
    severity: 'critical',
    why: 'Anyone with an AWS account can try to assume the role; an ExternalId condition is a weak shared secret, not a control.',
    technique: 'T1098',
    description:
      'UpdateAssumeRolePolicy (or CreateRole) set a trust policy with an Allow statement whose principal is "*".',
    remediation:
      'Restore a trust policy naming specific principals: `aws iam update-assume-role-policy --role-name <role> --policy-document file://trust.json`; check `aws iam get-role --role-name <role>` and CloudTrail AssumeRole events for the role since the change.',
    tags: ['iam', 'persistence'],
    match: all(
      names('UpdateAssumeRolePolicy', 'CreateRole'),
      any(
        f(rp('policyDocument.Statement'), {
          some: all(
            f('Effect', { equals: 'Allow' }),
            any(f('Principal', { equals: '*' }), f('Principal.AWS', { equals: '*' })),
          ),
        }),
        f(rp('assumeRolePolicyDocument.Statement'), {
          some: all(
            f('Effect', { equals: 'Allow' }),
            any(f('Principal', { equals: '*' }), f('Principal.AWS', { equals: '*' })),
          ),
        }),
      ),
    ),
    dedupe: [rp('roleName')],
    details: [rp('roleName')],
  },
  {
    id: 'TS-IAM-007',
    title: 'Role trust policy grants another AWS account',
    severity: 'medium',
    why: 'Cross-account trust is normal for vendors and other accounts of the organisation, but is also the quiet backdoor; needs a named owner.',
    technique: 'T1098',
    description:
      'UpdateAssumeRolePolicy set a trust policy that lets a principal in a different AWS account assume the role.',
    remediation:
      "Check that the account named in the trust policy is yours or an approved vendor's (`aws iam get-role --role-name <role> --query Role.AssumeRolePolicyDocument`); otherwise restore the previous trust with `aws iam update-assume-role-policy`.",
    tags: ['iam', 'persistence', 'cross-account'],
    match: all(
      names('UpdateAssumeRolePolicy'),
      f(rp('policyDocument.Statement'), {
        some: all(
          f('Effect', { equals: 'Allow' }),
          f('Principal.AWS', { regex: '(^|:)\\d{12}(:|$)' }),
          f('Principal.AWS', { notContainsField: 'account' }),
        ),
      }),
    ),
    dedupe: [rp('roleName')],
    details: [rp('roleName'), rp('policyDocument.Statement.Principal.AWS')],
  },
  {
    id: 'TS-IAM-008',
    title: 'IAM user created',
    severity: 'low',
    why: 'New long-lived identities are worth a look, but most are legitimate.',
    technique: 'T1136.003',
    description: 'CreateUser created an IAM user.',
    remediation:
      'Confirm the owner; if unexpected, remove keys, login profile and policies, then `aws iam delete-user --user-name <user>` (console: IAM > Users).',
    tags: ['iam', 'persistence'],
    match: names('CreateUser'),
    dedupe: [rp('userName')],
    details: [rp('userName')],
  },
  {
    id: 'TS-IAM-009',
    title: 'IAM user created by an EC2 instance or Lambda function role',
    severity: 'high',
    why: 'Workloads rarely create people; a workload role doing so suggests its credentials were stolen and used for persistence.',
    technique: 'T1136.003',
    description:
      'CreateUser was called with the credentials of an EC2 instance profile or a Lambda execution role.',
    remediation:
      'Delete the user (`aws iam delete-user` after removing its keys and policies); investigate the instance or function whose role was used and rotate its role credentials by restricting the role (`aws iam put-role-policy` with a deny-all) while you investigate.',
    tags: ['iam', 'persistence', 'workload'],
    match: all(
      names('CreateUser'),
      f('principal.type', { equals: 'AssumedRole' }),
      any(
        f('raw.userIdentity.sessionContext.ec2RoleDelivery', { exists: true }),
        f('principal.principalId', { regex: ':i-[0-9a-f]{8,17}$' }),
        f('userAgent', { contains: 'exec-env/AWS_Lambda' }),
      ),
    ),
    dedupe: [rp('userName')],
    details: [rp('userName')],
  },
  {
    id: 'TS-IAM-010',
    title: 'MFA device deactivated or deleted',
    severity: 'high',
    why: 'Removing MFA is a step toward taking over an account with a stolen password.',
    technique: 'T1556.006',
    description:
      'DeactivateMFADevice or DeleteVirtualMFADevice removed a multi-factor authentication device.',
    remediation:
      "Confirm with the user; re-enroll MFA (console: IAM > Users > user > Security credentials > Assign MFA device); if unexpected, reset the user's password and keys.",
    tags: ['iam', 'mfa'],
    match: names('DeactivateMFADevice', 'DeleteVirtualMFADevice'),
    dedupe: [rp('userName'), rp('serialNumber')],
    details: [rp('userName'), rp('serialNumber')],
  },
  {
    id: 'TS-IAM-011',
    title: 'SAML or OIDC identity provider created or changed',
    severity: 'high',
    why: 'A rogue identity provider lets an outsider mint sessions for any role that trusts it, surviving password and key resets.',
    technique: 'T1484.002',
    description:
      'A SAML provider or an OpenID Connect provider was created or updated in IAM (metadata, thumbprint or client id list).',
    remediation:
      'Check the provider: `aws iam list-saml-providers` / `aws iam list-open-id-connect-providers`; if unknown, delete it (`aws iam delete-saml-provider --saml-provider-arn <arn>`) and review roles that trust it.',
    tags: ['iam', 'federation', 'persistence'],
    match: names(
      'CreateSAMLProvider',
      'UpdateSAMLProvider',
      'CreateOpenIDConnectProvider',
      'UpdateOpenIDConnectProviderThumbprint',
      'AddClientIDToOpenIDConnectProvider',
    ),
    details: [rp('name'), rp('url'), rp('sAMLProviderArn'), rp('openIDConnectProviderArn')],
  },
  {
    id: 'TS-IAM-012',
    title: 'AWS quarantined a leaked access key',
    severity: 'high',
    why: 'AWS attaches this policy only when it found the key exposed publicly; the key must be treated as compromised.',
    technique: 'T1552',
    description:
      'An AWSCompromisedKeyQuarantine policy was attached to an IAM user, which AWS does after finding its access key in a public place.',
    remediation:
      'Rotate the key now: `aws iam create-access-key --user-name <user>`, move consumers, then `aws iam delete-access-key`; review everything the old key did (CloudTrail, filter by access key id); follow the AWS Support case that came with it. Remove the quarantine policy only after cleanup.',
    tags: ['iam', 'credential-access'],
    includeAwsServices: true,
    match: all(
      names('AttachUserPolicy'),
      f(rp('policyArn'), { glob: '*:policy/AWSCompromisedKeyQuarantine*' }),
    ),
    dedupe: [rp('userName')],
    details: [rp('userName'), rp('policyArn')],
  },
  {
    id: 'TS-IAM-013',
    title: 'IAM Roles Anywhere trust anchor or profile created',
    severity: 'medium',
    why: 'A trust anchor lets holders of an outside certificate authority get AWS credentials: powerful persistence, rarely changed.',
    technique: 'T1098',
    description: 'CreateTrustAnchor or CreateProfile configured IAM Roles Anywhere.',
    remediation:
      'Check the certificate authority it trusts: `aws rolesanywhere list-trust-anchors`; if unknown, `aws rolesanywhere delete-trust-anchor --trust-anchor-id <id>` and review the profiles and roles attached.',
    tags: ['iam', 'persistence'],
    match: all(
      f('service', { equals: 'rolesanywhere' }),
      names('CreateTrustAnchor', 'CreateProfile', 'UpdateTrustAnchor'),
    ),
    details: [rp('name')],
  },
  {
    id: 'TS-IAM-014',
    title: 'Federation token issued to an IAM user',
    severity: 'low',
    why: 'GetFederationToken sessions outlive the deletion of the key that made them; unusual outside old brokers.',
    technique: 'T1550.001',
    description: 'An IAM user called sts:GetFederationToken, creating a federated session (up to 36 hours).',
    remediation:
      'Confirm which tool needs it; to cut a suspicious session, attach a deny policy to the user with a condition on aws:TokenIssueTime (console: IAM > Users > user > Revoke sessions is for roles; for users use an inline deny).',
    tags: ['sts', 'persistence'],
    match: names('GetFederationToken'),
    details: [rp('name'), rp('durationSeconds')],
  },
];
