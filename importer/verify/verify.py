"""Verify: prove every batch clean on the real Terraform, on a sandbox copy of the state, before
the real state is touched. Each accepted batch is applied to the sandbox only (imports write
only state), then the next is planned; finally the full config must plan no changes."""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from importer.plan import ImportPlan
from importer.terraform.runner import Terraform
from importer.verify.batch_config import LOCAL_STATE, batch_config, config_digest, construct_paths
from importer.verify.gate import GateResult, judge


def state_fingerprint(text: str | None) -> dict[str, Any]:
    """Lineage, serial, digest and managed (address, id) pairs of a state text."""
    if text is None:
        return {"exists": False, "lineage": None, "serial": None, "sha256": None, "resources": []}
    document = json.loads(text)
    resources = sorted(f"{r['type']}.{r['name']}={r['instances'][0]['attributes'].get('id')}"
                       for r in document.get("resources", []) if r.get("mode") == "managed" and r.get("instances"))
    return {"exists": True, "lineage": document.get("lineage"), "serial": document.get("serial"),
            "sha256": hashlib.sha256(text.encode()).hexdigest(), "resources": resources}


@dataclass
class BatchOutcome:
    """What verify saw for one batch."""

    index: int
    accepted: bool
    seconds: float | None  # its own plan's time (per-batch mode); None when one plan judged every batch
    counts: dict[str, int]
    verdicts: list[dict[str, Any]]
    state_before: dict[str, Any]


@dataclass
class VerifyResult:
    """The whole verification, as written to verify.json."""

    stack: str
    config_sha256: str
    state: dict[str, Any]
    mode: str = "combined"
    batches: list[BatchOutcome] = field(default_factory=list)
    final: dict[str, Any] = field(default_factory=dict)
    plans_run: int = 0
    combined_plan_seconds: float | None = None
    seconds: float = 0.0

    @property
    def clean(self) -> bool:
        """True when every batch was accepted and the final full plan had no changes."""
        return bool(self.final.get("clean")) and all(b.accepted for b in self.batches)

    def stopped_at(self) -> int | None:
        """The first refused batch, if any."""
        return next((b.index for b in self.batches if not b.accepted), None)

    def to_json(self) -> str:
        """verify.json."""
        data = asdict(self)
        data["clean"] = self.clean
        data["stopped_at"] = self.stopped_at()
        return json.dumps(data, indent=2, default=str) + "\n"


MODES = ("combined", "per-batch")


def _outcome(index: int, gate: GateResult, seconds: float | None, state_before: dict[str, Any]) -> BatchOutcome:
    verdicts = [v.to_dict() for v in gate.verdicts if v.kind != "no-op"]
    return BatchOutcome(index, gate.accepted, None if seconds is None else round(seconds, 2), gate.counts(),
                        verdicts, state_before)


@dataclass
class _Sandbox:
    """The sandbox working directory: a copy of the state, the config of one selection, a local backend."""

    config: dict[str, Any]
    plan: ImportPlan
    terraform: Terraform
    paths: dict[str, str]
    initialized: bool = False

    def select(self, batch: int | None, *, cumulative: bool = False) -> None:
        """Write the config of ``batch`` (None: the full config) and init once."""
        local = {"local": {"path": LOCAL_STATE}}
        document = batch_config(self.config, self.plan, batch, local, cumulative=cumulative)
        (self.terraform.workdir / "main.tf.json").write_text(json.dumps(document, indent=1))
        if not self.initialized:
            self.terraform.init()
            self.initialized = True

    def fingerprint(self) -> dict[str, Any]:
        """The sandbox state as it is now."""
        path = self.terraform.workdir / LOCAL_STATE
        return state_fingerprint(path.read_text() if path.exists() else None)


def _verify_per_batch(box: _Sandbox, result: VerifyResult, progress: Callable[[str], None]) -> None:
    """The literal procedure: plan batch k alone, gate it, apply it to the sandbox, then k+1."""
    total = len(box.plan.batches)
    for index in range(1, total + 1):
        progress(f"batch {index}/{total}: plan")
        box.select(index)
        before = box.fingerprint()
        batch_started = time.perf_counter()
        plan_file = f"batch-{index}.tfplan"
        box.terraform.plan(plan_file, "-refresh=false")
        result.plans_run += 1
        gate = judge(box.terraform.show_json(plan_file), box.paths)
        result.batches.append(_outcome(index, gate, time.perf_counter() - batch_started, before))
        if not gate.accepted:
            progress(f"batch {index}: refused")
            return
        progress(f"batch {index}/{total}: apply to the sandbox state")
        box.terraform.apply(plan_file)


