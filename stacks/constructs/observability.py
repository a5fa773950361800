"""Observability: log groups per service, SSM parameters with the application's (non-secret)
configuration, and CloudWatch alarms that notify the alerts topic."""

from __future__ import annotations

from dataclasses import dataclass

from constructs import Construct
from stacks.aws import CloudwatchLogGroup, CloudwatchMetricAlarm, SsmParameter

from stacks.config import EnvironmentConfig


class LogGroups(Construct):
    """One log group per ECS service and for the scheduler function."""

    def __init__(self, scope: Construct, construct_id: str, *, config: EnvironmentConfig) -> None:
        super().__init__(scope, construct_id)
        names = {
            "backend": f"/ecs/{config.prefix}/backend",
            "worker": f"/ecs/{config.prefix}/worker",
            "scheduler": f"/aws/lambda/{config.prefix}-scheduler",
        }
        self.groups = {
            key: CloudwatchLogGroup(self, f"{key}_log_group", name=name, retention_in_days=config.log_retention_days)
            for key, name in names.items()
        }

    def names(self) -> dict[str, str]:
        """Log group names by service key."""
        return {key: group.name for key, group in self.groups.items()}


class Parameters(Construct):
    """Plain (String) SSM parameters under ``/<prefix>/config/``; secrets never go here."""

    def __init__(self, scope: Construct, construct_id: str, *, config: EnvironmentConfig, values: dict[str, str]) -> None:
        super().__init__(scope, construct_id)
        self.path = f"/{config.prefix}/config"
        self.parameters = {
            key: SsmParameter(self, f"{key}_parameter", name=f"{self.path}/{key}", type="String", value=value,
                              tier="Standard")
            for key, value in values.items()
        }


@dataclass(frozen=True)
class AlarmSpec:
    """One threshold alarm on one metric."""

    key: str
    namespace: str
    metric: str
    dimensions: dict[str, str]
    threshold: float
    statistic: str = "Average"
    comparison: str = "GreaterThanThreshold"
    period: int = 300
    evaluation_periods: int = 2
    description: str = ""


class Alarms(Construct):
    """Metric alarms, each named ``<prefix>-<key>`` and notifying the alerts topic."""

    def __init__(
        self, scope: Construct, construct_id: str, *, config: EnvironmentConfig, alarms: list[AlarmSpec],
        alarm_topic_arn: str,
    ) -> None:
        super().__init__(scope, construct_id)
        self.alarms = {
            spec.key: CloudwatchMetricAlarm(
                self, f"{spec.key.replace('-', '_')}_alarm", alarm_name=f"{config.prefix}-{spec.key}",
                alarm_description=spec.description or f"{spec.metric} {spec.comparison} {spec.threshold}",
                namespace=spec.namespace, metric_name=spec.metric, dimensions=spec.dimensions,
                statistic=spec.statistic, comparison_operator=spec.comparison, threshold=spec.threshold,
                period=spec.period, evaluation_periods=spec.evaluation_periods, treat_missing_data="notBreaching",
                alarm_actions=[alarm_topic_arn], ok_actions=[alarm_topic_arn],
            )
            for spec in alarms
        }
