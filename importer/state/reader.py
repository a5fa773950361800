"""The one Terraform state v4 reader: raw text to one typed ``TerraformState`` (lineage, serial,
digest, every managed resource instance). Where the text comes from is ``importer.state.source``."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from importer.ids import TfAddress, TfType


class StateError(ValueError):
    """The state cannot be read or is not Terraform state version 4."""


@dataclass(frozen=True)
class StateResource:
    """One managed resource instance, wherever it is (root or module, single or count/for_each)."""

    address: TfAddress
    id: str
    attributes: Mapping[str, Any]

    @property
    def type(self) -> TfType:
        """The instance's resource type."""
        return self.address.type


@dataclass(frozen=True)
class TerraformState:
    """One state as the importer sees it; ``exists`` False when there is none yet."""

    location: str
    exists: bool
    lineage: str | None = None
    serial: int | None = None
    sha256: str | None = None  # of the raw text, to notice any change at all
    resources: tuple[StateResource, ...] = ()

    def by_address(self) -> dict[TfAddress, StateResource]:
        """Every managed instance by its full address."""
        return {resource.address: resource for resource in self.resources}

    def ids(self) -> dict[str, str]:
        """Full instance address -> ``id`` of every managed instance."""
        return {str(resource.address): resource.id for resource in self.resources}

    def addresses(self) -> frozenset[str]:
        """Every managed instance's full address (``module.a.aws_subnet.private[0]``)."""
        return frozenset(str(resource.address) for resource in self.resources)

    def resource_addresses(self) -> frozenset[str]:
        """Every managed resource's address without its own key (what a configuration declares)."""
        return frozenset(resource.address.resource for resource in self.resources)

    def holders(self) -> dict[tuple[str, str], TfAddress]:
        """(type, id) -> the address that holds it: what no other address may import."""
        return {(str(resource.type), resource.id): resource.address for resource in self.resources}

    def fingerprint(self) -> dict[str, Any]:
        """What verify.json records of a state (``state``/``state_before``): existence, lineage,
        serial, digest and the sorted ``address=id`` of every instance."""
        if not self.exists:
            return {"exists": False, "lineage": None, "serial": None, "sha256": None, "resources": []}
        return {"exists": True, "lineage": self.lineage, "serial": self.serial, "sha256": self.sha256,
                "resources": sorted(f"{address}={id_}" for address, id_ in self.ids().items())}


def parse_state(text: str | None, location: str) -> TerraformState:
    """Parse state JSON (None: no state yet); StateError, one line naming ``location`` (and the
    address, when one instance is the problem), when the text is not Terraform state version 4
    or anything in it cannot be interpreted: nothing in a state is ever skipped silently."""
    if text is None:
        return TerraformState(location=location, exists=False)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise StateError(f"{location}: not JSON ({error.msg})") from error
    if not isinstance(document, dict) or document.get("version") != 4:
        raise StateError(f"{location}: not Terraform state version 4")
    entries = document.get("resources", [])
    if not isinstance(entries, list):
        raise StateError(f"{location}: a damaged Terraform state (its resources are not a list)")
    resources = [resource for position, entry in enumerate(entries) for resource in _instances(entry, position, location)]
    seen: set[TfAddress] = set()
    for resource in resources:
        if resource.address in seen:
            raise StateError(f"{location}: a damaged Terraform state ({resource.address} appears twice)")
        seen.add(resource.address)
    return TerraformState(location=location, exists=True, lineage=document.get("lineage"),
                          serial=document.get("serial"), sha256=hashlib.sha256(text.encode()).hexdigest(),
                          resources=tuple(resources))


def _instances(entry: Any, position: int, location: str) -> list[StateResource]:
    """Every instance of one state entry (none for a data source)."""
    def damaged(where: str, why: str) -> StateError:
        return StateError(f"{location}: a damaged Terraform state ({where}: {why})")

    if not isinstance(entry, Mapping):
        raise damaged(f"resources[{position}]", "not an object")
    if entry.get("mode") == "data":
        return []
    if entry.get("mode") != "managed":
        raise damaged(f"resources[{position}]", f"mode {json.dumps(entry.get('mode'))} is neither managed nor data")
    listed = entry.get("instances", [])
    if not isinstance(listed, list):
        raise damaged(f"resources[{position}]", "its instances are not a list")
    found = []
    for number, instance in enumerate(listed):
        where = f"resources[{position}].instances[{number}]"
        try:
            if not isinstance(instance, Mapping):
                raise ValueError("not an object")
            address = TfAddress(TfType(entry.get("type")), entry.get("name"), entry.get("module") or "",
                                 instance.get("index_key"))
        except (TypeError, ValueError) as error:
            raise damaged(where, str(error)) from error
        attributes = instance.get("attributes")
        if not isinstance(attributes, Mapping):
            raise damaged(str(address), "its attributes are not an object")
        if not isinstance(attributes.get("id"), str) or not attributes["id"]:
            raise damaged(str(address), "it has no id")
        if instance.get("deposed"):
            raise StateError(f"{location}: {address} has a deposed object (a replacement that did not finish; a plan "
                             "would destroy it): settle it with Terraform first")
        found.append(StateResource(address, attributes["id"], attributes))
    return found


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
