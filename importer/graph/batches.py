"""Cut the imports into batches in dependency order. The contract (``ImportPlan.check`` holds the
file to it): every address appears exactly once; every import's dependencies are managed already,
imported in an earlier batch, or members of the same reference cycle in the same batch (Terraform
resolves references within one plan, and a cycle cannot be cut); no batch is larger than the cap,
except a batch holding one cycle whose members alone exceed it; the output is deterministic."""

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


def blocked_imports(graph: ReferenceGraph, imports: set[TfAddress], managed: set[TfAddress]) -> list[Blocked]:
    """The imports that reference something neither managed nor imported, and every import that
    references one of those (through imports), each with what it waits for."""
    missing = {address: tuple(d for d in graph.dependencies(address) if d not in imports and d not in managed)
               for address in imports}
    blocked = graph.referencing({address for address, waiting in missing.items() if waiting}, imports)
    return [Blocked(address, missing[address] or tuple(d for d in graph.dependencies(address) if d in blocked))
            for address in sorted(blocked)]


def _heights(dependents: list[list[int]]) -> list[int]:
    """For each group of the (acyclic) condensed graph, the longest chain of dependents after it."""
    height: list[int | None] = [None] * len(dependents)
    for start in range(len(dependents)):
        stack = [(start, False)]
        while stack:
            group, expanded = stack.pop()
            if height[group] is not None:
                continue
            if expanded:
                height[group] = 1 + max((height[d] for d in dependents[group]), default=0)
                continue
            stack.append((group, True))
            stack.extend((d, False) for d in dependents[group] if height[d] is None)
    return [h or 0 for h in height]


def plan_batches(
    graph: ReferenceGraph, imports: set[TfAddress], managed: set[TfAddress], max_size: int = DEFAULT_BATCH_SIZE,
) -> tuple[list[list[TfAddress]], list[Blocked]]:
    """List scheduling over the condensed reference graph: batch k takes the groups (one import, or
    the members of one cycle) whose dependencies are all managed or in batches before k, up to
    ``max_size`` imports, those with the longest chain of dependents first (then by address), so
    that no batch is spent waiting on a chain started late; a cycle larger than ``max_size`` gets a
    batch of its own."""
    if max_size < 1:
        raise ValueError("batch size must be at least 1")
    blocked = blocked_imports(graph, imports, managed)
    groups, needs = graph.condensed(imports - {b.address for b in blocked})
    waiting = [len(group_needs) for group_needs in needs]
    dependents: list[list[int]] = [[] for _ in groups]
    for group, group_needs in enumerate(needs):
        for need in group_needs:
            dependents[need].append(group)
    height = _heights(dependents)
    # Critical path first: a group that more batches wait on goes before others, then by first address.
    ready = [(-height[group], groups[group][0], group) for group, count in enumerate(waiting) if count == 0]
    heapq.heapify(ready)
    batches: list[list[TfAddress]] = []
    while ready:
        taken: list[int] = []
        skipped, size = [], 0
        while ready and size < max_size:
            entry = heapq.heappop(ready)
            if not taken or size + len(groups[entry[-1]]) <= max_size:
                taken.append(entry[-1])
                size += len(groups[entry[-1]])
            else:
                skipped.append(entry)  # a cycle that does not fit here waits for the next batch
        for entry in skipped:
            heapq.heappush(ready, entry)
        for group in taken:  # what becomes ready goes in a later batch, never this one
            for dependent in dependents[group]:
                waiting[dependent] -= 1
                if waiting[dependent] == 0:
                    heapq.heappush(ready, (-height[dependent], groups[dependent][0], dependent))
        batches.append(sorted(address for group in taken for address in groups[group]))
    return batches, blocked
