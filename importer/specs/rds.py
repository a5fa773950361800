"""RDS: DB instances, DB subnet groups and DB parameter groups (not their ``parameter`` blocks)."""

from importer.specs.base import Call, Reference, ResourceSpec

SPECS = (
    ResourceSpec(
        type="aws_db_instance", service="rds",
        # Members of Aurora, Multi-AZ DB, DocumentDB and Neptune clusters are other Terraform types.
        list=Call("DescribeDBInstances", items="DBInstances[?!DBClusterIdentifier]"),
        import_id="{DBInstanceIdentifier}", identity={"identifier": "DBInstanceIdentifier"},
        aliases=("DBInstanceArn", "DbiResourceId", "Endpoint.Address"),
        references=(
            Reference("db_subnet_group_name", "aws_db_subnet_group", "DBSubnetGroup.DBSubnetGroupName"),
            Reference("parameter_group_name", "aws_db_parameter_group", "DBParameterGroups[0].DBParameterGroupName"),
            Reference("vpc_security_group_ids", "aws_security_group", "VpcSecurityGroups[].VpcSecurityGroupId"),
            Reference("kms_key_id", "aws_kms_key", "KmsKeyId"),
            Reference("master_user_secret_kms_key_id", "aws_kms_key", "MasterUserSecret.KmsKeyId"),
            Reference("monitoring_role_arn", "aws_iam_role", "MonitoringRoleArn"),
        ),
        attributes={
            "engine": "Engine", "engine_version": "EngineVersion", "instance_class": "DBInstanceClass",
            "allocated_storage": "AllocatedStorage", "storage_type": "StorageType",
            "storage_encrypted": "StorageEncrypted", "multi_az": "MultiAZ", "publicly_accessible": "PubliclyAccessible",
            "backup_retention_period": "BackupRetentionPeriod", "deletion_protection": "DeletionProtection",
            "db_name": "DBName", "manage_master_user_password": "MasterUserSecret != null",
        },
    ),
    ResourceSpec(
        type="aws_db_subnet_group", service="rds", list=Call("DescribeDBSubnetGroups", items="DBSubnetGroups[]"),
        import_id="{DBSubnetGroupName}", exclude="DBSubnetGroupName == 'default'",
        identity={"name": "DBSubnetGroupName"}, aliases=("DBSubnetGroupArn",),
        references=(Reference("subnet_ids", "aws_subnet", "Subnets[].SubnetIdentifier"),),
        attributes={"name": "DBSubnetGroupName", "description": "DBSubnetGroupDescription"},
        note="the 'default' subnet group (default VPC) is an AWS default",
    ),
    ResourceSpec(
        type="aws_db_parameter_group", service="rds",
        # Neptune instance parameter groups share this API but are aws_neptune_parameter_group.
        list=Call("DescribeDBParameterGroups",
                  items="DBParameterGroups[?!starts_with(DBParameterGroupFamily || '', 'neptune')]"),
        import_id="{DBParameterGroupName}", exclude="starts_with(DBParameterGroupName, 'default.')",
        identity={"name": "DBParameterGroupName"}, aliases=("DBParameterGroupArn",),
        attributes={"name": "DBParameterGroupName", "family": "DBParameterGroupFamily", "description": "Description"},
        note="default.<family> groups are AWS defaults",
    ),
)
