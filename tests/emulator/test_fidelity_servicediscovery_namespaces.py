"""Cloud Map namespaces: the hosted zone a private DNS namespace makes, and ListNamespaces filters."""

from __future__ import annotations


def test_private_namespace_zone_is_named_linked_and_in_the_vpc_and_goes_with_the_namespace(clean_emulator):
    vpc_id = clean_emulator.client("ec2").create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    cloud_map, route53 = clean_emulator.client("servicediscovery"), clean_emulator.client("route53")
    cloud_map.create_private_dns_namespace(Name="edg-test.internal", Vpc=vpc_id)
    namespace = cloud_map.list_namespaces()["Namespaces"][0]
    zone_id = namespace["Properties"]["DnsProperties"]["HostedZoneId"]
    assert not zone_id.startswith("/")
    zone = route53.get_hosted_zone(Id=zone_id)
    assert zone["HostedZone"]["Name"] == "edg-test.internal."
    assert zone["HostedZone"]["LinkedService"]["ServicePrincipal"] == "servicediscovery.amazonaws.com"
    assert [v["VPCId"] for v in zone["VPCs"]] == [vpc_id]
    assert [z["Name"] for z in route53.list_hosted_zones()["HostedZones"]] == ["edg-test.internal."]
    by_vpc = route53.list_hosted_zones_by_vpc(VPCId=vpc_id, VPCRegion="us-east-1")["HostedZoneSummaries"]
    assert [z["Owner"] for z in by_vpc] == [{"OwningService": "servicediscovery.amazonaws.com"}]
    cloud_map.delete_namespace(Id=namespace["Id"])
    assert route53.list_hosted_zones()["HostedZones"] == []


def test_list_namespaces_honours_the_type_filter(clean_emulator):
    cloud_map = clean_emulator.client("servicediscovery")
    vpc_id = clean_emulator.client("ec2").create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    cloud_map.create_private_dns_namespace(Name="edg-a.internal", Vpc=vpc_id)
    cloud_map.create_http_namespace(Name="edg-b")
    private = cloud_map.list_namespaces(Filters=[{"Name": "TYPE", "Values": ["DNS_PRIVATE"], "Condition": "EQ"}])
    assert [ns["Name"] for ns in private["Namespaces"]] == ["edg-a.internal"]
    assert len(cloud_map.list_namespaces()["Namespaces"]) == 2
