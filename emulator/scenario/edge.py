"""Edge, as built by hand: ALB, target groups, listeners and rules, certificate, DNS and WAF."""

from __future__ import annotations

from emulator.scenario.context import BuildContext
from emulator.scenario.data import ELB_ACCOUNT_US_EAST_1, private_bucket
from emulator.scenario.observability import log_group

TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06"
HEALTH_CHECKS = {"api": "/health", "web": "/"}


def _arn_suffix(arn: str) -> str:
    """What CloudWatch dimensions use: ``app/name/id`` for a load balancer, ``targetgroup/name/id``."""
    resource = arn.split(":", 5)[5]
    return resource.removeprefix("loadbalancer/")


def build(ctx: BuildContext) -> None:
    """Everything between the internet and the backend tasks."""
    prefix, config = ctx.prefix, ctx.config
    logs_bucket = f"{prefix}-alb-logs"
    private_bucket(ctx, logs_bucket, "edge/alb_logs", expire_after_days=config.log_retention_days, extra_statements=[{
        "Sid": "AllowLoadBalancerLogDelivery", "Effect": "Allow", "Principal": {"AWS": ELB_ACCOUNT_US_EAST_1},
        "Action": "s3:PutObject", "Resource": f"arn:aws:s3:::{logs_bucket}/alb/*"}])
    elb = ctx.client("elbv2")
    lb_arn = elb.create_load_balancer(
        Name=f"{prefix}-alb", Type="application", Scheme="internet-facing",
        Subnets=ctx.ids["subnets"]["public"], SecurityGroups=[ctx.ids["security_groups"]["alb"]],
        Tags=ctx.tag_list(f"{prefix}-alb"),
    )["LoadBalancers"][0]["LoadBalancerArn"]
    elb.modify_load_balancer_attributes(LoadBalancerArn=lb_arn, Attributes=[
        {"Key": "idle_timeout.timeout_seconds", "Value": "60"},
        {"Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true"},
        {"Key": "deletion_protection.enabled", "Value": str(config.db_deletion_protection).lower()},
        {"Key": "access_logs.s3.enabled", "Value": "true"},
        {"Key": "access_logs.s3.bucket", "Value": logs_bucket},
        {"Key": "access_logs.s3.prefix", "Value": "alb"},
    ])
    ctx.record("aws_lb", lb_arn, "edge/alb")
    ctx.ids["alb_arn"] = lb_arn
    ctx.ids["alb_arn_suffix"] = _arn_suffix(lb_arn)
    target_groups = {}
    for key, path in HEALTH_CHECKS.items():
        arn = elb.create_target_group(
            Name=f"{prefix}-{key}", Protocol="HTTP", Port=8000, VpcId=ctx.ids["vpc_id"], TargetType="ip",
            HealthCheckPath=path, HealthCheckIntervalSeconds=15, HealthyThresholdCount=2, UnhealthyThresholdCount=3,
            Matcher={"HttpCode": "200"}, Tags=ctx.tag_list(f"{prefix}-{key}"),
        )["TargetGroups"][0]["TargetGroupArn"]
        elb.modify_target_group_attributes(TargetGroupArn=arn, Attributes=[
            {"Key": "deregistration_delay.timeout_seconds", "Value": "30"}])
        target_groups[key] = arn
        ctx.record("aws_lb_target_group", arn, f"edge/{key}_target_group")
    ctx.ids["target_group_arns"] = target_groups
    ctx.ids["target_group_arn_suffixes"] = {k: _arn_suffix(v) for k, v in target_groups.items()}
    certificate_arn = _dns_and_certificate(ctx, lb_arn)
    _listeners(ctx, lb_arn, certificate_arn, target_groups)
    _firewall(ctx, lb_arn)


def _dns_and_certificate(ctx: BuildContext, lb_arn: str) -> str:
    domain, prefix = ctx.config.domain, ctx.prefix
    route53 = ctx.client("route53")
    zone_id = route53.create_hosted_zone(
        Name=domain, CallerReference=f"{prefix}-zone", HostedZoneConfig={"Comment": f"{prefix} public zone"},
    )["HostedZone"]["Id"].split("/")[-1]
    route53.change_tags_for_resource(ResourceType="hostedzone", ResourceId=zone_id, AddTags=ctx.tag_list())
    ctx.record("aws_route53_zone", zone_id, "edge/zone")
    acm = ctx.client("acm")
    certificate_arn = acm.request_certificate(
        DomainName=domain, SubjectAlternativeNames=[f"*.{domain}"], ValidationMethod="DNS",
        Tags=ctx.tag_list(f"{prefix}-certificate"),
    )["CertificateArn"]
    ctx.record("aws_acm_certificate", certificate_arn, "edge/certificate")
    options = acm.describe_certificate(CertificateArn=certificate_arn)["Certificate"]["DomainValidationOptions"]
    validation = options[0]["ResourceRecord"]
    load_balancer = ctx.client("elbv2").describe_load_balancers(LoadBalancerArns=[lb_arn])["LoadBalancers"][0]
    alias = {"HostedZoneId": load_balancer["CanonicalHostedZoneId"], "DNSName": load_balancer["DNSName"],
             "EvaluateTargetHealth": True}
    records = [
        ("certificate_validation_record", validation["Name"], validation["Type"],
         {"TTL": 300, "ResourceRecords": [{"Value": validation["Value"]}]}),
        ("apex_alias_record", domain, "A", {"AliasTarget": alias}),
        ("api_alias_record", f"api.{domain}", "A", {"AliasTarget": alias}),
        ("www_record", f"www.{domain}", "CNAME", {"TTL": 300, "ResourceRecords": [{"Value": domain}]}),
        ("spf_record", domain, "TXT", {"TTL": 3600, "ResourceRecords": [{"Value": '"v=spf1 -all"'}]}),
    ]
    route53.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch={"Changes": [
        {"Action": "CREATE", "ResourceRecordSet": {"Name": name, "Type": kind, **body}}
        for _, name, kind, body in records]})
    for code_name, name, kind, _ in records:
        ctx.record("aws_route53_record", f"{zone_id}_{name.rstrip('.')}_{kind}", f"edge/{code_name}")
    return certificate_arn


