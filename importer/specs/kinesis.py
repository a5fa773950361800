"""Kinesis data streams: ListStreams gives names, one DescribeStreamSummary per stream the rest;
enhanced fan-out consumers: one ListStreamConsumers per stream."""

from importer.specs.base import Call, Reference, ResourceSpec

SPECS = (
    ResourceSpec(
        type="aws_kinesis_stream", service="kinesis", list=Call("ListStreams", items="StreamNames[].{StreamName: @}"),
        detail=Call("DescribeStreamSummary", items="StreamDescriptionSummary", params={"StreamName": "=StreamName"},
                    absent_on=("ResourceNotFoundException",)),
        import_id="{StreamName}", identity={"name": "StreamName"}, aliases=("StreamARN",),
        exclude="StreamStatus == 'DELETING'",
        references=(Reference("kms_key_id", "aws_kms_key", "KeyId"),),
        attributes={"arn": "StreamARN", "name": "StreamName", "shard_count": "OpenShardCount",
                    "retention_period": "RetentionPeriodHours", "stream_mode": "StreamModeDetails.StreamMode",
                    "encryption_type": "EncryptionType"},
        note="one DescribeStreamSummary per stream; records are never read",
    ),
    ResourceSpec(
        type="aws_kinesis_stream_consumer", service="kinesis", parent="aws_kinesis_stream",
        list=Call("ListStreamConsumers", items="Consumers[]", params={"StreamARN": "=StreamARN"},
                  absent_on=("ResourceNotFoundException",)),
        inherit={"StreamARN": "StreamARN"}, import_id="{ConsumerARN}",
        identity={"name": "ConsumerName", "stream_arn": "StreamARN"}, aliases=("ConsumerARN",),
        exclude="ConsumerStatus == 'DELETING'",
        references=(Reference("stream_arn", "aws_kinesis_stream", "StreamARN"),),
        attributes={"arn": "ConsumerARN", "name": "ConsumerName", "stream_arn": "StreamARN"},
    ),
)
