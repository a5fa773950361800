"""A small account built by hand and a Terraform JSON config written by hand (not synthesized):
the importer reconciles it, and the real Terraform agrees with every import it plans."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from importer.verify.changes import resource_changes
from tests.tools import PROJECT_ROOT, run, terraform_environment

pytestmark = pytest.mark.terraform

PROVIDER = {"aws": [{"region": "us-east-1", "skip_credentials_validation": True, "skip_metadata_api_check": "true",
                     "s3_use_path_style": True, "max_retries": 2}]}


def build_small_account(emulator) -> dict[str, str]:
    """What a person made with the CLI; returns the live IDs by a short name."""
    ec2, sqs, s3 = emulator.client("ec2"), emulator.client("sqs"), emulator.client("s3")
    ids = {}
    ids["vpc"] = ec2.create_vpc(CidrBlock="10.50.0.0/16", TagSpecifications=[
        {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "core"}]}])["Vpc"]["VpcId"]
    ids["subnet"] = ec2.create_subnet(VpcId=ids["vpc"], CidrBlock="10.50.1.0/24",
                                      AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
    ids["subnet_b"] = ec2.create_subnet(VpcId=ids["vpc"], CidrBlock="10.50.2.0/24",
                                        AvailabilityZone="us-east-1b")["Subnet"]["SubnetId"]
    for table, subnet in (("rtb_b", "subnet_b"), ("rtb_a", "subnet")):  # one Name tag: only associations differ
        ids[table] = ec2.create_route_table(VpcId=ids["vpc"], TagSpecifications=[{
            "ResourceType": "route-table", "Tags": [{"Key": "Name", "Value": "private"}]}])["RouteTable"]["RouteTableId"]
        ec2.associate_route_table(RouteTableId=ids[table], SubnetId=ids[subnet])
    ids["sg"] = ec2.create_security_group(GroupName="app", Description="app servers", VpcId=ids["vpc"])["GroupId"]
    ids["rule"] = ec2.authorize_security_group_ingress(GroupId=ids["sg"], IpPermissions=[{
        "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}])[
        "SecurityGroupRules"][0]["SecurityGroupRuleId"]
    ids["dlq"] = sqs.create_queue(QueueName="hw-dlq", Attributes={"MaximumMessageSize": "262144"})["QueueUrl"]
    ids["scratch"] = sqs.create_queue(QueueName="hw-scratch", Attributes={"MaximumMessageSize": "262144"})["QueueUrl"]
    s3.create_bucket(Bucket="hw-artifacts")
    s3.put_bucket_versioning(Bucket="hw-artifacts", VersioningConfiguration={"Status": "Enabled"})
    iam = emulator.client("iam")
    iam.create_role(RoleName="hw-app", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))
    iam.put_role_policy(RoleName="hw-app", PolicyName="read-artifacts", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
                                                "Resource": "arn:aws:s3:::hw-artifacts/*"}]}))
    emulator.client("logs").create_log_group(logGroupName="/hw/app")
    emulator.client("logs").put_retention_policy(logGroupName="/hw/app", retentionInDays=14)
    ecs = emulator.client("ecs")
    ecs.create_cluster(clusterName="hw-apps")
    ids["task"] = ecs.register_task_definition(
        family="hw-web", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
        containerDefinitions=[{"name": "web", "image": "nginx:1.27", "essential": True}],
    )["taskDefinition"]["taskDefinitionArn"]
    # Fargate in awsvpc mode: the emulator answers an empty networkConfiguration for a service without
    # one, on which provider 5.100's read crashes (AWS omits it).
    for service in ("hw-web", "hw-worker"):
        ecs.create_service(cluster="hw-apps", serviceName=service, taskDefinition="hw-web:1", desiredCount=0,
                           launchType="FARGATE", networkConfiguration={"awsvpcConfiguration": {
                               "subnets": [ids["subnet"]], "securityGroups": [ids["sg"]],
                               "assignPublicIp": "DISABLED"}})
    return ids


CONFIG = {
    "provider": PROVIDER,
    "resource": {
        "aws_vpc": {"core": {"cidr_block": "10.50.0.0/16", "tags": {"Name": "core"}}},
        "aws_subnet": {"a": {"vpc_id": "${aws_vpc.core.id}", "cidr_block": "10.50.1.0/24",
                             "availability_zone": "us-east-1a"},
                       "b": {"vpc_id": "${aws_vpc.core.id}", "cidr_block": "10.50.2.0/24",
                             "availability_zone": "us-east-1b"}},
        # Two tables with one Name tag: told apart by the subnets their associations hold.
        "aws_route_table": {t: {"vpc_id": "${aws_vpc.core.id}", "tags": {"Name": "private"}} for t in ("a", "b")},
        "aws_route_table_association": {t: {"subnet_id": f"${{aws_subnet.{t}.id}}",
                                            "route_table_id": f"${{aws_route_table.{t}.id}}"} for t in ("a", "b")},
        "aws_ecs_cluster": {"apps": {"name": "hw-apps"}},
        "aws_ecs_task_definition": {"web": {
            "family": "hw-web", "network_mode": "awsvpc", "requires_compatibilities": ["FARGATE"], "cpu": "256",
            "memory": "512", "container_definitions": json.dumps([{"name": "web", "image": "nginx:1.27",
                                                                   "essential": True}])}},
        # Live holds the cluster's ARN; code names it by `.id` (the ARN) and by `.name`.
        "aws_ecs_service": {key: {"name": name, "cluster": f"${{aws_ecs_cluster.apps.{attribute}}}", "desired_count": 0,
                                  "launch_type": "FARGATE", "availability_zone_rebalancing": "ENABLED",
                                  "network_configuration": {
                                      "subnets": ["${aws_subnet.a.id}"], "assign_public_ip": False,
                                      "security_groups": ["${aws_security_group.app.id}"]},
                                  "task_definition": "${aws_ecs_task_definition.web.family}:"
                                                     "${aws_ecs_task_definition.web.revision}"}
                            for key, name, attribute in (("web", "hw-web", "id"), ("worker", "hw-worker", "name"))},
        "aws_security_group": {"app": {"name": "app", "description": "app servers", "vpc_id": "${aws_vpc.core.id}"}},
        "aws_vpc_security_group_ingress_rule": {"https": {
            "security_group_id": "${aws_security_group.app.id}", "ip_protocol": "tcp", "from_port": 443,
            "to_port": 443, "cidr_ipv4": "10.0.0.0/8"}},
        "aws_sqs_queue": {"dlq": {"name": "hw-dlq", "max_message_size": 262144},
                          "future": {"name": "hw-future", "max_message_size": 262144}},
        "aws_s3_bucket": {"artifacts": {"bucket": "hw-artifacts"}},
        "aws_s3_bucket_versioning": {"artifacts": {"bucket": "${aws_s3_bucket.artifacts.id}",
                                                   "versioning_configuration": {"status": "Enabled"}}},
        "aws_iam_role": {"app": {"name": "hw-app", "assume_role_policy": json.dumps({
            "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                                                    "Action": "sts:AssumeRole"}]})}},
        "aws_iam_role_policy": {"read": {"name": "read-artifacts", "role": "${aws_iam_role.app.name}",
                                         "policy": json.dumps({"Version": "2012-10-17", "Statement": [{
                                             "Effect": "Allow", "Action": "s3:GetObject",
                                             "Resource": "${aws_s3_bucket.artifacts.arn}/*"}]})}},
        "aws_cloudwatch_log_group": {"app": {"name": "/hw/app", "retention_in_days": 14}},
    },
}


def test_a_hand_written_config_is_reconciled_and_terraform_agrees(clean_emulator, tmp_path):
    ids = build_small_account(clean_emulator)
    environ = {**terraform_environment(tmp_path), **clean_emulator.environment()}
    seed = tmp_path / "seed"  # the team once imported the VPC by hand: real state, local backend
    seed.mkdir()
    (seed / "main.tf.json").write_text(json.dumps({
        "provider": PROVIDER, "resource": {"aws_vpc": CONFIG["resource"]["aws_vpc"]},
        "import": [{"to": "aws_vpc.core", "id": ids["vpc"]}]}))
    run(["terraform", "init", "-input=false", "-no-color"], seed, environ)
    run(["terraform", "apply", "-auto-approve", "-input=false", "-no-color"], seed, environ)

    work = tmp_path / "work"
    work.mkdir()
    (work / "main.tf.json").write_text(json.dumps(CONFIG))
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")} | clean_emulator.environment()
    result = subprocess.run([sys.executable, "-m", "importer", "plan", "--config", str(work / "main.tf.json"),
                             "--state", str(seed / "terraform.tfstate"), "--output-dir", str(work / "out")],
                            cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 2, result.stderr
    plan = json.loads((work / "out" / "plan.json").read_text())
    assert plan["managed"] == [{"address": "aws_vpc.core", "id": ids["vpc"]}]
    assert plan["create"] == ["aws_sqs_queue.future"]
    imports = {i["address"]: i["id"] for batch in plan["batches"] for i in batch["imports"]}
    assert imports == {
        "aws_subnet.a": ids["subnet"], "aws_security_group.app": ids["sg"],
        "aws_vpc_security_group_ingress_rule.https": ids["rule"], "aws_sqs_queue.dlq": ids["dlq"],
        "aws_s3_bucket.artifacts": "hw-artifacts", "aws_s3_bucket_versioning.artifacts": "hw-artifacts",
        "aws_iam_role.app": "hw-app", "aws_iam_role_policy.read": "hw-app:read-artifacts",
        "aws_cloudwatch_log_group.app": "/hw/app",
        "aws_subnet.b": ids["subnet_b"], "aws_route_table.a": ids["rtb_a"], "aws_route_table.b": ids["rtb_b"],
        "aws_route_table_association.a": f"{ids['subnet']}/{ids['rtb_a']}",
        "aws_route_table_association.b": f"{ids['subnet_b']}/{ids['rtb_b']}",
        "aws_ecs_cluster.apps": "hw-apps", "aws_ecs_task_definition.web": ids["task"],
        "aws_ecs_service.web": "hw-apps/hw-web", "aws_ecs_service.worker": "hw-apps/hw-worker",
    }
    assert plan["ambiguous"] == []
    assert ids["scratch"] in {u["id"] for u in plan["unmanaged"]}
    first_batch = {i["address"] for i in plan["batches"][0]["imports"]}
    assert "aws_subnet.a" in first_batch and "aws_vpc_security_group_ingress_rule.https" not in first_batch

    # The real Terraform, on a copy of the state, with every planned import and nothing to create.
    (seed / "main.tf.json").write_text(json.dumps({
        **{k: v for k, v in CONFIG.items()},
        "resource": {t: {n: b for n, b in r.items() if f"{t}.{n}" != "aws_sqs_queue.future"}
                     for t, r in CONFIG["resource"].items()},
        "import": [{"to": address, "id": identifier} for address, identifier in imports.items()]}))
    run(["terraform", "plan", "-input=false", "-no-color", "-out=all.tfplan"], seed, environ)
    changes = resource_changes(json.loads(run(["terraform", "show", "-json", "all.tfplan"], seed, environ).stdout))
    assert sorted(c.address for c in changes if c.importing_id) == sorted(imports)
    # Every import is clean but one: the provider's import holds an ECS service's cluster as the ARN, so
    # `cluster = <cluster>.name` forces a replacement the gate refuses (the code must say `.arn` or `.id`).
    assert [(c.address, c.replace_paths) for c in changes if not (c.is_pure_import or c.is_noop)] == [
        ("aws_ecs_service.worker", ("cluster",))]
