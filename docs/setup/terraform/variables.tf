# The same parameters as docs/setup/trailsight.cfn.yaml, in snake_case.

# --- Who may assume the role -------------------------------------------------------------------------------

variable "github_org" {
  description = "Owner (organisation or user) of the repository whose workflows may assume the role."
  type        = string
  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9-]*$", var.github_org))
    error_message = "github_org must be a GitHub owner name."
  }
}

variable "github_repo" {
  description = "Repository name, without the owner."
  type        = string
  validation {
    condition     = can(regex("^[A-Za-z0-9._-]+$", var.github_repo))
    error_message = "github_repo must be a repository name."
  }
}

variable "github_branch" {
  description = "The one branch whose runs may assume the role (scheduled runs use the default branch). Matched exactly."
  type        = string
  default     = "main"
  validation {
    condition     = can(regex("^[^*?]+$", var.github_branch))
    error_message = "github_branch is matched exactly; wildcards are not expanded."
  }
}

variable "allow_pull_requests" {
  description = "Also trust the pull_request subject (repo:OWNER/REPO:pull_request), carried by any pull request from a branch of this repository. Needed for a PR gate; prefer a separate role with only the read features for it."
  type        = bool
  default     = false
}

variable "github_environment" {
  description = "Optional. A job that declares an environment gets the subject repo:OWNER/REPO:environment:NAME instead of the branch one; name the environment to trust it too."
  type        = string
  default     = ""
  validation {
    condition     = can(regex("^[^*?]*$", var.github_environment))
    error_message = "github_environment is matched exactly; wildcards are not expanded."
  }
}

variable "github_subject_prefix" {
  description = "Optional. What comes before :ref:, :pull_request or :environment: in the subject when it is not repo:OWNER/REPO; for repositories on GitHub's immutable subject claims, repo:OWNER@OWNER_ID/REPO@REPO_ID."
  type        = string
  default     = ""
  validation {
    condition     = can(regex("^[^*?]*$", var.github_subject_prefix))
    error_message = "github_subject_prefix is matched exactly; wildcards are not expanded."
  }
}

variable "oidc_audience" {
  description = "Audience of the GitHub OIDC token (TrailSight's audience input)."
  type        = string
  default     = "sts.amazonaws.com"
}

variable "create_oidc_provider" {
  description = "Create the IAM OIDC provider for token.actions.githubusercontent.com. An account has at most one per URL: if it exists, set false and give existing_oidc_provider_arn."
  type        = bool
  default     = true
}

variable "existing_oidc_provider_arn" {
  description = "ARN of the existing GitHub OIDC provider (when create_oidc_provider is false)."
  type        = string
  default     = ""
  validation {
    condition     = can(regex("^$|^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/token\\.actions\\.githubusercontent\\.com$", var.existing_oidc_provider_arn))
    error_message = "existing_oidc_provider_arn must be the ARN of the token.actions.githubusercontent.com provider."
  }
}

variable "role_name" {
  description = "Optional name of the workflow role. Empty: a name starting with trailsight-."
  type        = string
  default     = ""
}

variable "max_session_duration" {
  description = "Longest session, in seconds; TrailSight's role-duration-seconds must not exceed it."
  type        = number
  default     = 3600
  validation {
    condition     = var.max_session_duration >= 3600 && var.max_session_duration <= 43200
    error_message = "max_session_duration must be between 3600 and 43200."
  }
}

# --- Sources -----------------------------------------------------------------------------------------------

variable "enable_lookup" {
  description = "source: lookup (CloudTrail event history)."
  type        = bool
  default     = true
}

variable "lookup_regions" {
  description = "Optional. Regions LookupEvents may be called in (aws:RequestedRegion). Empty allows every region."
  type        = list(string)
  default     = []
}

variable "trail_bucket_name" {
  description = "source: s3. Bucket of the trail archive (trail-bucket). Empty: no access to a trail archive."
  type        = string
  default     = ""
}

variable "trail_prefix" {
  description = "The trail's key prefix before AWSLogs/, with its trailing slash (e.g. cloudtrail/), as TrailSight's trail-prefix. Empty when the trail writes at the bucket root."
  type        = string
  default     = ""
  validation {
    condition     = can(regex("^$|^[^/*?].*/$", var.trail_prefix))
    error_message = "trail_prefix must be empty or end with a slash."
  }
}

