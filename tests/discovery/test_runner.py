"""The generic runner against the hand-built account: complete, read-only, secret-free, and
honest about what it could not read."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from importer.discovery import faults
from importer.discovery.errors import ReadOnlyViolation
from importer.discovery.service import DiscoverySettings, discover
from importer.discovery.session import ClientFactory
from emulator.scenario.builder import build_account
from importer.specs import registry
from stacks.config import PROD
from tests.tools import PROJECT_ROOT

SEED = 11


@pytest.fixture(scope="module")
def account(emulator):
    """The hand-built prod account (with canaries and leftovers), no Terraform state."""
    emulator.reset()
    emulator.seed(SEED)
    return build_account(emulator.session(), emulator.endpoint, PROD)


def _settings(emulator, **overrides) -> DiscoverySettings:
    return DiscoverySettings(region=emulator.region, endpoint_url=emulator.endpoint, **overrides)


def _found(inventory) -> set[tuple[str, str]]:
    return {(o.type, o.import_id) for o in inventory.objects}


def _expected(account, emulator) -> set[tuple[str, str]]:
    """The builder's records, plus the redrive policy of each queue that has one (the stack sets it
    inline, aws_sqs_queue.redrive_policy, and it is an aws_sqs_queue_redrive_policy object too), plus each
    security group rule again as the legacy aws_security_group_rule (the same AWS rule, its own import ID)."""
    expected = {(r.type, r.import_id) for r in account.records if r.type in registry()}
    sqs = emulator.client("sqs")
    redriven = {url for kind, url in expected if kind == "aws_sqs_queue"
                and "RedrivePolicy" in sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]}
    rules = emulator.client("ec2").describe_security_group_rules()["SecurityGroupRules"]
    recorded = {rule_id for kind, rule_id in expected if kind.startswith("aws_vpc_security_group_")}
    legacy = {("aws_security_group_rule", _legacy_rule_id(rule)) for rule in rules if rule["SecurityGroupRuleId"] in recorded}
    assert len(legacy) == len(recorded)
    return expected | {("aws_sqs_queue_redrive_policy", url) for url in redriven} | legacy


def _legacy_rule_id(rule: dict) -> str:
    """aws_security_group_rule's import ID (SG_TYPE_PROTOCOL_FROM_TO_SOURCE), from the provider's docs."""
    source = (rule.get("CidrIpv4") or rule.get("CidrIpv6") or rule.get("PrefixListId")
              or rule.get("ReferencedGroupInfo", {}).get("GroupId"))
    ports = (0, 0) if rule["IpProtocol"] == "-1" else (rule["FromPort"], rule["ToPort"])  # as the provider stores them
    kind = "egress" if rule["IsEgress"] else "ingress"
    return f"{rule['GroupId']}_{kind}_{rule['IpProtocol']}_{ports[0]}_{ports[1]}_{source}"


def test_discovery_finds_every_live_object_with_its_import_id_and_nothing_else(account, emulator):
    inventory = discover(emulator.session(), _settings(emulator))
    assert inventory.complete, inventory.failures
    expected = _expected(account, emulator)
    assert ("aws_sqs_queue_redrive_policy", account.by_code_path()["messaging/jobs_queue"].import_id) in expected
    assert _found(inventory) == expected
    assert inventory.api_calls <= 1.3 * len(inventory.objects)


def test_a_mutating_call_through_the_discovery_session_is_refused_and_never_sent(account, emulator):
    factory = ClientFactory(emulator.session(), emulator.region, frozenset({("sqs", "ListQueues")}),
                            endpoint_url=emulator.endpoint)
    sqs = factory.client("sqs")
    assert sqs.list_queues()["QueueUrls"]
    with pytest.raises(ReadOnlyViolation, match="sqs:CreateQueue is not on the read-only allow-list"):
        sqs.create_queue(QueueName="must-not-exist")
    with pytest.raises(ReadOnlyViolation):
        sqs.get_queue_attributes(QueueUrl=sqs.list_queues()["QueueUrls"][0])  # allowed op list is exact
    assert not [url for url in emulator.client("sqs").list_queues()["QueueUrls"] if "must-not-exist" in url]
    assert factory.counter.by_service == {"sqs": 2}


def test_a_factory_cannot_even_be_configured_with_a_write_or_secret_read():
    for operation in ("CreateQueue", "GetSecretValue", "GetParameters", "Decrypt"):
        with pytest.raises(ReadOnlyViolation):
            ClientFactory(None, "us-east-1", frozenset({("x", operation)}))


def test_throttled_calls_are_retried_to_the_same_complete_inventory(account, emulator):
    baseline = discover(emulator.session(), _settings(emulator))
    throttling = faults.Throttling(every=3)
    throttled = discover(emulator.session(), _settings(emulator, instruments=(throttling,)))
    assert throttling.throttled >= 10
    assert throttled.complete and _found(throttled) == _found(baseline)


@pytest.mark.parametrize("service, code, status", [("sqs", "AccessDenied", 403), ("elbv2", "InternalFailure", 500)])
def test_one_failing_service_leaves_the_others_complete_and_marks_the_run_incomplete(account, emulator, service,
                                                                                   code, status):
    inventory = discover(emulator.session(), _settings(emulator, max_attempts=2,
                                                        instruments=(faults.failing({service}, code, status),)))
    assert not inventory.complete and inventory.incomplete_services() == [service]
    assert {f.code for f in inventory.failures} == {code}
    failed_types = {f.spec for f in inventory.failures}
    direct = {s.type for s in registry().values() if s.service == service}
    assert failed_types == direct | {s.type for s in registry().values() if s.parent in direct}
    other = {(t, i) for t, i in _found(inventory)}
    expected_other = {(kind, id_) for kind, id_ in _expected(account, emulator) if kind not in failed_types}
    assert other == expected_other


def _cli(emulator, *args, environ=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(emulator.environment() if environ is None else environ)
    return subprocess.run([sys.executable, "-m", "importer", "discover", *args], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_cli_writes_the_inventory_and_no_canary_reaches_any_output(account, emulator, tmp_path):
    output = tmp_path / "prod" / "inventory.json"
    result = _cli(emulator, "--output", str(output))
    assert result.returncode == 0, result.stderr
    inventory = json.loads(output.read_text())
    assert inventory["complete"] is True and inventory["stats"]["objects"] == len(inventory["objects"])
    written = output.read_text() + result.stdout + result.stderr
    for kind, value in account.canaries.items():
        assert value not in written, f"canary {kind} leaked"
    secure = [o for o in inventory["objects"] if o["import_id"] == "/prod-retainwise/secrets/database_url"]
    assert len(secure) == 1  # found by name, value never read


@pytest.mark.parametrize("environ_change, message", [
    ({"AWS_REGION": "mars-north-9"}, "unknown AWS region 'mars-north-9'"),
    ({"AWS_ENDPOINT_URL": "http://127.0.0.1:9"}, "cannot reach AWS"),
    ({"AWS_ACCESS_KEY_ID": None, "AWS_SECRET_ACCESS_KEY": None, "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
      "AWS_CONFIG_FILE": "/nonexistent"}, "no AWS credentials found"),
])
def test_bad_input_gives_one_clear_error_line_and_exit_1(emulator, tmp_path, environ_change, message):
    environ = {k: v for k, v in {**emulator.environment(), **environ_change}.items() if v is not None}
    result = _cli(emulator, "--output", str(tmp_path / "inventory.json"), environ=environ)
    assert result.returncode == 1
    assert result.stderr.strip() == f"Error: {message}" or result.stderr.strip().startswith(f"Error: {message}")
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "inventory.json").exists()
