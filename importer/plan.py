"""The ImportPlan: the reviewable, editable result of ``plan`` (``imports/<stack>/plan.json``).
Later commands and ``IMPORT_BATCH`` synthesis read it back, edits included, after checking it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from importer.ids import TfAddress

CLASSES = ("managed", "import", "create", "ambiguous", "id-mismatch", "stale", "orphaned", "unmanaged", "blocked",
           "unsupported")


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
    """Batches of imports plus every other class of resource."""

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
    cycles: list[str] = field(default_factory=list)
    drift: list[dict[str, Any]] = field(default_factory=list)
    sources: dict[str, Any] = field(default_factory=dict)

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
    def from_dict(cls, data: dict[str, Any]) -> "ImportPlan":
        """Read a (possibly hand-edited) plan and check it; raise PlanError with the reason."""
        try:
            batches = [[PlannedImport(i["address"], i["type"], i["id"], tuple(i.get("depends_on", [])),
                                      i.get("matched_by", "")) for i in batch["imports"]]
                       for batch in sorted(data["batches"], key=lambda b: b["index"])]
            plan = cls(stack=data["stack"], batches=batches, managed=data["managed"], create=data["create"],
                       unmanaged=data["unmanaged"], orphaned=data["orphaned"], stale=data["stale"],
                       ambiguous=data["ambiguous"], id_mismatch=data.get("id_mismatch", []),
                       blocked=data.get("blocked", []), unsupported=data.get("unsupported", []),
                       cycles=data.get("cycles", []), drift=data.get("drift", []),
                       sources=data.get("sources", {}))
        except (KeyError, TypeError) as error:
            raise PlanError(f"plan.json is missing {error}") from error
        plan.check()
        return plan

    @classmethod
    def load(cls, path: Path) -> "ImportPlan":
        """Load and check ``path``."""
        try:
            return cls.from_dict(json.loads(Path(path).read_text()))
        except FileNotFoundError as error:
            raise PlanError(f"{path}: no such plan (run `python -m importer plan` first)") from error
        except json.JSONDecodeError as error:
            raise PlanError(f"{path}: not JSON ({error.msg} at line {error.lineno})") from error

    def check(self) -> None:
        """The contract: addresses and IDs unique, dependencies managed or in an earlier batch."""
        seen_addresses: set[str] = set()
        seen_ids: set[tuple[str, str]] = set()
        managed = {entry["address"] for entry in self.managed}
        for index, batch in enumerate(self.batches, start=1):
            for planned in batch:
                TfAddress.parse(planned.address)
                if planned.address in seen_addresses or planned.address in managed:
                    raise PlanError(f"{planned.address} is planned twice")
                if (planned.type, planned.id) in seen_ids:
                    raise PlanError(f"live {planned.type} {planned.id} is planned for two addresses")
                for dependency in planned.depends_on:
                    if dependency not in managed and dependency not in seen_addresses:
                        raise PlanError(f"batch {index}: {planned.address} depends on {dependency}, which is "
                                        "neither managed nor imported in an earlier batch")
            seen_addresses |= {p.address for p in batch}
            seen_ids |= {(p.type, p.id) for p in batch}

    def selection(self, batch: int) -> tuple[set[str], list[PlannedImport]]:
        """For ``IMPORT_BATCH=batch``: the addresses the config keeps (managed and batches
        1..batch) and the imports of that batch."""
        if not 1 <= batch <= len(self.batches):
            raise PlanError(f"batch {batch} does not exist: the plan has {len(self.batches)} batch(es)")
        keep = {entry["address"] for entry in self.managed}
        for planned_batch in self.batches[:batch]:
            keep |= {planned.address for planned in planned_batch}
        return keep, list(self.batches[batch - 1])
