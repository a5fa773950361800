"""DescribeCacheParameterGroups answers the account's cache parameter groups, as in AWS; the emulator did
not implement the call (HTTP 500 with an HTML page), so discovering every type failed on it. It cannot create
parameter groups either, so the answer is always the empty list: aws_elasticache_parameter_group is proven by
unit tests on AWS's answers (tests/unit/test_stubbed_database_types.py)."""

from __future__ import annotations

from typing import Any


def apply() -> None:
    """Answer the empty list of cache parameter groups."""
    from moto.core.responses import ActionResult
    from moto.elasticache.responses import ElastiCacheResponse

    def describe_cache_parameter_groups(self: Any) -> Any:
        return ActionResult({"CacheParameterGroups": []})

    ElastiCacheResponse.describe_cache_parameter_groups = describe_cache_parameter_groups
