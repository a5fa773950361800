"""Put part of the hand-built account into real Terraform state, as the team once began to, with
the real Terraform into the environment's S3 backend in the emulator. Two variants:

- ``stack``: the VPC core, the security groups and the ECR repositories imported at the stack's
  own addresses (a state these stacks wrote);
- ``legacy``: a smaller part imported by an older hand-written project at its own addresses
  (``count``/``for_each`` instances, a module, other names, two leftovers): see legacy_state.py.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from pathlib import Path
from typing import Mapping

from emulator.scenario.context import BuildContext
from emulator.scenario.legacy_state import legacy_imports, write_legacy_workdir
from emulator.scenario.terraform_seed import address_by_code_path, import_blocks, import_into_state, write_workdir
from importer.desired.slicer import slice_config

STATE_VARIANTS = ("stack", "legacy")
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


def seed_state(ctx: BuildContext, stack_dir: Path, terraform_environment: Mapping[str, str],
               variant: str = "stack") -> int:
    """Import part of the account (``variant``: one of STATE_VARIANTS) with ``terraform apply`` into
    the stack's backend; mark the records with the address holding them; return how many."""
    if variant not in STATE_VARIANTS:
        raise ValueError(f"state variant {variant!r}: choose from {', '.join(STATE_VARIANTS)}")
    config = json.loads((stack_dir / "cdk.tf.json").read_text())
    backend = config["terraform"]["backend"]["s3"]
    ctx.client("s3").create_bucket(Bucket=backend["bucket"])
    environment = {**os.environ, **terraform_environment}  # Terraform runs with exactly this
    with tempfile.TemporaryDirectory(prefix="seed-state-") as scratch:
        if variant == "legacy":
            imports = legacy_imports(ctx)
            write_legacy_workdir(Path(scratch), ctx, backend, imports)
            import_into_state(Path(scratch), environment)
            held = {(item.type, item.import_id): item.address for item in imports}
        else:
            mapping = address_by_code_path(config)
            chosen = [r for r in ctx.report.records if r.code_path and _in_state(r.code_path) and r.code_path in mapping]
            subset = slice_config(config, {mapping[r.code_path] for r in chosen})
            write_workdir(Path(scratch), subset, import_blocks(chosen, mapping), stack_dir)
            import_into_state(Path(scratch), environment, only_imports=False)
            held = {(r.type, r.import_id): mapping[r.code_path] for r in chosen}
    ctx.report.records[:] = [
        dataclasses.replace(r, in_state=True, state_address=held[(r.type, r.import_id)])
        if (r.type, r.import_id) in held else r for r in ctx.report.records]
    return len(held)