def planned_ids(plan_json: Mapping[str, Any]) -> dict[str, str]:
    """Address -> ``id`` after the plan, for every resource the plan imports."""
    return {change["address"]: str((change.get("change", {}).get("after") or {}).get("id"))
            for change in plan_json.get("resource_changes", []) if change.get("change", {}).get("importing")}


def state_before_batch(original: dict[str, Any], imported: Mapping[str, str], earlier: list[list[Any]]) -> dict[str, Any]:
    """The sandbox state batch k would be planned against: the original plus batches 1..k-1."""
    if not earlier:
        return original
    added = [f"{planned.address}={imported.get(planned.address)}" for batch in earlier for planned in batch]
    return {**original, "exists": True, "serial": None, "sha256": None,
            "resources": sorted(set(original["resources"]) | set(added))}


def _verify_combined(box: _Sandbox, result: VerifyResult, progress: Callable[[str], None]) -> None:
    """One plan importing every batch, judged batch by batch (a change outside every batch counts
    against batch 1, where the per-batch procedure would meet it); applied to the sandbox when clean.
    Imports are independent reads, so each batch's changes are those its own plan would show."""
    batches = box.plan.batches
    progress(f"one plan importing all {len(batches)} batches")
    box.select(len(batches), cumulative=True)
    original = box.fingerprint()
    started = time.perf_counter()
    box.terraform.plan("all.tfplan", "-refresh=false")
    result.plans_run += 1
    plan_json = box.terraform.show_json("all.tfplan")
    gate = judge(plan_json, box.paths)
    result.combined_plan_seconds = round(time.perf_counter() - started, 2)
    batch_of = {planned.address: index for index, batch in enumerate(batches, start=1) for planned in batch}
    verdicts: dict[int, list] = {index: [] for index in range(1, len(batches) + 1)}
    for verdict in gate.verdicts:
        verdicts[batch_of.get(verdict.address, 1)].append(verdict)
    imported = planned_ids(plan_json)
    for index in range(1, len(batches) + 1):
        part = GateResult(verdicts[index])
        result.batches.append(_outcome(index, part, None,
                                       state_before_batch(original, imported, batches[: index - 1])))
        if not part.accepted:
            progress(f"batch {index}: refused")
            return
    progress("apply every import to the sandbox state")
    box.terraform.apply("all.tfplan")


def _final_plan(box: _Sandbox, result: VerifyResult, progress: Callable[[str], None]) -> None:
    """The full config, refreshed, must plan no changes; changes are judged to explain them."""
    progress("final full plan")
    box.select(None)
    started = time.perf_counter()
    exit_code = box.terraform.plan("final.tfplan")
    result.plans_run += 1
    changes = []
    if exit_code != 0:
        gate = judge(box.terraform.show_json("final.tfplan"), box.paths)
        changes = [v.to_dict() for v in gate.verdicts if v.kind != "no-op"]
    result.final = {"clean": exit_code == 0, "changes": changes, "seconds": round(time.perf_counter() - started, 2)}


def verify(
    stack: str, config: dict[str, Any], stack_dir: Path, plan: ImportPlan, state_text: str | None,
    environ: Mapping[str, str], workdir: Path, progress: Callable[[str], None] = lambda message: None,
    mode: str = "combined",
) -> VerifyResult:
    """Plan and gate every batch in a sandbox, then plan the full config; never touches the real
    state. ``mode`` "combined" judges every batch from one plan; "per-batch" plans and applies
    each batch in turn (one plan per batch)."""
    if mode not in MODES:
        raise ValueError(f"verify mode must be one of {', '.join(MODES)}, not {mode!r}")
    started = time.perf_counter()
    workdir.mkdir(parents=True, exist_ok=True)
    if state_text is not None:
        (workdir / LOCAL_STATE).write_text(state_text)
    if (stack_dir / "assets").is_dir():
        shutil.copytree(stack_dir / "assets", workdir / "assets", dirs_exist_ok=True)
    result = VerifyResult(stack, config_digest(config), state_fingerprint(state_text), mode=mode)
    box = _Sandbox(config, plan, Terraform(workdir, environ), construct_paths(config))
    if plan.batches:
        (_verify_combined if mode == "combined" else _verify_per_batch)(box, result, progress)
    if all(batch.accepted for batch in result.batches):
        _final_plan(box, result, progress)
    result.seconds = round(time.perf_counter() - started, 2)
    return result
