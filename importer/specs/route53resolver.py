"""Route 53 Resolver (regional): endpoints, forwarding rules and their VPC associations.

The rule and association Route 53 Resolver defines itself (``Internet Resolver``, IDs ``rslvr-autodefined-...``)
and rules another account shares are not the account's own.
"""

from importer.specs.base import Call, Reference, ResourceSpec

_AUTODEFINED = "starts_with(Id, 'rslvr-autodefined')"

SPECS = (
    ResourceSpec(
        type="aws_route53_resolver_endpoint", service="route53resolver",
        list=Call("ListResolverEndpoints", items="ResolverEndpoints[]"), import_id="{Id}",
        identity={"name": "Name", "direction": "Direction"}, aliases=("Arn",),
        references=(Reference("security_group_ids", "aws_security_group", "SecurityGroupIds"),),
        attributes={"arn": "Arn", "name": "Name", "direction": "Direction", "host_vpc_id": "HostVPCId",
                    "resolver_endpoint_type": "ResolverEndpointType"},
        note="IP addresses (ListResolverEndpointIpAddresses per endpoint) are not read",
    ),
    ResourceSpec(
        type="aws_route53_resolver_rule", service="route53resolver",
        list=Call("ListResolverRules", items="ResolverRules[]"), import_id="{Id}",
        exclude=f"{_AUTODEFINED} || ShareStatus == 'SHARED_WITH_ME'",
        identity={"name": "Name", "domain_name": "trim_suffix(DomainName, '.')", "rule_type": "RuleType"},
        aliases=("Arn",), references=(Reference("resolver_endpoint_id", "aws_route53_resolver_endpoint",
                                                "ResolverEndpointId"),),
        attributes={"arn": "Arn", "name": "Name", "domain_name": "trim_suffix(DomainName, '.')",
                    "rule_type": "RuleType", "target_ip": "TargetIps[].Ip"},
        note="the autodefined Internet Resolver rule and rules shared by other accounts are excluded",
    ),
    ResourceSpec(
        type="aws_route53_resolver_rule_association", service="route53resolver",
        list=Call("ListResolverRuleAssociations", items="ResolverRuleAssociations[]"), import_id="{Id}",
        exclude=f"starts_with(ResolverRuleId, 'rslvr-autodefined') || {_AUTODEFINED}",
        identity={"resolver_rule_id": "ResolverRuleId", "vpc_id": "VPCId"},
        references=(Reference("resolver_rule_id", "aws_route53_resolver_rule", "ResolverRuleId"),
                    Reference("vpc_id", "aws_vpc", "VPCId")),
        attributes={"name": "Name", "resolver_rule_id": "ResolverRuleId", "vpc_id": "VPCId"},
    ),
)
