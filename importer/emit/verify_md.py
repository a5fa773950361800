"""The verification section of ``report.md``."""

from __future__ import annotations

from importer.emit.report_md import _table
from importer.verify.gate import FORGET, REFUSED, Finding, value_cells
from importer.verify.verify import VerifyResult, final_summary


def _values(finding: Finding) -> list[str]:
    """The code and live cells: masked JSON, or ``(sensitive value differs)`` (never a secret)."""
    return [f"`{cell}`" for cell in value_cells(finding, 80)]


def render_verify(result: VerifyResult) -> str:
    """Per batch: accepted or refused, with every finding explained."""
    lines = ["", "## Verification on a sandbox copy of the state", ""]
    lines += _table(["batch", "result", "changes", "seconds"],
                    [[str(b.index), "clean" if b.accepted else "**refused**",
                      ", ".join(f"{n} {k}" for k, n in sorted(b.counts.items())),
                      "(one plan)" if b.seconds is None else f"{b.seconds:.1f}"]
                     for b in result.batches])
    moves = [(b.index, v) for b in result.batches for v in b.verdicts if v.previous_address or v.kind == FORGET]
    if moves:
        lines += ["", "### Moves and forgets (state only: AWS is not touched)", ""]
        lines += _table(["batch", "state entry", "becomes", "result"],
                        [[str(i), f"`{v.previous_address or v.address}`",
                          f"`{v.address}`" if v.previous_address else "forgotten (AWS keeps it)",
                          "accepted" if v.status != REFUSED else "**refused**"] for i, v in moves])
    findings = [(b.index, v, f) for b in result.batches for v in b.verdicts for f in v.findings]
    if findings:
        lines += ["", "### Differences found", ""]
        lines += _table(["batch", "address", "attribute", "kind", "code", "live", "what to do"],
                        [[str(i), f"`{v.address}`", f.attribute, f.kind, *_values(f), f.advice]
                         for i, v, f in findings])
    refused = [(b.index, v) for b in result.batches for v in b.verdicts if v.status == REFUSED and not v.findings]
    if refused:
        lines += ["", "### Refused without attribute differences", ""]
        lines += _table(["batch", "address", "action"], [[str(i), f"`{v.address}`", "/".join(v.actions)]
                                                         for i, v in refused])
    if result.final:
        verdict = final_summary(result.final) if result.final["clean"] else "**changes** (see verify.json)"
        lines += ["", f"Final plan of the full configuration: {verdict}."]
    if result.combined_plan_seconds is not None:
        lines += ["", f"One plan imported every batch ({result.combined_plan_seconds:.1f} s); each batch was judged "
                      "on its own resources."]
    lines += ["", f"{result.plans_run} plans, {result.seconds:.1f} s."]
    return "\n".join(lines) + "\n"
