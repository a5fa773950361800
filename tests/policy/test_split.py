"""The generated roles fit IAM's quotas once split into managed policies."""

from __future__ import annotations

from importer.policy.generate import policy_actions
from importer.policy.split import MANAGED_POLICY_LIMIT, size, split_policy


def test_parts_fit_the_limit_and_keep_every_grant(generated):
    env, config, context, policies = generated
    for document in (policies.plan, policies.apply):
        parts = split_policy(document)
        assert all(size(part) <= MANAGED_POLICY_LIMIT for part in parts)
        assert len(parts) <= 10  # managed policies per role, default quota
        grants = {(a, r) for s in document["Statement"] for a in s["Action"]
                  for r in ([s["Resource"]] if isinstance(s["Resource"], str) else s["Resource"])}
        split_grants = {(a, r) for p in parts for s in p["Statement"] for a in s["Action"]
                        for r in ([s["Resource"]] if isinstance(s["Resource"], str) else s["Resource"])}
        assert split_grants == grants
        assert set().union(*(policy_actions(p) for p in parts)) == policy_actions(document)
        sids = [s["Sid"] for p in parts for s in p["Statement"]]
        assert len(sids) == len(set(sids))


def test_a_statement_too_large_for_one_document_is_cut_by_actions():
    big = {"Version": "2012-10-17", "Statement": [{"Sid": "Big", "Effect": "Allow",
           "Action": [f"ec2:Describe{i:04d}" for i in range(600)], "Resource": "*"}]}
    parts = split_policy(big, limit=2000)
    assert len(parts) > 1 and all(size(p) <= 2000 for p in parts)
    assert sum(len(s["Action"]) for p in parts for s in p["Statement"]) == 600
