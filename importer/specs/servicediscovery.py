"""Cloud Map (service discovery): namespaces and services.

A private DNS namespace's import ID is ``NAMESPACE_ID:VPC_ID``, and its VPC is known only from the Route 53
hosted zone Cloud Map made for it: one GetHostedZone (another service's call) per private namespace.
Services: one GetService per service, since ListServices does not say which namespace a service is in.
"""

from importer.specs.base import Call, Reference, ResourceSpec


def _namespaces(kind: str) -> Call:
    return Call("ListNamespaces", items="Namespaces[]",
                params={"Filters": [{"Name": "TYPE", "Values": [kind], "Condition": "EQ"}]})


_ZONE_ID = "Properties.DnsProperties.HostedZoneId"

SPECS = (
    ResourceSpec(
        type="aws_service_discovery_private_dns_namespace", service="servicediscovery",
        list=_namespaces("DNS_PRIVATE"),
        detail=Call("GetHostedZone", service="route53", items="{VpcId: VPCs[0].VPCId}",
                    params={"Id": f"={_ZONE_ID}"}, absent_on=("NoSuchHostedZone",)),
        import_id="{Id}:{VpcId}", identity={"name": "Name"}, aliases=("Id", "Arn"),
        references=(Reference("vpc", "aws_vpc", "VpcId"),),
        attributes={"arn": "Arn", "name": "Name", "description": "Description", "hosted_zone": _ZONE_ID},
        note="one Route 53 GetHostedZone per private namespace: its VPC is only on the namespace's zone",
    ),
    ResourceSpec(
        type="aws_service_discovery_http_namespace", service="servicediscovery", list=_namespaces("HTTP"),
        import_id="{Id}", identity={"name": "Name"}, aliases=("Arn",),
        attributes={"arn": "Arn", "name": "Name", "description": "Description",
                    "http_name": "Properties.HttpProperties.HttpName"},
    ),
    ResourceSpec(
        type="aws_service_discovery_service", service="servicediscovery",
        list=Call("ListServices", items="Services[]"),
        detail=Call("GetService", items="Service", params={"Id": "=Id"}, absent_on=("ServiceNotFound",)),
        import_id="{Id}", identity={"name": "Name", "namespace_id": "NamespaceId"}, aliases=("Arn",),
        references=(Reference("namespace_id", "aws_service_discovery_private_dns_namespace", "NamespaceId"),
                    Reference("namespace_id", "aws_service_discovery_http_namespace", "NamespaceId")),
        attributes={"arn": "Arn", "name": "Name", "description": "Description", "type": "Type",
                    "dns_config.routing_policy": "DnsConfig.RoutingPolicy"},
        note="one GetService per service: ListServices does not name the namespace",
    ),
)
