"""Queues, their redrive settings, ECS capacity providers and a Lambda event source mapping."""

from __future__ import annotations

import json

from emulator.scenario.catalogue.shared import LAMBDA_TRUST, queue
from emulator.scenario.context import BuildContext


def sqs_queue_redrive_policy(ctx: BuildContext) -> None:
    """cat-orders sends what fails four times to cat-orders-dlq."""
    _, dlq_arn = queue(ctx, "cat-orders-dlq")
    url, _ = queue(ctx, "cat-orders")
    ctx.client("sqs").set_queue_attributes(QueueUrl=url, Attributes={"RedrivePolicy": json.dumps(
        {"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 4})})
    ctx.record("aws_sqs_queue_redrive_policy", url, None)


def sqs_queue_redrive_allow_policy(ctx: BuildContext) -> None:
    """cat-orders-dlq accepts dead letters from cat-orders only."""
    dlq_url, _ = queue(ctx, "cat-orders-dlq")
    _, source_arn = queue(ctx, "cat-orders")
    ctx.client("sqs").set_queue_attributes(QueueUrl=dlq_url, Attributes={"RedriveAllowPolicy": json.dumps(
        {"redrivePermission": "byQueue", "sourceQueueArns": [source_arn]})})
    ctx.record("aws_sqs_queue_redrive_allow_policy", dlq_url, None)


def ecs_cluster_capacity_providers(ctx: BuildContext) -> None:
    """cat-apps runs on Fargate, one task at least, Spot for the rest."""
    ecs = ctx.client("ecs")
    ecs.create_cluster(clusterName="cat-apps")
    ecs.put_cluster_capacity_providers(
        cluster="cat-apps", capacityProviders=["FARGATE", "FARGATE_SPOT"],
        defaultCapacityProviderStrategy=[{"capacityProvider": "FARGATE", "weight": 1, "base": 1},
                                         {"capacityProvider": "FARGATE_SPOT", "weight": 3, "base": 0}])
    ctx.record("aws_ecs_cluster", "cat-apps", None)
    ctx.record("aws_ecs_cluster_capacity_providers", "cat-apps", None)


def lambda_event_source_mapping(ctx: BuildContext) -> None:
    """The cat-worker function consumes cat-jobs, ten messages at a time."""
    from stacks.functions.packaging import build_function

    role_arn = ctx.client("iam").create_role(RoleName="cat-worker", AssumeRolePolicyDocument=json.dumps(
        LAMBDA_TRUST))["Role"]["Arn"]
    ctx.record("aws_iam_role", "cat-worker", None)
    function_arn = ctx.client("lambda").create_function(
        FunctionName="cat-worker", Role=role_arn, Runtime="python3.12", Handler="handler.handler",
        Code={"ZipFile": build_function("scheduler").content})["FunctionArn"]
    ctx.record("aws_lambda_function", "cat-worker", None)
    _, queue_arn = queue(ctx, "cat-jobs")
    uuid = ctx.client("lambda").create_event_source_mapping(
        EventSourceArn=queue_arn, FunctionName=function_arn, BatchSize=10)["UUID"]
    ctx.record("aws_lambda_event_source_mapping", uuid, None)


BUILDERS = {
    "aws_sqs_queue_redrive_policy": sqs_queue_redrive_policy,
    "aws_sqs_queue_redrive_allow_policy": sqs_queue_redrive_allow_policy,
    "aws_ecs_cluster_capacity_providers": ecs_cluster_capacity_providers,
    "aws_lambda_event_source_mapping": lambda_event_source_mapping,
}
