"""Data, as built by hand: KMS key and alias, private buckets, the application secret, RDS."""

from __future__ import annotations

import json

from emulator.scenario.context import BuildContext

ELB_ACCOUNT_US_EAST_1 = "arn:aws:iam::127311923021:root"


def build(ctx: BuildContext) -> None:
    """Key, uploads bucket, secret (value set separately as a canary) and the database."""
    prefix = ctx.prefix
    kms = ctx.client("kms")
    key = kms.create_key(
        Description=f"{prefix} application data", KeyUsage="ENCRYPT_DECRYPT", KeySpec="SYMMETRIC_DEFAULT",
        Tags=ctx.tag_list(f"{prefix}-data", key="TagKey", value="TagValue"),
    )["KeyMetadata"]
    kms.enable_key_rotation(KeyId=key["KeyId"])
    ctx.ids["kms_key_arn"] = key["Arn"]
    ctx.record("aws_kms_key", key["KeyId"], "data/kms_key")
    kms.create_alias(AliasName=f"alias/{prefix}-data", TargetKeyId=key["KeyId"])
    ctx.record("aws_kms_alias", f"alias/{prefix}-data", "data/kms_alias")

    uploads = f"{prefix}-uploads"
    private_bucket(ctx, uploads, "data/uploads", expire_after_days=365, kms_key_arn=key["Arn"], versioned=True)
    ctx.client("s3").put_bucket_cors(Bucket=uploads, CORSConfiguration={"CORSRules": [{
        "AllowedMethods": ["GET", "PUT"], "AllowedOrigins": [f"https://{ctx.config.domain}"],
        "AllowedHeaders": ["*"], "ExposeHeaders": ["ETag"], "MaxAgeSeconds": 3000}]})
    ctx.record("aws_s3_bucket_cors_configuration", uploads, "data/uploads_cors")

    secret = ctx.client("secretsmanager").create_secret(
        Name=f"{prefix}/app/secret-key", Description="Application signing key", KmsKeyId=key["Arn"],
        Tags=ctx.tag_list(),
    )
    ctx.ids["app_secret_arn"] = secret["ARN"]
    ctx.record("aws_secretsmanager_secret", secret["ARN"], "data/app_secret")
    _database(ctx)


def private_bucket(
    ctx: BuildContext, name: str, code_path: str, *, expire_after_days: int, kms_key_arn: str | None = None,
    versioned: bool = False, extra_statements: list[dict] | None = None,
) -> None:
    """A bucket hardened the way every bucket of the team is (see stacks' PrivateBucket)."""
    s3 = ctx.client("s3")
    s3.create_bucket(Bucket=name)
    s3.put_bucket_tagging(Bucket=name, Tagging={"TagSet": ctx.tag_list(name)})
    ctx.record("aws_s3_bucket", name, f"{code_path}/bucket")
    s3.put_bucket_ownership_controls(Bucket=name, OwnershipControls={
        "Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]})
    ctx.record("aws_s3_bucket_ownership_controls", name, f"{code_path}/ownership")
    s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration={
        "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True})
    ctx.record("aws_s3_bucket_public_access_block", name, f"{code_path}/public_access_block")
    default = ({"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": kms_key_arn} if kms_key_arn
               else {"SSEAlgorithm": "AES256"})
    s3.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={"Rules": [{
        "ApplyServerSideEncryptionByDefault": default, "BucketKeyEnabled": bool(kms_key_arn)}]})
    ctx.record("aws_s3_bucket_server_side_encryption_configuration", name, f"{code_path}/encryption")
    if versioned:
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
        ctx.record("aws_s3_bucket_versioning", name, f"{code_path}/versioning")
    rule = {"ID": "expire-old-objects", "Status": "Enabled", "Filter": {"Prefix": ""},
            "Expiration": {"Days": expire_after_days}}
    if versioned:
        rule["NoncurrentVersionExpiration"] = {"NoncurrentDays": 30}
    s3.put_bucket_lifecycle_configuration(Bucket=name, LifecycleConfiguration={"Rules": [rule]})
    ctx.record("aws_s3_bucket_lifecycle_configuration", name, f"{code_path}/lifecycle")
    arn = f"arn:aws:s3:::{name}"
    statements = [{"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                   "Resource": [arn, f"{arn}/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]
    s3.put_bucket_policy(Bucket=name, Policy=json.dumps({"Version": "2012-10-17",
                                                          "Statement": statements + (extra_statements or [])}))
    ctx.record("aws_s3_bucket_policy", name, f"{code_path}/policy")


def _database(ctx: BuildContext) -> None:
    prefix, config = ctx.prefix, ctx.config
    rds = ctx.client("rds")
    rds.create_db_subnet_group(
        DBSubnetGroupName=f"{prefix}-db", DBSubnetGroupDescription=f"{prefix} isolated subnets",
        SubnetIds=ctx.ids["subnets"]["isolated"], Tags=ctx.tag_list(),
    )
    ctx.record("aws_db_subnet_group", f"{prefix}-db", "data/db_subnet_group")
    group = f"{prefix}-postgres16"
    rds.create_db_parameter_group(DBParameterGroupName=group, DBParameterGroupFamily="postgres16",
                                  Description=f"{prefix} PostgreSQL parameters", Tags=ctx.tag_list())
    rds.modify_db_parameter_group(DBParameterGroupName=group, Parameters=[
        {"ParameterName": "log_min_duration_statement", "ParameterValue": "500", "ApplyMethod": "immediate"},
        {"ParameterName": "rds.force_ssl", "ParameterValue": "1", "ApplyMethod": "pending-reboot"},
    ])
    ctx.record("aws_db_parameter_group", group, "data/db_parameter_group")
    identifier = f"{prefix}-postgres"
    instance = rds.create_db_instance(
        DBInstanceIdentifier=identifier, Engine="postgres", EngineVersion="16.4",
        DBInstanceClass=config.db_instance_class, AllocatedStorage=config.db_allocated_storage, StorageType="gp3",
        StorageEncrypted=True, KmsKeyId=ctx.ids["kms_key_arn"], DBName="retainwise", MasterUsername="retainwise_admin",
        ManageMasterUserPassword=True, MasterUserSecretKmsKeyId=ctx.ids["kms_key_arn"],
        DBSubnetGroupName=f"{prefix}-db", DBParameterGroupName=group,
        VpcSecurityGroupIds=[ctx.ids["security_groups"]["database"]], MultiAZ=config.db_multi_az,
        PubliclyAccessible=False, BackupRetentionPeriod=7 if config.db_deletion_protection else 1,
        DeletionProtection=config.db_deletion_protection, CopyTagsToSnapshot=True, Tags=ctx.tag_list(),
    )["DBInstance"]
    ctx.ids["database_address"] = instance.get("Endpoint", {}).get("Address") or \
        rds.describe_db_instances(DBInstanceIdentifier=identifier)["DBInstances"][0]["Endpoint"]["Address"]
    ctx.ids["database_secret_arn"] = instance["MasterUserSecret"]["SecretArn"]
    ctx.record("aws_db_instance", identifier, "data/database")
