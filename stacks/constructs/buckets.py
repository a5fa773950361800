"""A private S3 bucket with the hardening every bucket here gets."""

from __future__ import annotations

from constructs import Construct
from stacks.aws import (
    S3Bucket, S3BucketLifecycleConfiguration, S3BucketLifecycleConfigurationRule,
    S3BucketLifecycleConfigurationRuleExpiration, S3BucketLifecycleConfigurationRuleFilter,
    S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration, S3BucketOwnershipControls,
    S3BucketOwnershipControlsRule, S3BucketPolicy, S3BucketPublicAccessBlock,
    S3BucketServerSideEncryptionConfigurationA, S3BucketServerSideEncryptionConfigurationRuleA,
    S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA, S3BucketVersioningA,
    S3BucketVersioningVersioningConfiguration,
)

from stacks.constructs.policies import policy_document


class PrivateBucket(Construct):
    """Bucket + ownership controls, public access block, default encryption, lifecycle and a
    policy that denies plain HTTP; versioning and extra policy statements are optional."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        bucket_name: str,
        expire_after_days: int,
        kms_key_arn: str | None = None,
        versioned: bool = False,
        extra_statements: list[dict] | None = None,
    ) -> None:
        super().__init__(scope, construct_id)
        self.bucket = S3Bucket(self, "bucket", bucket=bucket_name, tags={"Name": bucket_name})
        S3BucketOwnershipControls(
            self, "ownership", bucket=self.bucket.id,
            rule=S3BucketOwnershipControlsRule(object_ownership="BucketOwnerEnforced"),
        )
        S3BucketPublicAccessBlock(
            self, "public_access_block", bucket=self.bucket.id, block_public_acls=True, block_public_policy=True,
            ignore_public_acls=True, restrict_public_buckets=True,
        )
        default = (
            S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA(
                sse_algorithm="aws:kms", kms_master_key_id=kms_key_arn
            )
            if kms_key_arn
            else S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA(sse_algorithm="AES256")
        )
        S3BucketServerSideEncryptionConfigurationA(
            self, "encryption", bucket=self.bucket.id,
            rule=[S3BucketServerSideEncryptionConfigurationRuleA(
                apply_server_side_encryption_by_default=default, bucket_key_enabled=bool(kms_key_arn),
            )],
        )
        if versioned:
            S3BucketVersioningA(
                self, "versioning", bucket=self.bucket.id,
                versioning_configuration=S3BucketVersioningVersioningConfiguration(status="Enabled"),
            )
        S3BucketLifecycleConfiguration(
            self, "lifecycle", bucket=self.bucket.id,
            rule=[S3BucketLifecycleConfigurationRule(
                id="expire-old-objects", status="Enabled",
                filter=[S3BucketLifecycleConfigurationRuleFilter(prefix="")],
                expiration=[S3BucketLifecycleConfigurationRuleExpiration(days=expire_after_days)],
                noncurrent_version_expiration=[
                    S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration(noncurrent_days=30)
                ] if versioned else None,
            )],
        )
        deny_plain_http = {
            "Sid": "DenyInsecureTransport",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": [self.bucket.arn, f"{self.bucket.arn}/*"],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        }
        S3BucketPolicy(
            self, "policy", bucket=self.bucket.id,
            policy=policy_document([deny_plain_http, *(extra_statements or [])]),
        )

    @property
    def name(self) -> str:
        """The bucket's name (its Terraform ID)."""
        return self.bucket.id

    @property
    def arn(self) -> str:
        """The bucket's ARN."""
        return self.bucket.arn
