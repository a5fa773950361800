"""Edge and naming: Cloud Map namespaces and services, Route 53 extras, CloudFront, WAF extras (prefix edg-)."""

from __future__ import annotations

from emulator.scenario.context import BuildContext

EDGE_CIDR = "10.81.0.0/16"


def vpc(ctx: BuildContext) -> str:
    """The edg-net VPC (made once per build) with one subnet per zone a and b: its ID."""
    if "edg-net" not in ctx.ids:
        ec2 = ctx.client("ec2")
        vpc_id = ec2.create_vpc(CidrBlock=EDGE_CIDR, TagSpecifications=[
            {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "edg-net"}]}])["Vpc"]["VpcId"]
        ctx.record("aws_vpc", vpc_id, None)
        ctx.ids["edg-net"] = vpc_id
    return ctx.ids["edg-net"]


def private_namespace(ctx: BuildContext) -> str:
    """edg.internal, the private DNS namespace of edg-net (made once per build): its ID."""
    if "edg.internal" not in ctx.ids:
        cloud_map, vpc_id = ctx.client("servicediscovery"), vpc(ctx)
        cloud_map.create_private_dns_namespace(Name="edg.internal", Vpc=vpc_id, Description="edg services")
        namespace = next(ns for ns in cloud_map.list_namespaces()["Namespaces"] if ns["Name"] == "edg.internal")
        ctx.record("aws_service_discovery_private_dns_namespace", f"{namespace['Id']}:{vpc_id}", None)
        ctx.ids["edg.internal"] = namespace["Id"]
    return ctx.ids["edg.internal"]


def service_discovery_private_dns_namespace(ctx: BuildContext) -> None:
    private_namespace(ctx)


def service_discovery_service(ctx: BuildContext) -> None:
    """edg-api in edg.internal: A records, 10 s TTL, multivalue answers, custom health checks."""
    service = ctx.client("servicediscovery").create_service(
        Name="edg-api", NamespaceId=private_namespace(ctx), Description="edg API",
        DnsConfig={"RoutingPolicy": "MULTIVALUE", "DnsRecords": [{"Type": "A", "TTL": 10}]},
        HealthCheckCustomConfig={"FailureThreshold": 1})["Service"]
    ctx.record("aws_service_discovery_service", service["Id"], None)


def service_discovery_http_namespace(ctx: BuildContext) -> None:
    """edg-jobs, an API-only namespace."""
    cloud_map = ctx.client("servicediscovery")
    cloud_map.create_http_namespace(Name="edg-jobs", Description="edg jobs")
    namespace = next(ns for ns in cloud_map.list_namespaces()["Namespaces"] if ns["Name"] == "edg-jobs")
    ctx.record("aws_service_discovery_http_namespace", namespace["Id"], None)


def route53_health_check(ctx: BuildContext) -> None:
    """HTTPS check of edg.example.com/health every 30 s, unhealthy after three failures."""
    check = ctx.client("route53").create_health_check(CallerReference="edg-health", HealthCheckConfig={
        "Type": "HTTPS", "FullyQualifiedDomainName": "edg.example.com", "Port": 443, "ResourcePath": "/health",
        "RequestInterval": 30, "FailureThreshold": 3})["HealthCheck"]
    ctx.record("aws_route53_health_check", check["Id"], None)


def route53_query_log(ctx: BuildContext) -> None:
    """DNS queries of the public zone edg-logs.example.com go to /aws/route53/edg-logs.example.com."""
    route53, logs = ctx.client("route53"), ctx.client("logs")
    zone_id = route53.create_hosted_zone(Name="edg-logs.example.com", CallerReference="edg-logs", HostedZoneConfig={
        "Comment": "edg logs"})["HostedZone"]["Id"].split("/")[-1]
    ctx.record("aws_route53_zone", zone_id, None)
    group = "/aws/route53/edg-logs.example.com"
    logs.create_log_group(logGroupName=group)
    ctx.record("aws_cloudwatch_log_group", group, None)
    config = route53.create_query_logging_config(HostedZoneId=zone_id, CloudWatchLogsLogGroupArn=ctx.arn(
        "logs", f"log-group:{group}"))["QueryLoggingConfig"]
    ctx.record("aws_route53_query_log", config["Id"], None)



