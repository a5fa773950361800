"""API Gateway v2 answers mutual TLS settings of a custom domain name only when they are set, as AWS does."""

from __future__ import annotations


def test_domain_name_without_mutual_tls_has_no_mutual_tls_settings(clean_emulator):
    apigw = clean_emulator.client("apigatewayv2")
    configuration = [{"CertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/abc", "EndpointType": "REGIONAL"}]
    apigw.create_domain_name(DomainName="plain.example.com", DomainNameConfigurations=configuration)
    apigw.create_domain_name(DomainName="mtls.example.com", DomainNameConfigurations=configuration,
                             MutualTlsAuthentication={"TruststoreUri": "s3://bucket/truststore.pem"})

    assert "MutualTlsAuthentication" not in apigw.get_domain_name(DomainName="plain.example.com")
    listed = {d["DomainName"]: d for d in apigw.get_domain_names()["Items"]}
    assert "MutualTlsAuthentication" not in listed["plain.example.com"]
    assert listed["mtls.example.com"]["MutualTlsAuthentication"]["TruststoreUri"] == "s3://bucket/truststore.pem"
