"""Typed, frozen configuration of one environment: everything that differs between prod,
staging and dev lives here and is passed into the stacks explicitly."""

from __future__ import annotations

from dataclasses import dataclass, field
from ipaddress import IPv4Network

PROJECT = "retainwise"


@dataclass(frozen=True)
class ServiceSize:
    """CPU/memory and scaling of one ECS service."""

    cpu: int
    memory: int
    desired_count: int
    min_count: int
    max_count: int


@dataclass(frozen=True)
class EnvironmentConfig:
    """One environment (prod, staging, dev) of the same architecture."""

    name: str
    region: str
    availability_zones: tuple[str, ...]
    vpc_cidr: str
    domain: str
    nat_gateway_count: int
    interface_endpoints: tuple[str, ...]
    backend: ServiceSize
    worker: ServiceSize
    db_instance_class: str
    db_allocated_storage: int
    db_multi_az: bool
    db_deletion_protection: bool
    log_retention_days: int
    image_tag: str = "stable"
    blocked_ip_cidrs: tuple[str, ...] = ("192.0.2.0/24",)
    alarm_queue_depth_threshold: int = 500
    alarm_5xx_threshold: int = 25
    alarm_cpu_threshold: int = 80
    jobs_visibility_timeout_seconds: int = 300
    tags: tuple[tuple[str, str], ...] = field(default=())

    @property
    def prefix(self) -> str:
        """Name prefix carried by every named resource, e.g. ``prod-retainwise``."""
        return f"{self.name}-{PROJECT}"

    @property
    def state_bucket(self) -> str:
        """S3 bucket that holds this environment's Terraform state."""
        return f"{self.prefix}-tfstate"

    @property
    def state_key(self) -> str:
        """Object key of this environment's state inside ``state_bucket``."""
        return f"{self.name}/terraform.tfstate"

    @property
    def default_tags(self) -> dict[str, str]:
        """Tags the provider puts on every taggable resource."""
        return {"Project": PROJECT, "Environment": self.name, "ManagedBy": "terraform", **dict(self.tags)}

    def subnet_cidrs(self, tier_index: int) -> list[str]:
        """CIDRs of one subnet tier (0 public, 1 private, 2 isolated), one per AZ.

        The VPC is cut into /20s (room for 16 subnets); tier t, AZ a takes /20 number 4*t + a.
        """
        blocks = list(IPv4Network(self.vpc_cidr).subnets(new_prefix=20))
        return [str(blocks[4 * tier_index + az]) for az in range(len(self.availability_zones))]


_AZS = ("us-east-1a", "us-east-1b")

PROD = EnvironmentConfig(
    name="prod",
    region="us-east-1",
    availability_zones=_AZS,
    vpc_cidr="10.10.0.0/16",
    domain="retainwise.example.com",
    nat_gateway_count=2,
    interface_endpoints=("ecr.api", "ecr.dkr", "logs", "secretsmanager", "ssm", "sqs"),
    backend=ServiceSize(cpu=1024, memory=2048, desired_count=3, min_count=2, max_count=10),
    worker=ServiceSize(cpu=1024, memory=2048, desired_count=2, min_count=2, max_count=6),
    db_instance_class="db.m6g.large",
    db_allocated_storage=100,
    db_multi_az=True,
    db_deletion_protection=True,
    log_retention_days=90,
)

STAGING = EnvironmentConfig(
    name="staging",
    region="us-east-1",
    availability_zones=_AZS,
    vpc_cidr="10.20.0.0/16",
    domain="staging.retainwise.example.com",
    nat_gateway_count=1,
    interface_endpoints=("ecr.api", "ecr.dkr", "logs"),
    backend=ServiceSize(cpu=512, memory=1024, desired_count=2, min_count=1, max_count=4),
    worker=ServiceSize(cpu=512, memory=1024, desired_count=1, min_count=1, max_count=2),
    db_instance_class="db.t4g.medium",
    db_allocated_storage=50,
    db_multi_az=False,
    db_deletion_protection=False,
    log_retention_days=30,
)

DEV = EnvironmentConfig(
    name="dev",
    region="us-east-1",
    availability_zones=_AZS,
    vpc_cidr="10.30.0.0/16",
    domain="dev.retainwise.example.com",
    nat_gateway_count=1,
    interface_endpoints=(),
    backend=ServiceSize(cpu=256, memory=512, desired_count=1, min_count=1, max_count=2),
    worker=ServiceSize(cpu=256, memory=512, desired_count=1, min_count=1, max_count=1),
    db_instance_class="db.t4g.micro",
    db_allocated_storage=20,
    db_multi_az=False,
    db_deletion_protection=False,
    log_retention_days=7,
    alarm_queue_depth_threshold=100,
)

ENVIRONMENTS: dict[str, EnvironmentConfig] = {env.name: env for env in (PROD, STAGING, DEV)}
