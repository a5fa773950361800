"""EC2: an instance, a key pair, a volume, a launch template and a network ACL."""

from __future__ import annotations

from emulator.scenario.catalogue.shared import AMI
from emulator.scenario.context import BuildContext


def instance(ctx: BuildContext) -> None:
    """cat-web, a t3.micro in a subnet of its own VPC."""
    ec2 = ctx.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.60.0.0/16", TagSpecifications=[
        {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "cat-web"}]}])["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.60.1.0/24", AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
    instance_id = ec2.run_instances(ImageId=AMI, InstanceType="t3.micro", SubnetId=subnet, MinCount=1, MaxCount=1,
                                    TagSpecifications=[{"ResourceType": "instance", "Tags": [
                                        {"Key": "Name", "Value": "cat-web"}]}])["Instances"][0]["InstanceId"]
    ctx.record("aws_vpc", vpc, None)
    ctx.record("aws_subnet", subnet, None)
    ctx.record("aws_instance", instance_id, None)


# A public key (the private half was thrown away): tests/fixtures/types/aws_key_pair.tf.json holds it too.
PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJQyd2wGrCJ1rTU8MHj2LXG50NQMBVPpP2zLtdFsgJsc cat-ops"


def key_pair(ctx: BuildContext) -> None:
    """cat-ops, an imported SSH public key."""
    ctx.client("ec2").import_key_pair(KeyName="cat-ops", PublicKeyMaterial=PUBLIC_KEY.encode())
    ctx.record("aws_key_pair", "cat-ops", None)


def ebs_volume(ctx: BuildContext) -> None:
    """cat-data, an 8 GiB gp3 volume no instance uses yet."""
    volume = ctx.client("ec2").create_volume(AvailabilityZone="us-east-1a", Size=8, VolumeType="gp3",
                                             TagSpecifications=[{"ResourceType": "volume", "Tags": [
                                                 {"Key": "Name", "Value": "cat-data"}]}])["VolumeId"]
    ctx.record("aws_ebs_volume", volume, None)


def launch_template(ctx: BuildContext) -> None:
    """cat-web: the image and size cat-web's instances start with."""
    template = ctx.client("ec2").create_launch_template(LaunchTemplateName="cat-web", LaunchTemplateData={
        "ImageId": AMI, "InstanceType": "t3.micro"})["LaunchTemplate"]["LaunchTemplateId"]
    ctx.record("aws_launch_template", template, None)


def network_acl(ctx: BuildContext) -> None:
    """cat-edge: a VPC whose own ACL lets HTTPS in."""
    ec2 = ctx.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.61.0.0/16", TagSpecifications=[
        {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "cat-edge"}]}])["Vpc"]["VpcId"]
    acl = ec2.create_network_acl(VpcId=vpc, TagSpecifications=[{"ResourceType": "network-acl", "Tags": [
        {"Key": "Name", "Value": "cat-edge"}]}])["NetworkAcl"]["NetworkAclId"]
    ec2.create_network_acl_entry(NetworkAclId=acl, RuleNumber=100, Protocol="6", RuleAction="allow", Egress=False,
                                 CidrBlock="0.0.0.0/0", PortRange={"From": 443, "To": 443})
    ctx.record("aws_vpc", vpc, None)
    ctx.record("aws_network_acl", acl, None)


BUILDERS = {
    "aws_instance": instance,
    "aws_key_pair": key_pair,
    "aws_ebs_volume": ebs_volume,
    "aws_launch_template": launch_template,
    "aws_network_acl": network_acl,
}
