"""The Terraform type to IAM action mapping and the IAM vocabulary.

The mapping is data: the ``iam`` fact of each type, beside its spec (``importer/specs/facts/``,
read by ``importer.specs.facts``). Everything about the actions themselves
(whether an action exists, its canonical spelling, which resource ARNs it can be limited to)
comes from policy_sentry's IAM database, never from this project.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping

from policy_sentry.querying.actions import get_action_data
from policy_sentry.querying.arns import does_arn_match, get_raw_arns_for_service

from importer.specs.facts import all_facts
_PLACEHOLDER = re.compile(r"\$\{([A-Za-z]+)\}")
# API Gateway's HTTP-verb actions apply in IAM to every API Gateway resource, REST (v1: /restapis/...,
# /usageplans/..., /domainnames/...) and HTTP/WebSocket (v2: /apis/...); policy_sentry keys an action's
# resource types by name and keeps only the v2 ones, so their formats are the service's every ARN format.
_EVERY_RESOURCE_OF_SERVICE = frozenset({"apigateway:GET", "apigateway:POST", "apigateway:PUT", "apigateway:PATCH",
                                        "apigateway:DELETE"})


class MappingError(ValueError):
    """The mapping is missing a type, or names an action IAM does not know."""


@dataclass(frozen=True)
class TypeActions:
    """The IAM actions one Terraform type needs, and the ARNs its objects have."""

    type: str
    read: tuple[str, ...]
    write: tuple[str, ...]
    arns: tuple[str, ...]
    sensitive_read: tuple[str, ...] = ()
    instance_arn: str | None = None


@lru_cache(maxsize=1)
def load_mapping() -> dict[str, TypeActions]:
    """Every type's ``iam`` fact by Terraform type, sorted by type."""
    return {type_name: TypeActions(type=type_name, read=facts.iam.read, write=facts.iam.write, arns=facts.iam.arns,
                                   sensitive_read=facts.iam.sensitive_read, instance_arn=facts.iam.instance_arn)
            for type_name, facts in all_facts().items()}


def actions_for(types: set[str]) -> dict[str, TypeActions]:
    """The mapping entries for ``types``; raise MappingError naming every type without one."""
    mapping = load_mapping()
    missing = sorted(types - set(mapping))
    if missing:
        raise MappingError(f"no IAM action mapping for {', '.join(missing)} "
                           "(add its \"iam\" facts beside its spec, in importer/specs/facts/)")
    return {type_name: mapping[type_name] for type_name in sorted(types)}


@dataclass(frozen=True)
class ActionInfo:
    """What policy_sentry knows about one action."""

    name: str  # canonical spelling, e.g. "sqs:CreateQueue"
    access_level: str
    resource_formats: tuple[str, ...]  # raw ARN formats; empty when the action takes only "*"

    @property
    def resource_level(self) -> bool:
        """True when the action can be limited to resource ARNs."""
        return bool(self.resource_formats)


@lru_cache(maxsize=None)
def action_info(action: str) -> ActionInfo | None:
    """policy_sentry's record of ``service:Action`` (any case), or None when IAM has no such action."""
    service, _, name = action.partition(":")
    if not service or not name or "*" in action:
        return None
    rows = get_action_data(service, name).get(service) or []
    rows = [row for row in rows if row["action"].lower() == action.lower()]
    if not rows:
        return None
    formats = tuple(dict.fromkeys(row["resource_arn_format"] for row in rows if row["resource_arn_format"] != "*"))
    if rows[0]["action"] in _EVERY_RESOURCE_OF_SERVICE:
        formats = tuple(dict.fromkeys(formats + tuple(get_raw_arns_for_service(service.lower()))))
    return ActionInfo(name=rows[0]["action"], access_level=rows[0]["access_level"], resource_formats=formats)


@lru_cache(maxsize=None)
def condition_keys(action: str, raw_format: str) -> frozenset[str]:
    """The condition keys policy_sentry lists for ``action`` on the resource type ``raw_format`` ("*": the
    action-level row)."""
    service, _, name = action.partition(":")
    rows = get_action_data(service, name).get(service) or []
    return frozenset(key for row in rows if row["action"].lower() == action.lower()
                     and row["resource_arn_format"] == raw_format for key in row["condition_keys"])


def unknown_actions(actions: set[str]) -> list[str]:
    """Actions IAM does not know, or spelled otherwise than IAM spells them."""
    problems = []
    for action in sorted(actions):
        info = action_info(action)
        if info is None:
            problems.append(f"{action}: not an IAM action")
        elif info.name != action:
            problems.append(f"{action}: IAM spells it {info.name}")
    return problems


def arn_matches(arn: str, raw_format: str) -> bool:
    """True when ``arn`` (a concrete or wildcarded ARN) is of the resource type ``raw_format`` describes."""
    try:
        return does_arn_match(arn, raw_format)
    except Exception:  # policy_sentry raises on ARNs it cannot split
        return False


def fill(template: str, values: Mapping[str, str]) -> str:
    """Replace ``${Name}`` placeholders from ``values``; any other placeholder becomes ``*``."""
    return _PLACEHOLDER.sub(lambda match: values.get(match.group(1), "*"), template)
