"""Networking and Auto Scaling extras (prefix net-): each builder makes what a person makes by hand in the
console or CLI, with the supporting objects its fixture declares (tests/fixtures/types/<type>.tf.json)."""

from __future__ import annotations

import json

from emulator.scenario.catalogue.shared import AMI
from emulator.scenario.context import BuildContext


def _tags(resource_type: str, name: str) -> list[dict]:
    return [{"ResourceType": resource_type, "Tags": [{"Key": "Name", "Value": name}]}]


def vpc(ctx: BuildContext, name: str, cidr: str) -> tuple[str, str]:
    """The VPC ``name`` with one /24 subnet in us-east-1a (made once per build): their IDs."""
    key = f"net-vpc:{name}"
    if key not in ctx.ids:
        ec2 = ctx.client("ec2")
        vpc_id = ec2.create_vpc(CidrBlock=cidr, TagSpecifications=_tags("vpc", name))["Vpc"]["VpcId"]
        subnet = ec2.create_subnet(VpcId=vpc_id, CidrBlock=cidr.replace(".0.0/16", ".1.0/24"),
                                   AvailabilityZone="us-east-1a", TagSpecifications=_tags("subnet", name))
        ctx.ids[key] = (vpc_id, subnet["Subnet"]["SubnetId"])
        ctx.record("aws_vpc", vpc_id, None)
        ctx.record("aws_subnet", ctx.ids[key][1], None)
    return ctx.ids[key]


def autoscaling_group(ctx: BuildContext) -> str:
    """net-web: a group of zero to two t3.micro instances (none running) from its launch template."""
    if "net-asg" not in ctx.ids:
        _, subnet = vpc(ctx, "net-asg", "10.72.0.0/16")
        template = ctx.client("ec2").create_launch_template(LaunchTemplateName="net-web", LaunchTemplateData={
            "ImageId": AMI, "InstanceType": "t3.micro"})["LaunchTemplate"]["LaunchTemplateId"]
        ctx.client("autoscaling").create_auto_scaling_group(
            AutoScalingGroupName="net-web", LaunchTemplate={"LaunchTemplateId": template, "Version": "$Latest"},
            MinSize=0, MaxSize=2, DesiredCapacity=0, VPCZoneIdentifier=subnet)
        ctx.record("aws_launch_template", template, None)
        ctx.record("aws_autoscaling_group", "net-web", None)
        ctx.ids["net-asg"] = "net-web"
    return ctx.ids["net-asg"]


def autoscaling_policy(ctx: BuildContext) -> None:
    """net-cpu: keep net-web's average CPU at 50 %."""
    group = autoscaling_group(ctx)
    ctx.client("autoscaling").put_scaling_policy(
        AutoScalingGroupName=group, PolicyName="net-cpu", PolicyType="TargetTrackingScaling",
        TargetTrackingConfiguration={"PredefinedMetricSpecification": {
            "PredefinedMetricType": "ASGAverageCPUUtilization"}, "TargetValue": 50.0})
    ctx.record("aws_autoscaling_policy", f"{group}/net-cpu", None)


def autoscaling_schedule(ctx: BuildContext) -> None:
    """net-night: net-web scales to zero every evening."""
    group = autoscaling_group(ctx)
    ctx.client("autoscaling").put_scheduled_update_group_action(
        AutoScalingGroupName=group, ScheduledActionName="net-night", Recurrence="0 22 * * *",
        MinSize=0, MaxSize=1, DesiredCapacity=0)
    ctx.record("aws_autoscaling_schedule", f"{group}/net-night", None)


def eip_association(ctx: BuildContext) -> None:
    """net-eip: an Elastic IP associated with a t3.micro instance."""
    ec2 = ctx.client("ec2")
    _, subnet = vpc(ctx, "net-eip", "10.73.0.0/16")
    instance = ec2.run_instances(ImageId=AMI, InstanceType="t3.micro", SubnetId=subnet, MinCount=1, MaxCount=1,
                                 TagSpecifications=_tags("instance", "net-eip"))["Instances"][0]["InstanceId"]
    allocation = ec2.allocate_address(Domain="vpc", TagSpecifications=_tags("elastic-ip", "net-eip"))["AllocationId"]
    association = ec2.associate_address(AllocationId=allocation, InstanceId=instance)["AssociationId"]
    ctx.record("aws_instance", instance, None)
    ctx.record("aws_eip", allocation, None)
    ctx.record("aws_eip_association", association, None)


