"""Terraform's own dependency graph of a configuration (``terraform graph``), read as what
``-target`` reaches: targeting an instance plans every instance of every resource its resource
block depends on, through data sources, locals, module outputs and whole-module references
(``[for q in module.queue : q.arn]`` depends on every resource of every ``module.queue``). A
batch built on fewer edges would pull later batches' resources into its plan as creates."""

from __future__ import annotations

import re

import networkx as nx

_EDGE = re.compile(r'^\s*"([^"]+)"\s*->\s*"([^"]+)"')
_NODE = re.compile(r'^\s*"([^"]+)"\s*\[')


def _managed(node: str) -> bool:
    """A managed resource block (not a data source, provider, variable, output or local)."""
    parts = node.split(".")
    while parts[:1] == ["module"] and len(parts) > 2:
        parts = parts[2:]
    return len(parts) == 2 and parts[0] not in ("data", "var", "local", "output", "provider", "module")


def reach(dot: str) -> dict[str, frozenset[str]]:
    """Resource block (``module.q.aws_sqs_queue.this``, no keys) -> every managed resource block it
    depends on, directly or through anything else (transitive), from ``terraform graph`` output."""
    graph = nx.DiGraph()
    for line in dot.splitlines():
        edge = _EDGE.match(line)
        if edge:
            graph.add_edge(edge.group(1), edge.group(2))
            continue
        node = _NODE.match(line)
        if node:
            graph.add_node(node.group(1))
    return {node: frozenset(target for target in nx.descendants(graph, node) if _managed(target))
            for node in graph.nodes if _managed(node)}
