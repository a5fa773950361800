"""Terraform state reconciliation for AWS: discover live resources, match them to any Terraform
JSON config, and import them in verified-clean batches. Never imports CDKTF."""

__version__ = "0.1.0"
