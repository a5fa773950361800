"""Load a Terraform JSON configuration (synthesized by CDKTF or written by hand)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

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


@dataclass(frozen=True)
class DesiredConfig:
    """The resources of one configuration and where its state lives."""

    path: Path
    resources: tuple[DesiredResource, ...]
    backend: Mapping[str, Any]

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
    return DesiredConfig(path=Path(path), resources=tuple(resources), backend=backend)