def _listeners(ctx: BuildContext, lb_arn: str, certificate_arn: str, target_groups: dict[str, str]) -> None:
    elb = ctx.client("elbv2")
    http = elb.create_listener(
        LoadBalancerArn=lb_arn, Port=80, Protocol="HTTP", Tags=ctx.tag_list(),
        DefaultActions=[{"Type": "redirect", "RedirectConfig": {
            "Port": "443", "Protocol": "HTTPS", "StatusCode": "HTTP_301"}}])["Listeners"][0]["ListenerArn"]
    ctx.record("aws_lb_listener", http, "edge/http_listener")
    https = elb.create_listener(
        LoadBalancerArn=lb_arn, Port=443, Protocol="HTTPS", SslPolicy=TLS_POLICY, Tags=ctx.tag_list(),
        Certificates=[{"CertificateArn": certificate_arn}],
        DefaultActions=[{"Type": "forward", "TargetGroupArn": target_groups["web"]}])["Listeners"][0]["ListenerArn"]
    ctx.record("aws_lb_listener", https, "edge/https_listener")
    conditions = {
        "api_path": (10, {"Field": "path-pattern", "PathPatternConfig": {"Values": ["/api/*"]}}),
        "api_host": (20, {"Field": "host-header", "HostHeaderConfig": {"Values": [f"api.{ctx.config.domain}"]}}),
    }
    for key, (priority, condition) in conditions.items():
        rule_arn = elb.create_rule(
            ListenerArn=https, Priority=priority, Conditions=[condition], Tags=ctx.tag_list(),
            Actions=[{"Type": "forward", "TargetGroupArn": target_groups["api"], "Order": 1}])["Rules"][0]["RuleArn"]
        ctx.record("aws_lb_listener_rule", rule_arn, f"edge/{key}_rule")


def _visibility(metric_name: str) -> dict:
    return {"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True, "MetricName": metric_name}


def _firewall(ctx: BuildContext, lb_arn: str) -> None:
    prefix, waf = ctx.prefix, ctx.client("wafv2")
    ip_set = waf.create_ip_set(
        Name=f"{prefix}-blocked", Scope="REGIONAL", IPAddressVersion="IPV4",
        Addresses=list(ctx.config.blocked_ip_cidrs), Description="Addresses blocked at the edge", Tags=ctx.tag_list(),
    )["Summary"]
    ctx.record("aws_wafv2_ip_set", f"{ip_set['Id']}/{ip_set['Name']}/REGIONAL", "edge/blocked_ips")
    acl = waf.create_web_acl(
        Name=f"{prefix}-web-acl", Scope="REGIONAL", Description=f"{prefix} ALB protection",
        DefaultAction={"Allow": {}}, VisibilityConfig=_visibility(f"{prefix}-web-acl"), Tags=ctx.tag_list(),
        Rules=[
            {"Name": "block-listed-ips", "Priority": 0, "Action": {"Block": {}},
             "Statement": {"IPSetReferenceStatement": {"ARN": ip_set["ARN"]}},
             "VisibilityConfig": _visibility(f"{prefix}-blocked-ips")},
            {"Name": "aws-common-rules", "Priority": 1, "OverrideAction": {"None": {}},
             "Statement": {"ManagedRuleGroupStatement": {"Name": "AWSManagedRulesCommonRuleSet", "VendorName": "AWS"}},
             "VisibilityConfig": _visibility(f"{prefix}-common-rules")},
        ],
    )["Summary"]
    ctx.record("aws_wafv2_web_acl", f"{acl['Id']}/{acl['Name']}/REGIONAL", "edge/web_acl")
    waf.associate_web_acl(WebACLArn=acl["ARN"], ResourceArn=lb_arn)
    ctx.record("aws_wafv2_web_acl_association", f"{acl['ARN']},{lb_arn}", "edge/web_acl_association")
    logs_arn = log_group(ctx, f"aws-waf-logs-{prefix}", "edge/waf_log_group")
    waf.put_logging_configuration(LoggingConfiguration={"ResourceArn": acl["ARN"], "LogDestinationConfigs": [logs_arn]})
    ctx.record("aws_wafv2_web_acl_logging_configuration", acl["ARN"], "edge/web_acl_logging")
    ctx.ids["web_acl_arn"] = acl["ARN"]
