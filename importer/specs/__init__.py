"""Resource specs, one module per AWS service; each module exposes ``SPECS``.

``registry()`` collects them (modules are found automatically, so adding a service is adding
a module, and adding a type is adding one entry). What else we know about a type (IAM actions,
state-only arguments) sits beside its spec in ``facts/<module>.json``, read by ``importer.specs.facts``.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from importer.specs.base import ResourceSpec

_NOT_SPEC_MODULES = {"base", "functions", "facts", "table"}


@lru_cache(maxsize=1)
def registry() -> dict[str, ResourceSpec]:
    """Every spec by Terraform type; a type declared twice is an error."""
    specs: dict[str, ResourceSpec] = {}
    for module in sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name not in _NOT_SPEC_MODULES):
        for spec in importlib.import_module(f"{__name__}.{module}").SPECS:
            if spec.type in specs:
                raise ValueError(f"{spec.type} is declared twice (again in importer/specs/{module}.py)")
            specs[spec.type] = spec
    return specs


def required_specs(types: set[str]) -> list[ResourceSpec]:
    """The specs for ``types`` plus every spec they need (parents, and the targets whose
    exclusions they follow), parents first."""
    specs = registry()
    unknown = sorted(types - set(specs))
    if unknown:
        raise KeyError(f"no spec for {', '.join(unknown)}")
    needed: set[str] = set()
    pending = list(types)
    while pending:
        type_name = pending.pop()
        if type_name in needed:
            continue
        needed.add(type_name)
        spec = specs[type_name]
        pending += [spec.parent] if spec.parent else []
        references = {ref.attribute: ref.target for ref in spec.references}
        pending += [references[attribute] for attribute in spec.drop_with_excluded]
    return sorted((specs[t] for t in needed), key=lambda s: (depth(s), s.type))


def depth(spec: ResourceSpec) -> int:
    """0 for a top-level type, 1 for a child of one, and so on."""
    specs, level = registry(), 0
    while spec.parent:
        spec, level = specs[spec.parent], level + 1
    return level
