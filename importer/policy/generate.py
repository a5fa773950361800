"""Build the plan role, apply role and GitHub OIDC trust policy of one stack (pure functions).

Inputs are the desired configuration (resource types and bodies), the environment's name prefix,
the account, region and partition. Nothing here calls AWS.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from importer.desired.config import DesiredConfig
from importer.policy.mapping import TypeActions, action_info, actions_for, arn_matches, fill
from importer.policy.scope import scope_tags, write_scope
from importer.policy.statements import grouped
from importer.policy.statements import statement as _statement

VERSION = "2012-10-17"
GITHUB_OIDC_HOST = "token.actions.githubusercontent.com"
_BUCKET_SUFFIX = "-tfstate"


@dataclass(frozen=True)
class PolicyContext:
    """Where the stack lives and what its objects are called."""

    account_id: str
    region: str
    name_prefix: str  # "prod-retainwise-"
    partition: str = "aws"

    @property
    def values(self) -> dict[str, str]:
        """Placeholder values for ARN templates."""
        return {"Partition": self.partition, "Region": self.region, "Account": self.account_id,
                "Prefix": self.name_prefix, "Stem": self.name_prefix.rstrip("-")}


@dataclass(frozen=True)
class StateBackend:
    """The S3 backend of the stack: bucket, key, lock file and workspace prefix."""

    bucket: str
    key: str
    workspace_key_prefix: str = "env:"

    @property
    def lock_key(self) -> str:
        """The S3-native lock object (``use_lockfile``)."""
        return f"{self.key}.tflock"


@dataclass
class GeneratedPolicies:
    """The three documents, plus any action that had to stay on ``*`` although IAM could scope it."""

    plan: dict[str, Any]
    apply: dict[str, Any]
    trust: dict[str, Any]
    unscoped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # sensitive reads IAM cannot scope, environment scoping
    environment_unscoped: dict[str, str] = field(default_factory=dict)  # "action on arn" -> why no env limit


def name_prefix_from_backend(backend: Mapping[str, Any]) -> str | None:
    """``prod-retainwise-`` from a backend bucket named ``prod-retainwise-tfstate``, else None."""
    bucket = (backend.get("s3") or {}).get("bucket", "")
    if isinstance(bucket, str) and bucket.endswith(_BUCKET_SUFFIX) and len(bucket) > len(_BUCKET_SUFFIX):
        return bucket[: -len(_BUCKET_SUFFIX)] + "-"
    return None


def state_backend(backend: Mapping[str, Any]) -> StateBackend:
    """The S3 backend block of the configuration; ValueError when it has none."""
    s3 = backend.get("s3")
    if not isinstance(s3, Mapping) or not s3.get("bucket") or not s3.get("key"):
        raise ValueError("the configuration has no S3 backend with a bucket and a key")
    return StateBackend(bucket=s3["bucket"], key=s3["key"],
                        workspace_key_prefix=s3.get("workspace_key_prefix", "env:"))


def _literal(value: Any) -> str | None:
    return value if isinstance(value, str) and "${" not in value else None


def _instance_arns(entry: TypeActions, config: DesiredConfig, values: Mapping[str, str]) -> list[str] | None:
    """Exact ARNs of the stack's objects of this type, when every name is a literal."""
    if not entry.instance_arn:
        return None
    names = [_literal(r.body.get("name")) for r in config.resources if str(r.type) == entry.type]
    if not names or None in names:
        return None
    return [fill(entry.instance_arn, values).replace("{name}", name.lstrip("/")) for name in names]


def _scoped(action: str, own: Iterable[str], stack: Iterable[str]) -> set[str]:
    """The ARNs among ``own`` (else among every ARN of the stack) that ``action`` can be limited to."""
    info = action_info(action)
    own, stack = list(own), list(stack)
    chosen: set[str] = set()
    for raw in info.resource_formats:
        matching = [arn for arn in own if arn_matches(arn, raw)] or [arn for arn in stack if arn_matches(arn, raw)]
        chosen.update(matching)
    return chosen


