"""The configuration's references as a labeled graph: an edge ``u -> v`` means resource ``u``
references ``v`` (so ``v`` must exist, in state, before ``u``); its label says through which
attributes. Cycles are found and explained rather than broken silently."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from importer.desired.config import DesiredConfig
from importer.ids import TfAddress

Group = tuple[TfAddress, ...]


@dataclass(frozen=True)
class Cycle:
    """A reference cycle: the addresses in order and the attributes that close it."""

    addresses: tuple[TfAddress, ...]
    attributes: tuple[str, ...]

    def explain(self) -> str:
        """``a --(attr)--> b --(attr)--> a``."""
        parts = []
        for index, address in enumerate(self.addresses):
            parts.append(f"{address} --({self.attributes[index]})--> ")
        return "".join(parts) + str(self.addresses[0])


class ReferenceGraph:
    """Resources and the references between them."""

    def __init__(self, config: DesiredConfig) -> None:
        self._graph = nx.DiGraph()
        declared = {resource.address for resource in config.resources}
        for resource in config.resources:
            self._graph.add_node(resource.address)
        for resource in config.resources:
            for path, reference in resource.references():
                if reference.address not in declared or reference.address == resource.address:
                    continue
                if self._graph.has_edge(resource.address, reference.address):
                    self._graph.edges[resource.address, reference.address]["attributes"].add(path)
                else:
                    self._graph.add_edge(resource.address, reference.address, attributes={path})

    def dependencies(self, address: TfAddress) -> list[TfAddress]:
        """The resources ``address`` references directly, sorted."""
        return sorted(self._graph.successors(address))

    def dependents(self, address: TfAddress) -> list[TfAddress]:
        """The resources that reference ``address`` directly, sorted."""
        return sorted(self._graph.predecessors(address))

    def via(self, source: TfAddress, target: TfAddress) -> list[str]:
        """The attribute paths through which ``source`` references ``target``."""
        return sorted(self._graph.edges[source, target]["attributes"])

    def cycles(self) -> list[Cycle]:
        """Every elementary reference cycle, deterministic order (exponential in the worst case:
        :meth:`short_cycles` explains a component cheaply)."""
        found = []
        for cycle in nx.simple_cycles(self._graph):
            start = cycle.index(min(cycle))
            ordered = tuple(cycle[start:] + cycle[:start])
            labels = tuple(",".join(self.via(ordered[i], ordered[(i + 1) % len(ordered)])) for i in range(len(ordered)))
            found.append(Cycle(ordered, labels))
        return sorted(found, key=lambda c: [str(a) for a in c.addresses])

    def components(self) -> list[tuple[TfAddress, ...]]:
        """The members of every reference cycle (strongly connected component of more than one
        resource), each sorted; the members of one component always share an import batch."""
        return sorted(tuple(sorted(c)) for c in nx.strongly_connected_components(self._graph) if len(c) > 1)

    def short_cycles(self, members: tuple[TfAddress, ...], limit: int) -> list[Cycle]:
        """Up to ``limit`` cycles explaining one component: the shortest cycle through each member in
        turn (one breadth-first search each), without repeats, each starting at its smallest address."""
        component = self._graph.subgraph(members)
        found: dict[tuple[TfAddress, ...], Cycle] = {}
        for start in members[:limit]:
            paths = nx.single_source_shortest_path(component, start)
            closing = sorted((len(paths[u]), u) for u in component.predecessors(start) if u in paths)
            if not closing:
                continue
            path = paths[closing[0][1]]
            first = path.index(min(path))
            ordered = tuple(path[first:] + path[:first])
            labels = tuple(",".join(self.via(ordered[i], ordered[(i + 1) % len(ordered)])) for i in range(len(ordered)))
            found.setdefault(ordered, Cycle(ordered, labels))
        return sorted(found.values(), key=lambda c: (len(c.addresses), c.addresses))

    def condensed(self, addresses: set[TfAddress]) -> tuple[list[Group], list[set[int]]]:
        """The references among ``addresses`` only, each cycle condensed into one group: the
        groups (members sorted) and, for each, the positions of the groups it references directly
        (an acyclic graph)."""
        condensation = nx.condensation(self._graph.subgraph(addresses))
        nodes = list(condensation)
        position = {node: index for index, node in enumerate(nodes)}
        groups = [tuple(sorted(condensation.nodes[node]["members"])) for node in nodes]
        return groups, [{position[target] for target in condensation.successors(node)} for node in nodes]

    def referencing(self, addresses: set[TfAddress], within: set[TfAddress]) -> set[TfAddress]:
        """``addresses`` plus every resource of ``within`` that references one of them through
        resources of ``within`` only, transitively."""
        result, pending = set(addresses), list(addresses)
        while pending:
            for source in self._graph.predecessors(pending.pop()):
                if source in within and source not in result:
                    result.add(source)
                    pending.append(source)
        return result

    def dependency_order(self) -> list[TfAddress]:
        """Every address, each after everything it references (cycles kept together), ties by name."""
        condensed = nx.condensation(self._graph)
        members = condensed.graph["mapping"]
        groups: dict[int, list[TfAddress]] = {}
        for address, group in members.items():
            groups.setdefault(group, []).append(address)
        order = nx.lexicographical_topological_sort(
            condensed.reverse(copy=False), key=lambda group: str(min(groups[group])))
        return [address for group in order for address in sorted(groups[group])]

    def closure(self, addresses: set[TfAddress]) -> set[TfAddress]:
        """``addresses`` plus everything they reference, transitively."""
        result = set(addresses)
        for address in addresses:
            result |= nx.descendants(self._graph, address)
        return result
