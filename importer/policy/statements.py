"""Policy statement helpers shared by the generators: statement IDs, one statement, grouping."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, Callable, Iterable, Mapping

Condition = Mapping[str, Any] | None


def sid(*parts: str) -> str:
    """A statement ID from words: ``("write", "ec2", "own tagged")`` -> ``WriteEc2OwnTagged``."""
    return "".join(re.sub(r"[^A-Za-z0-9]", " ", part).title().replace(" ", "") for part in parts)


def statement(sid_: str, actions: Iterable[str], resources: Iterable[str],
              condition: Condition = None) -> dict[str, Any]:
    """One Allow statement with sorted actions and resources (a lone ``*`` as a string)."""
    resources = sorted(set(resources))
    built: dict[str, Any] = {"Sid": sid_, "Effect": "Allow", "Action": sorted(set(actions)),
                             "Resource": resources[0] if resources == ["*"] else resources}
    if condition:
        built["Condition"] = condition
    return built


def grouped(kind: str, resources_by_action: Mapping[str, frozenset[str]],
            labels: Mapping[str, str] | None = None,
            condition: Callable[[str, str], Condition] | None = None) -> list[dict[str, Any]]:
    """One statement per (service, label, resource set), in a stable order.

    ``resources_by_action`` keys are actions, or ``action|label`` when ``labels`` names the label of
    each key; ``condition(label, service)`` gives the statement's condition ("" label: none).
    """
    groups: dict[tuple[str, str, frozenset[str]], list[str]] = defaultdict(list)
    for key, resources in resources_by_action.items():
        label = (labels or {}).get(key, "")
        action = key.split("|")[0]
        groups[(action.split(":")[0], label, resources)].append(action)
    statements, counters = [], defaultdict(int)
    for (service, label, resources), actions in sorted(groups.items(),
                                                       key=lambda item: (item[0][0], item[0][1], sorted(item[0][2]))):
        counters[(service, label)] += 1
        suffix = "" if counters[(service, label)] == 1 else str(counters[(service, label)])
        statements.append(statement(sid(kind, service, "all" if resources == {"*"} else "", label, suffix),
                                    actions, resources, condition(label, service) if condition and label else None))
    return statements
