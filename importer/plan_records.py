"""The typed entries of an ImportPlan and their JSON form: each record reads itself from a
(possibly hand-edited) plan.json through a :class:`PlanReader`, which names the file, the place
and the offending value in every refusal, and writes itself back with ``to_dict``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, NoReturn


class PlanError(ValueError):
    """plan.json is missing, malformed, or breaks the batch ordering contract."""


_KINDS = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", int: "a number",
          float: "a number", type(None): "null"}
REQUIRED = object()


def _json_kind(value: Any) -> str:
    return _KINDS.get(type(value), type(value).__name__)


def described(value: Any) -> str:
    """``null``, ``an object``, ``a string "x"``: the JSON type, with the value when it is a scalar."""
    if value is None or isinstance(value, (dict, list)):
        return _json_kind(value)
    text = json.dumps(value)
    return f"{_json_kind(value)} {text if len(text) <= 80 else text[:77] + '...'}"


class PlanReader:
    """Typed access to the JSON document; every refusal names the file and the place."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, message: str) -> NoReturn:
        """Refuse the document."""
        raise PlanError(f"{self.source}: {message}")

    def value(self, data: dict, key: str, kind: type, default: Any = REQUIRED, where: str = "") -> Any:
        """``data[key]`` when it has JSON type ``kind`` (``default`` when absent and allowed)."""
        if key not in data:
            if default is REQUIRED:
                self.fail(f"{where.rstrip('.: ')} has no {key!r}" if where else f"missing {key!r}")
            return default
        value = data[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.fail(f"{where}{key} must be {_KINDS[kind]}, not {described(value)}")
        return value

    def strings(self, data: dict, key: str, default: Any = REQUIRED, where: str = "") -> list[str]:
        """An array of strings."""
        items = self.value(data, key, list, default, where)
        for position, item in enumerate(items):
            if not isinstance(item, str):
                self.fail(f"{where}{key}[{position}] must be a string, not {described(item)}")
        return list(items)

    def records(self, data: dict, key: str, record: type, default: Any = REQUIRED) -> list:
        """An array of objects, each read by ``record.from_dict``."""
        items = self.value(data, key, list, default)
        found = []
        for position, item in enumerate(items):
            if not isinstance(item, dict):
                self.fail(f"{key}[{position}] must be an object, not {described(item)}")
            found.append(record.from_dict(self, item, f"{key}[{position}]."))
        return found


@dataclass(frozen=True)
class Managed:
    """In state and live: the address and the ID the state holds."""

    address: str
    id: str

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"address": self.address, "id": self.id}

    @classmethod
    def from_dict(cls, read: PlanReader, item: dict, where: str) -> "Managed":
        """Read and check one entry."""
        return cls(read.value(item, "address", str, where=where), read.value(item, "id", str, where=where))


@dataclass(frozen=True)
class Unmanaged:
    """Live, not in code: left alone."""

    type: str
    id: str
    name: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"type": self.type, "id": self.id, "name": self.name}

    @classmethod
    def from_dict(cls, read: PlanReader, item: dict, where: str) -> "Unmanaged":
        """Read and check one entry."""
        return cls(read.value(item, "type", str, where=where), read.value(item, "id", str, where=where),
                   read.value(item, "name", str, "", where=where))


@dataclass(frozen=True)
class Ambiguous:
    """Several live candidates for one address: reported, never guessed."""

    address: str
    candidates: tuple[str, ...]
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"address": self.address, "candidates": list(self.candidates), "reason": self.reason}

    @classmethod
    def from_dict(cls, read: PlanReader, item: dict, where: str) -> "Ambiguous":
        """Read and check one entry."""
        return cls(read.value(item, "address", str, where=where), tuple(read.strings(item, "candidates", where=where)),
                   read.value(item, "reason", str, "", where=where))


@dataclass(frozen=True)
class IdMismatch:
    """The state holds another ID than the live object the code describes."""

    address: str
    state_id: str
    live_id: str

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"address": self.address, "state_id": self.state_id, "live_id": self.live_id}

    @classmethod
    def from_dict(cls, read: PlanReader, item: dict, where: str) -> "IdMismatch":
        """Read and check one entry."""
        return cls(*(read.value(item, key, str, where=where) for key in ("address", "state_id", "live_id")))


