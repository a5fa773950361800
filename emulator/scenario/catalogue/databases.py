"""Databases and storage ("dbx-"): an Aurora PostgreSQL cluster with its instance and parameter group, an option
group, ElastiCache Redis and Memcached in their subnet group, an EFS file system with its mount target, access
point and policy.

The cluster's master password is kept by RDS in Secrets Manager (``ManageMasterUserPassword``), as the
fixtures declare it: no password is ever written or read.
"""

from __future__ import annotations

import json

from emulator.scenario.catalogue.shared import once
from emulator.scenario.context import BuildContext

CLUSTER = "dbx-orders"


def network(ctx: BuildContext) -> tuple[str, list[str]]:
    """The dbx-data VPC and its two private subnets (made once per build): VPC ID and subnet IDs."""
    def make() -> None:
        ec2 = ctx.client("ec2")
        vpc = ec2.create_vpc(CidrBlock="10.70.0.0/16", TagSpecifications=[
            {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "dbx-data"}]}])["Vpc"]["VpcId"]
        ctx.record("aws_vpc", vpc, None)
        subnets = []
        for index, zone in enumerate(("us-east-1a", "us-east-1b"), start=1):
            subnet = ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.70.{index}.0/24", AvailabilityZone=zone,
                                       TagSpecifications=[{"ResourceType": "subnet", "Tags": [
                                           {"Key": "Name", "Value": f"dbx-data-{zone[-1]}"}]}])["Subnet"]["SubnetId"]
            ctx.record("aws_subnet", subnet, None)
            subnets.append(subnet)
        ctx.ids["dbx-network"] = (vpc, subnets)
    if "dbx-network" not in ctx.ids:
        make()
    return ctx.ids["dbx-network"]


def _cluster(ctx: BuildContext) -> None:
    """dbx-orders: Aurora PostgreSQL 15.4 with its own cluster parameter group, password kept by RDS."""
    def make() -> None:
        rds = ctx.client("rds")
        rds.create_db_cluster_parameter_group(DBClusterParameterGroupName="dbx-orders",
                                              DBParameterGroupFamily="aurora-postgresql15",
                                              Description="dbx-orders cluster settings")
        ctx.record("aws_rds_cluster_parameter_group", "dbx-orders", None)
        rds.create_db_cluster(DBClusterIdentifier=CLUSTER, Engine="aurora-postgresql", EngineVersion="15.4",
                              DatabaseName="orders", MasterUsername="orders_admin", ManageMasterUserPassword=True,
                              DBClusterParameterGroupName="dbx-orders", BackupRetentionPeriod=7,
                              StorageEncrypted=True)
        ctx.record("aws_rds_cluster", CLUSTER, None)
    once(ctx, "dbx-cluster", make)


def rds_cluster_instance(ctx: BuildContext) -> None:
    """dbx-orders-1, the cluster's writer."""
    _cluster(ctx)
    ctx.client("rds").create_db_instance(DBInstanceIdentifier="dbx-orders-1", DBClusterIdentifier=CLUSTER,
                                         Engine="aurora-postgresql", DBInstanceClass="db.r6g.large")
    ctx.record("aws_rds_cluster_instance", "dbx-orders-1", None)


def db_option_group(ctx: BuildContext) -> None:
    """dbx-legacy: a MySQL 8.0 option group without options."""
    ctx.client("rds").create_option_group(OptionGroupName="dbx-legacy", EngineName="mysql", MajorEngineVersion="8.0",
                                          OptionGroupDescription="dbx-legacy options")
    ctx.record("aws_db_option_group", "dbx-legacy", None)


def _cache_subnet_group(ctx: BuildContext) -> None:
    """dbx-cache: the cache subnet group over both dbx-data subnets."""
    def make() -> None:
        _, subnets = network(ctx)
        ctx.client("elasticache").create_cache_subnet_group(
            CacheSubnetGroupName="dbx-cache", CacheSubnetGroupDescription="dbx caches", SubnetIds=subnets)
        ctx.record("aws_elasticache_subnet_group", "dbx-cache", None)
    once(ctx, "dbx-cache", make)


