terraform {
  # 1.5: check blocks and startswith(); preconditions need 1.2.
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 5.100 added data.aws_region.region (its `name` is deprecated in 6.x); tested against the 5 and 6 schemas.
      version = ">= 5.100.0, < 7.0.0"
    }
  }
}