@dataclass(frozen=True)
class Blocked:
    """Live, but waiting for resources that are not live yet."""

    address: str
    waiting_for: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"address": self.address, "waiting_for": list(self.waiting_for)}

    @classmethod
    def from_dict(cls, read: PlanReader, item: dict, where: str) -> "Blocked":
        """Read and check one entry."""
        return cls(read.value(item, "address", str, where=where), tuple(read.strings(item, "waiting_for", where=where)))


@dataclass(frozen=True)
class Drift:
    """A scalar attribute whose literal in code differs from what discovery read live."""

    address: str
    attribute: str
    code: Any
    live: Any

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"address": self.address, "attribute": self.attribute, "code": self.code, "live": self.live}

    @classmethod
    def from_dict(cls, read: PlanReader, item: dict, where: str) -> "Drift":
        """Read and check one entry."""
        for key in ("code", "live"):
            if key not in item:
                read.fail(f"{where.rstrip('.')} has no {key!r}")
        return cls(read.value(item, "address", str, where=where), read.value(item, "attribute", str, where=where),
                   item["code"], item["live"])


@dataclass(frozen=True)
class Cycle:
    """A reference cycle's members (they share one batch) and short cycles explaining it."""

    addresses: tuple[str, ...]
    explained: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"addresses": list(self.addresses), "explained": list(self.explained)}

    @classmethod
    def from_dict(cls, read: PlanReader, item: dict, where: str) -> "Cycle":
        """Read and check one entry."""
        return cls(tuple(read.strings(item, "addresses", where=where)),
                   tuple(read.strings(item, "explained", [], where=where)))


@dataclass(frozen=True)
class Move:
    """A state entry at ``from_`` whose object code describes at ``to`` (same type): a Terraform
    ``moved`` block, applied with batch 1."""

    from_: str
    to: str
    id: str

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"from": self.from_, "to": self.to, "id": self.id}

    @classmethod
    def from_dict(cls, read: PlanReader, item: dict, where: str) -> "Move":
        """Read and check one entry."""
        return cls(*(read.value(item, key, str, where=where) for key in ("from", "to", "id")))


KEEP, FORGET = "keep", "forget"
DECISIONS = (KEEP, FORGET)


@dataclass(frozen=True)
class Orphan:
    """In state, not in code. ``decision``: ``keep`` (the default; verify refuses until it is
    decided) or ``forget`` (a ``removed`` block: Terraform forgets it, AWS keeps it). ``live``:
    whether discovery saw the object (None: it could not tell)."""

    address: str
    id: str = ""
    live: bool | None = None
    decision: str = KEEP

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"address": self.address, "id": self.id, "live": self.live, "decision": self.decision}

    @classmethod
    def from_dict(cls, read: PlanReader, item: dict, where: str) -> "Orphan":
        """Read and check one entry."""
        live = item.get("live")
        if live is not None and not isinstance(live, bool):
            read.fail(f"{where}live must be a boolean or null, not {described(live)}")
        decision = read.value(item, "decision", str, KEEP, where=where)
        if decision not in DECISIONS:
            read.fail(f"{where}decision must be \"keep\" or \"forget\", not {described(decision)}")
        return cls(read.value(item, "address", str, where=where), read.value(item, "id", str, "", where=where),
                   live, decision)


@dataclass(frozen=True)
class ManagedElsewhere:
    """Live and held by another stack's state: left to that stack."""

    type: str
    id: str
    stack: str
    address: str
    name: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"type": self.type, "id": self.id, "stack": self.stack, "address": self.address, "name": self.name}

    @classmethod
    def from_dict(cls, read: PlanReader, item: dict, where: str) -> "ManagedElsewhere":
        """Read and check one entry."""
        return cls(*(read.value(item, key, str, where=where) for key in ("type", "id", "stack", "address")),
                   read.value(item, "name", str, "", where=where))