def _account_wide(action: str, values: Mapping[str, str], stack_arns: list[str]) -> set[str]:
    """Every resource of the action's resource types that the stack uses (all of them when it uses
    none), in this account and region: discovery lists the whole account (metadata only)."""
    formats = action_info(action).resource_formats
    used = [raw for raw in formats if any(arn_matches(arn, raw) for arn in stack_arns)] or formats
    return {fill(raw, {k: values[k] for k in ("Partition", "Region", "Account")}) for raw in used}


def _read_statements(entries: Mapping[str, TypeActions], config: DesiredConfig, values: Mapping[str, str],
                     unscoped: list[str], notes: list[str]) -> list[dict[str, Any]]:
    resources: dict[str, set[str]] = defaultdict(set)
    sensitive: dict[str, set[str]] = defaultdict(set)
    stack_arns = [fill(arn, values) for entry in entries.values() for arn in entry.arns]
    for entry in entries.values():
        own = _instance_arns(entry, config, values) or [fill(arn, values) for arn in entry.arns]
        for action in entry.read:
            info = action_info(action)
            if action in entry.sensitive_read:
                if not info.resource_level:
                    notes.append(f"{action} (read of {entry.type}) may return secrets but IAM only grants it on '*'")
                    resources[action].add("*")
                    continue
                scoped = _scoped(action, own, stack_arns)
                if not scoped:
                    unscoped.append(f"{action} (sensitive read of {entry.type})")
                    scoped = {"*"}
                sensitive[action] |= scoped
            else:
                resources[action] |= _account_wide(action, values, stack_arns) if info.resource_level else {"*"}
    for action in sensitive:  # a sensitive read stays scoped even when another type reads it widely
        resources.pop(action, None)
    statements = grouped("Read", {a: frozenset(r) for a, r in resources.items()})
    statements += grouped("ReadOwn", {a: frozenset(r) for a, r in sensitive.items()})
    return statements


def _state_statements(backend: StateBackend, partition: str, *, write_state: bool) -> list[dict[str, Any]]:
    bucket_arn = f"arn:{partition}:s3:::{backend.bucket}"
    statements = [
        _statement("StateList", ["s3:ListBucket"], [bucket_arn], {"StringLike": {"s3:prefix": sorted({
            backend.key, backend.lock_key, f"{backend.workspace_key_prefix}/*"})}}),
        _statement("StateRead", ["s3:GetObject"] + (["s3:PutObject"] if write_state else []),
                   [f"{bucket_arn}/{backend.key}"]),
        _statement("StateLock", ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
                   [f"{bucket_arn}/{backend.lock_key}"]),
    ]
    if write_state:
        statements[1]["Sid"] = "StateReadWrite"
    return statements


def _services_of(assume_role_policy: Any) -> list[str]:
    try:
        document = json.loads(assume_role_policy) if isinstance(assume_role_policy, str) else assume_role_policy
    except json.JSONDecodeError:
        return []
    services: set[str] = set()
    statements = document.get("Statement", []) if isinstance(document, dict) else []
    for statement in statements if isinstance(statements, list) else [statements]:
        principal = statement.get("Principal", {}) if isinstance(statement, dict) else {}
        found = principal.get("Service", []) if isinstance(principal, dict) else []
        services.update([found] if isinstance(found, str) else found)
    return sorted(s for s in services if "${" not in s)


def pass_role_statement(config: DesiredConfig, values: Mapping[str, str]) -> dict[str, Any] | None:
    """``iam:PassRole`` on the stack's own roles only, to the services those roles trust."""
    roles = [r for r in config.resources if str(r.type) == "aws_iam_role"]
    if not roles:
        return None
    arns, services = set(), set()
    for role in roles:
        name = _literal(role.body.get("name"))
        path = _literal(role.body.get("path")) or "/"
        arns.add(f"arn:{values['Partition']}:iam::{values['Account']}:role{path}{name}" if name
                 else f"arn:{values['Partition']}:iam::{values['Account']}:role/{values['Prefix']}*")
        found = _services_of(role.body.get("assume_role_policy"))
        services.update(found if found else {"*"})
    condition = None if "*" in services else {"StringEquals": {"iam:PassedToService": sorted(services)}}
    return _statement("PassOwnRoles", ["iam:PassRole"], arns, condition)


