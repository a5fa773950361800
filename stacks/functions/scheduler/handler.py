"""Scheduled maintenance: EventBridge invokes this function, which enqueues a job for the worker."""

import json
import os

import boto3

_sqs = boto3.client("sqs")


def handler(event, context):
    """Send one maintenance job (named by the rule's input) to the jobs queue."""
    job = {"type": event.get("job", "maintenance"), "source": "scheduler", "requested_at": event.get("time")}
    _sqs.send_message(QueueUrl=os.environ["JOBS_QUEUE_URL"], MessageBody=json.dumps(job))
    return {"enqueued": job["type"]}
