/** Compute and secrets: EC2 user data and passwords, instance access, Lambda backdoors, SSM, Secrets Manager. */
import type { Condition, RuleInput } from '../schema.js';
import { all, any, f, names, not, rp } from './helpers.js';

/** A person rather than a pipeline: IAM users, federated users, root, and IAM Identity Center (SSO) sessions. */
const human: Condition = any(
  f('principal.type', { in: ['IAMUser', 'FederatedUser', 'Root', 'IdentityCenterUser'] }),
  f('principal.arn', { glob: '*:assumed-role/AWSReservedSSO_*' }),
);

/** GPU, accelerator and very large instance families: what crypto-mining and model-abuse campaigns launch. */
export const UNUSUAL_INSTANCE_TYPES = [
  'p2.*',
  'p3*.*',
  'p4*.*',
  'p5*.*',
  'g3*.*',
  'g4*.*',
  'g5*.*',
  'g6*.*',
  'inf1.*',
  'inf2.*',
  'trn1*.*',
  'dl1.*',
  'x1*.*',
  'x2*.*',
  'u-*',
  '*.metal',
  '*.24xlarge',
  '*.32xlarge',
  '*.48xlarge',
];

const lambdaPermissionOpen: Condition = any(
  f(rp('principal'), { equals: '*' }),
  all(
    f(rp('principal'), { regex: '^(\\d{12}|arn:aws[\\w-]*:iam::\\d{12}:.*)$' }),
    f(rp('principal'), { notContainsField: 'account' }),
  ),
);

