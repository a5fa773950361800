"""Security groups and their rules, one rule at a time as a person adds them in the console."""

from __future__ import annotations

from emulator.scenario.context import BuildContext

GROUPS = {
    "alb": "Public load balancer",
    "backend": "Backend API tasks",
    "worker": "Background worker tasks",
    "database": "PostgreSQL database",
    "lambda": "Scheduled Lambda functions",
    "endpoints": "VPC interface endpoints",
}
CLIENTS = ("backend", "worker", "lambda")


def _ingress_rules(vpc_cidr: str) -> list[tuple[str, str, int, str, dict]]:
    """(group, rule name, port, description, peer) per ingress rule."""
    rules = [
        ("alb", "http_ipv4", 80, "HTTP from anywhere (redirected)", {"cidr": "0.0.0.0/0"}),
        ("alb", "http_ipv6", 80, "HTTP from anywhere over IPv6", {"cidr6": "::/0"}),
        ("alb", "https_ipv4", 443, "HTTPS from anywhere", {"cidr": "0.0.0.0/0"}),
        ("alb", "https_ipv6", 443, "HTTPS from anywhere over IPv6", {"cidr6": "::/0"}),
        ("backend", "from_alb", 8000, "API traffic from the load balancer", {"group": "alb"}),
    ]
    rules += [("database", f"from_{c}", 5432, f"PostgreSQL from {c}", {"group": c}) for c in CLIENTS]
    rules.append(("endpoints", "from_vpc", 443, "HTTPS from inside the VPC", {"cidr": vpc_cidr}))
    return rules


def _egress_rules() -> list[tuple[str, str, int, str, dict]]:
    rules = [("alb", "to_backend", 8000, "Forward to backend tasks", {"group": "backend"})]
    for client in CLIENTS:
        rules.append((client, "to_database", 5432, "PostgreSQL", {"group": "database"}))
        rules.append((client, "to_https", 443, "HTTPS to AWS APIs and the internet", {"cidr": "0.0.0.0/0"}))
    return rules


def build(ctx: BuildContext) -> None:
    """Six groups without the default allow-all egress, then every rule with its own ID."""
    ec2 = ctx.client("ec2")
    groups: dict[str, str] = {}
    for key, description in GROUPS.items():
        name = f"{ctx.prefix}-{key}"
        group_id = ec2.create_security_group(
            GroupName=name, Description=description, VpcId=ctx.ids["vpc_id"],
            TagSpecifications=[{"ResourceType": "security-group", "Tags": ctx.tag_list(name)}],
        )["GroupId"]
        ec2.revoke_security_group_egress(GroupId=group_id, IpPermissions=[
            {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
        groups[key] = group_id
        ctx.record("aws_security_group", group_id, f"security/{key}_sg")
    ctx.ids["security_groups"] = groups
    for direction, rules in (("ingress", _ingress_rules(ctx.config.vpc_cidr)), ("egress", _egress_rules())):
        authorize = getattr(ec2, f"authorize_security_group_{direction}")
        for group, rule_name, port, description, peer in rules:
            permission = {"IpProtocol": "tcp", "FromPort": port, "ToPort": port}
            if "group" in peer:
                permission["UserIdGroupPairs"] = [{"GroupId": groups[peer["group"]], "Description": description}]
            elif "cidr6" in peer:
                permission["Ipv6Ranges"] = [{"CidrIpv6": peer["cidr6"], "Description": description}]
            else:
                permission["IpRanges"] = [{"CidrIp": peer["cidr"], "Description": description}]
            rule_id = authorize(
                GroupId=groups[group], IpPermissions=[permission],
                TagSpecifications=[{"ResourceType": "security-group-rule", "Tags": ctx.tag_list()}],
            )["SecurityGroupRules"][0]["SecurityGroupRuleId"]
            ctx.record(f"aws_vpc_security_group_{direction}_rule", rule_id,
                       f"security/{group}_{direction}_{rule_name}")
