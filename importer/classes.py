"""The resource classes: every resource in code, state or the live account ends in exactly one.
This module is the only place their names are spelled (checked by tests/unit/test_classes.py)."""

from __future__ import annotations

from enum import StrEnum


class ResourceClass(StrEnum):
    """One class of the ImportPlan, with what it means and whether a decision is due for it."""

    explanation: str
    pending: bool

    def __new__(cls, value: str, explanation: str, pending: bool) -> "ResourceClass":
        member = str.__new__(cls, value)
        member._value_ = value
        member.explanation = explanation
        member.pending = pending
        return member

    MANAGED = "managed", "in state and live: nothing to do", False
    IMPORT = "import", "in code and live, not in state: imported in the batches below", False
    CREATE = "create", "in code, not live: a plan would create it (not part of any import batch)", False
    AMBIGUOUS = ("ambiguous", "several live candidates: reported, never guessed (edit plan.json to decide)", True)
    ID_MISMATCH = "id-mismatch", "state holds another ID than the live object the code describes", True
    STALE = "stale", "in state, gone live: a plan would create it again", False
    MOVED = ("moved", "in state at another address of the same type: moved to its address in code (a Terraform "
             "moved block, applied with batch 1)", False)
    ORPHANED = ("orphaned", "in state, not in code: kept until you decide (\"decision\": \"forget\" in plan.json "
                "forgets it, AWS keeps it); never destroyed", True)
    UNMANAGED = "unmanaged", "live, not in code: left alone", False
    MANAGED_ELSEWHERE = ("managed-elsewhere", "live, held by another stack's state: left to that stack, never "
                         "matched here", False)
    BLOCKED = ("blocked", "live, but references something that is not live yet: imported after that exists", True)
    UNSUPPORTED = ("unsupported", "no discovery spec for its type, or a count/for_each block (instances not "
                   "expanded): by hand", True)

    @property
    def field(self) -> str:
        """Its key in plan.json (``id-mismatch`` -> ``id_mismatch``)."""
        return self.value.replace("-", "_")


PENDING = tuple(kind for kind in ResourceClass if kind.pending)  # a decision is due for each
