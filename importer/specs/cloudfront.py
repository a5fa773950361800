"""CloudFront (global): distributions, origin access, cache/origin-request/response-headers policies,
functions, public keys and key groups. One list call per type.

The policy lists ask for ``Type=custom``: AWS's managed policies (Managed-CachingOptimized...) are not listed.
"""

from importer.specs.base import GLOBAL, Call, Reference, ResourceSpec

_CUSTOM = {"Type": "custom"}


def _cloudfront(type_name: str, operation: str, items: str, import_id: str = "{Id}", **kwargs) -> ResourceSpec:
    params = kwargs.pop("params", {})
    return ResourceSpec(type=type_name, service="cloudfront", scope=GLOBAL, list=Call(operation, items=items,
                        params=params), import_id=import_id, **kwargs)


SPECS = (
    _cloudfront(
        "aws_cloudfront_distribution", "ListDistributions", "DistributionList.Items[]",
        identity={"comment": "Comment"}, aliases=("ARN", "DomainName"),
        references=(Reference("origin.origin_access_control_id", "aws_cloudfront_origin_access_control",
                              "Origins.Items[].OriginAccessControlId"),
                    Reference("default_cache_behavior.cache_policy_id", "aws_cloudfront_cache_policy",
                              "DefaultCacheBehavior.CachePolicyId"),
                    Reference("default_cache_behavior.origin_request_policy_id",
                              "aws_cloudfront_origin_request_policy", "DefaultCacheBehavior.OriginRequestPolicyId"),
                    Reference("default_cache_behavior.response_headers_policy_id",
                              "aws_cloudfront_response_headers_policy",
                              "DefaultCacheBehavior.ResponseHeadersPolicyId")),
        attributes={"arn": "ARN", "domain_name": "DomainName", "comment": "Comment", "enabled": "Enabled",
                    "price_class": "PriceClass", "aliases": "Aliases.Items", "http_version": "HttpVersion"},
        note="no name: matched on comment, then by elimination",
    ),
    _cloudfront(
        "aws_cloudfront_origin_access_control", "ListOriginAccessControls", "OriginAccessControlList.Items[]",
        identity={"name": "Name"},
        attributes={"name": "Name", "description": "Description", "signing_protocol": "SigningProtocol",
                    "signing_behavior": "SigningBehavior",
                    "origin_access_control_origin_type": "OriginAccessControlOriginType"},
    ),
    _cloudfront(
        "aws_cloudfront_origin_access_identity", "ListCloudFrontOriginAccessIdentities",
        "CloudFrontOriginAccessIdentityList.Items[]", identity={"comment": "Comment"},
        attributes={"comment": "Comment", "s3_canonical_user_id": "S3CanonicalUserId"},
        note="no name: matched on comment, then by elimination",
    ),
    _cloudfront(
        "aws_cloudfront_cache_policy", "ListCachePolicies", "CachePolicyList.Items[].CachePolicy", params=_CUSTOM,
        identity={"name": "CachePolicyConfig.Name"},
        attributes={"name": "CachePolicyConfig.Name", "comment": "CachePolicyConfig.Comment",
                    "default_ttl": "CachePolicyConfig.DefaultTTL", "max_ttl": "CachePolicyConfig.MaxTTL",
                    "min_ttl": "CachePolicyConfig.MinTTL"},
        note="Type=custom: AWS's managed cache policies are not listed",
    ),
    _cloudfront(
        "aws_cloudfront_origin_request_policy", "ListOriginRequestPolicies",
        "OriginRequestPolicyList.Items[].OriginRequestPolicy", params=_CUSTOM,
        identity={"name": "OriginRequestPolicyConfig.Name"},
        attributes={"name": "OriginRequestPolicyConfig.Name", "comment": "OriginRequestPolicyConfig.Comment"},
        note="Type=custom: AWS's managed origin request policies are not listed",
    ),
    _cloudfront(
        "aws_cloudfront_response_headers_policy", "ListResponseHeadersPolicies",
        "ResponseHeadersPolicyList.Items[].ResponseHeadersPolicy", params=_CUSTOM,
        identity={"name": "ResponseHeadersPolicyConfig.Name"},
        attributes={"name": "ResponseHeadersPolicyConfig.Name", "comment": "ResponseHeadersPolicyConfig.Comment"},
        note="Type=custom: AWS's managed response headers policies are not listed",
    ),
    _cloudfront(
        "aws_cloudfront_function", "ListFunctions", "FunctionList.Items[]", import_id="{Name}",
        params={"Stage": "DEVELOPMENT"}, identity={"name": "Name"}, aliases=("FunctionMetadata.FunctionARN",),
        attributes={"name": "Name", "arn": "FunctionMetadata.FunctionARN", "comment": "FunctionConfig.Comment",
                    "runtime": "FunctionConfig.Runtime"},
        note="Stage=DEVELOPMENT: every function has that stage, a published one LIVE too (listed once)",
    ),
    _cloudfront(
        "aws_cloudfront_public_key", "ListPublicKeys", "PublicKeyList.Items[]", identity={"name": "Name"},
        attributes={"name": "Name", "comment": "Comment"},
    ),
    _cloudfront(
        "aws_cloudfront_key_group", "ListKeyGroups", "KeyGroupList.Items[].KeyGroup",
        identity={"name": "KeyGroupConfig.Name"},
        references=(Reference("items", "aws_cloudfront_public_key", "KeyGroupConfig.Items"),),
        attributes={"name": "KeyGroupConfig.Name", "comment": "KeyGroupConfig.Comment",
                    "items": "KeyGroupConfig.Items"},
    ),
)