def _visibility(name: str) -> dict:
    return {"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True, "MetricName": name}


def wafv2_regex_pattern_set(ctx: BuildContext) -> None:
    """edg-bots: user agents of known scrapers."""
    made = ctx.client("wafv2").create_regex_pattern_set(
        Name="edg-bots", Scope="REGIONAL", Description="scrapers",
        RegularExpressionList=[{"RegexString": "(?i)badbot"}, {"RegexString": "(?i)scrapy"}])["Summary"]
    ctx.record("aws_wafv2_regex_pattern_set", f"{made['Id']}/edg-bots/REGIONAL", None)


def wafv2_rule_group(ctx: BuildContext) -> None:
    """edg-rules: blocks /admin from the internet."""
    made = ctx.client("wafv2").create_rule_group(
        Name="edg-rules", Scope="REGIONAL", Capacity=10, Description="edg rules",
        VisibilityConfig=_visibility("edg-rules"),
        Rules=[{"Name": "edg-block-admin", "Priority": 1, "Action": {"Block": {}},
                "Statement": {"ByteMatchStatement": {
                    "SearchString": b"/admin", "FieldToMatch": {"UriPath": {}}, "PositionalConstraint": "STARTS_WITH",
                    "TextTransformations": [{"Priority": 0, "Type": "LOWERCASE"}]}},
                "VisibilityConfig": _visibility("edg-block-admin")}])["Summary"]
    ctx.record("aws_wafv2_rule_group", f"{made['Id']}/edg-rules/REGIONAL", None)


def _dns_network(ctx: BuildContext) -> tuple[list[str], str]:
    """Two subnets of edg-net and the edg-dns security group (DNS from the VPC), made once: their IDs."""
    if "edg-dns" not in ctx.ids:
        ec2, vpc_id = ctx.client("ec2"), vpc(ctx)
        subnets = [ec2.create_subnet(VpcId=vpc_id, CidrBlock=f"10.81.{n}.0/24", AvailabilityZone=f"us-east-1{z}")[
            "Subnet"]["SubnetId"] for n, z in ((1, "a"), (2, "b"))]
        group = ec2.create_security_group(GroupName="edg-dns", Description="edg DNS", VpcId=vpc_id)["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
            {"IpProtocol": "udp", "FromPort": 53, "ToPort": 53, "IpRanges": [{"CidrIp": EDGE_CIDR}]}])
        rules = ec2.describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [group]}])[
            "SecurityGroupRules"]
        for subnet in subnets:
            ctx.record("aws_subnet", subnet, None)
        ctx.record("aws_security_group", group, None)
        for rule in rules:
            kind = "egress" if rule["IsEgress"] else "ingress"
            ports = "-1_0_0" if rule["IpProtocol"] == "-1" else f"{rule['IpProtocol']}_53_53"
            ctx.record("aws_security_group_rule", f"{group}_{kind}_{ports}_{rule['CidrIpv4']}", None)
        ctx.ids["edg-dns"] = (subnets, group)
    return ctx.ids["edg-dns"]


def resolver_endpoint(ctx: BuildContext) -> str:
    """edg-out, the outbound resolver endpoint in two subnets of edg-net (made once): its ID."""
    if "edg-out" not in ctx.ids:
        subnets, group = _dns_network(ctx)
        endpoint = ctx.client("route53resolver").create_resolver_endpoint(
            CreatorRequestId="edg-out", Name="edg-out", Direction="OUTBOUND", SecurityGroupIds=[group],
            IpAddresses=[{"SubnetId": subnet} for subnet in subnets])["ResolverEndpoint"]
        ctx.record("aws_route53_resolver_endpoint", endpoint["Id"], None)
        ctx.ids["edg-out"] = endpoint["Id"]
    return ctx.ids["edg-out"]


