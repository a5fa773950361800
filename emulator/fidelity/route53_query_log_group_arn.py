"""Route 53 ``CreateQueryLoggingConfig`` takes the log group ARN as CloudWatch Logs gives it.

AWS: ``CloudWatchLogsLogGroupArn`` may be ``arn:aws:logs:us-east-1:ACCOUNT:log-group:NAME`` (what the
provider's ``aws_cloudwatch_log_group.arn`` holds, and the documented form) or the same with ``:*``; the
configuration keeps the ARN as given. moto accepted only the ``:*`` form and answered
NoSuchCloudWatchLogsLogGroup for the other.
"""

from __future__ import annotations

from typing import Any


def apply() -> None:
    """Accept a log group ARN without ``:*`` and keep it as sent."""
    from moto.route53.models import Route53Backend

    original = Route53Backend.create_query_logging_config

    def create_query_logging_config(self: Any, hosted_zone_id: str, log_group_arn: str) -> Any:
        if not log_group_arn or log_group_arn.endswith(":*"):
            return original(self, hosted_zone_id, log_group_arn)
        config = original(self, hosted_zone_id, f"{log_group_arn}:*")
        config.cloud_watch_logs_log_group_arn = log_group_arn
        return config

    Route53Backend.create_query_logging_config = create_query_logging_config
