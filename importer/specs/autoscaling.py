"""EC2 Auto Scaling: groups, their scaling policies and scheduled actions; one Describe call per type.

Target tracking policies create CloudWatch alarms (TargetTracking-...) that belong to the policy, not the code.
"""

from importer.specs.base import Call, Reference, ResourceSpec

_GROUP = Reference("autoscaling_group_name", "aws_autoscaling_group", "AutoScalingGroupName")

SPECS = (
    ResourceSpec(
        type="aws_autoscaling_group", service="autoscaling",
        list=Call("DescribeAutoScalingGroups", items="AutoScalingGroups[]"),
        import_id="{AutoScalingGroupName}", identity={"name": "AutoScalingGroupName"},
        aliases=("AutoScalingGroupARN",),
        references=(Reference("launch_template.id", "aws_launch_template", "LaunchTemplate.LaunchTemplateId"),
                    Reference("target_group_arns", "aws_lb_target_group", "TargetGroupARNs"),
                    Reference("service_linked_role_arn", "aws_iam_role", "ServiceLinkedRoleARN")),
        attributes={"name": "AutoScalingGroupName", "arn": "AutoScalingGroupARN", "min_size": "MinSize",
                    "max_size": "MaxSize", "desired_capacity": "DesiredCapacity",
                    "health_check_type": "HealthCheckType"},
        note="vpc_zone_identifier is one comma-separated string in the answer: not a reference; a launch "
             "configuration is no spec type",
    ),
    ResourceSpec(
        type="aws_autoscaling_policy", service="autoscaling", list=Call("DescribePolicies", items="ScalingPolicies[]"),
        import_id="{AutoScalingGroupName}/{PolicyName}",
        identity={"name": "PolicyName", "autoscaling_group_name": "AutoScalingGroupName"},
        references=(_GROUP,), aliases=("PolicyARN",),
        attributes={"name": "PolicyName", "arn": "PolicyARN", "policy_type": "PolicyType"},
    ),
    ResourceSpec(
        type="aws_autoscaling_schedule", service="autoscaling",
        list=Call("DescribeScheduledActions", items="ScheduledUpdateGroupActions[]"),
        import_id="{AutoScalingGroupName}/{ScheduledActionName}",
        identity={"scheduled_action_name": "ScheduledActionName", "autoscaling_group_name": "AutoScalingGroupName"},
        references=(_GROUP,), aliases=("ScheduledActionARN",),
        attributes={"scheduled_action_name": "ScheduledActionName", "recurrence": "Recurrence",
                    "min_size": "MinSize", "max_size": "MaxSize", "desired_capacity": "DesiredCapacity"},
    ),
)
