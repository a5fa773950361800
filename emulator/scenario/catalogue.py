"""One object per type the hand-built account does not make yet, built on request.

``tests/e2e/test_type_round_trips.py`` builds every type it proves with ``build(ctx, types)`` and
imports each with the small config written for it in ``tests/fixtures/types/<type>.tf.json``
(the names here are the ones those configs use). Not a step of the hand-built account: tests
and the demo count that account's objects.
"""

from __future__ import annotations

import json
from typing import Callable

from emulator.scenario.context import BuildContext
from emulator.scenario.messaging import MAX_MESSAGE_BYTES


def _queue(ctx: BuildContext, name: str) -> tuple[str, str]:
    """The queue ``name`` (made once per build): its URL and ARN."""
    if name not in ctx.ids:
        sqs = ctx.client("sqs")
        url = sqs.create_queue(QueueName=name, Attributes={"MaximumMessageSize": MAX_MESSAGE_BYTES})["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        ctx.ids[name] = (url, arn)
        ctx.record("aws_sqs_queue", url, None)
    return ctx.ids[name]


def sqs_queue_redrive_policy(ctx: BuildContext) -> None:
    """cat-orders sends what fails four times to cat-orders-dlq."""
    _, dlq_arn = _queue(ctx, "cat-orders-dlq")
    url, _ = _queue(ctx, "cat-orders")
    ctx.client("sqs").set_queue_attributes(QueueUrl=url, Attributes={"RedrivePolicy": json.dumps(
        {"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 4})})
    ctx.record("aws_sqs_queue_redrive_policy", url, None)


def sqs_queue_redrive_allow_policy(ctx: BuildContext) -> None:
    """cat-orders-dlq accepts dead letters from cat-orders only."""
    dlq_url, _ = _queue(ctx, "cat-orders-dlq")
    _, source_arn = _queue(ctx, "cat-orders")
    ctx.client("sqs").set_queue_attributes(QueueUrl=dlq_url, Attributes={"RedriveAllowPolicy": json.dumps(
        {"redrivePermission": "byQueue", "sourceQueueArns": [source_arn]})})
    ctx.record("aws_sqs_queue_redrive_allow_policy", dlq_url, None)


def ecs_cluster_capacity_providers(ctx: BuildContext) -> None:
    """cat-apps runs on Fargate, one task at least, Spot for the rest."""
    ecs = ctx.client("ecs")
    ecs.create_cluster(clusterName="cat-apps")
    ecs.put_cluster_capacity_providers(
        cluster="cat-apps", capacityProviders=["FARGATE", "FARGATE_SPOT"],
        defaultCapacityProviderStrategy=[{"capacityProvider": "FARGATE", "weight": 1, "base": 1},
                                         {"capacityProvider": "FARGATE_SPOT", "weight": 3, "base": 0}])
    ctx.record("aws_ecs_cluster", "cat-apps", None)
    ctx.record("aws_ecs_cluster_capacity_providers", "cat-apps", None)


LAMBDA_TRUST = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                       "Principal": {"Service": "lambda.amazonaws.com"}}]}


def lambda_event_source_mapping(ctx: BuildContext) -> None:
    """The cat-worker function consumes cat-jobs, ten messages at a time."""
    from stacks.functions.packaging import build_function

    role_arn = ctx.client("iam").create_role(RoleName="cat-worker", AssumeRolePolicyDocument=json.dumps(
        LAMBDA_TRUST))["Role"]["Arn"]
    ctx.record("aws_iam_role", "cat-worker", None)
    function_arn = ctx.client("lambda").create_function(
        FunctionName="cat-worker", Role=role_arn, Runtime="python3.12", Handler="handler.handler",
        Code={"ZipFile": build_function("scheduler").content})["FunctionArn"]
    ctx.record("aws_lambda_function", "cat-worker", None)
    _, queue_arn = _queue(ctx, "cat-jobs")
    uuid = ctx.client("lambda").create_event_source_mapping(
        EventSourceArn=queue_arn, FunctionName=function_arn, BatchSize=10)["UUID"]
    ctx.record("aws_lambda_event_source_mapping", uuid, None)


AMI = "ami-1e749f67"  # an Ubuntu image the emulator always serves (tests/fixtures/types/aws_instance.tf.json)


def instance(ctx: BuildContext) -> None:
    """cat-web, a t3.micro in a subnet of its own VPC."""
    ec2 = ctx.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.60.0.0/16", TagSpecifications=[
        {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "cat-web"}]}])["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.60.1.0/24", AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
    instance_id = ec2.run_instances(ImageId=AMI, InstanceType="t3.micro", SubnetId=subnet, MinCount=1, MaxCount=1,
                                    TagSpecifications=[{"ResourceType": "instance", "Tags": [
                                        {"Key": "Name", "Value": "cat-web"}]}])["Instances"][0]["InstanceId"]
    ctx.record("aws_vpc", vpc, None)
    ctx.record("aws_subnet", subnet, None)
    ctx.record("aws_instance", instance_id, None)


def _once(ctx: BuildContext, key: str, make: Callable[[], None]) -> None:
    """Make an object several types' fixtures share, once per build."""
    if key not in ctx.ids:
        make()
        ctx.ids[key] = True


def _user(ctx: BuildContext) -> None:
    _once(ctx, "user:cat-deployer", lambda: (ctx.client("iam").create_user(UserName="cat-deployer"),
                                             ctx.record("aws_iam_user", "cat-deployer", None)))


def _groups(ctx: BuildContext) -> None:
    def make() -> None:
        for name in ("cat-deployers", "cat-readers"):
            ctx.client("iam").create_group(GroupName=name)
            ctx.record("aws_iam_group", name, None)
    _once(ctx, "groups", make)


def iam_user_group_membership(ctx: BuildContext) -> None:
    """cat-deployer belongs to cat-deployers and cat-readers."""
    _user(ctx)
    _groups(ctx)
    for group in ("cat-deployers", "cat-readers"):
        ctx.client("iam").add_user_to_group(UserName="cat-deployer", GroupName=group)
    ctx.record("aws_iam_user_group_membership", "cat-deployer/cat-deployers/cat-readers", None)


def iam_instance_profile(ctx: BuildContext) -> None:
    """cat-web-instance: the profile EC2 instances of cat-web start with, holding its role."""
    iam = ctx.client("iam")
    iam.create_role(RoleName="cat-web-instance", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                "Principal": {"Service": "ec2.amazonaws.com"}}]}))
    iam.create_instance_profile(InstanceProfileName="cat-web-instance")
    iam.add_role_to_instance_profile(InstanceProfileName="cat-web-instance", RoleName="cat-web-instance")
    ctx.record("aws_iam_role", "cat-web-instance", None)
    ctx.record("aws_iam_instance_profile", "cat-web-instance", None)


