"""EC2 network ACLs (the VPC's default ACL is AWS's: skipped, with its rules and associations), their rules
and subnet associations; all three from the one DescribeNetworkAcls call.

A rule or association is also the ACL's inline ``ingress``/``egress`` block or ``subnet_ids`` element: when the
code's ACL holds them inline, the live objects are that ACL's (``inline_in``), not unmanaged.
"""

from importer.specs.base import Call, Reference, ResourceSpec
from importer.specs.ec2 import NAME_TAG

_ACLS = Call("DescribeNetworkAcls", items="NetworkAcls[]")
_ACL = Reference("network_acl_id", "aws_network_acl", "NetworkAclId")
_RULE = {"rule_number": "RuleNumber", "egress": "Egress", "protocol": "Protocol", "rule_action": "RuleAction",
         "cidr_block": "CidrBlock", "ipv6_cidr_block": "Ipv6CidrBlock", "from_port": "PortRange.From",
         "to_port": "PortRange.To"}

SPECS = (
    ResourceSpec(
        type="aws_network_acl", service="ec2", list=_ACLS,
        import_id="{NetworkAclId}", exclude="IsDefault", drop_with_excluded=("vpc_id",),
        identity={"tags.Name": NAME_TAG, "vpc_id": "VpcId"},
        references=(Reference("vpc_id", "aws_vpc", "VpcId"),
                    Reference("subnet_ids", "aws_subnet", "Associations[].SubnetId")),
        attributes={"vpc_id": "VpcId", "subnet_ids": "Associations[].SubnetId"},
        note="ingress and egress rules are read as the ACL's inline blocks (and as aws_network_acl_rule)",
    ),
    ResourceSpec(
        type="aws_network_acl_rule", service="ec2", list=_ACLS,
        explode="Entries[?RuleNumber < `32767`]", inherit={"NetworkAclId": "NetworkAclId"},
        fields={"Direction": "Egress && 'true' || 'false'"},
        import_id="{NetworkAclId}:{RuleNumber}:{Protocol}:{Direction}", drop_with_excluded=("network_acl_id",),
        identity={"rule_number": "RuleNumber", "egress": "Egress"}, references=(_ACL,), attributes=_RULE,
        inline_in=("aws_network_acl", "ingress", "egress"),
        note="the catch-all rule (32767, AWS's) is skipped; protocol is AWS's number (tcp is 6)",
    ),
    ResourceSpec(
        type="aws_network_acl_association", service="ec2", list=_ACLS,
        explode="Associations[]", inherit={"NetworkAclId": "NetworkAclId"},
        import_id="{NetworkAclAssociationId}", drop_with_excluded=("network_acl_id",),
        references=(_ACL, Reference("subnet_id", "aws_subnet", "SubnetId")),
        attributes={"subnet_id": "SubnetId"}, inline_in=("aws_network_acl", "subnet_ids"),
        note="associations with the default ACL (every subnet has one until it is moved) are skipped",
    ),
)
