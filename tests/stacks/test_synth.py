"""Assertions on the synthesized stacks: shape per environment, naming, isolation, references."""

from __future__ import annotations

import ipaddress
import json
import re
from collections import Counter

import pytest

from stacks.config import ENVIRONMENTS, EnvironmentConfig

REFERENCE = re.compile(r"\b(data\.)?(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)")
INTERPOLATION = re.compile(r"\$\{(.*?)\}")
NAME_ATTRIBUTES = ("name", "bucket", "identifier", "function_name", "alarm_name")
# Names scoped to a parent object (unique per role / per zone), checked by their own tests.
PARENT_SCOPED_NAMES = {"aws_iam_role_policy", "aws_route53_zone", "aws_route53_record"}


def expected_counts(config: EnvironmentConfig) -> Counter:
    """Resource count per type that an environment's config implies."""
    azs = len(config.availability_zones)
    return Counter({
        # network
        "aws_vpc": 1, "aws_subnet": 3 * azs, "aws_internet_gateway": 1,
        "aws_eip": config.nat_gateway_count, "aws_nat_gateway": config.nat_gateway_count,
        "aws_route_table": 2 + azs, "aws_route": 1 + azs, "aws_route_table_association": 3 * azs,
        "aws_vpc_endpoint": 1 + len(config.interface_endpoints), "aws_flow_log": 1,
        # security
        "aws_security_group": 6, "aws_vpc_security_group_ingress_rule": 9, "aws_vpc_security_group_egress_rule": 7,
        # edge
        "aws_lb": 1, "aws_lb_target_group": 2, "aws_lb_listener": 2, "aws_lb_listener_rule": 2,
        "aws_acm_certificate": 1, "aws_route53_zone": 1, "aws_route53_record": 5, "aws_wafv2_ip_set": 1,
        "aws_wafv2_web_acl": 1, "aws_wafv2_web_acl_association": 1, "aws_wafv2_web_acl_logging_configuration": 1,
        # buckets: uploads (versioned, KMS) and ALB logs
        "aws_s3_bucket": 2, "aws_s3_bucket_ownership_controls": 2, "aws_s3_bucket_public_access_block": 2,
        "aws_s3_bucket_server_side_encryption_configuration": 2, "aws_s3_bucket_lifecycle_configuration": 2,
        "aws_s3_bucket_policy": 2, "aws_s3_bucket_versioning": 1, "aws_s3_bucket_cors_configuration": 1,
        # data
        "aws_kms_key": 1, "aws_kms_alias": 1, "aws_secretsmanager_secret": 1, "aws_db_subnet_group": 1,
        "aws_db_parameter_group": 1, "aws_db_instance": 1,
        # messaging
        "aws_sqs_queue": 3, "aws_sqs_queue_policy": 1, "aws_sns_topic": 1, "aws_sns_topic_subscription": 1,
        # iam (four service roles + the flow-log role)
        "aws_iam_role": 5, "aws_iam_role_policy": 7, "aws_iam_role_policy_attachment": 5, "aws_iam_policy": 1,
        # compute
        "aws_ecs_cluster": 1, "aws_ecs_task_definition": 3, "aws_ecs_service": 2, "aws_ecr_repository": 2,
        "aws_ecr_lifecycle_policy": 2, "aws_appautoscaling_target": 1, "aws_appautoscaling_policy": 2,
        # events and functions
        "aws_lambda_function": 1, "aws_lambda_permission": 2, "aws_cloudwatch_event_rule": 2,
        "aws_cloudwatch_event_target": 2,
        # observability (log groups: backend, worker, scheduler, flow logs, WAF)
        "aws_cloudwatch_log_group": 5, "aws_cloudwatch_metric_alarm": 21, "aws_ssm_parameter": 10,
    })


def resources(stack: dict):
    """(type, name, body) of every resource in a synthesized stack."""
    for type_name, instances in stack["resource"].items():
        for name, body in instances.items():
            yield type_name, name, body


