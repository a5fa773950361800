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
from importer.plan_records import (Ambiguous, Blocked, Cycle, Drift, IdMismatch, Managed, PlanError, PlanReader,
                                   Unmanaged, described)
from importer.specs import registry

__all__ = ["Ambiguous", "Blocked", "Cycle", "Drift", "IdMismatch", "ImportPlan", "Managed", "PlanError",
           "PlannedImport", "Unmanaged"]

_LISTED = (ResourceClass.MANAGED, ResourceClass.CREATE, ResourceClass.UNMANAGED, ResourceClass.ORPHANED,
           ResourceClass.STALE, ResourceClass.AMBIGUOUS, ResourceClass.ID_MISMATCH, ResourceClass.BLOCKED,
           ResourceClass.UNSUPPORTED)  # the classes plan.json lists by name, in its order (imports are in batches)


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
    plan.json key). Each reference cycle's members share one batch. JSON only in to_dict/from_dict."""

    stack: str
    batches: list[list[PlannedImport]]
    managed: list[Managed] = field(default_factory=list)
    create: list[str] = field(default_factory=list)
    unmanaged: list[Unmanaged] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)
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
        """True when there is anything to import."""
        return any(self.batches)

    @property
    def pending(self) -> dict[str, int]:
        """The classes that wait for a decision (ambiguous, id-mismatch, orphaned, blocked,
        unsupported) and how many of each: never "nothing to do" while this is not empty."""
        return {kind.value: self.count(kind) for kind in PENDING if self.count(kind)}

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
        C = ResourceClass
        plan = cls(
            stack=read.value(data, "stack", str), batches=_read_batches(read, data),
            managed=read.records(data, C.MANAGED.field, Managed), create=read.strings(data, C.CREATE.field),
            unmanaged=read.records(data, C.UNMANAGED.field, Unmanaged), orphaned=read.strings(data, C.ORPHANED.field),
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
        """The contract: every address and live ID planned once, addresses root-module resources
        of a type with a discovery spec, and each dependency managed, imported in an earlier
        batch, or in the same batch as a member of the same listed cycle."""
        fail = PlanReader(self.origin).fail
        managed = {entry.address for entry in self.managed} | {entry.address for entry in self.id_mismatch}
        cycle_of: dict[str, int] = {}
        for number, cycle in enumerate(self.cycles):
            for address in cycle.addresses:
                if cycle_of.setdefault(address, number) != number:
                    fail(f"{address} is listed in two cycles (cycles[{cycle_of[address]}] and cycles[{number}])")
        specs = registry()
        earlier: set[str] = set()
        seen_ids: set[tuple[str, str]] = set()
        for index, batch in enumerate(self.batches, start=1):
            here: set[str] = set()
            for planned in batch:
                where = f"batch {index}: {planned.address}"
                address = _parse_address(planned.address, fail, f"batch {index}")
                if planned.address in earlier or planned.address in here or planned.address in managed:
                    fail(f"{where} is planned twice")
                if (planned.type, planned.id) in seen_ids:
                    fail(f"{where}: live {planned.type} {planned.id!r} is planned for two addresses")
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
                    if dependency in managed or dependency in earlier:
                        continue
                    if dependency not in here:
                        fail(f"batch {index}: {planned.address} depends on {dependency}, which is neither managed "
                             "nor imported in an earlier batch")
                    if cycle_of.get(dependency, -1) != cycle_of.get(planned.address, -2):
                        fail(f"batch {index}: {planned.address} depends on {dependency} in the same batch, but no "
                             "listed cycle holds both (only a reference cycle's members may share a batch)")
            earlier |= here

    def check_against(self, addresses: Iterable[Any]) -> None:
        """Refuse a plan naming resources the configuration does not declare (``addresses``: the
        configuration's), before any Terraform run: imports, managed and id-mismatch entries."""
        declared = {str(address) for address in addresses}
        named = ([planned.address for batch in self.batches for planned in batch]
                 + [entry.address for entry in [*self.managed, *self.id_mismatch]])
        unknown = sorted({address for address in named if address not in declared})
        if unknown:
            shown = ", ".join(unknown[:5]) + (f" and {len(unknown) - 5} more" if len(unknown) > 5 else "")
            raise PlanError(f"{self.origin}: {len(unknown)} address(es) not in the configuration: {shown} "
                            "(run plan again, or fix the edit)")

    def selection(self, batch: int) -> tuple[set[str], list[PlannedImport]]:
        """For ``IMPORT_BATCH=batch``: the addresses the config keeps (managed and batches
        1..batch) and the imports of that batch."""
        if not 1 <= batch <= len(self.batches):
            raise PlanError(f"batch {batch} does not exist: the plan has {len(self.batches)} batch(es)")
        keep = {entry.address for entry in self.managed}
        for planned_batch in self.batches[:batch]:
            keep |= {planned.address for planned in planned_batch}
        return keep, list(self.batches[batch - 1])


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


def _parse_address(text: str, fail, where: str) -> TfAddress:
    """A root-module resource address, or a refusal that says why not."""
    try:
        return TfAddress.parse(text)
    except ValueError:
        pass
    if text.startswith("module."):
        fail(f"{where}: {text!r} is inside a module: module addresses are not supported yet")
    if "[" in text:
        fail(f"{where}: {text!r} is a count/for_each instance: instance addresses are not supported yet")
    fail(f"{where}: {text!r} is not a resource address (<type>.<name>)")
