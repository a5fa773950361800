"""Observability, as built by hand: log groups, configuration parameters and metric alarms."""

from __future__ import annotations

import json

from emulator.scenario.context import BuildContext


def log_group(ctx: BuildContext, name: str, code_path: str) -> str:
    """A log group with the environment's retention; returns its ARN (without ``:*``)."""
    logs = ctx.client("logs")
    logs.create_log_group(logGroupName=name, tags=ctx.tags())
    logs.put_retention_policy(logGroupName=name, retentionInDays=ctx.config.log_retention_days)
    ctx.record("aws_cloudwatch_log_group", name, code_path)
    return ctx.arn("logs", f"log-group:{name}")


def build_log_groups(ctx: BuildContext) -> None:
    """One log group per ECS service and for the scheduler function."""
    names = {
        "backend": f"/ecs/{ctx.prefix}/backend",
        "worker": f"/ecs/{ctx.prefix}/worker",
        "scheduler": f"/aws/lambda/{ctx.prefix}-scheduler",
    }
    for key, name in names.items():
        log_group(ctx, name, f"logs/{key}_log_group")
    ctx.ids["log_groups"] = names


def build_parameters(ctx: BuildContext) -> None:
    """Plain String parameters under ``/<prefix>/config/``."""
    config, ids = ctx.config, ctx.ids
    values = {
        "log_level": "info" if config.name == "prod" else "debug",
        "database_host": ids["database_address"],
        "database_port": "5432",
        "database_name": "retainwise",
        "jobs_queue_url": ids["jobs_queue_url"],
        "notifications_queue_url": ids["notifications_queue_url"],
        "uploads_bucket": f"{ctx.prefix}-uploads",
        "api_base_url": f"https://api.{config.domain}",
        "worker_concurrency": str(max(2, config.worker.cpu // 256)),
        "feature_flags": json.dumps({"exports": True, "new_billing": config.name != "prod"}),
    }
    ssm = ctx.client("ssm")
    for key, value in values.items():
        name = f"/{ctx.prefix}/config/{key}"
        ssm.put_parameter(Name=name, Value=value, Type="String", Tier="Standard", Tags=ctx.tag_list())
        ctx.record("aws_ssm_parameter", name, f"parameters/{key}_parameter")


def _number(value: float) -> str:
    """How Python prints the threshold in the stack's alarm description."""
    return str(value)


def build_alarms(ctx: BuildContext) -> None:
    """The 21 alarms of the stack, each notifying the alerts topic."""
    config, ids, prefix = ctx.config, ctx.ids, ctx.prefix
    queue = lambda name: {"QueueName": name}  # noqa: E731
    alb = {"LoadBalancer": ids["alb_arn_suffix"]}
    database = {"DBInstanceIdentifier": f"{prefix}-postgres"}
    function = {"FunctionName": f"{prefix}-scheduler"}
    specs = [
        ("jobs-queue-depth", "AWS/SQS", "ApproximateNumberOfMessagesVisible", queue(f"{prefix}-jobs"),
         config.alarm_queue_depth_threshold, "Maximum", "GreaterThanThreshold", 2),
        ("jobs-oldest-message", "AWS/SQS", "ApproximateAgeOfOldestMessage", queue(f"{prefix}-jobs"), 900,
         "Maximum", "GreaterThanThreshold", 2),
        ("jobs-dlq-not-empty", "AWS/SQS", "ApproximateNumberOfMessagesVisible", queue(f"{prefix}-jobs-dlq"), 0,
         "Maximum", "GreaterThanThreshold", 1),
        ("notifications-queue-depth", "AWS/SQS", "ApproximateNumberOfMessagesVisible",
         queue(f"{prefix}-notifications"), config.alarm_queue_depth_threshold, "Maximum", "GreaterThanThreshold", 2),
        ("alb-5xx", "AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", alb, config.alarm_5xx_threshold, "Sum",
         "GreaterThanThreshold", 2),
        ("target-5xx", "AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", alb, config.alarm_5xx_threshold, "Sum",
         "GreaterThanThreshold", 2),
        ("target-response-time", "AWS/ApplicationELB", "TargetResponseTime", alb, 1.5, "Average",
         "GreaterThanThreshold", 2),
        ("rds-cpu", "AWS/RDS", "CPUUtilization", database, config.alarm_cpu_threshold, "Average",
         "GreaterThanThreshold", 2),
        ("rds-free-storage", "AWS/RDS", "FreeStorageSpace", database, config.db_allocated_storage * 1024**3 // 10,
         "Average", "LessThanThreshold", 2),
        ("rds-connections", "AWS/RDS", "DatabaseConnections", database, 400, "Average", "GreaterThanThreshold", 2),
        ("scheduler-errors", "AWS/Lambda", "Errors", function, 0, "Sum", "GreaterThanThreshold", 1),
        ("scheduler-throttles", "AWS/Lambda", "Throttles", function, 0, "Sum", "GreaterThanThreshold", 2),
        ("waf-blocked-requests", "AWS/WAFV2", "BlockedRequests",
         {"WebACL": f"{prefix}-web-acl", "Region": ctx.region, "Rule": "ALL"}, 1000, "Sum", "GreaterThanThreshold", 2),
    ]
    for key, suffix in ids["target_group_arn_suffixes"].items():
        specs.append((f"{key}-unhealthy-hosts", "AWS/ApplicationELB", "UnHealthyHostCount",
                      {"LoadBalancer": ids["alb_arn_suffix"], "TargetGroup": suffix}, 0, "Maximum",
                      "GreaterThanThreshold", 2))
    for service in ("backend", "worker"):
        dimensions = {"ClusterName": f"{prefix}-cluster", "ServiceName": f"{prefix}-{service}"}
        specs += [
            (f"{service}-cpu", "AWS/ECS", "CPUUtilization", dimensions, config.alarm_cpu_threshold, "Average",
             "GreaterThanThreshold", 2),
            (f"{service}-memory", "AWS/ECS", "MemoryUtilization", dimensions, 85, "Average",
             "GreaterThanThreshold", 2),
            (f"{service}-running-tasks", "ECS/ContainerInsights", "RunningTaskCount", dimensions,
             getattr(config, service).min_count, "Minimum", "LessThanThreshold", 2),
        ]
    cloudwatch = ctx.client("cloudwatch")
    for key, namespace, metric, dimensions, threshold, statistic, comparison, periods in specs:
        name = f"{prefix}-{key}"
        cloudwatch.put_metric_alarm(
            AlarmName=name, AlarmDescription=f"{metric} {comparison} {_number(threshold)}", Namespace=namespace,
            MetricName=metric, Dimensions=[{"Name": k, "Value": v} for k, v in dimensions.items()],
            Statistic=statistic, ComparisonOperator=comparison, Threshold=float(threshold), Period=300,
            EvaluationPeriods=periods, TreatMissingData="notBreaching", AlarmActions=[ids["alerts_topic_arn"]],
            OKActions=[ids["alerts_topic_arn"]], Tags=ctx.tag_list(),
        )
        ctx.record("aws_cloudwatch_metric_alarm", name, f"alarms/{key.replace('-', '_')}_alarm")
