"""EFS: file systems, and per file system its mount targets, file system policy and backup policy; access
points from one account-wide list. Mount target security groups (one more call per target) are not read."""

from importer.specs.base import Call, Reference, ResourceSpec

_FILE_SYSTEM = Reference("file_system_id", "aws_efs_file_system", "FileSystemId")

SPECS = (
    ResourceSpec(
        type="aws_efs_file_system", service="efs", list=Call("DescribeFileSystems", items="FileSystems[]"),
        import_id="{FileSystemId}", exclude="LifeCycleState == 'deleting' || LifeCycleState == 'deleted'",
        identity={"creation_token": "CreationToken", "tags.Name": "Name"}, aliases=("FileSystemArn",),
        references=(Reference("kms_key_id", "aws_kms_key", "KmsKeyId"),),
        attributes={"creation_token": "CreationToken", "performance_mode": "PerformanceMode",
                    "throughput_mode": "ThroughputMode", "encrypted": "Encrypted", "arn": "FileSystemArn"},
        note="deleting and deleted file systems are skipped",
    ),
    ResourceSpec(
        type="aws_efs_mount_target", service="efs", parent="aws_efs_file_system",
        list=Call("DescribeMountTargets", items="MountTargets[]", params={"FileSystemId": "=FileSystemId"},
                  absent_on=("FileSystemNotFound",)),
        import_id="{MountTargetId}", exclude="LifeCycleState == 'deleting' || LifeCycleState == 'deleted'",
        identity={"file_system_id": "FileSystemId", "subnet_id": "SubnetId"}, aliases=("IpAddress",),
        references=(_FILE_SYSTEM, Reference("subnet_id", "aws_subnet", "SubnetId")),
        attributes={"file_system_id": "FileSystemId", "subnet_id": "SubnetId", "ip_address": "IpAddress"},
        note="one DescribeMountTargets per file system; security groups (DescribeMountTargetSecurityGroups, "
             "one call per target) are not read, so no reference to them is declared",
    ),
    ResourceSpec(
        type="aws_efs_access_point", service="efs", list=Call("DescribeAccessPoints", items="AccessPoints[]"),
        import_id="{AccessPointId}", exclude="LifeCycleState == 'deleting' || LifeCycleState == 'deleted'",
        identity={"file_system_id": "FileSystemId", "tags.Name": "Name",
                  "root_directory.path": "RootDirectory.Path"},
        aliases=("AccessPointArn",), references=(_FILE_SYSTEM,),
        attributes={"file_system_id": "FileSystemId", "arn": "AccessPointArn"},
    ),
    ResourceSpec(
        type="aws_efs_file_system_policy", service="efs", parent="aws_efs_file_system",
        list=Call("DescribeFileSystemPolicy", items="[@]", params={"FileSystemId": "=FileSystemId"},
                  absent_on=("PolicyNotFound", "FileSystemNotFound")),
        import_id="{FileSystemId}", identity={"file_system_id": "FileSystemId"}, references=(_FILE_SYSTEM,),
        note="one DescribeFileSystemPolicy per file system; the document is not kept",
    ),
    ResourceSpec(
        type="aws_efs_backup_policy", service="efs", parent="aws_efs_file_system",
        list=Call("DescribeBackupPolicy", items="[@]", params={"FileSystemId": "=FileSystemId"},
                  absent_on=("PolicyNotFound", "FileSystemNotFound")),
        inherit={"FileSystemId": "FileSystemId"},
        import_id="{FileSystemId}", identity={"file_system_id": "FileSystemId"}, references=(_FILE_SYSTEM,),
        attributes={"backup_policy.status": "BackupPolicy.Status"},
        note="one DescribeBackupPolicy per file system",
    ),
)
