"""Event-driven extras. EventBridge: a custom bus with its policy and archive, a connection and an API
destination; Scheduler: a schedule group and a schedule in it; Firehose: a delivery stream to S3; SNS: a
topic EventBridge may publish to (its policy); a Step Functions activity; a Kinesis stream consumer."""

from __future__ import annotations

import json

from emulator.scenario.catalogue.shared import once, queue
from emulator.scenario.context import BuildContext

BUS = "evt-orders"
CONNECTION = "evt-crm"
# A made-up key for a made-up endpoint: the fixture holds the same literal, nothing ever reads it back.
API_KEY_NAME, API_KEY_VALUE = "x-api-key", "evt-not-a-real-key"


def _compact(document: dict) -> str:
    """A JSON document as jsonencode() writes it."""
    return json.dumps(document, separators=(",", ":"), sort_keys=True)


def _bus(ctx: BuildContext) -> None:
    def make() -> None:
        ctx.client("events").create_event_bus(Name=BUS)
        ctx.record("aws_cloudwatch_event_bus", BUS, None)
    once(ctx, BUS, make)


def _connection(ctx: BuildContext) -> str:
    def make() -> None:
        ctx.client("events").create_connection(
            Name=CONNECTION, AuthorizationType="API_KEY",
            AuthParameters={"ApiKeyAuthParameters": {"ApiKeyName": API_KEY_NAME, "ApiKeyValue": API_KEY_VALUE}})
        ctx.record("aws_cloudwatch_event_connection", CONNECTION, None)
    once(ctx, CONNECTION, make)
    return ctx.client("events").describe_connection(Name=CONNECTION)["ConnectionArn"]


def event_bus(ctx: BuildContext) -> None:
    """evt-orders, a bus of its own for order events."""
    _bus(ctx)


def event_bus_policy(ctx: BuildContext) -> None:
    """Another account (the partner's) may put events on evt-orders."""
    _bus(ctx)
    ctx.client("events").put_permission(EventBusName=BUS, Policy=_compact({
        "Version": "2012-10-17", "Statement": [{
            "Sid": "PartnerPutEvents", "Effect": "Allow", "Action": "events:PutEvents",
            "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
            "Resource": ctx.arn("events", f"event-bus/{BUS}")}]}))
    ctx.record("aws_cloudwatch_event_bus_policy", BUS, None)


def event_archive(ctx: BuildContext) -> None:
    """evt-orders keeps a week of its events for replay."""
    _bus(ctx)
    ctx.client("events").create_archive(ArchiveName="evt-orders", EventSourceArn=ctx.arn("events", f"event-bus/{BUS}"),
                                        RetentionDays=7)
    ctx.record("aws_cloudwatch_event_archive", "evt-orders", None)


def event_connection(ctx: BuildContext) -> None:
    """evt-crm, the CRM's webhook credentials (an API key header)."""
    _connection(ctx)


def event_api_destination(ctx: BuildContext) -> None:
    """evt-crm-hook posts events to the CRM through evt-crm, 20 a second at most."""
    ctx.client("events").create_api_destination(
        Name="evt-crm-hook", ConnectionArn=_connection(ctx), InvocationEndpoint="https://crm.example.com/hooks",
        HttpMethod="POST", InvocationRateLimitPerSecond=20)
    ctx.record("aws_cloudwatch_event_api_destination", "evt-crm-hook", None)


def _schedule_group(ctx: BuildContext) -> None:
    def make() -> None:
        ctx.client("scheduler").create_schedule_group(Name="evt-jobs")
        ctx.record("aws_scheduler_schedule_group", "evt-jobs", None)
    once(ctx, "evt-jobs", make)


def scheduler_schedule_group(ctx: BuildContext) -> None:
    """evt-jobs groups the team's schedules."""
    _schedule_group(ctx)


def scheduler_schedule(ctx: BuildContext) -> None:
    """evt-nightly drops a message on evt-nightly once a day, as the evt-scheduler role."""
    _schedule_group(ctx)
    _, queue_arn = queue(ctx, "evt-nightly")
    role_arn = ctx.client("iam").create_role(RoleName="evt-scheduler",
                                             AssumeRolePolicyDocument=_trust("scheduler.amazonaws.com"))["Role"]["Arn"]
    ctx.record("aws_iam_role", "evt-scheduler", None)
    ctx.client("scheduler").create_schedule(
        Name="evt-nightly", GroupName="evt-jobs", ScheduleExpression="rate(1 day)", FlexibleTimeWindow={"Mode": "OFF"},
        Target={"Arn": queue_arn, "RoleArn": role_arn})
    ctx.record("aws_scheduler_schedule", "evt-jobs/evt-nightly", None)


