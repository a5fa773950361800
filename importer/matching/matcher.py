"""Match every resource in code to at most one live object, using each spec's identity keys and
its references through already-matched targets; then classify code, state and live objects into
the classes of :class:`importer.classes.ResourceClass` (their meanings are there)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping

from importer.classes import ResourceClass
from importer.desired.config import DesiredConfig, DesiredResource
from importer.desired.expressions import Reference
from importer.discovery.inventory import Inventory, LiveObject
from importer.ids import TfAddress
from importer.matching.holders import Holder, Holdings, hold_siblings, two_step_recipe
from importer.matching.referrers import Referrers, referrers_of, told_apart
from importer.matching.values import desired_reference_keys, desired_value, keys_of, live_reference_matches, normalize
from importer.specs.base import ResourceSpec
from importer.state.reader import StateResource, TerraformState

MANAGED, IMPORT, CREATE = ResourceClass.MANAGED, ResourceClass.IMPORT, ResourceClass.CREATE
AMBIGUOUS, ID_MISMATCH, STALE = ResourceClass.AMBIGUOUS, ResourceClass.ID_MISMATCH, ResourceClass.STALE
MOVED = ResourceClass.MOVED


@dataclass(frozen=True)
class Match:
    """The outcome for one resource in code."""

    address: TfAddress
    kind: ResourceClass
    live: LiveObject | None = None
    candidates: tuple[str, ...] = ()
    state_id: str | None = None
    matched_by: str = ""
    moved_from: TfAddress | None = None  # a MOVED match: the state address it moves from


@dataclass(frozen=True)
class Orphan:
    """A state entry that is not in code and moves nowhere; ``live`` None when discovery could not
    tell (no spec for its type, or its type's discovery failed)."""

    address: TfAddress
    id: str
    live: bool | None


@dataclass
class Reconciliation:
    """Every resource in code, state and the live account, classified once."""

    matches: dict[TfAddress, Match] = field(default_factory=dict)
    unmanaged: list[LiveObject] = field(default_factory=list)
    inline: list[tuple[LiveObject, TfAddress]] = field(default_factory=list)  # set by the code's parent resource
    orphaned: list[Orphan] = field(default_factory=list)
    unsupported: list[TfAddress] = field(default_factory=list)
    elsewhere: list[tuple[LiveObject, Holder]] = field(default_factory=list)

    def of_kind(self, kind: ResourceClass) -> list[Match]:
        """Matches of one class, by address."""
        return sorted((m for m in self.matches.values() if m.kind == kind), key=lambda m: str(m.address))


class Matcher:
    """Holds the live index while matching one configuration."""

    def __init__(self, specs: dict[str, ResourceSpec], inventory: Inventory) -> None:
        self.specs = specs
        self.by_type: dict[str, list[LiveObject]] = {}
        self.by_key: dict[tuple[str, str], LiveObject] = {}
        for live in sorted(inventory.objects, key=lambda o: (o.type, o.import_id)):
            self.by_type.setdefault(live.type, []).append(live)
            for key in keys_of(live):
                self.by_key.setdefault((live.type, key), live)
        self.complete_types = set(inventory.types) - {f.spec for f in inventory.failures}
        self.claimed: dict[tuple[str, str], TfAddress] = {}
        self.holdings = Holdings()
        self.matched: dict[TfAddress, LiveObject] = {}
        self._identity_index: dict[tuple[str, str], dict[object, list[LiveObject]]] = {}
        self._reference_index: dict[tuple[str, str], dict[str, list[LiveObject]]] = {}

    def _by_identity(self, type_name: str, attribute: str, value: object) -> list[LiveObject]:
        key = (type_name, attribute)
        if key not in self._identity_index:
            index: dict[object, list[LiveObject]] = {}
            for live in self.by_type.get(type_name, []):
                index.setdefault(normalize(live.identity.get(attribute)), []).append(live)
            self._identity_index[key] = index
        return self._identity_index[key].get(value, [])

    def _by_reference(self, type_name: str, attribute: str, keys: set[str]) -> list[LiveObject]:
        index_key = (type_name, attribute)
        if index_key not in self._reference_index:
            index: dict[str, list[LiveObject]] = {}
            for live in self.by_type.get(type_name, []):
                value = live.references.get(attribute)
                for element in value if isinstance(value, list) else [value]:
                    if element is not None:
                        index.setdefault(str(element), []).append(live)
            self._reference_index[index_key] = index
        found: dict[int, LiveObject] = {}
        for key in keys:
            for live in self._reference_index[index_key].get(key, []):
                found[id(live)] = live
        return list(found.values())

    # -- candidates ------------------------------------------------------------------------------

    def _target(self, reference: Reference) -> LiveObject | None:
        return self.matched.get(reference.address)

    def candidates(self, spec: ResourceSpec, values: "Attributes") -> tuple[list[LiveObject], int]:
        """Live objects of the spec's type consistent with every knowable identity key and
        reference; also returns how many constraints could be applied."""
        references = {r.attribute: w for r in spec.references
                      if (w := values.reference_keys(r.attribute, r.target)) is not None}
        # An identity key that is also a known reference is compared as a reference: any identifier
        # of the target (name, ARN, URL...) matches whatever form the live side holds.
        identity = {a: w for a in spec.identity if a not in references and (w := values.identity(a)) is not None}
        # `name_prefix = "web-"` in code: AWS added a unique suffix, so the live name starts with it.
        prefixes = {a: w for a in spec.identity if a not in identity and a not in references
                    and isinstance(w := values.identity(f"{a}_prefix"), str)}
        # Start from the most selective index lookup, then filter the few candidates left.
        pools = [self._by_identity(spec.type, a, w) for a, w in identity.items()]
        pools += [sorted(self._by_reference(spec.type, a, w[0]), key=lambda o: o.import_id)
                  for a, w in references.items() if w]
        pool = min(pools, key=len) if pools else self.by_type.get(spec.type, [])
        pool = [live for live in pool
                if all(normalize(live.identity.get(a)) == w for a, w in identity.items())
                and all(str(live.identity.get(a) or "").startswith(w) for a, w in prefixes.items())
                and all(live_reference_matches(live.references.get(a), w) for a, w in references.items())]
        return pool, len(identity) + len(prefixes) + len(references)

    def claim(self, address: TfAddress, live: LiveObject) -> None:
        """Record that ``live`` belongs to ``address``."""
        self.claimed[(live.type, live.import_id)] = address
        self.matched[address] = live

    def owner(self, live: LiveObject) -> TfAddress | None:
        """The address that already claimed ``live``, if any."""
        return self.claimed.get((live.type, live.import_id))

    def free(self, live: LiveObject) -> bool:
        """True when no address of this stack claimed ``live`` and no state of any stack holds it."""
        return self.owner(live) is None and (live.type, live.import_id) not in self.holdings.by_id

    def find_by_id(self, type_name: str, identifier: str) -> LiveObject | None:
        """The live object of ``type_name`` known by ``identifier`` (import ID or alias)."""
        return self.by_key.get((type_name, identifier))


class Attributes:
    """Desired (or state) values of one resource, resolved through the matcher."""

    def __init__(self, source: DesiredResource | StateResource, matcher: Matcher) -> None:
        self.source = source
        self.matcher = matcher

    def _raw(self, attribute: str):
        if isinstance(self.source, DesiredResource):
            return self.source.value(attribute)
        current = self.source.attributes
        for part in attribute.split("."):
            if isinstance(current, list) and len(current) == 1:
                current = current[0]
            if not isinstance(current, dict):
                return None
            current = current.get(part)
        return current

    def identity(self, attribute: str):
        """The comparable value of an identity key, or None when unknown."""
        return desired_value(self._raw(attribute), self.matcher._target)

    def reference_keys(self, attribute: str, target_type: str,
                       target: Callable[[Reference], LiveObject | None] | None = None) -> list[set[str]] | None:
        """Acceptable live identifiers per referenced element, or None when unknown. A literal
        (a name where live holds an ARN, say) counts for every identifier of the object it names.
        ``target`` resolves references (default: the matches so far)."""
        raw = self._raw(attribute)
        if raw is None or raw == [] or raw == "":
            return None

        def literal_keys(literal: str) -> set[str]:
            live = self.matcher.find_by_id(target_type, literal)
            return keys_of(live) if live is not None else {literal}

        return desired_reference_keys(raw, target or self.matcher._target, literal_keys)


def _repeated(resource: DesiredResource) -> bool:
    """A ``count`` or ``for_each`` block: its instances (``type.name[0]``) are not expanded, so no
    single live object can be matched to the block's address."""
    return "count" in resource.body or "for_each" in resource.body


def _inline_parent(matcher: Matcher, live: LiveObject, desired: Mapping[TfAddress, DesiredResource]) -> TfAddress | None:
    """The code resource that sets ``live`` inline (its spec's ``inline_in``: a queue's ``redrive_policy``
    argument is the live redrive-policy object), or None."""
    spec = matcher.specs.get(live.type)
    if spec is None or spec.inline_in is None:
        return None
    parent_type, *arguments = spec.inline_in
    keys = [live.import_id] + [str(live.references[ref.attribute]) for ref in spec.references
                               if ref.target == parent_type and live.references.get(ref.attribute)]
    parent = next((found for key in keys if (found := matcher.find_by_id(parent_type, key)) is not None), None)
    owner = matcher.owner(parent) if parent is not None else None
    resource = desired.get(owner) if owner is not None else None
    sets = resource is not None and any(resource.value(argument) not in (None, "", [], {}) for argument in arguments)
    return owner if sets else None


def _claimed_as_another_type(matcher: Matcher, live: LiveObject, listed: set[tuple[str, str]]) -> bool:
    """True when the very object ``live`` is (its spec's ``same_object_as``, by a shared identifier) is
    claimed or held under another type, or already ``listed`` as unmanaged under it."""
    spec = matcher.specs.get(live.type)
    twins = (matcher.find_by_id(other, key) for other in (spec.same_object_as if spec else ()) for key in keys_of(live))
    return any(twin is not None and (not matcher.free(twin) or (twin.type, twin.import_id) in listed) for twin in twins)


def reconcile(config: DesiredConfig, order: Iterable[TfAddress], state: TerraformState, inventory: Inventory,
              specs: dict[str, ResourceSpec], siblings: Mapping[str, TerraformState] | None = None) -> Reconciliation:
    """Classify every resource of ``config`` (visited in dependency ``order``), every instance of
    ``state`` and of the ``siblings``' states (stack name -> state), and every live object. An
    object any state holds is never an import: a state entry not in code whose object code
    describes becomes a move; one held by a sibling stack is managed elsewhere."""
    matcher = Matcher(specs, inventory)
    result = Reconciliation()
    desired = config.by_address()
    in_state = state.by_address()
    repeated = {resource.address.resource for resource in desired.values() if _repeated(resource)}
    state_live = _match_state(matcher, in_state, specs)
    hold_siblings(matcher.holdings, siblings or {}, matcher.find_by_id)
    outside_code = {address for address in in_state if address not in desired and address.resource not in repeated}
    preset = {str(block["to"]): str(block["id"]) for block in config.import_blocks}
    pending: list[DesiredResource] = []
    for address in order:
        resource = desired[address]
        spec = specs.get(str(resource.type))
        if spec is None or _repeated(resource):
            result.unsupported.append(address)
            continue
        if address in in_state:
            result.matches[address] = _managed(matcher, resource, spec, in_state[address], state_live.get(address))
            continue
        if str(address) in preset:
            live = matcher.find_by_id(spec.type, preset[str(address)])
            if live is not None and matcher.free(live):
                matcher.claim(address, live)
                result.matches[address] = Match(address, IMPORT, live, matched_by="import block")
                continue
        match = _match_one(matcher, resource, spec, outside_code)
        if match.kind == AMBIGUOUS:
            pending.append(resource)
        if match.kind == MOVED:
            outside_code.discard(match.moved_from)
        result.matches[address] = match
    referrers = referrers_of((r for r in desired.values() if not _repeated(r)), specs)
    _second_look(matcher, pending, referrers, outside_code, result)
    result.orphaned = [Orphan(address, in_state[address].id, _alive(matcher, in_state[address], state_live))
                       for address in sorted(outside_code)]
    listed: set[tuple[str, str]] = set()  # unmanaged so far (a rule seen under two types is listed once)
    # A type standing for several others' objects (the legacy aws_security_group_rule) comes after them: an
    # object no code describes is listed under the type the provider recommends.
    twins = {name: len(spec.same_object_as) for name, spec in matcher.specs.items()}
    for type_name in sorted(matcher.by_type, key=lambda name: (twins.get(name, 0) > 1, name)):
        for live in matcher.by_type[type_name]:
            if (live.type, live.import_id) in matcher.claimed or _claimed_as_another_type(matcher, live, listed):
                continue
            holder = matcher.holdings.sibling_of(live) or matcher.holdings.across_types(live)
            parent = _inline_parent(matcher, live, desired)
            if holder is None and parent is not None:
                result.inline.append((live, parent))
            elif holder is None:
                result.unmanaged.append(live)
                listed.add((live.type, live.import_id))
            elif holder.stack:
                result.elsewhere.append((live, holder))
            # else: this stack's state holds it under another type (listed there, orphaned or managed)
    return result


def _alive(matcher: Matcher, resource: StateResource, state_live: Mapping[TfAddress, LiveObject]) -> bool | None:
    """Whether an orphan's object is live: known only when its type was discovered completely."""
    if resource.address in state_live:
        return True
    return False if str(resource.type) in matcher.complete_types else None


def _match_state(matcher: Matcher, in_state: dict[TfAddress, StateResource],
                 specs: dict[str, ResourceSpec]) -> dict[TfAddress, LiveObject]:
    """Find the live object behind each state instance (by ID first, then by identity) and record
    that the state holds it, whatever the address (module, count, for_each)."""
    found = {}
    for address, resource in sorted(in_state.items(), key=lambda item: item[0]):
        spec = specs.get(str(address.type))
        live = None
        if spec is not None:
            live = matcher.find_by_id(spec.type, resource.id)
            if live is None:
                candidates, constraints = matcher.candidates(spec, Attributes(resource, matcher))
                live = candidates[0] if len(candidates) == 1 and constraints and matcher.free(candidates[0]) else None
        if live is not None:
            matcher.claim(address, live)
            found[address] = live
        matcher.holdings.hold(resource, "", live)
    return found


def _managed(matcher: Matcher, resource: DesiredResource, spec: ResourceSpec, state: StateResource,
             live: LiveObject | None) -> Match:
    if live is None:
        kind = STALE if spec.type in matcher.complete_types else MANAGED
        return Match(resource.address, kind, state_id=state.id, matched_by="state")
    candidates, constraints = matcher.candidates(spec, Attributes(resource, matcher))
    if constraints and len(candidates) == 1 and candidates[0] is not live:
        return Match(resource.address, ID_MISMATCH, live, candidates=(candidates[0].import_id,), state_id=state.id,
                     matched_by="state")
    return Match(resource.address, MANAGED, live, state_id=state.id, matched_by="state")


def _match_one(matcher: Matcher, resource: DesiredResource, spec: ResourceSpec,
               outside_code: set[TfAddress]) -> Match:
    candidates, constraints = matcher.candidates(spec, Attributes(resource, matcher))
    address = resource.address
    if not constraints:
        ids = tuple(live.import_id for live in candidates)
        if len(ids) == 1 and "{" not in spec.import_id:  # an account singleton: a constant import ID
            return _decide(matcher, address, candidates, outside_code, "account singleton")
        return Match(address, AMBIGUOUS if ids else CREATE, candidates=ids, matched_by="no identity known")
    if not candidates:
        return Match(address, CREATE)
    return _decide(matcher, address, candidates, outside_code, "identity")


def _decide(matcher: Matcher, address: TfAddress, candidates: list[LiveObject], outside_code: set[TfAddress],
            reason: str) -> Match:
    """The outcome for ``address`` among its consistent live ``candidates`` (at least one)."""
    ids = tuple(live.import_id for live in candidates)
    if len(candidates) == 1:
        live = candidates[0]
        owner, sibling = matcher.owner(live), matcher.holdings.sibling_of(live)
        if owner in outside_code:
            matcher.claim(address, live)
            return Match(address, MOVED, live, matched_by=f"moved from {owner}", moved_from=owner)
        if owner is None and sibling is not None:
            return Match(address, AMBIGUOUS, candidates=ids, matched_by=f"managed by stack {sibling.stack} at "
                         f"{sibling.address}: never imported here (remove it from this stack's code, or from that "
                         "stack's state first)")
        across = matcher.holdings.across_types(live) if owner is None else None
        if across is not None:
            return Match(address, AMBIGUOUS, candidates=ids, matched_by=two_step_recipe(across, address, live))
        if matcher.free(live):
            matcher.claim(address, live)
            return Match(address, IMPORT, live, matched_by=reason)
    free = [live for live in candidates if matcher.free(live)]
    if not free:
        owners = sorted(str(matcher.owner(live) or matcher.holdings.by_id.get((live.type, live.import_id)))
                        for live in candidates)
        return Match(address, AMBIGUOUS, candidates=ids, matched_by=f"already held by {', '.join(owners)}")
    return Match(address, AMBIGUOUS, candidates=ids, matched_by=reason)


def _second_look(matcher: Matcher, pending: list[DesiredResource], referrers: Referrers,
                 outside_code: set[TfAddress], result: Reconciliation) -> None:
    """Settle ambiguous resources once every unique match has claimed its object, until nothing
    changes: by what references them in code (exactly one candidate consistent), or by elimination
    (every other candidate claimed by another resource in code). Never a guess."""
    def keys_of_referrer(referrer: DesiredResource, attribute: str, target_type: str,
                         target: Callable[[Reference], LiveObject | None]) -> list[set[str]] | None:
        return Attributes(referrer, matcher).reference_keys(attribute, target_type, target)

    progress = True
    while progress and pending:
        progress = False
        for resource in list(pending):
            candidates, _ = matcher.candidates(matcher.specs[str(resource.type)], Attributes(resource, matcher))
            kept, told = told_apart(resource.address, candidates, referrers, matcher.matched, keys_of_referrer)
            match = None
            if len(kept) == 1 and told:
                match = _decide(matcher, resource.address, kept, outside_code, f"referenced by {', '.join(told)}")
            free = [live for live in kept if matcher.free(live)]
            others = [matcher.owner(live) for live in kept if live is not free[0]] if len(free) == 1 else [None]
            if match is None and len(kept) > 1 and all(o is not None and o not in outside_code for o in others):
                matcher.claim(resource.address, free[0])
                match = Match(resource.address, IMPORT, free[0], matched_by="elimination")
            if match is not None and match.kind in (IMPORT, MOVED):
                result.matches[resource.address] = match
                outside_code.discard(match.moved_from)
                pending.remove(resource)
                progress = True