def strings(value):
    """Every string nested anywhere in a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


@pytest.mark.parametrize("env", list(ENVIRONMENTS))
def test_resource_counts_per_type_follow_the_config(synthesized, env):
    actual = Counter({type_name: len(instances) for type_name, instances in synthesized[env]["resource"].items()})
    assert actual == expected_counts(ENVIRONMENTS[env])


def test_production_holds_a_realistic_account_and_dev_is_smaller(synthesized):
    totals = {env: sum(len(v) for v in stack["resource"].values()) for env, stack in synthesized.items()}
    assert 170 <= totals["prod"] <= 190
    assert totals["dev"] < totals["staging"] < totals["prod"]
    sizes = {env: (config.backend.cpu, config.backend.desired_count, config.db_allocated_storage)
             for env, config in ENVIRONMENTS.items()}
    assert all(dev <= prod for dev, prod in zip(sizes["dev"], sizes["prod"])) and sizes["dev"] != sizes["prod"]


@pytest.mark.parametrize("env", list(ENVIRONMENTS))
def test_every_name_carries_the_environment_prefix(synthesized, env):
    prefix = f"{env}-retainwise"
    offenders = []
    for type_name, name, body in resources(synthesized[env]):
        candidates = [] if type_name in PARENT_SCOPED_NAMES else [body.get(a) for a in NAME_ATTRIBUTES]
        if type_name == "aws_ecs_task_definition":
            candidates.append(body["family"])
        candidates.append((body.get("tags") or {}).get("Name"))
        offenders += [f"{type_name}.{name}: {value}" for value in candidates
                      if isinstance(value, str) and "${" not in value and prefix not in value]
    assert offenders == []


def _literal_names(stack: dict) -> set[tuple[str, str]]:
    names = set()
    for type_name, _, body in resources(stack):
        if type_name == "aws_iam_role_policy":
            continue  # inline policy names are per role ("s3-access" on every task role)
        for attribute in (*NAME_ATTRIBUTES, "domain_name"):
            value = body.get(attribute)
            if isinstance(value, str) and "${" not in value:
                names.add((type_name, value))
        if type_name == "aws_route53_record" and "${" not in body["name"]:
            names.add((type_name, f"{body['name']} {body['type']}"))
        tag = (body.get("tags") or {}).get("Name")
        if tag:
            names.add(("Name tag", tag))
    return names


def test_no_name_or_cidr_collides_across_environments(synthesized):
    envs = list(synthesized)
    for index, first in enumerate(envs):
        for second in envs[index + 1:]:
            assert _literal_names(synthesized[first]) & _literal_names(synthesized[second]) == set()
            backend = [synthesized[e]["terraform"]["backend"]["s3"] for e in (first, second)]
            assert (backend[0]["bucket"], backend[0]["key"]) != (backend[1]["bucket"], backend[1]["key"])
    networks = [ipaddress.ip_network(ENVIRONMENTS[env].vpc_cidr) for env in envs]
    for index, network in enumerate(networks):
        assert not any(network.overlaps(other) for other in networks[index + 1:])
    for env, stack in synthesized.items():
        vpc_cidr = ipaddress.ip_network(ENVIRONMENTS[env].vpc_cidr)
        subnets = [ipaddress.ip_network(body["cidr_block"]) for t, _, body in resources(stack) if t == "aws_subnet"]
        assert all(subnet.subnet_of(vpc_cidr) for subnet in subnets)
        assert len({str(s) for s in subnets}) == len(subnets)
        assert not any(a.overlaps(b) for i, a in enumerate(subnets) for b in subnets[i + 1:])


@pytest.mark.parametrize("env", list(ENVIRONMENTS))
def test_every_reference_resolves_inside_the_same_stack(synthesized, env):
    stack = synthesized[env]
    declared = {(False, t, n) for t, n, _ in resources(stack)}
    declared |= {(True, t, n) for t, instances in stack.get("data", {}).items() for n in instances}
    references, dangling = 0, []
    for text in strings({"resource": stack["resource"], "provider": stack.get("provider", {})}):
        assert "TfToken" not in text and "${Token" not in text, f"unresolved CDKTF token: {text}"
        for expression in INTERPOLATION.findall(text):
            for data, type_name, name in REFERENCE.findall(expression):
                references += 1
                if (bool(data), type_name, name) not in declared:
                    dangling.append(f"{data}{type_name}.{name}")
    assert references > 100
    assert dangling == []


def test_state_backend_is_per_environment_with_native_locking(synthesized):
    for env, stack in synthesized.items():
        backend = stack["terraform"]["backend"]["s3"]
        config = ENVIRONMENTS[env]
        assert backend == {**backend, "bucket": config.state_bucket, "key": config.state_key,
                           "use_lockfile": True, "encrypt": True}
        assert stack["terraform"]["required_providers"]["aws"]["source"] == "hashicorp/aws"
        tags = stack["provider"]["aws"][0]["default_tags"][0]["tags"]
        assert tags["Environment"] == env and tags["ManagedBy"] == "terraform"


def test_task_roles_carry_the_s3_access_inline_policy_on_the_uploads_bucket(synthesized):
    stack = synthesized["prod"]
    roles = {f"${{aws_iam_role.{name}.id}}": body["name"] for name, body in stack["resource"]["aws_iam_role"].items()}
    s3_access = [body for body in stack["resource"]["aws_iam_role_policy"].values() if body["name"] == "s3-access"]
    assert sorted(roles[policy["role"]] for policy in s3_access) == ["prod-retainwise-backend-task",
                                                                     "prod-retainwise-worker-task"]
    uploads = next(name for name, body in stack["resource"]["aws_s3_bucket"].items()
                   if body["bucket"] == "prod-retainwise-uploads")
    for policy in s3_access:
        statements = json.loads(policy["policy"])["Statement"]
        actions = {action for s in statements for action in s["Action"]}
        assert {"s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket"} <= actions
        resources_ = [s["Resource"] for s in statements if "s3:ListBucket" in s["Action"] or "s3:GetObject" in s["Action"]]
        assert sorted(resources_) == [f"${{aws_s3_bucket.{uploads}.arn}}", f"${{aws_s3_bucket.{uploads}.arn}}/*"]
