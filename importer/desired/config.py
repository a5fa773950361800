"""Load a Terraform JSON configuration (synthesized by CDKTF or written by hand)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from importer.desired.expressions import Reference, references_in
from importer.ids import TfAddress, TfType


class ConfigError(ValueError):
    """The file is missing, not JSON, or not shaped like a Terraform JSON configuration."""


@dataclass(frozen=True)
class DesiredResource:
    """One ``resource`` block of the configuration."""

    address: TfAddress
    body: Mapping[str, Any]

    @property
    def type(self) -> TfType:
        """The resource's Terraform type."""
        return self.address.type

    def references(self) -> list[tuple[str, Reference]]:
        """(attribute path, reference) for every reference in the body, ``depends_on`` included."""
        found = [(path, ref) for path, ref in references_in(
            {k: v for k, v in self.body.items() if k not in ("depends_on", "lifecycle")}) if not ref.data]
        for dependency in self.body.get("depends_on", []) or []:
            try:
                found.append(("depends_on", Reference(TfAddress.parse(dependency), "")))
            except ValueError:
                continue
        return found

    def value(self, path: str) -> Any:
        """The value at a dotted path (``tags.Name``), or None when absent. Lists of one block
        are looked through, as Terraform JSON allows a block as an object or a list of one."""
        current: Any = self.body
        for part in path.split("."):
            if isinstance(current, list) and len(current) == 1:
                current = current[0]
            if not isinstance(current, dict) or part not in current:
                return None
            current = current[part]
        return current


@dataclass(frozen=True)
class DesiredConfig:
    """The resources of one configuration and where its state lives."""

    path: Path
    resources: tuple[DesiredResource, ...]
    backend: Mapping[str, Any]
    import_blocks: tuple[Mapping[str, str], ...] = ()
    default_tags: Mapping[str, str] | None = None
    provider_region: str | None = None

    def by_address(self) -> dict[TfAddress, DesiredResource]:
        """Resources by address."""
        return {resource.address: resource for resource in self.resources}

    def count_by_type(self) -> Counter:
        """Number of resources per Terraform type."""
        return Counter(str(resource.type) for resource in self.resources)


def load_config(path: Path) -> DesiredConfig:
    """Parse ``path``; raise ConfigError with the reason when it is not a usable config."""
    try:
        document = json.loads(Path(path).read_text())
    except FileNotFoundError as error:
        raise ConfigError(f"{path}: no such file") from error
    except json.JSONDecodeError as error:
        raise ConfigError(f"{path}: not JSON ({error.msg} at line {error.lineno})") from error
    if not isinstance(document, dict):
        raise ConfigError(f"{path}: a Terraform JSON configuration is an object at the top level")
    blocks = document.get("resource", {})
    if not isinstance(blocks, dict):
        raise ConfigError(f"{path}: 'resource' must be an object of types")
    resources = []
    for type_name, instances in sorted(blocks.items()):
        if not isinstance(instances, dict):
            raise ConfigError(f"{path}: resource type {type_name!r} must map names to bodies")
        for name, body in sorted(instances.items()):
            try:
                address = TfAddress(TfType(type_name), name)
            except ValueError as error:
                raise ConfigError(f"{path}: {error}") from error
            resources.append(DesiredResource(address, body if isinstance(body, dict) else {}))
    backend = document.get("terraform", {}).get("backend", {}) if isinstance(document.get("terraform"), dict) else {}
    imports = document.get("import", [])
    if not isinstance(imports, list) or not all(isinstance(i, dict) and "to" in i and "id" in i for i in imports):
        raise ConfigError(f"{path}: 'import' must be a list of blocks with 'to' and 'id'")
    return DesiredConfig(path=Path(path), resources=tuple(resources), backend=backend, import_blocks=tuple(imports),
                         default_tags=default_tags_of(document), provider_region=_provider_region(document))


def default_aws_provider(document: Mapping[str, Any]) -> dict[str, Any]:
    """The default ``aws`` provider block of a Terraform JSON document (the one without ``alias``,
    which every resource without a ``provider`` argument uses, whatever order the aliased blocks
    come in); {} when there is none."""
    providers = document.get("provider") if isinstance(document, Mapping) else None
    blocks = providers.get("aws") if isinstance(providers, Mapping) else None
    blocks = blocks if isinstance(blocks, list) else [blocks]
    return next((block for block in blocks if isinstance(block, dict) and not block.get("alias")), {})


def _provider_region(document: dict) -> str | None:
    region = default_aws_provider(document).get("region")
    return region if isinstance(region, str) and "${" not in region else None


def default_tags_of(document: dict) -> dict[str, str] | None:
    """The default ``aws`` provider's ``default_tags`` in a Terraform JSON document (None: none set)."""
    blocks = default_aws_provider(document).get("default_tags")
    block = blocks[0] if isinstance(blocks, list) and blocks else blocks
    return dict(block.get("tags", {})) if isinstance(block, dict) else None
