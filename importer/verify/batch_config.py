"""The configuration of one import batch, derived from any Terraform JSON config and the plan:
exactly what ``IMPORT_BATCH=k`` synthesizes (managed resources and batches 1..k, import blocks
for batch k), so verification needs no CDKTF."""

from __future__ import annotations

import copy
import hashlib
import json
from typing import Any

from importer.desired.expressions import references_in
from importer.plan import ImportPlan, PlanError

LOCAL_STATE = "terraform.tfstate"


def config_digest(config: dict[str, Any]) -> str:
    """SHA-256 of the configuration's resources (to notice a config changed since verify)."""
    return hashlib.sha256(json.dumps(config.get("resource", {}), sort_keys=True).encode()).hexdigest()


def construct_paths(config: dict[str, Any]) -> dict[str, str]:
    """CDKTF construct path (without the stack) per address, when the config carries them."""
    paths = {}
    for type_name, instances in config.get("resource", {}).items():
        for name, body in instances.items():
            path = body.get("//", {}).get("metadata", {}).get("path")
            if path:
                paths[f"{type_name}.{name}"] = path.split("/", 1)[-1]
    return paths


def batch_config(config: dict[str, Any], plan: ImportPlan, batch: int | None,
                 backend: dict[str, Any] | None = None, *, cumulative: bool = False) -> dict[str, Any]:
    """The config for ``batch`` (None: the full config without import blocks), with ``backend``
    replacing the configured one when given; with ``cumulative``, the import blocks of batches
    1..batch instead of batch alone. Refuses a selection whose references leave it."""
    document = copy.deepcopy(config)
    document.pop("import", None)
    if batch is not None:
        keep, imports = plan.selection(batch)
        if cumulative:
            imports = [planned for earlier in plan.batches[:batch] for planned in earlier]
        resources = {}
        for type_name, instances in document.get("resource", {}).items():
            kept = {name: body for name, body in instances.items() if f"{type_name}.{name}" in keep}
            if kept:
                resources[type_name] = kept
        document["resource"] = resources
        missing = sorted({str(ref.address) for instances in resources.values() for body in instances.values()
                          for _, ref in references_in(body) if not ref.data and str(ref.address) not in keep})
        if missing:
            raise PlanError(f"batch {batch} keeps resources that reference {', '.join(missing[:5])}, which the "
                            "batch leaves out (re-run the plan)")
        if imports:
            document["import"] = [{"to": planned.address, "id": planned.id} for planned in imports]
    if backend is not None:
        document.setdefault("terraform", {})["backend"] = backend
    return document
