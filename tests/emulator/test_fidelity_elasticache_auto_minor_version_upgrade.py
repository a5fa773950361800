"""A cache cluster made without AutoMinorVersionUpgrade has it on, as in AWS."""

from __future__ import annotations


def test_auto_minor_version_upgrade_defaults_to_true(clean_emulator):
    elasticache = clean_emulator.client("elasticache")
    elasticache.create_cache_cluster(CacheClusterId="plain", Engine="memcached", CacheNodeType="cache.t4g.micro",
                                     NumCacheNodes=1)
    elasticache.create_cache_cluster(CacheClusterId="pinned", Engine="memcached", CacheNodeType="cache.t4g.micro",
                                     NumCacheNodes=1, AutoMinorVersionUpgrade=False)
    flags = {c["CacheClusterId"]: c["AutoMinorVersionUpgrade"]
             for c in elasticache.describe_cache_clusters()["CacheClusters"]}
    assert flags == {"plain": True, "pinned": False}
