"""S3: buckets and their configuration sub-resources.

Each sub-resource is a child of ``aws_s3_bucket``: one ``GetBucket*`` call per bucket, whose
"not configured" error code means the sub-resource does not exist (``NoSuchBucket`` too: the
bucket went away between the list and the read). Import IDs are the bucket name (same-account
form of the documented ``bucket[,expected_bucket_owner]``). Bucket policies are never kept.
"""

from importer.specs.base import Call, Reference, ResourceSpec

_BUCKET = Reference("bucket", "aws_s3_bucket", "Bucket")
_INHERIT = {"Bucket": "Name"}
_IDENTITY = {"bucket": "Bucket"}


def _child(type_: str, operation: str, *, items: str = "[@]", absent_on: tuple[str, ...] = (),
           references: tuple[Reference, ...] = (), **extra) -> ResourceSpec:
    """A bucket configuration read with one ``operation`` per bucket, imported by bucket name."""
    call = Call(operation, items=items, params={"Bucket": "=Name"}, absent_on=("NoSuchBucket", *absent_on))
    return ResourceSpec(type=type_, service="s3", parent="aws_s3_bucket", list=call, inherit=_INHERIT,
                        import_id="{Bucket}", identity=_IDENTITY, references=(_BUCKET, *references), **extra)


_DEFAULT_RULE = "Rules[0].ApplyServerSideEncryptionByDefault"

SPECS = (
    ResourceSpec(
        type="aws_s3_bucket", service="s3",
        list=Call("ListBuckets", items="Buckets[]", params={"BucketRegion": "=_region"}),
        fields={"Bucket": "Name"}, import_id="{Bucket}", identity={"bucket": "Name"},
        aliases=("join('', ['arn:aws:s3:::', Name])", "join('', [Name, '.s3.amazonaws.com'])"),
        attributes={"bucket": "Name", "arn": "join('', ['arn:aws:s3:::', Name])", "region": "BucketRegion"},
        note="ListBuckets is account-wide; BucketRegion keeps the run's region only",
    ),
    _child("aws_s3_bucket_versioning", "GetBucketVersioning", items="[@][?Status]",
           attributes={"versioning_configuration.status": "Status", "mfa_delete": "MFADelete"},
           note="only buckets whose versioning was ever set (Status present) have the resource"),
    _child("aws_s3_bucket_server_side_encryption_configuration", "GetBucketEncryption",
           items="ServerSideEncryptionConfiguration", absent_on=("ServerSideEncryptionConfigurationNotFoundError",),
           references=(Reference("rule.apply_server_side_encryption_by_default.kms_master_key_id", "aws_kms_key",
                                 f"{_DEFAULT_RULE}.KMSMasterKeyID"),),
           attributes={"sse_algorithm": f"{_DEFAULT_RULE}.SSEAlgorithm", "bucket_key_enabled": "Rules[0].BucketKeyEnabled"},
           note="since January 2023 every bucket has SSE-S3 by default, so real AWS reports one for every bucket"),
    _child("aws_s3_bucket_public_access_block", "GetPublicAccessBlock", items="PublicAccessBlockConfiguration",
           absent_on=("NoSuchPublicAccessBlockConfiguration",),
           attributes={"block_public_acls": "BlockPublicAcls", "ignore_public_acls": "IgnorePublicAcls",
                       "block_public_policy": "BlockPublicPolicy", "restrict_public_buckets": "RestrictPublicBuckets"}),
    _child("aws_s3_bucket_policy", "GetBucketPolicy", items="[{HasPolicy: `true`}]", absent_on=("NoSuchBucketPolicy",),
           note="the policy document is not kept"),
    _child("aws_s3_bucket_lifecycle_configuration", "GetBucketLifecycleConfiguration", items="[@]",
           absent_on=("NoSuchLifecycleConfiguration",),
           attributes={"rule_ids": "Rules[].ID", "rule_statuses": "Rules[].Status"}),
    _child("aws_s3_bucket_ownership_controls", "GetBucketOwnershipControls", items="OwnershipControls",
           absent_on=("OwnershipControlsNotFoundError",),
           attributes={"rule.object_ownership": "Rules[0].ObjectOwnership"}),
    _child("aws_s3_bucket_cors_configuration", "GetBucketCors", items="[@]", absent_on=("NoSuchCORSConfiguration",),
           attributes={"allowed_origins": "CORSRules[].AllowedOrigins[]", "allowed_methods": "CORSRules[].AllowedMethods[]"}),
)
