"""Property-based proof of the batching contract over random reference graphs with cycles: every
address is batched exactly once (or blocked, never both), every dependency is managed, in an
earlier batch, or a member of the same cycle in the same batch; no batch exceeds the cap unless it
is one cycle's members; the same input always gives the same output; and the plan built from the
batches passes the plan.json contract after a round trip through JSON."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings, strategies as st

from importer.desired.config import DesiredConfig, DesiredResource
from importer.graph.batches import plan_batches
from importer.graph.references import ReferenceGraph
from importer.ids import TfAddress
from importer.plan import ImportPlan, Managed, PlannedImport
from importer.planner import cycles_of


def address(node: int) -> TfAddress:
    return TfAddress.parse(f"aws_security_group.r{node:02d}")


@st.composite
def scenarios(draw):
    """A random graph (cycles likely: edges in both directions are allowed), each node managed,
    imported or missing (in code, not live), and a batch size cap."""
    size = draw(st.integers(min_value=1, max_value=12))
    pairs = st.tuples(st.integers(0, size - 1), st.integers(0, size - 1)).filter(lambda p: p[0] != p[1])
    edges = draw(st.sets(pairs, max_size=size * 3))
    roles = draw(st.lists(st.sampled_from(["import", "import", "import", "managed", "missing"]),
                          min_size=size, max_size=size))
    cap = draw(st.integers(min_value=1, max_value=5))
    return size, sorted(edges), roles, cap


def graph_of(size: int, edges: list[tuple[int, int]]) -> ReferenceGraph:
    bodies: dict[int, dict] = {node: {} for node in range(size)}
    for source, target in edges:
        bodies[source].setdefault("depends_on", []).append(str(address(target)))
    resources = tuple(DesiredResource(address(node), body) for node, body in bodies.items())
    return ReferenceGraph(DesiredConfig(path=Path("random.tf.json"), resources=resources, backend={}))


def reachable(size: int, edges: list[tuple[int, int]]) -> dict[TfAddress, set[TfAddress]]:
    """The oracle, independent of networkx: what each address references, transitively."""
    direct = {node: {t for s, t in edges if s == node} for node in range(size)}
    result = {}
    for start in range(size):
        seen, pending = set(), [start]
        while pending:
            for target in direct[pending.pop()]:
                if target not in seen:
                    seen.add(target)
                    pending.append(target)
        result[address(start)] = {address(n) for n in seen}
    return result


@settings(max_examples=200, deadline=None)
@given(scenarios())
def test_random_graphs_with_cycles_keep_the_batching_contract(scenario):
    size, edges, roles, cap = scenario
    graph = graph_of(size, edges)
    imports = {address(n) for n in range(size) if roles[n] == "import"}
    managed = {address(n) for n in range(size) if roles[n] == "managed"}
    reach = reachable(size, edges)

    def same_cycle(a: TfAddress, b: TfAddress) -> bool:
        return a == b or (b in reach[a] and a in reach[b])

    batches, blocked = plan_batches(graph, imports, managed, cap)
    batched = [a for batch in batches for a in batch]
    blocked_addresses = {b.address for b in blocked}
    assert len(batched) == len(set(batched)), "an address appears twice"
    assert set(batched) | blocked_addresses == imports and not set(batched) & blocked_addresses
    assert all(batches), "an empty batch"

    # blocked exactly when the import reaches, through imports only, something neither managed nor imported
    def blocked_oracle(start: TfAddress) -> bool:
        seen, pending = {start}, [start]
        while pending:
            for dependency in graph.dependencies(pending.pop()):
                if dependency not in imports and dependency not in managed:
                    return True
                if dependency in imports and dependency not in seen:
                    seen.add(dependency)
                    pending.append(dependency)
        return False
    assert blocked_addresses == {a for a in imports if blocked_oracle(a)}

    position = {a: index for index, batch in enumerate(batches) for a in batch}
    for a in batched:
        for dependency in graph.dependencies(a):
            assert (dependency in managed or position[dependency] < position[a]
                    or (position[dependency] == position[a] and same_cycle(a, dependency))), (a, dependency, batches)
    among_imports = reachable(size, [(s, t) for s, t in edges if address(s) in imports and address(t) in imports])
    for a in batched:  # a cycle through imports only cannot be cut: its members share a batch
        for b in among_imports[a]:
            if a in among_imports[b]:
                assert position[a] == position[b], (a, b, batches)
    for batch in batches:
        if len(batch) > cap:  # only one cycle's members may exceed the cap
            assert all(same_cycle(batch[0], other) for other in batch), (batch, cap)
        assert batch == sorted(batch)

    assert plan_batches(graph, set(imports), set(managed), cap) == (batches, blocked)  # deterministic

    planned = [[PlannedImport(str(a), "aws_security_group", f"sg-{a.name}", tuple(map(str, graph.dependencies(a))))
                for a in batch] for batch in batches]
    plan = ImportPlan(stack="random", batches=planned, managed=[Managed(str(m), f"sg-{m.name}")
                                                               for m in sorted(managed)],
                      cycles=cycles_of(graph))
    plan.check()
    assert ImportPlan.from_dict(json.loads(plan.to_json())).to_json() == plan.to_json()
