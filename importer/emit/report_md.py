"""``report.md``: the plan as a pull request reviewer reads it (GitHub renders the mermaid graph),
and the one-line outcome ``plan`` ends with."""

from __future__ import annotations

import shlex
from collections import Counter, defaultdict
from typing import Any

from importer.classes import ResourceClass
from importer.ids import TfAddress
from importer.plan import FORGET, ImportPlan, Orphan

C = ResourceClass


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 'es' if word.endswith('h') else 's'}"


def outcome_line(plan: ImportPlan) -> str:
    """What the exit status means: the moves, imports, batches and forgets planned (exit 2), the
    decisions pending (exit 2, which, said here), or nothing to do and nothing to decide (exit 0)."""
    imports = plan.count(C.IMPORT)
    if plan.has_work:
        work = (f"{_plural(len(plan.moved), 'move')}, {_plural(imports, C.IMPORT.value)} in "
                f"{_plural(len(plan.batches), 'batch')}; {_plural(len(plan.forgets), 'forget')}")
    else:
        work = "nothing to do"
    pending = ", ".join(f"{count} {name}" for name, count in plan.pending.items())
    return f"{work}; decisions pending: {pending} (see report.md)" if pending else f"{work}; no decision pending"


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    def cell(value: str) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return lines


def _label(text: str) -> str:
    """Text inside a mermaid ``"..."`` label (addresses carry quotes and brackets)."""
    return text.replace('"', "#quot;")


def _batch_label(plan: ImportPlan, index: int) -> str:
    batch = plan.batches[index - 1]
    types = Counter(i.type.removeprefix("aws_") for i in batch).most_common(3)
    label = f"batch {index}: {_plural(len(batch), C.IMPORT.value)}"
    if index == 1 and (plan.moved or plan.forgets):
        label += f", {_plural(len(plan.moved), 'move')}, {_plural(len(plan.forgets), 'forget')}"
    return label + ("<br/>" + ", ".join(f"{count} {name}" for name, count in types) if types else "")


def mermaid(plan: ImportPlan) -> list[str]:
    """A flowchart of the batches (an edge when a batch depends on an earlier one) and of the moves
    (a dotted edge from the old address to the new one, applied with batch 1)."""
    node = C.MANAGED.value
    lines = ["```mermaid", "flowchart LR", f'  {node}(["{node}: {len(plan.managed)}"])']
    batch_of = {i.address: index for index, batch in enumerate(plan.batches, start=1) for i in batch}
    managed = {entry.address for entry in plan.managed}
    moved_to = {move.to: number for number, move in enumerate(plan.moved)}
    for number, move in enumerate(plan.moved):
        lines.append(f'  mf{number}["{_label(move.from_)}"] -. moved .-> mt{number}["{_label(move.to)}"]')
    lines += [f'  b{index}["{_batch_label(plan, index)}"]' for index in range(1, len(plan.batches) + 1)]
    edges = set()
    for index, batch in enumerate(plan.batches, start=1):
        for planned in batch:
            for dependency in planned.depends_on:
                if dependency in managed:
                    edges.add((node, f"b{index}"))
                elif dependency in moved_to:
                    edges.add((f"mt{moved_to[dependency]}", f"b{index}"))
                elif dependency in batch_of and batch_of[dependency] != index:
                    edges.add((f"b{batch_of[dependency]}", f"b{index}"))
    lines += [f"  {source} --> {target}" for source, target in sorted(edges)]
    if plan.moved:
        lines.append("  classDef moved stroke-dasharray: 5 5,fill:#fff4dd")
        lines.append("  class " + ",".join(f"mf{n},mt{n}" for n in range(len(plan.moved))) + " moved")
    lines.append("```")
    return lines


def _plan_command(plan: ImportPlan) -> str:
    """The ``plan`` command line that made this plan (from its sources), to repeat with a flag."""
    config = str(plan.sources.get("config", ""))
    if config.endswith(f"stacks/{plan.stack}/cdk.tf.json"):
        return f"python -m importer plan --stack {shlex.quote(plan.stack)}"
    return f"python -m importer plan --config {shlex.quote(config or '<config>')}"


