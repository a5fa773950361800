"""Terraform working directories with ``import`` blocks for what the builder made.

Used to put part of the hand-built account into the real Terraform state (the way the team
once started to adopt it) and, in development, to check that the builder's objects match the
code exactly. Resource addresses come from the CDKTF construct path in each resource's
``//.metadata.path`` of the synthesized config.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any, Iterable, Mapping

from emulator.scenario.context import LiveRecord
from importer.desired.slicer import construct_paths
from importer.terraform.runner import Terraform
from importer.verify.changes import resource_changes


def address_by_code_path(config: dict[str, Any]) -> dict[str, str]:
    """Map construct path (without the stack name) to resource address."""
    return {path: address for address, path in construct_paths(config).items()}


def import_blocks(records: Iterable[LiveRecord], mapping: dict[str, str]) -> list[dict[str, str]]:
    """``import`` blocks (``to``/``id``) for every record whose code path is in the config."""
    return [{"to": mapping[r.code_path], "id": r.import_id} for r in records if r.code_path in mapping]


def write_workdir(
    workdir: Path, config: dict[str, Any], imports: list[dict[str, str]], stack_dir: Path | None,
    local_backend: bool = False,
) -> Path:
    """Write ``main.tf.json`` with the imports (and the stack's assets, e.g. Lambda zips)."""
    workdir.mkdir(parents=True, exist_ok=True)
    document = copy.deepcopy(config)
    if local_backend:
        document.setdefault("terraform", {})["backend"] = {"local": {"path": "terraform.tfstate"}}
    if imports:
        document["import"] = imports
    (workdir / "main.tf.json").write_text(json.dumps(document, indent=2))
    if stack_dir is not None and (stack_dir / "assets").is_dir():
        shutil.copytree(stack_dir / "assets", workdir / "assets", dirs_exist_ok=True)
    return workdir


def import_into_state(workdir: Path, environment: Mapping[str, str], only_imports: bool = True) -> None:
    """``init``, ``plan`` and ``apply`` in ``workdir`` with the real Terraform; with
    ``only_imports``, refuse (before the apply) a plan that does anything but import unchanged."""
    terraform = Terraform(workdir, environment)
    terraform.init()
    terraform.plan("seed.tfplan")
    if not only_imports:
        terraform.apply("seed.tfplan")
        return
    shown = json.loads(terraform.run("show", "-json", "seed.tfplan").stdout)
    changing = [f"{c.address} {'/'.join(c.actions)}" for c in resource_changes(shown)
                if c.actions != ("no-op",) or c.importing_id is None]
    if changing:
        raise RuntimeError(f"seeding the state in {workdir} would change AWS: {', '.join(changing)}")
    terraform.apply("seed.tfplan")
