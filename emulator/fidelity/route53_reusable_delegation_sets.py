"""Route 53 ``ListReusableDelegationSets`` lists only the reusable delegation sets the account created.

AWS: a hosted zone created without a reusable delegation set gets name servers of its own, which are no
reusable delegation set. moto stored a set for every new zone (with an empty ID) and listed them all, so
an account with three zones and no reusable set listed three delegation sets.
"""

from __future__ import annotations

from typing import Any


def apply() -> None:
    """List only the delegation sets that have an ID (the zones' own have none)."""
    from moto.route53.models import Route53Backend

    original = Route53Backend.list_reusable_delegation_sets

    def list_reusable_delegation_sets(self: Any) -> list[Any]:
        return [delegation_set for delegation_set in original(self) if delegation_set.id]

    Route53Backend.list_reusable_delegation_sets = list_reusable_delegation_sets
