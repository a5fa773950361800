"""What a batch changes in state besides imports (batch 1: the plan's moves and forgets), the
checks verify and apply make before any Terraform run, and when a batch counts as done."""

from __future__ import annotations

from typing import Mapping

from importer.ids import TfAddress
from importer.plan import ImportPlan, PlanError
from importer.plan_contract import check_against_state
from importer.plan_records import KEEP, PlanReader
from importer.state.reader import TerraformState

__all__ = ["forgotten_resources", "not_done", "preflight", "state_after_moves"]


def forgotten_resources(plan: ImportPlan) -> frozenset[str]:
    """The resources (no keys anywhere, what a ``removed`` block names) the plan forgets."""
    return frozenset(TfAddress.parse(orphan.address).unkeyed for orphan in plan.forgets)


def _unkeyed(address: str) -> str:
    try:
        return TfAddress.parse(address).unkeyed
    except ValueError:
        return address


def not_done(plan: ImportPlan, batch: int, addresses: frozenset[str] | set[str]) -> list[str]:
    """What of ``batch`` the state (its instance ``addresses``) does not show yet: imports not in
    it, and for batch 1 moves that have not landed (``to`` missing or ``from`` still there) and
    forgotten resources with instances left. Empty: the batch is done."""
    _, imports = plan.selection(batch)
    missing = [planned.address for planned in imports if planned.address not in addresses]
    if batch != 1:
        return missing
    missing += [f"{move.from_} -> {move.to}" for move in plan.moved
                if move.to not in addresses or move.from_ in addresses]
    forgotten = forgotten_resources(plan)
    missing += sorted(f"{address} (forget)" for address in addresses if _unkeyed(address) in forgotten)
    return missing


def state_after_moves(resources: Mapping[str, str], plan: ImportPlan) -> dict[str, str]:
    """``resources`` (address -> id) after batch 1's moves and forgets: moved entries at their new
    address, then every remaining instance of a forgotten resource gone (Terraform moves first)."""
    after = dict(resources)
    for move in plan.moved:
        if move.from_ in after:
            after[move.to] = after.pop(move.from_)
    forgotten = forgotten_resources(plan)
    return {address: id_ for address, id_ in after.items() if _unkeyed(address) not in forgotten}


def preflight(plan: ImportPlan, state: TerraformState) -> None:
    """Refuse, before any Terraform run (PlanError naming the plan file), a plan with orphans still
    decided ``keep`` (the full plan would destroy them) or importing an object the state holds at
    another address (a hand edit: one object, two addresses)."""
    kept = [orphan.address for orphan in plan.orphaned if orphan.decision == KEEP]
    if kept:
        shown = ", ".join(kept[:5]) + (f" and {len(kept) - 5} more" if len(kept) > 5 else "")
        name, it = plan.origin.rsplit("/", 1)[-1], "them" if len(kept) > 1 else "it"
        raise PlanError(f"{plan.origin}: {shown} in state but not in the code (decided \"keep\"): set \"decision\": "
                        f"\"forget\" for {shown} in {name} (Terraform forgets {it}, AWS keeps {it}), or add "
                        f"{it} to the code")
    check_against_state(plan, state.holders(), PlanReader(plan.origin).fail)
