"""Verify: prove every batch clean on the real Terraform, on a sandbox copy of the state, before
the real state is touched. Each accepted batch is applied to the sandbox only (imports, moves and
forgets write only state), then the next is planned; finally the full config (without the moved
and removed blocks) must plan no changes but the plan's creates. A batch already in state (a
partial apply) is done: verify can run at any point. Each batch records the state
``apply --batch k`` must find. A plan with orphans still decided "keep", or importing an object
the state holds elsewhere, is refused before any Terraform run."""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Collection, Mapping

from importer.ids import TfAddress
from importer.plan import ImportPlan
from importer.state.reader import parse_state
from importer.terraform.runner import Terraform
from importer.desired.sandbox import local_backend
from importer.desired.source import ConfigInput
from importer.verify.batch_config import LOCAL_STATE
from importer.verify.gate import REFUSED, GateResult, Verdict, judge
from importer.verify.state_changes import forgotten_resources, not_done, preflight, state_after_moves
from importer.verify.workspace import Workspace, as_workspace


def write_private(path: Path, text: str) -> None:
    """Write a state copy readable by its owner only (created 0600, never widened first)."""
    path.unlink(missing_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(text)


def expected_state(original: dict[str, Any], resources: list[str]) -> dict[str, Any]:
    """The state a batch must find: the original when nothing was added, else the original's
    lineage (None when there was no state: the first real apply makes one) with ``resources``."""
    if sorted(resources) == original["resources"]:
        return original
    return {**original, "exists": True, "serial": None, "sha256": None, "resources": sorted(resources)}


class VerifyFileError(ValueError):
    """verify.json does not have the shape verify writes."""


@dataclass
class BatchOutcome:
    """What verify saw for one batch."""

    index: int
    accepted: bool
    seconds: float | None  # its own plan's time (per-batch mode); None when one plan judged every batch
    counts: dict[str, int]
    verdicts: list[Verdict]
    state_before: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """JSON form (one entry of verify.json's ``batches``)."""
        return {"index": self.index, "accepted": self.accepted, "seconds": self.seconds, "counts": self.counts,
                "verdicts": [verdict.to_dict() for verdict in self.verdicts], "state_before": self.state_before}

    @classmethod
    def from_dict(cls, data: Any) -> "BatchOutcome":
        """Read one entry of verify.json's ``batches``; VerifyFileError when it is not one."""
        try:
            index, accepted, state_before = data["index"], data["accepted"], data["state_before"]
            if type(index) is not int or type(accepted) is not bool or not isinstance(state_before, dict):
                raise TypeError("index, accepted or state_before has the wrong type")
            return cls(index, accepted, data.get("seconds"), dict(data.get("counts") or {}),
                       [Verdict.from_dict(verdict) for verdict in data.get("verdicts") or []], state_before)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise VerifyFileError(f"a batch entry is not one verify writes ({error})") from error


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
        data = {"stack": self.stack, "config_sha256": self.config_sha256, "state": self.state, "mode": self.mode,
                "batches": [batch.to_dict() for batch in self.batches], "final": self.final,
                "plans_run": self.plans_run, "combined_plan_seconds": self.combined_plan_seconds,
                "seconds": self.seconds, "clean": self.clean, "stopped_at": self.stopped_at()}
        return json.dumps(data, indent=2, default=str) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "VerifyResult":
        """Read verify.json back: json.JSONDecodeError when it is not JSON, VerifyFileError when it
        is not what verify writes (only ``batches`` is required; the rest defaults)."""
        data = json.loads(text)
        if not isinstance(data, dict) or not isinstance(data.get("batches"), list):
            raise VerifyFileError("verify.json must be an object with a list of batches")
        batches = [BatchOutcome.from_dict(batch) for batch in data["batches"]]
        try:
            return cls(str(data.get("stack") or ""), str(data.get("config_sha256") or ""), dict(data.get("state") or {}),
                       str(data.get("mode") or "combined"), batches, dict(data.get("final") or {}),
                       int(data.get("plans_run") or 0), data.get("combined_plan_seconds"),
                       float(data.get("seconds") or 0.0))
        except (TypeError, ValueError) as error:
            raise VerifyFileError(f"verify.json is not one verify writes ({error})") from error


MODES = ("combined", "per-batch")


def _outcome(index: int, gate: GateResult, seconds: float | None, state_before: dict[str, Any],
             in_state: int) -> BatchOutcome:
    verdicts = [v for v in gate.verdicts if v.kind != "no-op"]
    counts = gate.counts() | ({"in state": in_state} if in_state else {})
    return BatchOutcome(index, gate.accepted, None if seconds is None else round(seconds, 2), counts,
                        verdicts, state_before)


def unimported(plan_json: Mapping[str, Any], imports: list[Any], in_state: Collection[str]) -> list[Verdict]:
    """A refusal for every planned import that is neither in state nor imported by the plan (so
    the state a later batch must find is never guessed)."""
    imported = planned_ids(plan_json)
    return [Verdict(planned.address, planned.type, ("not imported",), False, REFUSED, "not-imported")
            for planned in imports
            if planned.address not in in_state and planned.address not in imported]


@dataclass
class _Sandbox:
    """The sandbox: a copy of the state (a local backend in ``state_path``'s directory), the
    workspace that writes the configuration of one selection, and the plan."""

    workspace: Workspace
    plan: ImportPlan
    terraform: Terraform
    state_path: Path
    paths: dict[str, str]
    in_state: frozenset[str] = frozenset()
    initialized: bool = False

    def judge(self, plan_file: str) -> tuple[dict[str, Any], GateResult]:
        """The plan document of ``plan_file`` and the gate's verdicts on it."""
        plan_json = self.terraform.show_json(plan_file)
        return plan_json, judge(plan_json, self.paths, forgotten_resources(self.plan))

    def select(self, batch: int | None, *, cumulative: bool = False) -> tuple[str, ...]:
        """Write the config of ``batch`` (None: the full config), init once; the plan's arguments."""
        arguments = self.workspace.select(self.plan, batch, cumulative=cumulative, in_state=self.in_state)
        if not self.initialized:
            self.terraform.init()
            self.initialized = True
        return arguments

    def fingerprint(self) -> dict[str, Any]:
        """The sandbox state as it is now."""
        path = self.state_path
        return parse_state(path.read_text() if path.exists() else None, str(path)).fingerprint()


def _verify_per_batch(box: _Sandbox, result: VerifyResult, progress: Callable[[str], None]) -> None:
    """The literal procedure: plan batch k alone, gate it, apply it to the sandbox, then k+1. A batch
    whose imports are all in state already is done."""
    total = len(box.plan.batches)
    original = box.fingerprint()
    for index, imports in enumerate(box.plan.batches, start=1):
        before = expected_state(original, box.fingerprint()["resources"])
        done = sum(1 for planned in imports if planned.address in box.in_state)
        if not not_done(box.plan, index, box.in_state):
            result.batches.append(_outcome(index, GateResult(), 0.0, before, done))
            continue
        progress(f"batch {index}/{total}: plan")
        arguments = box.select(index)
        batch_started = time.perf_counter()
        plan_file = f"batch-{index}.tfplan"
        box.terraform.plan(plan_file, "-refresh=false", *arguments)
        result.plans_run += 1
        plan_json, gate = box.judge(plan_file)
        gate.verdicts += unimported(plan_json, imports, box.in_state)
        result.batches.append(_outcome(index, gate, time.perf_counter() - batch_started, before, done))
        if not gate.accepted:
            progress(f"batch {index}: refused")
            return
        progress(f"batch {index}/{total}: apply to the sandbox state")
        box.terraform.apply(plan_file)


def planned_ids(plan_json: Mapping[str, Any]) -> dict[str, str]:
    """Address -> ``id`` after the plan, for every resource the plan imports."""
    return {change["address"]: str((change.get("change", {}).get("after") or {}).get("id"))
            for change in plan_json.get("resource_changes", []) if change.get("change", {}).get("importing")}


def split_entry(entry: str) -> tuple[str, str]:
    """``address=id`` of a state fingerprint as (address, id); an instance key may hold ``=``."""
    for position, character in enumerate(entry):
        if character == "=":
            try:
                TfAddress.parse(entry[:position])
            except ValueError:
                continue
            return entry[:position], entry[position + 1:]
    raise ValueError(f"not an address=id entry: {entry!r}")


def state_before_batch(original: dict[str, Any], imported: Mapping[str, str], earlier: list[list[Any]],
                       plan: ImportPlan | None = None) -> dict[str, Any]:
    """The sandbox state batch k would be planned against: the original, after batch 1's moves
    and forgets (``plan``'s, once batch 1 is among the ``earlier`` ones), plus the imports of
    batches 1..k-1 that were not in it already (every one of them imported by the plan)."""
    have = dict(split_entry(entry) for entry in original["resources"])
    if earlier and plan is not None:
        have = state_after_moves(have, plan)
    for batch in earlier:
        for planned in batch:
            if planned.address not in have:
                have[planned.address] = imported[planned.address]
    return expected_state(original, [f"{address}={id_}" for address, id_ in have.items()])


def _verify_combined(box: _Sandbox, result: VerifyResult, progress: Callable[[str], None]) -> None:
    """One plan importing every batch, judged batch by batch (a change outside every batch counts
    against batch 1, where the per-batch procedure would meet it); applied to the sandbox when clean.
    Imports are independent reads, so each batch's changes are those its own plan would show.
    Imports already in state are kept as managed resources and get no import block."""
    batches = box.plan.batches
    progress(f"one plan importing all {len(batches)} batches")
    arguments = box.select(len(batches), cumulative=True)
    original = box.fingerprint()
    started = time.perf_counter()
    box.terraform.plan("all.tfplan", "-refresh=false", *arguments)
    result.plans_run += 1
    plan_json, gate = box.judge("all.tfplan")
    result.combined_plan_seconds = round(time.perf_counter() - started, 2)
    batch_of = {planned.address: index for index, batch in enumerate(batches, start=1) for planned in batch}
    verdicts: dict[int, list] = {index: [] for index in range(1, len(batches) + 1)}
    for verdict in gate.verdicts:
        verdicts[batch_of.get(verdict.address, 1)].append(verdict)
    imported = planned_ids(plan_json)
    for index, imports in enumerate(batches, start=1):
        part = GateResult(verdicts[index] + unimported(plan_json, imports, box.in_state))
        done = sum(1 for planned in imports if planned.address in box.in_state)
        result.batches.append(_outcome(index, part, None,
                                       state_before_batch(original, imported, batches[: index - 1], box.plan),
                                       done))
        if not part.accepted:
            progress(f"batch {index}: refused")
            return
    progress("apply every import to the sandbox state")
    box.terraform.apply("all.tfplan")


def final_verdict(changes: list[Verdict], planned_creates: set[str]) -> tuple[list[Verdict], list[str]]:
    """(unexpected changes, planned creates): the final plan's changes are all expected only when
    they are exactly the creates the import plan lists (creates alone, every one of them)."""
    creates = {v.address for v in changes if v.actions == ("create",)}
    if changes and len(creates) == len(changes) and creates == planned_creates:
        return [], sorted(creates)
    return changes, []


def _final_plan(box: _Sandbox, result: VerifyResult, progress: Callable[[str], None]) -> None:
    """The full config, refreshed, must plan no changes; changes are judged to explain them."""
    progress("final full plan")
    arguments = box.select(None)
    started = time.perf_counter()
    exit_code = box.terraform.plan("final.tfplan", *arguments)
    result.plans_run += 1
    changes: list[Verdict] = []
    if exit_code != 0:  # output changes alone touch nothing: only resource changes count
        changes = [v for v in box.judge("final.tfplan")[1].verdicts if v.kind != "no-op"]
    unexpected, creates = final_verdict(changes, set(box.plan.create) - box.in_state)
    result.final = {"clean": not unexpected, "changes": [v.to_dict() for v in unexpected], "planned_creates": creates,
                    "seconds": round(time.perf_counter() - started, 2)}


def final_summary(final: Mapping[str, Any]) -> str:
    """The final plan in a few words: no changes, the planned creates, or CHANGES."""
    creates = final.get("planned_creates") or []
    if not final.get("clean"):
        return "CHANGES"
    if creates:
        return f"{len(creates)} planned creates (not imports): {', '.join(creates)}"
    return "no changes"


def verify(
    stack: str, config: ConfigInput | dict[str, Any], stack_dir: Path | None, plan: ImportPlan, state_text: str | None,
    environ: Mapping[str, str], workdir: Path, progress: Callable[[str], None] = lambda message: None,
    mode: str = "combined",
) -> VerifyResult:
    """Plan and gate every batch in a sandbox, then plan the full config; never touches the real
    state. ``config``: a ConfigInput, or a parsed flat JSON document whose files (``assets/``) are
    in ``stack_dir``. ``mode`` "combined" judges every batch from one plan; "per-batch" plans and
    applies each batch in turn (one plan per batch)."""
    if mode not in MODES:
        raise ValueError(f"verify mode must be one of {', '.join(MODES)}, not {mode!r}")
    started = time.perf_counter()
    state = parse_state(state_text, "state")
    preflight(plan, state)
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    if state_text is not None:
        write_private(workdir / LOCAL_STATE, state_text)
    workspace = as_workspace(config, stack_dir)
    result = VerifyResult(stack, workspace.digest(), state.fingerprint(), mode=mode)
    terraform = workspace.open(workdir / "work", environ, local_backend(workdir / LOCAL_STATE))
    box = _Sandbox(workspace, plan, terraform, workdir / LOCAL_STATE, workspace.construct_paths(), state.addresses())
    if plan.batches:
        (_verify_combined if mode == "combined" else _verify_per_batch)(box, result, progress)
    if all(batch.accepted for batch in result.batches):
        _final_plan(box, result, progress)
    result.seconds = round(time.perf_counter() - started, 2)
    return result
