"""A distribution with a cache policy and the default certificate reads back without invented settings."""

from __future__ import annotations


def test_cache_policy_behavior_has_no_forwarded_values_and_default_certificate_no_ssl_method(clean_emulator):
    cloudfront = clean_emulator.client("cloudfront")
    methods = {"Quantity": 2, "Items": ["GET", "HEAD"]}
    made = cloudfront.create_distribution(DistributionConfig={
        "CallerReference": "edg-t", "Comment": "edg t", "Enabled": True,
        "Origins": {"Quantity": 1, "Items": [{"Id": "o", "DomainName": "o.edg.example.com", "CustomOriginConfig": {
            "HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": "https-only"}}]},
        "DefaultCacheBehavior": {"TargetOriginId": "o", "ViewerProtocolPolicy": "redirect-to-https",
                                 "AllowedMethods": {**methods, "CachedMethods": methods},
                                 "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6"},
        "ViewerCertificate": {"CloudFrontDefaultCertificate": True}})["Distribution"]
    config = cloudfront.get_distribution(Id=made["Id"])["Distribution"]["DistributionConfig"]
    assert "ForwardedValues" not in config["DefaultCacheBehavior"]
    assert config["ViewerCertificate"]["CloudFrontDefaultCertificate"] is True
    assert "SSLSupportMethod" not in config["ViewerCertificate"]
