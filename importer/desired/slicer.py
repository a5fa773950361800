"""The one configuration slicer: a Terraform JSON config cut down to some of its root resources.
Outputs, locals and data sources that reference what is left out are left out with it; a kept
resource that references what is left out is refused. Used for import batches (verify, apply)
and for the emulator scenario's partial imports."""

from __future__ import annotations

import copy
from typing import Any, Collection, Iterator

from importer.desired.expressions import locals_in, references_in


class SliceError(ValueError):
    """Kept resources reference something the slice leaves out (``missing``, sorted)."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__(f"kept resources reference {', '.join(missing[:5])}, which the slice leaves out")
        self.missing = missing


def construct_paths(config: dict[str, Any]) -> dict[str, str]:
    """CDKTF construct path (without the stack) per address, when the config carries them."""
    paths = {}
    for type_name, instances in config.get("resource", {}).items():
        for name, body in instances.items():
            path = body.get("//", {}).get("metadata", {}).get("path")
            if path:
                paths[f"{type_name}.{name}"] = path.split("/", 1)[-1]
    return paths


def names_in(value: Any) -> set[str]:
    """Every resource (``type.name``), data source (``data.type.name``) and local (``local.name``)
    a JSON value refers to, ``depends_on`` included."""
    names = {f"{'data.' if ref.data else ''}{ref.address}" for _, ref in references_in(value)}
    if isinstance(value, dict) and isinstance(value.get("depends_on"), list):  # bare addresses
        names |= {item for item in value["depends_on"] if isinstance(item, str)}
    return names | {f"local.{name}" for name in locals_in(value)}


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
            if name not in gone and names_in(container[key]) & gone:
                del container[key]
                gone.add(name)
                changed = True
    for type_name in [t for t, instances in document.get("data", {}).items() if not instances]:
        del document["data"][type_name]
    for block in ("output", "data"):
        if block in document and not document[block]:
            del document[block]
    return gone


def slice_config(config: dict[str, Any], keep: Collection[str]) -> dict[str, Any]:
    """A copy of ``config`` with only the root resources whose address is in ``keep`` (and what
    does not depend on the rest); SliceError when a kept resource references what is left out."""
    document = copy.deepcopy(config)
    resources, left_out = {}, set()
    for type_name, instances in document.get("resource", {}).items():
        kept = {name: body for name, body in instances.items() if f"{type_name}.{name}" in keep}
        left_out |= {f"{type_name}.{name}" for name in instances if name not in kept}
        if kept:
            resources[type_name] = kept
    document["resource"] = resources
    gone = _drop_dependents(document, left_out)
    missing = sorted({name for instances in resources.values() for body in instances.values()
                      for name in names_in(body) & gone})
    if missing:
        raise SliceError(missing)
    return document
