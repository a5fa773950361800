"""Network: VPC, three subnet tiers across the AZs, internet and NAT gateways, routing,
an S3 gateway endpoint, interface endpoints and VPC flow logs."""

from __future__ import annotations

import json

from constructs import Construct
from stacks.aws import (
    CloudwatchLogGroup, Eip, FlowLog, IamRole, IamRolePolicy, InternetGateway, NatGateway, Route, RouteTable,
    RouteTableAssociation, Subnet, Vpc, VpcEndpoint,
)

from stacks.config import EnvironmentConfig
from stacks.constructs.policies import assume_role_policy

SUBNET_TIERS = ("public", "private", "isolated")


class Network(Construct):
    """The VPC and everything that routes inside it."""

    def __init__(self, scope: Construct, construct_id: str, *, config: EnvironmentConfig) -> None:
        super().__init__(scope, construct_id)
        prefix = config.prefix
        self.vpc = Vpc(
            self, "vpc", cidr_block=config.vpc_cidr, enable_dns_hostnames=True, enable_dns_support=True,
            tags={"Name": f"{prefix}-vpc"},
        )
        self.subnets: dict[str, list[Subnet]] = {}
        for tier_index, tier in enumerate(SUBNET_TIERS):
            self.subnets[tier] = [
                Subnet(
                    self, f"{tier}_subnet_{az_index}", vpc_id=self.vpc.id, cidr_block=cidr,
                    availability_zone=config.availability_zones[az_index],
                    map_public_ip_on_launch=False,
                    tags={"Name": f"{prefix}-{tier}-{config.availability_zones[az_index]}", "Tier": tier},
                )
                for az_index, cidr in enumerate(config.subnet_cidrs(tier_index))
            ]
        self.internet_gateway = InternetGateway(self, "igw", vpc_id=self.vpc.id, tags={"Name": f"{prefix}-igw"})
        self._public_routing(prefix)
        self._private_routing(config)
        self._isolated_routing(prefix)
        self.s3_endpoint = VpcEndpoint(
            self, "s3_endpoint", vpc_id=self.vpc.id, service_name=f"com.amazonaws.{config.region}.s3",
            vpc_endpoint_type="Gateway",
            route_table_ids=[table.id for table in self.private_route_tables] + [self.isolated_route_table.id],
            tags={"Name": f"{prefix}-s3-endpoint"},
        )
        self._flow_logs(config)

    def _public_routing(self, prefix: str) -> None:
        self.public_route_table = RouteTable(
            self, "public_route_table", vpc_id=self.vpc.id, tags={"Name": f"{prefix}-public"}
        )
        Route(
            self, "public_default_route", route_table_id=self.public_route_table.id,
            destination_cidr_block="0.0.0.0/0", gateway_id=self.internet_gateway.id,
        )
        for index, subnet in enumerate(self.subnets["public"]):
            RouteTableAssociation(
                self, f"public_association_{index}", subnet_id=subnet.id, route_table_id=self.public_route_table.id
            )

    def _private_routing(self, config: EnvironmentConfig) -> None:
        prefix = config.prefix
        self.nat_gateways: list[NatGateway] = []
        for index in range(config.nat_gateway_count):
            eip = Eip(self, f"nat_eip_{index}", domain="vpc", tags={"Name": f"{prefix}-nat-{index}"})
            self.nat_gateways.append(
                NatGateway(
                    self, f"nat_gateway_{index}", allocation_id=eip.id, subnet_id=self.subnets["public"][index].id,
                    tags={"Name": f"{prefix}-nat-{index}"}, depends_on=[self.internet_gateway],
                )
            )
        self.private_route_tables: list[RouteTable] = []
        for index, subnet in enumerate(self.subnets["private"]):
            table = RouteTable(
                self, f"private_route_table_{index}", vpc_id=self.vpc.id,
                tags={"Name": f"{prefix}-private-{config.availability_zones[index]}"},
            )
            Route(
                self, f"private_default_route_{index}", route_table_id=table.id, destination_cidr_block="0.0.0.0/0",
                nat_gateway_id=self.nat_gateways[index % len(self.nat_gateways)].id,
            )
            RouteTableAssociation(self, f"private_association_{index}", subnet_id=subnet.id, route_table_id=table.id)
            self.private_route_tables.append(table)

    def _isolated_routing(self, prefix: str) -> None:
        self.isolated_route_table = RouteTable(
            self, "isolated_route_table", vpc_id=self.vpc.id, tags={"Name": f"{prefix}-isolated"}
        )
        for index, subnet in enumerate(self.subnets["isolated"]):
            RouteTableAssociation(
                self, f"isolated_association_{index}", subnet_id=subnet.id,
                route_table_id=self.isolated_route_table.id,
            )

    def _flow_logs(self, config: EnvironmentConfig) -> None:
        prefix = config.prefix
        self.flow_log_group = CloudwatchLogGroup(
            self, "flow_log_group", name=f"/{prefix}/vpc/flow-logs", retention_in_days=config.log_retention_days
        )
        role = IamRole(
            self, "flow_log_role", name=f"{prefix}-vpc-flow-logs",
            assume_role_policy=assume_role_policy("vpc-flow-logs.amazonaws.com"),
        )
        IamRolePolicy(
            self, "flow_log_role_policy", name="write-flow-logs", role=role.id,
            policy=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{
                    "Effect": "Allow",
                    "Action": ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                    "Resource": f"{self.flow_log_group.arn}:*",
                }],
            }),
        )
        FlowLog(
            self, "flow_log", vpc_id=self.vpc.id, traffic_type="REJECT", log_destination_type="cloud-watch-logs",
            log_destination=self.flow_log_group.arn, iam_role_arn=role.arn, tags={"Name": f"{prefix}-flow-log"},
        )

    def private_subnet_ids(self) -> list[str]:
        """IDs of the private (NAT-routed) subnets, where the services run."""
        return [subnet.id for subnet in self.subnets["private"]]

    def public_subnet_ids(self) -> list[str]:
        """IDs of the public subnets, where the load balancer lives."""
        return [subnet.id for subnet in self.subnets["public"]]

    def isolated_subnet_ids(self) -> list[str]:
        """IDs of the isolated subnets (no internet route), where the database lives."""
        return [subnet.id for subnet in self.subnets["isolated"]]

    def add_interface_endpoints(self, config: EnvironmentConfig, security_group_id: str) -> None:
        """Private interface endpoints for the AWS APIs the tasks call (none when the config lists none)."""
        for service in config.interface_endpoints:
            VpcEndpoint(
                self, f"{service.replace('.', '_')}_endpoint", vpc_id=self.vpc.id,
                service_name=f"com.amazonaws.{config.region}.{service}", vpc_endpoint_type="Interface",
                private_dns_enabled=True, subnet_ids=self.private_subnet_ids(),
                security_group_ids=[security_group_id],
                tags={"Name": f"{config.prefix}-{service.replace('.', '-')}-endpoint"},
            )
