"""Events and functions: the scheduler Lambda and the EventBridge rules that invoke it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from stacks.cdk import AssetType, TerraformAsset
from constructs import Construct
from stacks.aws import CloudwatchEventRule, CloudwatchEventTarget, LambdaFunction, LambdaPermission

from stacks.config import EnvironmentConfig
from stacks.functions.packaging import build_function

SCHEDULES = {
    "maintenance": ("rate(15 minutes)", "Enqueue routine maintenance"),
    "daily_report": ("cron(0 6 * * ? *)", "Enqueue the daily usage report"),
}


@dataclass(frozen=True)
class FunctionInputs:
    """Where the function runs and what it may reach."""

    role_arn: str
    subnet_ids: list[str]
    security_group_id: str
    jobs_queue_url: str
    log_group_name: str
    artifact_dir: Path


class Functions(Construct):
    """The scheduler function and its schedules."""

    def __init__(self, scope: Construct, construct_id: str, *, config: EnvironmentConfig, inputs: FunctionInputs) -> None:
        super().__init__(scope, construct_id)
        prefix = config.prefix
        package = build_function("scheduler")
        asset = TerraformAsset(self, "scheduler_code", path=str(package.write(inputs.artifact_dir)), type=AssetType.FILE)
        self.function = LambdaFunction(
            self, "scheduler", function_name=f"{prefix}-scheduler", role=inputs.role_arn, runtime="python3.12",
            handler="handler.handler", filename=asset.path, source_code_hash=package.code_sha256,
            timeout=30, memory_size=256, architectures=["arm64"],
            environment={"variables": {"JOBS_QUEUE_URL": inputs.jobs_queue_url, "APP_ENV": config.name}},
            vpc_config={"subnet_ids": inputs.subnet_ids, "security_group_ids": [inputs.security_group_id]},
            logging_config={"log_format": "Text", "log_group": inputs.log_group_name},
            tags={"Name": f"{prefix}-scheduler"},
            # The stack creates the function with this package; code releases go through the
            # deploy pipeline (update-function-code), so Terraform does not own the code afterwards.
            # `terraform import` cannot read a package path or its hash back either, so owning them
            # would make every adoption re-upload the code.
            lifecycle={"ignore_changes": ["filename", "source_code_hash"]},
        )
        for key, (expression, description) in SCHEDULES.items():
            rule = CloudwatchEventRule(
                self, f"{key}_schedule", name=f"{prefix}-{key.replace('_', '-')}", schedule_expression=expression,
                description=description,
            )
            CloudwatchEventTarget(
                self, f"{key}_target", rule=rule.name, target_id="scheduler", arn=self.function.arn,
                input=json.dumps({"job": key}),
            )
            LambdaPermission(
                self, f"{key}_permission", statement_id=f"AllowEventBridge-{key}", action="lambda:InvokeFunction",
                function_name=self.function.function_name, principal="events.amazonaws.com", source_arn=rule.arn,
            )
