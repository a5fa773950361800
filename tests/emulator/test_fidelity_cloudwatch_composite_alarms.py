"""PutCompositeAlarm works and DescribeAlarms returns the composite alarm with its rule, apart from metric alarms."""

from __future__ import annotations


def test_a_composite_alarm_is_kept_and_described_with_its_rule(clean_emulator):
    cloudwatch = clean_emulator.client("cloudwatch")
    cloudwatch.put_metric_alarm(AlarmName="errors", Namespace="app", MetricName="Errors", Statistic="Sum", Period=60,
                                EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanThreshold")
    cloudwatch.put_composite_alarm(AlarmName="service-down", AlarmRule='ALARM("errors")',
                                   AlarmDescription="errors alarm fired")
    found = cloudwatch.describe_alarms(AlarmNames=["service-down"], AlarmTypes=["CompositeAlarm"])
    assert [a["AlarmName"] for a in found["CompositeAlarms"]] == ["service-down"] and found["MetricAlarms"] == []
    alarm = found["CompositeAlarms"][0]
    assert alarm["AlarmRule"] == 'ALARM("errors")' and alarm["AlarmDescription"] == "errors alarm fired"
    assert alarm["AlarmArn"].endswith(":alarm:service-down")
    every = cloudwatch.describe_alarms()
    assert [a["AlarmName"] for a in every["MetricAlarms"]] == ["errors"]
