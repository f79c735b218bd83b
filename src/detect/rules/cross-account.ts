/** Resource policies that grant another AWS account: S3 buckets and access points, KMS keys, SQS, SNS, ECR, Secrets Manager. */
import type { RuleInput } from '../schema.js';
import { POLICY_CALL_NAMES } from '../grants.js';
import { names, rp } from './helpers.js';

// One finding per principal and resource; the resource is named by whichever of these the call has.
const RESOURCE = [
  rp('bucketName'),
  rp('name'),
  rp('keyId'),
  rp('queueUrl'),
  rp('queueName'),
  rp('topicArn'),
  rp('repositoryName'),
  rp('secretId'),
];

const REMEDIATION =
  "Check that every account named (the `grantees` detail) is yours or an approved partner's; if one is not, restore the previous policy (`aws s3api put-bucket-policy`, `aws kms put-key-policy`, `aws sqs set-queue-attributes`, `aws sns set-topic-attributes`, `aws ecr set-repository-policy`, `aws secretsmanager put-resource-policy`, or the resource's Permissions tab in the console) and review what the account did with the resource since. List accounts you trust in `trusted-account-ids` (organisation ids `o-…` too).";

export const CROSS_ACCOUNT_RULES: RuleInput[] = [
  {
    id: 'TS-XACCT-001',
    title: 'Resource policy grants another AWS account',
    severity: 'medium',
    why: 'A grant to an account outside the ones reviewed is the quiet way to keep access or move data out, but partners and vendors get such grants legitimately: medium, and list the ones you trust in trusted-account-ids.',
    technique: 'T1537',
    description:
      "A resource policy (S3 bucket or access point, KMS key, SQS queue, SNS topic, ECR repository, Secrets Manager secret) was set with an Allow statement naming an AWS account that is neither one of this window's accounts nor in trusted-account-ids. The grant does not include reading the resource's data.",
    remediation: REMEDIATION,
    tags: ['exposure', 'exfiltration', 'persistence'],
    match: names(...POLICY_CALL_NAMES),
    grants: 'access',
    dedupe: RESOURCE,
    details: RESOURCE,
  },
  {
    id: 'TS-XACCT-002',
    title: 'Resource policy lets another AWS account read data or locks the owner out',
    severity: 'high',
    why: "Another account can now read the objects, decrypt with the key or read the secret, which is exfiltration once it does; a policy that also removes the owner's access is the ransom pattern. Either way the data is at stake: high.",
    technique: 'T1537',
    description:
      "A resource policy was set with an Allow statement naming an AWS account outside this window's accounts and trusted-account-ids, granting s3:GetObject, kms:Decrypt or secretsmanager:GetSecretValue (or a wildcard covering them), or the same policy denies the owner account or (a KMS key policy) no longer names it.",
    remediation: REMEDIATION,
    tags: ['exposure', 'exfiltration', 'impact'],
    match: names(...POLICY_CALL_NAMES),
    grants: 'data',
    dedupe: RESOURCE,
    details: RESOURCE,
  },
];
