/** Audit-logging evasion: CloudTrail, VPC flow logs, DNS query logs, CloudWatch Logs, Bedrock invocation logs. */
import type { RuleInput } from '../schema.js';
import { all, any, f, names, not, rp } from './helpers.js';

export const LOGGING_RULES: RuleInput[] = [
  {
    id: 'TS-LOG-001',
    title: 'CloudTrail logging stopped',
    severity: 'high',
    why: 'Every later action in the account goes unrecorded; few legitimate changes stop a trail.',
    technique: 'T1562.008',
    description:
      'StopLogging turned off a CloudTrail trail. Until logging restarts, API activity covered by this trail is not recorded, which is what an intruder does before acting.',
    remediation:
      'Restart it: `aws cloudtrail start-logging --name <trail-arn>` (console: CloudTrail > Trails > the trail > Start logging). Ask the principal why, and review what it did just before and after; deny cloudtrail:StopLogging with an SCP.',
    tags: ['cloudtrail', 'defense-evasion'],
    match: names('StopLogging'),
    dedupe: [rp('name')],
    details: [rp('name')],
  },
  {
    id: 'TS-LOG-002',
    title: 'CloudTrail trail deleted',
    severity: 'high',
    why: 'Deleting a trail removes the audit record for the account or region going forward.',
    technique: 'T1562.008',
    description:
      'DeleteTrail removed a CloudTrail trail. API activity it covered is no longer delivered to its S3 bucket or CloudWatch Logs.',
    remediation:
      'Recreate the trail (console: CloudTrail > Trails > Create trail, or `aws cloudtrail create-trail --name <name> --s3-bucket-name <bucket> --is-multi-region-trail` then `aws cloudtrail start-logging --name <name>`); confirm with the principal; protect trails with an SCP denying cloudtrail:DeleteTrail.',
    tags: ['cloudtrail', 'defense-evasion'],
    match: names('DeleteTrail'),
    dedupe: [rp('name')],
    details: [rp('name')],
  },
  {
    id: 'TS-LOG-003',
    title: 'CloudTrail trail redirected or narrowed',
    severity: 'medium',
    why: 'A new bucket or key can route logs away from the defenders; dropping global or multi-region coverage blinds IAM and other regions. Often legitimate, so not high.',
    technique: 'T1562.008',
    description:
      'UpdateTrail changed where a trail delivers (S3 bucket, KMS key, CloudWatch Logs) or turned off global-service events, multi-region coverage or log-file validation.',
    remediation:
      'Compare with the intended configuration: `aws cloudtrail get-trail --name <trail>` and `aws cloudtrail get-trail-status --name <trail>`; restore with `aws cloudtrail update-trail --name <trail> --s3-bucket-name <bucket> --include-global-service-events --is-multi-region-trail --enable-log-file-validation`.',
    tags: ['cloudtrail', 'defense-evasion'],
    match: all(
      names('UpdateTrail'),
      any(
        f(rp('s3BucketName'), { exists: true }),
        f(rp('kmsKeyId'), { exists: true }),
        f(rp('cloudWatchLogsLogGroupArn'), { exists: true }),
        f(rp('includeGlobalServiceEvents'), { equals: false }),
        f(rp('isMultiRegionTrail'), { equals: false }),
        f(rp('enableLogFileValidation'), { equals: false }),
      ),
    ),
    dedupe: [rp('name')],
    details: [
      rp('name'),
      rp('s3BucketName'),
      rp('kmsKeyId'),
      rp('includeGlobalServiceEvents'),
      rp('isMultiRegionTrail'),
    ],
  },
  {
    id: 'TS-LOG-004',
    title: 'CloudTrail event selectors exclude management events',
    severity: 'high',
    why: 'The trail keeps running but silently stops recording control-plane calls, a quieter way to stop logging.',
    technique: 'T1562.008',
    description:
      'PutEventSelectors set a trail to skip management events (includeManagementEvents false, or advanced selectors limited to data events), so IAM, EC2 and other control-plane calls are no longer recorded by it.',
    remediation:
      'Check: `aws cloudtrail get-event-selectors --trail-name <trail>`; restore: `aws cloudtrail put-event-selectors --trail-name <trail> --event-selectors \'[{"ReadWriteType":"All","IncludeManagementEvents":true}]\'`.',
    tags: ['cloudtrail', 'defense-evasion'],
    match: all(
      names('PutEventSelectors'),
      any(
        f(rp('eventSelectors.includeManagementEvents'), { equals: false }),
        all(
          f(rp('advancedEventSelectors'), { exists: true }),
          not(
            f(rp('advancedEventSelectors.fieldSelectors'), {
              some: all(f('field', { equals: 'eventCategory' }), f('equals', { equals: 'Management' })),
            }),
          ),
        ),
      ),
    ),
    dedupe: [rp('trailName')],
    details: [
      rp('trailName'),
      rp('eventSelectors.includeManagementEvents'),
      rp('eventSelectors.readWriteType'),
    ],
  },
  {
    id: 'TS-LOG-005',
    title: 'Short S3 lifecycle expiration set on a bucket',
    severity: 'low',
    why: 'Quietly ages out log archives (CloudTrail, access logs) within days; most buckets set lifecycles for cost reasons, so low unless it is a log bucket.',
    technique: 'T1562.008',
    description:
      'PutBucketLifecycle added an enabled rule that expires objects after 7 days or fewer. On a CloudTrail or log bucket this destroys the audit record soon after it is written.',
    remediation:
      'If the bucket holds logs, remove or lengthen the rule: `aws s3api get-bucket-lifecycle-configuration --bucket <bucket>` then `aws s3api delete-bucket-lifecycle --bucket <bucket>` (console: S3 > bucket > Management > Lifecycle rules); enable Object Lock on log buckets.',
    tags: ['s3', 'cloudtrail', 'defense-evasion'],
    match: all(
      names('PutBucketLifecycle', 'PutBucketLifecycleConfiguration'),
      f(rp('LifecycleConfiguration.Rule'), {
        some: all(f('Status', { equals: 'Enabled' }), f('Expiration.Days', { lte: 7 })),
      }),
    ),
    dedupe: [rp('bucketName')],
    details: [rp('bucketName'), rp('LifecycleConfiguration.Rule.Expiration.Days')],
  },
  {
    id: 'TS-LOG-006',
    title: 'VPC flow logs deleted',
    severity: 'medium',
    why: 'Removes network evidence for the VPC; also done routinely during teardown, so medium.',
    technique: 'T1562.008',
    description:
      'DeleteFlowLogs removed VPC, subnet or ENI flow logs; network traffic there is no longer recorded.',
    remediation:
      'Recreate: `aws ec2 create-flow-logs --resource-type VPC --resource-ids <vpc-id> --traffic-type ALL --log-destination-type s3 --log-destination <bucket-arn>` (console: VPC > Your VPCs > Flow logs); check `aws ec2 describe-flow-logs`.',
    tags: ['vpc', 'defense-evasion'],
    match: names('DeleteFlowLogs'),
    details: [rp('DeleteFlowLogsRequest.FlowLogId'), rp('flowLogIds')],
  },
  {
    id: 'TS-LOG-007',
    title: 'CloudWatch Logs log group deleted',
    severity: 'medium',
    why: 'Destroys stored logs irrecoverably; log groups are also deleted in normal cleanup, so medium.',
    technique: 'T1562.008',
    description: 'DeleteLogGroup deleted a CloudWatch Logs log group and every log event in it.',
    remediation:
      'Deleted events cannot be restored. Confirm with the principal; recreate the group if something still writes to it (`aws logs create-log-group --log-group-name <name>`); deny logs:DeleteLogGroup on security log groups.',
    tags: ['cloudwatch', 'defense-evasion'],
    match: names('DeleteLogGroup'),
    dedupe: [rp('logGroupName')],
    details: [rp('logGroupName')],
  },
  {
    id: 'TS-LOG-008',
    title: 'Route 53 Resolver DNS query logging removed',
    severity: 'medium',
    why: 'DNS logs are how exfiltration and C2 domains are found; removing them is rare outside teardown.',
    technique: 'T1562.008',
    description:
      'A Route 53 Resolver query logging configuration was deleted or disassociated from a VPC, so DNS queries there are no longer logged.',
    remediation:
      'List what remains: `aws route53resolver list-resolver-query-log-configs` and `aws route53resolver list-resolver-query-log-config-associations`; recreate and associate with `aws route53resolver create-resolver-query-log-config` / `associate-resolver-query-log-config`.',
    tags: ['dns', 'defense-evasion'],
    match: names('DeleteResolverQueryLogConfig', 'DisassociateResolverQueryLogConfig'),
    details: [rp('resolverQueryLogConfigId'), rp('resourceId')],
  },
  {
    id: 'TS-LOG-009',
    title: 'Bedrock model invocation logging deleted',
    severity: 'high',
    why: 'Hides what prompts and completions run on the account, the cover LLM-jacking needs.',
    technique: 'T1562.008',
    description:
      'DeleteModelInvocationLoggingConfiguration turned off Amazon Bedrock model invocation logging in this region.',
    remediation:
      'Re-enable: console Bedrock > Settings > Model invocation logging, or `aws bedrock put-model-invocation-logging-configuration --logging-config <json>`; check `aws bedrock get-model-invocation-logging-configuration`.',
    tags: ['bedrock', 'defense-evasion'],
    match: names('DeleteModelInvocationLoggingConfiguration'),
  },
  {
    id: 'TS-LOG-010',
    title: 'S3 server access logging disabled on a bucket',
    severity: 'low',
    why: 'Removes object-level access records for one bucket; common in cleanup, so low.',
    technique: 'T1562.008',
    description: 'PutBucketLogging was called without a logging target, turning off server access logging.',
    remediation:
      'Re-enable: `aws s3api put-bucket-logging --bucket <bucket> --bucket-logging-status \'{"LoggingEnabled":{"TargetBucket":"<log-bucket>","TargetPrefix":"<prefix>"}}\'` (console: S3 > bucket > Properties > Server access logging).',
    tags: ['s3', 'defense-evasion'],
    match: all(
      names('PutBucketLogging'),
      f(rp('BucketLoggingStatus.LoggingEnabled'), { exists: false }),
      f(rp('BucketLoggingStatus'), { exists: true }),
    ),
    dedupe: [rp('bucketName')],
    details: [rp('bucketName')],
  },
];
