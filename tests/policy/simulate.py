"""A small IAM identity-policy evaluator for tests: one request (action, resource ARN, context keys)
against policy documents, with IAM's rules: an explicit Deny wins; an Allow needs a matching Action
(or NotAction), a matching Resource (or NotResource) and every condition satisfied; otherwise the
request is implicitly denied. Unknown condition operators raise, so a test never passes by accident.

Not modelled: policy variables, resource policies, permission boundaries, SCPs, sessions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping

ALLOW, IMPLICIT_DENY, EXPLICIT_DENY = "allowed", "implicitDeny", "explicitDeny"


class SimulationError(ValueError):
    """The policy uses something this simulator does not evaluate."""


def _as_list(value: Any) -> list:
    return [value] if isinstance(value, (str, bool)) else list(value or [])


def _glob(pattern: str, *, ignore_case: bool) -> re.Pattern:
    if "${" in pattern:
        raise SimulationError(f"policy variables are not simulated: {pattern}")
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.compile(regex, re.IGNORECASE | re.DOTALL if ignore_case else re.DOTALL)


def glob_match(pattern: str, value: str, *, ignore_case: bool = False) -> bool:
    """IAM wildcard match: ``*`` any run of characters (colons and slashes included), ``?`` one."""
    return _glob(pattern, ignore_case=ignore_case).fullmatch(value) is not None


def _arn_like(pattern: str, value: str) -> bool:
    """ArnLike: six colon-separated parts, each matched with wildcards (the last keeps its colons)."""
    parts, values = pattern.split(":", 5), value.split(":", 5)
    return len(parts) == len(values) == 6 and all(glob_match(p, v) for p, v in zip(parts, values))


_MATCHERS: dict[str, Callable[[str, str], bool]] = {
    "StringEquals": lambda p, v: p == v,
    "StringEqualsIgnoreCase": lambda p, v: p.lower() == v.lower(),
    "StringLike": lambda p, v: glob_match(p, v),
    "ArnEquals": _arn_like,
    "ArnLike": _arn_like,
    "Bool": lambda p, v: str(p).lower() == str(v).lower(),
}
_NEGATED = {"StringNotEquals": "StringEquals", "StringNotEqualsIgnoreCase": "StringEqualsIgnoreCase",
            "StringNotLike": "StringLike", "ArnNotEquals": "ArnEquals", "ArnNotLike": "ArnLike"}


def _lookup(context: Mapping[str, Any], key: str) -> list[str] | None:
    """Context values of ``key`` (condition keys are case-insensitive), None when absent."""
    for name, value in context.items():
        if name.lower() == key.lower():
            return [str(v) for v in _as_list(value)]
    return None


def _operator_holds(operator: str, key: str, wanted: list[Any], context: Mapping[str, Any]) -> bool:
    qualifier, _, name = operator.rpartition(":")
    if qualifier not in ("", "ForAnyValue", "ForAllValues"):
        raise SimulationError(f"unknown condition set operator {qualifier!r}")
    present = _lookup(context, key)
    if name == "Null":
        if qualifier:
            raise SimulationError("Null takes no set operator")
        return all((present is None) == (str(w).lower() == "true") for w in wanted)
    if_exists = name.endswith("IfExists")
    base = name[: -len("IfExists")] if if_exists else name
    negated = base in _NEGATED
    matcher = _MATCHERS.get(_NEGATED.get(base, base))
    if matcher is None:
        raise SimulationError(f"unknown condition operator {operator!r}")

    def one(value: str) -> bool:
        hit = any(matcher(str(w), value) for w in wanted)
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
        raise SimulationError(f"{key} has several values: use ForAnyValue or ForAllValues")
    return one(present[0])


def conditions_hold(condition: Mapping[str, Mapping[str, Any]] | None, context: Mapping[str, Any]) -> bool:
    """Every operator, every key within it (AND); any listed value per key (OR)."""
    return all(_operator_holds(operator, key, _as_list(wanted), context)
               for operator, keys in (condition or {}).items() for key, wanted in keys.items())


def _matches(statement: Mapping[str, Any], field: str, value: str, *, ignore_case: bool) -> bool:
    if field in statement and f"Not{field}" in statement:
        raise SimulationError(f"{statement.get('Sid')}: both {field} and Not{field}")
    if field in statement:
        return any(glob_match(p, value, ignore_case=ignore_case) for p in _as_list(statement[field]))
    if f"Not{field}" in statement:
        return not any(glob_match(p, value, ignore_case=ignore_case) for p in _as_list(statement[f"Not{field}"]))
    raise SimulationError(f"{statement.get('Sid')}: neither {field} nor Not{field}")


def statement_applies(statement: Mapping[str, Any], action: str, resource: str, context: Mapping[str, Any]) -> bool:
    """True when ``statement`` covers the request (action, resource and conditions)."""
    if statement.get("Effect") not in ("Allow", "Deny"):
        raise SimulationError(f"{statement.get('Sid')}: Effect must be Allow or Deny")
    return (_matches(statement, "Action", action, ignore_case=True)
            and _matches(statement, "Resource", resource, ignore_case=False)
            and conditions_hold(statement.get("Condition"), context))


@dataclass(frozen=True)
class Decision:
    """The outcome and the statements that decided it."""

    decision: str
    matched: tuple[str, ...] = ()

    @property
    def allowed(self) -> bool:
        """True only for an explicit Allow with no Deny."""
        return self.decision == ALLOW


def evaluate(documents: Mapping[str, Any] | Iterable[Mapping[str, Any]], action: str, resource: str,
             context: Mapping[str, Any] | None = None) -> Decision:
    """IAM's decision for one request against identity policies (one document or several)."""
    documents = [documents] if isinstance(documents, Mapping) else list(documents)
    context = context or {}
    allows, denies = [], []
    for document in documents:
        statements = document.get("Statement")
        for statement in [statements] if isinstance(statements, Mapping) else _as_list(statements):
            if statement_applies(statement, action, resource, context):
                (denies if statement["Effect"] == "Deny" else allows).append(statement.get("Sid", "?"))
    if denies:
        return Decision(EXPLICIT_DENY, tuple(denies))
    return Decision(ALLOW, tuple(allows)) if allows else Decision(IMPLICIT_DENY)
