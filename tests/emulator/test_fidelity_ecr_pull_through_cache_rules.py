"""ECR pull-through cache rules can be created, described (all or by prefix) and deleted."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError


def test_pull_through_cache_rules_are_kept_described_and_deleted(clean_emulator):
    ecr = clean_emulator.client("ecr")
    ecr.create_pull_through_cache_rule(ecrRepositoryPrefix="ecr-public", upstreamRegistryUrl="public.ecr.aws")
    ecr.create_pull_through_cache_rule(ecrRepositoryPrefix="quay", upstreamRegistryUrl="quay.io")
    every = ecr.describe_pull_through_cache_rules()["pullThroughCacheRules"]
    assert [(r["ecrRepositoryPrefix"], r["upstreamRegistryUrl"]) for r in every] == \
        [("ecr-public", "public.ecr.aws"), ("quay", "quay.io")]
    assert every[0]["registryId"] == "123456789012"
    one = ecr.describe_pull_through_cache_rules(ecrRepositoryPrefixes=["quay"])["pullThroughCacheRules"]
    assert [r["ecrRepositoryPrefix"] for r in one] == ["quay"]
    ecr.delete_pull_through_cache_rule(ecrRepositoryPrefix="quay")
    with pytest.raises(ClientError) as gone:
        ecr.describe_pull_through_cache_rules(ecrRepositoryPrefixes=["quay"])
    assert gone.value.response["Error"]["Code"] == "PullThroughCacheRuleNotFoundException"
