"""Kinesis Data Firehose delivery streams, imported by ARN.

ListDeliveryStreams gives names only, so one DescribeDeliveryStream per stream gives the ARN and
the destinations (their roles and buckets are the references). Destination credentials (HTTP
endpoint access keys, Redshift/Splunk passwords) are never kept: no expression reads them.
"""

from importer.specs.base import Call, Reference, ResourceSpec

_S3 = "Destinations[0].ExtendedS3DestinationDescription || Destinations[0].S3DestinationDescription"

SPECS = (
    ResourceSpec(
        type="aws_kinesis_firehose_delivery_stream", service="firehose",
        list=Call("ListDeliveryStreams", items="DeliveryStreamNames[].{DeliveryStreamName: @}",
                  params={"Limit": 10000}),
        detail=Call("DescribeDeliveryStream", items="DeliveryStreamDescription",
                    params={"DeliveryStreamName": "=DeliveryStreamName"}, absent_on=("ResourceNotFoundException",)),
        import_id="{DeliveryStreamARN}", identity={"name": "DeliveryStreamName"},
        aliases=("DeliveryStreamARN", "DeliveryStreamName"),
        exclude="DeliveryStreamStatus == 'DELETING'",
        references=(Reference("extended_s3_configuration.role_arn", "aws_iam_role", f"({_S3}).RoleARN"),
                    Reference("extended_s3_configuration.bucket_arn", "aws_s3_bucket", f"({_S3}).BucketARN"),
                    Reference("kinesis_source_configuration.kinesis_stream_arn", "aws_kinesis_stream",
                              "Source.KinesisStreamSourceDescription.KinesisStreamARN")),
        attributes={"arn": "DeliveryStreamARN", "name": "DeliveryStreamName", "type": "DeliveryStreamType",
                    "status": "DeliveryStreamStatus"},
        note="one DescribeDeliveryStream per stream (the import ID is the ARN); the first destination's S3 "
             "role and bucket are the references; destination secrets are never kept",
    ),
)