def resolver_rule(ctx: BuildContext) -> str:
    """edg-corp forwards corp.example.com to the data centre's resolvers (made once): its ID."""
    if "edg-corp" not in ctx.ids:
        rule = ctx.client("route53resolver").create_resolver_rule(
            CreatorRequestId="edg-corp", Name="edg-corp", RuleType="FORWARD", DomainName="corp.example.com",
            ResolverEndpointId=resolver_endpoint(ctx),
            TargetIps=[{"Ip": "192.168.10.10", "Port": 53, "Protocol": "Do53"}])["ResolverRule"]
        ctx.record("aws_route53_resolver_rule", rule["Id"], None)
        ctx.ids["edg-corp"] = rule["Id"]
    return ctx.ids["edg-corp"]


def resolver_rule_association(ctx: BuildContext) -> None:
    """edg-net resolves corp.example.com with edg-corp."""
    made = ctx.client("route53resolver").associate_resolver_rule(
        ResolverRuleId=resolver_rule(ctx), VPCId=vpc(ctx), Name="edg-corp-net")["ResolverRuleAssociation"]
    ctx.record("aws_route53_resolver_rule_association", made["Id"], None)


# A public key (the private half was thrown away): tests/fixtures/types/aws_cloudfront_public_key.tf.json holds it too.
SIGNING_KEY = ("-----BEGIN PUBLIC KEY-----\n"
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAm6D0W3qEFIbJ9urN0zo+\n"
    "3y7uulMx8SWObRtl23vEdbaloOFMzkN8hfixqfT6jXrJL6d9Zog5RW/sikvdd3YM\n"
    "UtFHcsZQEe5aLluWtxW41q+Jjr5Di1LKuWvC73vROe0aSlFyQ61emHWVytW1g2lr\n"
    "ZZcqBC8ACwOky3UHC2A98u0qGQCUBIJSSel89+xaXR5jIL+0gh3p5czA/1UgNvIi\n"
    "/KJp3Qm1oTXGVT4xTQB/O6AM37j2gWShoTXqIZChU64Elm1Tv8BIX76PgL1tiuVK\n"
    "gI+lgdSXLduGtzGX8O7W3wjHQ9rnI8Uv01ZK06xIGc5VYnwrJ4Gl3UwI1VJEnyh3\n"
    "cQIDAQAB\n"
    "-----END PUBLIC KEY-----\n")


def origin_access_control(ctx: BuildContext) -> str:
    """edg-assets: CloudFront signs its requests to S3 origins (made once): its ID."""
    if "edg-assets-oac" not in ctx.ids:
        made = ctx.client("cloudfront").create_origin_access_control(OriginAccessControlConfig={
            "Name": "edg-assets", "Description": "edg assets", "SigningProtocol": "sigv4", "SigningBehavior": "always",
            "OriginAccessControlOriginType": "s3"})["OriginAccessControl"]
        ctx.record("aws_cloudfront_origin_access_control", made["Id"], None)
        ctx.ids["edg-assets-oac"] = made["Id"]
    return ctx.ids["edg-assets-oac"]


def cloudfront_origin_access_control(ctx: BuildContext) -> None:
    origin_access_control(ctx)


def public_key(ctx: BuildContext) -> str:
    """edg-signing, the key signed URLs are checked with (made once): its ID."""
    if "edg-signing" not in ctx.ids:
        made = ctx.client("cloudfront").create_public_key(PublicKeyConfig={
            "CallerReference": "edg-signing", "Name": "edg-signing", "EncodedKey": SIGNING_KEY})["PublicKey"]
        ctx.record("aws_cloudfront_public_key", made["Id"], None)
        ctx.ids["edg-signing"] = made["Id"]
    return ctx.ids["edg-signing"]


def cloudfront_public_key(ctx: BuildContext) -> None:
    public_key(ctx)


