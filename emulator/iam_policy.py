"""The one IAM identity-policy statement matcher, shared by the emulator's enforcement
(``fidelity/iam_enforcement.py``, inside moto's own decision: Allow/Deny/neutral per statement)
and the tests' policy simulator (``tests/policy/simulate.py``, which adds the decision over
documents): IAM wildcards, ``Action``/``NotAction``, ``Resource``/``NotResource`` and condition
operators.

``strict`` says what happens to what is not modelled (policy variables, unknown operators, a
multi-valued key without a set operator, a statement with neither or both of a field and its
``Not`` form): strict raises PolicyError, so a test never passes by accident; lenient (the
emulator, answering a request) treats policy variables literally, an unknown condition as not
satisfied and a malformed field as not matching, so what is not understood never allows.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Mapping


class PolicyError(ValueError):
    """The policy uses something this evaluator does not model (strict mode)."""


def as_list(value: Any) -> list:
    """A policy value that may be one item or a list, as a list."""
    return [value] if isinstance(value, (str, bool)) else list(value or [])


def glob_match(pattern: str, value: str, *, ignore_case: bool = False, strict: bool = False) -> bool:
    """IAM wildcard match: ``*`` any run of characters (colons and slashes included), ``?`` one,
    everything else literal; strict refuses policy variables (``${...}``)."""
    if strict and "${" in pattern:
        raise PolicyError(f"policy variables are not simulated: {pattern}")
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    flags = (re.IGNORECASE | re.DOTALL) if ignore_case else re.DOTALL
    return re.fullmatch(regex, value, flags) is not None


def _arn_like(pattern: str, value: str, strict: bool) -> bool:
    """ArnLike: six colon-separated parts, each matched with wildcards (the last keeps its colons)."""
    parts, values = pattern.split(":", 5), value.split(":", 5)
    return len(parts) == len(values) == 6 and all(glob_match(p, v, strict=strict) for p, v in zip(parts, values))


_MATCHERS: dict[str, Callable[[str, str, bool], bool]] = {
    "StringEquals": lambda p, v, strict: p == v,
    "StringEqualsIgnoreCase": lambda p, v, strict: p.lower() == v.lower(),
    "StringLike": lambda p, v, strict: glob_match(p, v, strict=strict),
    "ArnEquals": _arn_like,
    "ArnLike": _arn_like,
    "Bool": lambda p, v, strict: str(p).lower() == str(v).lower(),
}
_NEGATED = {"StringNotEquals": "StringEquals", "StringNotEqualsIgnoreCase": "StringEqualsIgnoreCase",
            "StringNotLike": "StringLike", "ArnNotEquals": "ArnEquals", "ArnNotLike": "ArnLike"}


def _lookup(context: Mapping[str, Any], key: str) -> list[str] | None:
    """Context values of ``key`` (condition keys are case-insensitive), None when absent."""
    for name, value in context.items():
        if name.lower() == key.lower():
            return [str(v) for v in as_list(value)]
    return None


def _operator_holds(operator: str, key: str, wanted: list[Any], context: Mapping[str, Any], strict: bool) -> bool:
    qualifier, _, name = operator.rpartition(":")
    if qualifier not in ("", "ForAnyValue", "ForAllValues"):
        raise PolicyError(f"unknown condition set operator {qualifier!r}")
    present = _lookup(context, key)
    if name == "Null":
        if qualifier:
            raise PolicyError("Null takes no set operator")
        return all((present is None) == (str(w).lower() == "true") for w in wanted)
    if_exists = name.endswith("IfExists")
    base = name[: -len("IfExists")] if if_exists else name
    negated = base in _NEGATED
    matcher = _MATCHERS.get(_NEGATED.get(base, base))
    if matcher is None:
        raise PolicyError(f"unknown condition operator {operator!r}")

    def one(value: str) -> bool:
        hit = any(matcher(str(w), value, strict) for w in wanted)
        return not hit if negated else hit

    if present is None:
        if qualifier == "ForAllValues":
            return True
        return if_exists or (negated and not qualifier)
    if qualifier == "ForAllValues":
        return all(one(v) for v in present)
    if qualifier == "ForAnyValue":
        return any(one(v) for v in present)
    if len(present) != 1:
        raise PolicyError(f"{key} has several values: use ForAnyValue or ForAllValues")
    return one(present[0])


def conditions_hold(condition: Mapping[str, Mapping[str, Any]] | None, context: Mapping[str, Any], *,
                    strict: bool = True) -> bool:
    """Every operator, every key within it (AND); any listed value per key (OR). Lenient: what is
    not modelled is not satisfied."""
    try:
        return all(_operator_holds(operator, key, as_list(wanted), context, strict)
                   for operator, keys in (condition or {}).items() for key, wanted in keys.items())
    except PolicyError:
        if strict:
            raise
        return False


def field_matches(statement: Mapping[str, Any], field: str, value: str, *, ignore_case: bool,
                  strict: bool = True) -> bool:
    """Whether ``field`` (``Action``, ``Resource``) or its ``Not`` form covers ``value``. Lenient:
    ``Not<field>`` wins when both are given, and neither matches nothing."""
    negated = f"Not{field}"
    if strict and field in statement and negated in statement:
        raise PolicyError(f"{statement.get('Sid')}: both {field} and {negated}")
    if negated in statement:
        return not any(glob_match(p, value, ignore_case=ignore_case, strict=strict)
                       for p in as_list(statement[negated]))
    if field in statement:
        return any(glob_match(p, value, ignore_case=ignore_case, strict=strict) for p in as_list(statement[field]))
    if strict:
        raise PolicyError(f"{statement.get('Sid')}: neither {field} nor {negated}")
    return False


def statement_applies(statement: Mapping[str, Any], action: str, resource: str | None,
                      context: Mapping[str, Any] | None, *, strict: bool = True) -> bool:
    """True when ``statement`` covers the request. ``resource`` None: unknown (any ``Resource``
    matches: action-level enforcement); ``context`` None: unknown (conditions count as satisfied)."""
    if strict and statement.get("Effect") not in ("Allow", "Deny"):
        raise PolicyError(f"{statement.get('Sid')}: Effect must be Allow or Deny")
    return (field_matches(statement, "Action", action, ignore_case=True, strict=strict)
            and (resource is None or field_matches(statement, "Resource", resource, ignore_case=False, strict=strict))
            and (context is None or conditions_hold(statement.get("Condition"), context, strict=strict)))