# A public key (the private half was thrown away): tests/fixtures/types/aws_key_pair.tf.json holds it too.
PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJQyd2wGrCJ1rTU8MHj2LXG50NQMBVPpP2zLtdFsgJsc cat-ops"


def key_pair(ctx: BuildContext) -> None:
    """cat-ops, an imported SSH public key."""
    ctx.client("ec2").import_key_pair(KeyName="cat-ops", PublicKeyMaterial=PUBLIC_KEY.encode())
    ctx.record("aws_key_pair", "cat-ops", None)


def ebs_volume(ctx: BuildContext) -> None:
    """cat-data, an 8 GiB gp3 volume no instance uses yet."""
    volume = ctx.client("ec2").create_volume(AvailabilityZone="us-east-1a", Size=8, VolumeType="gp3",
                                             TagSpecifications=[{"ResourceType": "volume", "Tags": [
                                                 {"Key": "Name", "Value": "cat-data"}]}])["VolumeId"]
    ctx.record("aws_ebs_volume", volume, None)


def launch_template(ctx: BuildContext) -> None:
    """cat-web: the image and size cat-web's instances start with."""
    template = ctx.client("ec2").create_launch_template(LaunchTemplateName="cat-web", LaunchTemplateData={
        "ImageId": AMI, "InstanceType": "t3.micro"})["LaunchTemplate"]["LaunchTemplateId"]
    ctx.record("aws_launch_template", template, None)


