"""ElastiCache ``CreateCacheCluster`` defaults ``AutoMinorVersionUpgrade`` to true when it is not given.
The emulator kept it unset and described it as false, so provider 5.100 (default "true") planned an
update after importing a cluster made without the flag."""

from __future__ import annotations

from typing import Any


def apply() -> None:
    """Default ``auto_minor_version_upgrade`` of new cache clusters to true."""
    from moto.elasticache.models import CacheCluster

    original = CacheCluster.__init__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        if self.auto_minor_version_upgrade is None:
            self.auto_minor_version_upgrade = True

    CacheCluster.__init__ = __init__
