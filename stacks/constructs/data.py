"""Data: the KMS key, the uploads bucket, PostgreSQL on RDS and the application secret.

No secret value is ever written in code: RDS manages its master password in Secrets Manager,
and the application secret is declared without a version (its value is set out of band)."""

from __future__ import annotations

from constructs import Construct
from stacks.aws import (
    DbInstance, DbParameterGroup, DbParameterGroupParameter, DbSubnetGroup, KmsAlias, KmsKey, S3BucketCorsConfiguration,
    S3BucketCorsConfigurationCorsRule, SecretsmanagerSecret,
)

from stacks.config import EnvironmentConfig
from stacks.constructs.buckets import PrivateBucket

POSTGRES_ENGINE_VERSION = "16.4"
POSTGRES_FAMILY = "postgres16"
DATABASE_NAME = "retainwise"


class Data(Construct):
    """Stateful resources: encryption key, uploads bucket, database and application secret."""

    def __init__(
        self, scope: Construct, construct_id: str, *, config: EnvironmentConfig, isolated_subnet_ids: list[str],
        database_security_group_id: str,
    ) -> None:
        super().__init__(scope, construct_id)
        prefix = config.prefix
        self.kms_key = KmsKey(
            self, "kms_key", description=f"{prefix} application data", key_usage="ENCRYPT_DECRYPT",
            customer_master_key_spec="SYMMETRIC_DEFAULT", enable_key_rotation=True, deletion_window_in_days=30,
            tags={"Name": f"{prefix}-data"},
        )
        KmsAlias(self, "kms_alias", name=f"alias/{prefix}-data", target_key_id=self.kms_key.key_id)
        self.uploads = PrivateBucket(
            self, "uploads", bucket_name=f"{prefix}-uploads", expire_after_days=365,
            kms_key_arn=self.kms_key.arn, versioned=True,
        )
        S3BucketCorsConfiguration(
            self, "uploads_cors", bucket=self.uploads.name,
            cors_rule=[S3BucketCorsConfigurationCorsRule(
                allowed_methods=["GET", "PUT"], allowed_origins=[f"https://{config.domain}"],
                allowed_headers=["*"], expose_headers=["ETag"], max_age_seconds=3000,
            )],
        )
        self.app_secret = SecretsmanagerSecret(
            self, "app_secret", name=f"{prefix}/app/secret-key", description="Application signing key",
            kms_key_id=self.kms_key.arn, recovery_window_in_days=7,
        )
        self._database(config, isolated_subnet_ids, database_security_group_id)

    def _database(self, config: EnvironmentConfig, subnet_ids: list[str], security_group_id: str) -> None:
        prefix = config.prefix
        subnet_group = DbSubnetGroup(
            self, "db_subnet_group", name=f"{prefix}-db", description=f"{prefix} isolated subnets",
            subnet_ids=subnet_ids,
        )
        parameter_group = DbParameterGroup(
            self, "db_parameter_group", name=f"{prefix}-postgres16", family=POSTGRES_FAMILY,
            description=f"{prefix} PostgreSQL parameters",
            parameter=[
                DbParameterGroupParameter(name="log_min_duration_statement", value="500"),
                DbParameterGroupParameter(name="rds.force_ssl", value="1", apply_method="pending-reboot"),
            ],
        )
        self.database = DbInstance(
            self, "database", identifier=f"{prefix}-postgres", engine="postgres",
            engine_version=POSTGRES_ENGINE_VERSION, instance_class=config.db_instance_class,
            allocated_storage=config.db_allocated_storage, storage_type="gp3", storage_encrypted=True,
            kms_key_id=self.kms_key.arn, db_name=DATABASE_NAME, username="retainwise_admin",
            manage_master_user_password=True, master_user_secret_kms_key_id=self.kms_key.arn,
            db_subnet_group_name=subnet_group.name, parameter_group_name=parameter_group.name,
            vpc_security_group_ids=[security_group_id], multi_az=config.db_multi_az, publicly_accessible=False,
            backup_retention_period=7 if config.db_deletion_protection else 1,
            deletion_protection=config.db_deletion_protection,
            skip_final_snapshot=not config.db_deletion_protection,
            final_snapshot_identifier=f"{prefix}-postgres-final" if config.db_deletion_protection else None,
            copy_tags_to_snapshot=True,
            # RDS owns the master password (in Secrets Manager). These two are set once at creation
            # and `terraform import` never reads them back: without this, adopting a live database
            # would plan a ModifyDBInstance that AWS does not need (and the emulator rotates the secret).
            lifecycle={"ignore_changes": ["manage_master_user_password", "master_user_secret_kms_key_id"]},
        )
