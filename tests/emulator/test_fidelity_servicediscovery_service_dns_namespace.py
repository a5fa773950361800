"""A service created with DNS records and a top-level NamespaceId reads back with DnsConfig.NamespaceId."""

from __future__ import annotations


def test_get_service_names_the_namespace_in_dns_config(clean_emulator):
    cloud_map = clean_emulator.client("servicediscovery")
    vpc_id = clean_emulator.client("ec2").create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    cloud_map.create_private_dns_namespace(Name="edg-s.internal", Vpc=vpc_id)
    namespace_id = cloud_map.list_namespaces()["Namespaces"][0]["Id"]
    made = cloud_map.create_service(Name="edg-s", NamespaceId=namespace_id, DnsConfig={
        "RoutingPolicy": "MULTIVALUE", "DnsRecords": [{"Type": "A", "TTL": 10}]})["Service"]
    assert cloud_map.get_service(Id=made["Id"])["Service"]["DnsConfig"]["NamespaceId"] == namespace_id
