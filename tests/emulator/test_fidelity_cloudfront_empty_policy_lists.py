"""CloudFront policy and origin access identity lists answer empty lists instead of HTTP 404."""

from __future__ import annotations


def test_policy_and_identity_lists_are_empty(clean_emulator):
    cloudfront = clean_emulator.client("cloudfront")
    assert cloudfront.list_cache_policies(Type="custom")["CachePolicyList"]["Quantity"] == 0
    assert cloudfront.list_origin_request_policies(Type="custom")["OriginRequestPolicyList"]["Quantity"] == 0
    assert cloudfront.list_response_headers_policies(Type="custom")["ResponseHeadersPolicyList"]["Quantity"] == 0
    listed = cloudfront.list_cloud_front_origin_access_identities()["CloudFrontOriginAccessIdentityList"]
    assert listed["Quantity"] == 0
