# TrailSight setup, the same as docs/setup/trailsight.cfn.yaml: the GitHub OIDC provider (optional), the role a
# TrailSight workflow assumes, least-privilege permissions per feature, the Bedrock batch service role, an S3
# bucket for batch data and state, and an SNS topic. Apply it with the provider set to the region TrailSight
# uses as aws-region. Every statement's sid is listed in docs/setup/permissions.json.

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  account    = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.region
  partition  = data.aws_partition.current.partition
  dns_suffix = data.aws_partition.current.dns_suffix

  # Exact subjects only (StringEquals): a StringLike with * would let every branch in.
  subject_prefix = var.github_subject_prefix != "" ? var.github_subject_prefix : "repo:${var.github_org}/${var.github_repo}"
  trusted_subjects = concat(
    ["${local.subject_prefix}:ref:refs/heads/${var.github_branch}"],
    var.allow_pull_requests ? ["${local.subject_prefix}:pull_request"] : [],
    var.github_environment != "" ? ["${local.subject_prefix}:environment:${var.github_environment}"] : [],
  )
  oidc_provider_arn = var.create_oidc_provider ? one(aws_iam_openid_connect_provider.github[*].arn) : var.existing_oidc_provider_arn

  s3_source          = var.trail_bucket_name != ""
  trail_encrypted    = local.s3_source && var.trail_kms_key_arn != ""
  lake               = var.event_data_store_arn != ""
  athena             = var.enable_athena && local.s3_source
  any_model          = var.enable_direct || var.enable_batch
  need_bucket        = var.enable_batch || var.enable_state
  sns                = var.create_sns_topic || var.existing_sns_topic_arn != ""
  securityhub_region = var.securityhub_region != "" ? var.securityhub_region : local.region

  # Converse is authorised as bedrock:InvokeModel: on the inference profile (or the model, when model_id is not a
  # profile), and, through the profile only, on the model in whichever region the profile routes to (global
  # profiles: no region in the ARN).
  model_is_profile = var.model_id != var.foundation_model_id
  profile_arn      = "arn:${local.partition}:bedrock:${local.region}:${local.account}:inference-profile/${var.model_id}"
  invoke_arn       = local.model_is_profile ? local.profile_arn : "arn:${local.partition}:bedrock:${local.region}::foundation-model/${var.model_id}"
  routed_model_arns = [
    "arn:${local.partition}:bedrock:*::foundation-model/${var.foundation_model_id}",
    "arn:${local.partition}:bedrock:::foundation-model/${var.foundation_model_id}",
  ]

  summary_model_id            = var.summary_model_id != "" ? var.summary_model_id : var.model_id
  summary_foundation_model_id = var.summary_model_id != "" ? var.summary_foundation_model_id : var.foundation_model_id
  summary_is_profile          = local.summary_model_id != local.summary_foundation_model_id
  summary_profile_arn         = "arn:${local.partition}:bedrock:${local.region}:${local.account}:inference-profile/${local.summary_model_id}"
  summary_invoke_arn          = local.summary_is_profile ? local.summary_profile_arn : "arn:${local.partition}:bedrock:${local.region}::foundation-model/${local.summary_model_id}"
  summary_routed_model_arns = [
    "arn:${local.partition}:bedrock:*::foundation-model/${local.summary_foundation_model_id}",
    "arn:${local.partition}:bedrock:::foundation-model/${local.summary_foundation_model_id}",
  ]

  job_arns       = "arn:${local.partition}:bedrock:${local.region}:${local.account}:model-invocation-job/*"
  bucket_arn     = one(aws_s3_bucket.data[*].arn)
  batch_role_arn = one(aws_iam_role.batch_service[*].arn)
  topic_arn      = var.create_sns_topic ? one(aws_sns_topic.alerts[*].arn) : var.existing_sns_topic_arn

  # The trail archive as the Glue table sees it: AWSLogs/[o-ORG/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/.
  athena_org_part    = var.athena_organization_id != "" ? "${var.athena_organization_id}/" : ""
  athena_location    = "s3://${var.trail_bucket_name}/${var.trail_prefix}AWSLogs/${local.athena_org_part}"
  athena_results_arn = one(aws_s3_bucket.athena_results[*].arn)
  athena_glue_arn    = "arn:${local.partition}:glue:${local.region}:${local.account}"
}

