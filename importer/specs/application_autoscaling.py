"""Application Auto Scaling, ``ecs`` namespace: scalable targets and scaling policies.

Both calls need a ServiceNamespace; only ``ecs`` is read (one Call per spec). Target tracking
policies create CloudWatch alarms (TargetTracking-...) that belong to the policy, not the code.
"""

from importer.specs.base import Call, Reference, ResourceSpec

_ECS = {"ServiceNamespace": "ecs"}
_TARGET_IDENTITY = {"service_namespace": "ServiceNamespace", "resource_id": "ResourceId",
                    "scalable_dimension": "ScalableDimension"}

SPECS = (
    ResourceSpec(
        type="aws_appautoscaling_target", service="application-autoscaling",
        list=Call("DescribeScalableTargets", items="ScalableTargets[]", params=_ECS),
        import_id="{ServiceNamespace}/{ResourceId}/{ScalableDimension}", identity=_TARGET_IDENTITY,
        # resource_id is service/<cluster>/<service>, an alias of the ECS service.
        references=(Reference("resource_id", "aws_ecs_service", "ResourceId"),
                    Reference("role_arn", "aws_iam_role", "RoleARN")),
        # ResourceId is also Terraform's id of the target (what a policy's resource_id holds).
        aliases=("ScalableTargetARN", "ResourceId"),
        attributes={**_TARGET_IDENTITY, "min_capacity": "MinCapacity", "max_capacity": "MaxCapacity"},
        note="ecs namespace only",
    ),
    ResourceSpec(
        type="aws_appautoscaling_policy", service="application-autoscaling",
        list=Call("DescribeScalingPolicies", items="ScalingPolicies[]", params=_ECS),
        import_id="{ServiceNamespace}/{ResourceId}/{ScalableDimension}/{PolicyName}",
        identity={"name": "PolicyName", **_TARGET_IDENTITY},
        references=(Reference("resource_id", "aws_appautoscaling_target", "ResourceId"),),
        aliases=("PolicyARN",),
        attributes={"name": "PolicyName", "policy_type": "PolicyType",
                    "target_tracking_scaling_policy_configuration.target_value":
                        "TargetTrackingScalingPolicyConfiguration.TargetValue"},
        note="ecs namespace only; service_namespace and scalable_dimension (usually references to the target "
             "too) are identity keys, their values are not identifiers of the target",
    ),
)