export const COMPUTE_RULES: RuleInput[] = [
  {
    id: 'TS-EC2-001',
    title: 'EC2 instance user data modified',
    severity: 'high',
    why: 'User data runs as root at the next boot; changing it (often after StopInstances) is code execution on the instance.',
    technique: 'T1059',
    description: 'ModifyInstanceAttribute set new user data on an instance.',
    remediation:
      'Read what was set before it runs: `aws ec2 describe-instance-attribute --instance-id <id> --attribute userData --query UserData.Value --output text | base64 -d`; restore the expected script with `aws ec2 modify-instance-attribute --instance-id <id> --attribute userData --value file://original`; check for StopInstances/StartInstances around it.',
    tags: ['ec2', 'execution'],
    match: all(
      names('ModifyInstanceAttribute'),
      any(f(rp('userData'), { exists: true }), f(rp('attribute'), { equals: 'userData' })),
    ),
    dedupe: [rp('instanceId')],
    details: [rp('instanceId')],
  },
  {
    id: 'TS-EC2-002',
    title: 'Windows administrator password data requested',
    severity: 'medium',
    why: 'Retrieves the encrypted Windows admin password of an instance; rare outside initial setup, and attempts matter as much as successes.',
    technique: 'T1552.005',
    description: 'GetPasswordData was called (succeeded or was denied) for an EC2 instance.',
    remediation:
      "Confirm who needed the password; if unexpected, rotate the local Administrator password on the instance (e.g. `aws ssm send-command --document-name AWS-RunPowerShellScript --instance-ids <id>`), review the caller's other calls (console: CloudTrail > Event history, filter User name); remove ec2:GetPasswordData from roles that do not need it.",
    tags: ['ec2', 'credential-access'],
    includeErrors: true,
    match: names('GetPasswordData'),
    // One principal sweeping many instances is one incident; the instance ids stay in the evidence.
    dedupe: [],
    details: [rp('instanceId')],
  },
  {
    id: 'TS-EC2-003',
    title: 'GPU or unusually large EC2 instance launched',
    severity: 'medium',
    why: 'GPU and very large instances are the usual vehicle for crypto-mining and stolen-compute abuse; many teams never run them.',
    technique: 'T1496',
    description:
      'RunInstances (succeeded or denied) asked for a GPU, accelerator, metal or 24xlarge-and-above instance type.',
    remediation:
      'Check the instances: `aws ec2 describe-instances --filters Name=instance-type,Values=<type>`; terminate unexpected ones (`aws ec2 terminate-instances --instance-ids <id>`) and restrict instance types with an SCP or a permission condition on ec2:InstanceType.',
    tags: ['ec2', 'impact'],
    includeErrors: true,
    includeAwsServices: true,
    match: all(
      names('RunInstances'),
      any(
        f(rp('instanceType'), { glob: UNUSUAL_INSTANCE_TYPES }),
        f(rp('instanceType.*'), { glob: UNUSUAL_INSTANCE_TYPES }),
      ),
    ),
    details: [rp('instanceType'), rp('instancesSet.items.imageId'), rp('instancesSet.items.maxCount')],
  },
  {
    id: 'TS-EC2-004',
    title: 'SSH key pushed with EC2 Instance Connect',
    severity: 'low',
    why: 'Grants a one-minute SSH login to an instance; normal for some teams, a lateral-movement path for others.',
    technique: 'T1021.004',
    description:
      'SendSSHPublicKey pushed a temporary SSH public key to an instance through EC2 Instance Connect.',
    remediation:
      "Confirm the person and instance (`aws ec2 describe-instances --instance-ids <id>`); restrict ec2-instance-connect:SendSSHPublicKey by instance tag or OS user, and review the instance's auth logs for the login.",
    tags: ['ec2', 'lateral-movement'],
    match: names('SendSSHPublicKey'),
    dedupe: [rp('instanceId')],
    details: [rp('instanceId'), rp('instanceOSUser')],
  },
  {
    id: 'TS-EC2-005',
    title: 'EC2 serial console access enabled or used',
    severity: 'medium',
    why: 'The serial console bypasses network controls entirely and is almost never needed outside break-glass recovery.',
    technique: 'T1021',
    description:
      "EC2 serial console access was enabled for the account, or an SSH key was pushed to an instance's serial console.",
    remediation:
      'Disable it if not in use: `aws ec2 disable-serial-console-access` (console: EC2 > Settings > EC2 Serial Console); review which instances were accessed.',
    tags: ['ec2', 'lateral-movement'],
    match: names('EnableSerialConsoleAccess', 'SendSerialConsoleSSHPublicKey'),
    details: [rp('instanceId')],
  },
  {
    id: 'TS-SSM-001',
    title: 'Commands run or shell opened on instances through SSM',
    severity: 'low',
    why: 'Remote execution is routine for operators and automation, but also how stolen credentials reach inside instances.',
    technique: 'T1651',
    description: 'SendCommand ran a document on instances, or StartSession opened a Session Manager shell.',
    remediation:
      'Review the command and output: `aws ssm list-command-invocations --command-id <id> --details`; Session Manager history in the console (Systems Manager > Session Manager > Session history); restrict ssm:SendCommand by document and instance tags.',
    tags: ['ssm', 'execution'],
    match: names('SendCommand', 'StartSession'),
    dedupe: ['name'],
    details: [rp('documentName'), rp('instanceIds'), rp('target')],
  },
  {
    id: 'TS-LAMBDA-001',
    title: 'Lambda function code or layers changed by a person',
    severity: 'low',
    why: 'Code normally ships through a pipeline role; a person changing code or adding a layer directly bypasses review and is a persistence path.',
    technique: 'T1546',
    description:
      'UpdateFunctionCode, or UpdateFunctionConfiguration with layers, was called by an IAM user, federated user, root or an SSO session rather than a deployment role.',
    remediation:
      'Compare with the last deployed version: `aws lambda get-function --function-name <fn>` (CodeSha256) and `aws lambda get-function-configuration --function-name <fn> --query Layers`; redeploy from source if unexpected; limit lambda:UpdateFunctionCode to the pipeline role.',
    tags: ['lambda', 'persistence'],
    match: all(
      any(
        f('name', { glob: 'UpdateFunctionCode*' }),
        all(f('name', { glob: 'UpdateFunctionConfiguration*' }), f(rp('layers'), { exists: true })),
      ),
      human,
    ),
    dedupe: [rp('functionName')],
    details: [rp('functionName'), rp('layers')],
  },
  {
    id: 'TS-LAMBDA-002',
    title: 'Lambda layer added to a function',
    severity: 'medium',
    why: 'A layer (or extension) runs inside every invocation and sees its secrets; adding an outside layer is a known backdoor.',
    technique: 'T1546',
    description: 'UpdateFunctionConfiguration attached layers to a Lambda function.',
    remediation:
      'Check the layer ARNs in the evidence belong to you: `aws lambda get-function-configuration --function-name <fn> --query Layers`; remove unknown layers with `aws lambda update-function-configuration --function-name <fn> --layers <expected-arns>`.',
    tags: ['lambda', 'persistence'],
    match: all(f('name', { glob: 'UpdateFunctionConfiguration*' }), f(rp('layers'), { exists: true })),
    dedupe: [rp('functionName')],
    details: [rp('functionName'), rp('layers')],
  },
  {
    id: 'TS-LAMBDA-003',
    title: 'Lambda function made invocable by anyone or another account',
    severity: 'high',
    why: 'A public or foreign invoke permission lets outsiders run the function with its role; the Stratus-style Lambda backdoor.',
    technique: 'T1648',
    description:
      'AddPermission granted lambda:InvokeFunction (or more) to principal "*" or to an account other than this one.',
    remediation:
      'Remove it: `aws lambda remove-permission --function-name <fn> --statement-id <sid>` (statement id in the evidence); check `aws lambda get-policy --function-name <fn>` for others.',
    tags: ['lambda', 'persistence', 'exposure'],
    match: all(
      f('name', { glob: 'AddPermission*' }),
      f('service', { equals: 'lambda' }),
      lambdaPermissionOpen,
    ),
    dedupe: [rp('functionName'), rp('statementId')],
    details: [rp('functionName'), rp('principal'), rp('action'), rp('statementId')],
  },
  {
    id: 'TS-LAMBDA-004',
    title: 'Lambda function URL without authentication',
    severity: 'high',
    why: "An AuthType NONE function URL is an unauthenticated internet endpoint running with the function's role.",
    technique: 'T1648',
    description: 'CreateFunctionUrlConfig or UpdateFunctionUrlConfig set authType NONE.',
    remediation:
      'Require IAM auth: `aws lambda update-function-url-config --function-name <fn> --auth-type AWS_IAM`, or delete it: `aws lambda delete-function-url-config --function-name <fn>`.',
    tags: ['lambda', 'exposure'],
    match: all(
      any(f('name', { glob: 'CreateFunctionUrlConfig*' }), f('name', { glob: 'UpdateFunctionUrlConfig*' })),
      f(rp('authType'), { equals: 'NONE' }),
    ),
    dedupe: [rp('functionName')],
    details: [rp('functionName'), rp('authType')],
  },
  {
    id: 'TS-LAMBDA-005',
    title: 'Lambda resource policy changed',
    severity: 'low',
    why: 'Adding invoke permissions is routine for event sources, but is the first step of a function backdoor.',
    technique: 'T1648',
    description:
      "AddPermission added a statement to a Lambda function's resource policy (for a principal in this account or a service).",
    remediation:
      'Review: `aws lambda get-policy --function-name <fn>`; remove unexpected statements with `aws lambda remove-permission`.',
    tags: ['lambda', 'persistence'],
    match: all(f('name', { glob: 'AddPermission*' }), f('service', { equals: 'lambda' })),
    exclude: lambdaPermissionOpen,
    dedupe: [rp('functionName')],
    details: [rp('functionName'), rp('principal'), rp('action')],
  },
  {
    id: 'TS-SEC-001',
    title: 'Burst of secret retrievals',
    severity: 'medium',
    why: 'Ten or more GetSecretValue calls in ten minutes by one principal looks like harvesting rather than an application reading its own secret.',
    technique: 'T1555.006',
    description:
      'One principal called Secrets Manager GetSecretValue at least 10 times within 10 minutes (denied calls count).',
    remediation:
      'List the secrets touched (evidence); if the principal should not read them, rotate each (`aws secretsmanager rotate-secret --secret-id <id>`) and restrict secretsmanager:GetSecretValue in its policy.',
    tags: ['secretsmanager', 'credential-access'],
    kind: 'threshold',
    includeErrors: true,
    match: names('GetSecretValue'),
    threshold: { count: 10, windowMinutes: 10, groupBy: ['principal.key'] },
    details: [rp('secretId')],
  },
  {
    id: 'TS-SEC-002',
    title: 'Secrets retrieved in bulk with BatchGetSecretValue',
    severity: 'medium',
    why: 'One call can return up to 20 secrets, and filters like a negated tag key return everything; applications rarely need it.',
    technique: 'T1555.006',
    description: 'BatchGetSecretValue retrieved several secrets in one call.',
    remediation:
      'See the filters or ids used (evidence); rotate those secrets if the caller should not have them (`aws secretsmanager rotate-secret --secret-id <id>`); deny secretsmanager:BatchGetSecretValue where unused.',
    tags: ['secretsmanager', 'credential-access'],
    match: names('BatchGetSecretValue'),
    details: [rp('filters'), rp('secretIdList')],
  },
  {
    id: 'TS-SEC-003',
    title: 'Burst of SSM SecureString parameter decryption',
    severity: 'medium',
    why: 'Five or more decrypting reads in ten minutes by one principal looks like credential harvesting from Parameter Store.',
    technique: 'T1552',
    description:
      'One principal called GetParameter, GetParameters or GetParametersByPath with decryption at least 5 times within 10 minutes.',
    remediation:
      "Review the parameter names in the evidence; rotate the credentials they hold (`aws ssm put-parameter --name <n> --type SecureString --overwrite`) and scope ssm:GetParameter* and kms:Decrypt in the caller's policy.",
    tags: ['ssm', 'credential-access'],
    kind: 'threshold',
    match: all(
      names('GetParameter', 'GetParameters', 'GetParametersByPath'),
      f(rp('withDecryption'), { equals: true }),
    ),
    threshold: { count: 5, windowMinutes: 10, groupBy: ['principal.key'] },
    details: [rp('name'), rp('names'), rp('path')],
  },
  {
    id: 'TS-EC2-006',
    title: 'EC2 instance user data downloaded',
    severity: 'low',
    why: 'User data often holds bootstrap secrets; reading it across instances is a known discovery step, but tools read it too.',
    technique: 'T1552.005',
    description:
      'DescribeInstanceAttribute read the userData attribute of an instance (denied attempts count).',
    remediation:
      'See what user data holds (`aws ec2 describe-instance-attribute --instance-id <id> --attribute userData`); move secrets to Secrets Manager or Parameter Store and rotate them; check who read it and whether that principal should.',
    tags: ['ec2', 'discovery'],
    includeErrors: true,
    match: all(names('DescribeInstanceAttribute'), f(rp('attribute'), { equals: 'userData' })),
    exclude: not(
      f('principal.type', { in: ['IAMUser', 'AssumedRole', 'FederatedUser', 'Root', 'IdentityCenterUser'] }),
    ),
    dedupe: [],
    details: [rp('instanceId')],
  },
  {
    id: 'TS-EC2-007',
    title: 'EC2 instance credentials used outside the instance',
    severity: 'high',
    why: "An instance's role credentials are meant to be used by that instance only; used from a laptop, a person's address or another network, they were taken from it (SSRF to the metadata service, a compromised host) and the instance role's rights are the attacker's until they expire.",
    technique: 'T1552.005',
    description:
      "A role session of an EC2 instance (named after the instance id, or delivered by EC2) made calls that did not come from the instance: with a desktop or browser user agent, from an address a person's principal also used in this window, or from another network than the session's first call (IPv4 /16, IPv6 /48). Calls through VPC endpoints, from private addresses and by AWS services are not counted. The evidence holds the off-instance calls.",
    remediation:
      "Revoke the role's active sessions (console: IAM > Roles > the role > Revoke active sessions, or `aws iam put-role-policy` with the AWSRevokeOlderSessions deny), require IMDSv2 on the instance (`aws ec2 modify-instance-metadata-options --instance-id <id> --http-tokens required`), and investigate the instance for the SSRF or compromise that exposed the credentials.",
    tags: ['ec2', 'credential-access'],
    kind: 'correlate',
    correlate: 'instance-credentials',
    // Every role session reaches the correlator, which tells instance sessions apart (instanceSession): a rule that
    // sees every event must not run a regex on each.
    match: f('principal.type', { equals: 'AssumedRole' }),
    includeErrors: true,
    details: ['principal.arn'],
  },
];
