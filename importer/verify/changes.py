"""Read Terraform's JSON plan: what each resource change does and which attributes differ."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

_UNKNOWN = "(known after apply)"


@dataclass(frozen=True)
class AttributeDiff:
    """One top-level attribute whose planned value differs from the prior one."""

    name: str
    before: Any
    after: Any


@dataclass(frozen=True)
class ResourceChange:
    """One entry of ``resource_changes``: its actions, whether it imports, what differs."""

    address: str
    type: str
    actions: tuple[str, ...]
    importing_id: str | None
    diffs: tuple[AttributeDiff, ...] = field(default=())
    replace_paths: tuple[str, ...] = field(default=())

    @property
    def is_pure_import(self) -> bool:
        """An import that changes nothing (``no-op`` with ``importing`` set)."""
        return self.importing_id is not None and self.actions in (("no-op",), ("read",))

    @property
    def is_noop(self) -> bool:
        """No action at all and no import."""
        return self.importing_id is None and self.actions in (("no-op",), ("read",))


def _diffs(change: dict[str, Any]) -> tuple[AttributeDiff, ...]:
    before = change.get("before") or {}
    after = change.get("after") or {}
    unknown = change.get("after_unknown") or {}
    names = sorted(set(before) | set(after))
    diffs = []
    for name in names:
        after_value = _UNKNOWN if unknown.get(name) is True else after.get(name)
        if before.get(name) != after_value:
            diffs.append(AttributeDiff(name, before.get(name), after_value))
    return tuple(diffs)


def resource_changes(plan: dict[str, Any]) -> list[ResourceChange]:
    """Every managed-resource change in a ``terraform show -json`` plan document."""
    changes = []
    for entry in plan.get("resource_changes", []):
        if entry.get("mode") != "managed":
            continue
        change = entry["change"]
        importing = change.get("importing")
        changes.append(ResourceChange(
            address=entry["address"], type=entry["type"], actions=tuple(change.get("actions", [])),
            importing_id=(importing or {}).get("id") if importing is not None else None,
            diffs=_diffs(change),
            replace_paths=tuple(".".join(str(p) for p in path) for path in entry.get("change", {}).get(
                "replace_paths", []) or entry.get("replace_paths", []) or []),
        ))
    return changes
