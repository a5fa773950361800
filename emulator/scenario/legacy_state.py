"""Put part of the hand-built account into the stack's state the way an older, hand-written
Terraform project did (``legacy_project/``): imported with the real Terraform at that project's
addresses — ``count`` and ``for_each`` instances, a resource in a module, other names, and two
leftovers the stacks do not describe. Every resource there ignores all changes, so the import
changes nothing in AWS. Reconciling the stack against this state means moves and forgets."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from emulator.scenario.context import BuildContext

LEGACY_PROJECT = Path(__file__).with_name("legacy_project")
# for_each keys of the legacy module's queues -> the builder's record (construct path), or None for
# the old test queue the stacks do not describe.
QUEUES = {"jobs": "messaging/jobs_queue", "jobs-dlq": "messaging/jobs_dlq",
          "notifications": "messaging/notifications_queue", "test-queue-old": None}
# Leftovers the legacy project adopted: address -> the build context's ID of the object.
LEFTOVERS = {'module.queues.aws_sqs_queue.this["test-queue-old"]': "old_test_queue_url",
             "aws_security_group.debug": "debug_security_group_id"}


@dataclass(frozen=True)
class LegacyImport:
    """One object the legacy project imported: at ``address``, the builder's record ``code_path``
    (None for a leftover no stack describes)."""

    address: str
    type: str
    import_id: str
    code_path: str | None


def legacy_project() -> dict[str, Any]:
    """The legacy project's root ``main.tf.json``."""
    return json.loads((LEGACY_PROJECT / "main.tf.json").read_text())


def legacy_imports(ctx: BuildContext) -> list[LegacyImport]:
    """Every legacy address with the builder's ID for it (for any environment's account)."""
    config, records = ctx.config, ctx.report.by_code_path()
    variables = legacy_project()["variable"]
    if set(variables["queues"]["default"]) != set(QUEUES):
        raise ValueError(f"{LEGACY_PROJECT}/main.tf.json: the queues variable does not list {sorted(QUEUES)}")
    described = [("aws_vpc.this", "network/vpc"), ("aws_internet_gateway.this", "network/igw"),
                 ("aws_ecr_repository.backend", "compute/backend_repository"),
                 ("aws_ecr_repository.legacy_worker", "compute/worker_repository")]
    zones = config.availability_zones
    described += [(f"aws_subnet.private[{index}]", f"network/private_subnet_{index}") for index in range(len(zones))]
    described += [(f'aws_subnet.public["{zone}"]', f"network/public_subnet_{index}") for index, zone in enumerate(zones)]
    described += [(f'aws_security_group.this["{key}"]', f"security/{key}_sg")
                  for key in sorted(variables["security_groups"]["default"])]
    described += [(f'module.queues.aws_sqs_queue.this["{key}"]', path) for key, path in QUEUES.items() if path]
    imports = [LegacyImport(address, records[path].type, records[path].import_id, path) for address, path in described]
    for address, key in LEFTOVERS.items():
        type_name = address.split(".")[-2]
        imports.append(LegacyImport(address, type_name, ctx.ids[key], None))
    return imports


def legacy_variables(ctx: BuildContext) -> dict[str, Any]:
    """``terraform.tfvars.json`` for this environment's account."""
    config = ctx.config
    zones = config.availability_zones
    return {"prefix": ctx.prefix, "region": ctx.region, "default_tags": dict(config.default_tags),
            "vpc_cidr": config.vpc_cidr,
            "private_subnet_cidrs": config.subnet_cidrs(1),
            "public_subnets": dict(zip(zones, config.subnet_cidrs(0)))}


def write_legacy_workdir(workdir: Path, ctx: BuildContext, backend: dict[str, Any],
                         imports: list[LegacyImport]) -> Path:
    """The legacy project with the stack's S3 backend, this account's variables and ``import`` blocks."""
    shutil.copytree(LEGACY_PROJECT, workdir, dirs_exist_ok=True)
    project = legacy_project()
    project["terraform"]["backend"] = {"s3": backend}
    (workdir / "main.tf.json").write_text(json.dumps(project, indent=2))
    (workdir / "terraform.tfvars.json").write_text(json.dumps(legacy_variables(ctx), indent=2))
    blocks = [{"to": item.address, "id": item.import_id} for item in imports]
    (workdir / "imports.tf.json").write_text(json.dumps({"import": blocks}, indent=2))
    return workdir
