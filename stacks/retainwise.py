"""The retainwise stack: the whole production architecture, sized by its EnvironmentConfig."""

from __future__ import annotations

import json
from pathlib import Path

from constructs import Construct

from stacks.base import EnvironmentStack
from stacks.config import EnvironmentConfig
from stacks.constructs.compute import Compute, ComputeInputs
from stacks.constructs.data import DATABASE_NAME, Data
from stacks.constructs.edge import Edge
from stacks.constructs.functions import FunctionInputs, Functions
from stacks.constructs.iam import Iam, IamInputs
from stacks.constructs.messaging import Messaging
from stacks.constructs.network import Network
from stacks.constructs.observability import AlarmSpec, Alarms, LogGroups, Parameters
from stacks.constructs.security import Security
from stacks.settings import ProviderSettings


class RetainwiseStack(EnvironmentStack):
    """Network, security, edge, data, messaging, IAM, compute, functions and observability."""

    def __init__(self, scope: Construct, config: EnvironmentConfig, settings: ProviderSettings, artifact_dir: Path) -> None:
        super().__init__(scope, config, settings)
        network = Network(self, "network", config=config)
        security = Security(self, "security", config=config, vpc_id=network.vpc.id)
        network.add_interface_endpoints(config, security.group_id("endpoints"))
        edge = Edge(
            self, "edge", config=config, vpc_id=network.vpc.id, public_subnet_ids=network.public_subnet_ids(),
            alb_security_group_id=security.group_id("alb"),
        )
        data = Data(
            self, "data", config=config, isolated_subnet_ids=network.isolated_subnet_ids(),
            database_security_group_id=security.group_id("database"),
        )
        messaging = Messaging(self, "messaging", config=config)
        logs = LogGroups(self, "logs", config=config)
        parameters = Parameters(self, "parameters", config=config, values={
            "log_level": "info" if config.name == "prod" else "debug",
            "database_host": data.database.address,
            "database_port": "5432",
            "database_name": DATABASE_NAME,
            "jobs_queue_url": messaging.jobs_queue.url,
            "notifications_queue_url": messaging.notifications_queue.url,
            "uploads_bucket": data.uploads.name,
            "api_base_url": f"https://api.{config.domain}",
            "worker_concurrency": str(max(2, config.worker.cpu // 256)),
            "feature_flags": json.dumps({"exports": True, "new_billing": config.name != "prod"}),
        })
        iam = Iam(self, "iam", config=config, inputs=IamInputs(
            account_id=self.caller.account_id, uploads_bucket_arn=data.uploads.arn, kms_key_arn=data.kms_key.arn,
            app_secret_arn=data.app_secret.arn, jobs_queue_arn=messaging.jobs_queue.arn,
            notifications_queue_arn=messaging.notifications_queue.arn,
        ))
        compute = Compute(self, "compute", config=config, inputs=ComputeInputs(
            execution_role_arn=iam.execution_role.arn,
            task_role_arns={"backend": iam.backend_task_role.arn, "worker": iam.worker_task_role.arn},
            subnet_ids=network.private_subnet_ids(),
            security_group_ids={"backend": security.group_id("backend"), "worker": security.group_id("worker")},
            log_group_names=logs.names(),
            environment={"APP_ENV": config.name, "CONFIG_PATH": parameters.path},
            secret_arns={
                "SECRET_KEY": data.app_secret.arn,
                "DATABASE_CREDENTIALS": data.database.master_user_secret.get(0).secret_arn,
            },
            target_group_arns=[group.arn for group in edge.target_groups.values()],
        ))
        functions = Functions(self, "functions", config=config, inputs=FunctionInputs(
            role_arn=iam.lambda_role.arn, subnet_ids=network.private_subnet_ids(),
            security_group_id=security.group_id("lambda"), jobs_queue_url=messaging.jobs_queue.url,
            log_group_name=logs.groups["scheduler"].name, artifact_dir=artifact_dir,
        ))
        Alarms(self, "alarms", config=config, alarm_topic_arn=messaging.alerts_topic.arn, alarms=_alarm_specs(
            config, edge, data, messaging, compute, functions,
        ))


def _alarm_specs(
    config: EnvironmentConfig, edge: Edge, data: Data, messaging: Messaging, compute: Compute, functions: Functions
) -> list[AlarmSpec]:
    """The alarms every environment has, with thresholds from its config."""
    queue = lambda q: {"QueueName": q.name}  # noqa: E731
    alb = {"LoadBalancer": edge.load_balancer.arn_suffix}
    database = {"DBInstanceIdentifier": data.database.identifier}
    function = {"FunctionName": functions.function.function_name}
    specs = [
        AlarmSpec("jobs-queue-depth", "AWS/SQS", "ApproximateNumberOfMessagesVisible", queue(messaging.jobs_queue),
                  config.alarm_queue_depth_threshold, statistic="Maximum"),
        AlarmSpec("jobs-oldest-message", "AWS/SQS", "ApproximateAgeOfOldestMessage", queue(messaging.jobs_queue),
                  900, statistic="Maximum"),
        AlarmSpec("jobs-dlq-not-empty", "AWS/SQS", "ApproximateNumberOfMessagesVisible",
                  queue(messaging.dead_letter_queue), 0, statistic="Maximum", evaluation_periods=1),
        AlarmSpec("notifications-queue-depth", "AWS/SQS", "ApproximateNumberOfMessagesVisible",
                  queue(messaging.notifications_queue), config.alarm_queue_depth_threshold, statistic="Maximum"),
        AlarmSpec("alb-5xx", "AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", alb, config.alarm_5xx_threshold,
                  statistic="Sum"),
        AlarmSpec("target-5xx", "AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", alb, config.alarm_5xx_threshold,
                  statistic="Sum"),
        AlarmSpec("target-response-time", "AWS/ApplicationELB", "TargetResponseTime", alb, 1.5),
        AlarmSpec("rds-cpu", "AWS/RDS", "CPUUtilization", database, config.alarm_cpu_threshold),
        AlarmSpec("rds-free-storage", "AWS/RDS", "FreeStorageSpace", database,
                  config.db_allocated_storage * 1024**3 // 10, comparison="LessThanThreshold"),
        AlarmSpec("rds-connections", "AWS/RDS", "DatabaseConnections", database, 400),
        AlarmSpec("scheduler-errors", "AWS/Lambda", "Errors", function, 0, statistic="Sum", evaluation_periods=1),
        AlarmSpec("scheduler-throttles", "AWS/Lambda", "Throttles", function, 0, statistic="Sum"),
        AlarmSpec("waf-blocked-requests", "AWS/WAFV2", "BlockedRequests",
                  {"WebACL": edge.web_acl.name, "Region": config.region, "Rule": "ALL"}, 1000, statistic="Sum"),
    ]
    for key, group in edge.target_groups.items():
        specs.append(AlarmSpec(f"{key}-unhealthy-hosts", "AWS/ApplicationELB", "UnHealthyHostCount",
                               {"LoadBalancer": edge.load_balancer.arn_suffix, "TargetGroup": group.arn_suffix},
                               0, statistic="Maximum"))
    for service in ("backend", "worker"):
        dimensions = {"ClusterName": compute.cluster.name, "ServiceName": compute.services[service].name}
        specs.append(AlarmSpec(f"{service}-cpu", "AWS/ECS", "CPUUtilization", dimensions, config.alarm_cpu_threshold))
        specs.append(AlarmSpec(f"{service}-memory", "AWS/ECS", "MemoryUtilization", dimensions, 85))
        specs.append(AlarmSpec(f"{service}-running-tasks", "ECS/ContainerInsights", "RunningTaskCount", dimensions,
                               getattr(config, service).min_count, statistic="Minimum",
                               comparison="LessThanThreshold"))
    return specs
