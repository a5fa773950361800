"""EC2 networking extras: EIP associations, peering, endpoint policies, DHCP options, egress-only internet
gateways, customer and VPN gateways, managed prefix lists; one Describe call per type (and none per item).

AWS's own objects are skipped: AWS-managed prefix lists, the region's default DHCP options (domain name
``ec2.internal`` / ``<region>.compute.internal``) and the associations of VPCs with them, an endpoint's
default full-access policy.
"""

from importer.specs.base import Call, Reference, ResourceSpec
from importer.specs.ec2 import NAME_TAG

_VPC_ID = Reference("vpc_id", "aws_vpc", "VpcId")
_DOMAIN = "DhcpConfigurations[?Key=='domain-name'].Values[].Value | [0]"
_POLICY = "from_json(PolicyDocument).Statement"
# AWS's default endpoint policy: one statement allowing everything to everyone.
_DEFAULT_POLICY = (f"length({_POLICY}) == `1` && {_POLICY}[0].Effect == 'Allow' && {_POLICY}[0].Action == '*' "
                   f"&& {_POLICY}[0].Principal == '*' && {_POLICY}[0].Resource == '*'")

SPECS = (
    ResourceSpec(
        type="aws_eip_association", service="ec2", list=Call("DescribeAddresses", items="Addresses[?AssociationId]"),
        import_id="{AssociationId}", identity={"private_ip_address": "PrivateIpAddress"},
        references=(Reference("allocation_id", "aws_eip", "AllocationId"),
                    Reference("instance_id", "aws_instance", "InstanceId"),
                    Reference("network_interface_id", "aws_network_interface", "NetworkInterfaceId")),
        drop_with_excluded=("network_interface_id",),
        attributes={"public_ip": "PublicIp", "private_ip_address": "PrivateIpAddress"},
        note="an EIP associated with an instance or interface; one on an interface AWS manages (a NAT gateway's) "
             "is that service's",
    ),
    ResourceSpec(
        type="aws_vpc_peering_connection", service="ec2",
        list=Call("DescribeVpcPeeringConnections", items="VpcPeeringConnections[?!contains(['deleted', "
                  "'deleting', 'rejected', 'failed', 'expired'], Status.Code)]"),
        import_id="{VpcPeeringConnectionId}", identity={"tags.Name": NAME_TAG},
        references=(Reference("vpc_id", "aws_vpc", "RequesterVpcInfo.VpcId"),
                    Reference("peer_vpc_id", "aws_vpc", "AccepterVpcInfo.VpcId")),
        attributes={"peer_owner_id": "AccepterVpcInfo.OwnerId", "peer_region": "AccepterVpcInfo.Region",
                    "accept_status": "Status.Code"},
    ),
    ResourceSpec(
        type="aws_vpc_endpoint_policy", service="ec2",
        list=Call("DescribeVpcEndpoints", items="VpcEndpoints[?State!='deleted' && State!='Deleted' && PolicyDocument]"),
        import_id="{VpcEndpointId}", exclude=_DEFAULT_POLICY, identity={"vpc_endpoint_id": "VpcEndpointId"},
        references=(Reference("vpc_endpoint_id", "aws_vpc_endpoint", "VpcEndpointId"),),
        inline_in=("aws_vpc_endpoint", "policy"),
        note="exists when the endpoint's policy is not AWS's default full-access one (also readable through "
             "aws_vpc_endpoint's policy)",
    ),
    ResourceSpec(
        type="aws_vpc_dhcp_options", service="ec2", list=Call("DescribeDhcpOptions", items="DhcpOptions[]"),
        import_id="{DhcpOptionsId}", identity={"tags.Name": NAME_TAG, "domain_name": _DOMAIN},
        exclude=f"{_DOMAIN} == 'ec2.internal' || ends_with({_DOMAIN} || '', '.compute.internal')",
        attributes={"domain_name": _DOMAIN,
                    "domain_name_servers": "DhcpConfigurations[?Key=='domain-name-servers'].Values[].Value"},
        note="the region's default options (AWS's domain name) are skipped",
    ),
    ResourceSpec(
        type="aws_vpc_dhcp_options_association", service="ec2", list=Call("DescribeVpcs", items="Vpcs[]"),
        import_id="{VpcId}", exclude="IsDefault || DhcpOptionsId == 'default' || !DhcpOptionsId",
        drop_with_excluded=("dhcp_options_id",),
        references=(_VPC_ID, Reference("dhcp_options_id", "aws_vpc_dhcp_options", "DhcpOptionsId")),
        attributes={"vpc_id": "VpcId", "dhcp_options_id": "DhcpOptionsId"},
        note="a VPC's association with options of its own (not with the region's default options)",
    ),
    ResourceSpec(
        type="aws_egress_only_internet_gateway", service="ec2",
        list=Call("DescribeEgressOnlyInternetGateways", items="EgressOnlyInternetGateways[]"),
        import_id="{EgressOnlyInternetGatewayId}", identity={"tags.Name": NAME_TAG},
        references=(Reference("vpc_id", "aws_vpc", "Attachments[0].VpcId"),),
    ),
    ResourceSpec(
        type="aws_customer_gateway", service="ec2",
        list=Call("DescribeCustomerGateways", items="CustomerGateways[?State!='deleted' && State!='deleting']"),
        import_id="{CustomerGatewayId}", identity={"tags.Name": NAME_TAG, "ip_address": "IpAddress"},
        attributes={"ip_address": "IpAddress", "bgp_asn": "BgpAsn", "type": "Type"},
    ),
    ResourceSpec(
        type="aws_vpn_gateway", service="ec2",
        list=Call("DescribeVpnGateways", items="VpnGateways[?State!='deleted' && State!='deleting']"),
        import_id="{VpnGatewayId}", identity={"tags.Name": NAME_TAG},
        references=(Reference("vpc_id", "aws_vpc", "VpcAttachments[?State=='attached'].VpcId | [0]"),),
        attributes={"amazon_side_asn": "AmazonSideAsn", "type": "Type"},
    ),
    ResourceSpec(
        type="aws_ec2_managed_prefix_list", service="ec2",
        list=Call("DescribeManagedPrefixLists", items="PrefixLists[?OwnerId!='AWS' && State!='delete-complete']"),
        import_id="{PrefixListId}", identity={"name": "PrefixListName"}, aliases=("PrefixListArn",),
        attributes={"name": "PrefixListName", "address_family": "AddressFamily", "max_entries": "MaxEntries"},
        note="AWS-managed prefix lists (owner AWS) are skipped; entries need GetManagedPrefixListEntries: not read",
    ),
)
