"""DescribePlacementGroups answers (the emulator makes none, so the list is empty) instead of HTTP 500."""

from __future__ import annotations


def test_placement_groups_are_listed(clean_emulator):
    assert clean_emulator.client("ec2").describe_placement_groups()["PlacementGroups"] == []
