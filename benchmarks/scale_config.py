"""A generated HCL folder of about N managed instances, laid out the way real projects are: three
local modules (network, service, iam) called from the root with ``count``/``for_each``, plus log
groups and SSM parameters at the root. Every name is deterministic; only types the importer
supports and the emulator creates quickly. ``write_config(directory, n)`` returns the layout."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SUBNETS_PER_NETWORK = 4
QUEUES = ("orders", "billing", "events")
BUCKETS = ("assets", "logs")
ROLES = ("reader", "writer", "deployer")

# managed instances one module call makes
PER_NETWORK = 1 + 3 * SUBNETS_PER_NETWORK  # vpc + subnets, route tables, associations
PER_SERVICE = 2 * len(QUEUES) + 3 * len(BUCKETS) + 2  # queue + policy; bucket + versioning + PAB; log group + param
PER_TEAM = 3 * len(ROLES)  # role + policy + attachment

# share of N each module takes (the rest are root log groups and SSM parameters)
SHARES = {"network": 0.2, "service": 0.45, "iam": 0.25, "log_groups": 0.05}


@dataclass(frozen=True)
class Layout:
    """How many module calls and root instances make up the configuration."""

    networks: int
    services: int
    teams: int
    log_groups: int
    parameters: int

    @property
    def total(self) -> int:
        """Managed instances the configuration declares."""
        return (self.networks * PER_NETWORK + self.services * PER_SERVICE + self.teams * PER_TEAM
                + self.log_groups + self.parameters)


def layout(n: int) -> Layout:
    """Module calls for ``n`` instances; root SSM parameters make up the exact total."""
    networks = max(1, round(n * SHARES["network"] / PER_NETWORK))
    services = max(1, round(n * SHARES["service"] / PER_SERVICE))
    teams = max(1, round(n * SHARES["iam"] / PER_TEAM))
    log_groups = max(1, round(n * SHARES["log_groups"]))
    used = networks * PER_NETWORK + services * PER_SERVICE + teams * PER_TEAM + log_groups
    if used >= n:
        raise ValueError(f"{n} resources are too few for one call of every module ({used})")
    return Layout(networks, services, teams, log_groups, n - used)


def _hcl_list(values) -> str:
    return "[" + ", ".join(f'"{value}"' for value in values) + "]"


ROOT = """\
terraform {{
  required_providers {{
    aws = {{ source = "hashicorp/aws", version = ">= 5.0" }}
  }}
}}

provider "aws" {{
  region                      = "us-east-1"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  s3_use_path_style           = true
  max_retries                 = 2
  default_tags {{
    tags = {{ Project = var.prefix }}
  }}
}}

variable "prefix" {{
  type    = string
  default = "{prefix}"
}}

variable "services" {{
  type = map(number)
  default = {{
{services}
  }}
}}

locals {{
  teams = toset({teams})
}}

module "network" {{
  count   = {networks}
  source  = "./modules/network"
  name    = "${{var.prefix}}-net-${{count.index}}"
  cidr    = "10.${{count.index}}.0.0/16"
  subnets = {subnets}
}}

module "service" {{
  for_each   = var.services
  source     = "./modules/service"
  name       = "${{var.prefix}}-${{each.key}}"
  visibility = each.value
}}

module "iam" {{
  for_each = local.teams
  source   = "./modules/iam"
  name     = "${{var.prefix}}-${{each.key}}"
  queues   = [for key, svc in module.service : svc.queue_arns[0]]
}}

resource "aws_cloudwatch_log_group" "audit" {{
  for_each          = toset({log_groups})
  name              = "/${{var.prefix}}/audit/${{each.key}}"
  retention_in_days = 30
}}

resource "aws_ssm_parameter" "setting" {{
  count = {parameters}
  name  = "/${{var.prefix}}/settings/s${{format("%04d", count.index)}}"
  type  = "String"
  value = "value-${{count.index}}"
}}

output "vpc_ids" {{
  value = module.network[*].vpc_id
}}
"""

NETWORK = """\
variable "name" { type = string }
variable "cidr" { type = string }
variable "subnets" { type = number }

