"""SQS returns RedriveAllowPolicy (compact JSON) when asked for All or by name, as AWS does."""

from __future__ import annotations

import json


def test_redrive_allow_policy_is_kept_and_returned_by_name_and_with_all(clean_emulator):
    sqs = clean_emulator.client("sqs")
    plain = sqs.create_queue(QueueName="plain")["QueueUrl"]
    dlq = sqs.create_queue(QueueName="dlq")["QueueUrl"]
    policy = {"redrivePermission": "byQueue", "sourceQueueArns": ["arn:aws:sqs:us-east-1:123456789012:plain"]}
    sqs.set_queue_attributes(QueueUrl=dlq, Attributes={"RedriveAllowPolicy": json.dumps(policy)})

    by_name = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["RedriveAllowPolicy"])["Attributes"]
    assert by_name == {"RedriveAllowPolicy": json.dumps(policy, separators=(",", ":"))}
    every = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["All"])["Attributes"]
    assert json.loads(every["RedriveAllowPolicy"]) == policy
    assert "RedriveAllowPolicy" not in sqs.get_queue_attributes(QueueUrl=plain, AttributeNames=["All"])["Attributes"]
    assert sqs.get_queue_attributes(QueueUrl=plain, AttributeNames=["RedriveAllowPolicy"]).get("Attributes", {}) == {}
