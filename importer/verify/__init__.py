"""Proving import batches clean on the real Terraform before any real state changes."""
