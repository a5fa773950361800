"""Edge: the public ALB with its target groups, listeners and rules, the ACM certificate, the
Route53 zone and records, the WAF web ACL and the bucket for the ALB's access logs."""

from __future__ import annotations

from stacks.cdk import Fn, Token
from constructs import Construct
from stacks.aws import (
    AcmCertificate, CloudwatchLogGroup, DataAwsElbServiceAccount, Lb, LbAccessLogs, LbListener, LbListenerDefaultAction,
    LbListenerRule, LbListenerRuleAction, LbListenerRuleCondition, LbTargetGroup, Route53Record, Route53Zone,
    Wafv2IpSet, Wafv2WebAcl, Wafv2WebAclRule, Wafv2WebAclAssociation, Wafv2WebAclLoggingConfiguration,
)

from stacks.config import EnvironmentConfig
from stacks.constructs.buckets import PrivateBucket
from stacks.constructs.security import APP_PORT

TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06"
TARGET_GROUPS = {"api": "/health", "web": "/"}


def _visibility(metric_name: str) -> dict:
    return {"cloudwatch_metrics_enabled": True, "metric_name": metric_name, "sampled_requests_enabled": True}


class Edge(Construct):
    """Everything between the internet and the backend tasks."""

    def __init__(
        self, scope: Construct, construct_id: str, *, config: EnvironmentConfig, vpc_id: str,
        public_subnet_ids: list[str], alb_security_group_id: str,
    ) -> None:
        super().__init__(scope, construct_id)
        prefix = config.prefix
        elb_account = DataAwsElbServiceAccount(self, "elb_account")
        self.logs = PrivateBucket(
            self, "alb_logs", bucket_name=f"{prefix}-alb-logs", expire_after_days=config.log_retention_days,
            extra_statements=[{
                "Sid": "AllowLoadBalancerLogDelivery",
                "Effect": "Allow",
                "Principal": {"AWS": elb_account.arn},
                "Action": "s3:PutObject",
                "Resource": f"arn:aws:s3:::{prefix}-alb-logs/alb/*",
            }],
        )
        self.load_balancer = Lb(
            self, "alb", name=f"{prefix}-alb", load_balancer_type="application", internal=False,
            security_groups=[alb_security_group_id], subnets=public_subnet_ids, idle_timeout=60,
            drop_invalid_header_fields=True, enable_deletion_protection=config.db_deletion_protection,
            access_logs=LbAccessLogs(bucket=self.logs.name, prefix="alb", enabled=True),
            tags={"Name": f"{prefix}-alb"},
        )
        self.target_groups = {
            key: LbTargetGroup(
                self, f"{key}_target_group", name=f"{prefix}-{key}", port=APP_PORT, protocol="HTTP",
                target_type="ip", vpc_id=vpc_id, deregistration_delay="30",
                health_check={"path": path, "matcher": "200", "interval": 15, "healthy_threshold": 2,
                              "unhealthy_threshold": 3},
                tags={"Name": f"{prefix}-{key}"},
            )
            for key, path in TARGET_GROUPS.items()
        }
        self._dns_and_certificate(config)
        self._listeners(config)
        self._firewall(config)

    def _dns_and_certificate(self, config: EnvironmentConfig) -> None:
        self.zone = Route53Zone(self, "zone", name=config.domain, comment=f"{config.prefix} public zone")
        self.certificate = AcmCertificate(
            self, "certificate", domain_name=config.domain, subject_alternative_names=[f"*.{config.domain}"],
            validation_method="DNS", tags={"Name": f"{config.prefix}-certificate"},
            lifecycle={"create_before_destroy": True},
        )
        # The apex and the wildcard share one validation record.
        validation = Fn.element(self.certificate.domain_validation_options, 0)
        Route53Record(
            self, "certificate_validation_record", zone_id=self.zone.zone_id,
            name=Token.as_string(Fn.lookup(validation, "resource_record_name")),
            type=Token.as_string(Fn.lookup(validation, "resource_record_type")),
            records=[Token.as_string(Fn.lookup(validation, "resource_record_value"))],
            ttl=300,
        )
        alias = {"name": self.load_balancer.dns_name, "zone_id": self.load_balancer.zone_id,
                 "evaluate_target_health": True}
        for key, name in {"apex": config.domain, "api": f"api.{config.domain}"}.items():
            Route53Record(self, f"{key}_alias_record", zone_id=self.zone.zone_id, name=name, type="A", alias=alias)
        Route53Record(
            self, "www_record", zone_id=self.zone.zone_id, name=f"www.{config.domain}", type="CNAME", ttl=300,
            records=[config.domain],
        )
        Route53Record(
            self, "spf_record", zone_id=self.zone.zone_id, name=config.domain, type="TXT", ttl=3600,
            records=["v=spf1 -all"],
        )

    def _listeners(self, config: EnvironmentConfig) -> None:
        LbListener(
            self, "http_listener", load_balancer_arn=self.load_balancer.arn, port=80, protocol="HTTP",
            default_action=[LbListenerDefaultAction(
                type="redirect", redirect={"port": "443", "protocol": "HTTPS", "status_code": "HTTP_301"})],
        )
        self.https_listener = LbListener(
            self, "https_listener", load_balancer_arn=self.load_balancer.arn, port=443, protocol="HTTPS",
            ssl_policy=TLS_POLICY, certificate_arn=self.certificate.arn,
            default_action=[LbListenerDefaultAction(type="forward", target_group_arn=self.target_groups["web"].arn)],
        )
        conditions = {
            "api_path": (10, {"path_pattern": {"values": ["/api/*"]}}),
            "api_host": (20, {"host_header": {"values": [f"api.{config.domain}"]}}),
        }
        for key, (priority, condition) in conditions.items():
            LbListenerRule(
                self, f"{key}_rule", listener_arn=self.https_listener.arn, priority=priority,
                action=[LbListenerRuleAction(type="forward", target_group_arn=self.target_groups["api"].arn, order=1)],
                condition=[LbListenerRuleCondition(**condition)],
            )

    def _firewall(self, config: EnvironmentConfig) -> None:
        prefix = config.prefix
        ip_set = Wafv2IpSet(
            self, "blocked_ips", name=f"{prefix}-blocked", scope="REGIONAL", ip_address_version="IPV4",
            addresses=list(config.blocked_ip_cidrs), description="Addresses blocked at the edge",
        )
        self.web_acl = Wafv2WebAcl(
            self, "web_acl", name=f"{prefix}-web-acl", scope="REGIONAL", description=f"{prefix} ALB protection",
            default_action={"allow": {}},
            visibility_config=_visibility(f"{prefix}-web-acl"),
            rule=[
                Wafv2WebAclRule(
                    name="block-listed-ips", priority=0, action={"block": {}},
                    statement={"ip_set_reference_statement": {"arn": ip_set.arn}},
                    visibility_config=_visibility(f"{prefix}-blocked-ips"),
                ),
                Wafv2WebAclRule(
                    name="aws-common-rules", priority=1, override_action={"none": {}},
                    statement={"managed_rule_group_statement": {
                        "name": "AWSManagedRulesCommonRuleSet", "vendor_name": "AWS"}},
                    visibility_config=_visibility(f"{prefix}-common-rules"),
                ),
            ],
        )
        Wafv2WebAclAssociation(
            self, "web_acl_association", resource_arn=self.load_balancer.arn, web_acl_arn=self.web_acl.arn
        )
        # WAF only delivers to log groups whose name starts with "aws-waf-logs-".
        waf_logs = CloudwatchLogGroup(
            self, "waf_log_group", name=f"aws-waf-logs-{prefix}", retention_in_days=config.log_retention_days
        )
        Wafv2WebAclLoggingConfiguration(
            self, "web_acl_logging", resource_arn=self.web_acl.arn, log_destination_configs=[waf_logs.arn],
        )
