"""Hosted zones do not add reusable delegation sets; one created on purpose is listed."""

from __future__ import annotations


def test_only_reusable_delegation_sets_are_listed(clean_emulator):
    route53 = clean_emulator.client("route53")
    route53.create_hosted_zone(Name="edg-one.example.", CallerReference="edg-one")
    assert route53.list_reusable_delegation_sets()["DelegationSets"] == []
    made = route53.create_reusable_delegation_set(CallerReference="edg-set")["DelegationSet"]["Id"]
    assert [s["Id"] for s in route53.list_reusable_delegation_sets()["DelegationSets"]] == [made]
