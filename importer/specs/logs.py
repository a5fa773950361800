"""CloudWatch Logs: log groups."""

from importer.specs.base import Call, Reference, ResourceSpec

SPECS = (
    ResourceSpec(
        type="aws_cloudwatch_log_group", service="logs",
        list=Call("DescribeLogGroups", items="logGroups[]", params={"limit": 50}),
        import_id="{logGroupName}", identity={"name": "logGroupName"},
        # logGroupArn has no ':*' (what flow logs and WAF logging point at); arn has it.
        aliases=("logGroupArn || trim_suffix(arn, ':*')", "arn"),
        references=(Reference("kms_key_id", "aws_kms_key", "kmsKeyId"),),
        attributes={"name": "logGroupName", "arn": "logGroupArn || trim_suffix(arn, ':*')", "retention_in_days": "retentionInDays", "log_group_class": "logGroupClass"},
    ),
)
