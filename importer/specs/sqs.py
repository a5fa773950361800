"""SQS: queues, queue policies and redrive (allow) policies, all imported by queue URL.

All specs list with the same ``ListQueues`` call and read each queue with the same
``GetQueueAttributes`` call, so the runner makes one attributes call per queue for all of them.
"""

from importer.specs.base import Call, Reference, ResourceSpec

_QUEUES = Call("ListQueues", items="QueueUrls[].{QueueUrl: @}", params={"MaxResults": 1000})
_ATTRIBUTES = Call("GetQueueAttributes", items="Attributes", params={"QueueUrl": "=QueueUrl", "AttributeNames": ["All"]},
                   absent_on=("AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist"))
_NAME = "split_part(QueueUrl, '/', `-1`)"

SPECS = (
    ResourceSpec(
        type="aws_sqs_queue", service="sqs", list=_QUEUES, detail=_ATTRIBUTES, import_id="{QueueUrl}",
        identity={"name": _NAME}, aliases=("QueueArn", _NAME),
        references=(Reference("redrive_policy", "aws_sqs_queue", "from_json(RedrivePolicy).deadLetterTargetArn"),
                    Reference("kms_master_key_id", "aws_kms_key", "KmsMasterKeyId")),
        attributes={
            "name": _NAME, "url": "QueueUrl", "arn": "QueueArn", "fifo_queue": "FifoQueue == 'true'",
            "visibility_timeout_seconds": "to_number(VisibilityTimeout)",
            "message_retention_seconds": "to_number(MessageRetentionPeriod)",
            "max_message_size": "to_number(MaximumMessageSize)", "delay_seconds": "to_number(DelaySeconds)",
            "receive_wait_time_seconds": "to_number(ReceiveMessageWaitTimeSeconds)",
            "sqs_managed_sse_enabled": "SqsManagedSseEnabled == 'true'",
        },
    ),
    ResourceSpec(
        type="aws_sqs_queue_policy", service="sqs", list=_QUEUES, detail=_ATTRIBUTES, import_id="{QueueUrl}",
        exclude="!Policy", identity={"queue_url": "QueueUrl"},
        references=(Reference("queue_url", "aws_sqs_queue", "QueueUrl"),),
        inline_in=("aws_sqs_queue", "policy"),
        note="exists only when the queue has a Policy attribute; the document is not kept",
    ),
    ResourceSpec(
        type="aws_sqs_queue_redrive_policy", service="sqs", list=_QUEUES, detail=_ATTRIBUTES,
        import_id="{QueueUrl}", exclude="!RedrivePolicy", identity={"queue_url": "QueueUrl"},
        references=(Reference("queue_url", "aws_sqs_queue", "QueueUrl"),
                    Reference("redrive_policy", "aws_sqs_queue", "from_json(RedrivePolicy).deadLetterTargetArn")),
        attributes={"queue_url": "QueueUrl", "redrive_policy": "RedrivePolicy"},
        inline_in=("aws_sqs_queue", "redrive_policy"),
        note="exists only when the queue has a RedrivePolicy attribute (also readable through aws_sqs_queue)",
    ),
    ResourceSpec(
        type="aws_sqs_queue_redrive_allow_policy", service="sqs", list=_QUEUES, detail=_ATTRIBUTES,
        import_id="{QueueUrl}", exclude="!RedriveAllowPolicy", identity={"queue_url": "QueueUrl"},
        references=(Reference("queue_url", "aws_sqs_queue", "QueueUrl"),
                    Reference("redrive_allow_policy", "aws_sqs_queue",
                              "from_json(RedriveAllowPolicy).sourceQueueArns[]")),
        attributes={"queue_url": "QueueUrl", "redrive_allow_policy": "RedriveAllowPolicy"},
        inline_in=("aws_sqs_queue", "redrive_allow_policy"),
        note="exists only when the queue has a RedriveAllowPolicy attribute",
    ),
)
