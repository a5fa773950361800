"""CloudWatch Logs sets a metric transformation's ``unit`` to ``None`` when the caller omits it (AWS:
"If you omit this, the unit is set as None") and returns it from ``DescribeMetricFilters``; the
emulator returned no unit, so provider 5.100 planned ``unit: "" -> "None"`` right after an import."""

from __future__ import annotations

from typing import Any


def apply() -> None:
    """Default each transformation's unit to ``"None"`` when it is stored."""
    from moto.logs.models import LogsBackend

    original = LogsBackend.put_metric_filter

    def put_metric_filter(self: Any, filter_name: str, filter_pattern: str, log_group_name: str,
                          metric_transformations: Any) -> None:
        for transformation in metric_transformations or []:
            if isinstance(transformation, dict) and not transformation.get("unit"):
                transformation["unit"] = "None"
        original(self, filter_name, filter_pattern, log_group_name, metric_transformations)

    LogsBackend.put_metric_filter = put_metric_filter
