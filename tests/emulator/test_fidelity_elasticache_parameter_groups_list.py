"""DescribeCacheParameterGroups answers (the emulator makes none, so the list is empty) instead of HTTP 500."""

from __future__ import annotations


def test_cache_parameter_groups_are_listed(clean_emulator):
    assert clean_emulator.client("elasticache").describe_cache_parameter_groups()["CacheParameterGroups"] == []
