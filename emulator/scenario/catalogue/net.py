"""Networking and Auto Scaling extras (prefix net-): each builder makes what a person makes by hand in the
console or CLI, with the supporting objects its fixture declares (tests/fixtures/types/<type>.tf.json)."""

from __future__ import annotations

from emulator.scenario.catalogue.shared import AMI
from emulator.scenario.context import BuildContext


def _tags(resource_type: str, name: str) -> list[dict]:
    return [{"ResourceType": resource_type, "Tags": [{"Key": "Name", "Value": name}]}]


def vpc(ctx: BuildContext, name: str, cidr: str) -> tuple[str, str]:
    """The VPC ``name`` with one /24 subnet in us-east-1a (made once per build): their IDs."""
    key = f"net-vpc:{name}"
    if key not in ctx.ids:
        ec2 = ctx.client("ec2")
        vpc_id = ec2.create_vpc(CidrBlock=cidr, TagSpecifications=_tags("vpc", name))["Vpc"]["VpcId"]
        subnet = ec2.create_subnet(VpcId=vpc_id, CidrBlock=cidr.replace(".0.0/16", ".1.0/24"),
                                   AvailabilityZone="us-east-1a", TagSpecifications=_tags("subnet", name))
        ctx.ids[key] = (vpc_id, subnet["Subnet"]["SubnetId"])
        ctx.record("aws_vpc", vpc_id, None)
        ctx.record("aws_subnet", ctx.ids[key][1], None)
    return ctx.ids[key]


def autoscaling_group(ctx: BuildContext) -> str:
    """net-web: a group of zero to two t3.micro instances (none running) from its launch template."""
    if "net-asg" not in ctx.ids:
        _, subnet = vpc(ctx, "net-asg", "10.72.0.0/16")
        template = ctx.client("ec2").create_launch_template(LaunchTemplateName="net-web", LaunchTemplateData={
            "ImageId": AMI, "InstanceType": "t3.micro"})["LaunchTemplate"]["LaunchTemplateId"]
        ctx.client("autoscaling").create_auto_scaling_group(
            AutoScalingGroupName="net-web", LaunchTemplate={"LaunchTemplateId": template, "Version": "$Latest"},
            MinSize=0, MaxSize=2, DesiredCapacity=0, VPCZoneIdentifier=subnet)
        ctx.record("aws_launch_template", template, None)
        ctx.record("aws_autoscaling_group", "net-web", None)
        ctx.ids["net-asg"] = "net-web"
    return ctx.ids["net-asg"]


def autoscaling_policy(ctx: BuildContext) -> None:
    """net-cpu: keep net-web's average CPU at 50 %."""
    group = autoscaling_group(ctx)
    ctx.client("autoscaling").put_scaling_policy(
        AutoScalingGroupName=group, PolicyName="net-cpu", PolicyType="TargetTrackingScaling",
        TargetTrackingConfiguration={"PredefinedMetricSpecification": {
            "PredefinedMetricType": "ASGAverageCPUUtilization"}, "TargetValue": 50.0})
    ctx.record("aws_autoscaling_policy", f"{group}/net-cpu", None)


def autoscaling_schedule(ctx: BuildContext) -> None:
    """net-night: net-web scales to zero every evening."""
    group = autoscaling_group(ctx)
    ctx.client("autoscaling").put_scheduled_update_group_action(
        AutoScalingGroupName=group, ScheduledActionName="net-night", Recurrence="0 22 * * *",
        MinSize=0, MaxSize=1, DesiredCapacity=0)
    ctx.record("aws_autoscaling_schedule", f"{group}/net-night", None)


BUILDERS = {
    "aws_autoscaling_group": autoscaling_group,
    "aws_autoscaling_policy": autoscaling_policy,
    "aws_autoscaling_schedule": autoscaling_schedule,
}
