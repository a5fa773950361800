"""The realistic mess of a hand-built account: leftovers nobody described in code, planted canary
secrets (to prove later that nothing leaks), and optional drift between code and live."""

from __future__ import annotations

import dataclasses
import hashlib
import json

from emulator.scenario.context import BuildContext

CANARY_KINDS = ("ssm-securestring", "secretsmanager-value", "rds-master-password", "lambda-environment")


def canary_value(kind: str) -> str:
    """The deterministic canary for ``kind``: unique text that must never appear in any output."""
    return f"rw-canary-{kind}-{hashlib.sha256(kind.encode()).hexdigest()[:16]}"


def build_leftovers(ctx: BuildContext) -> None:
    """Objects made by hand that the code does not describe: they must be reported as unmanaged."""
    prefix = ctx.prefix
    queue = ctx.client("sqs").create_queue(QueueName=f"{prefix}-test-queue-old",
                                           Attributes={"MaximumMessageSize": "262144"})["QueueUrl"]
    ctx.record("aws_sqs_queue", queue, None, note="old test queue, never cleaned up")
    ctx.ids["old_test_queue_url"] = queue
    group = ctx.client("ec2").create_security_group(
        GroupName=f"{prefix}-debug-access", Description="temporary debugging access", VpcId=ctx.ids["vpc_id"])["GroupId"]
    ctx.record("aws_security_group", group, None, note="security group made by hand for debugging")
    ctx.ids["debug_security_group_id"] = group
    rules = ctx.client("ec2").describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [group]}])
    for rule in rules["SecurityGroupRules"]:
        direction = "egress" if rule["IsEgress"] else "ingress"
        ctx.record(f"aws_vpc_security_group_{direction}_rule", rule["SecurityGroupRuleId"], None,
                   note="default rule of the hand-made security group")
    policy = ctx.client("iam").create_policy(
        PolicyName=f"{prefix}-temp-s3-full", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}))["Policy"]["Arn"]
    ctx.record("aws_iam_policy", policy, None, note="stray policy from an incident")


def plant_canaries(ctx: BuildContext) -> None:
    """Secret values in the places secrets live; discovery must never read or write any of them."""
    prefix, ids = ctx.prefix, ctx.ids
    parameter = f"/{prefix}/secrets/database_url"
    ctx.client("ssm").put_parameter(Name=parameter, Type="SecureString", Tags=ctx.tag_list(),
                                    Value=canary_value("ssm-securestring"))
    ctx.record("aws_ssm_parameter", parameter, None, canary=True, note="SecureString made by hand")
    secrets = ctx.client("secretsmanager")
    secrets.put_secret_value(SecretId=ids["app_secret_arn"], SecretString=canary_value("secretsmanager-value"))
    secrets.put_secret_value(SecretId=ids["database_secret_arn"], SecretString=json.dumps(
        {"username": "retainwise_admin", "password": canary_value("rds-master-password")}))
    function = f"{prefix}-legacy-export"
    ctx.client("lambda").create_function(
        FunctionName=function, Role=ids["lambda_role_arn"], Runtime="python3.12", Handler="handler.handler",
        Code={"ZipFile": handler_zip()}, Environment={"Variables": {"LEGACY_API_TOKEN": canary_value(
            "lambda-environment")}}, Tags=ctx.tags(function))
    ctx.record("aws_lambda_function", function, None, canary=True, note="legacy function with a token in its environment")
    ctx.report.canaries.update({kind: canary_value(kind) for kind in CANARY_KINDS})


def handler_zip() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("handler.py", date_time=(1980, 1, 1, 0, 0, 0)),
                         "def handler(event, context):\n    return None\n")
    return buffer.getvalue()


def _mark_drift(ctx: BuildContext, code_path: str, attribute: str, code_value, live_value) -> None:
    records = ctx.report.records
    for index, record in enumerate(records):
        if record.code_path == code_path:
            drift = {**record.drift, attribute: {"code": code_value, "live": live_value}}
            records[index] = dataclasses.replace(record, drift=drift)
            return
    raise KeyError(f"no live object for {code_path}")


def apply_drift(ctx: BuildContext) -> None:
    """Change four things by hand after the fact: retention, a tag, a threshold, a timeout."""
    prefix, config = ctx.prefix, ctx.config
    ctx.client("logs").put_retention_policy(logGroupName=f"/ecs/{prefix}/backend", retentionInDays=30)
    _mark_drift(ctx, "logs/backend_log_group", "retention_in_days", config.log_retention_days, 30)
    ctx.client("sns").tag_resource(ResourceArn=ctx.ids["alerts_topic_arn"], Tags=[{"Key": "Owner", "Value": "oncall"}])
    _mark_drift(ctx, "messaging/alerts_topic", "tags.Owner", None, "oncall")
    alarm = ctx.client("cloudwatch").describe_alarms(AlarmNames=[f"{prefix}-jobs-queue-depth"])["MetricAlarms"][0]
    keep = ("AlarmName", "AlarmDescription", "Namespace", "MetricName", "Dimensions", "Statistic",
            "ComparisonOperator", "Period", "EvaluationPeriods", "TreatMissingData", "AlarmActions", "OKActions")
    ctx.client("cloudwatch").put_metric_alarm(**{key: alarm[key] for key in keep if key in alarm}, Threshold=1000.0)
    _mark_drift(ctx, "alarms/jobs_queue_depth_alarm", "threshold", float(config.alarm_queue_depth_threshold), 1000.0)
    ctx.client("sqs").set_queue_attributes(QueueUrl=ctx.ids["jobs_queue_url"], Attributes={"VisibilityTimeout": "120"})
    _mark_drift(ctx, "messaging/jobs_queue", "visibility_timeout_seconds", config.jobs_visibility_timeout_seconds, 120)
