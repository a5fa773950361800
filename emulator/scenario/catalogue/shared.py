"""What several catalogue builders share: a queue made once per build, trust policies, the image."""

from __future__ import annotations

from typing import Callable

from emulator.scenario.context import BuildContext
from emulator.scenario.messaging import MAX_MESSAGE_BYTES


def queue(ctx: BuildContext, name: str) -> tuple[str, str]:
    """The queue ``name`` (made once per build): its URL and ARN."""
    if name not in ctx.ids:
        sqs = ctx.client("sqs")
        url = sqs.create_queue(QueueName=name, Attributes={"MaximumMessageSize": MAX_MESSAGE_BYTES})["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        ctx.ids[name] = (url, arn)
        ctx.record("aws_sqs_queue", url, None)
    return ctx.ids[name]


LAMBDA_TRUST = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                       "Principal": {"Service": "lambda.amazonaws.com"}}]}


AMI = "ami-1e749f67"  # an Ubuntu image the emulator always serves (tests/fixtures/types/aws_instance.tf.json)


def once(ctx: BuildContext, key: str, make: Callable[[], None]) -> None:
    """Make an object several types' fixtures share, once per build."""
    if key not in ctx.ids:
        make()
        ctx.ids[key] = True
