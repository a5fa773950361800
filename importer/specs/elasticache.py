"""ElastiCache: subnet groups, parameter groups, replication groups (Redis/Valkey) and clusters.

Members of a replication group are ``aws_elasticache_cluster`` objects in the API but belong to the
``aws_elasticache_replication_group``: they are left out. Auth tokens are never returned by the API.
"""

from importer.specs.base import Call, Reference, ResourceSpec

SPECS = (
    ResourceSpec(
        type="aws_elasticache_subnet_group", service="elasticache",
        list=Call("DescribeCacheSubnetGroups", items="CacheSubnetGroups[]"),
        import_id="{CacheSubnetGroupName}", exclude="CacheSubnetGroupName == 'default'",
        identity={"name": "CacheSubnetGroupName"}, aliases=("ARN",),
        references=(Reference("subnet_ids", "aws_subnet", "Subnets[].SubnetIdentifier"),),
        attributes={"name": "CacheSubnetGroupName", "description": "CacheSubnetGroupDescription"},
        note="the 'default' subnet group (default VPC) is an AWS default",
    ),
    ResourceSpec(
        type="aws_elasticache_parameter_group", service="elasticache",
        list=Call("DescribeCacheParameterGroups", items="CacheParameterGroups[]"),
        import_id="{CacheParameterGroupName}", exclude="starts_with(CacheParameterGroupName, 'default.')",
        identity={"name": "CacheParameterGroupName"}, aliases=("ARN",),
        attributes={"name": "CacheParameterGroupName", "family": "CacheParameterGroupFamily",
                    "description": "Description"},
        note="default.<family> groups are AWS defaults",
    ),
    ResourceSpec(
        type="aws_elasticache_replication_group", service="elasticache",
        list=Call("DescribeReplicationGroups", items="ReplicationGroups[?Status != 'deleting']"),
        import_id="{ReplicationGroupId}", identity={"replication_group_id": "ReplicationGroupId"},
        aliases=("ARN", "NodeGroups[0].PrimaryEndpoint.Address", "ConfigurationEndpoint.Address"),
        references=(Reference("kms_key_id", "aws_kms_key", "KmsKeyId"),),
        attributes={"description": "Description", "node_type": "CacheNodeType", "engine": "Engine",
                    "automatic_failover_enabled": "AutomaticFailover == 'enabled'",
                    "multi_az_enabled": "MultiAZ == 'enabled'", "num_cache_clusters": "length(MemberClusters)",
                    "transit_encryption_enabled": "TransitEncryptionEnabled",
                    "at_rest_encryption_enabled": "AtRestEncryptionEnabled"},
        note="the subnet group, parameter group and security groups are on the member clusters (not read: "
             "no reference to them is declared); the auth token is never returned",
    ),
    ResourceSpec(
        type="aws_elasticache_cluster", service="elasticache",
        list=Call("DescribeCacheClusters", items="CacheClusters[?!ReplicationGroupId && CacheClusterStatus != 'deleting']"),
        import_id="{CacheClusterId}", identity={"cluster_id": "CacheClusterId"}, aliases=("ARN",),
        references=(
            Reference("subnet_group_name", "aws_elasticache_subnet_group", "CacheSubnetGroupName"),
            Reference("parameter_group_name", "aws_elasticache_parameter_group",
                      "CacheParameterGroup.CacheParameterGroupName"),
            Reference("security_group_ids", "aws_security_group", "SecurityGroups[].SecurityGroupId"),
        ),
        attributes={"engine": "Engine", "engine_version": "EngineVersion", "node_type": "CacheNodeType",
                    "num_cache_nodes": "NumCacheNodes"},
        note="members of a replication group belong to aws_elasticache_replication_group and are skipped",
    ),
)