def trust_policy(account_id: str, repository: str, *, environment: str | None = None,
                 branch: str | None = None, partition: str = "aws") -> dict[str, Any]:
    """GitHub OIDC trust: audience sts.amazonaws.com, subject pinned to one environment or branch."""
    if bool(environment) == bool(branch):
        raise ValueError("give exactly one of a GitHub environment or a branch")
    if not re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", repository or ""):
        raise ValueError(f"GitHub repository must be OWNER/REPO, not {repository!r}")
    subject = (f"repo:{repository}:environment:{environment}" if environment
               else f"repo:{repository}:ref:refs/heads/{branch}")
    return {"Version": VERSION, "Statement": [{
        "Sid": "GithubActionsOidc", "Effect": "Allow",
        "Principal": {"Federated": f"arn:{partition}:iam::{account_id}:oidc-provider/{GITHUB_OIDC_HOST}"},
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": {"StringEquals": {f"{GITHUB_OIDC_HOST}:aud": "sts.amazonaws.com",
                                       f"{GITHUB_OIDC_HOST}:sub": subject}},
    }]}


def _scope_notes(tags: Mapping[str, str], environment_unscoped: Mapping[str, str]) -> list[str]:
    if not tags:
        return ["the configuration sets no provider default_tags: writes on objects with generated IDs "
                "(VPCs, subnets, keys, certificates...) are not limited to this environment"]
    shown = ", ".join(f"{k}={v}" for k, v in tags.items())
    notes = [f"writes on objects with generated IDs require the tags {shown} (aws:ResourceTag on existing "
             f"objects, aws:RequestTag on new ones; EC2 tags only at creation or on objects tagged so)"]
    return notes + [f"not scoped by environment: {where}: {why}" for where, why in sorted(environment_unscoped.items())]


def generate(config: DesiredConfig, context: PolicyContext, trust: dict[str, Any],
             tags: Mapping[str, str] | None = None) -> GeneratedPolicies:
    """The plan and apply role policies of ``config`` (and the given trust policy, passed through).

    Writes on objects with generated IDs are limited by ``tags`` (default: the provider's default tags).
    """
    entries = actions_for(set(config.count_by_type()))
    values = context.values
    backend = state_backend(config.backend)
    unscoped: list[str] = []
    notes: list[str] = []
    reads = _read_statements(entries, config, values, unscoped, notes)
    plan = {"Version": VERSION, "Statement": reads + _state_statements(backend, context.partition, write_state=False)}
    tags = scope_tags(config.default_tags) if tags is None else dict(tags)
    scoped = write_scope(entries, values, tags)
    unscoped += scoped.unscoped
    notes += _scope_notes(tags, scoped.environment_unscoped)
    writes = scoped.statements
    pass_role = pass_role_statement(config, values)
    apply = {"Version": VERSION, "Statement": reads + writes + ([pass_role] if pass_role else [])
             + _state_statements(backend, context.partition, write_state=True)}
    return GeneratedPolicies(plan=plan, apply=apply, trust=trust, unscoped=sorted(set(unscoped)),
                             notes=sorted(set(notes)),
                             environment_unscoped=dict(sorted(scoped.environment_unscoped.items())))


def policy_actions(document: Mapping[str, Any]) -> set[str]:
    """Every action a policy document allows."""
    found: set[str] = set()
    for statement in document.get("Statement", []):
        actions = statement.get("Action", [])
        found.update([actions] if isinstance(actions, str) else actions)
    return found
