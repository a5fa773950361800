"""Reading Terraform state (format version 4) from a local file or an S3 backend, read-only."""
