"""Terraform JSON expressions: ``${...}`` interpolations, the references inside them, and
templates that are only literals and plain references (which can be evaluated once the
referenced objects are known)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from importer.ids import TfAddress, TfType

_INTERPOLATION = re.compile(r"\$\{((?:[^{}]|\{[^{}]*\})*)\}")
_NAME = r"[A-Za-z_][A-Za-z0-9_-]*"
_KEY = r'\[(?:\d+|"(?:[^"\\]|\\.)*")\]'
# [module path][data.]type.name[key][.attribute path]: an instance address anywhere in a configuration
_REFERENCE = re.compile(
    rf"(?<![\w.\]])((?:module\.{_NAME}(?:{_KEY})?\.)*)(data\.)?([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\.({_NAME})({_KEY})?"
    r"((?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*)"
)
_PURE = re.compile(rf"^\s*{_REFERENCE.pattern}\s*$")
_LOCAL = re.compile(r"(?<![\w.])local\.([A-Za-z_][A-Za-z0-9_-]*)")


@dataclass(frozen=True)
class Reference:
    """``<address>.<attribute path>`` used in an expression (``data`` for data sources). The address
    is an instance address: ``module.a[0].aws_vpc.this.id`` and ``aws_subnet.b["x"].id`` carry their
    module path and key."""

    address: TfAddress
    attribute: str
    data: bool = False

    @property
    def first_attribute(self) -> str:
        """The top-level attribute (``master_user_secret`` of ``master_user_secret[0].secret_arn``)."""
        return re.split(r"[.\[]", self.attribute, maxsplit=1)[0] if self.attribute else ""


def _reference(match: re.Match) -> Reference | None:
    module, data, type_name, name, key, path = match.groups()
    if type_name in ("var", "local", "module", "each", "count", "path", "terraform", "self"):
        return None
    try:
        address = TfAddress.parse(f"{module}{type_name}.{name}{key or ''}")
    except ValueError:
        return None
    return Reference(address, path.lstrip("."), bool(data))


def interpolations(text: str) -> list[str]:
    """The expressions inside ``${...}`` of a string."""
    return _INTERPOLATION.findall(text)


def references_in(value: Any, path: str = "") -> Iterator[tuple[str, Reference]]:
    """(attribute path, reference) for every reference anywhere in a JSON value."""
    if isinstance(value, str):
        for expression in interpolations(value):
            for match in _REFERENCE.finditer(expression):
                reference = _reference(match)
                if reference:
                    yield path, reference
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "//":
                yield from references_in(item, f"{path}.{key}".lstrip("."))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from references_in(item, f"{path}[{index}]")


def locals_in(value: Any) -> set[str]:
    """The names of every local value (``local.<name>``) a JSON value refers to."""
    if isinstance(value, str):
        return {name for expression in interpolations(value) for name in _LOCAL.findall(expression)}
    if isinstance(value, dict):
        return set().union(*(locals_in(item) for key, item in value.items() if key != "//"))
    if isinstance(value, list):
        return set().union(*(locals_in(item) for item in value))
    return set()


def pure_reference(text: Any) -> Reference | None:
    """The reference when ``text`` is exactly one ``${<reference>}``, else None."""
    if not isinstance(text, str):
        return None
    found = interpolations(text)
    if len(found) != 1 or text.strip() != f"${{{found[0]}}}":
        return None
    match = _PURE.match(found[0])
    return _reference(match) if match else None


def is_literal(value: Any) -> bool:
    """True when a value holds no interpolation at all."""
    if isinstance(value, str):
        return "${" not in value
    if isinstance(value, dict):
        return all(is_literal(v) for k, v in value.items() if k != "//")
    if isinstance(value, list):
        return all(is_literal(v) for v in value)
    return True


def evaluate_template(text: str, resolve: Callable[[Reference], str | None]) -> str | None:
    """Evaluate a string of literals and plain references; None when any part cannot be known
    (a function call, an unresolvable reference)."""
    result, position = [], 0
    for match in _INTERPOLATION.finditer(text):
        pure = _PURE.match(match.group(1))
        reference = _reference(pure) if pure else None
        value = resolve(reference) if reference else None
        if value is None:
            return None
        result.append(text[position:match.start()])
        result.append(str(value))
        position = match.end()
    result.append(text[position:])
    return "".join(result)
