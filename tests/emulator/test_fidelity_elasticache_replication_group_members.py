"""A replication group's members are cache clusters of their own, as in AWS."""

from __future__ import annotations


def test_members_are_described_as_cache_clusters_and_go_with_their_group(clean_emulator):
    elasticache = clean_emulator.client("elasticache")
    group = elasticache.create_replication_group(
        ReplicationGroupId="rg", ReplicationGroupDescription="rg", Engine="redis", EngineVersion="7.1",
        CacheNodeType="cache.t4g.micro", NumCacheClusters=1)["ReplicationGroup"]
    assert group["MemberClusters"] == ["rg-001"]
    clusters = elasticache.describe_cache_clusters()["CacheClusters"]
    assert sorted((c["CacheClusterId"], c["ReplicationGroupId"], c["CacheNodeType"], c["EngineVersion"])
                  for c in clusters) == [("rg-001", "rg", "cache.t4g.micro", "7.1")]
    assert elasticache.describe_cache_clusters(CacheClusterId="rg-001")["CacheClusters"][0]["Engine"] == "redis"
    elasticache.delete_replication_group(ReplicationGroupId="rg")
    assert elasticache.describe_cache_clusters()["CacheClusters"] == []
