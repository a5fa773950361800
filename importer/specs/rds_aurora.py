"""RDS clusters (Aurora and Multi-AZ DB clusters), their instances, cluster parameter groups and option groups.

DocumentDB and Neptune share these APIs but are other Terraform types (``aws_docdb_*``, ``aws_neptune_*``):
their engines are filtered out. Master passwords are never read (the API does not return them).
"""

from importer.specs.base import Call, Reference, ResourceSpec

_NOT_DOCDB_NEPTUNE = "Engine != 'docdb' && Engine != 'neptune'"
_NOT_DOCDB_NEPTUNE_FAMILY = ("!starts_with(DBParameterGroupFamily || '', 'docdb') && "
                             "!starts_with(DBParameterGroupFamily || '', 'neptune')")

SPECS = (
    ResourceSpec(
        type="aws_rds_cluster", service="rds",
        list=Call("DescribeDBClusters", items=f"DBClusters[?{_NOT_DOCDB_NEPTUNE}]"),
        import_id="{DBClusterIdentifier}", identity={"cluster_identifier": "DBClusterIdentifier"},
        aliases=("DBClusterArn", "DbClusterResourceId", "Endpoint"),
        references=(
            Reference("db_subnet_group_name", "aws_db_subnet_group", "DBSubnetGroup"),
            Reference("db_cluster_parameter_group_name", "aws_rds_cluster_parameter_group", "DBClusterParameterGroup"),
            Reference("vpc_security_group_ids", "aws_security_group", "VpcSecurityGroups[].VpcSecurityGroupId"),
            Reference("kms_key_id", "aws_kms_key", "KmsKeyId"),
            Reference("master_user_secret_kms_key_id", "aws_kms_key", "MasterUserSecret.KmsKeyId"),
        ),
        attributes={
            "engine": "Engine", "engine_version": "EngineVersion", "engine_mode": "EngineMode",
            "database_name": "DatabaseName", "port": "Port", "storage_encrypted": "StorageEncrypted",
            "backup_retention_period": "BackupRetentionPeriod", "deletion_protection": "DeletionProtection",
            "manage_master_user_password": "MasterUserSecret != null",
        },
        note="DocumentDB and Neptune clusters are other types; the master password is never read",
    ),
    ResourceSpec(
        type="aws_rds_cluster_instance", service="rds",
        # Only Aurora members: Multi-AZ DB cluster members are managed through aws_rds_cluster itself.
        list=Call("DescribeDBInstances", items="DBInstances[?DBClusterIdentifier && starts_with(Engine, 'aurora')]"),
        import_id="{DBInstanceIdentifier}", identity={"identifier": "DBInstanceIdentifier"},
        aliases=("DBInstanceArn", "DbiResourceId", "Endpoint.Address"),
        references=(
            Reference("cluster_identifier", "aws_rds_cluster", "DBClusterIdentifier"),
            Reference("db_subnet_group_name", "aws_db_subnet_group", "DBSubnetGroup.DBSubnetGroupName"),
            Reference("db_parameter_group_name", "aws_db_parameter_group", "DBParameterGroups[0].DBParameterGroupName"),
            Reference("monitoring_role_arn", "aws_iam_role", "MonitoringRoleArn"),
        ),
        attributes={"engine": "Engine", "engine_version": "EngineVersion", "instance_class": "DBInstanceClass",
                    "cluster_identifier": "DBClusterIdentifier", "publicly_accessible": "PubliclyAccessible"},
        note="Aurora cluster members only (DocumentDB, Neptune and Multi-AZ DB cluster members are not this type)",
    ),
    ResourceSpec(
        type="aws_rds_cluster_parameter_group", service="rds",
        list=Call("DescribeDBClusterParameterGroups",
                  items=f"DBClusterParameterGroups[?{_NOT_DOCDB_NEPTUNE_FAMILY}]"),
        import_id="{DBClusterParameterGroupName}", exclude="starts_with(DBClusterParameterGroupName, 'default.')",
        identity={"name": "DBClusterParameterGroupName"}, aliases=("DBClusterParameterGroupArn",),
        attributes={"name": "DBClusterParameterGroupName", "family": "DBParameterGroupFamily",
                    "description": "Description"},
        note="default.<family> groups are AWS defaults; DocumentDB and Neptune groups are other types",
    ),
    ResourceSpec(
        type="aws_db_option_group", service="rds", list=Call("DescribeOptionGroups", items="OptionGroupsList[]"),
        import_id="{OptionGroupName}", exclude="starts_with(OptionGroupName, 'default:')",
        identity={"name": "OptionGroupName"}, aliases=("OptionGroupArn",),
        attributes={"name": "OptionGroupName", "engine_name": "EngineName",
                    "major_engine_version": "MajorEngineVersion",
                    "option_group_description": "OptionGroupDescription"},
        note="default:<engine>-<version> groups are AWS defaults",
    ),
)
