"""Compute, as built by hand: ECR, the ECS cluster, task definitions, services, auto scaling."""

from __future__ import annotations

import json

from emulator.scenario.context import BuildContext

KEEP_TAGGED_IMAGES = 30
SCALING = {"cpu": ("ECSServiceAverageCPUUtilization", 60.0), "memory": ("ECSServiceAverageMemoryUtilization", 75.0)}


def _lifecycle_policy() -> str:
    return json.dumps({"rules": [
        {"rulePriority": 1, "description": "Expire untagged images after 7 days",
         "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 7},
         "action": {"type": "expire"}},
        {"rulePriority": 2, "description": f"Keep the last {KEEP_TAGGED_IMAGES} images",
         "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": KEEP_TAGGED_IMAGES},
         "action": {"type": "expire"}},
    ]})


def build(ctx: BuildContext) -> None:
    """Repositories, cluster, three task definitions, two services and backend scaling."""
    prefix, config, ids = ctx.prefix, ctx.config, ctx.ids
    ecr, ecs = ctx.client("ecr"), ctx.client("ecs")
    repository_uris = {}
    for service in ("backend", "worker"):
        name = f"{prefix}-{service}"
        repository_uris[service] = ecr.create_repository(
            repositoryName=name, imageTagMutability="IMMUTABLE", imageScanningConfiguration={"scanOnPush": True},
            tags=ctx.tag_list())["repository"]["repositoryUri"]
        ctx.record("aws_ecr_repository", name, f"compute/{service}_repository")
        ecr.put_lifecycle_policy(repositoryName=name, lifecyclePolicyText=_lifecycle_policy())
        ctx.record("aws_ecr_lifecycle_policy", name, f"compute/{service}_repository_lifecycle")
    cluster = f"{prefix}-cluster"
    ecs.create_cluster(clusterName=cluster, settings=[{"name": "containerInsights", "value": "enabled"}],
                       tags=ctx.tag_list(key="key", value="value"))
    ctx.record("aws_ecs_cluster", cluster, "compute/cluster")
    task_definitions = {
        "backend": _task_definition(ctx, "backend", config.backend, repository_uris["backend"], ["serve"], 8000),
        "worker": _task_definition(ctx, "worker", config.worker, repository_uris["worker"], ["work"], None),
        "migrate": _task_definition(ctx, "migrate", config.backend, repository_uris["backend"], ["migrate"], None),
    }
    for name, size in (("backend", config.backend), ("worker", config.worker)):
        balancers = [{"targetGroupArn": arn, "containerName": name, "containerPort": 8000}
                     for arn in ids["target_group_arns"].values()] if name == "backend" else []
        extra = {"healthCheckGracePeriodSeconds": 60} if balancers else {}
        ecs.create_service(
            cluster=cluster, serviceName=f"{prefix}-{name}", taskDefinition=task_definitions[name],
            desiredCount=size.desired_count, launchType="FARGATE", loadBalancers=balancers,
            networkConfiguration={"awsvpcConfiguration": {
                "subnets": ids["subnets"]["private"], "securityGroups": [ids["security_groups"][name]],
                "assignPublicIp": "DISABLED"}},
            deploymentConfiguration={"deploymentCircuitBreaker": {"enable": True, "rollback": True},
                                     "maximumPercent": 200, "minimumHealthyPercent": 100},
            propagateTags="SERVICE", enableECSManagedTags=True, availabilityZoneRebalancing="ENABLED", tags=ctx.tag_list(key="key", value="value"), **extra,
        )
        ctx.record("aws_ecs_service", f"{cluster}/{prefix}-{name}", f"compute/{name}_service")
    _autoscaling(ctx, cluster, f"{prefix}-backend", config.backend)


def _task_definition(ctx: BuildContext, name: str, size, repository_uri: str, command: list[str],
                     port: int | None) -> str:
    ids, prefix = ctx.ids, ctx.prefix
    container = {
        "name": name, "image": f"{repository_uri}:{ctx.config.image_tag}", "essential": True, "command": command,
        "environment": [{"name": "APP_ENV", "value": ctx.config.name},
                        {"name": "CONFIG_PATH", "value": f"/{prefix}/config"}],
        "secrets": [{"name": "DATABASE_CREDENTIALS", "valueFrom": ids["database_secret_arn"]},
                    {"name": "SECRET_KEY", "valueFrom": ids["app_secret_arn"]}],
        "logConfiguration": {"logDriver": "awslogs", "options": {
            "awslogs-group": ids["log_groups"]["backend" if name == "migrate" else name],
            "awslogs-region": ctx.region, "awslogs-stream-prefix": name}},
        "portMappings": [{"containerPort": port, "protocol": "tcp"}] if port else [],
    }
    arn = ctx.client("ecs").register_task_definition(
        family=f"{prefix}-{name}", cpu=str(size.cpu), memory=str(size.memory), networkMode="awsvpc",
        requiresCompatibilities=["FARGATE"], executionRoleArn=ids["execution_role_arn"],
        taskRoleArn=ids["worker_task_role_arn" if name == "worker" else "backend_task_role_arn"],
        containerDefinitions=[container], runtimePlatform={"operatingSystemFamily": "LINUX", "cpuArchitecture": "ARM64"},
        tags=ctx.tag_list(key="key", value="value"),
    )["taskDefinition"]["taskDefinitionArn"]
    ctx.record("aws_ecs_task_definition", arn, f"compute/{name}_task_definition")
    return arn


def _autoscaling(ctx: BuildContext, cluster: str, service: str, size) -> None:
    scaling = ctx.client("application-autoscaling")
    resource_id = f"service/{cluster}/{service}"
    dimension = "ecs:service:DesiredCount"
    scaling.register_scalable_target(
        ServiceNamespace="ecs", ResourceId=resource_id, ScalableDimension=dimension,
        MinCapacity=size.min_count, MaxCapacity=size.max_count, Tags=ctx.tags())
    ctx.record("aws_appautoscaling_target", f"ecs/{resource_id}/{dimension}", "compute/backend_scaling_target")
    for key, (metric, target) in SCALING.items():
        name = f"{ctx.prefix}-backend-{key}"
        scaling.put_scaling_policy(
            PolicyName=name, ServiceNamespace="ecs", ResourceId=resource_id, ScalableDimension=dimension,
            PolicyType="TargetTrackingScaling", TargetTrackingScalingPolicyConfiguration={
                "TargetValue": target, "ScaleInCooldown": 300, "ScaleOutCooldown": 60,
                "PredefinedMetricSpecification": {"PredefinedMetricType": metric}})
        ctx.record("aws_appautoscaling_policy", f"ecs/{resource_id}/{dimension}/{name}",
                   f"compute/backend_{key}_scaling")
