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
           references: tuple[Reference, ...] = (), import_id: str = "{Bucket}", identity=_IDENTITY,
           **extra) -> ResourceSpec:
    """A bucket configuration read with one ``operation`` per bucket, imported by bucket name."""
    call = Call(operation, items=items, params={"Bucket": "=Name"}, absent_on=("NoSuchBucket", *absent_on))
    return ResourceSpec(type=type_, service="s3", parent="aws_s3_bucket", list=call, inherit=_INHERIT,
                        import_id=import_id, identity=identity, references=(_BUCKET, *references), **extra)


def _named(type_: str, operation: str, items: str, **extra) -> ResourceSpec:
    """Several named configurations per bucket (one list call per bucket), imported as ``bucket:id``."""
    return _child(type_, operation, items=items, import_id="{Bucket}:{Id}",
                  identity={"bucket": "Bucket", "name": "Id"}, attributes={"name": "Id"}, **extra)


# The canned ACL a bucket's grants amount to (the owner's FULL_CONTROL plus these group grants), else null:
# the provider's import ID is ``bucket,acl`` for a canned ACL, the bucket alone for explicit grants.
_GRANTS = ("join(',', sort(Grants[].join(':', [Grantee.URI && split_part(Grantee.URI, '/', `-1`) || 'owner', "
           "Permission])))")
_CANNED = {"AllUsers:READ,owner:FULL_CONTROL": "public-read",
           "AllUsers:READ,AllUsers:WRITE,owner:FULL_CONTROL": "public-read-write",
           "AuthenticatedUsers:READ,owner:FULL_CONTROL": "authenticated-read",
           "LogDelivery:READ_ACP,LogDelivery:WRITE,owner:FULL_CONTROL": "log-delivery-write"}
_CANNED_ACL = "(" + " || ".join(f"({_GRANTS} == '{grants}' && '{acl}')" for grants, acl in _CANNED.items()) + ")"
_NOTIFIED = "TopicConfigurations || QueueConfigurations || LambdaFunctionConfigurations || EventBridgeConfiguration != null"


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
    _child("aws_s3_bucket_notification", "GetBucketNotificationConfiguration", items=f"[@][?{_NOTIFIED}]",
           attributes={"queue_arns": "QueueConfigurations[].QueueArn", "topic_arns": "TopicConfigurations[].TopicArn",
                       "lambda_function_arns": "LambdaFunctionConfigurations[].LambdaFunctionArn"},
           note="every bucket answers; only one with a destination (or EventBridge on) has the resource"),
    _child("aws_s3_bucket_logging", "GetBucketLogging", items="LoggingEnabled",
           references=(Reference("target_bucket", "aws_s3_bucket", "TargetBucket"),),
           attributes={"target_bucket": "TargetBucket", "target_prefix": "TargetPrefix"}),
    _child("aws_s3_bucket_website_configuration", "GetBucketWebsite", absent_on=("NoSuchWebsiteConfiguration",),
           attributes={"index_document.suffix": "IndexDocument.Suffix", "redirect_all_requests_to.host_name":
                       "RedirectAllRequestsTo.HostName"}),
    _child("aws_s3_bucket_replication_configuration", "GetBucketReplication", items="ReplicationConfiguration",
           absent_on=("ReplicationConfigurationNotFoundError",),
           references=(Reference("role", "aws_iam_role", "Role"),),
           attributes={"role": "Role", "rule_ids": "Rules[].ID", "destination_buckets": "Rules[].Destination.Bucket"}),
    _child("aws_s3_bucket_object_lock_configuration", "GetObjectLockConfiguration",
           items="[ObjectLockConfiguration][?Rule]", absent_on=("ObjectLockConfigurationNotFoundError",),
           attributes={"rule.default_retention.mode": "Rule.DefaultRetention.Mode"},
           note="only a bucket with a default retention rule: object lock enabled alone is the bucket's "
                "object_lock_enabled"),
    _named("aws_s3_bucket_intelligent_tiering_configuration", "ListBucketIntelligentTieringConfigurations",
           "IntelligentTieringConfigurationList[]"),
    _child("aws_s3_bucket_acl", "GetBucketAcl", fields={"ImportId": f"{_CANNED_ACL} && join(',', [Bucket, "
                                                                     f"{_CANNED_ACL}]) || Bucket"},
           items="[@][?!(length(Grants) == `1` && Grants[0].Permission == 'FULL_CONTROL' && Grants[0].Grantee.Type == 'CanonicalUser')]",
           import_id="{ImportId}", attributes={"acl": _CANNED_ACL},
           note="every bucket has an ACL: only one granting more than its owner's FULL_CONTROL (the default, "
                "and the private canned ACL) is a resource; imported as bucket,acl when the grants are a canned ACL"),
    _child("aws_s3_bucket_accelerate_configuration", "GetBucketAccelerateConfiguration", items="[@][?Status]",
           attributes={"status": "Status"}, note="only buckets whose acceleration was ever set (Status present)"),
    _child("aws_s3_bucket_request_payment_configuration", "GetBucketRequestPayment", items="[@][?Payer == 'Requester']",
           attributes={"payer": "Payer"}, note="the default (BucketOwner pays) is every bucket's: only Requester is kept"),
    _named("aws_s3_bucket_metric", "ListBucketMetricsConfigurations", "MetricsConfigurationList[]"),
    _named("aws_s3_bucket_inventory", "ListBucketInventoryConfigurations", "InventoryConfigurationList[]"),
    _named("aws_s3_bucket_analytics_configuration", "ListBucketAnalyticsConfigurations",
           "AnalyticsConfigurationList[]"),
)
