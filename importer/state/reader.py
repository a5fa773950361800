"""The one Terraform state v4 reader: raw text to one typed ``TerraformState`` (lineage, serial,
digest, every managed resource instance). Where the text comes from is ``importer.state.source``."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from importer.ids import TfAddress, TfType


class StateError(ValueError):
    """The state cannot be read or is not Terraform state version 4."""


@dataclass(frozen=True)
class StateResource:
    """One managed root-module resource with a single, unindexed instance: what the matcher matches."""

    address: TfAddress
    id: str
    attributes: Mapping[str, Any]


@dataclass(frozen=True)
class StateInstance:
    """One managed resource instance, wherever it is: root or module, single or count/for_each."""

    type: TfType
    name: str
    id: str
    attributes: Mapping[str, Any]
    module: str = ""  # "module.a" or "module.a[0].module.b" as the state writes it; "" in the root
    index_key: int | str | None = None  # count (int) or for_each (str) key; None for a single instance

    @property
    def resource(self) -> str:
        """The resource's address without the index: ``module.a.aws_subnet.private``."""
        return f"{self.module + '.' if self.module else ''}{self.type}.{self.name}"

    @property
    def address(self) -> str:
        """The instance's full address: ``module.a.aws_subnet.private[0]``, ``aws_vpc.main``."""
        if self.index_key is None:
            return self.resource
        return f"{self.resource}[{json.dumps(self.index_key)}]"


@dataclass(frozen=True)
class TerraformState:
    """One state as the importer sees it; ``exists`` False when there is none yet."""

    location: str
    exists: bool
    lineage: str | None = None
    serial: int | None = None
    sha256: str | None = None  # of the raw text, to notice any change at all
    instances: tuple[StateInstance, ...] = ()
    unsupported: tuple[str, ...] = field(default=())  # module and count/for_each resources (not matched)

    @property
    def resources(self) -> tuple[StateResource, ...]:
        """The root resources with one unindexed instance (the ones the matcher can match)."""
        aside = set(self.unsupported)
        return tuple(StateResource(TfAddress(i.type, i.name), i.id, i.attributes) for i in self.instances
                     if i.resource not in aside)

    def by_address(self) -> dict[TfAddress, StateResource]:
        """Matchable resources by address."""
        return {resource.address: resource for resource in self.resources}

    def ids(self) -> dict[str, str]:
        """Full instance address -> ``id`` of every managed instance."""
        return {instance.address: instance.id for instance in self.instances}

    def resource_addresses(self) -> frozenset[str]:
        """Every managed resource's address without index (what a configuration declares)."""
        return frozenset(instance.resource for instance in self.instances) | frozenset(self.unsupported)

    def fingerprint(self) -> dict[str, Any]:
        """What verify.json records of a state (``state``/``state_before``): existence, lineage,
        serial, digest and the sorted ``address=id`` of every instance."""
        if not self.exists:
            return {"exists": False, "lineage": None, "serial": None, "sha256": None, "resources": []}
        return {"exists": True, "lineage": self.lineage, "serial": self.serial, "sha256": self.sha256,
                "resources": sorted(f"{address}={id_}" for address, id_ in self.ids().items())}


def parse_state(text: str | None, location: str) -> TerraformState:
    """Parse state JSON (None: no state yet); StateError, one line naming ``location``, when the
    text is not Terraform state version 4 or its resources are malformed."""
    if text is None:
        return TerraformState(location=location, exists=False)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise StateError(f"{location}: not JSON ({error.msg})") from error
    if not isinstance(document, dict) or document.get("version") != 4:
        raise StateError(f"{location}: not Terraform state version 4")
    try:
        instances, unsupported = _instances(document.get("resources", []))
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise StateError(f"{location}: a damaged Terraform state (its resources are malformed: "
                         f"{type(error).__name__} {error})") from error
    return TerraformState(location=location, exists=True, lineage=document.get("lineage"),
                          serial=document.get("serial"), sha256=hashlib.sha256(text.encode()).hexdigest(),
                          instances=tuple(instances), unsupported=tuple(unsupported))


def _instances(entries: list[Any]) -> tuple[list[StateInstance], list[str]]:
    """Every managed instance (data sources skipped), and the resources the matcher sets aside
    (in a module, or with count/for_each: not exactly one unindexed instance)."""
    instances, unsupported = [], []
    for entry in entries:
        if entry.get("mode") != "managed":
            continue
        module, listed = entry.get("module") or "", entry.get("instances", [])
        matchable = not module and len(listed) == 1 and "index_key" not in listed[0]
        if matchable:
            TfAddress(TfType(entry["type"]), entry["name"])  # a matchable resource's name is checked here
        else:
            unsupported.append(f"{module + '.' if module else ''}{entry['type']}.{entry['name']}")
        for instance in listed:
            attributes = instance.get("attributes", {})
            if not isinstance(attributes, Mapping):
                if matchable:
                    raise TypeError(f"the attributes of {entry['type']}.{entry['name']} are not an object")
                attributes = {}
            instances.append(StateInstance(TfType(entry["type"]), str(entry["name"]), str(attributes.get("id")),
                                           attributes, module, instance.get("index_key")))
    return instances, unsupported


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