def network_acl(ctx: BuildContext) -> None:
    """cat-edge: a VPC whose own ACL lets HTTPS in."""
    ec2 = ctx.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.61.0.0/16", TagSpecifications=[
        {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "cat-edge"}]}])["Vpc"]["VpcId"]
    acl = ec2.create_network_acl(VpcId=vpc, TagSpecifications=[{"ResourceType": "network-acl", "Tags": [
        {"Key": "Name", "Value": "cat-edge"}]}])["NetworkAcl"]["NetworkAclId"]
    ec2.create_network_acl_entry(NetworkAclId=acl, RuleNumber=100, Protocol="6", RuleAction="allow", Egress=False,
                                 CidrBlock="0.0.0.0/0", PortRange={"From": 443, "To": 443})
    ctx.record("aws_vpc", vpc, None)
    ctx.record("aws_network_acl", acl, None)


def dynamodb_table(ctx: BuildContext) -> None:
    """cat-sessions, on demand, keyed by id."""
    ctx.client("dynamodb").create_table(
        TableName="cat-sessions", BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}])
    ctx.record("aws_dynamodb_table", "cat-sessions", None)


def kinesis_stream(ctx: BuildContext) -> None:
    """cat-clicks, one shard, kept a day."""
    ctx.client("kinesis").create_stream(StreamName="cat-clicks", ShardCount=1)
    ctx.record("aws_kinesis_stream", "cat-clicks", None)


def sfn_state_machine(ctx: BuildContext) -> None:
    """cat-checkout, one Pass state, run by its own role."""
    role_arn = ctx.client("iam").create_role(RoleName="cat-checkout", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                "Principal": {"Service": "states.amazonaws.com"}}]}))["Role"]["Arn"]
    ctx.record("aws_iam_role", "cat-checkout", None)
    arn = ctx.client("stepfunctions").create_state_machine(name="cat-checkout", roleArn=role_arn, definition=json.dumps(
        {"StartAt": "Done", "States": {"Done": {"Type": "Pass", "End": True}}}, separators=(",", ":"),
        sort_keys=True))["stateMachineArn"]  # as jsonencode() writes it: AWS keeps the text, provider 5.100 compares it
    ctx.record("aws_sfn_state_machine", arn, None)


BUILDERS: dict[str, Callable[[BuildContext], None]] = {
    "aws_dynamodb_table": dynamodb_table,
    "aws_kinesis_stream": kinesis_stream,
    "aws_sfn_state_machine": sfn_state_machine,
    "aws_key_pair": key_pair,
    "aws_ebs_volume": ebs_volume,
    "aws_launch_template": launch_template,
    "aws_network_acl": network_acl,
    "aws_iam_user": _user,
    "aws_iam_group": _groups,
    "aws_iam_user_group_membership": iam_user_group_membership,
    "aws_iam_instance_profile": iam_instance_profile,
    "aws_instance": instance,
    "aws_lambda_event_source_mapping": lambda_event_source_mapping,
    "aws_sqs_queue_redrive_policy": sqs_queue_redrive_policy,
    "aws_sqs_queue_redrive_allow_policy": sqs_queue_redrive_allow_policy,
    "aws_ecs_cluster_capacity_providers": ecs_cluster_capacity_providers,
}


def build(ctx: BuildContext, types: list[str]) -> None:
    """Build the object of each type in ``types`` (an unknown type is a KeyError)."""
    for type_name in types:
        BUILDERS[type_name](ctx)
