"""ECS ``CreateService`` stores and ``DescribeServices`` returns ``enableECSManagedTags``,
``enableExecuteCommand``, ``healthCheckGracePeriodSeconds``, ``availabilityZoneRebalancing``
(``ENABLED`` when a create request gives none), ``deploymentConfiguration`` (defaults
``maximumPercent`` 200, ``minimumHealthyPercent`` 100, circuit breaker off), placement and
capacity provider settings. The emulator's create dropped all of them (its update keeps them),
so provider 5.100 planned to change ``enable_ecs_managed_tags``,
``health_check_grace_period_seconds`` and ``availability_zone_rebalancing`` of every
``aws_ecs_service`` on each plan."""

from __future__ import annotations

from typing import Any

# Request member -> (attribute moto serializes it from, value AWS stores when it is not given).
CREATE_SETTINGS: dict[str, tuple[str, Any]] = {
    "enableECSManagedTags": ("enable_ecs_managed_tags", False),
    "enableExecuteCommand": ("enable_execute_command", False),
    "healthCheckGracePeriodSeconds": ("health_check_grace_period_seconds", None),
    "availabilityZoneRebalancing": ("availability_zone_rebalancing", "ENABLED"),
    "placementConstraints": ("placement_constraints", None),
    "placementStrategy": ("placement_strategy", None),
    "capacityProviderStrategy": ("capacity_provider_strategy", None),
}


def deployment_configuration(requested: dict[str, Any] | None) -> dict[str, Any]:
    """The deployment configuration AWS stores for ``requested`` (None: the defaults)."""
    config: dict[str, Any] = {
        "deploymentCircuitBreaker": {"enable": False, "rollback": False},
        "maximumPercent": 200,
        "minimumHealthyPercent": 100,
    }
    config.update(requested or {})
    return config


def apply() -> None:
    """Copy the settings of the create request onto the new service."""
    from moto.ecs.responses import EC2ContainerServiceResponse

    original_create = EC2ContainerServiceResponse.create_service

    def create_service(self: Any) -> Any:
        result = original_create(self)
        cluster = self._get_param("cluster", "default")
        service = self.ecs_backend._get_service(cluster, self._get_param("serviceName"))
        for member, (attribute, default) in CREATE_SETTINGS.items():
            value = self._get_param(member)
            setattr(service, attribute, default if value is None else value)
        service.deployment_configuration = deployment_configuration(self._get_param("deploymentConfiguration"))
        return result

    EC2ContainerServiceResponse.create_service = create_service
