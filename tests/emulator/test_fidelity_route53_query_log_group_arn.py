"""A query logging configuration accepts the log group ARN without ``:*`` and keeps it as sent."""

from __future__ import annotations


def test_query_logging_config_takes_the_plain_log_group_arn(clean_emulator):
    route53, logs = clean_emulator.client("route53"), clean_emulator.client("logs")
    zone_id = route53.create_hosted_zone(Name="edg-q.example.com", CallerReference="edg-q")["HostedZone"]["Id"]
    logs.create_log_group(logGroupName="/aws/route53/edg-q.example.com")
    arn = logs.describe_log_groups()["logGroups"][0]["arn"].removesuffix(":*")
    made = route53.create_query_logging_config(HostedZoneId=zone_id.split("/")[-1], CloudWatchLogsLogGroupArn=arn)
    assert made["QueryLoggingConfig"]["CloudWatchLogsLogGroupArn"] == arn
    listed = route53.list_query_logging_configs()["QueryLoggingConfigs"]
    assert [config["CloudWatchLogsLogGroupArn"] for config in listed] == [arn]
