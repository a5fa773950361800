"""Network, as built by hand: VPC, subnets, gateways, routing, endpoints and flow logs."""

from __future__ import annotations

import json

from emulator.scenario.context import BuildContext

TIERS = ("public", "private", "isolated")


def _spec(ctx: BuildContext, resource_type: str, name: str, **extra: str) -> list[dict]:
    return [{"ResourceType": resource_type, "Tags": ctx.tag_list(name, **extra)}]


def build(ctx: BuildContext) -> None:
    """VPC core, NAT, routing and the S3 gateway endpoint (interface endpoints come later)."""
    ec2, config, prefix = ctx.client("ec2"), ctx.config, ctx.prefix
    vpc_id = ec2.create_vpc(CidrBlock=config.vpc_cidr,
                            TagSpecifications=_spec(ctx, "vpc", f"{prefix}-vpc"))["Vpc"]["VpcId"]
    ec2.modify_vpc_attribute(VpcId=vpc_id, EnableDnsSupport={"Value": True})
    ec2.modify_vpc_attribute(VpcId=vpc_id, EnableDnsHostnames={"Value": True})
    ctx.ids["vpc_id"] = vpc_id
    ctx.record("aws_vpc", vpc_id, "network/vpc")

    subnets: dict[str, list[str]] = {}
    for tier_index, tier in enumerate(TIERS):
        subnets[tier] = []
        for az_index, cidr in enumerate(config.subnet_cidrs(tier_index)):
            az = config.availability_zones[az_index]
            subnet_id = ec2.create_subnet(
                VpcId=vpc_id, CidrBlock=cidr, AvailabilityZone=az,
                TagSpecifications=_spec(ctx, "subnet", f"{prefix}-{tier}-{az}", Tier=tier),
            )["Subnet"]["SubnetId"]
            subnets[tier].append(subnet_id)
            ctx.record("aws_subnet", subnet_id, f"network/{tier}_subnet_{az_index}")
    ctx.ids["subnets"] = subnets

    igw_id = ec2.create_internet_gateway(
        TagSpecifications=_spec(ctx, "internet-gateway", f"{prefix}-igw"))["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw_id, VpcId=vpc_id)
    ctx.record("aws_internet_gateway", igw_id, "network/igw")

    nat_ids = []
    for index in range(config.nat_gateway_count):
        allocation = ec2.allocate_address(
            Domain="vpc", TagSpecifications=_spec(ctx, "elastic-ip", f"{prefix}-nat-{index}"))["AllocationId"]
        ctx.record("aws_eip", allocation, f"network/nat_eip_{index}")
        nat_id = ec2.create_nat_gateway(
            AllocationId=allocation, SubnetId=subnets["public"][index],
            TagSpecifications=_spec(ctx, "natgateway", f"{prefix}-nat-{index}"),
        )["NatGateway"]["NatGatewayId"]
        nat_ids.append(nat_id)
        ctx.record("aws_nat_gateway", nat_id, f"network/nat_gateway_{index}")

    public_table = _route_table(ctx, f"{prefix}-public", "network/public_route_table")
    _route(ctx, public_table, "network/public_default_route", GatewayId=igw_id)
    for index, subnet_id in enumerate(subnets["public"]):
        _associate(ctx, public_table, subnet_id, f"network/public_association_{index}")

    private_tables = []
    for index, subnet_id in enumerate(subnets["private"]):
        table = _route_table(ctx, f"{prefix}-private-{config.availability_zones[index]}",
                             f"network/private_route_table_{index}")
        _route(ctx, table, f"network/private_default_route_{index}", NatGatewayId=nat_ids[index % len(nat_ids)])
        _associate(ctx, table, subnet_id, f"network/private_association_{index}")
        private_tables.append(table)

    isolated_table = _route_table(ctx, f"{prefix}-isolated", "network/isolated_route_table")
    for index, subnet_id in enumerate(subnets["isolated"]):
        _associate(ctx, isolated_table, subnet_id, f"network/isolated_association_{index}")

    endpoint_id = ec2.create_vpc_endpoint(
        VpcId=vpc_id, ServiceName=f"com.amazonaws.{ctx.region}.s3", VpcEndpointType="Gateway",
        RouteTableIds=[*private_tables, isolated_table],
        TagSpecifications=_spec(ctx, "vpc-endpoint", f"{prefix}-s3-endpoint"),
    )["VpcEndpoint"]["VpcEndpointId"]
    ctx.record("aws_vpc_endpoint", endpoint_id, "network/s3_endpoint")
    _flow_logs(ctx, vpc_id)


def _route_table(ctx: BuildContext, name: str, code_path: str) -> str:
    table_id = ctx.client("ec2").create_route_table(
        VpcId=ctx.ids["vpc_id"], TagSpecifications=_spec(ctx, "route-table", name))["RouteTable"]["RouteTableId"]
    ctx.record("aws_route_table", table_id, code_path)
    return table_id


def _route(ctx: BuildContext, table_id: str, code_path: str, **target: str) -> None:
    ctx.client("ec2").create_route(RouteTableId=table_id, DestinationCidrBlock="0.0.0.0/0", **target)
    ctx.record("aws_route", f"{table_id}_0.0.0.0/0", code_path)


def _associate(ctx: BuildContext, table_id: str, subnet_id: str, code_path: str) -> None:
    ctx.client("ec2").associate_route_table(RouteTableId=table_id, SubnetId=subnet_id)
    ctx.record("aws_route_table_association", f"{subnet_id}/{table_id}", code_path)


def _flow_logs(ctx: BuildContext, vpc_id: str) -> None:
    prefix = ctx.prefix
    group = f"/{prefix}/vpc/flow-logs"
    ctx.client("logs").create_log_group(logGroupName=group, tags=ctx.tags())
    ctx.client("logs").put_retention_policy(logGroupName=group, retentionInDays=ctx.config.log_retention_days)
    ctx.record("aws_cloudwatch_log_group", group, "network/flow_log_group")
    group_arn = ctx.arn("logs", f"log-group:{group}")
    role = f"{prefix}-vpc-flow-logs"
    iam = ctx.client("iam")
    role_arn = iam.create_role(
        RoleName=role, AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "vpc-flow-logs.amazonaws.com"}, "Action": "sts:AssumeRole"}]}),
        Tags=ctx.tag_list(),
    )["Role"]["Arn"]
    ctx.record("aws_iam_role", role, "network/flow_log_role")
    iam.put_role_policy(RoleName=role, PolicyName="write-flow-logs", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
            "Resource": f"{group_arn}:*"}]}))
    ctx.record("aws_iam_role_policy", f"{role}:write-flow-logs", "network/flow_log_role_policy")
    flow_log_id = ctx.client("ec2").create_flow_logs(
        ResourceIds=[vpc_id], ResourceType="VPC", TrafficType="REJECT", LogDestinationType="cloud-watch-logs",
        LogDestination=group_arn, DeliverLogsPermissionArn=role_arn,
        TagSpecifications=_spec(ctx, "vpc-flow-log", f"{prefix}-flow-log"),
    )["FlowLogIds"][0]
    ctx.record("aws_flow_log", flow_log_id, "network/flow_log")


def build_interface_endpoints(ctx: BuildContext) -> None:
    """Interface endpoints in the private subnets, behind the endpoints security group."""
    for service in ctx.config.interface_endpoints:
        endpoint_id = ctx.client("ec2").create_vpc_endpoint(
            VpcId=ctx.ids["vpc_id"], ServiceName=f"com.amazonaws.{ctx.region}.{service}",
            VpcEndpointType="Interface", SubnetIds=ctx.ids["subnets"]["private"],
            SecurityGroupIds=[ctx.ids["security_groups"]["endpoints"]], PrivateDnsEnabled=True,
            TagSpecifications=_spec(ctx, "vpc-endpoint", f"{ctx.prefix}-{service.replace('.', '-')}-endpoint"),
        )["VpcEndpoint"]["VpcEndpointId"]
        ctx.record("aws_vpc_endpoint", endpoint_id, f"network/{service.replace('.', '_')}_endpoint")
