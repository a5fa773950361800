"""From config + state + inventory to an ImportPlan: match, classify, order, batch."""

from __future__ import annotations

from typing import Any

from importer.desired.config import DesiredConfig
from importer.discovery.inventory import Inventory, LiveObject
from importer.graph.batches import DEFAULT_BATCH_SIZE, plan_batches
from importer.graph.references import ReferenceGraph
from importer.desired.expressions import is_literal
from importer.classes import ResourceClass
from importer.matching.matcher import Reconciliation, reconcile
from importer.matching.values import normalize
from importer.plan import (Ambiguous, Blocked, Cycle, Drift, IdMismatch, ImportPlan, Managed, ManagedElsewhere, Move,
                           Orphan, PlannedImport, Unmanaged)
from importer.specs.base import ResourceSpec
from importer.state.reader import TerraformState


def _label(live: LiveObject) -> str:
    for key in ("name", "tags.Name", "function_name", "alarm_name", "bucket", "identifier"):
        if live.identity.get(key):
            return str(live.identity[key])
    return live.import_id


def drift_seen(config: DesiredConfig, result: Reconciliation) -> list[Drift]:
    """Scalar attributes where the code's literal differs from what discovery read live (verify's
    real plan finds every drift; this is the early, cheap part)."""
    desired = config.by_address()
    found = []
    for match in sorted(result.matches.values(), key=lambda m: str(m.address)):
        if match.live is None or match.kind not in (ResourceClass.IMPORT, ResourceClass.MANAGED, ResourceClass.MOVED):
            continue
        for attribute, live_value in sorted(match.live.attributes.items()):
            code_value = desired[match.address].value(attribute)
            if code_value is None or live_value is None or isinstance(code_value, (dict, list)):
                continue
            if isinstance(live_value, (dict, list)) or not is_literal(code_value) or live_value == "<redacted>":
                continue
            if normalize(code_value) != normalize(live_value):
                found.append(Drift(str(match.address), attribute, code_value, live_value))
    return found


def cycles_of(graph: ReferenceGraph, explained: int = 5) -> list[Cycle]:
    """Each reference cycle's members (a strongly connected component: they share one batch) and
    up to ``explained`` short cycles through them, with the attributes that close each."""
    return [Cycle(tuple(str(a) for a in members),
                  tuple(cycle.explain() for cycle in graph.short_cycles(members, explained)))
            for members in graph.components()]


def build_plan(
    stack: str, config: DesiredConfig, state: TerraformState, inventory: Inventory, specs: dict[str, ResourceSpec],
    max_batch_size: int = DEFAULT_BATCH_SIZE, sources: dict[str, Any] | None = None,
    siblings: dict[str, TerraformState] | None = None,
) -> ImportPlan:
    """Reconcile and batch; the same inputs always give the same plan. ``siblings``: the other
    stacks' states (stack name -> state), whose objects are managed elsewhere."""
    graph = ReferenceGraph(config)
    result = reconcile(config, graph.dependency_order(), state, inventory, specs, siblings)
    C = ResourceClass
    imports = {m.address: m for m in result.of_kind(C.IMPORT)}
    moves = result.of_kind(C.MOVED)
    managed = ({m.address for m in result.of_kind(C.MANAGED)} | {m.address for m in result.of_kind(C.ID_MISMATCH)}
               | {m.address for m in moves})
    batches, blocked = plan_batches(graph, set(imports), managed, max_batch_size)
    planned = [[PlannedImport(str(address), str(address.type), imports[address].live.import_id,
                              tuple(str(d) for d in graph.dependencies(address)), imports[address].matched_by)
                for address in batch] for batch in batches]
    if not planned and (moves or result.orphaned):
        planned = [[]]  # moves and forgets are applied with batch 1
    return ImportPlan(
        stack=stack, batches=planned,
        managed=[Managed(str(m.address), m.live.import_id if m.live else m.state_id)
                 for m in result.of_kind(C.MANAGED)],
        moved=[Move(str(m.moved_from), str(m.address), m.live.import_id) for m in moves],
        managed_elsewhere=sorted((ManagedElsewhere(live.type, live.import_id, holder.stack, str(holder.address),
                                                   _label(live)) for live, holder in result.elsewhere),
                                 key=lambda entry: (entry.type, entry.id)),
        create=[str(m.address) for m in result.of_kind(C.CREATE)],
        unmanaged=sorted((Unmanaged(live.type, live.import_id, _label(live)) for live in result.unmanaged),
                         key=lambda u: (u.type, u.id)),
        orphaned=[Orphan(str(o.address), o.id, o.live) for o in result.orphaned],
        stale=[str(m.address) for m in result.of_kind(C.STALE)],
        ambiguous=[Ambiguous(str(m.address), tuple(m.candidates), m.matched_by) for m in result.of_kind(C.AMBIGUOUS)],
        id_mismatch=[IdMismatch(str(m.address), m.state_id, m.candidates[0]) for m in result.of_kind(C.ID_MISMATCH)],
        blocked=[Blocked(str(b.address), tuple(str(w) for w in b.waiting_for)) for b in blocked],
        unsupported=[str(a) for a in result.unsupported],
        cycles=cycles_of(graph),
        drift=drift_seen(config, result),
        sources=sources or {},
    )
