"""EC2 compute: instances, launch templates, key pairs, EBS volumes and attachments, network interfaces; one
Describe call per type.

User data (instances, launch templates) is never kept; a key pair's private key is never in AWS.
"""

from importer.specs.base import Call, Reference, ResourceSpec
from importer.specs.ec2 import NAME_TAG

SPECS = (
    ResourceSpec(
        type="aws_instance", service="ec2", list=Call("DescribeInstances", items="Reservations[].Instances[]"),
        import_id="{InstanceId}", exclude="State.Name == 'terminated' || State.Name == 'shutting-down' || "
                                          "tag(Tags, 'aws:autoscaling:groupName')",
        identity={"tags.Name": NAME_TAG, "instance_type": "InstanceType", "subnet_id": "SubnetId"},
        aliases=("PrivateIpAddress",),
        references=(Reference("subnet_id", "aws_subnet", "SubnetId"),
                    Reference("vpc_security_group_ids", "aws_security_group", "SecurityGroups[].GroupId")),
        attributes={"ami": "ImageId", "instance_type": "InstanceType", "subnet_id": "SubnetId",
                    "availability_zone": "Placement.AvailabilityZone", "private_ip": "PrivateIpAddress"},
        note="terminated and shutting-down instances and an Auto Scaling group's instances are skipped; user_data "
             "needs DescribeInstanceAttribute: not read",
    ),
    ResourceSpec(
        type="aws_launch_template", service="ec2", list=Call("DescribeLaunchTemplates", items="LaunchTemplates[]"),
        import_id="{LaunchTemplateId}", identity={"name": "LaunchTemplateName"}, aliases=("LaunchTemplateName",),
        attributes={"name": "LaunchTemplateName", "default_version": "DefaultVersionNumber",
                    "latest_version": "LatestVersionNumber"},
        note="the template's versions (DescribeLaunchTemplateVersions) are not read: references from them "
             "(security groups, instance profile) are not declared",
    ),
    ResourceSpec(
        type="aws_key_pair", service="ec2", list=Call("DescribeKeyPairs", items="KeyPairs[]"),
        import_id="{KeyName}", identity={"key_name": "KeyName"}, aliases=("KeyPairId",),
        attributes={"key_name": "KeyName", "key_pair_id": "KeyPairId", "fingerprint": "KeyFingerprint"},
    ),
    ResourceSpec(
        type="aws_ebs_volume", service="ec2", list=Call("DescribeVolumes", items="Volumes[]"),
        import_id="{VolumeId}", exclude="Attachments[?DeleteOnTermination]",
        identity={"tags.Name": NAME_TAG, "availability_zone": "AvailabilityZone", "size": "Size"},
        attributes={"availability_zone": "AvailabilityZone", "size": "Size", "type": "VolumeType",
                    "encrypted": "Encrypted"},
        references=(Reference("kms_key_id", "aws_kms_key", "KmsKeyId"),),
        note="volumes deleted with their instance (root and ebs_block_device volumes) belong to aws_instance",
    ),
    ResourceSpec(
        type="aws_volume_attachment", service="ec2", list=Call("DescribeVolumes", items="Volumes[]"),
        explode="Attachments[?!DeleteOnTermination]", import_id="{Device}:{VolumeId}:{InstanceId}",
        identity={"device_name": "Device"},
        references=(Reference("volume_id", "aws_ebs_volume", "VolumeId"),
                    Reference("instance_id", "aws_instance", "InstanceId")),
        attributes={"device_name": "Device", "volume_id": "VolumeId", "instance_id": "InstanceId"},
        note="attachments of volumes deleted with their instance (root, ebs_block_device) are the instance's",
    ),
    ResourceSpec(
        type="aws_network_interface", service="ec2",
        # An instance's own interfaces are the instance's; the ones AWS services manage are excluded (recorded,
        # so the EIP association of a NAT gateway's interface goes with them).
        list=Call("DescribeNetworkInterfaces", items="NetworkInterfaces[?!(Attachment.DeleteOnTermination) && "
                                                     "Attachment.DeviceIndex != `0`]"),
        import_id="{NetworkInterfaceId}", exclude="InterfaceType != 'interface' || RequesterManaged",
        identity={"tags.Name": "tag(TagSet, 'Name')", "description": "Description", "private_ip": "PrivateIpAddress"},
        aliases=("PrivateIpAddress",),
        references=(Reference("subnet_id", "aws_subnet", "SubnetId"),
                    Reference("security_groups", "aws_security_group", "Groups[].GroupId")),
        attributes={"subnet_id": "SubnetId", "private_ip": "PrivateIpAddress", "description": "Description"},
        note="interfaces AWS manages (load balancers, NAT gateways, endpoints, Lambda) and an instance's primary "
             "interface (index 0, the instance's) are skipped",
    ),
    ResourceSpec(
        type="aws_placement_group", service="ec2",
        list=Call("DescribePlacementGroups", items="PlacementGroups[?State!='deleted' && State!='deleting']"),
        import_id="{GroupName}", identity={"name": "GroupName", "strategy": "Strategy"},
        aliases=("GroupId", "GroupArn"),
        attributes={"name": "GroupName", "strategy": "Strategy", "spread_level": "SpreadLevel",
                    "partition_count": "PartitionCount"},
    ),
)