def vpc_peering_connection(ctx: BuildContext) -> None:
    """net-peer: the app VPC peered with the shared-services VPC (same account, accepted)."""
    ec2 = ctx.client("ec2")
    app, _ = vpc(ctx, "net-app", "10.74.0.0/16")
    shared, _ = vpc(ctx, "net-shared", "10.75.0.0/16")
    peering = ec2.create_vpc_peering_connection(VpcId=app, PeerVpcId=shared, TagSpecifications=_tags(
        "vpc-peering-connection", "net-peer"))["VpcPeeringConnection"]["VpcPeeringConnectionId"]
    ec2.accept_vpc_peering_connection(VpcPeeringConnectionId=peering)
    ctx.record("aws_vpc_peering_connection", peering, None)


def vpc_endpoint_policy(ctx: BuildContext) -> None:
    """net-s3: an S3 gateway endpoint whose policy allows reading objects only."""
    ec2 = ctx.client("ec2")
    vpc_id, _ = vpc(ctx, "net-endpoint", "10.76.0.0/16")
    policy = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}
    endpoint = ec2.create_vpc_endpoint(VpcId=vpc_id, ServiceName="com.amazonaws.us-east-1.s3",
                                       VpcEndpointType="Gateway", PolicyDocument=json.dumps(policy),
                                       TagSpecifications=_tags("vpc-endpoint", "net-s3"))["VpcEndpoint"]
    ctx.record("aws_vpc_endpoint", endpoint["VpcEndpointId"], None)
    ctx.record("aws_vpc_endpoint_policy", endpoint["VpcEndpointId"], None)


def dhcp_options(ctx: BuildContext) -> str:
    """net-corp: DHCP options naming the corp.internal domain (made once per build)."""
    if "net-dhcp" not in ctx.ids:
        ec2 = ctx.client("ec2")
        options = ec2.create_dhcp_options(DhcpConfigurations=[
            {"Key": "domain-name", "Values": ["corp.internal"]},
            {"Key": "domain-name-servers", "Values": ["AmazonProvidedDNS"]}])["DhcpOptions"]["DhcpOptionsId"]
        ec2.create_tags(Resources=[options], Tags=[{"Key": "Name", "Value": "net-corp"}])
        ctx.record("aws_vpc_dhcp_options", options, None)
        ctx.ids["net-dhcp"] = options
    return ctx.ids["net-dhcp"]


def dhcp_options_association(ctx: BuildContext) -> None:
    """net-corp's VPC uses the net-corp DHCP options."""
    vpc_id, _ = vpc(ctx, "net-corp", "10.77.0.0/16")
    ctx.client("ec2").associate_dhcp_options(DhcpOptionsId=dhcp_options(ctx), VpcId=vpc_id)
    ctx.record("aws_vpc_dhcp_options_association", vpc_id, None)


def egress_only_internet_gateway(ctx: BuildContext) -> None:
    """net-v6: IPv6 egress for the net-v6 VPC."""
    vpc_id, _ = vpc(ctx, "net-v6", "10.78.0.0/16")
    gateway = ctx.client("ec2").create_egress_only_internet_gateway(
        VpcId=vpc_id, TagSpecifications=_tags("egress-only-internet-gateway", "net-v6"))
    ctx.record("aws_egress_only_internet_gateway", gateway["EgressOnlyInternetGateway"]["EgressOnlyInternetGatewayId"],
               None)


def customer_gateway(ctx: BuildContext) -> None:
    """net-office: the office router's public address."""
    gateway = ctx.client("ec2").create_customer_gateway(BgpAsn=65000, PublicIp="198.51.100.7", Type="ipsec.1",
                                                        TagSpecifications=_tags("customer-gateway", "net-office"))
    ctx.record("aws_customer_gateway", gateway["CustomerGateway"]["CustomerGatewayId"], None)


