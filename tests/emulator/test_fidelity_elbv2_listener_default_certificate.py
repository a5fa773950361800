"""A listener lists its default certificate only; added certificates are the listener certificates'."""

from __future__ import annotations


def test_an_added_certificate_is_not_the_listeners_own(clean_emulator):
    ec2, acm, elbv2 = (clean_emulator.client(s) for s in ("ec2", "acm", "elbv2"))
    vpc = ec2.create_vpc(CidrBlock="10.90.0.0/16")["Vpc"]["VpcId"]
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.90.{i}.0/24", AvailabilityZone=f"us-east-1{z}")["Subnet"]
               ["SubnetId"] for i, z in ((1, "a"), (2, "b"))]
    default, extra = (acm.request_certificate(DomainName=f"{n}.example.com")["CertificateArn"] for n in "ab")
    balancer = elbv2.create_load_balancer(Name="net-fid", Subnets=subnets)["LoadBalancers"][0]["LoadBalancerArn"]
    listener = elbv2.create_listener(LoadBalancerArn=balancer, Protocol="HTTPS", Port=443, Certificates=[
        {"CertificateArn": default}], DefaultActions=[{"Type": "fixed-response", "FixedResponseConfig": {
            "StatusCode": "404"}}])["Listeners"][0]["ListenerArn"]
    elbv2.add_listener_certificates(ListenerArn=listener, Certificates=[{"CertificateArn": extra}])
    assert elbv2.describe_listeners(ListenerArns=[listener])["Listeners"][0]["Certificates"] == [
        {"CertificateArn": default}]
    listed = elbv2.describe_listener_certificates(ListenerArn=listener)["Certificates"]
    assert [(c["CertificateArn"], c["IsDefault"]) for c in listed] == [(default, True), (extra, False)]