resource "aws_vpc" "this" {
  cidr_block           = var.cidr
  enable_dns_hostnames = true
  tags                 = { Name = var.name }
}

resource "aws_subnet" "this" {
  count      = var.subnets
  vpc_id     = aws_vpc.this.id
  cidr_block = cidrsubnet(var.cidr, 8, count.index)
  tags       = { Name = "${var.name}-${count.index}" }
}

resource "aws_route_table" "this" {
  count  = var.subnets
  vpc_id = aws_vpc.this.id
  tags   = { Name = "${var.name}-${count.index}" }
}

resource "aws_route_table_association" "this" {
  count          = var.subnets
  subnet_id      = aws_subnet.this[count.index].id
  route_table_id = aws_route_table.this[count.index].id
}

output "vpc_id" { value = aws_vpc.this.id }
"""

SERVICE = """\
variable "name" { type = string }
variable "visibility" { type = number }

variable "queues" {
  type    = map(number)
  default = { %(queues)s }
}

variable "buckets" {
  type    = map(string)
  default = { %(buckets)s }
}

resource "aws_sqs_queue" "this" {
  for_each                   = var.queues
  name                       = "${var.name}-${each.key}"
  visibility_timeout_seconds = var.visibility
  message_retention_seconds  = each.value
  max_message_size           = 262144
}

resource "aws_sqs_queue_policy" "this" {
  for_each  = aws_sqs_queue.this
  queue_url = each.value.url
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "SameAccount"
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "sqs:SendMessage"
      Resource  = each.value.arn
    }]
  })
}

resource "aws_s3_bucket" "this" {
  for_each = var.buckets
  bucket   = "${var.name}-${each.key}"
  tags     = { Purpose = each.value }
}

resource "aws_s3_bucket_versioning" "this" {
  for_each = aws_s3_bucket.this
  bucket   = each.value.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  for_each                = var.buckets
  bucket                  = aws_s3_bucket.this[each.key].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/${var.name}/app"
  retention_in_days = 14
}

resource "aws_ssm_parameter" "endpoint" {
  name  = "/${var.name}/queue-url"
  type  = "String"
  value = aws_sqs_queue.this["%(first_queue)s"].url
}

output "queue_arns" { value = [for key in sort(keys(var.queues)) : aws_sqs_queue.this[key].arn] }
"""

IAM = """\
variable "name" { type = string }
variable "queues" { type = list(string) }

variable "roles" {
  type    = set(string)
  default = %(roles)s
}

resource "aws_iam_role" "this" {
  for_each = var.roles
  name     = "${var.name}-${each.key}"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
}

resource "aws_iam_policy" "this" {
  for_each = var.roles
  name     = "${var.name}-${each.key}"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["sqs:SendMessage"], Resource = var.queues }]
  })
}

resource "aws_iam_role_policy_attachment" "this" {
  for_each   = var.roles
  role       = aws_iam_role.this[each.key].name
  policy_arn = aws_iam_policy.this[each.key].arn
}
"""


def write_config(directory: Path, n: int, prefix: str = "scale") -> Layout:
    """Write main.tf and modules/{network,service,iam}/main.tf for ``n`` instances; return the layout."""
    plan = layout(n)
    services = "\n".join(f'    svc{i:03d} = {30 + i % 5 * 30}' for i in range(plan.services))
    root = ROOT.format(
        prefix=prefix, services=services, teams=_hcl_list(f"team{i:03d}" for i in range(plan.teams)),
        networks=plan.networks, subnets=SUBNETS_PER_NETWORK,
        log_groups=_hcl_list(f"g{i:03d}" for i in range(plan.log_groups)), parameters=plan.parameters,
    )
    retention = (345600, 86400, 1209600)
    service = SERVICE % {
        "queues": ", ".join(f"{name} = {retention[i % 3]}" for i, name in enumerate(QUEUES)),
        "buckets": ", ".join(f'{name} = "{name}"' for name in BUCKETS),
        "first_queue": QUEUES[0],
    }
    files = {"main.tf": root, "modules/network/main.tf": NETWORK, "modules/service/main.tf": service,
             "modules/iam/main.tf": IAM % {"roles": _hcl_list(ROLES)}}
    for name, text in files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return plan
