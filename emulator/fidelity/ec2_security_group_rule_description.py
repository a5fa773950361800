"""EC2 ``DescribeSecurityGroupRules`` returns the ``Description`` of every rule, whatever its
peer: a CIDR, another security group (``UserIdGroupPairs``) or a prefix list. The emulator kept
the description only for CIDR rules and answered none for rules that reference a security group
or a prefix list, so provider 5.100 planned to add the description of every
``aws_vpc_security_group_ingress_rule``/``egress_rule`` with ``referenced_security_group_id``
again on each plan."""

from __future__ import annotations

from typing import Any


def apply() -> None:
    """Keep the peer's description on the rule and answer it when no CIDR description is set."""
    from moto.ec2.models.security_groups import SecurityGroupRule

    original_init = SecurityGroupRule.__init__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        prefix_list = kwargs.get("prefix_list_id", args[7] if len(args) > 7 else None)
        original_init(self, *args, **kwargs)
        self.peer_description = (
            (self.source_group or {}).get("Description") or (prefix_list or {}).get("Description")
        )

    def description(self: Any) -> str | None:
        # ModifySecurityGroupRules writes the new description into ip_range for every kind of
        # rule, so a description there (even an empty one) wins over the one given at creation.
        if "Description" in self.ip_range:
            return self.ip_range["Description"]
        return getattr(self, "peer_description", None)

    SecurityGroupRule.__init__ = __init__
    SecurityGroupRule.description = property(description)
