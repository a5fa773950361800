"""Who already holds a live object: an entry of this stack's state (at any address: root or
module, single or count/for_each) or of a sibling stack's state. The one invariant this module
serves: an object held by any state entry is never imported to another address."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Mapping

from importer.discovery.inventory import LiveObject
from importer.ids import TfAddress
from importer.specs.facts import type_aliases
from importer.state.reader import StateResource, TerraformState

# IDs AWS makes unique on its own (ARNs, vpc-0abc..., sg-..., i-...): one of these held under
# another type is the same object, not a coincidence of names.
_UNIQUE_ID = re.compile(r"^(arn:aws[a-z-]*:|[a-z]+(-[a-z]+)?-[0-9a-f]{8,17}$)")


@dataclass(frozen=True)
class Holder:
    """A state entry holding an object: which stack's state ("" for this stack's) and where."""

    address: TfAddress
    stack: str = ""

    def __str__(self) -> str:
        return f"{self.address}" if not self.stack else f"{self.address} (stack {self.stack})"


@dataclass
class Holdings:
    """Every (type, id) some state holds, and the live objects found behind them."""

    by_id: dict[tuple[str, str], Holder] = field(default_factory=dict)  # (type, state id or live import id)
    ids_held: dict[str, list[Holder]] = field(default_factory=dict)  # id -> holders of any type
    elsewhere: dict[tuple[str, str], Holder] = field(default_factory=dict)  # live key -> sibling holder

    def hold(self, resource: StateResource, stack: str, live: LiveObject | None) -> None:
        """Record that ``resource`` (of ``stack``'s state) holds its ID and ``live``."""
        holder = Holder(resource.address, stack)
        keys = {(str(resource.type), resource.id)} | ({(live.type, live.import_id)} if live else set())
        for key in keys:
            self.by_id.setdefault(key, holder)
            if stack:
                self.elsewhere.setdefault(key, holder)
        self.ids_held.setdefault(resource.id, []).append(holder)

    def sibling_of(self, live: LiveObject) -> Holder | None:
        """The sibling stack's state entry holding ``live``, if any."""
        return self.elsewhere.get((live.type, live.import_id))

    def across_types(self, live: LiveObject) -> Holder | None:
        """A state entry of another type that holds the very object ``live`` is (the same unique
        ID, or a type the provider declares an alias of ``live``'s): Terraform cannot move
        between types, so this needs the two-step recipe."""
        aliases = type_aliases().get(live.type, frozenset())
        for holder in self.ids_held.get(live.import_id, []):
            other = str(holder.address.type)
            if other != live.type and (other in aliases or _UNIQUE_ID.match(live.import_id)):
                return holder
        return None


def hold_siblings(holdings: Holdings, siblings: Mapping[str, TerraformState],
                  find: Callable[[str, str], LiveObject | None]) -> None:
    """Record every sibling stack's state entries (by ID; their live object when discovery saw it)."""
    for stack, state in sorted(siblings.items()):
        for resource in state.resources:
            holdings.hold(resource, stack, find(str(resource.type), resource.id))


def two_step_recipe(holder: Holder, address: TfAddress, live: LiveObject) -> str:
    """The exact steps for an object held under another type (Terraform's moved blocks cannot
    change a resource's type)."""
    return (f"held by state address {holder.address} of type {holder.address.type}; Terraform cannot move "
            f"between types: 1) set \"decision\": \"forget\" for {holder.address} under orphaned in plan.json, "
            f"verify and apply (Terraform forgets it, AWS keeps it); 2) run plan again: {address} is then an "
            f"import of {live.import_id}")
