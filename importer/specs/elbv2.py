"""Elastic Load Balancing v2: load balancers, target groups, listeners, listener rules and certificates.

Listeners are listed per load balancer, rules and extra certificates per listener (the calls need the parent's
ARN); the default rule of every listener is its ``default_action``, not an ``aws_lb_listener_rule``.
"""

from importer.specs.base import Call, Reference, ResourceSpec

_TARGET_GROUP = "aws_lb_target_group"

SPECS = (
    ResourceSpec(
        type="aws_lb", service="elbv2", list=Call("DescribeLoadBalancers", items="LoadBalancers[]"),
        import_id="{LoadBalancerArn}", identity={"name": "LoadBalancerName"},
        references=(Reference("security_groups", "aws_security_group", "SecurityGroups"),
                    Reference("subnets", "aws_subnet", "AvailabilityZones[].SubnetId")),
        # Name, DNS name (Route 53 alias targets) and ARN suffix (CloudWatch dimensions) resolve too.
        aliases=("LoadBalancerName", "lower(DNSName)", "split_part(LoadBalancerArn, ':loadbalancer/', `1`)"),
        attributes={"arn": "LoadBalancerArn", "name": "LoadBalancerName", "load_balancer_type": "Type",
                    "internal": "Scheme=='internal'", "ip_address_type": "IpAddressType", "dns_name": "DNSName",
                    "zone_id": "CanonicalHostedZoneId"},
        note="access_logs.bucket needs DescribeLoadBalancerAttributes (one call per load balancer): not read",
    ),
    ResourceSpec(
        type=_TARGET_GROUP, service="elbv2", list=Call("DescribeTargetGroups", items="TargetGroups[]"),
        import_id="{TargetGroupArn}", identity={"name": "TargetGroupName"},
        references=(Reference("vpc_id", "aws_vpc", "VpcId"),),
        aliases=("TargetGroupName", "split_part(TargetGroupArn, ':', `5`)"),
        attributes={"arn": "TargetGroupArn", "name": "TargetGroupName", "port": "Port", "protocol": "Protocol",
                    "target_type": "TargetType", "health_check.path": "HealthCheckPath"},
    ),
    ResourceSpec(
        type="aws_lb_listener", service="elbv2", parent="aws_lb",
        list=Call("DescribeListeners", items="Listeners[]", params={"LoadBalancerArn": "=LoadBalancerArn"}),
        import_id="{ListenerArn}", identity={"load_balancer_arn": "LoadBalancerArn", "port": "Port"},
        references=(Reference("load_balancer_arn", "aws_lb", "LoadBalancerArn"),
                    Reference("certificate_arn", "aws_acm_certificate", "Certificates[0].CertificateArn"),
                    Reference("default_action.target_group_arn", _TARGET_GROUP, "DefaultActions[].TargetGroupArn")),
        attributes={"arn": "ListenerArn", "port": "Port", "protocol": "Protocol", "ssl_policy": "SslPolicy",
                    "default_action.type": "DefaultActions[].Type"},
    ),
    ResourceSpec(
        type="aws_lb_listener_rule", service="elbv2", parent="aws_lb_listener",
        list=Call("DescribeRules", items="Rules[]", params={"ListenerArn": "=ListenerArn"}),
        inherit={"ListenerArn": "ListenerArn"}, import_id="{RuleArn}",
        exclude="IsDefault", note="a listener's default rule is its default_action, not a listener rule",
        identity={"listener_arn": "ListenerArn", "priority": "to_number(Priority)"},
        references=(Reference("listener_arn", "aws_lb_listener", "ListenerArn"),
                    Reference("action.target_group_arn", _TARGET_GROUP, "Actions[].TargetGroupArn")),
        attributes={"arn": "RuleArn", "priority": "to_number(Priority)", "action.type": "Actions[].Type",
                    "condition.field": "Conditions[].Field"},
    ),
    ResourceSpec(
        type="aws_lb_listener_certificate", service="elbv2", parent="aws_lb_listener",
        list=Call("DescribeListenerCertificates", items="Certificates[?!IsDefault]",
                  params={"ListenerArn": "=ListenerArn"}),
        inherit={"ListenerArn": "ListenerArn"}, import_id="{ListenerArn}_{CertificateArn}",
        identity={"listener_arn": "ListenerArn", "certificate_arn": "CertificateArn"},
        references=(Reference("listener_arn", "aws_lb_listener", "ListenerArn"),
                    Reference("certificate_arn", "aws_acm_certificate", "CertificateArn")),
        attributes={"certificate_arn": "CertificateArn"},
        note="one DescribeListenerCertificates call per listener; the listener's default certificate is its "
             "certificate_arn, not a listener certificate",
    ),
)
