"""ECS services keep the settings of their create request (and AWS's defaults), as in AWS."""

from __future__ import annotations


def _network(emulator) -> dict:
    ec2 = emulator.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.97.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.97.0.0/24")["Subnet"]["SubnetId"]
    group = ec2.create_security_group(GroupName="svc", Description="svc", VpcId=vpc)["GroupId"]
    return {"awsvpcConfiguration": {"subnets": [subnet], "securityGroups": [group], "assignPublicIp": "DISABLED"}}


def test_create_settings_are_returned(clean_emulator):
    ecs = clean_emulator.client("ecs")
    ecs.create_cluster(clusterName="c")
    ecs.register_task_definition(family="app", networkMode="awsvpc", requiresCompatibilities=["FARGATE"],
                                 cpu="256", memory="512",
                                 containerDefinitions=[{"name": "app", "image": "nginx", "essential": True}])
    created = ecs.create_service(
        cluster="c", serviceName="configured", taskDefinition="app", desiredCount=1, launchType="FARGATE",
        networkConfiguration=_network(clean_emulator), enableECSManagedTags=True,
        healthCheckGracePeriodSeconds=60, availabilityZoneRebalancing="DISABLED",
        deploymentConfiguration={"maximumPercent": 150, "minimumHealthyPercent": 50,
                                 "deploymentCircuitBreaker": {"enable": True, "rollback": True}},
    )["service"]
    assert created["enableECSManagedTags"] is True
    [described] = ecs.describe_services(cluster="c", services=["configured"])["services"]
    assert described["enableECSManagedTags"] is True
    assert described["healthCheckGracePeriodSeconds"] == 60
    assert described["availabilityZoneRebalancing"] == "DISABLED"
    assert described["deploymentConfiguration"] == {
        "maximumPercent": 150, "minimumHealthyPercent": 50,
        "deploymentCircuitBreaker": {"enable": True, "rollback": True}}


def test_defaults_match_aws_and_updates_still_apply(clean_emulator):
    ecs = clean_emulator.client("ecs")
    ecs.create_cluster(clusterName="c")
    ecs.register_task_definition(family="app", containerDefinitions=[{"name": "app", "image": "nginx", "memory": 512}])
    ecs.create_service(cluster="c", serviceName="plain", taskDefinition="app", desiredCount=1)
    [described] = ecs.describe_services(cluster="c", services=["plain"])["services"]
    assert described["enableECSManagedTags"] is False and described["enableExecuteCommand"] is False
    assert described["availabilityZoneRebalancing"] == "ENABLED"
    assert described["deploymentConfiguration"] == {
        "maximumPercent": 200, "minimumHealthyPercent": 100,
        "deploymentCircuitBreaker": {"enable": False, "rollback": False}}
    ecs.update_service(cluster="c", service="plain", enableECSManagedTags=True)
    [updated] = ecs.describe_services(cluster="c", services=["plain"])["services"]
    assert updated["enableECSManagedTags"] is True
