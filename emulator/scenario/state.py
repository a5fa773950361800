"""Put part of the hand-built account into real Terraform state, as the team once began to:
the VPC core, the security groups and the ECR repositories, imported with the real Terraform
into the environment's S3 backend in the emulator."""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from pathlib import Path
from typing import Mapping

from emulator.scenario.context import BuildContext
from emulator.scenario.terraform_seed import address_by_code_path, import_blocks, write_workdir
from importer.desired.slicer import slice_config
from importer.terraform.runner import Terraform

IN_STATE_PATTERNS = (
    "network/vpc", "network/public_subnet_", "network/private_subnet_", "network/isolated_subnet_", "network/igw",
    "network/public_route_table", "network/private_route_table_", "network/isolated_route_table",
    "network/public_default_route", "network/public_association_", "network/private_association_",
    "network/isolated_association_", "network/s3_endpoint", "compute/backend_repository",
    "compute/worker_repository",
)


def _in_state(code_path: str) -> bool:
    # Of the security concern only the groups were imported back then, not their rules.
    in_security = code_path.startswith("security/") and code_path.endswith("_sg")
    return in_security or code_path.startswith(IN_STATE_PATTERNS)


def seed_state(ctx: BuildContext, stack_dir: Path, terraform_environment: Mapping[str, str]) -> int:
    """Import the chosen subset with ``terraform apply`` into the stack's backend; return how many."""
    config = json.loads((stack_dir / "cdk.tf.json").read_text())
    backend = config["terraform"]["backend"]["s3"]
    ctx.client("s3").create_bucket(Bucket=backend["bucket"])
    mapping = address_by_code_path(config)
    chosen = [r for r in ctx.report.records if r.code_path and _in_state(r.code_path) and r.code_path in mapping]
    subset = slice_config(config, {mapping[r.code_path] for r in chosen})
    with tempfile.TemporaryDirectory(prefix="seed-state-") as scratch:
        workdir = write_workdir(Path(scratch), subset, import_blocks(chosen, mapping), stack_dir)
        terraform = Terraform(workdir, {**os.environ, **terraform_environment})  # it runs with exactly this
        terraform.init()
        terraform.plan()
        terraform.apply()
    chosen_paths = {r.code_path for r in chosen}
    ctx.report.records[:] = [dataclasses.replace(r, in_state=True) if r.code_path in chosen_paths else r
                             for r in ctx.report.records]
    return len(chosen)
