"""Every generated policy passes the project's rules and parliament: nothing above LOW that is not
documented in lint_waivers.json, and every waiver is still needed."""

from __future__ import annotations

from importer.policy.lint import above, lint_parliament, lint_policy, lint_rules, lint_trust, load_waivers


def test_generated_policies_have_no_finding_above_low(generated):
    env, config, context, policies = generated
    used = set()
    for kind, document in (("plan", policies.plan), ("apply", policies.apply), ("trust", policies.trust)):
        kept, waived = lint_policy(kind, document, context.values)
        assert kept == [], "\n".join(map(str, kept))
        used |= {(kind, f.issue) for f in waived}
    assert {(w["policy"], w["issue"]) for w in load_waivers()} == used  # no stale waiver


def test_plan_role_is_clean_for_parliament_even_with_community_auditors(generated):
    env, config, context, policies = generated
    assert above(lint_parliament(policies.plan)) == []
    assert lint_rules(policies.plan) == [] and lint_rules(policies.apply) == []


def test_no_wildcard_action_and_no_star_resource_where_iam_can_scope(generated):
    env, config, context, policies = generated
    for document in (policies.plan, policies.apply):
        for statement in document["Statement"]:
            assert all("*" not in action for action in statement["Action"])


def test_the_rules_catch_what_they_forbid():
    document = {"Version": "2012-10-17", "Statement": [
        {"Sid": "A", "Effect": "Allow", "Action": ["sqs:*"], "Resource": "*"},
        {"Sid": "B", "Effect": "Allow", "Action": ["*"], "Resource": "*"},
        {"Sid": "C", "Effect": "Allow", "Action": ["sqs:DeleteQueue"], "Resource": "*"},
        {"Sid": "D", "Effect": "Allow", "Action": ["sqs:ListQueues"], "Resource": "*"},
        {"Sid": "E", "Effect": "Allow", "Action": ["sqs:Nope"], "Resource": "*"},
    ]}
    issues = [(f.issue, f.detail.split(":")[0]) for f in lint_rules(document)]
    assert issues == [("WILDCARD_ACTION", "A"), ("WILDCARD_ACTION", "B"), ("RESOURCE_STAR_SCOPABLE", "C"),
                      ("UNKNOWN_ACTION", "E")]
    # parliament sees the same problems but rates them LOW: the project's rules are the gate
    assert {"RESOURCE_STAR", "UNKNOWN_ACTION"} <= {f.issue for f in lint_parliament(document)}


def test_trust_rules_require_exact_audience_and_subject():
    loose = {"Version": "2012-10-17", "Statement": [{
        "Sid": "X", "Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:acme/*"}}}]}
    assert {f.issue for f in lint_trust(loose)} == {"TRUST_NOT_PINNED", "TRUST_EXTRA_CONDITION"}
