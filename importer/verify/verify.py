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
    seconds: float
    counts: dict[str, int]
    verdicts: list[dict[str, Any]]
    state_before: dict[str, Any]


@dataclass
class VerifyResult:
    """The whole verification, as written to verify.json."""

    stack: str
    config_sha256: str
    state: dict[str, Any]
    batches: list[BatchOutcome] = field(default_factory=list)
    final: dict[str, Any] = field(default_factory=dict)
    plans_run: int = 0
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


def _outcome(index: int, gate: GateResult, seconds: float, state_before: dict[str, Any]) -> BatchOutcome:
    verdicts = [v.to_dict() for v in gate.verdicts if v.kind != "no-op"]
    return BatchOutcome(index, gate.accepted, round(seconds, 2), gate.counts(), verdicts, state_before)


def verify(
    stack: str, config: dict[str, Any], stack_dir: Path, plan: ImportPlan, state_text: str | None,
    environ: Mapping[str, str], workdir: Path, progress: Callable[[str], None] = lambda message: None,
) -> VerifyResult:
    """Plan and gate every batch in a sandbox; never touches the real state."""
    started = time.perf_counter()
    workdir.mkdir(parents=True, exist_ok=True)
    if state_text is not None:
        (workdir / LOCAL_STATE).write_text(state_text)
    if (stack_dir / "assets").is_dir():
        shutil.copytree(stack_dir / "assets", workdir / "assets", dirs_exist_ok=True)
    local = {"local": {"path": LOCAL_STATE}}
    paths = construct_paths(config)
    result = VerifyResult(stack, config_digest(config), state_fingerprint(state_text))
    terraform = Terraform(workdir, environ)
    initialized = False
    for index in range(1, len(plan.batches) + 1):
        progress(f"batch {index}/{len(plan.batches)}: plan")
        (workdir / "main.tf.json").write_text(json.dumps(batch_config(config, plan, index, local), indent=1))
        if not initialized:
            terraform.init()
            initialized = True
        before = state_fingerprint((workdir / LOCAL_STATE).read_text() if (workdir / LOCAL_STATE).exists() else None)
        batch_started = time.perf_counter()
        plan_file = f"batch-{index}.tfplan"
        terraform.plan(plan_file, "-refresh=false")
        result.plans_run += 1
        gate = judge(terraform.show_json(plan_file), paths)
        outcome = _outcome(index, gate, time.perf_counter() - batch_started, before)
        result.batches.append(outcome)
        if not gate.accepted:
            progress(f"batch {index}: refused")
            break
        progress(f"batch {index}/{len(plan.batches)}: apply to the sandbox state")
        terraform.apply(plan_file)
    else:
        progress("final full plan")
        (workdir / "main.tf.json").write_text(json.dumps(batch_config(config, plan, None, local), indent=1))
        if not initialized:
            terraform.init()
        final_started = time.perf_counter()
        exit_code = terraform.plan("final.tfplan")
        result.plans_run += 1
        gate = judge(terraform.show_json("final.tfplan"), paths)
        changes = [v.to_dict() for v in gate.verdicts if v.kind != "no-op"]
        result.final = {"clean": exit_code == 0, "changes": changes,
                        "seconds": round(time.perf_counter() - final_started, 2)}
    result.seconds = round(time.perf_counter() - started, 2)
    return result
