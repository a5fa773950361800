"""The configuration of one import batch, derived from any Terraform JSON config and the plan:
exactly what ``IMPORT_BATCH=k`` synthesizes (managed resources and batches 1..k, import blocks
for batch k), so verification needs no CDKTF. Resources already in state are kept (they are
managed now), and outputs, locals and data sources that reference what the batch leaves out
are left out with it."""

from __future__ import annotations

import copy
import hashlib
import json
import re
from typing import Any, Collection, Iterator

from importer.desired.expressions import interpolations, references_in
from importer.plan import ImportPlan, PlanError

LOCAL_STATE = "terraform.tfstate"
_LOCAL = re.compile(r"(?<![\w.])local\.([A-Za-z_][A-Za-z0-9_-]*)")


def _without_metadata(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _without_metadata(item) for key, item in value.items() if key != "//"}
    if isinstance(value, list):
        return [_without_metadata(item) for item in value]
    return value


def config_digest(config: dict[str, Any]) -> str:
    """SHA-256 of everything that changes a plan (to notice a config changed since verify): the
    whole document except CDKTF's ``//`` metadata and the import blocks, independent of key order."""
    document = _without_metadata({key: value for key, value in config.items() if key != "import"})
    return hashlib.sha256(json.dumps(document, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def construct_paths(config: dict[str, Any]) -> dict[str, str]:
    """CDKTF construct path (without the stack) per address, when the config carries them."""
    paths = {}
    for type_name, instances in config.get("resource", {}).items():
        for name, body in instances.items():
            path = body.get("//", {}).get("metadata", {}).get("path")
            if path:
                paths[f"{type_name}.{name}"] = path.split("/", 1)[-1]
    return paths


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "//":
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _names_in(value: Any) -> set[str]:
    """Every resource (``type.name``), data source (``data.type.name``) and local (``local.name``)
    a JSON value refers to."""
    names = {f"{'data.' if ref.data else ''}{ref.address}" for _, ref in references_in(value)}
    if isinstance(value, dict) and isinstance(value.get("depends_on"), list):  # bare addresses
        names |= {item for item in value["depends_on"] if isinstance(item, str)}
    return names | {f"local.{name}" for text in _strings(value) for expression in interpolations(text)
                    for name in _LOCAL.findall(expression)}


def _dependents(document: dict[str, Any]) -> Iterator[tuple[str, Any, Any]]:
    """(name, container, key) of every output, local and data source of the document."""
    for name in list(document.get("output", {})):
        yield f"output.{name}", document["output"], name
    locals_blocks = document.get("locals", {})
    for block in locals_blocks if isinstance(locals_blocks, list) else [locals_blocks]:
        for name in list(block):
            if name != "//":
                yield f"local.{name}", block, name
    for type_name, instances in document.get("data", {}).items():
        for name in list(instances):
            yield f"data.{type_name}.{name}", instances, name


def _drop_dependents(document: dict[str, Any], gone: set[str]) -> set[str]:
    """Remove outputs, locals and data sources that reference ``gone`` (transitively); return
    ``gone`` with what was removed."""
    gone = set(gone)
    changed = True
    while changed:
        changed = False
        for name, container, key in list(_dependents(document)):
            if name not in gone and _names_in(container[key]) & gone:
                del container[key]
                gone.add(name)
                changed = True
    for type_name in [t for t, instances in document.get("data", {}).items() if not instances]:
        del document["data"][type_name]
    for block in ("output", "data"):
        if block in document and not document[block]:
            del document[block]
    return gone


def batch_config(config: dict[str, Any], plan: ImportPlan, batch: int | None,
                 backend: dict[str, Any] | None = None, *, cumulative: bool = False,
                 in_state: Collection[str] = ()) -> dict[str, Any]:
    """The config for ``batch`` (None: the full config without import blocks), with ``backend``
    replacing the configured one when given; with ``cumulative``, the import blocks of batches
    1..batch instead of batch alone. Resources whose address is ``in_state`` are kept and get no
    import block. Refuses a selection whose resources reference what it leaves out."""
    document = copy.deepcopy(config)
    document.pop("import", None)
    if batch is not None:
        keep, imports = plan.selection(batch)
        keep |= set(in_state)
        if cumulative:
            imports = [planned for earlier in plan.batches[:batch] for planned in earlier]
        imports = [planned for planned in imports if planned.address not in in_state]
        resources, left_out = {}, set()
        for type_name, instances in document.get("resource", {}).items():
            kept = {name: body for name, body in instances.items() if f"{type_name}.{name}" in keep}
            left_out |= {f"{type_name}.{name}" for name in instances if name not in kept}
            if kept:
                resources[type_name] = kept
        document["resource"] = resources
        gone = _drop_dependents(document, left_out)
        missing = sorted({name for instances in resources.values() for body in instances.values()
                          for name in _names_in(body) & gone})
        if missing:
            raise PlanError(f"batch {batch} keeps resources that reference {', '.join(missing[:5])}, which the "
                            "batch leaves out (re-run the plan)")
        if imports:
            document["import"] = [{"to": planned.address, "id": planned.id} for planned in imports]
    if backend is not None:
        document.setdefault("terraform", {})["backend"] = backend
    return document
