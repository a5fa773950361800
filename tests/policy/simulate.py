"""A small IAM identity-policy evaluator for tests: one request (action, resource ARN, context keys)
against policy documents, with IAM's rules: an explicit Deny wins; an Allow needs a matching Action
(or NotAction), a matching Resource (or NotResource) and every condition satisfied; otherwise the
request is implicitly denied. Unknown condition operators raise, so a test never passes by accident.

Not modelled: policy variables, resource policies, permission boundaries, SCPs, sessions.
Statements are matched by the emulator's IAM matcher (``emulator/iam_policy.py``) in strict mode:
one implementation of IAM's wildcards and conditions for the tests and the emulator's enforcement.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from emulator import iam_policy
from emulator.iam_policy import PolicyError as SimulationError, as_list

__all__ = ["ALLOW", "IMPLICIT_DENY", "EXPLICIT_DENY", "SimulationError", "Decision", "conditions_hold", "evaluate",
           "glob_match", "statement_applies"]

ALLOW, IMPLICIT_DENY, EXPLICIT_DENY = "allowed", "implicitDeny", "explicitDeny"


def glob_match(pattern: str, value: str, *, ignore_case: bool = False) -> bool:
    """IAM wildcard match: ``*`` any run of characters (colons and slashes included), ``?`` one."""
    return iam_policy.glob_match(pattern, value, ignore_case=ignore_case, strict=True)


def conditions_hold(condition: Mapping[str, Mapping[str, Any]] | None, context: Mapping[str, Any]) -> bool:
    """Every operator, every key within it (AND); any listed value per key (OR)."""
    return iam_policy.conditions_hold(condition, context, strict=True)


def statement_applies(statement: Mapping[str, Any], action: str, resource: str, context: Mapping[str, Any]) -> bool:
    """True when ``statement`` covers the request (action, resource and conditions)."""
    return iam_policy.statement_applies(statement, action, resource, context, strict=True)


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
        for statement in [statements] if isinstance(statements, Mapping) else as_list(statements):
            if statement_applies(statement, action, resource, context):
                (denies if statement["Effect"] == "Deny" else allows).append(statement.get("Sid", "?"))
    if denies:
        return Decision(EXPLICIT_DENY, tuple(denies))
    return Decision(ALLOW, tuple(allows)) if allows else Decision(IMPLICIT_DENY)