# --- GitHub OIDC provider ----------------------------------------------------------------------------------

resource "aws_iam_openid_connect_provider" "github" {
  count          = var.create_oidc_provider ? 1 : 0
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = [var.oidc_audience]
  # IAM no longer uses these for GitHub (it trusts the certificate chain through its own root CAs); kept because
  # provider versions before thumbprint_list became optional require it. GitHub's published thumbprints.
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1", "1c58a3a8518e8759bf075b76b750d4f2df264fcd"]
  tags            = var.tags
}

# --- The role the workflow assumes -------------------------------------------------------------------------

data "aws_iam_policy_document" "workflow_trust" {
  statement {
    sid     = "GitHubActionsOidc"
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [local.oidc_provider_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = [var.oidc_audience]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values   = local.trusted_subjects
    }
  }
}

resource "aws_iam_role" "workflow" {
  name                 = var.role_name != "" ? var.role_name : null
  name_prefix          = var.role_name == "" ? "trailsight-" : null
  description          = "Assumed by TrailSight in GitHub Actions through OIDC. Reads CloudTrail, calls Bedrock, reports."
  assume_role_policy   = data.aws_iam_policy_document.workflow_trust.json
  max_session_duration = var.max_session_duration
  tags                 = var.tags

  lifecycle {
    precondition {
      condition     = var.create_oidc_provider || var.existing_oidc_provider_arn != ""
      error_message = "With create_oidc_provider = false, give the existing provider's ARN in existing_oidc_provider_arn."
    }
    precondition {
      condition     = var.summary_model_id == "" || var.summary_foundation_model_id != ""
      error_message = "summary_model_id needs summary_foundation_model_id."
    }
    precondition {
      condition     = !(var.create_sns_topic && var.existing_sns_topic_arn != "")
      error_message = "Either create a topic or name an existing one, not both."
    }
    precondition {
      condition     = !var.enable_athena || var.trail_bucket_name != ""
      error_message = "enable_athena needs trail_bucket_name (and trail_prefix), the archive the table reads."
    }
    precondition {
      condition     = !startswith(var.state_prefix, var.batch_prefix) && !startswith(var.batch_prefix, var.state_prefix)
      error_message = "batch_prefix and state_prefix must not overlap (batch objects expire, state is kept)."
    }
  }
}

