"""Messaging: the jobs queue with its dead-letter queue, and the alerts topic fanned out to a
notifications queue."""

from __future__ import annotations

import json

from constructs import Construct
from stacks.aws import SnsTopic, SnsTopicSubscription, SqsQueue, SqsQueuePolicy

from stacks.config import EnvironmentConfig
from stacks.constructs.policies import policy_document

# The SQS default (1 MiB) is rejected by provider 5.x validation; 256 KiB is the classic maximum.
MAX_MESSAGE_BYTES = 262144
MAX_RECEIVES_BEFORE_DLQ = 5


class Messaging(Construct):
    """SQS queues and the SNS alerts topic."""

    def __init__(self, scope: Construct, construct_id: str, *, config: EnvironmentConfig) -> None:
        super().__init__(scope, construct_id)
        prefix = config.prefix
        self.dead_letter_queue = SqsQueue(
            self, "jobs_dlq", name=f"{prefix}-jobs-dlq", message_retention_seconds=1209600,
            max_message_size=MAX_MESSAGE_BYTES, sqs_managed_sse_enabled=True,
        )
        self.jobs_queue = SqsQueue(
            self, "jobs_queue", name=f"{prefix}-jobs",
            visibility_timeout_seconds=config.jobs_visibility_timeout_seconds, message_retention_seconds=345600,
            max_message_size=MAX_MESSAGE_BYTES, receive_wait_time_seconds=20, sqs_managed_sse_enabled=True,
            redrive_policy=json.dumps(
                {"deadLetterTargetArn": self.dead_letter_queue.arn, "maxReceiveCount": MAX_RECEIVES_BEFORE_DLQ},
                separators=(",", ":"),
            ),
        )
        self.alerts_topic = SnsTopic(self, "alerts_topic", name=f"{prefix}-alerts")
        self.notifications_queue = SqsQueue(
            self, "notifications_queue", name=f"{prefix}-notifications", max_message_size=MAX_MESSAGE_BYTES,
            sqs_managed_sse_enabled=True,
        )
        SqsQueuePolicy(
            self, "notifications_queue_policy", queue_url=self.notifications_queue.url,
            policy=policy_document([{
                "Sid": "AllowAlertsTopic",
                "Effect": "Allow",
                "Principal": {"Service": "sns.amazonaws.com"},
                "Action": "sqs:SendMessage",
                "Resource": self.notifications_queue.arn,
                "Condition": {"ArnEquals": {"aws:SourceArn": self.alerts_topic.arn}},
            }]),
        )
        SnsTopicSubscription(
            self, "alerts_to_notifications", topic_arn=self.alerts_topic.arn, protocol="sqs",
            endpoint=self.notifications_queue.arn, raw_message_delivery=True,
        )

    def queue_arns(self) -> list[str]:
        """ARNs of every queue, for policies that read or write them."""
        return [self.jobs_queue.arn, self.dead_letter_queue.arn, self.notifications_queue.arn]
