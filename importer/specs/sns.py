"""SNS: topics and subscriptions (one list call each)."""

from importer.specs.base import Call, Reference, ResourceSpec

_TOPIC_NAME = "split_part(TopicArn, ':', `-1`)"

SPECS = (
    ResourceSpec(
        type="aws_sns_topic", service="sns", list=Call("ListTopics", items="Topics[]"), import_id="{TopicArn}",
        identity={"name": _TOPIC_NAME}, aliases=("TopicArn", _TOPIC_NAME),
        attributes={"name": _TOPIC_NAME, "arn": "TopicArn", "fifo_topic": "ends_with(TopicArn, '.fifo')"},
    ),
    ResourceSpec(
        type="aws_sns_topic_subscription", service="sns",
        # Unconfirmed ('PendingConfirmation') or deleted subscriptions have no ARN and cannot be imported.
        list=Call("ListSubscriptions", items="Subscriptions[?starts_with(SubscriptionArn, 'arn:')]"),
        import_id="{SubscriptionArn}",
        identity={"topic_arn": "TopicArn", "protocol": "Protocol", "endpoint": "Endpoint"},
        references=(
            Reference("topic_arn", "aws_sns_topic", "TopicArn"),
            # A queue ARN for sqs subscriptions; a function ARN (lambda), an address or URL otherwise: the
            # value is matched against whatever the code points at, so it is kept for every protocol.
            Reference("endpoint", "aws_sqs_queue", "Endpoint"),
        ),
        aliases=("SubscriptionArn",),
        attributes={"arn": "SubscriptionArn", "protocol": "Protocol", "endpoint": "Endpoint"},
    ),
)
