"""The hand-built production account: created through the AWS APIs the way a person with the
console and CLI did (not through Terraform), with the realistic mess: inline policies added
by hand, a part already in Terraform state, unmanaged leftovers, optional drift, and planted
canary secrets. Deterministic; reports what it made as JSON for tests."""
