"""SNS: topics and subscriptions (one list call each), and topic policies (one GetTopicAttributes per
topic). Every topic has a policy: the one SNS writes at creation (a single ``__default_statement_ID``
statement) is AWS-made and excluded; any other is an ``aws_sns_topic_policy``."""

from importer.specs.base import Call, Reference, ResourceSpec

_TOPIC_NAME = "split_part(TopicArn, ':', `-1`)"
_TOPICS = Call("ListTopics", items="Topics[]")
_DEFAULT_POLICY = ("length(from_json(Policy).Statement) == `1` "
                   "&& from_json(Policy).Statement[0].Sid == '__default_statement_ID'")

SPECS = (
    ResourceSpec(
        type="aws_sns_topic", service="sns", list=_TOPICS, import_id="{TopicArn}",
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
    ResourceSpec(
        type="aws_sns_topic_policy", service="sns", list=_TOPICS,
        detail=Call("GetTopicAttributes", items="Attributes", params={"TopicArn": "=TopicArn"},
                    absent_on=("NotFound",)),
        import_id="{TopicArn}", exclude=f"!Policy || {_DEFAULT_POLICY}", identity={"arn": "TopicArn"},
        references=(Reference("arn", "aws_sns_topic", "TopicArn"),),
        attributes={"arn": "TopicArn"},
        inline_in=("aws_sns_topic", "policy"),
        note="one GetTopicAttributes per topic; the default policy SNS writes is excluded; the document is not kept",
    ),
)
