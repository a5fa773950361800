"""Messaging, as built by hand: queues with a dead-letter queue, the alerts topic and its fan-out."""

from __future__ import annotations

import json

from emulator.scenario.context import BuildContext

MAX_MESSAGE_BYTES = "262144"


def _queue(ctx: BuildContext, name: str, code_path: str, **attributes: str) -> tuple[str, str]:
    sqs = ctx.client("sqs")
    url = sqs.create_queue(QueueName=name, tags=ctx.tags(), Attributes={
        "MaximumMessageSize": MAX_MESSAGE_BYTES, "SqsManagedSseEnabled": "true", **attributes})["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    ctx.record("aws_sqs_queue", url, code_path)
    return url, arn


def build(ctx: BuildContext) -> None:
    """jobs + DLQ, notifications queue with a policy for the alerts topic, and the subscription."""
    prefix = ctx.prefix
    _, dlq_arn = _queue(ctx, f"{prefix}-jobs-dlq", "messaging/jobs_dlq", MessageRetentionPeriod="1209600")
    jobs_url, jobs_arn = _queue(
        ctx, f"{prefix}-jobs", "messaging/jobs_queue",
        VisibilityTimeout=str(ctx.config.jobs_visibility_timeout_seconds), MessageRetentionPeriod="345600",
        ReceiveMessageWaitTimeSeconds="20",
        RedrivePolicy=json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 5}),
    )
    topic_arn = ctx.client("sns").create_topic(Name=f"{prefix}-alerts", Tags=ctx.tag_list())["TopicArn"]
    ctx.record("aws_sns_topic", topic_arn, "messaging/alerts_topic")
    notifications_url, notifications_arn = _queue(ctx, f"{prefix}-notifications", "messaging/notifications_queue")
    ctx.client("sqs").set_queue_attributes(QueueUrl=notifications_url, Attributes={"Policy": json.dumps({
        "Version": "2012-10-17", "Statement": [{
            "Sid": "AllowAlertsTopic", "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"},
            "Action": "sqs:SendMessage", "Resource": notifications_arn,
            "Condition": {"ArnEquals": {"aws:SourceArn": topic_arn}}}]})})
    ctx.record("aws_sqs_queue_policy", notifications_url, "messaging/notifications_queue_policy")
    subscription = ctx.client("sns").subscribe(
        TopicArn=topic_arn, Protocol="sqs", Endpoint=notifications_arn,
        Attributes={"RawMessageDelivery": "true"}, ReturnSubscriptionArn=True)["SubscriptionArn"]
    ctx.record("aws_sns_topic_subscription", subscription, "messaging/alerts_to_notifications")
    ctx.ids.update(jobs_queue_url=jobs_url, jobs_queue_arn=jobs_arn, dlq_arn=dlq_arn, alerts_topic_arn=topic_arn,
                   notifications_queue_url=notifications_url, notifications_queue_arn=notifications_arn)
