"""ECS: clusters, their capacity providers, services and task definitions.

Clusters and task definitions come from their List calls alone (names and families are in the
ARNs). Services need one DescribeServices per service: ListServices gives only ARNs, and the
references (task definition, target groups, subnets, security groups) and the status are in the
description. Task definitions are never described (container definitions carry secrets and
environment values); their ARNs are their import IDs.
"""

from importer.specs.base import Call, Reference, ResourceSpec

_NAME = "split_part(Value, '/', `-1`)"  # the last part of a cluster or service ARN
_FAMILY_REVISION = "split_part(Value, '/', `1`)"  # task-definition/<family>:<revision>
_FAMILY = f"split_part({_FAMILY_REVISION}, ':', `0`)"
_AWSVPC = "networkConfiguration.awsvpcConfiguration"

SPECS = (
    ResourceSpec(
        type="aws_ecs_cluster", service="ecs", list=Call("ListClusters", items="clusterArns[]"),
        fields={"ClusterName": _NAME}, import_id="{ClusterName}", identity={"name": _NAME},
        aliases=("Value",), attributes={"arn": "Value", "id": "Value", "name": _NAME},  # id: the ARN
    ),
    ResourceSpec(
        type="aws_ecs_cluster_capacity_providers", service="ecs", list=Call("ListClusters", items="clusterArns[]"),
        detail=Call("DescribeClusters", items="clusters[0]", params={"clusters": "=[Value]"}),
        fields={"ClusterName": _NAME}, import_id="{ClusterName}",
        exclude="!capacityProviders && !defaultCapacityProviderStrategy",
        identity={"cluster_name": _NAME}, references=(Reference("cluster_name", "aws_ecs_cluster", "Value"),),
        attributes={"cluster_name": _NAME, "capacity_providers": "capacityProviders",
                    "default_capacity_provider_strategy": "defaultCapacityProviderStrategy"},
        note="one DescribeClusters per cluster; exists only when the cluster has capacity providers",
    ),
    ResourceSpec(
        type="aws_ecs_service", service="ecs", parent="aws_ecs_cluster",
        list=Call("ListServices", items="serviceArns[]", params={"cluster": "=Value"}),
        inherit={"ClusterArn": "Value", "ClusterName": _NAME},
        detail=Call("DescribeServices", items="services[0]", params={"cluster": "=ClusterArn", "services": "=[Value]"}),
        fields={"ServiceName": _NAME}, import_id="{ClusterName}/{ServiceName}",
        exclude="status != 'ACTIVE'",  # DRAINING: being deleted
        identity={"name": _NAME, "cluster": "ClusterArn"},
        references=(Reference("cluster", "aws_ecs_cluster", "ClusterArn"),
                    Reference("task_definition", "aws_ecs_task_definition", "taskDefinition"),
                    Reference("load_balancer.target_group_arn", "aws_lb_target_group",
                              "loadBalancers[].targetGroupArn"),
                    Reference("network_configuration.subnets", "aws_subnet", f"{_AWSVPC}.subnets"),
                    Reference("network_configuration.security_groups", "aws_security_group",
                              f"{_AWSVPC}.securityGroups"),
                    Reference("iam_role", "aws_iam_role", "roleArn")),
        # ARN; the name (CloudWatch ServiceName dimension); the scalable target's resource ID.
        aliases=("Value", _NAME, f"join('/', ['service', ClusterName, {_NAME}])"),
        attributes={"arn": "Value", "id": "Value", "name": _NAME, "launch_type": "launchType",
                    "desired_count": "desiredCount",
                    "scheduling_strategy": "schedulingStrategy", "propagate_tags": "propagateTags"},
        note="one DescribeServices per service (ListServices returns ARNs only); DRAINING services are skipped",
    ),
    ResourceSpec(
        type="aws_ecs_task_definition", service="ecs",
        list=Call("ListTaskDefinitions", items="taskDefinitionArns[]", params={"status": "ACTIVE"}),
        import_id="{Value}", identity={"family": _FAMILY}, aliases=(_FAMILY_REVISION,),
        attributes={"arn": "Value", "family": _FAMILY,
                    "revision": f"to_number(split_part({_FAMILY_REVISION}, ':', `1`))"},
        note="every ACTIVE revision is an object (older ACTIVE revisions of a family too); "
             "DescribeTaskDefinition is never called, so execution/task roles are not read",
    ),
)
