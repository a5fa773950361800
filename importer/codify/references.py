"""References instead of literal IDs: a value (or list element, or exact identifier inside a
string such as a policy document) EQUAL to the import ID, ARN, URL or (where a spec declares the
reference by name) name of an object in code or codified in the same run becomes a Reference to
that object's attribute. Exact identifiers only; a value two objects share stays literal (never a
guess), and so does an edge that would close a reference cycle among codified resources."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from importer.codify.clean import identifier_attributes
from importer.codify.model import Reference, Template
from importer.specs import registry

_NEVER = frozenset({"tags", "tags_all"})
# identifiers safe to find anywhere (not names): ARNs, URLs, AWS-generated IDs
_ID_LIKE = re.compile(r"^(arn:[^\s]+|https?://\S+|[a-z][a-z0-9]*-[0-9a-f]{8,})$")


@dataclass(frozen=True)
class Target:
    """An object a reference may point at: its address (in code or codified), type, and the
    identifier values it exposes (attribute -> value; ``id`` holds the import ID)."""

    address: str
    tf_type: str
    identifiers: Mapping[str, str] = field(default_factory=dict)


def target_identifiers(import_id: str, attributes: Mapping[str, Any]) -> dict[str, str]:
    """attribute -> value for the identifier attributes a live object exposes, ``id`` = import ID."""
    found = {name: attributes[name] for name in identifier_attributes()
             if isinstance(attributes.get(name), str) and attributes[name]}
    found["id"] = import_id
    return found


def declared_references() -> set[tuple[str, str, str]]:
    """(source type, argument, target type) for every reference the specs declare."""
    return {(spec.type, reference.attribute, reference.target)
            for spec in registry().values() for reference in spec.references}


class _Index:
    def __init__(self, targets: Iterable[Target]) -> None:
        self.by_value: dict[str, list[tuple[Target, str]]] = {}
        order = identifier_attributes()
        for target in targets:
            seen: dict[str, str] = {}
            for name in sorted(target.identifiers, key=lambda n: order.index(n) if n in order else len(order)):
                seen.setdefault(target.identifiers[name], name)
            for value, name in seen.items():
                self.by_value.setdefault(value, []).append((target, name))
        self.findable = sorted((v for v in self.by_value if _ID_LIKE.match(v)), key=lambda v: (-len(v), v))


def resolve(source_address: str, tf_type: str, arguments: Mapping[str, Any], targets: Iterable[Target],
            declared: set[tuple[str, str, str]], forbidden: frozenset[str] = frozenset()) -> dict[str, Any]:
    """``arguments`` with every exact identifier of a target replaced by a Reference/Template;
    targets at ``forbidden`` addresses (and the source itself) are never referenced."""
    index = _Index(t for t in targets if t.address != source_address and t.address not in forbidden)
    return {name: value if name in _NEVER else _walk(value, name, tf_type, index, declared)
            for name, value in arguments.items()}


def _choose(value: str, argument: str, tf_type: str, index: _Index,
            declared: set[tuple[str, str, str]]) -> Reference | None:
    candidates = index.by_value.get(value, [])
    by_declaration = [c for c in candidates if (tf_type, argument, c[0].tf_type) in declared]
    if by_declaration:
        candidates = by_declaration
    elif not (_ID_LIKE.match(value)):
        return None  # a name: only where a spec declares the reference
    if len({c[0].address for c in candidates}) != 1:
        return None  # none, or shared by two objects: stays literal
    target, attribute = candidates[0]
    return Reference(target.address, attribute)


def _walk(value: Any, argument: str, tf_type: str, index: _Index, declared) -> Any:
    if isinstance(value, list):
        return [_walk(item, argument, tf_type, index, declared) for item in value]
    if isinstance(value, dict):
        return {key: _walk(item, argument, tf_type, index, declared) for key, item in value.items()}
    if not isinstance(value, str) or not value:
        return value
    whole = _choose(value, argument, tf_type, index, declared)
    if whole is not None:
        return whole
    return _embedded(value, argument, tf_type, index, declared)


def _embedded(text: str, argument: str, tf_type: str, index: _Index, declared) -> Any:
    """A Template when exact identifiers sit inside ``text`` (longest first, word boundaries)."""
    spans: list[tuple[int, int, Reference]] = []
    for value in index.findable:
        if len(value) >= len(text) or value not in text:
            continue
        reference = _choose(value, argument, tf_type, index, declared)
        if reference is None:
            continue
        for match in re.finditer(r"(?<![A-Za-z0-9_.\-:/])" + re.escape(value) + r"(?![A-Za-z0-9_\-])", text):
            if not any(s < match.end() and match.start() < e for s, e, _ in spans):
                spans.append((match.start(), match.end(), reference))
    if not spans:
        return text
    parts: list[Any] = []
    position = 0
    for start, end, reference in sorted(spans):
        if start > position:
            parts.append(text[position:start])
        parts.append(reference)
        position = end
    if position < len(text):
        parts.append(text[position:])
    return Template(tuple(parts))


def references_of(value: Any) -> Iterable[Reference]:
    """Every Reference inside a value (Templates included)."""
    if isinstance(value, Reference):
        yield value
    elif isinstance(value, Template):
        yield from value.references()
    elif isinstance(value, list):
        for item in value:
            yield from references_of(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from references_of(item)


def find_cycle(edges: Mapping[str, set[str]]) -> list[str] | None:
    """One cycle (addresses in order) of the directed graph ``edges``, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for successor in sorted(edges.get(node, ())):
            if state.get(successor) == 1:
                return stack[stack.index(successor):]
            if successor not in state:
                found = visit(successor)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None
