"""A NAT gateway's interface is requester-managed, as in AWS; one made with CreateNetworkInterface is not."""

from __future__ import annotations


def test_service_interfaces_are_requester_managed_and_the_accounts_are_not(clean_emulator):
    ec2 = clean_emulator.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.90.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.90.1.0/24")["Subnet"]["SubnetId"]
    own = ec2.create_network_interface(SubnetId=subnet)["NetworkInterface"]["NetworkInterfaceId"]
    allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
    ec2.create_nat_gateway(SubnetId=subnet, AllocationId=allocation)
    managed = {i["NetworkInterfaceId"]: i["RequesterManaged"]
               for i in ec2.describe_network_interfaces(Filters=[{"Name": "subnet-id", "Values": [subnet]}])[
                   "NetworkInterfaces"]}
    assert managed.pop(own) is False
    assert list(managed.values()) == [True]  # the NAT gateway's
