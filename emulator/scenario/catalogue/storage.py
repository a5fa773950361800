"""S3 bucket configurations, each on idn- buckets made the way a person sets them up by hand."""

from __future__ import annotations

import json

from emulator.scenario.catalogue.shared import once, queue
from emulator.scenario.context import BuildContext


def _bucket(ctx: BuildContext, name: str, **options) -> None:
    """The bucket ``name`` (made once per build)."""
    once(ctx, f"bucket:{name}", lambda: (ctx.client("s3").create_bucket(Bucket=name, **options),
                                         ctx.record("aws_s3_bucket", name, None)))


def _versioned(ctx: BuildContext, name: str) -> None:
    _bucket(ctx, name)
    ctx.client("s3").put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    ctx.record("aws_s3_bucket_versioning", name, None)


def s3_bucket_notification(ctx: BuildContext) -> None:
    """idn-uploads tells the queue idn-uploads-events of each new object under incoming/."""
    _bucket(ctx, "idn-uploads")
    url, arn = queue(ctx, "idn-uploads-events")
    ctx.client("sqs").set_queue_attributes(QueueUrl=url, Attributes={"Policy": json.dumps({
        "Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "sqs:SendMessage",
            "Resource": arn, "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:s3:::idn-uploads"}}}]})})
    ctx.record("aws_sqs_queue_policy", url, None)
    ctx.client("s3").put_bucket_notification_configuration(Bucket="idn-uploads", NotificationConfiguration={
        "QueueConfigurations": [{"Id": "idn-new-uploads", "QueueArn": arn, "Events": ["s3:ObjectCreated:*"],
                                 "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "incoming/"}]}}}]})
    ctx.record("aws_s3_bucket_notification", "idn-uploads", None)


def s3_bucket_logging(ctx: BuildContext) -> None:
    """idn-app's access logs go to idn-access-logs under idn-app/."""
    _bucket(ctx, "idn-app")
    _bucket(ctx, "idn-access-logs")
    ctx.client("s3").put_bucket_logging(Bucket="idn-app", BucketLoggingStatus={
        "LoggingEnabled": {"TargetBucket": "idn-access-logs", "TargetPrefix": "idn-app/"}})
    ctx.record("aws_s3_bucket_logging", "idn-app", None)


def s3_bucket_acl(ctx: BuildContext) -> None:
    """idn-access-logs: object writers keep ownership unless they give it, LogDelivery may write."""
    _bucket(ctx, "idn-access-logs")
    s3 = ctx.client("s3")
    s3.put_bucket_ownership_controls(Bucket="idn-access-logs", OwnershipControls={
        "Rules": [{"ObjectOwnership": "BucketOwnerPreferred"}]})
    ctx.record("aws_s3_bucket_ownership_controls", "idn-access-logs", None)
    s3.put_bucket_acl(Bucket="idn-access-logs", ACL="log-delivery-write")
    ctx.record("aws_s3_bucket_acl", "idn-access-logs,log-delivery-write", None)


def s3_bucket_website_configuration(ctx: BuildContext) -> None:
    """idn-site serves index.html, and error.html when a key is missing."""
    _bucket(ctx, "idn-site")
    ctx.client("s3").put_bucket_website(Bucket="idn-site", WebsiteConfiguration={
        "IndexDocument": {"Suffix": "index.html"}, "ErrorDocument": {"Key": "error.html"}})
    ctx.record("aws_s3_bucket_website_configuration", "idn-site", None)


def s3_bucket_replication_configuration(ctx: BuildContext) -> None:
    """idn-source copies every object to idn-replica (both versioned) as the role idn-replication."""
    _versioned(ctx, "idn-source")
    _versioned(ctx, "idn-replica")
    iam = ctx.client("iam")
    role_arn = iam.create_role(RoleName="idn-replication", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                "Principal": {"Service": "s3.amazonaws.com"}}]}))["Role"]["Arn"]
    ctx.record("aws_iam_role", "idn-replication", None)
    iam.put_role_policy(RoleName="idn-replication", PolicyName="idn-replication", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["s3:GetReplicationConfiguration", "s3:ListBucket"],
             "Resource": "arn:aws:s3:::idn-source"},
            {"Effect": "Allow", "Action": ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl"],
             "Resource": "arn:aws:s3:::idn-source/*"},
            {"Effect": "Allow", "Action": ["s3:ReplicateObject", "s3:ReplicateDelete"],
             "Resource": "arn:aws:s3:::idn-replica/*"}]}))
    ctx.record("aws_iam_role_policy", "idn-replication:idn-replication", None)
    ctx.client("s3").put_bucket_replication(Bucket="idn-source", ReplicationConfiguration={
        "Role": role_arn, "Rules": [{"ID": "idn-everything", "Status": "Enabled", "Priority": 1, "Filter": {},
                                     "DeleteMarkerReplication": {"Status": "Disabled"},
                                     "Destination": {"Bucket": "arn:aws:s3:::idn-replica", "StorageClass": "STANDARD"}}]})
    ctx.record("aws_s3_bucket_replication_configuration", "idn-source", None)


