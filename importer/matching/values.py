"""Turning desired values (literals, references, templates) into comparable live values."""

from __future__ import annotations

from typing import Any, Callable

from importer.desired.expressions import Reference, evaluate_template, is_literal, pure_reference
from importer.discovery.inventory import LiveObject

_PREFIX_BY_ATTRIBUTE = {"arn": "arn:", "url": "https://"}


def normalize(value: Any) -> Any:
    """Comparable form: numbers and booleans as strings, lists as sorted tuples."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return tuple(sorted(str(normalize(item)) for item in value))
    return value


def keys_of(live: LiveObject) -> set[str]:
    """Every identifier another object may use to point at ``live``."""
    return {live.import_id, *live.aliases}


def reference_forms(live: LiveObject, attribute: str) -> set[str]:
    """What a reference ``<resource>.<attribute>`` to ``live`` may be held as live: any of its
    identifiers (a name where code says ``.arn``, say), or exactly the value Terraform gives it."""
    value = attribute_of(live, attribute or "id")
    return keys_of(live) | ({str(value)} if isinstance(value, str) and value else set())


def attribute_of(live: LiveObject, attribute: str) -> Any:
    """The live value Terraform would give ``<resource>.<attribute>``, when discovery knows it
    (``id`` is the import ID unless the spec reads Terraform's ``id`` as an attribute: an ECS
    cluster is imported by name, its ``id`` is the ARN)."""
    for source in (live.identity, live.attributes):
        if source.get(attribute) is not None:
            return source[attribute]
    if attribute == "id":
        return live.import_id
    prefix = _PREFIX_BY_ATTRIBUTE.get(attribute)
    if prefix:
        return next((alias for alias in live.aliases if alias.startswith(prefix)), None)
    if attribute == "name":
        return next((alias for alias in live.aliases if not alias.startswith(("arn:", "https://"))), None)
    return None


def desired_value(value: Any, matched: Callable[[Reference], LiveObject | None]) -> Any:
    """The live value a desired attribute stands for, or None when it cannot be known yet
    (state writes unset strings as "", which counts as unset too)."""
    if value is None or value == "":
        return None
    if is_literal(value):
        return normalize(value)
    if isinstance(value, str):
        reference = pure_reference(value)
        if reference is not None:
            target = matched(reference)
            return None if target is None else normalize(attribute_of(target, reference.first_attribute or "id"))

        def resolve(ref: Reference) -> str | None:
            target = matched(ref)
            return None if target is None else attribute_of(target, ref.first_attribute or "id")

        return evaluate_template(value, resolve)
    return None


def desired_reference_keys(value: Any, matched: Callable[[Reference], LiveObject | None],
                           literal_keys: Callable[[str], set[str]] = lambda literal: {literal}) -> list[set[str]] | None:
    """For a reference attribute: one set of acceptable live identifiers per referenced element
    (a list attribute gives several); None when any element cannot be resolved."""
    elements = value if isinstance(value, list) else [value]
    result = []
    for element in elements:
        reference = pure_reference(element)
        if reference is None:
            if is_literal(element):
                result.append(literal_keys(str(element)))
                continue
            return None
        target = matched(reference)
        if target is None:
            return None
        result.append(reference_forms(target, reference.first_attribute))
    return result


def live_reference_matches(live_value: Any, wanted: list[set[str]]) -> bool:
    """True when the live reference value(s) point at exactly the wanted targets."""
    live_values = live_value if isinstance(live_value, list) else ([] if live_value is None else [live_value])
    if len(live_values) != len(wanted):
        return False
    remaining = list(wanted)
    for value in live_values:
        hit = next((index for index, keys in enumerate(remaining) if str(value) in keys), None)
        if hit is None:
            return False
        remaining.pop(hit)
    return True
