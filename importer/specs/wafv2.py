"""WAFv2, regional scope: IP sets, regex pattern sets, rule groups, web ACLs, their associations and logging
configurations.

Associations are read per load balancer with GetWebACLForResource (ListResourcesForWebACL would
be one call per web ACL, but the emulator answers it with HTTP 500). WAFv2 has no paginators:
Limit=100 is the API's maximum page, a larger account would need NextMarker paging.
"""

from importer.specs.base import Call, Reference, ResourceSpec

_SCOPE = {"Scope": "REGIONAL", "Limit": 100}
_IDENTITY = {"name": "Name", "scope": "'REGIONAL'"}
# Firewall Manager names the web ACLs it deploys FMManagedWebACL...; they belong to its policies.
_FIREWALL_MANAGER = "starts_with(Name, 'FMManagedWebACL')"

SPECS = (
    ResourceSpec(
        type="aws_wafv2_ip_set", service="wafv2", list=Call("ListIPSets", items="IPSets[]", params=_SCOPE),
        import_id="{Id}/{Name}/REGIONAL", identity=_IDENTITY, aliases=("ARN", "Id", "Name"),
        attributes={"arn": "ARN", "name": "Name", "description": "Description"},
    ),
    ResourceSpec(
        type="aws_wafv2_web_acl", service="wafv2", list=Call("ListWebACLs", items="WebACLs[]", params=_SCOPE),
        import_id="{Id}/{Name}/REGIONAL", identity=_IDENTITY, exclude=_FIREWALL_MANAGER,
        aliases=("ARN", "Id", "Name"), attributes={"arn": "ARN", "name": "Name", "description": "Description"},
        note="Firewall Manager's web ACLs are excluded; rule statements (IP set references) need GetWebACL "
             "per web ACL: not read",
    ),
    ResourceSpec(
        type="aws_wafv2_web_acl_association", service="wafv2", parent="aws_lb",
        list=Call("GetWebACLForResource", items="WebACL", params={"ResourceArn": "=LoadBalancerArn"},
                  # Nothing associated; or not a resource WAF protects (network/gateway load balancers).
                  absent_on=("WAFNonexistentItemException", "WAFInvalidParameterException")),
        inherit={"ResourceArn": "LoadBalancerArn"}, import_id="{ARN},{ResourceArn}",
        exclude=f"ManagedByFirewallManager || {_FIREWALL_MANAGER}",
        identity={"resource_arn": "ResourceArn"},
        references=(Reference("web_acl_arn", "aws_wafv2_web_acl", "ARN"),
                    Reference("resource_arn", "aws_lb", "ResourceArn")),
        attributes={"web_acl_arn": "ARN", "resource_arn": "ResourceArn"},
        note="only load balancers are checked (API Gateway stages, Cognito pools, AppSync APIs are not)",
    ),
    ResourceSpec(
        type="aws_wafv2_web_acl_logging_configuration", service="wafv2",
        list=Call("ListLoggingConfigurations", items="LoggingConfigurations[]", params=_SCOPE),
        import_id="{ResourceArn}", identity={"resource_arn": "ResourceArn"}, exclude="ManagedByFirewallManager",
        references=(Reference("resource_arn", "aws_wafv2_web_acl", "ResourceArn"),
                    Reference("log_destination_configs", "aws_cloudwatch_log_group", "LogDestinationConfigs")),
        attributes={"log_destination_configs": "LogDestinationConfigs"},
    ),
    ResourceSpec(
        type="aws_wafv2_regex_pattern_set", service="wafv2",
        list=Call("ListRegexPatternSets", items="RegexPatternSets[]", params=_SCOPE),
        import_id="{Id}/{Name}/REGIONAL", identity=_IDENTITY, aliases=("ARN", "Id", "Name"),
        attributes={"arn": "ARN", "name": "Name", "description": "Description"},
    ),
    ResourceSpec(
        type="aws_wafv2_rule_group", service="wafv2",
        list=Call("ListRuleGroups", items="RuleGroups[]", params=_SCOPE),
        import_id="{Id}/{Name}/REGIONAL", identity=_IDENTITY, aliases=("ARN", "Id", "Name"),
        attributes={"arn": "ARN", "name": "Name", "description": "Description"},
        note="rules (and the IP/regex sets they reference) need GetRuleGroup per group: not read",
    ),
)
