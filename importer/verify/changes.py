"""Read Terraform's JSON plan: what each resource change does and which attributes differ.

Secrets never leave this module: a value that Terraform marks sensitive (``before_sensitive`` /
``after_sensitive``, at any depth) or that the sensitive-attribute data names for the type is
replaced by ``SENSITIVE`` in every diff, and the diff lists where a secret differs instead."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

from importer.discovery.inventory import sensitive_path
from importer.specs.facts import all_facts

_UNKNOWN = "(known after apply)"
SENSITIVE = "(sensitive)"
# Arguments that import leaves empty although AWS reports the same value under another attribute:
# the plan sets them, but the code's value is what is live (the types' ``live_equivalents`` facts).
LIVE_EQUIVALENTS: dict[str, Mapping[str, str]] = {
    type_name: facts.live_equivalents for type_name, facts in all_facts().items() if facts.live_equivalents}

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class AttributeDiff:
    """One top-level attribute whose planned value differs from the prior one. ``before`` and
    ``after`` are redacted; ``sensitive`` names the secret parts that differ (the attribute
    itself, or paths inside it such as ``environment[0].variables.TOKEN``)."""

    name: str
    before: Any
    after: Any
    sensitive: tuple[str, ...] = ()
    same_document: bool = False  # both are JSON texts of the same document (judged on the real values)
    live_equivalent: str = ""  # a live attribute that already holds the code's value (see LIVE_EQUIVALENTS)


@dataclass(frozen=True)
class ResourceChange:
    """One entry of ``resource_changes``: its actions, whether it imports, what differs."""

    address: str
    type: str
    actions: tuple[str, ...]
    importing_id: str | None
    diffs: tuple[AttributeDiff, ...] = field(default=())
    replace_paths: tuple[str, ...] = field(default=())
    previous_address: str | None = None  # set when a ``moved`` block moves the state entry here
    tags_all_known: bool = False  # the type has ``tags_all`` and its planned value is known on both sides

    @property
    def is_pure_import(self) -> bool:
        """An import that changes nothing (``no-op`` with ``importing`` set)."""
        return self.importing_id is not None and self.actions in (("no-op",), ("read",))

    @property
    def is_noop(self) -> bool:
        """No action at all and no import."""
        return self.importing_id is None and self.actions in (("no-op",), ("read",))


def _marked(mirror: Any, path: Path) -> bool:
    """Whether Terraform's sensitivity mirror (a bool, or a structure of bools shaped like the
    value) marks ``path`` or any part above it."""
    node = mirror
    for key in path:
        if node is True:
            return True
        if isinstance(node, dict) and isinstance(key, str):
            node = node.get(key, False)
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            node = node[key]
        else:
            return False
    return node is True


def _marks(*mirrors: Any) -> Callable[[Path], bool]:
    return lambda path: any(_marked(mirror, path) for mirror in mirrors)


def sensitivity(resource_type: str, *mirrors: Any) -> Callable[[Path], bool]:
    """``path -> is it secret`` for one resource: Terraform's marks (any mirror) or the data."""
    marked = _marks(*mirrors)
    return lambda path: marked(path) or sensitive_path(resource_type, path)


_CONTAINED_FROM = 8  # a secret this long is also masked where it is part of a longer text


@dataclass(frozen=True)
class Secrets:
    """What is secret in one resource change: its secret paths, and the secret texts the
    configuration brought into the plan (:func:`plan_secrets`). Terraform drops its marks on values
    the provider derives (``tags_all`` from a ``tags`` fed by a sensitive variable): a copy of such
    a text is masked wherever it shows up."""

    paths: Callable[[Path], bool]
    texts: frozenset[str] = frozenset()

    def at(self, path: Path, *values: Any) -> bool:
        """Whether ``path`` is secret, or any of its ``values`` holds a secret text."""
        return self.paths(path) or any(self._holds_secret(value) for value in values)

    def _holds_secret(self, value: Any) -> bool:
        return isinstance(value, str) and any(
            value == text or (len(text) >= _CONTAINED_FROM and text in value) for text in self.texts)


def path_text(path: Sequence[str | int]) -> str:
    """``("environment", 0, "variables", "TOKEN")`` -> ``environment[0].variables.TOKEN``."""
    text = str(path[0])
    for key in path[1:]:
        text += f"[{key}]" if isinstance(key, int) else f".{key}"
    return text


def _secret_texts(value: Any, path: Path, secret: Callable[[Path], bool], inside: bool = False) -> set[str]:
    inside = inside or secret(path)
    if isinstance(value, dict):
        return {text for key, item in value.items() for text in _secret_texts(item, (*path, key), secret, inside)}
    if isinstance(value, list):
        return {text for index, item in enumerate(value)
                for text in _secret_texts(item, (*path, index), secret, inside)}
    return {value} if inside and isinstance(value, str) and value and value != _UNKNOWN else set()


def _configured_marks(resource_type: str, change: dict[str, Any]) -> Callable[[Path], bool]:
    marked = _marks(change.get("before_sensitive"), change.get("after_sensitive"))
    return lambda path: marked(path) and not sensitive_path(resource_type, path)