data "aws_iam_policy_document" "workflow" {
  # --- source-lookup ---
  dynamic "statement" {
    for_each = var.enable_lookup ? [1] : []
    content {
      sid       = "SourceLookup"
      effect    = "Allow"
      actions   = ["cloudtrail:LookupEvents"]
      resources = ["*"] # LookupEvents has no resource-level permissions.
      dynamic "condition" {
        for_each = length(var.lookup_regions) > 0 ? [1] : []
        content {
          test     = "StringEquals"
          variable = "aws:RequestedRegion"
          values   = var.lookup_regions
        }
      }
    }
  }

  # --- source-s3 ---
  dynamic "statement" {
    for_each = local.s3_source ? [1] : []
    content {
      sid       = "SourceS3List"
      effect    = "Allow"
      actions   = ["s3:ListBucket"]
      resources = ["arn:${local.partition}:s3:::${var.trail_bucket_name}"]
      condition {
        test     = "StringLike"
        variable = "s3:prefix"
        values   = ["${var.trail_prefix}AWSLogs/*"]
      }
    }
  }
  dynamic "statement" {
    for_each = local.s3_source ? [1] : []
    content {
      sid       = "SourceS3Read"
      effect    = "Allow"
      actions   = ["s3:GetObject"]
      resources = ["arn:${local.partition}:s3:::${var.trail_bucket_name}/${var.trail_prefix}AWSLogs/*"]
    }
  }
  dynamic "statement" {
    for_each = local.trail_encrypted ? [1] : []
    content {
      sid       = "SourceS3Decrypt"
      effect    = "Allow"
      actions   = ["kms:Decrypt"]
      resources = [var.trail_kms_key_arn]
      condition {
        test     = "StringLike"
        variable = "kms:ViaService"
        values   = ["s3.*.${local.dns_suffix}"]
      }
    }
  }

  # --- source-athena (Athena reads the archive and writes results with the caller's permissions) ---
  dynamic "statement" {
    for_each = local.athena ? [1] : []
    content {
      sid    = "SourceAthenaQueries"
      effect = "Allow"
      actions = [
        "athena:StartQueryExecution",
        "athena:GetQueryExecution",
        "athena:GetQueryResults",
        "athena:StopQueryExecution",
        "athena:GetWorkGroup",
      ]
      resources = ["arn:${local.partition}:athena:${local.region}:${local.account}:workgroup/${var.athena_workgroup_name}"]
    }
  }
  dynamic "statement" {
    for_each = local.athena ? [1] : []
    content {
      sid     = "SourceAthenaCatalog"
      effect  = "Allow"
      actions = ["glue:GetDatabase", "glue:GetTable"]
      resources = [
        "${local.athena_glue_arn}:catalog",
        "${local.athena_glue_arn}:database/${var.athena_database_name}",
        "${local.athena_glue_arn}:table/${var.athena_database_name}/${var.athena_table_name}",
      ]
    }
  }
  dynamic "statement" {
    for_each = local.athena ? [1] : []
    content {
      sid       = "SourceAthenaResultsBucket"
      effect    = "Allow"
      actions   = ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"]
      resources = [local.athena_results_arn]
    }
  }
  dynamic "statement" {
    for_each = local.athena ? [1] : []
    content {
      sid       = "SourceAthenaResultsObjects"
      effect    = "Allow"
      actions   = ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"]
      resources = ["${local.athena_results_arn}/results/*"]
    }
  }

  # --- source-lake ---
  dynamic "statement" {
    for_each = local.lake ? [1] : []
    content {
      sid       = "SourceLake"
      effect    = "Allow"
      actions   = ["cloudtrail:GetEventDataStore", "cloudtrail:StartQuery", "cloudtrail:DescribeQuery", "cloudtrail:GetQueryResults"]
      resources = [var.event_data_store_arn]
    }
  }

  # --- analysis-direct ---
  dynamic "statement" {
    for_each = var.enable_direct ? [1] : []
    content {
      sid       = "AnalysisDirectInvoke"
      effect    = "Allow"
      actions   = ["bedrock:InvokeModel"]
      resources = [local.invoke_arn]
    }
  }
  dynamic "statement" {
    for_each = var.enable_direct && local.model_is_profile ? [1] : []
    content {
      sid       = "AnalysisDirectInvokeViaProfile"
      effect    = "Allow"
      actions   = ["bedrock:InvokeModel"]
      resources = local.routed_model_arns
      condition {
        test     = "StringEquals"
        variable = "bedrock:InferenceProfileArn"
        values   = [local.profile_arn]
      }
    }
  }

  # --- analysis-batch ---
  dynamic "statement" {
    for_each = var.enable_batch ? [1] : []
    content {
      sid       = "AnalysisBatchObjects"
      effect    = "Allow"
      actions   = ["s3:PutObject", "s3:GetObject"]
      resources = ["${local.bucket_arn}/${var.batch_prefix}*"]
    }
  }
  dynamic "statement" {
    for_each = var.enable_batch ? [1] : []
    content {
      sid       = "AnalysisBatchList"
      effect    = "Allow"
      actions   = ["s3:ListBucket"]
      resources = [local.bucket_arn]
      condition {
        test     = "StringLike"
        variable = "s3:prefix"
        values   = ["${var.batch_prefix}*"]
      }
    }
  }
  dynamic "statement" {
    for_each = var.enable_batch ? [1] : []
    content {
      sid       = "AnalysisBatchCreateJob"
      effect    = "Allow"
      actions   = ["bedrock:CreateModelInvocationJob"]
      resources = concat([local.job_arns, local.invoke_arn], local.model_is_profile ? local.routed_model_arns : [])
    }
  }
  dynamic "statement" {
    for_each = var.enable_batch ? [1] : []
    content {
      sid       = "AnalysisBatchPassRole"
      effect    = "Allow"
      actions   = ["iam:PassRole"]
      resources = [local.batch_role_arn]
      condition {
        test     = "StringEquals"
        variable = "iam:PassedToService"
        values   = ["bedrock.amazonaws.com"]
      }
    }
  }
  dynamic "statement" {
    for_each = var.enable_batch ? [1] : []
    content {
      sid       = "AnalysisBatchJobs"
      effect    = "Allow"
      actions   = ["bedrock:GetModelInvocationJob", "bedrock:StopModelInvocationJob"]
      resources = [local.job_arns]
    }
  }
  dynamic "statement" {
    for_each = var.enable_batch ? [1] : []
    content {
      sid       = "AnalysisBatchListJobs"
      effect    = "Allow"
      actions   = ["bedrock:ListModelInvocationJobs"]
      resources = ["*"] # A list call: no resource-level permissions.
    }
  }

  # --- summary (any engine but rules-only) ---
  dynamic "statement" {
    for_each = local.any_model ? [1] : []
    content {
      sid       = "SummaryInvoke"
      effect    = "Allow"
      actions   = ["bedrock:InvokeModel"]
      resources = [local.summary_invoke_arn]
    }
  }
  dynamic "statement" {
    for_each = local.any_model && local.summary_is_profile ? [1] : []
    content {
      sid       = "SummaryInvokeViaProfile"
      effect    = "Allow"
      actions   = ["bedrock:InvokeModel"]
      resources = local.summary_routed_model_arns
      condition {
        test     = "StringEquals"
        variable = "bedrock:InferenceProfileArn"
        values   = [local.summary_profile_arn]
      }
    }
  }

  # --- publish-sns ---
  dynamic "statement" {
    for_each = local.sns ? [1] : []
    content {
      sid       = "PublishSns"
      effect    = "Allow"
      actions   = ["sns:Publish"]
      resources = [local.topic_arn]
    }
  }

  # --- publish-securityhub ---
  # Only the account's own default product: BatchImportFindings is authorised on the product ARN.
  dynamic "statement" {
    for_each = var.enable_securityhub ? [1] : []
    content {
      sid       = "PublishSecurityHubImport"
      effect    = "Allow"
      actions   = ["securityhub:BatchImportFindings"]
      resources = ["arn:${local.partition}:securityhub:${local.securityhub_region}:${local.account}:product/${local.account}/default"]
    }
  }
  dynamic "statement" {
    for_each = var.enable_securityhub ? [1] : []
    content {
      sid       = "PublishSecurityHubArchive"
      effect    = "Allow"
      actions   = ["securityhub:GetFindings", "securityhub:BatchUpdateFindings"]
      resources = ["arn:${local.partition}:securityhub:${local.securityhub_region}:${local.account}:hub/default"]
    }
  }

  # --- state ---
  dynamic "statement" {
    for_each = var.enable_state ? [1] : []
    content {
      sid       = "StateObjects"
      effect    = "Allow"
      actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
      resources = ["${local.bucket_arn}/${var.state_prefix}*"]
    }
  }
  # No s3:prefix condition: S3 checks ListBucket on the bucket to answer 404 (not 403) for a checkpoint that does
  # not exist yet, and that request carries no prefix. The bucket holds only TrailSight's own objects.
  dynamic "statement" {
    for_each = var.enable_state ? [1] : []
    content {
      sid       = "StateList"
      effect    = "Allow"
      actions   = ["s3:ListBucket"]
      resources = [local.bucket_arn]
    }
  }

  # --- allowed-account-ids ---
  # GetCallerIdentity cannot be denied; listed so the policy names every call TrailSight makes.
  statement {
    sid       = "AllowedAccountIds"
    effect    = "Allow"
    actions   = ["sts:GetCallerIdentity"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "workflow" {
  name   = "trailsight"
  role   = aws_iam_role.workflow.id
  policy = data.aws_iam_policy_document.workflow.json
}

# --- The Bedrock batch service role ------------------------------------------------------------------------

data "aws_iam_policy_document" "batch_trust" {
  statement {
    sid     = "BedrockBatchJobsOfThisAccount"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["bedrock.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:bedrock:${local.region}:${local.account}:model-invocation-job/*"]
    }
  }
}

resource "aws_iam_role" "batch_service" {
  count              = var.enable_batch ? 1 : 0
  name_prefix        = "trailsight-batch-"
  description        = "Assumed by Amazon Bedrock to run TrailSight's batch inference jobs (batch-role-arn)."
  assume_role_policy = data.aws_iam_policy_document.batch_trust.json
  tags               = var.tags
}

data "aws_iam_policy_document" "batch_service" {
  count = var.enable_batch ? 1 : 0

  statement {
    sid       = "BatchReadInput"
    effect    = "Allow"
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = [local.bucket_arn, "${local.bucket_arn}/${var.batch_prefix}*"]
    condition {
      test     = "StringEquals"
      variable = "aws:ResourceAccount"
      values   = [local.account]
    }
  }
  statement {
    sid       = "BatchWriteOutput"
    effect    = "Allow"
    actions   = ["s3:PutObject"]
    resources = ["${local.bucket_arn}/${var.batch_prefix}*"]
    condition {
      test     = "StringEquals"
      variable = "aws:ResourceAccount"
      values   = [local.account]
    }
  }
  # With an inference profile, the service role must be allowed to invoke the profile and the model in each
  # region of the profile.
  dynamic "statement" {
    for_each = local.model_is_profile ? [1] : []
    content {
      sid       = "BatchInvokeProfile"
      effect    = "Allow"
      actions   = ["bedrock:InvokeModel"]
      resources = concat([local.profile_arn], local.routed_model_arns)
    }
  }
}

resource "aws_iam_role_policy" "batch_service" {
  count  = var.enable_batch ? 1 : 0
  name   = "trailsight-batch"
  role   = aws_iam_role.batch_service[0].id
  policy = data.aws_iam_policy_document.batch_service[0].json
}

# --- Bucket for batch data and state -----------------------------------------------------------------------

resource "aws_s3_bucket" "data" {
  count         = local.need_bucket ? 1 : 0
  bucket        = var.bucket_name != "" ? var.bucket_name : null
  bucket_prefix = var.bucket_name == "" ? "trailsight-" : null
  tags          = var.tags
}

resource "aws_s3_bucket_public_access_block" "data" {
  count                   = local.need_bucket ? 1 : 0
  bucket                  = aws_s3_bucket.data[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "data" {
  count  = local.need_bucket ? 1 : 0
  bucket = aws_s3_bucket.data[0].id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  count  = local.need_bucket ? 1 : 0
  bucket = aws_s3_bucket.data[0].id
  rule {
    apply_server_side_encryption_by_default {
      # aws:kms without a key id is the AWS managed key aws/s3.
      sse_algorithm = var.bucket_encryption == "SSE-KMS-AWS-MANAGED" ? "aws:kms" : "AES256"
    }
    bucket_key_enabled = var.bucket_encryption == "SSE-KMS-AWS-MANAGED"
  }
}

resource "aws_s3_bucket_versioning" "data" {
  count  = local.need_bucket ? 1 : 0
  bucket = aws_s3_bucket.data[0].id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "data" {
  count      = local.need_bucket ? 1 : 0
  bucket     = aws_s3_bucket.data[0].id
  depends_on = [aws_s3_bucket_versioning.data]

  rule {
    id     = "expire-batch-objects"
    status = "Enabled"
    filter {
      prefix = var.batch_prefix
    }
    expiration {
      days = var.batch_object_expiration_days
    }
    noncurrent_version_expiration {
      noncurrent_days = 1
    }
  }
  rule {
    id     = "remove-expired-batch-delete-markers"
    status = "Enabled"
    filter {
      prefix = var.batch_prefix
    }
    expiration {
      expired_object_delete_marker = true
    }
  }
  # Current state objects are kept; only overwritten or deleted versions of them go, after 90 days.
  rule {
    id     = "expire-old-state-versions"
    status = "Enabled"
    filter {
      prefix = var.state_prefix
    }
    noncurrent_version_expiration {
      noncurrent_days = 90
    }
  }
  rule {
    id     = "remove-expired-state-delete-markers"
    status = "Enabled"
    filter {
      prefix = var.state_prefix
    }
    expiration {
      expired_object_delete_marker = true
    }
  }
  rule {
    id     = "abort-incomplete-multipart-uploads"
    status = "Enabled"
    filter {}
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }
}

data "aws_iam_policy_document" "bucket_tls_only" {
  count = local.need_bucket ? 1 : 0

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [local.bucket_arn, "${local.bucket_arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
  statement {
    sid       = "DenyTlsBelow12"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [local.bucket_arn, "${local.bucket_arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "NumericLessThan"
      variable = "s3:TlsVersion"
      values   = ["1.2"]
    }
  }
}

resource "aws_s3_bucket_policy" "data" {
  count      = local.need_bucket ? 1 : 0
  bucket     = aws_s3_bucket.data[0].id
  policy     = data.aws_iam_policy_document.bucket_tls_only[0].json
  depends_on = [aws_s3_bucket_public_access_block.data]
}

# --- Athena: results bucket, workgroup, Glue database and table (source: athena) ----------------------------

resource "aws_s3_bucket" "athena_results" {
  count         = local.athena ? 1 : 0
  bucket_prefix = "trailsight-athena-"
  force_destroy = true
  tags          = var.tags
}

resource "aws_s3_bucket_public_access_block" "athena_results" {
  count                   = local.athena ? 1 : 0
  bucket                  = aws_s3_bucket.athena_results[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "athena_results" {
  count  = local.athena ? 1 : 0
  bucket = aws_s3_bucket.athena_results[0].id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "athena_results" {
  count  = local.athena ? 1 : 0
  bucket = aws_s3_bucket.athena_results[0].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "athena_results" {
  count  = local.athena ? 1 : 0
  bucket = aws_s3_bucket.athena_results[0].id

  # Query results are working files: TrailSight reads them through GetQueryResults within the run.
  rule {
    id     = "expire-query-results"
    status = "Enabled"
    filter {}
    expiration {
      days = var.athena_results_expiration_days
    }
  }
  rule {
    id     = "abort-incomplete-multipart-uploads"
    status = "Enabled"
    filter {}
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }
}

data "aws_iam_policy_document" "athena_results_tls_only" {
  count = local.athena ? 1 : 0

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [local.athena_results_arn, "${local.athena_results_arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "athena_results" {
  count      = local.athena ? 1 : 0
  bucket     = aws_s3_bucket.athena_results[0].id
  policy     = data.aws_iam_policy_document.athena_results_tls_only[0].json
  depends_on = [aws_s3_bucket_public_access_block.athena_results]
}

resource "aws_athena_workgroup" "trailsight" {
  count         = local.athena ? 1 : 0
  name          = var.athena_workgroup_name
  description   = "TrailSight's queries over the CloudTrail archive (athena-workgroup)."
  state         = "ENABLED"
  force_destroy = true
  tags          = var.tags

  configuration {
    # Every query writes to the encrypted, expiring results bucket, whatever the client asks.
    enforce_workgroup_configuration    = true
    publish_cloudwatch_metrics_enabled = true
    engine_version {
      selected_engine_version = "Athena engine version 3"
    }
    result_configuration {
      output_location = "s3://${aws_s3_bucket.athena_results[0].bucket}/results/"
      encryption_configuration {
        encryption_option = "SSE_S3"
      }
    }
  }
}

resource "aws_glue_catalog_database" "trailsight" {
  count       = local.athena && var.athena_create_database ? 1 : 0
  name        = var.athena_database_name
  description = "TrailSight's tables over the CloudTrail archive."
}

# AWS's documented CloudTrail table (JsonSerDe over CloudTrailInputFormat) with partition projection: Athena
# computes the partitions from the key layout instead of listing them, and prunes on account, region and day.
resource "aws_glue_catalog_table" "cloudtrail" {
  count         = local.athena ? 1 : 0
  name          = var.athena_table_name
  database_name = var.athena_create_database ? aws_glue_catalog_database.trailsight[0].name : var.athena_database_name
  description   = "CloudTrail log files of the trail archive, one row per event."
  table_type    = "EXTERNAL_TABLE"

  parameters = {
    "EXTERNAL"                           = "TRUE"
    "classification"                     = "cloudtrail"
    "projection.enabled"                 = "true"
    "projection.account.type"            = "enum"
    "projection.account.values"          = join(",", length(var.athena_account_ids) > 0 ? var.athena_account_ids : [local.account])
    "projection.region.type"             = "enum"
    "projection.region.values"           = join(",", length(var.athena_regions) > 0 ? var.athena_regions : [local.region])
    "projection.timestamp.type"          = "date"
    "projection.timestamp.format"        = "yyyy/MM/dd"
    "projection.timestamp.range"         = "${var.athena_projection_start},NOW"
    "projection.timestamp.interval"      = "1"
    "projection.timestamp.interval.unit" = "DAYS"
    "storage.location.template"          = "${local.athena_location}$${account}/CloudTrail/$${region}/$${timestamp}"
  }

  partition_keys {
    name = "account"
    type = "string"
  }
  partition_keys {
    name = "region"
    type = "string"
  }
  partition_keys {
    name = "timestamp"
    type = "string"
  }

  storage_descriptor {
    location      = local.athena_location
    input_format  = "com.amazon.emr.cloudtrail.CloudTrailInputFormat"
    output_format = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat"
    ser_de_info {
      serialization_library = "org.apache.hive.hcatalog.data.JsonSerDe"
    }
    columns {
      name = "eventversion"
      type = "string"
    }
    columns {
      name = "useridentity"
      type = "struct<type:string,principalid:string,arn:string,accountid:string,invokedby:string,accesskeyid:string,username:string,onbehalfof:struct<userid:string,identitystorearn:string>,sessioncontext:struct<attributes:struct<mfaauthenticated:string,creationdate:string>,sessionissuer:struct<type:string,principalid:string,arn:string,accountid:string,username:string>,ec2roledelivery:string,webidfederationdata:struct<federatedprovider:string,attributes:map<string,string>>>>"
    }
    columns {
      name = "eventtime"
      type = "string"
    }
    columns {
      name = "eventsource"
      type = "string"
    }
    columns {
      name = "eventname"
      type = "string"
    }
    columns {
      name = "awsregion"
      type = "string"
    }
    columns {
      name = "sourceipaddress"
      type = "string"
    }
    columns {
      name = "useragent"
      type = "string"
    }
    columns {
      name = "errorcode"
      type = "string"
    }
    columns {
      name = "errormessage"
      type = "string"
    }
    columns {
      name = "requestparameters"
      type = "string"
    }
    columns {
      name = "responseelements"
      type = "string"
    }
    columns {
      name = "additionaleventdata"
      type = "string"
    }
    columns {
      name = "requestid"
      type = "string"
    }
    columns {
      name = "eventid"
      type = "string"
    }
    columns {
      name = "readonly"
      type = "string"
    }
    columns {
      name = "resources"
      type = "array<struct<arn:string,accountid:string,type:string>>"
    }
    columns {
      name = "eventtype"
      type = "string"
    }
    columns {
      name = "apiversion"
      type = "string"
    }
    columns {
      name = "recipientaccountid"
      type = "string"
    }
    columns {
      name = "serviceeventdetails"
      type = "string"
    }
    columns {
      name = "sharedeventid"
      type = "string"
    }
    columns {
      name = "vpcendpointid"
      type = "string"
    }
    columns {
      name = "vpcendpointaccountid"
      type = "string"
    }
    columns {
      name = "eventcategory"
      type = "string"
    }
    columns {
      name = "addendum"
      type = "struct<reason:string,updatedfields:string,originalrequestid:string,originaleventid:string>"
    }
    columns {
      name = "sessioncredentialfromconsole"
      type = "string"
    }
    columns {
      name = "edgedevicedetails"
      type = "string"
    }
    columns {
      name = "tlsdetails"
      type = "struct<tlsversion:string,ciphersuite:string,clientprovidedhostheader:string>"
    }
  }
}

# --- SNS topic ---------------------------------------------------------------------------------------------

resource "aws_sns_topic" "alerts" {
  count             = var.create_sns_topic ? 1 : 0
  name_prefix       = "trailsight-"
  display_name      = "TrailSight"
  kms_master_key_id = "alias/aws/sns"
  tags              = var.tags
}

data "aws_iam_policy_document" "topic_tls_only" {
  count = var.create_sns_topic ? 1 : 0

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.alerts[0].arn]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_sns_topic_policy" "alerts" {
  count  = var.create_sns_topic ? 1 : 0
  arn    = aws_sns_topic.alerts[0].arn
  policy = data.aws_iam_policy_document.topic_tls_only[0].json
}
