"""Apply one verified batch to the real state: only through a saved plan that passes the gate,
only when the state and config are the ones verify saw, never over someone else's lock, and
always after a backup of the state."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

from importer.plan import ImportPlan, PlanError
from importer.terraform.runner import Terraform
from importer.verify.batch_config import batch_config, config_digest, construct_paths
from importer.verify.gate import judge
from importer.verify.verify import state_fingerprint


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


def _in_state(text: str | None) -> dict[str, str]:
    if not text:
        return {}
    return {f"{r['type']}.{r['name']}": str(r["instances"][0]["attributes"].get("id"))
            for r in json.loads(text).get("resources", []) if r.get("mode") == "managed" and r.get("instances")}


def apply_batch(
    config: dict[str, Any], stack_dir: Path, plan: ImportPlan, batch: int, verified: dict[str, Any],
    read_state: Callable[[], str | None], is_locked: Callable[[], str | None], environ: Mapping[str, str],
    workdir: Path, backup_dir: Path,
) -> ApplyOutcome:
    """Check, back up, re-plan, gate, apply, confirm. Raises ApplyRefused (nothing changed) or
    returns the outcome; a batch already in state is reported as nothing to do."""
    try:
        _, imports = plan.selection(batch)
    except PlanError as error:
        raise ApplyRefused(str(error)) from error
    state_text = read_state()
    current = _in_state(state_text)
    if imports and all(planned.address in current for planned in imports):
        return ApplyOutcome(batch, False, f"batch {batch} is already in state: nothing to do")
    if verified.get("config_sha256") != config_digest(config):
        raise ApplyRefused("the configuration changed since verify: run verify again")
    outcomes = {b["index"]: b for b in verified.get("batches", [])}
    if batch not in outcomes or not outcomes[batch]["accepted"]:
        raise ApplyRefused(f"batch {batch} was not verified clean: run verify (and fix what it reports) first")
    seen = outcomes[batch]["state_before"]
    fingerprint = state_fingerprint(state_text)
    if (fingerprint["lineage"], fingerprint["resources"]) != (seen["lineage"], seen["resources"]):
        raise ApplyRefused(f"the state is not the one verify planned batch {batch} against (lineage "
                           f"{fingerprint['lineage']} serial {fingerprint['serial']}; verify saw lineage "
                           f"{seen['lineage']} serial {seen['serial']}): apply the earlier batches or verify again")
    holder = is_locked()
    if holder:
        raise ApplyRefused(f"the state is locked ({holder}): someone else is changing it")
    backup = None
    if state_text is not None:
        backup_dir.mkdir(parents=True, exist_ok=True)
        backup = backup_dir / f"{fingerprint['lineage']}-serial{fingerprint['serial']}.tfstate"
        if not backup.exists():
            backup.write_text(state_text)
    workdir.mkdir(parents=True, exist_ok=True)
    if (stack_dir / "assets").is_dir():
        shutil.copytree(stack_dir / "assets", workdir / "assets", dirs_exist_ok=True)
    (workdir / "main.tf.json").write_text(json.dumps(batch_config(config, plan, batch), indent=1))
    terraform = Terraform(workdir, environ)
    terraform.init()
    terraform.plan("apply.tfplan")
    gate = judge(terraform.show_json("apply.tfplan"), construct_paths(config))
    if not gate.accepted:
        refused = ", ".join(f"{v.address} ({'/'.join(v.actions)})" for v in gate.refused())
        raise ApplyRefused(f"the fresh plan of batch {batch} is not clean: {refused}")
    terraform.apply("apply.tfplan")
    after = _in_state(read_state())
    missing = [planned.address for planned in imports if planned.address not in after]
    if missing:
        raise ApplyRefused(f"applied, but these imports are not in state: {', '.join(missing)}")
    return ApplyOutcome(batch, True, f"batch {batch}: {len(imports)} imports applied", backup,
                        tuple(planned.address for planned in imports))
