"""EC2 networking: VPC, subnets, gateways, routing, endpoints, flow logs, security groups and rules."""

from importer.specs.base import Call, Reference, ResourceSpec

NAME_TAG = "tag(Tags, 'Name')"
_ROUTE_TABLES = Call("DescribeRouteTables", items="RouteTables[]")
_RULES = "SecurityGroupRules"
_RULE_IDENTITY = {
    "ip_protocol": "IpProtocol", "from_port": "FromPort", "to_port": "ToPort", "cidr_ipv4": "CidrIpv4",
    "cidr_ipv6": "CidrIpv6", "description": "Description",
}
# aws_security_group_rule: the legacy type, one rule per source here (a rule of several CIDRs is several AWS rules).
_ALL_PORTS = "IpProtocol == '-1' && `0`"  # the provider's ports of an all-protocol rule
_LEGACY_RULE = {
    "type": "IsEgress && 'egress' || 'ingress'", "protocol": "IpProtocol",
    "from_port": f"{_ALL_PORTS} || FromPort", "to_port": f"{_ALL_PORTS} || ToPort",
    "cidr_blocks": "CidrIpv4 && [CidrIpv4]", "ipv6_cidr_blocks": "CidrIpv6 && [CidrIpv6]",
    "prefix_list_ids": "PrefixListId && [PrefixListId]", "description": "Description",
}
_RULE_REFERENCES = (
    Reference("security_group_id", "aws_security_group", "GroupId"),
    Reference("referenced_security_group_id", "aws_security_group", "ReferencedGroupInfo.GroupId"),
)

