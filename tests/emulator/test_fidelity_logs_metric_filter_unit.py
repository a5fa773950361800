"""A metric transformation given no unit is stored with unit "None", as AWS does; a given unit is kept."""

from __future__ import annotations


def test_a_metric_filter_without_unit_comes_back_with_unit_none(clean_emulator):
    logs = clean_emulator.client("logs")
    logs.create_log_group(logGroupName="app")
    logs.put_metric_filter(logGroupName="app", filterName="errors", filterPattern="ERROR",
                           metricTransformations=[{"metricName": "Errors", "metricNamespace": "app", "metricValue": "1"}])
    logs.put_metric_filter(logGroupName="app", filterName="bytes", filterPattern="",
                           metricTransformations=[{"metricName": "Bytes", "metricNamespace": "app", "metricValue": "1",
                                                   "unit": "Bytes"}])
    units = {f["filterName"]: f["metricTransformations"][0]["unit"]
             for f in logs.describe_metric_filters(logGroupName="app")["metricFilters"]}
    assert units == {"errors": "None", "bytes": "Bytes"}
