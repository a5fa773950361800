"""Running the real Terraform CLI against the local AWS provider mirror."""
