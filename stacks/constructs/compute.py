"""Compute: the ECS cluster, ECR repositories, task definitions and services for the backend
and the worker, a one-off migration task, and target-tracking auto scaling of the backend."""

from __future__ import annotations

import json
from dataclasses import dataclass

from constructs import Construct
from stacks.aws import (
    AppautoscalingPolicy, AppautoscalingTarget, EcrLifecyclePolicy, EcrRepository, EcsCluster, EcsClusterSetting,
    EcsService, EcsServiceLoadBalancer, EcsTaskDefinition,
)

from stacks.config import EnvironmentConfig, ServiceSize
from stacks.constructs.security import APP_PORT

KEEP_TAGGED_IMAGES = 30
SCALING_TARGETS = {"cpu": ("ECSServiceAverageCPUUtilization", 60), "memory": ("ECSServiceAverageMemoryUtilization", 75)}


@dataclass(frozen=True)
class ComputeInputs:
    """What the services run with: roles, network placement, log groups, settings and secrets."""

    execution_role_arn: str
    task_role_arns: dict[str, str]
    subnet_ids: list[str]
    security_group_ids: dict[str, str]
    log_group_names: dict[str, str]
    environment: dict[str, str]
    secret_arns: dict[str, str]
    target_group_arns: list[str]


def _lifecycle_policy() -> str:
    return json.dumps({"rules": [
        {"rulePriority": 1, "description": "Expire untagged images after 7 days",
         "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 7},
         "action": {"type": "expire"}},
        {"rulePriority": 2, "description": f"Keep the last {KEEP_TAGGED_IMAGES} images",
         "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": KEEP_TAGGED_IMAGES},
         "action": {"type": "expire"}},
    ]})


class Compute(Construct):
    """ECS on Fargate."""

    def __init__(self, scope: Construct, construct_id: str, *, config: EnvironmentConfig, inputs: ComputeInputs) -> None:
        super().__init__(scope, construct_id)
        self._config = config
        self._inputs = inputs
        prefix = config.prefix
        self.cluster = EcsCluster(
            self, "cluster", name=f"{prefix}-cluster", setting=[EcsClusterSetting(name="containerInsights", value="enabled")],
        )
        self.repositories = {}
        for service in ("backend", "worker"):
            repository = EcrRepository(
                self, f"{service}_repository", name=f"{prefix}-{service}", image_tag_mutability="IMMUTABLE",
                image_scanning_configuration={"scan_on_push": True}, force_delete=False,
            )
            EcrLifecyclePolicy(self, f"{service}_repository_lifecycle", repository=repository.name,
                               policy=_lifecycle_policy())
            self.repositories[service] = repository
        backend_image = f"{self.repositories['backend'].repository_url}:{config.image_tag}"
        self.task_definitions = {
            "backend": self._task_definition("backend", config.backend, backend_image, ["serve"], APP_PORT),
            "worker": self._task_definition(
                "worker", config.worker, f"{self.repositories['worker'].repository_url}:{config.image_tag}",
                ["work"], None),
            "migrate": self._task_definition("migrate", config.backend, backend_image, ["migrate"], None),
        }
        self.services = {
            "backend": self._service("backend", config.backend, inputs.target_group_arns),
            "worker": self._service("worker", config.worker, []),
        }
        self._autoscaling(config.backend)

    def _task_definition(
        self, name: str, size: ServiceSize, image: str, command: list[str], port: int | None
    ) -> EcsTaskDefinition:
        prefix = self._config.prefix
        log_service = "backend" if name == "migrate" else name
        container = {
            "name": name,
            "image": image,
            "essential": True,
            "command": command,
            "environment": [{"name": key, "value": value} for key, value in sorted(self._inputs.environment.items())],
            "secrets": [{"name": key, "valueFrom": arn} for key, arn in sorted(self._inputs.secret_arns.items())],
            "logConfiguration": {"logDriver": "awslogs", "options": {
                "awslogs-group": self._inputs.log_group_names[log_service],
                "awslogs-region": self._config.region,
                "awslogs-stream-prefix": name,
            }},
            "portMappings": [{"containerPort": port, "protocol": "tcp"}] if port else [],
        }
        return EcsTaskDefinition(
            self, f"{name}_task_definition", family=f"{prefix}-{name}", cpu=str(size.cpu), memory=str(size.memory),
            network_mode="awsvpc", requires_compatibilities=["FARGATE"],
            execution_role_arn=self._inputs.execution_role_arn,
            task_role_arn=self._inputs.task_role_arns["worker" if name == "worker" else "backend"],
            container_definitions=json.dumps([container]),
            runtime_platform={"operating_system_family": "LINUX", "cpu_architecture": "ARM64"},
        )

    def _service(self, name: str, size: ServiceSize, target_group_arns: list[str]) -> EcsService:
        return EcsService(
            self, f"{name}_service", name=f"{self._config.prefix}-{name}", cluster=self.cluster.arn,
            # family:revision, the form the provider reads back on import (an ARN would plan a change)
            task_definition=f"{self.task_definitions[name].family}:{self.task_definitions[name].revision}",
            desired_count=size.desired_count, launch_type="FARGATE",
            network_configuration={"subnets": self._inputs.subnet_ids,
                                   "security_groups": [self._inputs.security_group_ids[name]],
                                   "assign_public_ip": False},
            load_balancer=[EcsServiceLoadBalancer(target_group_arn=arn, container_name=name, container_port=APP_PORT)
                           for arn in target_group_arns],
            deployment_circuit_breaker={"enable": True, "rollback": True},
            deployment_minimum_healthy_percent=100, deployment_maximum_percent=200,
            health_check_grace_period_seconds=60 if target_group_arns else None,
            propagate_tags="SERVICE", enable_ecs_managed_tags=True, availability_zone_rebalancing="ENABLED",
            # Auto scaling owns the running count once the service exists.
            lifecycle={"ignore_changes": ["desired_count"]},
        )

    def _autoscaling(self, size: ServiceSize) -> None:
        target = AppautoscalingTarget(
            self, "backend_scaling_target", service_namespace="ecs", scalable_dimension="ecs:service:DesiredCount",
            resource_id=f"service/{self.cluster.name}/{self.services['backend'].name}",
            min_capacity=size.min_count, max_capacity=size.max_count,
        )
        for key, (metric, target_value) in SCALING_TARGETS.items():
            AppautoscalingPolicy(
                self, f"backend_{key}_scaling", name=f"{self._config.prefix}-backend-{key}",
                policy_type="TargetTrackingScaling", service_namespace=target.service_namespace,
                resource_id=target.resource_id, scalable_dimension=target.scalable_dimension,
                target_tracking_scaling_policy_configuration={
                    "target_value": target_value, "scale_in_cooldown": 300, "scale_out_cooldown": 60,
                    "predefined_metric_specification": {"predefined_metric_type": metric},
                },
            )
