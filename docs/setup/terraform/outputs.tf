# Each output feeds the TrailSight input named in its description.

output "role_arn" {
  description = "role-to-assume"
  value       = aws_iam_role.workflow.arn
}

output "batch_role_arn" {
  description = "batch-role-arn (null unless enable_batch)"
  value       = one(aws_iam_role.batch_service[*].arn)
}

output "bucket_name" {
  description = "batch-bucket and state-bucket (null unless enable_batch or enable_state)"
  value       = one(aws_s3_bucket.data[*].bucket)
}

output "topic_arn" {
  description = "sns-topic-arn (null unless create_sns_topic)"
  value       = one(aws_sns_topic.alerts[*].arn)
}
