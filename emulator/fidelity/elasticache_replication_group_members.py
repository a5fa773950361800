"""ElastiCache ``CreateReplicationGroup`` makes one cache cluster per member (``<group>-001``...), which
``DescribeCacheClusters`` lists with its ``ReplicationGroupId``, engine, node type, subnet and parameter
groups. The emulator named the members but made no cache clusters, so provider 5.100, which reads the first
member to fill a replication group's engine version, parameter group and subnet group, failed every refresh
with ``CacheClusterNotFound``."""

from __future__ import annotations

from typing import Any


def apply() -> None:
    """Make (and delete) the member cache clusters along with their replication group."""
    from moto.elasticache.models import ElastiCacheBackend

    original_create = ElastiCacheBackend.create_replication_group
    original_delete = ElastiCacheBackend.delete_replication_group

    def create_replication_group(self: Any, *args: Any, **kwargs: Any) -> Any:
        group = original_create(self, *args, **kwargs)
        for member in group.member_clusters:
            if member in self.cache_clusters:
                continue
            cluster = self.create_cache_cluster(
                cache_cluster_id=member, replication_group_id=group.replication_group_id, az_mode=None,
                preferred_availability_zone=None, num_cache_nodes=1, cache_node_type=group.cache_node_type,
                engine=group.engine or "redis", engine_version=group.engine_version,
                cache_parameter_group_name=group.cache_parameter_group_name,
                cache_subnet_group_name=group.cache_subnet_group_name,
                transit_encryption_enabled=group.transit_encryption_enabled, network_type=group.network_type,
                ip_discovery=group.ip_discovery, snapshot_name=None,
                preferred_maintenance_window=kwargs.get("preferred_maintenance_window"), port=group.port,
                notification_topic_arn=None, auto_minor_version_upgrade=kwargs.get("auto_minor_version_upgrade"),
                snapshot_retention_limit=group.snapshot_retention_limit, snapshot_window=group.snapshot_window,
                auth_token=None, outpost_mode=None, preferred_outpost_arn=None, preferred_availability_zones=None,
                cache_security_group_names=None, security_group_ids=group.security_group_ids, tags=None,
                snapshot_arns=None, preferred_outpost_arns=None, log_delivery_configurations=[],
                cache_node_ids_to_remove=None, cache_node_ids_to_reboot=None)
            cluster.replication_group_id = group.replication_group_id  # moto keeps it for redis only
        return group

    def delete_replication_group(self: Any, replication_group_id: str, retain_primary_cluster: bool | None) -> Any:
        group = self.replication_groups.get(replication_group_id)
        members = list(group.member_clusters) if group else []
        result = original_delete(self, replication_group_id, retain_primary_cluster)
        for member in members:
            if not (retain_primary_cluster and member == group.primary_cluster_id):
                self.cache_clusters.pop(member, None)
        return result

    ElastiCacheBackend.create_replication_group = create_replication_group
    ElastiCacheBackend.delete_replication_group = delete_replication_group
