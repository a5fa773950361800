"""From config + state + inventory to an ImportPlan: match, classify, order, batch."""

from __future__ import annotations

from typing import Any

from importer.desired.config import DesiredConfig
from importer.discovery.inventory import Inventory, LiveObject
from importer.graph.batches import DEFAULT_BATCH_SIZE, plan_batches
from importer.graph.references import ReferenceGraph
from importer.desired.expressions import is_literal
from importer.matching.matcher import AMBIGUOUS, CREATE, ID_MISMATCH, IMPORT, MANAGED, STALE, Reconciliation, reconcile
from importer.matching.values import normalize
from importer.plan import ImportPlan, PlannedImport
from importer.specs.base import ResourceSpec
from importer.state.reader import TerraformState


def _label(live: LiveObject) -> str:
    for key in ("name", "tags.Name", "function_name", "alarm_name", "bucket", "identifier"):
        if live.identity.get(key):
            return str(live.identity[key])
    return live.import_id


def drift_seen(config: DesiredConfig, result: Reconciliation) -> list[dict[str, Any]]:
    """Scalar attributes where the code's literal differs from what discovery read live (verify's
    real plan finds every drift; this is the early, cheap part)."""
    desired = config.by_address()
    found = []
    for match in sorted(result.matches.values(), key=lambda m: str(m.address)):
        if match.live is None or match.kind not in (IMPORT, MANAGED):
            continue
        for attribute, live_value in sorted(match.live.attributes.items()):
            code_value = desired[match.address].value(attribute)
            if code_value is None or live_value is None or isinstance(code_value, (dict, list)):
                continue
            if isinstance(live_value, (dict, list)) or not is_literal(code_value) or live_value == "<redacted>":
                continue
            if normalize(code_value) != normalize(live_value):
                found.append({"address": str(match.address), "attribute": attribute, "code": code_value,
                              "live": live_value})
    return found


def cycles_of(graph: ReferenceGraph, explained: int = 5) -> list[dict[str, Any]]:
    """Each reference cycle's members (a strongly connected component: they share one batch) and
    up to ``explained`` short cycles through them, with the attributes that close each."""
    return [{"addresses": [str(a) for a in members],
             "explained": [cycle.explain() for cycle in graph.short_cycles(members, explained)]}
            for members in graph.components()]


def build_plan(
    stack: str, config: DesiredConfig, state: TerraformState, inventory: Inventory, specs: dict[str, ResourceSpec],
    max_batch_size: int = DEFAULT_BATCH_SIZE, sources: dict[str, Any] | None = None,
) -> ImportPlan:
    """Reconcile and batch; the same inputs always give the same plan."""
    graph = ReferenceGraph(config)
    result = reconcile(config, graph.dependency_order(), state, inventory, specs)
    imports = {m.address: m for m in result.of_kind(IMPORT)}
    managed = {m.address for m in result.of_kind(MANAGED)} | {m.address for m in result.of_kind(ID_MISMATCH)}
    batches, blocked = plan_batches(graph, set(imports), managed, max_batch_size)
    planned = [[PlannedImport(str(address), str(address.type), imports[address].live.import_id,
                              tuple(str(d) for d in graph.dependencies(address)), imports[address].matched_by)
                for address in batch] for batch in batches]
    return ImportPlan(
        stack=stack, batches=planned,
        managed=[{"address": str(m.address), "id": m.live.import_id if m.live else m.state_id}
                 for m in result.of_kind(MANAGED)],
        create=[str(m.address) for m in result.of_kind(CREATE)],
        unmanaged=sorted(({"type": live.type, "id": live.import_id, "name": _label(live)} for live in result.unmanaged),
                         key=lambda u: (u["type"], u["id"])),
        orphaned=[str(a) for a in result.orphaned],
        stale=[str(m.address) for m in result.of_kind(STALE)],
        ambiguous=[{"address": str(m.address), "candidates": list(m.candidates), "reason": m.matched_by}
                   for m in result.of_kind(AMBIGUOUS)],
        id_mismatch=[{"address": str(m.address), "state_id": m.state_id, "live_id": m.candidates[0]}
                     for m in result.of_kind(ID_MISMATCH)],
        blocked=[{"address": str(b.address), "waiting_for": [str(w) for w in b.waiting_for]} for b in blocked],
        unsupported=[str(a) for a in result.unsupported],
        cycles=cycles_of(graph),
        drift=drift_seen(config, result),
        sources=sources or {},
    )
