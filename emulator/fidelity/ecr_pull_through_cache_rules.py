"""ECR pull-through cache rules: ``CreatePullThroughCacheRule``, ``DescribePullThroughCacheRules``
(optionally by prefix; an unknown prefix is ``PullThroughCacheRuleNotFoundException``) and
``DeletePullThroughCacheRule``. The emulator had none of them (HTTP 500)."""

from __future__ import annotations

import json
import time
from typing import Any

_FIELDS = ("upstreamRegistryUrl", "credentialArn", "customRoleArn", "upstreamRepositoryPrefix", "upstreamRegistry")


def apply() -> None:
    """Add the three operations with a per-backend store."""
    from moto.core.exceptions import JsonRESTError
    from moto.ecr.responses import ECRResponse

    def store(backend: Any) -> dict[str, dict[str, Any]]:
        if not hasattr(backend, "pull_through_cache_rules"):
            backend.pull_through_cache_rules = {}
        return backend.pull_through_cache_rules

    def not_found(prefix: str) -> JsonRESTError:
        return JsonRESTError("PullThroughCacheRuleNotFoundException",
                             f"The pull through cache rule with prefix '{prefix}' does not exist")

    def create_pull_through_cache_rule(self: Any) -> str:
        prefix = self._get_param("ecrRepositoryPrefix")
        rule = {"ecrRepositoryPrefix": prefix, "registryId": self.current_account, "createdAt": time.time(),
                **{name: self._get_param(name) for name in _FIELDS if self._get_param(name)}}
        store(self.ecr_backend)[prefix] = rule
        return json.dumps(rule)

    def describe_pull_through_cache_rules(self: Any) -> str:
        rules = store(self.ecr_backend)
        prefixes = self._get_param("ecrRepositoryPrefixes") or []
        for prefix in prefixes:
            if prefix not in rules:
                raise not_found(prefix)
        found = [rules[p] for p in prefixes] if prefixes else sorted(rules.values(), key=lambda r: r["ecrRepositoryPrefix"])
        return json.dumps({"pullThroughCacheRules": found})

    def delete_pull_through_cache_rule(self: Any) -> str:
        prefix = self._get_param("ecrRepositoryPrefix")
        rule = store(self.ecr_backend).pop(prefix, None)
        if rule is None:
            raise not_found(prefix)
        return json.dumps(rule)

    ECRResponse.create_pull_through_cache_rule = create_pull_through_cache_rule
    ECRResponse.describe_pull_through_cache_rules = describe_pull_through_cache_rules
    ECRResponse.delete_pull_through_cache_rule = delete_pull_through_cache_rule