SPECS = (
    ResourceSpec(
        type="aws_vpc", service="ec2", list=Call("DescribeVpcs", items="Vpcs[]"), import_id="{VpcId}",
        exclude="IsDefault", identity={"cidr_block": "CidrBlock", "tags.Name": NAME_TAG},
        attributes={"cidr_block": "CidrBlock", "instance_tenancy": "InstanceTenancy"},
    ),
    ResourceSpec(
        type="aws_subnet", service="ec2", list=Call("DescribeSubnets", items="Subnets[]"), import_id="{SubnetId}",
        exclude="DefaultForAz", drop_with_excluded=("vpc_id",),
        identity={"cidr_block": "CidrBlock", "availability_zone": "AvailabilityZone", "tags.Name": NAME_TAG},
        references=(Reference("vpc_id", "aws_vpc", "VpcId"),),
        attributes={"cidr_block": "CidrBlock", "availability_zone": "AvailabilityZone",
                    "map_public_ip_on_launch": "MapPublicIpOnLaunch"},
    ),
    ResourceSpec(
        type="aws_internet_gateway", service="ec2", import_id="{InternetGatewayId}",
        list=Call("DescribeInternetGateways", items="InternetGateways[]"), drop_with_excluded=("vpc_id",),
        identity={"tags.Name": NAME_TAG}, references=(Reference("vpc_id", "aws_vpc", "Attachments[0].VpcId"),),
    ),
    ResourceSpec(
        type="aws_eip", service="ec2", list=Call("DescribeAddresses", items="Addresses[?Domain=='vpc']"),
        import_id="{AllocationId}", identity={"tags.Name": NAME_TAG, "domain": "Domain"},
        aliases=("PublicIp",), attributes={"public_ip": "PublicIp", "domain": "Domain"},
    ),
    ResourceSpec(
        type="aws_nat_gateway", service="ec2", import_id="{NatGatewayId}",
        list=Call("DescribeNatGateways", items="NatGateways[?State!='deleted' && State!='failed']"),
        identity={"tags.Name": NAME_TAG, "connectivity_type": "ConnectivityType"},
        references=(Reference("subnet_id", "aws_subnet", "SubnetId"),
                    Reference("allocation_id", "aws_eip", "NatGatewayAddresses[0].AllocationId")),
        attributes={"connectivity_type": "ConnectivityType"},
    ),
    ResourceSpec(
        type="aws_route_table", service="ec2", list=_ROUTE_TABLES, import_id="{RouteTableId}",
        exclude="length(Associations[?Main]) > `0`", identity={"tags.Name": NAME_TAG},
        references=(Reference("vpc_id", "aws_vpc", "VpcId"),), note="main route tables are AWS defaults",
    ),
    ResourceSpec(
        type="aws_route", service="ec2", list=_ROUTE_TABLES,
        explode="Routes[?Origin=='CreateRoute']", inherit={"RouteTableId": "RouteTableId", "VpcId": "VpcId"},
        fields={"Destination": "DestinationCidrBlock || DestinationIpv6CidrBlock || DestinationPrefixListId"},
        import_id="{RouteTableId}_{Destination}", drop_with_excluded=("route_table_id",),
        exclude="starts_with(GatewayId || '', 'vpce-')",  # routes a gateway endpoint adds for itself
        identity={"destination_cidr_block": "DestinationCidrBlock",
                  "destination_ipv6_cidr_block": "DestinationIpv6CidrBlock"},
        references=(Reference("route_table_id", "aws_route_table", "RouteTableId"),
                    Reference("gateway_id", "aws_internet_gateway", "GatewayId"),
                    Reference("nat_gateway_id", "aws_nat_gateway", "NatGatewayId"),
                    Reference("vpc_endpoint_id", "aws_vpc_endpoint", "GatewayId")),
    ),
    ResourceSpec(
        type="aws_route_table_association", service="ec2", list=_ROUTE_TABLES,
        explode="Associations[?!Main]", inherit={"RouteTableId": "RouteTableId"},
        fields={"Target": "SubnetId || GatewayId"}, import_id="{Target}/{RouteTableId}",
        drop_with_excluded=("route_table_id",),
        references=(Reference("route_table_id", "aws_route_table", "RouteTableId"),
                    Reference("subnet_id", "aws_subnet", "SubnetId"),
                    Reference("gateway_id", "aws_internet_gateway", "GatewayId")),
        aliases=("RouteTableAssociationId",),
    ),
    ResourceSpec(
        type="aws_vpc_endpoint", service="ec2", import_id="{VpcEndpointId}",
        list=Call("DescribeVpcEndpoints", items="VpcEndpoints[?State!='deleted' && State!='Deleted']"),
        identity={"service_name": "ServiceName", "vpc_endpoint_type": "VpcEndpointType", "tags.Name": NAME_TAG},
        references=(Reference("vpc_id", "aws_vpc", "VpcId"),
                    Reference("route_table_ids", "aws_route_table", "RouteTableIds"),
                    Reference("subnet_ids", "aws_subnet", "SubnetIds"),
                    Reference("security_group_ids", "aws_security_group", "Groups[].GroupId")),
        attributes={"service_name": "ServiceName", "vpc_endpoint_type": "VpcEndpointType"},
    ),
    ResourceSpec(
        type="aws_flow_log", service="ec2", list=Call("DescribeFlowLogs", items="FlowLogs[]"),
        import_id="{FlowLogId}", identity={"traffic_type": "TrafficType", "tags.Name": NAME_TAG},
        references=(Reference("vpc_id", "aws_vpc", "ResourceId"),
                    Reference("log_destination", "aws_cloudwatch_log_group", "LogDestination"),
                    Reference("iam_role_arn", "aws_iam_role", "DeliverLogsPermissionArn")),
        attributes={"traffic_type": "TrafficType", "log_destination_type": "LogDestinationType"},
    ),
    ResourceSpec(
        type="aws_security_group", service="ec2", list=Call("DescribeSecurityGroups", items="SecurityGroups[]"),
        import_id="{GroupId}", exclude="GroupName=='default'", drop_with_excluded=("vpc_id",),
        identity={"name": "GroupName", "tags.Name": NAME_TAG},
        references=(Reference("vpc_id", "aws_vpc", "VpcId"),), aliases=("GroupName",),
        attributes={"name": "GroupName", "description": "Description"},
    ),
    ResourceSpec(
        type="aws_vpc_security_group_ingress_rule", service="ec2", import_id="{SecurityGroupRuleId}",
        list=Call("DescribeSecurityGroupRules", items=f"{_RULES}[?!IsEgress]"),
        identity=_RULE_IDENTITY, references=_RULE_REFERENCES, drop_with_excluded=("security_group_id",),
        attributes=_RULE_IDENTITY, same_object_as=("aws_security_group_rule",),
    ),
    ResourceSpec(
        type="aws_vpc_security_group_egress_rule", service="ec2", import_id="{SecurityGroupRuleId}",
        list=Call("DescribeSecurityGroupRules", items=f"{_RULES}[?IsEgress]"),
        identity=_RULE_IDENTITY, references=_RULE_REFERENCES, drop_with_excluded=("security_group_id",),
        attributes=_RULE_IDENTITY, same_object_as=("aws_security_group_rule",),
    ),
    ResourceSpec(
        type="aws_security_group_rule", service="ec2", list=Call("DescribeSecurityGroupRules", items=f"{_RULES}[]"),
        fields={"Type": _LEGACY_RULE["type"], "From": _LEGACY_RULE["from_port"], "To": _LEGACY_RULE["to_port"],
                "Source": "CidrIpv4 || CidrIpv6 || PrefixListId || (ReferencedGroupInfo.GroupId == GroupId && 'self' "
                          "|| ReferencedGroupInfo.GroupId)"},
        import_id="{GroupId}_{Type}_{IpProtocol}_{From}_{To}_{Source}",
        identity={name: expression for name, expression in _LEGACY_RULE.items() if name != "description"},
        references=(Reference("security_group_id", "aws_security_group", "GroupId"),
                    Reference("source_security_group_id", "aws_security_group", "ReferencedGroupInfo.GroupId")),
        drop_with_excluded=("security_group_id",), aliases=("SecurityGroupRuleId",), attributes=_LEGACY_RULE,
        inline_in=("aws_security_group", "ingress", "egress"),
        same_object_as=("aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"),
        note="one object per AWS rule (per source): a code rule of several CIDR blocks matches none of them; a rule "
             "claimed as aws_vpc_security_group_*_rule, or of a group whose code holds ingress/egress inline, is not "
             "unmanaged",
    ),
)