def vpn_gateway(ctx: BuildContext) -> None:
    """net-vpn: a virtual private gateway attached to the net-vpn VPC."""
    ec2 = ctx.client("ec2")
    vpc_id, _ = vpc(ctx, "net-vpn", "10.79.0.0/16")
    gateway = ec2.create_vpn_gateway(Type="ipsec.1", AmazonSideAsn=64512,
                                     TagSpecifications=_tags("vpn-gateway", "net-vpn"))["VpnGateway"]["VpnGatewayId"]
    ec2.attach_vpn_gateway(VpcId=vpc_id, VpnGatewayId=gateway)
    ctx.record("aws_vpn_gateway", gateway, None)


def managed_prefix_list(ctx: BuildContext) -> None:
    """net-office: the office's address range, for security group rules."""
    prefix_list = ctx.client("ec2").create_managed_prefix_list(
        PrefixListName="net-office", MaxEntries=5, AddressFamily="IPv4",
        Entries=[{"Cidr": "203.0.113.0/24", "Description": "office"}])["PrefixList"]["PrefixListId"]
    ctx.record("aws_ec2_managed_prefix_list", prefix_list, None)


def security_group_rule(ctx: BuildContext) -> None:
    """net-web: a security group letting HTTPS in, and out anything (AWS's default egress rule)."""
    ec2 = ctx.client("ec2")
    vpc_id, _ = vpc(ctx, "net-sg", "10.80.0.0/16")
    group = ec2.create_security_group(GroupName="net-web", Description="net-web HTTPS", VpcId=vpc_id)["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[{
        "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    ctx.record("aws_security_group", group, None)
    ctx.record("aws_security_group_rule", f"{group}_ingress_tcp_443_443_0.0.0.0/0", None)
    ctx.record("aws_security_group_rule", f"{group}_egress_-1_0_0_0.0.0.0/0", None)


def network_acl(ctx: BuildContext) -> str:
    """net-private: an ACL of the net-acl VPC, with its subnet moved onto it (made once per build)."""
    if "net-acl" not in ctx.ids:
        ec2 = ctx.client("ec2")
        vpc_id, subnet = vpc(ctx, "net-acl", "10.81.0.0/16")
        acl = ec2.create_network_acl(VpcId=vpc_id, TagSpecifications=_tags("network-acl", "net-private"))
        ctx.ids["net-acl"] = acl["NetworkAcl"]["NetworkAclId"]
        ctx.record("aws_network_acl", ctx.ids["net-acl"], None)
    return ctx.ids["net-acl"]


def network_acl_rule(ctx: BuildContext) -> None:
    """net-private lets HTTPS in from the VPC and anything out."""
    ec2, acl = ctx.client("ec2"), network_acl(ctx)
    ec2.create_network_acl_entry(NetworkAclId=acl, RuleNumber=100, Protocol="6", RuleAction="allow", Egress=False,
                                 CidrBlock="10.81.0.0/16", PortRange={"From": 443, "To": 443})
    ec2.create_network_acl_entry(NetworkAclId=acl, RuleNumber=100, Protocol="-1", RuleAction="allow", Egress=True,
                                 CidrBlock="0.0.0.0/0")
    ctx.record("aws_network_acl_rule", f"{acl}:100:6:false", None)
    ctx.record("aws_network_acl_rule", f"{acl}:100:-1:true", None)


def network_acl_association(ctx: BuildContext) -> None:
    """net-acl's subnet moved from the VPC's default ACL onto net-private."""
    ec2, acl = ctx.client("ec2"), network_acl(ctx)
    _, subnet = vpc(ctx, "net-acl", "10.81.0.0/16")
    current = ec2.describe_network_acls(Filters=[{"Name": "association.subnet-id", "Values": [subnet]}])
    association = next(a["NetworkAclAssociationId"] for a in current["NetworkAcls"][0]["Associations"]
                       if a["SubnetId"] == subnet)
    new = ec2.replace_network_acl_association(AssociationId=association, NetworkAclId=acl)["NewAssociationId"]
    ctx.record("aws_network_acl_association", new, None)


def volume_attachment(ctx: BuildContext) -> None:
    """net-vol: a data volume attached to a t3.micro instance as /dev/sdh."""
    ec2 = ctx.client("ec2")
    _, subnet = vpc(ctx, "net-vol", "10.82.0.0/16")
    instance = ec2.run_instances(ImageId=AMI, InstanceType="t3.micro", SubnetId=subnet, MinCount=1, MaxCount=1,
                                 TagSpecifications=_tags("instance", "net-vol"))["Instances"][0]["InstanceId"]
    volume = ec2.create_volume(AvailabilityZone="us-east-1a", Size=8, VolumeType="gp3",
                               TagSpecifications=_tags("volume", "net-vol-data"))["VolumeId"]
    ec2.attach_volume(Device="/dev/sdh", VolumeId=volume, InstanceId=instance)
    ctx.record("aws_instance", instance, None)
    ctx.record("aws_ebs_volume", volume, None)
    ctx.record("aws_volume_attachment", f"/dev/sdh:{volume}:{instance}", None)


def network_interface(ctx: BuildContext) -> None:
    """net-eni: a spare interface in the net-eni subnet (for a failover address)."""
    _, subnet = vpc(ctx, "net-eni", "10.83.0.0/16")
    interface = ctx.client("ec2").create_network_interface(SubnetId=subnet, Description="net-eni failover",
                                                           TagSpecifications=_tags("network-interface", "net-eni"))
    ctx.record("aws_network_interface", interface["NetworkInterface"]["NetworkInterfaceId"], None)


def lb_listener_certificate(ctx: BuildContext) -> None:
    """net-edge: an HTTPS listener serving net-a.example.com by default and net-b.example.com as well."""
    ec2, acm, elbv2 = ctx.client("ec2"), ctx.client("acm"), ctx.client("elbv2")
    vpc_id, subnet_a = vpc(ctx, "net-edge", "10.84.0.0/16")
    subnet_b = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.84.2.0/24", AvailabilityZone="us-east-1b",
                                 TagSpecifications=_tags("subnet", "net-edge-b"))["Subnet"]["SubnetId"]
    default, extra = (acm.request_certificate(DomainName=f"net-{name}.example.com", ValidationMethod="DNS")
                      ["CertificateArn"] for name in ("a", "b"))
    balancer = elbv2.create_load_balancer(Name="net-edge", Subnets=[subnet_a, subnet_b])["LoadBalancers"][0]
    listener = elbv2.create_listener(
        LoadBalancerArn=balancer["LoadBalancerArn"], Protocol="HTTPS", Port=443, Certificates=[
            {"CertificateArn": default}], DefaultActions=[{"Type": "fixed-response", "FixedResponseConfig": {
                "StatusCode": "404", "ContentType": "text/plain"}}])["Listeners"][0]["ListenerArn"]
    elbv2.add_listener_certificates(ListenerArn=listener, Certificates=[{"CertificateArn": extra}])
    ctx.record("aws_subnet", subnet_b, None)
    ctx.record("aws_acm_certificate", default, None)
    ctx.record("aws_acm_certificate", extra, None)
    ctx.record("aws_lb", balancer["LoadBalancerArn"], None)
    ctx.record("aws_lb_listener", listener, None)
    ctx.record("aws_lb_listener_certificate", f"{listener}_{extra}", None)


BUILDERS = {
    "aws_lb_listener_certificate": lb_listener_certificate,
    "aws_volume_attachment": volume_attachment,
    "aws_network_interface": network_interface,
    "aws_network_acl_rule": network_acl_rule,
    "aws_network_acl_association": network_acl_association,
    "aws_security_group_rule": security_group_rule,
    "aws_autoscaling_group": autoscaling_group,
    "aws_autoscaling_policy": autoscaling_policy,
    "aws_autoscaling_schedule": autoscaling_schedule,
    "aws_eip_association": eip_association,
    "aws_vpc_peering_connection": vpc_peering_connection,
    "aws_vpc_endpoint_policy": vpc_endpoint_policy,
    "aws_vpc_dhcp_options": dhcp_options,
    "aws_vpc_dhcp_options_association": dhcp_options_association,
    "aws_egress_only_internet_gateway": egress_only_internet_gateway,
    "aws_customer_gateway": customer_gateway,
    "aws_vpn_gateway": vpn_gateway,
    "aws_ec2_managed_prefix_list": managed_prefix_list,
}
