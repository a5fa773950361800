"""The emulator: a real HTTP server reached through the standard endpoint variable, with every
fidelity fix proven over the wire."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from emulator import fidelity
from emulator.controller import Emulator, EmulatorError



def test_clients_reach_it_through_aws_endpoint_url_only(clean_emulator):
    environ = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    environ.update(clean_emulator.environment())
    probe = "import boto3; boto3.client('sqs').create_queue(QueueName='probe'); print(boto3.client('sqs').list_queues()['QueueUrls'])"
    result = subprocess.run([sys.executable, "-c", probe], env=environ, capture_output=True, text=True, check=True)
    assert "probe" in result.stdout
    assert clean_emulator.endpoint.startswith("http://127.0.0.1:")


def test_reset_forgets_resources(clean_emulator):
    sqs = clean_emulator.client("sqs")
    sqs.create_queue(QueueName="temporary")
    clean_emulator.reset()
    assert sqs.list_queues().get("QueueUrls", []) == []


def test_aws_managed_policies_are_loaded(clean_emulator):
    iam = clean_emulator.client("iam")
    policy = iam.get_policy(PolicyArn="arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy")
    assert policy["Policy"]["PolicyName"] == "AmazonECSTaskExecutionRolePolicy"


def test_every_fidelity_fix_is_applied_in_the_server():
    assert fidelity.available() == sorted(fidelity.available())
    assert {"sqs_redrive_policy", "application_autoscaling_tags"} <= set(fidelity.available())


def test_sqs_redrive_policy_comes_back_compact_as_in_aws(clean_emulator):
    sqs = clean_emulator.client("sqs")
    dlq = sqs.create_queue(QueueName="dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    queue = sqs.create_queue(QueueName="jobs", Attributes={
        "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 5})})["QueueUrl"]
    returned = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["RedrivePolicy"])["Attributes"]
    assert returned["RedrivePolicy"] == json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 5},
                                                   separators=(",", ":"))


def test_application_autoscaling_tags_round_trip(clean_emulator):
    clean_emulator.client("ecs").create_cluster(clusterName="c")
    clean_emulator.client("ecs").create_service(cluster="c", serviceName="s", desiredCount=1)
    scaling = clean_emulator.client("application-autoscaling")
    arn = scaling.register_scalable_target(
        ServiceNamespace="ecs", ResourceId="service/c/s", ScalableDimension="ecs:service:DesiredCount",
        MinCapacity=1, MaxCapacity=2, Tags={"Environment": "prod"})["ScalableTargetARN"]
    assert scaling.list_tags_for_resource(ResourceARN=arn)["Tags"] == {"Environment": "prod"}
    scaling.tag_resource(ResourceARN=arn, Tags={"Owner": "team"})
    scaling.untag_resource(ResourceARN=arn, TagKeys=["Environment"])
    assert scaling.list_tags_for_resource(ResourceARN=arn)["Tags"] == {"Owner": "team"}


def test_start_stop_and_saved_state(tmp_path):
    running = Emulator.start(detach=True)
    try:
        running.save(tmp_path / "state.json")
        found = Emulator.load(tmp_path / "state.json")
        assert found.endpoint == running.endpoint and found.is_alive()
    finally:
        Emulator.load(tmp_path / "state.json").stop()
    assert not running.is_alive()
    with pytest.raises(EmulatorError, match="no emulator recorded"):
        Emulator.load(tmp_path / "missing.json")


def test_server_refuses_to_start_on_a_busy_port(emulator):
    port = int(emulator.endpoint.rsplit(":", 1)[1])
    with pytest.raises(EmulatorError, match="exited"):
        Emulator.start(port=port)


def test_nat_gateway_without_connectivity_type_is_public_as_in_aws(clean_emulator):
    ec2 = clean_emulator.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.0.0/24")["Subnet"]["SubnetId"]
    allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
    nat = ec2.create_nat_gateway(SubnetId=subnet, AllocationId=allocation)["NatGateway"]["NatGatewayId"]
    described = ec2.describe_nat_gateways(NatGatewayIds=[nat])["NatGateways"][0]
    assert described["ConnectivityType"] == "public"


def test_application_load_balancer_attributes_and_redirects_carry_aws_defaults(clean_emulator):
    ec2, elb = clean_emulator.client("ec2"), clean_emulator.client("elbv2")
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.0.{i}.0/24", AvailabilityZone=f"us-east-1{z}")["Subnet"][
        "SubnetId"] for i, z in enumerate("ab")]
    arn = elb.create_load_balancer(Name="lb", Subnets=subnets)["LoadBalancers"][0]["LoadBalancerArn"]
    attributes = {a["Key"]: a["Value"] for a in elb.describe_load_balancer_attributes(LoadBalancerArn=arn)["Attributes"]}
    assert attributes["idle_timeout.timeout_seconds"] == "60" and attributes["routing.http2.enabled"] == "true"
    assert attributes["routing.http.desync_mitigation_mode"] == "defensive"
    listener = elb.create_listener(LoadBalancerArn=arn, Port=80, Protocol="HTTP", DefaultActions=[
        {"Type": "redirect", "RedirectConfig": {"Port": "443", "Protocol": "HTTPS", "StatusCode": "HTTP_301"}}])
    redirect = listener["Listeners"][0]["DefaultActions"][0]["RedirectConfig"]
    assert (redirect["Host"], redirect["Path"], redirect["Query"]) == ("#{host}", "/#{path}", "#{query}")