variable "trail_kms_key_arn" {
  description = "Optional. The customer managed KMS key the trail encrypts its log files with."
  type        = string
  default     = ""
  validation {
    condition     = can(regex("^$|^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.trail_kms_key_arn))
    error_message = "trail_kms_key_arn must be a KMS key ARN."
  }
}

variable "event_data_store_arn" {
  description = "source: lake. ARN of the CloudTrail Lake event data store (event-data-store). Empty: no Lake access."
  type        = string
  default     = ""
  validation {
    condition     = can(regex("^$|^arn:aws[a-z-]*:cloudtrail:[a-z0-9-]+:[0-9]{12}:eventdatastore/[a-zA-Z0-9-]+$", var.event_data_store_arn))
    error_message = "event_data_store_arn must be an event data store ARN."
  }
}

# --- Athena (source: athena) --------------------------------------------------------------------------------

variable "enable_athena" {
  description = "source: athena. Creates the Glue table of the trail archive (partition projection on account, region and day), an Athena workgroup and its results bucket, and lets the role query them. Needs trail_bucket_name."
  type        = bool
  default     = false
}

variable "athena_create_database" {
  description = "Create the Glue database athena_database_name (false when it exists already, such as default)."
  type        = bool
  default     = true
}

variable "athena_database_name" {
  description = "Glue database of the table; athena-table is athena_database_name.athena_table_name."
  type        = string
  default     = "trailsight"
  validation {
    condition     = can(regex("^[a-z0-9_]{1,255}$", var.athena_database_name))
    error_message = "athena_database_name must be lower-case letters, digits and underscores."
  }
}

variable "athena_table_name" {
  description = "Name of the CloudTrail table."
  type        = string
  default     = "cloudtrail_logs"
  validation {
    condition     = can(regex("^[a-z0-9_]{1,255}$", var.athena_table_name))
    error_message = "athena_table_name must be lower-case letters, digits and underscores."
  }
}

variable "athena_workgroup_name" {
  description = "The Athena workgroup to create (athena-workgroup)."
  type        = string
  default     = "trailsight"
  validation {
    condition     = can(regex("^[a-zA-Z0-9._-]{1,128}$", var.athena_workgroup_name))
    error_message = "athena_workgroup_name must be 1-128 letters, digits, '.', '_' or '-'."
  }
}

variable "athena_account_ids" {
  description = "Accounts whose logs the trail archive holds (the account partition's values); empty means this account only. For an organization trail, list the member accounts to query."
  type        = list(string)
  default     = []
  validation {
    condition     = alltrue([for a in var.athena_account_ids : can(regex("^[0-9]{12}$", a))])
    error_message = "athena_account_ids must be 12-digit account ids."
  }
}

variable "athena_regions" {
  description = "Regions the trail logs (the region partition's values); empty means the provider's region only."
  type        = list(string)
  default     = []
}

variable "athena_organization_id" {
  description = "For an organization trail, its organization id (the archive is AWSLogs/o-…/ACCOUNT/…)."
  type        = string
  default     = ""
  validation {
    condition     = can(regex("^$|^o-[a-z0-9]{10,32}$", var.athena_organization_id))
    error_message = "athena_organization_id must look like o-abc1234567."
  }
}

variable "athena_projection_start" {
  description = "The first day (yyyy/MM/dd) the table projects; queries before it find nothing."
  type        = string
  default     = "2024/01/01"
  validation {
    condition     = can(regex("^[0-9]{4}/[0-9]{2}/[0-9]{2}$", var.athena_projection_start))
    error_message = "athena_projection_start must be yyyy/MM/dd."
  }
}

variable "athena_results_expiration_days" {
  description = "Days after which query results in the results bucket expire."
  type        = number
  default     = 7
  validation {
    condition     = var.athena_results_expiration_days >= 1 && var.athena_results_expiration_days <= 3650
    error_message = "athena_results_expiration_days must be 1 to 3650."
  }
}

# --- Analysis ----------------------------------------------------------------------------------------------

variable "enable_direct" {
  description = "engine: direct or auto (Converse). Turning either engine on also allows the summary call."
  type        = bool
  default     = true
}

variable "enable_batch" {
  description = "engine: batch or auto (batch inference jobs). Creates the batch service role and the bucket."
  type        = bool
  default     = false
}

variable "model_id" {
  description = "TrailSight's model-id: a system-defined inference profile id (us., eu., apac., global.) or a foundation model id."
  type        = string
  default     = "us.anthropic.claude-haiku-4-5-20251001-v1:0"
}

variable "foundation_model_id" {
  description = "The foundation model behind model_id; equal to model_id when model_id is not an inference profile."
  type        = string
  default     = "anthropic.claude-haiku-4-5-20251001-v1:0"
}

variable "summary_model_id" {
  description = "Optional. TrailSight's summary-model-id when it differs from model_id."
  type        = string
  default     = ""
}

variable "summary_foundation_model_id" {
  description = "The foundation model behind summary_model_id (required with summary_model_id)."
  type        = string
  default     = ""
}

# --- Bucket for batch data and state -----------------------------------------------------------------------

variable "enable_state" {
  description = "window: since-last-run, mode: submit and mode: collect (state-bucket). Creates the bucket."
  type        = bool
  default     = false
}

variable "bucket_name" {
  description = "Optional name of the bucket for batch data and state. Empty: a name starting with trailsight-."
  type        = string
  default     = ""
}

variable "bucket_encryption" {
  description = "SSE-S3 (AES256) or SSE-KMS-AWS-MANAGED (the AWS managed key aws/s3). Neither needs kms: permissions in either role."
  type        = string
  default     = "SSE-S3"
  validation {
    condition     = contains(["SSE-S3", "SSE-KMS-AWS-MANAGED"], var.bucket_encryption)
    error_message = "bucket_encryption must be SSE-S3 or SSE-KMS-AWS-MANAGED."
  }
}

variable "batch_prefix" {
  description = "TrailSight's batch-prefix. Objects under it expire after batch_object_expiration_days."
  type        = string
  default     = "trailsight/batch/"
  validation {
    condition     = can(regex("^[^/*?][^*?]*/$", var.batch_prefix))
    error_message = "batch_prefix must end with a slash and hold no wildcard."
  }
}

variable "state_prefix" {
  description = "TrailSight's state-prefix. Kept (no expiry); must not overlap batch_prefix."
  type        = string
  default     = "trailsight/state/"
  validation {
    condition     = can(regex("^[^/*?][^*?]*/$", var.state_prefix))
    error_message = "state_prefix must end with a slash and hold no wildcard."
  }
}

variable "batch_object_expiration_days" {
  description = "Days after which batch input and output objects are deleted. Keep it above the longest gap between a submit and its collect."
  type        = number
  default     = 14
  validation {
    condition     = var.batch_object_expiration_days >= 1 && var.batch_object_expiration_days <= 3650
    error_message = "batch_object_expiration_days must be between 1 and 3650."
  }
}

# --- SNS ---------------------------------------------------------------------------------------------------

variable "create_sns_topic" {
  description = "Create an SNS topic for report-to: sns (encrypted with the AWS managed key alias/aws/sns)."
  type        = bool
  default     = false
}

variable "existing_sns_topic_arn" {
  description = "Optional. An existing topic to allow sns:Publish on instead of creating one."
  type        = string
  default     = ""
  validation {
    condition     = can(regex("^$|^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+(\\.fifo)?$", var.existing_sns_topic_arn))
    error_message = "existing_sns_topic_arn must be an SNS topic ARN."
  }
}

# --- Security Hub ------------------------------------------------------------------------------------------

variable "enable_securityhub" {
  description = "Allow report-to: securityhub: import findings into the account's default Security Hub product, and (for close-resolved) read and resolve TrailSight's own findings."
  type        = bool
  default     = false
}

variable "securityhub_region" {
  description = "TrailSight's securityhub-region, when it is not the provider's region."
  type        = string
  default     = ""
  validation {
    condition     = can(regex("^$|^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$", var.securityhub_region))
    error_message = "securityhub_region must be a Region name such as eu-west-1."
  }
}

variable "tags" {
  description = "Tags for every resource created."
  type        = map(string)
  default     = {}
}
