"""Lambda extras: a published function with an alias (provisioned concurrency on it), a URL and an
asynchronous invoke config; a layer."""

from __future__ import annotations

import json

from emulator.scenario.catalogue.shared import LAMBDA_TRUST, once
from emulator.scenario.context import BuildContext

FUNCTION = "evt-api"


def _function(ctx: BuildContext) -> None:
    """evt-api, published once (version 1), run by its own role."""
    from stacks.functions.packaging import build_function

    def make() -> None:
        role_arn = ctx.client("iam").create_role(RoleName=FUNCTION, AssumeRolePolicyDocument=json.dumps(
            LAMBDA_TRUST))["Role"]["Arn"]
        ctx.record("aws_iam_role", FUNCTION, None)
        ctx.client("lambda").create_function(
            FunctionName=FUNCTION, Role=role_arn, Runtime="python3.12", Handler="handler.handler",
            Code={"ZipFile": build_function("scheduler").content}, Publish=True)
        ctx.record("aws_lambda_function", FUNCTION, None)
    once(ctx, FUNCTION, make)


def lambda_alias(ctx: BuildContext) -> None:
    """evt-api's "live" alias points at version 1."""
    _function(ctx)

    def make() -> None:
        ctx.client("lambda").create_alias(FunctionName=FUNCTION, Name="live", FunctionVersion="1")
        ctx.record("aws_lambda_alias", f"{FUNCTION}/live", None)
    once(ctx, f"{FUNCTION}/live", make)


def lambda_provisioned_concurrency_config(ctx: BuildContext) -> None:
    """One environment of evt-api's "live" alias is kept warm."""
    lambda_alias(ctx)
    ctx.client("lambda").put_provisioned_concurrency_config(FunctionName=FUNCTION, Qualifier="live",
                                                            ProvisionedConcurrentExecutions=1)
    ctx.record("aws_lambda_provisioned_concurrency_config", f"{FUNCTION},live", None)


def lambda_function_url(ctx: BuildContext) -> None:
    """evt-api answers on its own URL, without IAM auth."""
    _function(ctx)
    ctx.client("lambda").create_function_url_config(FunctionName=FUNCTION, AuthType="NONE")
    ctx.record("aws_lambda_function_url", FUNCTION, None)


def lambda_function_event_invoke_config(ctx: BuildContext) -> None:
    """Asynchronous calls of evt-api are retried once and dropped after an hour."""
    _function(ctx)
    ctx.client("lambda").put_function_event_invoke_config(FunctionName=FUNCTION, MaximumRetryAttempts=1,
                                                          MaximumEventAgeInSeconds=3600)
    ctx.record("aws_lambda_function_event_invoke_config", FUNCTION, None)


def lambda_layer_version(ctx: BuildContext) -> None:
    """evt-deps, a layer of shared Python code (version 1)."""
    from stacks.functions.packaging import build_function

    arn = ctx.client("lambda").publish_layer_version(
        LayerName="evt-deps", Content={"ZipFile": build_function("scheduler").content},
        CompatibleRuntimes=["python3.12"])["LayerVersionArn"]
    ctx.record("aws_lambda_layer_version", arn, None)


BUILDERS = {
    "aws_lambda_alias": lambda_alias,
    "aws_lambda_function_url": lambda_function_url,
    "aws_lambda_function_event_invoke_config": lambda_function_event_invoke_config,
    "aws_lambda_layer_version": lambda_layer_version,
    "aws_lambda_provisioned_concurrency_config": lambda_provisioned_concurrency_config,
}
