"""Terraform working directories with ``import`` blocks for what the builder made.

Used to put part of the hand-built account into the real Terraform state (the way the team
once started to adopt it) and, in development, to check that the builder's objects match the
code exactly. Resource addresses come from the CDKTF construct path in each resource's
``//.metadata.path`` of the synthesized config.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path
from typing import Any, Iterable

from emulator.scenario.context import LiveRecord

_REFERENCE = re.compile(r"\b(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)")


def address_by_code_path(config: dict[str, Any]) -> dict[str, str]:
    """Map construct path (without the stack name) to resource address."""
    mapping = {}
    for type_name, instances in config.get("resource", {}).items():
        for name, body in instances.items():
            path = body.get("//", {}).get("metadata", {}).get("path", "")
            mapping[path.split("/", 1)[1] if "/" in path else path] = f"{type_name}.{name}"
    return mapping


def referenced_addresses(body: Any) -> set[str]:
    """Addresses of resources referenced anywhere in a resource body (data sources excluded)."""
    text = json.dumps({k: v for k, v in body.items() if k != "//"}) if isinstance(body, dict) else json.dumps(body)
    found = set()
    for expression in re.findall(r"\$\{(.*?)\}", text):
        for type_name, name in _REFERENCE.findall(expression):
            if not expression[: expression.find(type_name)].endswith("data."):
                found.add(f"{type_name}.{name}")
    for dependency in body.get("depends_on", []) if isinstance(body, dict) else []:
        found.add(dependency)
    return found


def subset_config(config: dict[str, Any], keep: set[str]) -> dict[str, Any]:
    """A copy of ``config`` with only the resources in ``keep``; every reference must stay inside."""
    result = copy.deepcopy(config)
    for type_name in list(result.get("resource", {})):
        instances = result["resource"][type_name]
        for name in list(instances):
            address = f"{type_name}.{name}"
            if address not in keep:
                del instances[name]
                continue
            missing = referenced_addresses(instances[name]) - keep
            if missing:
                raise ValueError(f"{address} references {sorted(missing)}, which the subset leaves out")
        if not instances:
            del result["resource"][type_name]
    return result


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
