"""Specs of the edge and compute services (ELBv2, ACM, Route 53, WAFv2, ECS, ECR, Application Auto
Scaling, Lambda, EventBridge): import IDs, exclusions and redaction from sample API answers, and
one small account built in the emulator and discovered with the right import IDs."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from importer.discovery.runner import DiscoveryRunner
from importer.discovery.service import DiscoverySettings, discover
from importer.specs import registry

ACCOUNT = "123456789012"
ZONE_ID = "Z0123456789ABCDEFGHIJ"
LB_ARN = f"arn:aws:elasticloadbalancing:us-east-1:{ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188"
CANARY = "rw-canary-test-environment-0123456789abcdef"


def _spec(type_name: str):
    return registry()[type_name]


def _discovered(type_name: str, response, parent: dict | None = None) -> list:
    """What the runner keeps from one list-call answer: items, inherit/explode, exclusions, objects."""
    spec = _spec(type_name)
    runner = DiscoveryRunner(clients=None)
    kept = runner._keep(spec, runner._items_from(spec, response, parent))
    return [DiscoveryRunner._live_object(spec, item) for item in kept]


def _ids(type_name: str, response, parent: dict | None = None) -> list[str]:
    return [obj.import_id for obj in _discovered(type_name, response, parent)]


# -- Route 53 ------------------------------------------------------------------------------------

ZONE = {"Id": f"/hostedzone/{ZONE_ID}", "Name": "example.com.", "Config": {"PrivateZone": False}}


def _record(name: str, type_: str, **extra) -> dict:
    return {"Name": name, "Type": type_, "TTL": 300, "ResourceRecords": [{"Value": "x"}], **extra}


def test_zone_import_id_is_the_id_without_the_hostedzone_prefix_and_linked_zones_are_excluded():
    linked = {"Id": "/hostedzone/ZCLOUDMAP", "Name": "svc.local.", "LinkedService": {"ServicePrincipal": "x"}}
    objects = _discovered("aws_route53_zone", {"HostedZones": [ZONE, linked]})
    assert [o.import_id for o in objects] == [ZONE_ID]
    assert objects[0].identity == {"name": "example.com"}
    assert objects[0].attributes["zone_id"] == ZONE_ID


def test_record_import_ids_follow_zoneid_name_type_set_identifier():
    response = {"ResourceRecordSets": [
        _record("www.example.com.", "CNAME"),
        _record("\\052.example.com.", "A"),  # Route 53 returns a wildcard escaped
        _record("API.Example.com.", "A"),
        _record("eu.example.com.", "A", SetIdentifier="eu-west-1", Region="eu-west-1"),
        _record("_acme.example.com.", "TXT"),
    ]}
    assert _ids("aws_route53_record", response, ZONE) == [
        f"{ZONE_ID}_www.example.com_CNAME",
        f"{ZONE_ID}_*.example.com_A",
        f"{ZONE_ID}_api.example.com_A",
        f"{ZONE_ID}_eu.example.com_A_eu-west-1",
        f"{ZONE_ID}__acme.example.com_TXT",
    ]


def test_apex_ns_and_soa_records_are_excluded_but_delegations_and_other_apex_records_are_kept():
    response = {"ResourceRecordSets": [
        _record("example.com.", "NS"), _record("example.com.", "SOA"), _record("example.com.", "MX"),
        _record("dev.example.com.", "NS"),
    ]}
    assert _ids("aws_route53_record", response, ZONE) == [f"{ZONE_ID}_example.com_MX", f"{ZONE_ID}_dev.example.com_NS"]


def test_alias_record_identity_and_reference_to_the_load_balancer_dns_name():
    alias = {"HostedZoneId": "Z35SXDOTRQ7X7K", "DNSName": "dualstack.Web-123.us-east-1.elb.amazonaws.com.",
             "EvaluateTargetHealth": True}
    [record] = _discovered("aws_route53_record", {"ResourceRecordSets": [
        {"Name": "example.com.", "Type": "A", "AliasTarget": alias}]}, ZONE)
    assert record.identity == {"zone_id": ZONE_ID, "name": "example.com", "type": "A", "set_identifier": None}
    assert record.references == {"zone_id": ZONE_ID, "alias.name": "web-123.us-east-1.elb.amazonaws.com"}
    [lb] = _discovered("aws_lb", {"LoadBalancers": [
        {"LoadBalancerArn": LB_ARN, "LoadBalancerName": "web", "DNSName": "Web-123.us-east-1.elb.amazonaws.com",
         "Type": "application", "Scheme": "internet-facing", "AvailabilityZones": [], "SecurityGroups": []}]})
    assert record.references["alias.name"] in lb.aliases
    assert "app/web/50dc6c495c0c9188" in lb.aliases  # the ARN suffix CloudWatch dimensions use


# -- ELBv2 ---------------------------------------------------------------------------------------

def test_listener_default_rule_is_excluded_and_rules_carry_their_listener():
    listener = {"ListenerArn": f"{LB_ARN.replace(':loadbalancer/', ':listener/')}/1", "Port": 443}
    response = {"Rules": [
        {"RuleArn": "arn:rule/1", "Priority": "10", "IsDefault": False, "Conditions": [],
         "Actions": [{"Type": "forward", "TargetGroupArn": "arn:tg/api"}]},
        {"RuleArn": "arn:rule/default", "Priority": "default", "IsDefault": True, "Conditions": [], "Actions": []},
    ]}
    [rule] = _discovered("aws_lb_listener_rule", response, listener)
    assert rule.import_id == "arn:rule/1"
    assert rule.identity == {"listener_arn": listener["ListenerArn"], "priority": 10}
    assert rule.references == {"listener_arn": listener["ListenerArn"], "action.target_group_arn": ["arn:tg/api"]}


# -- WAFv2 ---------------------------------------------------------------------------------------

def test_wafv2_import_ids_and_association_from_get_web_acl_for_resource():
    acl = {"Name": "edge", "Id": "a1b2c3d4-0000-1111-2222-333344445555",
           "ARN": f"arn:aws:wafv2:us-east-1:{ACCOUNT}:regional/webacl/edge/a1b2c3d4-0000-1111-2222-333344445555"}
    managed = {**acl, "Name": "FMManagedWebACLV2-policy-1650000000000", "Id": "f"}
    assert _ids("aws_wafv2_web_acl", {"WebACLs": [acl, managed]}) == [f"{acl['Id']}/edge/REGIONAL"]
    assert _ids("aws_wafv2_ip_set", {"IPSets": [{**acl, "Name": "blocked"}]}) == [f"{acl['Id']}/blocked/REGIONAL"]
    [association] = _discovered("aws_wafv2_web_acl_association", {"WebACL": acl}, {"LoadBalancerArn": LB_ARN})
    assert association.import_id == f"{acl['ARN']},{LB_ARN}"
    assert association.references == {"web_acl_arn": acl["ARN"], "resource_arn": LB_ARN}
    assert _ids("aws_wafv2_web_acl_association", {}, {"LoadBalancerArn": LB_ARN}) == []  # nothing associated
    firewall_manager = {"WebACL": {**acl, "ManagedByFirewallManager": True}}
    assert _ids("aws_wafv2_web_acl_association", firewall_manager, {"LoadBalancerArn": LB_ARN}) == []


# -- ECS -----------------------------------------------------------------------------------------

CLUSTER = {"Value": f"arn:aws:ecs:us-east-1:{ACCOUNT}:cluster/prod"}


def test_ecs_service_import_id_is_cluster_name_slash_service_name_for_both_arn_formats():
    spec = _spec("aws_ecs_service")
    runner = DiscoveryRunner(clients=None)
    response = {"serviceArns": [f"arn:aws:ecs:us-east-1:{ACCOUNT}:service/prod/api",  # long ARN format
                                f"arn:aws:ecs:us-east-1:{ACCOUNT}:service/worker"]}  # old short format
    items = runner._items_from(spec, response, CLUSTER)
    described = [{**items[0], "status": "ACTIVE"}, {**items[1], "status": "DRAINING"}]
    kept = runner._keep(spec, described)
    assert [DiscoveryRunner._live_object(spec, item).import_id for item in kept] == ["prod/api"]
    assert DiscoveryRunner._live_object(spec, items[1]).import_id == "prod/worker"
    assert "service/prod/api" in DiscoveryRunner._live_object(spec, items[0]).aliases  # scalable target resource_id


def test_ecs_clusters_and_active_task_definitions_come_from_their_arns_alone():
    assert _ids("aws_ecs_cluster", {"clusterArns": [CLUSTER["Value"]]}) == ["prod"]
    arn = f"arn:aws:ecs:us-east-1:{ACCOUNT}:task-definition/prod-backend:12"
    [task] = _discovered("aws_ecs_task_definition", {"taskDefinitionArns": [arn]})
    assert (task.import_id, task.identity, task.attributes["revision"]) == (arn, {"family": "prod-backend"}, 12)
    spec = _spec("aws_ecs_task_definition")
    assert spec.list.params == {"status": "ACTIVE"} and spec.operations() == {"ListTaskDefinitions"}


# -- Lambda --------------------------------------------------------------------------------------

def test_lambda_function_keeps_no_environment_value():
    function = {"FunctionName": "fn", "FunctionArn": f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:fn",
                "Runtime": "python3.12", "Role": f"arn:aws:iam::{ACCOUNT}:role/r",
                "Environment": {"Variables": {"API_TOKEN": CANARY}}}
    [live] = _discovered("aws_lambda_function", {"Functions": [function]})
    assert live.import_id == "fn"
    assert CANARY not in json.dumps([live.identity, live.references, live.aliases, live.attributes])


def test_lambda_permissions_are_the_statements_of_the_function_policy():
    rule_arn = f"arn:aws:events:us-east-1:{ACCOUNT}:rule/nightly"
    policy = {"Version": "2012-10-17", "Id": "default", "Statement": [
        {"Sid": "AllowEvents", "Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"},
         "Action": "lambda:InvokeFunction", "Resource": "arn:fn",
         "Condition": {"ArnLike": {"AWS:SourceArn": rule_arn}}},
        {"Sid": "AllowAccount", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
         "Action": "lambda:InvokeFunction", "Resource": "arn:fn"},
    ]}
    objects = _discovered("aws_lambda_permission", {"Policy": json.dumps(policy)}, {"FunctionName": "fn"})
    assert [o.import_id for o in objects] == ["fn/AllowEvents", "fn/AllowAccount"]
    assert objects[0].references == {"function_name": "fn", "source_arn": rule_arn}
    assert objects[0].attributes["principal"] == "events.amazonaws.com"
    assert _spec("aws_lambda_permission").list.absent_on == ("ResourceNotFoundException",)


# -- EventBridge, Application Auto Scaling, ACM ----------------------------------------------------

def test_event_rule_and_target_ids_omit_the_default_bus_and_managed_rules_are_excluded():
    rules = {"Rules": [
        {"Name": "nightly", "Arn": "arn:rule/nightly", "EventBusName": "default"},
        {"Name": "orders", "Arn": "arn:rule/custom/orders", "EventBusName": "custom"},
        {"Name": "AutoScalingManagedRule", "Arn": "arn:rule/asg", "EventBusName": "default",
         "ManagedBy": "autoscaling.amazonaws.com"},
    ]}
    assert _ids("aws_cloudwatch_event_rule", rules) == ["nightly", "custom/orders"]
    targets = {"Targets": [{"Id": "fn", "Arn": "arn:aws:lambda:us-east-1:1:function:fn", "Input": "{}"}]}
    assert _ids("aws_cloudwatch_event_target", targets, rules["Rules"][0]) == ["nightly/fn"]
    assert _ids("aws_cloudwatch_event_target", targets, rules["Rules"][1]) == ["custom/orders/fn"]


def test_appautoscaling_ids_keep_the_slashes_of_the_resource_id():
    target = {"ServiceNamespace": "ecs", "ResourceId": "service/prod/api",
              "ScalableDimension": "ecs:service:DesiredCount"}
    assert _ids("aws_appautoscaling_target", {"ScalableTargets": [target]}) == [
        "ecs/service/prod/api/ecs:service:DesiredCount"]
    [policy] = _discovered("aws_appautoscaling_policy", {"ScalingPolicies": [{**target, "PolicyName": "cpu"}]})
    assert policy.import_id == "ecs/service/prod/api/ecs:service:DesiredCount/cpu"
    assert policy.references == {"resource_id": "service/prod/api"}


def test_acm_lists_every_key_type_and_excludes_certificates_another_service_manages():
    own = {"CertificateArn": "arn:aws:acm:us-east-1:1:certificate/a", "DomainName": "example.com"}
    cloudfront = {"CertificateArn": "arn:aws:acm:us-east-1:1:certificate/b", "DomainName": "x",
                  "ManagedBy": "CLOUDFRONT"}
    assert _ids("aws_acm_certificate", {"CertificateSummaryList": [own, cloudfront]}) == [own["CertificateArn"]]
    assert "EC_prime256v1" in _spec("aws_acm_certificate").list.params["Includes"]["keyTypes"]


# -- against the emulator ------------------------------------------------------------------------

TYPES = {
    "aws_lb", "aws_lb_target_group", "aws_lb_listener", "aws_lb_listener_rule", "aws_route53_zone",
    "aws_route53_record", "aws_wafv2_web_acl", "aws_wafv2_web_acl_association", "aws_ecs_cluster",
    "aws_ecs_service", "aws_ecs_task_definition", "aws_ecr_repository", "aws_ecr_lifecycle_policy",
    "aws_lambda_function", "aws_lambda_permission", "aws_cloudwatch_event_rule", "aws_cloudwatch_event_target",
}


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "def handler(event, context):\n    return None\n")
    return buffer.getvalue()


def _build(emulator) -> set[tuple[str, str]]:
    """A small edge + compute account; returns the (type, import ID) pairs discovery must find."""
    expected = set()
    ec2, elb = emulator.client("ec2"), emulator.client("elbv2")
    vpc = ec2.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.1.{i}.0/24", AvailabilityZone=f"us-east-1{zone}")
               ["Subnet"]["SubnetId"] for i, zone in enumerate("ab")]
    lb = elb.create_load_balancer(Name="t-alb", Subnets=subnets)["LoadBalancers"][0]
    target_group = elb.create_target_group(Name="t-tg", Protocol="HTTP", Port=80, VpcId=vpc,
                                           TargetType="ip")["TargetGroups"][0]["TargetGroupArn"]
    listener = elb.create_listener(LoadBalancerArn=lb["LoadBalancerArn"], Port=80, Protocol="HTTP", DefaultActions=[
        {"Type": "forward", "TargetGroupArn": target_group}])["Listeners"][0]["ListenerArn"]
    rule = elb.create_rule(ListenerArn=listener, Priority=5,
                           Conditions=[{"Field": "path-pattern", "Values": ["/api/*"]}],
                           Actions=[{"Type": "forward", "TargetGroupArn": target_group}])["Rules"][0]["RuleArn"]
    expected |= {("aws_lb", lb["LoadBalancerArn"]), ("aws_lb_target_group", target_group),
                 ("aws_lb_listener", listener), ("aws_lb_listener_rule", rule)}

    waf = emulator.client("wafv2")
    visibility = {"SampledRequestsEnabled": False, "CloudWatchMetricsEnabled": False, "MetricName": "t"}
    acl = waf.create_web_acl(Name="t-acl", Scope="REGIONAL", DefaultAction={"Allow": {}}, Rules=[],
                             VisibilityConfig=visibility)["Summary"]
    waf.associate_web_acl(WebACLArn=acl["ARN"], ResourceArn=lb["LoadBalancerArn"])
    expected |= {("aws_wafv2_web_acl", f"{acl['Id']}/t-acl/REGIONAL"),
                 ("aws_wafv2_web_acl_association", f"{acl['ARN']},{lb['LoadBalancerArn']}")}

    route53 = emulator.client("route53")
    zone = route53.create_hosted_zone(Name="t.example", CallerReference="t")["HostedZone"]["Id"].split("/")[-1]
    records = [("t.example", "A", {"AliasTarget": {"HostedZoneId": lb["CanonicalHostedZoneId"],
                                                   "DNSName": lb["DNSName"], "EvaluateTargetHealth": False}}),
               ("www.t.example", "CNAME", {"TTL": 60, "ResourceRecords": [{"Value": "t.example"}]}),
               ("w.t.example", "A", {"TTL": 60, "SetIdentifier": "blue", "Weight": 10,
                                     "ResourceRecords": [{"Value": "192.0.2.1"}]})]
    route53.change_resource_record_sets(HostedZoneId=zone, ChangeBatch={"Changes": [
        {"Action": "CREATE", "ResourceRecordSet": {"Name": name, "Type": kind, **body}}
        for name, kind, body in records]})
    expected |= {("aws_route53_zone", zone), ("aws_route53_record", f"{zone}_t.example_A"),
                 ("aws_route53_record", f"{zone}_www.t.example_CNAME"),
                 ("aws_route53_record", f"{zone}_w.t.example_A_blue")}

    ecr, ecs = emulator.client("ecr"), emulator.client("ecs")
    for name in ("t-app", "t-bare"):
        ecr.create_repository(repositoryName=name)
        expected.add(("aws_ecr_repository", name))
    ecr.put_lifecycle_policy(repositoryName="t-app", lifecyclePolicyText=json.dumps({"rules": [
        {"rulePriority": 1, "selection": {"tagStatus": "untagged", "countType": "imageCountMoreThan",
                                          "countNumber": 5}, "action": {"type": "expire"}}]}))
    expected.add(("aws_ecr_lifecycle_policy", "t-app"))  # t-bare has none
    ecs.create_cluster(clusterName="t-cluster")
    task = ecs.register_task_definition(family="t-task", containerDefinitions=[
        {"name": "app", "image": "app:1", "memory": 128, "environment": [{"name": "TOKEN", "value": CANARY}]}],
    )["taskDefinition"]["taskDefinitionArn"]
    old = ecs.register_task_definition(family="t-old", containerDefinitions=[{"name": "a", "image": "a", "memory": 64}])
    ecs.deregister_task_definition(taskDefinition=old["taskDefinition"]["taskDefinitionArn"])  # INACTIVE
    ecs.create_service(cluster="t-cluster", serviceName="t-service", taskDefinition=task, desiredCount=1)
    expected |= {("aws_ecs_cluster", "t-cluster"), ("aws_ecs_task_definition", task),
                 ("aws_ecs_service", "t-cluster/t-service")}

    role = emulator.client("iam").create_role(RoleName="t-fn", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                               "Principal": {"Service": "lambda.amazonaws.com"}}]}))["Role"]["Arn"]
    functions, events = emulator.client("lambda"), emulator.client("events")
    for name in ("t-fn", "t-quiet"):
        functions.create_function(FunctionName=name, Role=role, Runtime="python3.12", Handler="handler.handler",
                                  Code={"ZipFile": _zip()}, Environment={"Variables": {"TOKEN": CANARY}})
        expected.add(("aws_lambda_function", name))
    rule_arn = events.put_rule(Name="t-nightly", ScheduleExpression="rate(1 day)")["RuleArn"]
    function_arn = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:t-fn"
    events.put_targets(Rule="t-nightly", Targets=[{"Id": "fn", "Arn": function_arn}])
    functions.add_permission(FunctionName="t-fn", StatementId="AllowNightly", Action="lambda:InvokeFunction",
                             Principal="events.amazonaws.com", SourceArn=rule_arn)
    expected |= {("aws_cloudwatch_event_rule", "t-nightly"), ("aws_cloudwatch_event_target", "t-nightly/fn"),
                 ("aws_lambda_permission", "t-fn/AllowNightly")}  # t-quiet has no policy: no error
    return expected


def test_discovery_finds_a_small_edge_and_compute_account_with_documented_import_ids(clean_emulator):
    expected = _build(clean_emulator)
    inventory = discover(clean_emulator.session(),
                         DiscoverySettings(region=clean_emulator.region, endpoint_url=clean_emulator.endpoint), TYPES)
    assert inventory.complete, inventory.failures
    assert {(o.type, o.import_id) for o in inventory.objects} == expected
    assert CANARY not in inventory.to_json()
    assert inventory.api_calls <= 1.3 * len(inventory.objects)


@pytest.mark.parametrize("type_name", sorted(TYPES))
def test_specs_here_never_describe_task_definitions_or_read_functions(type_name):
    assert not _spec(type_name).operations() & {"DescribeTaskDefinition", "GetFunction", "GetFunctionConfiguration"}