def plan_secrets(plan: dict[str, Any]) -> frozenset[str]:
    """The secret texts the configuration brings into a plan: the values of the variables it
    declares sensitive, and the values Terraform marks where the sensitive data does not name the
    attribute (marks that came from the configuration), with their JSON-escaped forms. Marks the
    provider puts on every value of an attribute (an SSM String parameter's ``value``) are masked
    by path only: copying those texts would hide unrelated parts of the plan."""
    texts: set[str] = set()
    for entry in plan.get("resource_changes", []):
        change = entry.get("change") or {}
        configured = _configured_marks(entry.get("type", ""), change)
        for side in ("before", "after"):
            for name, value in (change.get(side) or {}).items():
                texts |= _secret_texts(value, (name,), configured)
    declared = ((plan.get("configuration") or {}).get("root_module") or {}).get("variables") or {}
    for name, variable in (plan.get("variables") or {}).items():
        if (declared.get(name) or {}).get("sensitive"):
            texts |= _secret_texts((variable or {}).get("value"), ("value",), lambda path: True)
    return frozenset(texts | {json.dumps(text)[1:-1] for text in texts})


def mask(value: Any, path: Path, secrets: Secrets) -> Any:
    """``value`` with every secret part (not null) replaced by ``SENSITIVE``."""
    if secrets.at(path, value):
        return None if value is None else SENSITIVE
    if isinstance(value, dict):
        return {key: mask(item, (*path, key), secrets) for key, item in value.items()}
    if isinstance(value, list):
        return [mask(item, (*path, index), secrets) for index, item in enumerate(value)]
    return value


def secret_differences(before: Any, after: Any, path: Path, secrets: Secrets) -> list[Path]:
    """The topmost secret paths under ``path`` whose values differ between ``before`` and ``after``."""
    if secrets.at(path, before, after):
        return [path] if before != after else []
    if isinstance(before, dict) or isinstance(after, dict):
        before_map = before if isinstance(before, dict) else {}
        after_map = after if isinstance(after, dict) else {}
        return [found for key in sorted(set(before_map) | set(after_map))
                for found in secret_differences(before_map.get(key), after_map.get(key), (*path, key), secrets)]
    if isinstance(before, list) or isinstance(after, list):
        before_list = before if isinstance(before, list) else []
        after_list = after if isinstance(after, list) else []
        return [found for index in range(max(len(before_list), len(after_list)))
                for found in secret_differences(before_list[index] if index < len(before_list) else None,
                                                after_list[index] if index < len(after_list) else None,
                                                (*path, index), secrets)]
    return []


def _same_document(before: Any, after: Any) -> bool:
    if not (isinstance(before, str) and isinstance(after, str)):
        return False
    try:
        return json.loads(before) == json.loads(after)
    except (json.JSONDecodeError, TypeError):
        return False


def _diffs(resource_type: str, change: dict[str, Any], texts: frozenset[str]) -> tuple[AttributeDiff, ...]:
    before = change.get("before") or {}
    after = change.get("after") or {}
    unknown = change.get("after_unknown") or {}
    secret = Secrets(sensitivity(resource_type, change.get("before_sensitive"), change.get("after_sensitive")), texts)
    diffs = []
    for name in sorted(set(before) | set(after)):
        after_value = _UNKNOWN if unknown.get(name) is True else after.get(name)
        if before.get(name) == after_value:
            continue
        hidden = secret_differences(before.get(name), after.get(name), (name,), secret)
        # a part secret on one side only (a copy of a marked text) is masked on both
        both = Secrets(lambda path, hidden=frozenset(hidden): path in hidden or secret.paths(path), texts)
        diffs.append(AttributeDiff(
            name, mask(before.get(name), (name,), both),
            _UNKNOWN if after_value == _UNKNOWN else mask(after_value, (name,), both),
            tuple(path_text(path) for path in hidden), _same_document(before.get(name), after_value),
            _live_equivalent(resource_type, name, before, after_value)))
    return tuple(diffs)


def _live_equivalent(resource_type: str, name: str, before: dict[str, Any], after_value: Any) -> str:
    """The live attribute that holds exactly the code's value of ``name``, or ""."""
    equivalent = LIVE_EQUIVALENTS.get(resource_type, {}).get(name, "")
    return equivalent if equivalent and after_value not in (None, "") and before.get(equivalent) == after_value else ""


def _tags_all_known(change: dict[str, Any]) -> bool:
    """Whether both sides hold ``tags_all`` (the provider sends tags to AWS from it) and it is not
    left unknown until apply."""
    before, after = change.get("before") or {}, change.get("after") or {}
    unknown = change.get("after_unknown") or {}
    return isinstance(before, dict) and isinstance(after, dict) and "tags_all" in before and "tags_all" in after \
        and not unknown.get("tags_all")


def resource_changes(plan: dict[str, Any]) -> list[ResourceChange]:
    """Every managed-resource change in a ``terraform show -json`` plan document, redacted."""
    texts = plan_secrets(plan)
    changes = []
    for entry in plan.get("resource_changes", []):
        if entry.get("mode") != "managed":
            continue
        change = entry["change"]
        importing = change.get("importing")
        changes.append(ResourceChange(
            address=entry["address"], type=entry["type"], actions=tuple(change.get("actions", [])),
            importing_id=(importing or {}).get("id") if importing is not None else None,
            diffs=_diffs(entry["type"], change, texts),
            replace_paths=tuple(".".join(str(p) for p in path) for path in entry.get("change", {}).get(
                "replace_paths", []) or entry.get("replace_paths", []) or []),
            previous_address=entry.get("previous_address") or None,
            tags_all_known=_tags_all_known(change),
        ))
    return changes
