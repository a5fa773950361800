"""The ImportPlan: the reviewable, editable result of ``plan`` (``imports/<stack>/plan.json``).
Later commands and ``IMPORT_BATCH`` synthesis read it back, edits included, after checking it:
every value has its JSON type, every refusal names the file and the offending value."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, NoReturn

from importer.ids import TfAddress
from importer.specs import registry

CLASSES = ("managed", "import", "create", "ambiguous", "id-mismatch", "stale", "orphaned", "unmanaged", "blocked",
           "unsupported")
PENDING = ("ambiguous", "id-mismatch", "orphaned", "blocked", "unsupported")  # a decision is due for each


class PlanError(ValueError):
    """plan.json is missing, malformed, or breaks the batch ordering contract."""


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
    """Batches of imports plus every other class of resource. ``cycles`` lists each reference
    cycle as ``{"addresses": [...], "explained": [...]}``: its members share one batch."""

    stack: str
    batches: list[list[PlannedImport]]
    managed: list[dict[str, str]] = field(default_factory=list)
    create: list[str] = field(default_factory=list)
    unmanaged: list[dict[str, str]] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    ambiguous: list[dict[str, Any]] = field(default_factory=list)
    id_mismatch: list[dict[str, str]] = field(default_factory=list)
    blocked: list[dict[str, Any]] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)
    cycles: list[dict[str, Any]] = field(default_factory=list)
    drift: list[dict[str, Any]] = field(default_factory=list)
    sources: dict[str, Any] = field(default_factory=dict)
    origin: str = field(default="plan.json", compare=False, repr=False)  # named in every refusal

    def summary(self) -> dict[str, int]:
        """Counts per class, plus the number of batches."""
        return {
            "managed": len(self.managed), "import": sum(len(b) for b in self.batches), "create": len(self.create),
            "ambiguous": len(self.ambiguous), "id-mismatch": len(self.id_mismatch), "stale": len(self.stale),
            "orphaned": len(self.orphaned), "unmanaged": len(self.unmanaged), "blocked": len(self.blocked),
            "unsupported": len(self.unsupported), "batches": len(self.batches),
        }

    @property
    def has_work(self) -> bool:
        """True when there is anything to import."""
        return any(self.batches)

    @property
    def pending(self) -> dict[str, int]:
        """The classes that wait for a decision (ambiguous, id-mismatch, orphaned, blocked,
        unsupported) and how many of each: never "nothing to do" while this is not empty."""
        summary = self.summary()
        return {name: summary[name] for name in PENDING if summary[name]}

    def to_dict(self) -> dict[str, Any]:
        """The JSON document (see shared/plan.schema.json; extra fields are allowed)."""
        return {
            "stack": self.stack,
            "sources": self.sources,
            "summary": self.summary(),
            "batches": [{"index": index, "imports": [
                {"address": i.address, "type": i.type, "id": i.id, "depends_on": list(i.depends_on),
                 "matched_by": i.matched_by} for i in batch]} for index, batch in enumerate(self.batches, start=1)],
            "managed": self.managed, "create": self.create, "unmanaged": self.unmanaged, "orphaned": self.orphaned,
            "stale": self.stale, "ambiguous": self.ambiguous, "id_mismatch": self.id_mismatch,
            "blocked": self.blocked, "unsupported": self.unsupported, "cycles": self.cycles, "drift": self.drift,
        }

    def to_json(self) -> str:
        """Deterministic, reviewable JSON."""
        return json.dumps(self.to_dict(), indent=2) + "\n"

    @classmethod
    def from_dict(cls, data: Any, source: str = "plan.json") -> "ImportPlan":
        """Read a (possibly hand-edited) plan and check it; raise PlanError naming ``source``, the
        place and the offending value."""
        read = _Reader(source)
        if not isinstance(data, dict):
            read.fail(f"the top level must be an object, not {_described(data)}")
        plan = cls(
            stack=read.value(data, "stack", str), batches=_read_batches(read, data),
            managed=read.objects(data, "managed", required=("address",)), create=read.strings(data, "create"),
            unmanaged=read.objects(data, "unmanaged"), orphaned=read.strings(data, "orphaned"),
            stale=read.strings(data, "stale"), ambiguous=read.objects(data, "ambiguous"),
            id_mismatch=read.objects(data, "id_mismatch", [], required=("address",)),
            blocked=read.objects(data, "blocked", []), unsupported=read.strings(data, "unsupported", []),
            cycles=_read_cycles(read, data), drift=read.objects(data, "drift", []),
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
        fail = _Reader(self.origin).fail
        managed = {entry["address"] for entry in self.managed} | {entry["address"] for entry in self.id_mismatch}
        cycle_of: dict[str, int] = {}
        for number, cycle in enumerate(self.cycles):
            for address in cycle["addresses"]:
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
                 + [entry["address"] for entry in self.managed + self.id_mismatch])
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
        keep = {entry["address"] for entry in self.managed}
        for planned_batch in self.batches[:batch]:
            keep |= {planned.address for planned in planned_batch}
        return keep, list(self.batches[batch - 1])


_KINDS = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", int: "a number",
          float: "a number", type(None): "null"}
_REQUIRED = object()


def _json_kind(value: Any) -> str:
    return _KINDS.get(type(value), type(value).__name__)


def _described(value: Any) -> str:
    """``null``, ``an object``, ``a string "x"``: the JSON type, with the value when it is a scalar."""
    if value is None or isinstance(value, (dict, list)):
        return _json_kind(value)
    text = json.dumps(value)
    return f"{_json_kind(value)} {text if len(text) <= 80 else text[:77] + '...'}"


class _Reader:
    """Typed access to the JSON document; every refusal names the file and the place."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, message: str) -> NoReturn:
        raise PlanError(f"{self.source}: {message}")

    def value(self, data: dict, key: str, kind: type, default: Any = _REQUIRED, where: str = "") -> Any:
        """``data[key]`` when it has JSON type ``kind`` (``default`` when absent and allowed)."""
        if key not in data:
            if default is _REQUIRED:
                self.fail(f"{where.rstrip('.: ')} has no {key!r}" if where else f"missing {key!r}")
            return default
        value = data[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.fail(f"{where}{key} must be {_KINDS[kind]}, not {_described(value)}")
        return value

    def strings(self, data: dict, key: str, default: Any = _REQUIRED, where: str = "") -> list[str]:
        """An array of strings."""
        items = self.value(data, key, list, default, where)
        for position, item in enumerate(items):
            if not isinstance(item, str):
                self.fail(f"{where}{key}[{position}] must be a string, not {_described(item)}")
        return list(items)

    def objects(self, data: dict, key: str, default: Any = _REQUIRED, required: tuple[str, ...] = ()) -> list[dict]:
        """An array of objects, each with string values at the ``required`` keys."""
        items = self.value(data, key, list, default)
        for position, item in enumerate(items):
            if not isinstance(item, dict):
                self.fail(f"{key}[{position}] must be an object, not {_described(item)}")
            for name in required:
                self.value(item, name, str, where=f"{key}[{position}].")
        return list(items)


def _read_batches(read: _Reader, data: dict) -> list[list[PlannedImport]]:
    """The batches in index order; the indexes must be exactly 1..N."""
    by_index: dict[int, list[PlannedImport]] = {}
    for position, batch in enumerate(read.value(data, "batches", list)):
        if not isinstance(batch, dict):
            read.fail(f"batches[{position}] must be an object, not {_described(batch)}")
        index = read.value(batch, "index", int, where=f"batches[{position}].")
        if index in by_index:
            read.fail(f"batch index {index} appears twice")
        where = f"batch {index}: "
        imports = []
        for number, item in enumerate(read.value(batch, "imports", list, where=where)):
            if not isinstance(item, dict):
                read.fail(f"{where}imports[{number}] must be an object, not {_described(item)}")
            at = f"{where}imports[{number}]."
            imports.append(PlannedImport(
                read.value(item, "address", str, where=at), read.value(item, "type", str, where=at),
                read.value(item, "id", str, where=at), tuple(read.strings(item, "depends_on", [], where=at)),
                read.value(item, "matched_by", str, "", where=at)))
        by_index[index] = imports
    if sorted(by_index) != list(range(1, len(by_index) + 1)):
        read.fail(f"batch indexes must be 1..{len(by_index)} without gaps, found {sorted(by_index)}")
    return [by_index[index] for index in sorted(by_index)]


def _read_cycles(read: _Reader, data: dict) -> list[dict[str, Any]]:
    cycles = read.value(data, "cycles", list, [])
    for position, cycle in enumerate(cycles):
        if not isinstance(cycle, dict):
            read.fail(f"cycles[{position}] must be an object with 'addresses', not {_described(cycle)} "
                      "(written by an older version? run plan again)")
        read.strings(cycle, "addresses", where=f"cycles[{position}].")
        read.strings(cycle, "explained", [], where=f"cycles[{position}].")
    return cycles


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
