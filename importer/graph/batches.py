"""Cut the imports into batches in dependency order: every import's dependencies are managed
already or imported in an earlier batch, no batch is larger than the cap, output is deterministic."""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from importer.graph.references import ReferenceGraph
from importer.ids import TfAddress

DEFAULT_BATCH_SIZE = 25


@dataclass(frozen=True)
class Blocked:
    """An import that cannot be proven clean yet: it references something that is not live."""

    address: TfAddress
    waiting_for: tuple[TfAddress, ...]


def plan_batches(
    graph: ReferenceGraph, imports: set[TfAddress], managed: set[TfAddress], max_size: int = DEFAULT_BATCH_SIZE,
) -> tuple[list[list[TfAddress]], list[Blocked]]:
    """Greedy list scheduling in dependency order: batch k takes every import whose dependencies
    are all managed or in batches before k (up to ``max_size``, by address)."""
    if max_size < 1:
        raise ValueError("batch size must be at least 1")
    blocked: dict[TfAddress, tuple[TfAddress, ...]] = {}
    for address in sorted(imports):
        missing = tuple(d for d in graph.dependencies(address) if d not in imports and d not in managed)
        if missing:
            blocked[address] = missing
    changed = True
    while changed:  # whatever depends on a blocked import is blocked too
        changed = False
        for address in sorted(imports - set(blocked)):
            waiting = tuple(d for d in graph.dependencies(address) if d in blocked)
            if waiting:
                blocked[address] = waiting
                changed = True
    remaining = imports - set(blocked)
    waiting = {a: sum(1 for d in graph.dependencies(a) if d in remaining) for a in remaining}
    ready = [a for a, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    batches: list[list[TfAddress]] = []
    while remaining:
        if not ready:  # a reference cycle among imports: one batch must take it whole
            ready = sorted(remaining)
        batch = [heapq.heappop(ready) for _ in range(min(max_size, len(ready)))]
        batches.append(batch)
        remaining -= set(batch)
        for address in batch:
            for dependent in graph.dependents(address):
                if dependent in remaining and dependent in waiting:
                    waiting[dependent] -= 1
                    if waiting[dependent] == 0:
                        heapq.heappush(ready, dependent)
    return batches, [Blocked(a, w) for a, w in sorted(blocked.items())]
