"""Read Terraform state v4 without ever writing it: from a path, ``s3://bucket/key``, or the
backend named in the configuration."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from importer.ids import TfAddress, TfType


class StateError(ValueError):
    """The state cannot be read or is not Terraform state version 4."""


@dataclass(frozen=True)
class StateResource:
    """One managed root-module resource instance in state."""

    address: TfAddress
    id: str
    attributes: Mapping[str, Any]


@dataclass(frozen=True)
class TerraformState:
    """What the importer needs from a state: resources, and lineage/serial to detect changes."""

    location: str
    exists: bool
    lineage: str | None = None
    serial: int | None = None
    resources: tuple[StateResource, ...] = ()
    unsupported: tuple[str, ...] = field(default=())

    def by_address(self) -> dict[TfAddress, StateResource]:
        """Resources by address."""
        return {resource.address: resource for resource in self.resources}


def parse_state(text: str, location: str) -> TerraformState:
    """Parse state JSON; module resources and count/for_each instances are listed as unsupported."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise StateError(f"{location}: not JSON ({error.msg})") from error
    if not isinstance(document, dict) or document.get("version") != 4:
        raise StateError(f"{location}: not Terraform state version 4")
    try:
        return _parse_resources(document, location)
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise StateError(f"{location}: a damaged Terraform state (its resources are malformed: "
                         f"{type(error).__name__} {error})") from error


def _parse_resources(document: dict[str, Any], location: str) -> TerraformState:
    resources, unsupported = [], []
    for entry in document.get("resources", []):
        if entry.get("mode") != "managed":
            continue
        label = f"{entry.get('module', '') + '.' if entry.get('module') else ''}{entry['type']}.{entry['name']}"
        instances = entry.get("instances", [])
        if entry.get("module") or len(instances) != 1 or "index_key" in instances[0]:
            unsupported.append(label)
            continue
        attributes = instances[0].get("attributes", {})
        resources.append(StateResource(TfAddress(TfType(entry["type"]), entry["name"]), str(attributes.get("id")),
                                       attributes))
    return TerraformState(location=location, exists=True, lineage=document.get("lineage"),
                          serial=document.get("serial"), resources=tuple(resources), unsupported=tuple(unsupported))


def state_location(backend: Mapping[str, Any], config_dir: Path) -> str:
    """Where the configuration's backend keeps state: ``s3://bucket/key`` or a local path."""
    if not isinstance(backend, Mapping):
        raise StateError(f"the backend block must be an object, not {json.dumps(backend)[:60]}")
    if "s3" in backend:
        s3 = backend["s3"] if isinstance(backend["s3"], Mapping) else {}
        missing = [name for name in ("bucket", "key") if not isinstance(s3.get(name), str) or not s3.get(name)]
        if missing:
            raise StateError(f"the s3 backend names no {' and no '.join(missing)}: give --state s3://bucket/key")
        return f"s3://{s3['bucket']}/{s3['key']}"
    unsupported = sorted(set(backend) - {"local"})
    if unsupported:
        raise StateError(f"the {unsupported[0]} backend is not supported (s3 and local are): give --state PATH|s3://...")
    local = backend.get("local") if isinstance(backend.get("local"), Mapping) else {}
    return str(config_dir / local.get("path", "terraform.tfstate"))


def split_s3_location(location: str) -> tuple[str, str]:
    """(bucket, key) of ``s3://bucket/key``; StateError naming the value when either is missing."""
    bucket, _, key = location[len("s3://"):].partition("/")
    if not bucket or not key:
        raise StateError(f"{location}: expected s3://bucket/key")
    return bucket, key


def read_state(location: str, s3_client_factory: Callable[[], Any]) -> TerraformState:
    """Read the state at ``location``; a missing object or file is an empty, non-existent state."""
    if location.startswith("s3://"):
        bucket, key = split_s3_location(location)
        client = s3_client_factory()
        try:
            body = client.get_object(Bucket=bucket, Key=key)["Body"].read().decode("utf-8", errors="replace")
        except client.exceptions.NoSuchKey:
            return TerraformState(location=location, exists=False)
        except client.exceptions.NoSuchBucket as error:
            raise StateError(f"{location}: the state bucket {bucket} does not exist") from error
        return parse_state(body, location)
    path = Path(location)
    if not path.exists():
        return TerraformState(location=location, exists=False)
    return parse_state(path.read_text(errors="replace"), location)
