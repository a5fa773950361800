"""``report.md``: the plan as a pull request reviewer reads it (GitHub renders the mermaid graph)."""

from __future__ import annotations

from collections import Counter

from importer.classes import ResourceClass
from importer.plan import ImportPlan

def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    def cell(value: str) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return lines


def mermaid(plan: ImportPlan) -> list[str]:
    """A flowchart of the batches: an edge when a batch depends on an earlier one."""
    node = ResourceClass.MANAGED.value
    lines = ["```mermaid", "flowchart LR", f'  {node}(["{node}: {len(plan.managed)}"])']
    batch_of = {i.address: index for index, batch in enumerate(plan.batches, start=1) for i in batch}
    managed = {entry.address for entry in plan.managed}
    for index, batch in enumerate(plan.batches, start=1):
        types = Counter(i.type.removeprefix("aws_") for i in batch).most_common(3)
        label = ", ".join(f"{count} {name}" for name, count in types)
        lines.append(f'  b{index}["batch {index}: {len(batch)} imports<br/>{label}"]')
    edges = set()
    for index, batch in enumerate(plan.batches, start=1):
        for planned in batch:
            for dependency in planned.depends_on:
                source = node if dependency in managed else f"b{batch_of[dependency]}"
                edges.add((source, f"b{index}"))
    lines += [f"  {source} --> {target}" for source, target in sorted(edges)]
    lines.append("```")
    return lines


def render(plan: ImportPlan) -> str:
    """The whole report as Markdown."""
    lines = [f"# Import plan for `{plan.stack}`", ""]
    if plan.sources:
        lines += [f"- {key}: `{value}`" for key, value in plan.sources.items()] + [""]
    lines += ["## Summary", ""]
    lines += _table(["class", "count", "meaning"],
                    [[kind.value, str(plan.count(kind)), kind.explanation] for kind in ResourceClass])
    lines += ["", f"{plan.count(ResourceClass.IMPORT)} imports in {len(plan.batches)} batch(es); every import's "
              "dependencies are managed already or imported in an earlier batch.", "", "## Batches", ""]
    lines += mermaid(plan)
    for index, batch in enumerate(plan.batches, start=1):
        lines += ["", f"### Batch {index} ({len(batch)} imports)", ""]
        lines += _table(["address", "import ID", "matched by"],
                        [[f"`{i.address}`", f"`{i.id}`", i.matched_by] for i in batch])
    sections = [
        ("Ambiguous (decide in plan.json)", ["address", "candidates", "reason"],
         [[f"`{a.address}`", ", ".join(f"`{c}`" for c in a.candidates), a.reason] for a in plan.ambiguous]),
        ("ID mismatch", ["address", "state ID", "live ID"],
         [[f"`{m.address}`", f"`{m.state_id}`", f"`{m.live_id}`"] for m in plan.id_mismatch]),
        ("Blocked", ["address", "waiting for"],
         [[f"`{b.address}`", ", ".join(f"`{w}`" for w in b.waiting_for)] for b in plan.blocked]),
        ("Drift seen during discovery (verify's real plan shows every difference)", ["address", "attribute",
                                                                                   "code", "live"],
         [[f"`{d.address}`", d.attribute, f"`{d.code}`", f"`{d.live}`"] for d in plan.drift]),
        ("To create (in code, not live)", ["address"], [[f"`{a}`"] for a in plan.create]),
        ("Orphaned (in state, not in code)", ["address"], [[f"`{a}`"] for a in plan.orphaned]),
        ("Stale (in state, gone live)", ["address"], [[f"`{a}`"] for a in plan.stale]),
        ("Unmanaged (live, not in code)", ["type", "name", "import ID"],
         [[u.type, u.name, f"`{u.id}`"] for u in plan.unmanaged]),
        ("Reference cycles (members share one batch)", ["members", "cycle"],
         [[", ".join(f"`{a}`" for a in c.addresses), "; ".join(c.explained)] for c in plan.cycles]),
        ("Unsupported types", ["address"], [[f"`{a}`"] for a in plan.unsupported]),
    ]
    for title, headers, rows in sections:
        if rows:
            lines += ["", f"## {title}", ""] + _table(headers, rows)
    return "\n".join(lines) + "\n"
