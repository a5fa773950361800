"""Edge types proven by unit tests only: CloudFront types the emulator does not serve (origin access identities,
cache, origin request and response headers policies, functions), and Route 53 reusable delegation sets (no
identity code can be matched on), through the real discovery runner on stubbed answers of real AWS (botocore's
Stubber checks every request and answer against the service model): one list call per type, each object
found with the provider's import ID, and AWS's managed policies never asked for (``Type=custom``)."""

from __future__ import annotations

from datetime import datetime, timezone

import boto3
import pytest
from botocore import xform_name
from botocore.stub import Stubber

from importer.discovery.runner import DiscoveryRunner
from importer.discovery.session import ClientFactory
from importer.specs import registry

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)
_PARAMETERS = {
    "EnableAcceptEncodingGzip": True, "HeadersConfig": {"HeaderBehavior": "none"},
    "CookiesConfig": {"CookieBehavior": "none"}, "QueryStringsConfig": {"QueryStringBehavior": "none"},
}
CASES = [
    ("aws_cloudfront_origin_access_identity", "ListCloudFrontOriginAccessIdentities", {}, {
        "CloudFrontOriginAccessIdentityList": {"Marker": "", "MaxItems": 100, "IsTruncated": False, "Quantity": 1,
                                               "Items": [{"Id": "E2QWRUHAPOMQZL", "S3CanonicalUserId": "b970b42",
                                                          "Comment": "edg assets"}]}},
     "E2QWRUHAPOMQZL", {"comment": "edg assets"}),
    ("aws_cloudfront_cache_policy", "ListCachePolicies", {"Type": "custom"}, {
        "CachePolicyList": {"MaxItems": 100, "Quantity": 1, "Items": [{"Type": "custom", "CachePolicy": {
            "Id": "4cc15a8a-d715-48a4-82b8-cc0b614638fe", "LastModifiedTime": NOW, "CachePolicyConfig": {
                "Name": "edg-assets", "MinTTL": 1, "DefaultTTL": 86400, "MaxTTL": 31536000,
                "ParametersInCacheKeyAndForwardedToOrigin": _PARAMETERS}}}]}},
     "4cc15a8a-d715-48a4-82b8-cc0b614638fe", {"name": "edg-assets"}),
    ("aws_cloudfront_origin_request_policy", "ListOriginRequestPolicies", {"Type": "custom"}, {
        "OriginRequestPolicyList": {"MaxItems": 100, "Quantity": 1, "Items": [{
            "Type": "custom", "OriginRequestPolicy": {
            "Id": "acba4595-bd28-49b8-b9fe-13317c0390fa", "LastModifiedTime": NOW, "OriginRequestPolicyConfig": {
                "Name": "edg-api", "HeadersConfig": {"HeaderBehavior": "none"},
                "CookiesConfig": {"CookieBehavior": "all"},
                "QueryStringsConfig": {"QueryStringBehavior": "all"}}}}]}},
     "acba4595-bd28-49b8-b9fe-13317c0390fa", {"name": "edg-api"}),
    ("aws_cloudfront_response_headers_policy", "ListResponseHeadersPolicies", {"Type": "custom"}, {
        "ResponseHeadersPolicyList": {"MaxItems": 100, "Quantity": 1, "Items": [{
            "Type": "custom", "ResponseHeadersPolicy": {
                "Id": "67f7725c-6f97-4210-82d7-5512b31e9d03", "LastModifiedTime": NOW,
                "ResponseHeadersPolicyConfig": {"Name": "edg-security", "Comment": "HSTS"}}}]}},
     "67f7725c-6f97-4210-82d7-5512b31e9d03", {"name": "edg-security"}),
    ("aws_cloudfront_function", "ListFunctions", {"Stage": "DEVELOPMENT"}, {
        "FunctionList": {"MaxItems": 100, "Quantity": 1, "Items": [{
            "Name": "edg-rewrite", "Status": "UNASSOCIATED",
            "FunctionConfig": {"Comment": "index.html rewrite", "Runtime": "cloudfront-js-2.0"},
            "FunctionMetadata": {"FunctionARN": "arn:aws:cloudfront::123456789012:function/edg-rewrite",
                                 "Stage": "DEVELOPMENT", "LastModifiedTime": NOW}}]}},
     "edg-rewrite", {"name": "edg-rewrite"}),
    ("aws_route53_delegation_set", "ListReusableDelegationSets", {}, {
        "DelegationSets": [{"Id": "/delegationset/N1PA6795SAMPLE", "CallerReference": "edg-ns",
                            "NameServers": ["ns-2048.awsdns-64.com"]}],
        "IsTruncated": False, "Marker": "", "MaxItems": "100"},
     "N1PA6795SAMPLE", {}),
]


@pytest.mark.parametrize(("type_name", "operation", "params", "answer", "import_id", "identity"), CASES,
                         ids=[case[0] for case in CASES])
def test_one_list_call_finds_the_object_with_its_import_id(type_name, operation, params, answer, import_id,
                                                           identity):
    spec = registry()[type_name]
    stubbers: list[Stubber] = []

    def stub(service: str, client) -> None:
        stubber = Stubber(client)
        stubber.add_response(xform_name(operation), answer, params or None)
        stubber.activate()
        stubbers.append(stubber)

    session = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")
    factory = ClientFactory(session, "us-east-1", frozenset(spec.calls()), instruments=(stub,))
    inventory = DiscoveryRunner(factory, max_workers=1).run([spec])
    for stubber in stubbers:
        stubber.assert_no_pending_responses()
    assert not inventory.failures and inventory.api_calls == 1
    assert [(o.import_id, o.identity) for o in inventory.objects] == [(import_id, identity)]


def test_policies_list_only_the_accounts_own():
    for type_name in ("aws_cloudfront_cache_policy", "aws_cloudfront_origin_request_policy",
                      "aws_cloudfront_response_headers_policy"):
        assert registry()[type_name].list.params == {"Type": "custom"}, type_name