def s3_bucket_object_lock_configuration(ctx: BuildContext) -> None:
    """idn-vault, made with object lock (which turns versioning on), keeps every new object 30 days in
    governance mode."""
    _bucket(ctx, "idn-vault", ObjectLockEnabledForBucket=True)
    ctx.record("aws_s3_bucket_versioning", "idn-vault", None)
    ctx.client("s3").put_object_lock_configuration(Bucket="idn-vault", ObjectLockConfiguration={
        "ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 30}}})
    ctx.record("aws_s3_bucket_object_lock_configuration", "idn-vault", None)


def s3_bucket_accelerate_configuration(ctx: BuildContext) -> None:
    """idn-fast has transfer acceleration on."""
    _bucket(ctx, "idn-fast")
    ctx.client("s3").put_bucket_accelerate_configuration(Bucket="idn-fast",
                                                         AccelerateConfiguration={"Status": "Enabled"})
    ctx.record("aws_s3_bucket_accelerate_configuration", "idn-fast", None)


def s3_bucket_inventory(ctx: BuildContext) -> None:
    """idn-records lists its current objects weekly, as CSV, into idn-reports."""
    _bucket(ctx, "idn-records")
    _bucket(ctx, "idn-reports")
    ctx.client("s3").put_bucket_inventory_configuration(Bucket="idn-records", Id="idn-weekly", InventoryConfiguration={
        "Id": "idn-weekly", "IsEnabled": True, "IncludedObjectVersions": "Current", "Schedule": {"Frequency": "Weekly"},
        "Destination": {"S3BucketDestination": {"Bucket": "arn:aws:s3:::idn-reports", "Format": "CSV"}}})
    ctx.record("aws_s3_bucket_inventory", "idn-records:idn-weekly", None)


def s3_bucket_request_payment_configuration(ctx: BuildContext) -> None:
    """idn-datasets: whoever downloads pays."""
    _bucket(ctx, "idn-datasets")
    ctx.client("s3").put_bucket_request_payment(Bucket="idn-datasets",
                                                RequestPaymentConfiguration={"Payer": "Requester"})
    ctx.record("aws_s3_bucket_request_payment_configuration", "idn-datasets", None)


def s3_bucket_intelligent_tiering_configuration(ctx: BuildContext) -> None:
    """idn-archive moves objects under logs/ to the archive tiers after 90 and 180 days unread."""
    _bucket(ctx, "idn-archive")
    ctx.client("s3").put_bucket_intelligent_tiering_configuration(
        Bucket="idn-archive", Id="idn-logs", IntelligentTieringConfiguration={
            "Id": "idn-logs", "Status": "Enabled", "Filter": {"Prefix": "logs/"},
            "Tierings": [{"Days": 90, "AccessTier": "ARCHIVE_ACCESS"}, {"Days": 180, "AccessTier": "DEEP_ARCHIVE_ACCESS"}]})
    ctx.record("aws_s3_bucket_intelligent_tiering_configuration", "idn-archive:idn-logs", None)


def s3_bucket_metric(ctx: BuildContext) -> None:
    """idn-archive's request metrics for the whole bucket."""
    _bucket(ctx, "idn-archive")
    ctx.client("s3").put_bucket_metrics_configuration(Bucket="idn-archive", Id="idn-entire-bucket",
                                                      MetricsConfiguration={"Id": "idn-entire-bucket"})
    ctx.record("aws_s3_bucket_metric", "idn-archive:idn-entire-bucket", None)


def s3_bucket_analytics_configuration(ctx: BuildContext) -> None:
    """idn-archive's storage class analysis of the whole bucket."""
    _bucket(ctx, "idn-archive")
    ctx.client("s3").put_bucket_analytics_configuration(Bucket="idn-archive", Id="idn-entire-bucket",
                                                        AnalyticsConfiguration={"Id": "idn-entire-bucket",
                                                                                "StorageClassAnalysis": {}})
    ctx.record("aws_s3_bucket_analytics_configuration", "idn-archive:idn-entire-bucket", None)


BUILDERS = {
    "aws_s3_bucket_notification": s3_bucket_notification,
    "aws_s3_bucket_logging": s3_bucket_logging,
    "aws_s3_bucket_acl": s3_bucket_acl,
    "aws_s3_bucket_website_configuration": s3_bucket_website_configuration,
    "aws_s3_bucket_replication_configuration": s3_bucket_replication_configuration,
    "aws_s3_bucket_object_lock_configuration": s3_bucket_object_lock_configuration,
    "aws_s3_bucket_accelerate_configuration": s3_bucket_accelerate_configuration,
    "aws_s3_bucket_inventory": s3_bucket_inventory,
    "aws_s3_bucket_request_payment_configuration": s3_bucket_request_payment_configuration,
    "aws_s3_bucket_intelligent_tiering_configuration": s3_bucket_intelligent_tiering_configuration,
    "aws_s3_bucket_metric": s3_bucket_metric,
    "aws_s3_bucket_analytics_configuration": s3_bucket_analytics_configuration,
}
