"""Security groups per tier, with every rule as its own ingress/egress rule resource."""

from __future__ import annotations

from dataclasses import dataclass

from constructs import Construct
from stacks.aws import SecurityGroup, VpcSecurityGroupEgressRule, VpcSecurityGroupIngressRule

from stacks.config import EnvironmentConfig

APP_PORT = 8000
DB_PORT = 5432
HTTPS_PORT = 443


@dataclass(frozen=True)
class _Rule:
    """A TCP rule from/to a peer: another group, an IPv4 or an IPv6 range."""

    name: str
    port: int
    description: str
    peer_group: str | None = None
    cidr_ipv4: str | None = None
    cidr_ipv6: str | None = None


class Security(Construct):
    """Security groups for the ALB, backend, worker, database, Lambda and VPC endpoints."""

    GROUPS = {
        "alb": "Public load balancer",
        "backend": "Backend API tasks",
        "worker": "Background worker tasks",
        "database": "PostgreSQL database",
        "lambda": "Scheduled Lambda functions",
        "endpoints": "VPC interface endpoints",
    }

    def __init__(self, scope: Construct, construct_id: str, *, config: EnvironmentConfig, vpc_id: str) -> None:
        super().__init__(scope, construct_id)
        self.groups = {
            key: SecurityGroup(
                self, f"{key}_sg", name=f"{config.prefix}-{key}", description=description, vpc_id=vpc_id,
                tags={"Name": f"{config.prefix}-{key}"},
            )
            for key, description in self.GROUPS.items()
        }
        self._ingress(config)
        self._egress()

    def _ingress(self, config: EnvironmentConfig) -> None:
        rules = {
            "alb": [
                _Rule("http_ipv4", 80, "HTTP from anywhere (redirected)", cidr_ipv4="0.0.0.0/0"),
                _Rule("http_ipv6", 80, "HTTP from anywhere over IPv6", cidr_ipv6="::/0"),
                _Rule("https_ipv4", HTTPS_PORT, "HTTPS from anywhere", cidr_ipv4="0.0.0.0/0"),
                _Rule("https_ipv6", HTTPS_PORT, "HTTPS from anywhere over IPv6", cidr_ipv6="::/0"),
            ],
            "backend": [_Rule("from_alb", APP_PORT, "API traffic from the load balancer", peer_group="alb")],
            "database": [
                _Rule(f"from_{client}", DB_PORT, f"PostgreSQL from {client}", peer_group=client)
                for client in ("backend", "worker", "lambda")
            ],
            "endpoints": [_Rule("from_vpc", HTTPS_PORT, "HTTPS from inside the VPC", cidr_ipv4=config.vpc_cidr)],
        }
        self._add_rules(rules, VpcSecurityGroupIngressRule, "ingress")

    def _egress(self) -> None:
        rules = {
            "alb": [_Rule("to_backend", APP_PORT, "Forward to backend tasks", peer_group="backend")],
            **{
                client: [
                    _Rule("to_database", DB_PORT, "PostgreSQL", peer_group="database"),
                    _Rule("to_https", HTTPS_PORT, "HTTPS to AWS APIs and the internet", cidr_ipv4="0.0.0.0/0"),
                ]
                for client in ("backend", "worker", "lambda")
            },
        }
        self._add_rules(rules, VpcSecurityGroupEgressRule, "egress")

    def _add_rules(self, rules: dict[str, list[_Rule]], rule_class: type, direction: str) -> None:
        for group, group_rules in rules.items():
            for rule in group_rules:
                rule_class(
                    self, f"{group}_{direction}_{rule.name}", security_group_id=self.groups[group].id,
                    ip_protocol="tcp", from_port=rule.port, to_port=rule.port, description=rule.description,
                    **self._peer(rule),
                )

    def _peer(self, rule: _Rule) -> dict[str, str]:
        if rule.peer_group:
            return {"referenced_security_group_id": self.groups[rule.peer_group].id}
        if rule.cidr_ipv6:
            return {"cidr_ipv6": rule.cidr_ipv6}
        return {"cidr_ipv4": rule.cidr_ipv4 or ""}

    def group_id(self, key: str) -> str:
        """ID of one of the groups in ``GROUPS``."""
        return self.groups[key].id
