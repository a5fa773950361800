"""Least-privilege IAM for CI/CD: the plan and apply roles of a stack, their OIDC trust, and lint."""
