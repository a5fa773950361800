"""Events and functions, as built by hand: the scheduler Lambda and its two schedules."""

from __future__ import annotations

import json

from emulator.scenario.context import BuildContext
from stacks.functions.packaging import build_function

SCHEDULES = {
    "maintenance": ("rate(15 minutes)", "Enqueue routine maintenance"),
    "daily_report": ("cron(0 6 * * ? *)", "Enqueue the daily usage report"),
}


def build(ctx: BuildContext) -> None:
    """Upload the same reproducible zip the stack deploys, then the rules, targets, permissions."""
    prefix, ids = ctx.prefix, ctx.ids
    name = f"{prefix}-scheduler"
    lambda_client = ctx.client("lambda")
    function_arn = lambda_client.create_function(
        FunctionName=name, Role=ids["lambda_role_arn"], Runtime="python3.12", Handler="handler.handler",
        Code={"ZipFile": build_function("scheduler").content}, Timeout=30, MemorySize=256, Architectures=["arm64"],
        Environment={"Variables": {"JOBS_QUEUE_URL": ids["jobs_queue_url"], "APP_ENV": ctx.config.name}},
        VpcConfig={"SubnetIds": ids["subnets"]["private"], "SecurityGroupIds": [ids["security_groups"]["lambda"]]},
        LoggingConfig={"LogFormat": "Text", "LogGroup": ids["log_groups"]["scheduler"]},
        Tags=ctx.tags(name),
    )["FunctionArn"]
    ctx.record("aws_lambda_function", name, "functions/scheduler")
    events = ctx.client("events")
    for key, (expression, description) in SCHEDULES.items():
        rule = f"{prefix}-{key.replace('_', '-')}"
        rule_arn = events.put_rule(Name=rule, ScheduleExpression=expression, Description=description,
                                   State="ENABLED", Tags=ctx.tag_list())["RuleArn"]
        ctx.record("aws_cloudwatch_event_rule", rule, f"functions/{key}_schedule")
        events.put_targets(Rule=rule, Targets=[{"Id": "scheduler", "Arn": function_arn,
                                                "Input": json.dumps({"job": key})}])
        ctx.record("aws_cloudwatch_event_target", f"{rule}/scheduler", f"functions/{key}_target")
        statement = f"AllowEventBridge-{key}"
        lambda_client.add_permission(FunctionName=name, StatementId=statement, Action="lambda:InvokeFunction",
                                     Principal="events.amazonaws.com", SourceArn=rule_arn)
        ctx.record("aws_lambda_permission", f"{name}/{statement}", f"functions/{key}_permission")
