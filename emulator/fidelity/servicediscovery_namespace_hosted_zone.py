"""A Cloud Map DNS namespace's hosted zone, as AWS makes it.

AWS: creating a private DNS namespace ``corp.internal`` in a VPC creates a Route 53 private zone named
``corp.internal.`` associated with that VPC, whose ``LinkedService`` is ``servicediscovery.amazonaws.com``
(public namespaces likewise, without a VPC) and which ``ListHostedZonesByVPC`` lists with
``Owner.OwningService``; ``DnsProperties.HostedZoneId`` is the bare zone ID
(``Z0123...``), and deleting the namespace deletes the zone. moto named the zone ``corp.internal-hz``,
attached no VPC (so a namespace's VPC could not be read back), gave no ``LinkedService`` or owning service,
returned ``/hostedzone/Z0123...`` as the ID and left the zone behind on delete.
"""

from __future__ import annotations

from typing import Any

PRINCIPAL = "servicediscovery.amazonaws.com"


def _route53(backend: Any) -> Any:
    from moto.route53 import route53_backends
    from moto.utilities.utils import get_partition

    return route53_backends[backend.account_id][get_partition(backend.region_name)]


def _remake_zone(backend: Any, operation_id: str, vpc: str | None) -> None:
    """Replace moto's zone of the namespace the operation created by the zone AWS makes."""
    namespace = backend.namespaces[backend.operations[operation_id].targets["NAMESPACE"]]
    route53 = _route53(backend)
    old_id = namespace.dns_properties["HostedZoneId"].split("/")[-1]
    old = route53.zones.pop(old_id)
    zone = route53.create_hosted_zone(namespace.name.rstrip(".") + ".", private_zone=old.private_zone, vpcid=vpc,
                                      vpcregion=backend.region_name if vpc else None, comment=old.comment)
    zone.linked_service = {"ServicePrincipal": PRINCIPAL, "Description": namespace.arn}
    namespace.dns_properties["HostedZoneId"] = zone.resource_id


def apply() -> None:
    """Patch moto's namespace creation and deletion."""
    from moto.route53.models import FakeZone, Route53Backend
    from moto.servicediscovery.models import ServiceDiscoveryBackend

    FakeZone.linked_service = None  # serialized as LinkedService when set
    create_private = ServiceDiscoveryBackend.create_private_dns_namespace
    create_public = ServiceDiscoveryBackend.create_public_dns_namespace
    delete = ServiceDiscoveryBackend.delete_namespace

    def create_private_dns_namespace(self: Any, name: str, creator_request_id: str, description: str, vpc: str,
                                     tags: Any, properties: Any) -> str:
        operation_id = create_private(self, name, creator_request_id, description, vpc, tags, properties)
        _remake_zone(self, operation_id, vpc)
        return operation_id

    def create_public_dns_namespace(self: Any, name: str, creator_request_id: str, description: str, tags: Any,
                                    properties: Any) -> str:
        operation_id = create_public(self, name, creator_request_id, description, tags, properties)
        _remake_zone(self, operation_id, None)
        return operation_id

    def delete_namespace(self: Any, namespace_id: str) -> str:
        namespace = self.namespaces.get(namespace_id)
        zone_id = (namespace.dns_properties or {}).get("HostedZoneId") if namespace else None
        operation_id = delete(self, namespace_id)
        if zone_id:
            _route53(self).zones.pop(zone_id.split("/")[-1], None)
        return operation_id

    by_vpc = Route53Backend.list_hosted_zones_by_vpc

    def list_hosted_zones_by_vpc(self: Any, vpc_id: str) -> list[dict[str, Any]]:
        summaries = by_vpc(self, vpc_id)
        for summary in summaries:
            linked = getattr(self.zones.get(summary["HostedZoneId"]), "linked_service", None)
            if linked:
                summary["Owner"] = {"OwningService": linked["ServicePrincipal"]}
        return summaries

    Route53Backend.list_hosted_zones_by_vpc = list_hosted_zones_by_vpc
    ServiceDiscoveryBackend.create_private_dns_namespace = create_private_dns_namespace
    ServiceDiscoveryBackend.create_public_dns_namespace = create_public_dns_namespace
    ServiceDiscoveryBackend.delete_namespace = delete_namespace
