"""What the generated plan and apply roles allow, per environment."""

from __future__ import annotations

import pytest

from importer.policy.generate import (name_prefix_from_backend, pass_role_statement, policy_actions, state_backend,
                                      trust_policy)
from importer.policy.mapping import load_mapping

SECRET_READS = {"secretsmanager:GetSecretValue", "kms:Decrypt", "ssm:GetParametersByPath", "ssm:GetParameterHistory"}


def _statements(document, action):
    return [s for s in document["Statement"] if action in s["Action"]]


def _resources(statement):
    return [statement["Resource"]] if isinstance(statement["Resource"], str) else statement["Resource"]


def test_plan_role_reads_exactly_the_stack_types(generated):
    env, config, context, policies = generated
    mapping = load_mapping()
    types = set(config.count_by_type())
    expected = {a for t in types for a in mapping[t].read} | {"s3:ListBucket", "s3:GetObject", "s3:PutObject",
                                                              "s3:DeleteObject"}
    assert policy_actions(policies.plan) == expected
    services = {a.split(":")[0] for a in policy_actions(policies.plan)}
    assert "dynamodb" not in services and "sts" not in services
    assert policies.unscoped == []


def test_plan_role_changes_nothing_but_the_lock_and_reads_no_secret(generated):
    env, config, context, policies = generated
    writes = {s["Sid"]: s for s in policies.plan["Statement"]
              if {"s3:PutObject", "s3:DeleteObject"} & set(s["Action"])}
    assert list(writes) == ["StateLock"]
    assert _resources(writes["StateLock"]) == [f"arn:aws:s3:::{env}-retainwise-tfstate/{env}/terraform.tfstate.tflock"]
    assert not SECRET_READS & policy_actions(policies.plan)
    assert not SECRET_READS & policy_actions(policies.apply)


def test_ssm_values_are_readable_only_by_name_for_the_stack_parameters(generated):
    env, config, context, policies = generated
    names = sorted(r.body["name"].lstrip("/") for r in config.resources if str(r.type) == "aws_ssm_parameter")
    for action in ("ssm:GetParameter", "ssm:GetParameters"):
        [statement] = _statements(policies.plan, action)
        assert sorted(_resources(statement)) == [f"arn:aws:ssm:us-east-1:123456789012:parameter/{n}" for n in names]


def test_state_access_is_this_environment_key_only(generated):
    env, config, context, policies = generated
    bucket = f"arn:aws:s3:::{env}-retainwise-tfstate"
    by_sid = {s["Sid"]: s for s in policies.plan["Statement"]}
    assert by_sid["StateList"]["Resource"] == [bucket]
    assert set(by_sid["StateList"]["Condition"]["StringLike"]["s3:prefix"]) == {
        f"{env}/terraform.tfstate", f"{env}/terraform.tfstate.tflock", "env:/*"}
    assert by_sid["StateRead"] == {"Sid": "StateRead", "Effect": "Allow", "Action": ["s3:GetObject"],
                                   "Resource": [f"{bucket}/{env}/terraform.tfstate"]}
    applied = {s["Sid"]: s for s in policies.apply["Statement"]}
    assert applied["StateReadWrite"]["Action"] == ["s3:GetObject", "s3:PutObject"]


def test_apply_role_is_the_plan_role_plus_the_stack_writes(generated):
    env, config, context, policies = generated
    mapping = load_mapping()
    writes = {a for t in config.count_by_type() for a in mapping[t].write}
    assert policy_actions(policies.apply) == policy_actions(policies.plan) | writes | {"iam:PassRole"}
    plan_sids = {s["Sid"] for s in policies.plan["Statement"]}
    assert plan_sids - {"StateRead"} <= {s["Sid"] for s in policies.apply["Statement"]}


def test_apply_writes_stay_inside_the_environment_prefix_where_names_allow(generated):
    env, config, context, policies = generated
    other = {"prod", "staging", "dev"} - {env}
    for statement in policies.apply["Statement"]:
        for resource in _resources(statement):
            assert not any(f"{o}-retainwise" in resource for o in other), (statement["Sid"], resource)
    [sqs] = _statements(policies.apply, "sqs:DeleteQueue")
    assert _resources(sqs) == [f"arn:aws:sqs:us-east-1:123456789012:{env}-retainwise-*"]
    [bucket] = _statements(policies.apply, "s3:DeleteBucket")
    assert _resources(bucket) == [f"arn:aws:s3:::{env}-retainwise-*"]


def test_pass_role_only_for_the_stack_roles_and_their_services(generated):
    env, config, context, policies = generated
    [statement] = _statements(policies.apply, "iam:PassRole")
    assert statement["Action"] == ["iam:PassRole"]
    roles = sorted(r.body["name"] for r in config.resources if str(r.type) == "aws_iam_role")
    assert _resources(statement) == [f"arn:aws:iam::123456789012:role/{name}" for name in roles]
    assert all(name.startswith(f"{env}-retainwise-") for name in roles)
    services = statement["Condition"]["StringEquals"]["iam:PassedToService"]
    assert "ecs-tasks.amazonaws.com" in services and "lambda.amazonaws.com" in services
    assert pass_role_statement(config.__class__(config.path, (), config.backend), context.values) is None


def test_trust_policy_pins_audience_and_subject():
    by_env = trust_policy("111122223333", "acme/infra", environment="prod")
    [statement] = by_env["Statement"]
    assert statement["Principal"] == {
        "Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}
    assert statement["Condition"] == {"StringEquals": {
        "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
        "token.actions.githubusercontent.com:sub": "repo:acme/infra:environment:prod"}}
    by_branch = trust_policy("111122223333", "acme/infra", branch="main")
    assert by_branch["Statement"][0]["Condition"]["StringEquals"][
        "token.actions.githubusercontent.com:sub"] == "repo:acme/infra:ref:refs/heads/main"
    for bad in ({"environment": "prod", "branch": "main"}, {}):
        with pytest.raises(ValueError):
            trust_policy("111122223333", "acme/infra", **bad)
    with pytest.raises(ValueError, match="OWNER/REPO"):
        trust_policy("111122223333", "acme/*", environment="prod")


def test_prefix_and_backend_come_from_the_config():
    assert name_prefix_from_backend({"s3": {"bucket": "prod-retainwise-tfstate"}}) == "prod-retainwise-"
    assert name_prefix_from_backend({"s3": {"bucket": "some-bucket"}}) is None
    assert name_prefix_from_backend({}) is None
    backend = state_backend({"s3": {"bucket": "b", "key": "prod/terraform.tfstate"}})
    assert backend.lock_key == "prod/terraform.tfstate.tflock"
    with pytest.raises(ValueError):
        state_backend({"local": {}})
