"""AWS Backup vaults (the account's ``Default`` vault and AWS-owned vaults are left out)."""

from importer.specs.base import Call, Reference, ResourceSpec

SPECS = (
    ResourceSpec(
        type="aws_backup_vault", service="backup", list=Call("ListBackupVaults", items="BackupVaultList[]"),
        import_id="{BackupVaultName}",
        exclude="BackupVaultName == 'Default' || starts_with(BackupVaultName, 'aws/') || "
                "(VaultType != null && VaultType != 'BACKUP_VAULT')",
        identity={"name": "BackupVaultName"}, aliases=("BackupVaultArn",),
        references=(Reference("kms_key_arn", "aws_kms_key", "EncryptionKeyArn"),),
        attributes={"name": "BackupVaultName", "arn": "BackupVaultArn"},
        note="the Default vault and AWS-owned (aws/...) vaults are AWS's",
    ),
)
