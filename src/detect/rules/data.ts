/** Data exposure and destruction: S3, resource policies, snapshots and images, KMS keys, EBS encryption. */
import type { RuleInput } from '../schema.js';
import { all, any, f, names, policyAllowsEveryone, rp } from './helpers.js';

const PUBLIC_ACL_GROUPS = [
  'acs.amazonaws.com/groups/global/AllUsers',
  'acs.amazonaws.com/groups/global/AuthenticatedUsers',
];

export const DATA_RULES: RuleInput[] = [
  {
    id: 'TS-S3-001',
    title: 'Resource policy allows anyone',
    severity: 'high',
    why: 'A policy granting "*" without conditions exposes the data or key to every AWS account and often the internet.',
    technique: 'T1530',
    description:
      'A resource policy (S3 bucket, ECR repository, KMS key, SQS queue, SNS topic, Secrets Manager secret, OpenSearch domain) was set with an Allow statement for Principal "*" and no Condition.',
    remediation:
      'Remove the public statement. S3: `aws s3api get-bucket-policy --bucket <b>` then `aws s3api put-bucket-policy` without it (console: S3 > bucket > Permissions > Bucket policy), and turn on Block Public Access. Other services: their get/put policy commands (e.g. `aws ecr set-repository-policy`, `aws kms put-key-policy`). Check access logs for reads since.',
    tags: ['s3', 'exfiltration', 'exposure'],
    match: all(
      names(
        'PutBucketPolicy',
        'SetRepositoryPolicy',
        'PutKeyPolicy',
        'CreateKey',
        'SetQueueAttributes',
        'SetTopicAttributes',
        'PutResourcePolicy',
        'CreateElasticsearchDomain',
        'UpdateElasticsearchDomainConfig',
        'CreateDomain',
        'UpdateDomainConfig',
      ),
      any(
        policyAllowsEveryone(rp('bucketPolicy')),
        policyAllowsEveryone(rp('policyText')),
        policyAllowsEveryone(rp('policy')),
        policyAllowsEveryone(rp('attributes.Policy')),
        policyAllowsEveryone(rp('attributeValue')),
        policyAllowsEveryone(rp('resourcePolicy')),
        policyAllowsEveryone(rp('accessPolicies')),
      ),
    ),
    dedupe: [
      rp('bucketName'),
      rp('repositoryName'),
      rp('keyId'),
      rp('queueUrl'),
      rp('topicArn'),
      rp('secretId'),
      rp('domainName'),
    ],
    details: [
      rp('bucketName'),
      rp('repositoryName'),
      rp('keyId'),
      rp('queueUrl'),
      rp('topicArn'),
      rp('secretId'),
      rp('domainName'),
    ],
  },
  {
    id: 'TS-S3-002',
    title: 'S3 ACL grants access to all users',
    severity: 'high',
    why: 'An AllUsers or AuthenticatedUsers grant makes the bucket or object readable (or writable) by anyone.',
    technique: 'T1530',
    description:
      'PutBucketAcl or PutObjectAcl granted permissions to the AllUsers or AuthenticatedUsers group, or applied a public canned ACL.',
    remediation:
      'Reset the ACL: `aws s3api put-bucket-acl --bucket <b> --acl private` (objects: put-object-acl); turn on Block Public Access (`aws s3api put-public-access-block --bucket <b> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`) and set Object Ownership to bucket owner enforced.',
    tags: ['s3', 'exposure'],
    match: all(
      names('PutBucketAcl', 'PutObjectAcl'),
      any(
        f(rp('AccessControlPolicy'), { contains: PUBLIC_ACL_GROUPS }),
        f(rp('x-amz-acl'), { in: ['public-read', 'public-read-write', 'authenticated-read'] }),
        f(rp('x-amz-grant-read'), { contains: PUBLIC_ACL_GROUPS }),
        f(rp('x-amz-grant-write'), { contains: PUBLIC_ACL_GROUPS }),
        f(rp('x-amz-grant-full-control'), { contains: PUBLIC_ACL_GROUPS }),
      ),
    ),
    dedupe: [rp('bucketName')],
    details: [rp('bucketName'), rp('key'), rp('x-amz-acl')],
  },
  {
    id: 'TS-S3-003',
    title: 'S3 Block Public Access removed from a bucket',
    severity: 'high',
    why: 'Block Public Access is the guard rail that stops a public policy or ACL from taking effect; removing it is the first step of exposure.',
    technique: 'T1562',
    description:
      "DeleteBucketPublicAccessBlock removed, or PutBucketPublicAccessBlock turned off one of, the bucket's Block Public Access settings.",
    remediation:
      'Turn it back on: `aws s3api put-public-access-block --bucket <b> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true` (console: S3 > bucket > Permissions > Block public access); then check the bucket policy and ACL.',
    tags: ['s3', 'exposure'],
    match: all(
      f('service', { equals: 's3' }),
      any(
        names('DeleteBucketPublicAccessBlock'),
        all(
          names('PutBucketPublicAccessBlock'),
          f(rp('PublicAccessBlockConfiguration.*'), { equals: false }),
        ),
      ),
    ),
    dedupe: [rp('bucketName')],
    details: [rp('bucketName')],
  },
  {
    id: 'TS-S3-004',
    title: 'S3 Block Public Access removed for the whole account',
    severity: 'critical',
    why: 'Lifts the guard rail from every bucket in the account at once.',
    technique: 'T1562',
    description:
      'The account-level S3 Block Public Access configuration was deleted or one of its settings turned off.',
    remediation:
      'Restore: `aws s3control put-public-access-block --account-id <acct> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true` (console: S3 > Block Public Access settings for this account); then review buckets that became public.',
    tags: ['s3', 'exposure'],
    match: any(
      names('DeleteAccountPublicAccessBlock'),
      all(names('PutAccountPublicAccessBlock'), f(rp('PublicAccessBlockConfiguration.*'), { equals: false })),
    ),
  },
  {
    id: 'TS-S3-005',
    title: 'S3 versioning suspended or MFA delete disabled',
    severity: 'medium',
    why: 'Without versioning or MFA delete, objects can be overwritten or deleted for good: ransomware preparation, but also cost tuning.',
    technique: 'T1490',
    description: 'PutBucketVersioning suspended versioning or disabled MFA delete on a bucket.',
    remediation:
      'Re-enable: `aws s3api put-bucket-versioning --bucket <b> --versioning-configuration Status=Enabled` (MFA delete needs the root user: add `MFADelete=Enabled --mfa "<serial> <code>"`); check for deletions since.',
    tags: ['s3', 'impact'],
    match: all(
      names('PutBucketVersioning'),
      any(
        f(rp('VersioningConfiguration.Status'), { in: ['Suspended', 'Disabled'] }),
        f(rp('VersioningConfiguration.MfaDelete'), { equals: 'Disabled' }),
      ),
    ),
    dedupe: [rp('bucketName')],
    details: [
      rp('bucketName'),
      rp('VersioningConfiguration.Status'),
      rp('VersioningConfiguration.MfaDelete'),
    ],
  },
  {
    id: 'TS-SNAP-001',
    title: 'Snapshot or machine image made public',
    severity: 'critical',
    why: 'A public EBS/RDS snapshot or AMI hands the disk contents, often with secrets, to anyone.',
    technique: 'T1537',
    description:
      'ModifySnapshotAttribute, ModifyImageAttribute, ModifyDBSnapshotAttribute or ModifyDBClusterSnapshotAttribute added the group "all" to the permissions.',
    remediation:
      'Remove public access: `aws ec2 modify-snapshot-attribute --snapshot-id <id> --attribute createVolumePermission --operation-type remove --group-names all`; AMI: `aws ec2 modify-image-attribute --image-id <id> --launch-permission "Remove=[{Group=all}]"`; RDS: `aws rds modify-db-snapshot-attribute --db-snapshot-identifier <id> --attribute-name restore --values-to-remove all`. Enable EBS snapshot and AMI block public access.',
    tags: ['ec2', 'rds', 'exfiltration'],
    match: any(
      all(
        names('ModifySnapshotAttribute'),
        f(rp('createVolumePermission.add.items.group'), { equals: 'all' }),
      ),
      all(names('ModifyImageAttribute'), f(rp('launchPermission.add.items.group'), { equals: 'all' })),
      all(
        names('ModifyDBSnapshotAttribute', 'ModifyDBClusterSnapshotAttribute'),
        f(rp('attributeName'), { equals: 'restore' }),
        f(rp('valuesToAdd'), { equals: 'all' }),
      ),
    ),
    dedupe: [rp('snapshotId'), rp('imageId'), rp('dBSnapshotIdentifier'), rp('dBClusterSnapshotIdentifier')],
    details: [rp('snapshotId'), rp('imageId'), rp('dBSnapshotIdentifier'), rp('dBClusterSnapshotIdentifier')],
  },
  {
    id: 'TS-SNAP-002',
    title: 'Snapshot or machine image shared with another account',
    severity: 'medium',
    why: 'Sharing a disk image with another account is how data leaves without a download; legitimate for backups and org accounts, so medium.',
    technique: 'T1537',
    description:
      'An EBS snapshot, AMI, or RDS snapshot was shared with a specific AWS account (createVolumePermission, launchPermission or restore attribute).',
    remediation:
      "Confirm the account id (in the evidence) is yours or a partner's; otherwise remove it: `aws ec2 modify-snapshot-attribute --snapshot-id <id> --attribute createVolumePermission --operation-type remove --user-ids <acct>` (AMI: modify-image-attribute; RDS: `aws rds modify-db-snapshot-attribute --values-to-remove <acct>`).",
    tags: ['ec2', 'rds', 'exfiltration'],
    match: any(
      all(
        names('ModifySnapshotAttribute'),
        f(rp('createVolumePermission.add.items.userId'), { exists: true }),
      ),
      all(names('ModifyImageAttribute'), f(rp('launchPermission.add.items.userId'), { exists: true })),
      all(
        names('ModifyDBSnapshotAttribute', 'ModifyDBClusterSnapshotAttribute'),
        f(rp('attributeName'), { equals: 'restore' }),
        f(rp('valuesToAdd'), { regex: '^\\d{12}$' }),
      ),
    ),
    dedupe: [rp('snapshotId'), rp('imageId'), rp('dBSnapshotIdentifier'), rp('dBClusterSnapshotIdentifier')],
    details: [
      rp('snapshotId'),
      rp('imageId'),
      rp('dBSnapshotIdentifier'),
      rp('createVolumePermission.add.items.userId'),
      rp('launchPermission.add.items.userId'),
      rp('valuesToAdd'),
    ],
  },
  {
    id: 'TS-RDS-001',
    title: 'RDS database made publicly accessible',
    severity: 'high',
    why: 'Puts the database endpoint on the internet, one weak password away from a breach.',
    technique: 'T1562.007',
    description: 'ModifyDBInstance or ModifyDBCluster set publiclyAccessible to true.',
    remediation:
      'Revert: `aws rds modify-db-instance --db-instance-identifier <id> --no-publicly-accessible --apply-immediately`; check its security groups for 0.0.0.0/0.',
    tags: ['rds', 'exposure'],
    match: all(
      names('ModifyDBInstance', 'ModifyDBCluster', 'CreateDBInstance'),
      f(rp('publiclyAccessible'), { equals: true }),
    ),
    dedupe: [rp('dBInstanceIdentifier'), rp('dBClusterIdentifier')],
    details: [rp('dBInstanceIdentifier'), rp('dBClusterIdentifier')],
  },
  {
    id: 'TS-KMS-001',
    title: 'KMS key disabled or scheduled for deletion',
    severity: 'high',
    why: 'Data encrypted under the key becomes unreadable; deletion after the waiting period is irreversible (ransom or sabotage).',
    technique: 'T1485',
    description: 'DisableKey or ScheduleKeyDeletion was called on a KMS key.',
    remediation:
      'Undo while you can: `aws kms cancel-key-deletion --key-id <key>` then `aws kms enable-key --key-id <key>` (console: KMS > Customer managed keys > key > Key actions); find what uses the key before deciding.',
    tags: ['kms', 'impact'],
    match: names('DisableKey', 'ScheduleKeyDeletion'),
    dedupe: [rp('keyId')],
    details: [rp('keyId'), rp('pendingWindowInDays')],
  },
  {
    id: 'TS-EBS-001',
    title: 'EBS encryption by default disabled',
    severity: 'medium',
    why: 'New volumes in the region will be unencrypted; no data is exposed yet.',
    technique: 'T1486',
    description:
      'DisableEbsEncryptionByDefault turned off default encryption of new EBS volumes in the region.',
    remediation:
      'Re-enable: `aws ec2 enable-ebs-encryption-by-default --region <region>` (console: EC2 > Settings > EBS encryption); check volumes created since with `aws ec2 describe-volumes --filters Name=encrypted,Values=false`.',
    tags: ['ec2', 'encryption'],
    match: names('DisableEbsEncryptionByDefault'),
  },
];
