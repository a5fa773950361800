"""Telling ambiguous candidates apart by what references them in code: a route table by the
subnet its association holds, say. Generic over the specs' declared references; never a guess."""

from __future__ import annotations

from typing import Callable, Iterable, Mapping, NamedTuple

from importer.desired.config import DesiredResource
from importer.desired.expressions import Reference, pure_reference
from importer.discovery.inventory import LiveObject
from importer.ids import TfAddress
from importer.matching.values import live_reference_matches
from importer.specs.base import ResourceSpec


class Referrer(NamedTuple):
    """``resource`` points at the target through its declared reference ``attribute``."""

    resource: DesiredResource
    attribute: str
    target_type: str


Referrers = Mapping[TfAddress, list[Referrer]]
# (referrer, attribute, target type, how references resolve) -> acceptable identifiers per element
KeysOf = Callable[[DesiredResource, str, str, Callable[[Reference], "LiveObject | None"]], "list[set[str]] | None"]


def referrers_of(resources: Iterable[DesiredResource], specs: Mapping[str, ResourceSpec]) -> Referrers:
    """For each address in code: the resources whose declared reference attribute (by their spec)
    points at it."""
    found: dict[TfAddress, list[Referrer]] = {}
    for resource in sorted(resources, key=lambda r: r.address):
        spec = specs.get(str(resource.type))
        for declared in spec.references if spec is not None else ():
            raw = resource.value(declared.attribute)
            for element in raw if isinstance(raw, list) else [raw]:
                reference = pure_reference(element)
                if reference is not None and not reference.data and str(reference.address.type) == declared.target:
                    found.setdefault(reference.address, []).append(
                        Referrer(resource, declared.attribute, declared.target))
    return found


def told_apart(address: TfAddress, candidates: list[LiveObject], referrers: Referrers,
               matched: Mapping[TfAddress, LiveObject], keys_of: KeysOf) -> tuple[list[LiveObject], list[str]]:
    """The candidates consistent with what references ``address`` in code: a matched referrer's live
    object must point at the candidate through the same attribute. A referrer whose other references
    are not resolved yet, or that points at every candidate, tells nothing. Returns the candidates
    kept and the referrers (``address.attribute``) that told."""
    kept, told = candidates, []
    for referrer in referrers.get(address, ()):
        live_referrer = matched.get(referrer.resource.address)
        if live_referrer is None:
            continue
        verdicts = []
        for candidate in kept:
            def target(reference: Reference, candidate: LiveObject = candidate) -> LiveObject | None:
                return candidate if reference.address == address else matched.get(reference.address)
            wanted = keys_of(referrer.resource, referrer.attribute, referrer.target_type, target)
            verdicts.append(None if wanted is None
                            else live_reference_matches(live_referrer.references.get(referrer.attribute), wanted))
        if None in verdicts or all(verdicts):
            continue
        kept = [candidate for candidate, verdict in zip(kept, verdicts) if verdict]
        told.append(f"{referrer.resource.address}.{referrer.attribute}")
    return kept, told
