"""Apply one verified batch to the real state (its imports; batch 1 also the plan's moves and
forgets): only through a saved plan that passes the gate, only when the state and config are the
ones verify saw, never over someone else's lock, and always after a backup of the state."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

from importer.plan import ImportPlan, PlanError
from importer.terraform.runner import Terraform
from importer.desired.sandbox import local_backend
from importer.desired.source import ConfigInput
from importer.verify.gate import FORGET, judge
from importer.state.reader import parse_state
from importer.verify.state_changes import forgotten_resources, not_done, preflight
from importer.verify.verify import VerifyResult, write_private
from importer.verify.workspace import as_workspace


class ApplyRefused(RuntimeError):
    """The batch was not applied; the message says why. Nothing was changed."""


@dataclass(frozen=True)
class ApplyOutcome:
    """What happened to one batch."""

    batch: int
    applied: bool
    message: str
    backup: Path | None = None
    imported: tuple[str, ...] = ()
    moved: tuple[str, ...] = ()
    forgotten: tuple[str, ...] = ()


def local_state_path(backend: Mapping[str, Any], location: str) -> Path | None:
    """The absolute state file of a config whose ``backend`` is none or ``local`` (Terraform's
    default is ``terraform.tfstate`` beside the config); None when a remote backend keeps the state."""
    if backend and "local" not in backend:
        return None
    return Path(location).resolve()


def _backup(state_text: str, fingerprint: dict[str, Any], backup_dir: Path) -> Path:
    """A copy of the state before the apply, readable by its owner only."""
    backup_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    backup = backup_dir / f"{fingerprint['lineage']}-serial{fingerprint['serial']}.tfstate"
    if not backup.exists():
        write_private(backup, state_text)
    return backup


def _check_state(fingerprint: dict[str, Any], seen: dict[str, Any], batch: int) -> None:
    """The state must hold exactly the resources verify planned ``batch`` against, with its lineage
    when verify saw one (when there was no state yet, the first apply made the lineage)."""
    if fingerprint["resources"] == seen["resources"] and seen["lineage"] in (None, fingerprint["lineage"]):
        return
    raise ApplyRefused(f"the state is not the one verify planned batch {batch} against (lineage "
                       f"{fingerprint['lineage']} serial {fingerprint['serial']}, {len(fingerprint['resources'])} "
                       f"resources; verify saw lineage {seen['lineage']}, {len(seen['resources'])} resources): apply "
                       "the earlier batches or verify again")


def apply_batch(
    config: ConfigInput | dict[str, Any], stack_dir: Path | None, plan: ImportPlan, batch: int | None,
    verified: VerifyResult, read_state: Callable[[], str | None], is_locked: Callable[[], str | None],
    environ: Mapping[str, str], workdir: Path, backup_dir: Path, local_state: Path | None = None,
) -> ApplyOutcome:
    """Check, back up, re-plan, gate, apply, confirm. Raises ApplyRefused (nothing changed) or
    returns the outcome; a batch already in state is reported as nothing to do. ``batch`` None:
    every batch not in state yet, in one saved plan (as verify's combined plan; every batch must
    have been verified clean). ``config``: a ConfigInput, or a parsed flat JSON document whose
    files are in ``stack_dir``. ``local_state``: the state file of a config without a remote
    backend (Terraform then runs with a local backend at that absolute path, so the apply writes
    the real state, not the scratch directory's)."""
    last = len(plan.batches)
    if batch is not None:
        try:
            plan.selection(batch)
        except PlanError as error:
            raise ApplyRefused(str(error)) from error
    wanted = [batch] if batch is not None else list(range(1, last + 1))
    state_text = read_state()
    state = parse_state(state_text, "state")
    try:
        preflight(plan, state)
    except PlanError as error:
        raise ApplyRefused(str(error)) from error
    current = state.addresses()
    remaining = [index for index in wanted if not_done(plan, index, current)]
    if not remaining:
        return ApplyOutcome(batch or last, False, f"batch {batch} is already in state: nothing to do" if batch
                            else "every batch is already in state: nothing to do")
    label = f"batch {batch}" if batch else f"batches {remaining[0]}-{last}"
    workspace = as_workspace(config, stack_dir)
    if verified.config_sha256 != workspace.digest():
        raise ApplyRefused("the configuration changed since verify: run verify again")
    outcomes = {b.index: b for b in verified.batches}
    unverified = [index for index in wanted if index not in outcomes or not outcomes[index].accepted]
    if unverified:
        raise ApplyRefused(f"batch {unverified[0]} was not verified clean: run verify (and fix what it reports) first")
    fingerprint = state.fingerprint()
    _check_state(fingerprint, outcomes[remaining[0]].state_before, remaining[0])
    holder = is_locked()
    if holder:
        raise ApplyRefused(f"the state is locked ({holder}): someone else is changing it")
    backend = None if local_state is None else local_backend(local_state)
    backup = None if state_text is None else _backup(state_text, fingerprint, backup_dir)
    terraform = workspace.open(workdir, environ, backend)
    try:
        arguments = workspace.select(plan, batch or last, cumulative=batch is None, in_state=current)
    except PlanError as error:
        raise ApplyRefused(str(error)) from error
    terraform.init()
    terraform.plan("apply.tfplan", *arguments)
    gate = judge(terraform.show_json("apply.tfplan"), workspace.construct_paths(), forgotten_resources(plan))
    if not gate.accepted:
        refused = ", ".join(f"{v.address} ({'/'.join(v.actions)})" for v in gate.refused())
        raise ApplyRefused(f"the fresh plan of {label} is not clean: {refused}")
    terraform.apply("apply.tfplan")
    after = parse_state(read_state(), "state").addresses()
    missing = [item for index in remaining for item in not_done(plan, index, after)]
    if missing:
        raise ApplyRefused(f"applied, but the state does not show {', '.join(missing[:10])}")
    imports = [planned for index in remaining for planned in plan.selection(index)[1] if planned.address not in current]
    moved = tuple(f"{v.previous_address} -> {v.address}" for v in gate.verdicts if v.previous_address)
    forgotten = tuple(v.address for v in gate.verdicts if v.kind == FORGET)
    extra = "".join(f", {len(done)} {what}" for done, what in ((moved, "moves"), (forgotten, "forgets")) if done)
    return ApplyOutcome(batch or last, True, f"{label}: {len(imports)} imports applied{extra}", backup,
                        tuple(planned.address for planned in imports), moved, forgotten)
