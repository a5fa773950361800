"""CloudWatch has ``PutCompositeAlarm`` (an alarm whose state is a rule over other alarms), returned
under ``CompositeAlarms`` by ``DescribeAlarms`` with its ``AlarmRule``. The emulator stored rule alarms
but had no ``PutCompositeAlarm`` (HTTP 500) and did not return the rule."""

from __future__ import annotations

from typing import Any


def apply() -> None:
    """Route PutCompositeAlarm to the alarm store (it keeps AlarmRule) and expose the rule by its AWS name."""
    from moto.cloudwatch.models import Alarm
    from moto.cloudwatch.responses import CloudWatchResponse

    def put_composite_alarm(self: Any) -> Any:
        return CloudWatchResponse.put_metric_alarm(self)

    CloudWatchResponse.put_composite_alarm = put_composite_alarm
    Alarm.alarm_rule = property(lambda self: self.rule)