def elasticache_replication_group(ctx: BuildContext) -> None:
    """dbx-sessions: Redis 7.1, one node, in dbx-cache."""
    _cache_subnet_group(ctx)
    ctx.client("elasticache").create_replication_group(
        ReplicationGroupId="dbx-sessions", ReplicationGroupDescription="dbx sessions", Engine="redis",
        EngineVersion="7.1", CacheNodeType="cache.t4g.micro", NumCacheClusters=1, CacheSubnetGroupName="dbx-cache")
    ctx.record("aws_elasticache_replication_group", "dbx-sessions", None)


def elasticache_cluster(ctx: BuildContext) -> None:
    """dbx-memo: one Memcached node, in dbx-cache."""
    _cache_subnet_group(ctx)
    ctx.client("elasticache").create_cache_cluster(
        CacheClusterId="dbx-memo", Engine="memcached", EngineVersion="1.6.22", CacheNodeType="cache.t4g.micro",
        NumCacheNodes=1, CacheSubnetGroupName="dbx-cache")
    ctx.record("aws_elasticache_cluster", "dbx-memo", None)


def _file_system(ctx: BuildContext) -> str:
    """dbx-shared: an encrypted EFS file system (made once per build); its ID."""
    if "dbx-shared" not in ctx.ids:
        file_system = ctx.client("efs").create_file_system(
            CreationToken="dbx-shared", PerformanceMode="generalPurpose", ThroughputMode="bursting", Encrypted=True,
            Tags=[{"Key": "Name", "Value": "dbx-shared"}])["FileSystemId"]
        ctx.record("aws_efs_file_system", file_system, None)
        ctx.ids["dbx-shared"] = file_system
    return ctx.ids["dbx-shared"]


def efs_file_system(ctx: BuildContext) -> None:
    """dbx-shared alone."""
    _file_system(ctx)


def efs_mount_target(ctx: BuildContext) -> None:
    """dbx-shared's mount target in the first dbx-data subnet."""
    file_system, (_, subnets) = _file_system(ctx), network(ctx)
    target = ctx.client("efs").create_mount_target(FileSystemId=file_system, SubnetId=subnets[0])["MountTargetId"]
    ctx.record("aws_efs_mount_target", target, None)


def efs_access_point(ctx: BuildContext) -> None:
    """dbx-app: /app on dbx-shared, as uid/gid 1000."""
    point = ctx.client("efs").create_access_point(
        FileSystemId=_file_system(ctx), PosixUser={"Uid": 1000, "Gid": 1000},
        RootDirectory={"Path": "/app", "CreationInfo": {"OwnerUid": 1000, "OwnerGid": 1000, "Permissions": "755"}},
        Tags=[{"Key": "Name", "Value": "dbx-app"}])["AccessPointId"]
    ctx.record("aws_efs_access_point", point, None)


def efs_file_system_policy(ctx: BuildContext) -> None:
    """dbx-shared refuses clients that do not use TLS."""
    file_system = _file_system(ctx)
    ctx.client("efs").put_file_system_policy(FileSystemId=file_system, Policy=json.dumps({
        "Version": "2012-10-17", "Statement": [{
            "Sid": "TlsOnly", "Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "*",
            "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}, separators=(",", ":")))
    ctx.record("aws_efs_file_system_policy", file_system, None)


def backup_vault(ctx: BuildContext) -> None:
    """dbx-vault: a Backup vault encrypted with the Backup service's default key."""
    ctx.client("backup").create_backup_vault(BackupVaultName="dbx-vault")
    ctx.record("aws_backup_vault", "dbx-vault", None)


BUILDERS = {
    "aws_rds_cluster": _cluster,
    "aws_rds_cluster_parameter_group": _cluster,
    "aws_rds_cluster_instance": rds_cluster_instance,
    "aws_db_option_group": db_option_group,
    "aws_elasticache_subnet_group": _cache_subnet_group,
    "aws_elasticache_replication_group": elasticache_replication_group,
    "aws_elasticache_cluster": elasticache_cluster,
    "aws_efs_file_system": efs_file_system,
    "aws_efs_mount_target": efs_mount_target,
    "aws_efs_access_point": efs_access_point,
    "aws_efs_file_system_policy": efs_file_system_policy,
    "aws_backup_vault": backup_vault,
}
