"""Budgets answers ListTagsForResource, TagResource and UntagResource, and keeps CreateBudget's tags."""

from __future__ import annotations

ACCOUNT = "123456789012"
ARN = f"arn:aws:budgets::{ACCOUNT}:budget/monthly"


def test_budget_tags_are_kept_listed_and_removed(clean_emulator):
    budgets = clean_emulator.client("budgets")
    budgets.create_budget(AccountId=ACCOUNT, Budget={"BudgetName": "monthly", "BudgetType": "COST", "TimeUnit": "MONTHLY",
                                                     "BudgetLimit": {"Amount": "10", "Unit": "USD"}},
                          ResourceTags=[{"Key": "team", "Value": "ops"}])
    assert budgets.list_tags_for_resource(ResourceARN=ARN)["ResourceTags"] == [{"Key": "team", "Value": "ops"}]
    budgets.tag_resource(ResourceARN=ARN, ResourceTags=[{"Key": "env", "Value": "prod"}])
    budgets.untag_resource(ResourceARN=ARN, ResourceTagKeys=["team"])
    assert budgets.list_tags_for_resource(ResourceARN=ARN)["ResourceTags"] == [{"Key": "env", "Value": "prod"}]