def orphan_rows(plan: ImportPlan) -> list[list[str]]:
    """Address, ID, live, decision and the exact next step of each orphan. A ``removed`` block
    names a resource without keys, so the instances of one resource are forgotten together."""
    groups: dict[str, list[Orphan]] = defaultdict(list)
    for orphan in plan.orphaned:
        groups[str(TfAddress.parse(orphan.address).unkeyed)].append(orphan)
    command = _plan_command(plan)
    rows = []
    for orphan in plan.orphaned:
        resource = str(TfAddress.parse(orphan.address).unkeyed)
        target = resource if len(groups[resource]) > 1 else orphan.address
        live = {True: "yes", False: "no (gone)", None: "unknown"}[orphan.live]
        if orphan.decision == FORGET:
            step = (f"a `removed` block for `{resource}` (destroy = false) goes with batch 1: verify, then apply "
                    "batch 1; Terraform forgets it, AWS keeps it")
        else:
            step = (f"to forget it (Terraform drops it, AWS keeps it): `{command} --forget {shlex.quote(target)}` "
                    f"with your other plan flags (or set \"decision\": \"forget\" in plan.json); to keep managing "
                    f"it, put `{orphan.address}` back in code")
        rows.append([f"`{orphan.address}`", f"`{orphan.id}`" if orphan.id else "", live, orphan.decision, step])
    return rows


def _managed_elsewhere(plan: ImportPlan) -> list[str]:
    """Listed once, grouped by the stack whose state holds them, with counts."""
    if not plan.managed_elsewhere:
        return []
    by_stack: dict[str, list] = defaultdict(list)
    for entry in plan.managed_elsewhere:
        by_stack[entry.stack].append(entry)
    lines = ["", "## Managed elsewhere (held by another stack's state: never matched here)", ""]
    lines += _table(["stack", "objects"], [[f"`{stack}`", str(len(by_stack[stack]))] for stack in sorted(by_stack)])
    for stack in sorted(by_stack):
        lines += ["", f"### Stack `{stack}` ({len(by_stack[stack])})", ""]
        lines += _table(["type", "name", "import ID", f"address in {stack}"],
                        [[e.type, e.name, f"`{e.id}`", f"`{e.address}`"] for e in by_stack[stack]])
    return lines


def _source_lines(sources: dict[str, Any]) -> list[str]:
    lines = []
    for key, value in sources.items():
        if key == "siblings" and isinstance(value, list):
            shown = [f"`{s.get('stack')}` at `{s.get('state')}`" + (
                f" ({s.get('instances')} instances, serial {s.get('serial')})" if s.get("exists") else " (no state yet)")
                for s in value if isinstance(s, dict)]
            lines.append(f"- siblings: {', '.join(shown) if shown else 'none'}")
        else:
            lines.append(f"- {key}: `{value}`")
    return lines + [""] if lines else []


def render(plan: ImportPlan) -> str:
    """The whole report as Markdown."""
    lines = [f"# Import plan for `{plan.stack}`", ""] + _source_lines(plan.sources)
    lines += ["## Summary", ""]
    lines += _table(["class", "count", "meaning"],
                    [[kind.value, str(plan.count(kind)), kind.explanation] for kind in ResourceClass])
    lines += ["", f"{outcome_line(plan)}. Moves and forgets go with batch 1; every import's dependencies are "
              "managed, moved, or imported in an earlier batch.", "", "## Batches", ""]
    lines += mermaid(plan)
    if plan.moved:
        lines += ["", f"## Moved ({len(plan.moved)}: `moved` blocks applied with batch 1)", ""]
        lines += _table(["from", "to", "id"], [[f"`{m.from_}`", f"`{m.to}`", f"`{m.id}`"] for m in plan.moved])
    for index, batch in enumerate(plan.batches, start=1):
        lines += ["", f"### Batch {index} ({_plural(len(batch), C.IMPORT.value)})", ""]
        if not batch:
            lines.append("No import: this batch carries the moves and forgets.")
            continue
        lines += _table(["address", "import ID", "matched by"],
                        [[f"`{i.address}`", f"`{i.id}`", i.matched_by] for i in batch])
    if plan.orphaned:
        lines += ["", "## Orphaned (in state, not in code: never destroyed)", "",
                  "Each run of `plan` decides afresh: give every `--forget` again (or `--forget all`).", ""]
        lines += _table(["address", "id", "live", "decision", "next step"], orphan_rows(plan))
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
    lines += _managed_elsewhere(plan)
    return "\n".join(lines) + "\n"
