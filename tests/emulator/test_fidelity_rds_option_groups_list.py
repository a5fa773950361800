"""DescribeOptionGroups lists every option group without a name filter, as in AWS."""

from __future__ import annotations

import pytest


def test_option_groups_are_listed_without_a_name(clean_emulator):
    rds = clean_emulator.client("rds")
    assert rds.describe_option_groups()["OptionGroupsList"] == []
    rds.create_option_group(OptionGroupName="og-a", EngineName="mysql", MajorEngineVersion="8.0",
                            OptionGroupDescription="a")
    assert [g["OptionGroupName"] for g in rds.describe_option_groups()["OptionGroupsList"]] == ["og-a"]
    assert [g["OptionGroupName"] for g in rds.describe_option_groups(EngineName="mysql")["OptionGroupsList"]] == \
        ["og-a"]


def test_an_unknown_name_is_still_an_error(clean_emulator):
    rds = clean_emulator.client("rds")
    with pytest.raises(rds.exceptions.OptionGroupNotFoundFault):
        rds.describe_option_groups(OptionGroupName="missing")
