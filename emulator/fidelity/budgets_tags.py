"""Budgets has ``ListTagsForResource``/``TagResource``/``UntagResource`` (``ResourceTags: [{Key, Value}]``,
by budget ARN); the emulator had none of them (HTTP 500), so provider 5.100 could not read any budget."""

from __future__ import annotations

import json
from typing import Any


def apply() -> None:
    """Add the three tagging operations with a per-backend store, and keep CreateBudget's tags."""
    from moto.budgets.responses import BudgetsResponse

    def tags_of(backend: Any) -> dict[str, dict[str, str]]:
        if not hasattr(backend, "resource_tags"):
            backend.resource_tags = {}
        return backend.resource_tags

    def list_tags_for_resource(self: Any) -> str:
        stored = tags_of(self.backend).get(self._get_param("ResourceARN"), {})
        return json.dumps({"ResourceTags": [{"Key": k, "Value": v} for k, v in stored.items()]})

    def tag_resource(self: Any) -> str:
        tags = {t["Key"]: t["Value"] for t in self._get_param("ResourceTags") or []}
        tags_of(self.backend).setdefault(self._get_param("ResourceARN"), {}).update(tags)
        return "{}"

    def untag_resource(self: Any) -> str:
        stored = tags_of(self.backend).get(self._get_param("ResourceARN"), {})
        for key in self._get_param("ResourceTagKeys") or []:
            stored.pop(key, None)
        return "{}"

    original_create = BudgetsResponse.create_budget

    def create_budget(self: Any) -> str:
        body = original_create(self)
        tags = self._get_param("ResourceTags")
        if tags:
            arn = f"arn:aws:budgets::{self._get_param('AccountId')}:budget/{self._get_param('Budget')['BudgetName']}"
            tags_of(self.backend).setdefault(arn, {}).update({t["Key"]: t["Value"] for t in tags})
        return body

    BudgetsResponse.list_tags_for_resource = list_tags_for_resource
    BudgetsResponse.tag_resource = tag_resource
    BudgetsResponse.untag_resource = untag_resource
    BudgetsResponse.create_budget = create_budget
