"""The ImportPlan contract, checked whenever a plan is written or read back (edits included):

- every address and live ID is planned once, at an address of a type with a discovery spec;
- no import targets an object a state entry holds (managed, moved, orphaned, or another stack's):
  one live object, one address;
- each move goes between two addresses of the same type, from an address no other move uses,
  to an address that is neither managed nor imported; moves and forgets need a batch 1;
- the orphans of one resource share one decision (a ``removed`` block forgets them all);
- each import's dependencies are managed, moved, imported in an earlier batch, or members of the
  same listed cycle in the same batch.
Every refusal names the plan file, the place and the value."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, NoReturn

from importer.classes import ResourceClass
from importer.ids import TfAddress
from importer.specs import registry

if TYPE_CHECKING:
    from importer.plan import ImportPlan

Fail = Callable[[str], NoReturn]


def parse_address(text: str, fail: Fail, where: str) -> TfAddress:
    """A resource instance address, or a refusal that says why not."""
    try:
        return TfAddress.parse(text)
    except ValueError:
        fail(f"{where}: {text!r} is not a resource address (<type>.<name>, with module path and key if any)")


def _held(plan: "ImportPlan", fail: Fail) -> dict[tuple[str, str], str]:
    """(type, id) -> the state address (or ``stack:address``) holding it, from the plan's own lists."""
    held: dict[tuple[str, str], str] = {}
    for entry in plan.managed:
        held[(str(parse_address(entry.address, fail, ResourceClass.MANAGED.field).type), entry.id)] = entry.address
    for orphan in plan.orphaned:
        address = parse_address(orphan.address, fail, ResourceClass.ORPHANED.field)
        if orphan.id:
            held[(str(address.type), orphan.id)] = orphan.address
    for move in plan.moved:
        held[(str(parse_address(move.from_, fail, ResourceClass.MOVED.field).type), move.id)] = move.from_
    for entry in plan.managed_elsewhere:
        held[(entry.type, entry.id)] = f"{entry.address} (stack {entry.stack})"
    return held


def _check_moves(plan: "ImportPlan", fail: Fail, managed: set[str]) -> None:
    sources: set[str] = set()
    targets: set[str] = set()
    for number, move in enumerate(plan.moved):
        where = f"moved[{number}]"
        source, target = parse_address(move.from_, fail, where), parse_address(move.to, fail, where)
        if source.type != target.type:
            fail(f"{where}: {move.from_} -> {move.to} changes the type, which Terraform cannot move: forget "
                 f"{move.from_}, apply, then plan again to import {move.to}")
        if move.from_ in sources or move.to in targets:
            fail(f"{where}: {move.from_ if move.from_ in sources else move.to} is in two moves")
        if move.to in managed:
            fail(f"{where}: {move.to} is managed already, so nothing can move to it")
        sources.add(move.from_)
        targets.add(move.to)
    if (plan.moved or plan.forgets) and not plan.batches:
        fail("moves and forgets are applied with batch 1, but the plan has no batches (add "
             "{\"index\": 1, \"imports\": []})")


def _check_orphans(plan: "ImportPlan", fail: Fail) -> None:
    decisions: dict[str, tuple[str, str]] = {}
    for orphan in plan.orphaned:
        resource = parse_address(orphan.address, fail, ResourceClass.ORPHANED.field).unkeyed
        first = decisions.setdefault(resource, (orphan.address, orphan.decision))
        if first[1] != orphan.decision:
            fail(f"orphaned: {first[0]} is \"{first[1]}\" but {orphan.address} is \"{orphan.decision}\": a "
                 f"removed block forgets every instance of {resource}, so decide them alike")


def check_plan(plan: "ImportPlan", fail: Fail) -> None:
    """Hold ``plan`` to the contract above; ``fail`` raises the refusal."""
    managed = {entry.address for entry in plan.managed} | {entry.address for entry in plan.id_mismatch}
    _check_moves(plan, fail, managed)
    _check_orphans(plan, fail)
    held = _held(plan, fail)
    settled = managed | {move.to for move in plan.moved}
    cycle_of: dict[str, int] = {}
    for number, cycle in enumerate(plan.cycles):
        for address in cycle.addresses:
            if cycle_of.setdefault(address, number) != number:
                fail(f"{address} is listed in two cycles (cycles[{cycle_of[address]}] and cycles[{number}])")
    specs = registry()
    earlier: set[str] = set()
    seen_ids: set[tuple[str, str]] = set()
    for index, batch in enumerate(plan.batches, start=1):
        here: set[str] = set()
        for planned in batch:
            where = f"batch {index}: {planned.address}"
            address = parse_address(planned.address, fail, f"batch {index}")
            if planned.address in earlier or planned.address in here or planned.address in settled:
                fail(f"{where} is planned twice")
            if (planned.type, planned.id) in seen_ids:
                fail(f"{where}: live {planned.type} {planned.id!r} is planned for two addresses")
            holder = held.get((planned.type, planned.id))
            if holder is not None:
                fail(f"{where}: live {planned.type} {planned.id!r} is held by state address {holder}; importing it "
                     "again would give one object two addresses (a move, not an import: run plan again)")
            here.add(planned.address)
            seen_ids.add((planned.type, planned.id))
            if str(address.type) != planned.type:
                fail(f"{where}: type {planned.type!r} is not the address's type {str(address.type)!r}")
            if planned.type not in specs:
                fail(f"{where}: no discovery spec for type {planned.type!r}, so it cannot be imported here")
            if not planned.id.strip():
                fail(f"{where}: the import ID is empty")
        for planned in batch:
            for dependency in planned.depends_on:
                if dependency in settled or dependency in earlier:
                    continue
                if dependency not in here:
                    fail(f"batch {index}: {planned.address} depends on {dependency}, which is neither managed "
                         "nor imported in an earlier batch")
                if cycle_of.get(dependency, -1) != cycle_of.get(planned.address, -2):
                    fail(f"batch {index}: {planned.address} depends on {dependency} in the same batch, but no "
                         "listed cycle holds both (only a reference cycle's members may share a batch)")
        earlier |= here


def check_against_state(plan: "ImportPlan", holders: dict[tuple[str, str], TfAddress], fail: Fail) -> None:
    """Refuse imports of objects the real state holds at another address (``holders``: (type,
    id) -> address, ``TerraformState.holders()``), however the plan was edited."""
    for index, batch in enumerate(plan.batches, start=1):
        for planned in batch:
            holder = holders.get((planned.type, planned.id))
            if holder is not None and str(holder) != planned.address:
                fail(f"batch {index}: {planned.address}: live {planned.type} {planned.id!r} is held by state address "
                     f"{holder}; importing it again would give one object two addresses (run plan again: it "
                     "becomes a move)")