def cloudfront_key_group(ctx: BuildContext) -> None:
    """edg-signers: the keys a private distribution trusts."""
    made = ctx.client("cloudfront").create_key_group(KeyGroupConfig={"Name": "edg-signers", "Items": [
        public_key(ctx)]})["KeyGroup"]
    ctx.record("aws_cloudfront_key_group", made["Id"], None)


CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"  # AWS's managed cache policy


def cloudfront_distribution(ctx: BuildContext) -> None:
    """The edg web distribution: one HTTPS-only custom origin, AWS's CachingOptimized policy, default certificate."""
    methods = {"Quantity": 2, "Items": ["GET", "HEAD"]}
    made = ctx.client("cloudfront").create_distribution(DistributionConfig={
        "CallerReference": "edg-web", "Comment": "edg web", "Enabled": True, "PriceClass": "PriceClass_100",
        "HttpVersion": "http2", "IsIPV6Enabled": True,
        "Origins": {"Quantity": 1, "Items": [{
            "Id": "edg-origin", "DomainName": "origin.edg.example.com", "CustomOriginConfig": {
                "HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": "https-only",
                "OriginSslProtocols": {"Quantity": 1, "Items": ["TLSv1.2"]}}}]},
        "DefaultCacheBehavior": {"TargetOriginId": "edg-origin", "ViewerProtocolPolicy": "redirect-to-https",
                                 "AllowedMethods": {**methods, "CachedMethods": methods},
                                 "CachePolicyId": CACHING_OPTIMIZED, "Compress": True},
        "Restrictions": {"GeoRestriction": {"RestrictionType": "none", "Quantity": 0}},
        "ViewerCertificate": {"CloudFrontDefaultCertificate": True}})["Distribution"]
    ctx.record("aws_cloudfront_distribution", made["Id"], None)


def route53_zone_association(ctx: BuildContext) -> None:
    """edg-private.internal, a private zone of edg-net, also answers in the edg-peer VPC."""
    ec2, route53 = ctx.client("ec2"), ctx.client("route53")
    zone_id = route53.create_hosted_zone(
        Name="edg-private.internal", CallerReference="edg-private", VPC={"VPCRegion": ctx.region, "VPCId": vpc(ctx)},
        HostedZoneConfig={"Comment": "edg private", "PrivateZone": True})["HostedZone"]["Id"].split("/")[-1]
    ctx.record("aws_route53_zone", zone_id, None)
    peer = ec2.create_vpc(CidrBlock="10.82.0.0/16", TagSpecifications=[
        {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "edg-peer"}]}])["Vpc"]["VpcId"]
    ctx.record("aws_vpc", peer, None)
    route53.associate_vpc_with_hosted_zone(HostedZoneId=zone_id, VPC={"VPCRegion": ctx.region, "VPCId": peer})
    ctx.record("aws_route53_zone_association", f"{zone_id}:{peer}", None)


BUILDERS = {
    "aws_service_discovery_private_dns_namespace": service_discovery_private_dns_namespace,
    "aws_service_discovery_service": service_discovery_service,
    "aws_service_discovery_http_namespace": service_discovery_http_namespace,
    "aws_route53_health_check": route53_health_check,
    "aws_route53_query_log": route53_query_log,
    "aws_wafv2_regex_pattern_set": wafv2_regex_pattern_set,
    "aws_wafv2_rule_group": wafv2_rule_group,
    "aws_route53_resolver_endpoint": resolver_endpoint,
    "aws_route53_resolver_rule": resolver_rule,
    "aws_route53_resolver_rule_association": resolver_rule_association,
    "aws_cloudfront_origin_access_control": cloudfront_origin_access_control,
    "aws_cloudfront_public_key": cloudfront_public_key,
    "aws_cloudfront_key_group": cloudfront_key_group,
    "aws_cloudfront_distribution": cloudfront_distribution,
    "aws_route53_zone_association": route53_zone_association,
}
