"""The ImportPlan: the reviewable, editable result of ``plan`` (``imports/<stack>/plan.json``).
Later commands and ``IMPORT_BATCH`` synthesis read it back, edits included, after checking it:
every value has its JSON type, every refusal names the file and the offending value."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from importer.classes import PENDING, ResourceClass
from importer.ids import TfAddress
from importer.plan_records import (FORGET, KEEP, Ambiguous, Blocked, Cycle, Drift, IdMismatch, Managed,
                                   ManagedElsewhere, Move, Orphan, PlanError, PlanReader, Unmanaged, described)
from importer.plan_contract import check_plan

__all__ = ["Ambiguous", "Blocked", "Cycle", "Drift", "FORGET", "IdMismatch", "ImportPlan", "KEEP", "Managed",
           "ManagedElsewhere", "Move", "Orphan", "PlanError", "PlannedImport", "Unmanaged"]

C = ResourceClass
_LISTED = (C.MANAGED, C.MOVED, C.CREATE, C.UNMANAGED, C.MANAGED_ELSEWHERE, C.ORPHANED, C.STALE, C.AMBIGUOUS,
           C.ID_MISMATCH, C.BLOCKED, C.UNSUPPORTED)  # the classes plan.json lists by name, in its order


@dataclass(frozen=True)
class PlannedImport:
    """One import: where it goes, what it is, and what it needs first."""

    address: str
    type: str
    id: str
    depends_on: tuple[str, ...] = ()
    matched_by: str = ""


@dataclass
class ImportPlan:
    """Batches of imports plus every other class of resource (one field per class, named like its
    plan.json key). Each reference cycle's members share one batch; moves and forgets (orphans whose
    decision is ``forget``) are applied with batch 1. JSON only in to_dict/from_dict."""

    stack: str
    batches: list[list[PlannedImport]]
    managed: list[Managed] = field(default_factory=list)
    moved: list[Move] = field(default_factory=list)
    create: list[str] = field(default_factory=list)
    unmanaged: list[Unmanaged] = field(default_factory=list)
    managed_elsewhere: list[ManagedElsewhere] = field(default_factory=list)
    orphaned: list[Orphan] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    ambiguous: list[Ambiguous] = field(default_factory=list)
    id_mismatch: list[IdMismatch] = field(default_factory=list)
    blocked: list[Blocked] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)
    cycles: list[Cycle] = field(default_factory=list)
    drift: list[Drift] = field(default_factory=list)
    sources: dict[str, Any] = field(default_factory=dict)
    origin: str = field(default="plan.json", compare=False, repr=False)  # named in every refusal

    def count(self, kind: ResourceClass) -> int:
        """How many resources are in class ``kind``."""
        if kind is ResourceClass.IMPORT:
            return sum(len(batch) for batch in self.batches)
        return len(getattr(self, kind.field))

    def summary(self) -> dict[str, int]:
        """Counts per class, plus the number of batches."""
        return {kind.value: self.count(kind) for kind in ResourceClass} | {"batches": len(self.batches)}

    @property
    def has_work(self) -> bool:
        """True when there is anything to import, move or forget."""
        return any(self.batches) or bool(self.moved) or bool(self.forgets)

    @property
    def forgets(self) -> list[Orphan]:
        """The orphans decided ``forget``."""
        return [orphan for orphan in self.orphaned if orphan.decision == FORGET]

    @property
    def pending(self) -> dict[str, int]:
        """The classes that wait for a decision (ambiguous, id-mismatch, orphaned and kept, blocked,
        unsupported) and how many of each: never "nothing to do" while this is not empty."""
        counts = {kind.value: self.count(kind) for kind in PENDING}
        counts[C.ORPHANED.value] = sum(1 for orphan in self.orphaned if orphan.decision == KEEP)
        return {kind: count for kind, count in counts.items() if count}

    def state_blocks(self) -> dict[str, list[dict[str, Any]]]:
        """The ``moved`` and ``removed`` blocks batch 1 carries (Terraform JSON; a ``removed`` block
        names a resource without keys, and forgets every instance of it still in state once the
        moves are done). Both are no-ops once applied, so every later batch may carry them too."""
        blocks: dict[str, list[dict[str, Any]]] = {}
        if self.moved:
            blocks["moved"] = [{"from": move.from_, "to": move.to} for move in self.moved]
        forgotten = sorted({TfAddress.parse(orphan.address).unkeyed for orphan in self.forgets})
        if forgotten:
            blocks["removed"] = [{"from": address, "lifecycle": {"destroy": False}} for address in forgotten]
        return blocks

    def to_dict(self) -> dict[str, Any]:
        """The JSON document (see shared/plan.schema.json; extra fields are allowed)."""
        return {
            "stack": self.stack,
            "sources": self.sources,
            "summary": self.summary(),
            "batches": [{"index": index, "imports": [
                {"address": i.address, "type": i.type, "id": i.id, "depends_on": list(i.depends_on),
                 "matched_by": i.matched_by} for i in batch]} for index, batch in enumerate(self.batches, start=1)],
            **{kind.field: [_json(entry) for entry in getattr(self, kind.field)] for kind in _LISTED},
            "cycles": [cycle.to_dict() for cycle in self.cycles], "drift": [entry.to_dict() for entry in self.drift],
        }

    def to_json(self) -> str:
        """Deterministic, reviewable JSON."""
        return json.dumps(self.to_dict(), indent=2) + "\n"

    @classmethod
    def from_dict(cls, data: Any, source: str = "plan.json") -> "ImportPlan":
        """Read a (possibly hand-edited) plan and check it; raise PlanError naming ``source``, the
        place and the offending value."""
        read = PlanReader(source)
        if not isinstance(data, dict):
            read.fail(f"the top level must be an object, not {described(data)}")
        plan = cls(
            stack=read.value(data, "stack", str), batches=_read_batches(read, data),
            managed=read.records(data, C.MANAGED.field, Managed), moved=read.records(data, C.MOVED.field, Move, []),
            create=read.strings(data, C.CREATE.field), unmanaged=read.records(data, C.UNMANAGED.field, Unmanaged),
            managed_elsewhere=read.records(data, C.MANAGED_ELSEWHERE.field, ManagedElsewhere, []),
            orphaned=_read_orphans(read, data),
            stale=read.strings(data, C.STALE.field), ambiguous=read.records(data, C.AMBIGUOUS.field, Ambiguous),
            id_mismatch=read.records(data, C.ID_MISMATCH.field, IdMismatch, []),
            blocked=read.records(data, C.BLOCKED.field, Blocked, []),
            unsupported=read.strings(data, C.UNSUPPORTED.field, []),
            cycles=_read_cycles(read, data), drift=read.records(data, "drift", Drift, []),
            sources=read.value(data, "sources", dict, {}), origin=source)
        plan.check()
        return plan

    @classmethod
    def load(cls, path: Path) -> "ImportPlan":
        """Load and check ``path``."""
        try:
            return cls.from_dict(json.loads(Path(path).read_text()), str(path))
        except FileNotFoundError as error:
            raise PlanError(f"{path}: no such plan (run `python -m importer plan` first)") from error
        except (OSError, UnicodeDecodeError) as error:
            raise PlanError(f"{path}: cannot be read ({error})") from error
        except json.JSONDecodeError as error:
            raise PlanError(f"{path}: not JSON ({error.msg} at line {error.lineno})") from error

    def check(self) -> None:
        """The contract (``importer.plan_contract``): every address and live ID planned once, no
        import of an object a state entry holds, moves and forgets well formed, and each dependency
        managed, moved, imported in an earlier batch, or in the same batch as a member of the same
        listed cycle."""
        check_plan(self, PlanReader(self.origin).fail)

    def check_against(self, addresses: Iterable[Any]) -> None:
        """Refuse a plan naming resources the configuration does not declare (``addresses``: the
        configuration's), before any Terraform run: imports, managed and id-mismatch entries and
        move targets; and forgets of a resource the configuration declares (Terraform refuses a
        ``removed`` block for a resource still in code)."""
        declared = {str(address) for address in addresses}
        named = ([planned.address for batch in self.batches for planned in batch]
                 + [entry.address for entry in [*self.managed, *self.id_mismatch]] + [move.to for move in self.moved])
        unknown = sorted({address for address in named if address not in declared})
        if unknown:
            shown = ", ".join(unknown[:5]) + (f" and {len(unknown) - 5} more" if len(unknown) > 5 else "")
            raise PlanError(f"{self.origin}: {len(unknown)} address(es) not in the configuration: {shown} "
                            "(run plan again, or fix the edit)")
        declared_resources = {TfAddress.parse(address).unkeyed for address in declared}
        still_in_code = sorted({TfAddress.parse(o.address).unkeyed for o in self.forgets} & declared_resources)
        if still_in_code:
            raise PlanError(f"{self.origin}: forget of {', '.join(still_in_code)}, which the configuration still "
                            "declares (a removed block cannot name it): keep it, or take it out of the code first")

    def selection(self, batch: int) -> tuple[set[str], list[PlannedImport]]:
        """For ``IMPORT_BATCH=batch``: the addresses the config keeps (managed and batches
        1..batch) and the imports of that batch."""
        if not 1 <= batch <= len(self.batches):
            raise PlanError(f"batch {batch} does not exist: the plan has {len(self.batches)} batch(es)")
        keep = {entry.address for entry in self.managed} | {move.to for move in self.moved}
        for planned_batch in self.batches[:batch]:
            keep |= {planned.address for planned in planned_batch}
        return keep, list(self.batches[batch - 1])


def _read_orphans(read: PlanReader, data: dict) -> list[Orphan]:
    """Orphan records; a bare address (plans written before decisions existed) reads as ``keep``.
    A top-level ``forget`` array of addresses (an instance, or a resource without keys for all
    its orphaned instances) decides ``forget`` as well; naming anything not orphaned is refused."""
    items = read.value(data, C.ORPHANED.field, list)
    orphans = [Orphan(item) if isinstance(item, str) else
               read.records({C.ORPHANED.field: [item]}, C.ORPHANED.field, Orphan)[0] for item in items]
    forget = set(read.strings(data, "forget", []))
    for position, address in enumerate(sorted(forget)):
        if not any(address in (o.address, _unkeyed(o.address)) for o in orphans):
            read.fail(f"forget names {address!r}, which is not orphaned")
    return [Orphan(o.address, o.id, o.live, FORGET) if forget & {o.address, _unkeyed(o.address)} else o
            for o in orphans]


def _unkeyed(address: str) -> str | None:
    try:
        return TfAddress.parse(address).unkeyed
    except ValueError:
        return None  # the contract check names it


def _json(entry: Any) -> Any:
    """A record's JSON form (addresses are already strings)."""
    return entry if isinstance(entry, str) else entry.to_dict()


def _read_batches(read: PlanReader, data: dict) -> list[list[PlannedImport]]:
    """The batches in index order; the indexes must be exactly 1..N."""
    by_index: dict[int, list[PlannedImport]] = {}
    for position, batch in enumerate(read.value(data, "batches", list)):
        if not isinstance(batch, dict):
            read.fail(f"batches[{position}] must be an object, not {described(batch)}")
        index = read.value(batch, "index", int, where=f"batches[{position}].")
        if index in by_index:
            read.fail(f"batch index {index} appears twice")
        where = f"batch {index}: "
        imports = []
        for number, item in enumerate(read.value(batch, "imports", list, where=where)):
            if not isinstance(item, dict):
                read.fail(f"{where}imports[{number}] must be an object, not {described(item)}")
            at = f"{where}imports[{number}]."
            imports.append(PlannedImport(
                read.value(item, "address", str, where=at), read.value(item, "type", str, where=at),
                read.value(item, "id", str, where=at), tuple(read.strings(item, "depends_on", [], where=at)),
                read.value(item, "matched_by", str, "", where=at)))
        by_index[index] = imports
    if sorted(by_index) != list(range(1, len(by_index) + 1)):
        read.fail(f"batch indexes must be 1..{len(by_index)} without gaps, found {sorted(by_index)}")
    return [by_index[index] for index in sorted(by_index)]


def _read_cycles(read: PlanReader, data: dict) -> list[Cycle]:
    cycles = read.value(data, "cycles", list, [])
    for position, cycle in enumerate(cycles):
        if not isinstance(cycle, dict):
            read.fail(f"cycles[{position}] must be an object with 'addresses', not {described(cycle)} "
                      "(written by an older version? run plan again)")
    return read.records(data, "cycles", Cycle, [])
