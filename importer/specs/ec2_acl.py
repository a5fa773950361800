"""EC2 network ACLs (the VPC's default ACL is AWS's: skipped). Rules stay inline in the ACL."""

from importer.specs.base import Call, Reference, ResourceSpec
from importer.specs.ec2 import NAME_TAG

SPECS = (
    ResourceSpec(
        type="aws_network_acl", service="ec2", list=Call("DescribeNetworkAcls", items="NetworkAcls[]"),
        import_id="{NetworkAclId}", exclude="IsDefault", drop_with_excluded=("vpc_id",),
        identity={"tags.Name": NAME_TAG, "vpc_id": "VpcId"},
        references=(Reference("vpc_id", "aws_vpc", "VpcId"),
                    Reference("subnet_ids", "aws_subnet", "Associations[].SubnetId")),
        attributes={"vpc_id": "VpcId", "subnet_ids": "Associations[].SubnetId"},
        note="ingress and egress rules are read as the ACL's inline blocks (aws_network_acl_rule is another type)",
    ),
)
