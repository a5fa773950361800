"""The inventory: every live object found, as Terraform would name it, plus what could not be read."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Sequence

from importer.discovery.errors import ReadFailure
from importer.specs.facts import sensitive_attributes

# The secret carriers the provider does not mark (the reference file's ``_meta.note``: Lambda
# ``environment``, ECS ``container_definitions``) and names that always mean a secret, for the
# top-level attribute name. Identifiers (``*_arn``, ``*_id``) are references, never secrets.
_ALWAYS_SECRET = re.compile(r"password|secret|token|private_key|credential|environment|container_definitions|^value$",
                            re.IGNORECASE)
_IDENTIFIER = re.compile(r"_(arn|id)s?$")
REDACTED = "<redacted>"


def sensitive_path(resource_type: str, path: Sequence[str | int]) -> bool:
    """True when the attribute at ``path`` (the top-level attribute name, then map keys and list
    indexes) of ``resource_type`` carries a secret: a name the provider marks for the type
    (given by leaf name, so matched at any depth), or a secret-carrier name at
    the top level. The one answer every command uses; Terraform's own marks come on top."""
    if not path:
        return False
    listed = sensitive_attributes(resource_type)
    if any(isinstance(key, str) and key in listed for key in path):
        return True
    top = str(path[0])
    return bool(_ALWAYS_SECRET.search(top)) and not _IDENTIFIER.search(top)


def redact(resource_type: str, attributes: dict[str, Any]) -> dict[str, Any]:
    """Replace every sensitive attribute's value by ``<redacted>`` (by attribute, not by value)."""
    return {key: (REDACTED if sensitive_path(resource_type, (key,)) else value) for key, value in attributes.items()}


@dataclass(frozen=True)
class LiveObject:
    """One discovered object: its type, import ID, identity for matching, references, attributes."""

    type: str
    import_id: str
    identity: dict[str, Any] = field(default_factory=dict)
    references: dict[str, Any] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass
class Inventory:
    """The result of one discovery run."""

    region: str
    objects: list[LiveObject]
    failures: list[ReadFailure]
    api_calls: int = 0
    calls_by_service: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    types: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """True when every call needed was answered."""
        return not self.failures

    def incomplete_services(self) -> list[str]:
        """Services with at least one failed read."""
        return sorted({failure.service for failure in self.failures})

    def to_json(self) -> str:
        """Deterministic JSON: objects sorted by type and import ID."""
        objects = sorted((asdict(o) for o in self.objects), key=lambda o: (o["type"], o["import_id"]))
        return json.dumps({
            "region": self.region, "complete": self.complete, "incomplete_services": self.incomplete_services(),
            "failures": [asdict(f) for f in sorted(self.failures, key=lambda f: (f.service, f.operation, f.spec))],
            "types": sorted(self.types), "objects": objects,
            "stats": {"api_calls": self.api_calls, "calls_by_service": dict(sorted(self.calls_by_service.items())),
                      "seconds": round(self.seconds, 3), "objects": len(self.objects)},
        }, indent=2, sort_keys=False, default=str)

    @classmethod
    def from_json(cls, text: str, source: str = "inventory.json") -> "Inventory":
        """Read back what ``to_json`` wrote; InventoryError naming ``source`` when it is not that."""
        try:
            data = json.loads(text)
            objects = [LiveObject(**{**o, "aliases": tuple(o.get("aliases", ()))}) for o in data["objects"]]
            failures = [ReadFailure(**f) for f in data.get("failures", [])]
            stats = data.get("stats", {})
            inventory = cls(region=data["region"], objects=objects, failures=failures,
                            api_calls=stats.get("api_calls", 0), calls_by_service=stats.get("calls_by_service", {}),
                            seconds=stats.get("seconds", 0.0), types=data.get("types", []))
        except json.JSONDecodeError as error:
            raise InventoryError(f"{source}: not JSON ({error.msg} at line {error.lineno})") from error
        except (KeyError, TypeError, AttributeError) as error:
            raise InventoryError(f"{source}: not an inventory written by `discover` ({type(error).__name__}: "
                                 f"{error})") from error
        if not isinstance(inventory.region, str) or not all(isinstance(o.import_id, str) for o in objects):
            raise InventoryError(f"{source}: not an inventory written by `discover` (region or IDs are not text)")
        return inventory


class InventoryError(ValueError):
    """An inventory file that ``discover`` did not write (or that was damaged since)."""
