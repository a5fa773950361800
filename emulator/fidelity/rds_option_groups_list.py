"""RDS ``DescribeOptionGroups`` without ``OptionGroupName`` lists every option group of the region
(an empty list when there is none). The emulator failed with HTTP 500 (it read the name as required), so
discovery of ``aws_db_option_group`` and every plan refreshing one broke."""

from __future__ import annotations

from typing import Any


def apply() -> None:
    """Let ``DescribeOptionGroups`` list all groups, and answer an empty list when none exists."""
    from moto.rds.exceptions import OptionGroupNotFoundFaultError
    from moto.rds.models import RDSBackend

    original = RDSBackend.describe_option_groups

    def describe_option_groups(self: Any, option_group_kwargs: dict[str, Any]) -> list[Any]:
        named = option_group_kwargs.get("option_group_name")
        try:
            return original(self, {**option_group_kwargs, "option_group_name": named})
        except OptionGroupNotFoundFaultError:
            if named:
                raise
            return []

    RDSBackend.describe_option_groups = describe_option_groups