def _trust(service: str) -> str:
    return _compact({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                             "Principal": {"Service": service}}]})


def firehose_delivery_stream(ctx: BuildContext) -> None:
    """evt-logs delivers what it receives to the evt-firehose-logs bucket, as the evt-firehose role."""
    ctx.client("s3").create_bucket(Bucket="evt-firehose-logs")
    ctx.record("aws_s3_bucket", "evt-firehose-logs", None)
    role_arn = ctx.client("iam").create_role(RoleName="evt-firehose",
                                             AssumeRolePolicyDocument=_trust("firehose.amazonaws.com"))["Role"]["Arn"]
    ctx.record("aws_iam_role", "evt-firehose", None)
    arn = ctx.client("firehose").create_delivery_stream(
        DeliveryStreamName="evt-logs", DeliveryStreamType="DirectPut",
        ExtendedS3DestinationConfiguration={
            "RoleARN": role_arn, "BucketARN": "arn:aws:s3:::evt-firehose-logs",
            "BufferingHints": {"SizeInMBs": 5, "IntervalInSeconds": 300}, "CompressionFormat": "UNCOMPRESSED",
            "S3BackupMode": "Disabled", "CustomTimeZone": "UTC"},  # AWS's defaults, which it reports back
    )["DeliveryStreamARN"]
    ctx.record("aws_kinesis_firehose_delivery_stream", arn, None)


def sns_topic_policy(ctx: BuildContext) -> None:
    """evt-alerts lets EventBridge publish to it (the policy replaces the one SNS wrote)."""
    sns = ctx.client("sns")
    arn = sns.create_topic(Name="evt-alerts")["TopicArn"]
    ctx.record("aws_sns_topic", arn, None)
    sns.set_topic_attributes(TopicArn=arn, AttributeName="Policy", AttributeValue=_compact({
        "Version": "2012-10-17", "Statement": [{
            "Sid": "EventBridgePublish", "Effect": "Allow", "Action": "sns:Publish",
            "Principal": {"Service": "events.amazonaws.com"}, "Resource": arn}]}))
    ctx.record("aws_sns_topic_policy", arn, None)


def sfn_activity(ctx: BuildContext) -> None:
    """evt-approve, the manual approval step workers poll for."""
    arn = ctx.client("stepfunctions").create_activity(name="evt-approve")["activityArn"]
    ctx.record("aws_sfn_activity", arn, None)


def kinesis_stream_consumer(ctx: BuildContext) -> None:
    """evt-reader reads evt-clicks with enhanced fan-out."""
    kinesis = ctx.client("kinesis")
    kinesis.create_stream(StreamName="evt-clicks", ShardCount=1)
    ctx.record("aws_kinesis_stream", "evt-clicks", None)
    stream_arn = kinesis.describe_stream_summary(StreamName="evt-clicks")["StreamDescriptionSummary"]["StreamARN"]
    arn = kinesis.register_stream_consumer(StreamARN=stream_arn, ConsumerName="evt-reader")["Consumer"]["ConsumerARN"]
    ctx.record("aws_kinesis_stream_consumer", arn, None)


BUILDERS = {
    "aws_cloudwatch_event_bus": event_bus,
    "aws_cloudwatch_event_bus_policy": event_bus_policy,
    "aws_cloudwatch_event_archive": event_archive,
    "aws_cloudwatch_event_connection": event_connection,
    "aws_cloudwatch_event_api_destination": event_api_destination,
    "aws_scheduler_schedule_group": scheduler_schedule_group,
    "aws_scheduler_schedule": scheduler_schedule,
    "aws_kinesis_firehose_delivery_stream": firehose_delivery_stream,
    "aws_sns_topic_policy": sns_topic_policy,
    "aws_sfn_activity": sfn_activity,
    "aws_kinesis_stream_consumer": kinesis_stream_consumer,
}
