"""EC2 compute: instances (DescribeInstances, one call for all; user data is never read)."""

from importer.specs.base import Call, Reference, ResourceSpec
from importer.specs.ec2 import NAME_TAG

SPECS = (
    ResourceSpec(
        type="aws_instance", service="ec2", list=Call("DescribeInstances", items="Reservations[].Instances[]"),
        import_id="{InstanceId}", exclude="State.Name == 'terminated' || State.Name == 'shutting-down'",
        identity={"tags.Name": NAME_TAG, "instance_type": "InstanceType", "subnet_id": "SubnetId"},
        aliases=("PrivateIpAddress",),
        references=(Reference("subnet_id", "aws_subnet", "SubnetId"),
                    Reference("vpc_security_group_ids", "aws_security_group", "SecurityGroups[].GroupId")),
        attributes={"ami": "ImageId", "instance_type": "InstanceType", "subnet_id": "SubnetId",
                    "availability_zone": "Placement.AvailabilityZone", "private_ip": "PrivateIpAddress"},
        note="terminated and shutting-down instances are skipped; user_data needs DescribeInstanceAttribute: "
             "not read",
    ),
)
