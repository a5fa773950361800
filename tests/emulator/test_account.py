"""The hand-built production account: complete against the code, importable by the real Terraform,
partly in a real S3-backed state, with leftovers, canaries and optional drift."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from emulator.scenario.builder import build_account
from emulator.scenario.mess import CANARY_KINDS, canary_value
from emulator.scenario.terraform_seed import address_by_code_path, import_blocks, write_workdir
from importer.specs.facts import not_restored_by_type
from importer.terraform.runner import Terraform
from importer.verify.changes import resource_changes
from stacks.config import PROD
from tests.tools import synth_for_emulator, terraform_environment

NOT_RESTORED = not_restored_by_type()
# Seen with provider 5.100 (the list above comes from 5.46's tests): after an import the provider
# keeps source_code_hash only from configuration, so it always reads back empty.
NOT_RESTORED_BY_5_100 = {"aws_lambda_function": {"source_code_hash"}}
SEED = 7


@pytest.fixture(scope="module")
def prod_stack(emulator, tmp_path_factory) -> Path:
    """The prod stack synthesized for the emulator (provider and backend reach it)."""
    return synth_for_emulator(PROD, emulator, tmp_path_factory.mktemp("prod-emulated"))


@pytest.fixture(scope="module")
def terraform_env(emulator, tmp_path_factory) -> dict[str, str]:
    """Real Terraform with the local mirror, pointed at the emulator."""
    return {**terraform_environment(tmp_path_factory.mktemp("tf")), **emulator.environment()}


@pytest.fixture(scope="module")
def account(emulator, prod_stack, terraform_env):
    """The hand-built account, with part of it imported into the prod backend."""
    emulator.reset()
    emulator.seed(SEED)
    return build_account(emulator.session(), emulator.endpoint, PROD, stack_dir=prod_stack,
                         terraform_environment=terraform_env)


@pytest.mark.terraform  # the account fixture imports part of it with the real Terraform
def test_every_resource_in_code_has_exactly_one_live_counterpart(account, prod_stack):
    code_paths = set(address_by_code_path(json.loads((prod_stack / "cdk.tf.json").read_text())))
    built = [record.code_path for record in account.records if record.code_path]
    assert len(built) == len(set(built))
    assert set(built) == code_paths
    assert len(code_paths) == 173


@pytest.mark.terraform  # the account fixture imports part of it with the real Terraform
def test_the_real_terraform_imports_every_object_with_only_known_import_gaps(account, prod_stack, terraform_env,
                                                                              tmp_path):
    config = json.loads((prod_stack / "cdk.tf.json").read_text())
    workdir = write_workdir(tmp_path, config, import_blocks(account.records, address_by_code_path(config)),
                            prod_stack, local_backend=True)
    terraform = Terraform(workdir, terraform_env)
    terraform.init()
    terraform.plan()
    changes = resource_changes(terraform.show_json())
    assert len(changes) == 173 and all(change.importing_id for change in changes)
    unexpected = {}
    for change in changes:
        if change.is_pure_import:
            continue
        allowed = set(NOT_RESTORED.get(change.type, ()))
        allowed |= NOT_RESTORED_BY_5_100.get(change.type, set())
        surprising = [d.name for d in change.diffs if d.name not in allowed and d.after != "(known after apply)"]
        if change.actions != ("update",) or surprising:
            unexpected[change.address] = (change.actions, surprising)
    assert unexpected == {}
    assert sum(change.is_pure_import for change in changes) >= 160


@pytest.mark.terraform  # the account fixture imports part of it with the real Terraform
def test_part_of_the_account_is_in_real_terraform_state_in_the_s3_backend(account, emulator):
    state = json.loads(emulator.client("s3").get_object(Bucket=PROD.state_bucket, Key=PROD.state_key)["Body"].read())
    assert state["version"] == 4 and state["lineage"]
    in_state = [record for record in account.records if record.in_state]
    assert 20 <= len(in_state) <= 30
    state_ids = {(r["type"], instance["attributes"]["id"]) for r in state["resources"] if r["mode"] == "managed"
                 for instance in r["instances"]}
    assert len(state_ids) == len(in_state)
    same_id_types = {"aws_vpc", "aws_subnet", "aws_security_group", "aws_route_table", "aws_ecr_repository",
                     "aws_internet_gateway", "aws_vpc_endpoint"}
    expected = {(r.type, r.import_id) for r in in_state if r.type in same_id_types}
    assert expected and expected <= state_ids


@pytest.mark.terraform  # the account fixture imports part of it with the real Terraform
def test_leftovers_and_canaries_are_reported_as_not_in_code(account):
    unmanaged = {(record.type, record.import_id.rsplit("/", 1)[-1]) for record in account.records if record.unmanaged}
    assert ("aws_sqs_queue", "prod-retainwise-test-queue-old") in unmanaged
    assert ("aws_security_group" in {t for t, _ in unmanaged}) and ("aws_iam_policy" in {t for t, _ in unmanaged})
    assert sorted(account.canaries) == sorted(CANARY_KINDS)
    assert "rw-canary" not in account.to_json()


@pytest.mark.terraform  # the account fixture imports part of it with the real Terraform
def test_canaries_are_really_planted_where_secrets_live(account, emulator):
    ssm = emulator.client("ssm")
    assert ssm.get_parameter(Name="/prod-retainwise/secrets/database_url", WithDecryption=True)["Parameter"][
        "Value"] == canary_value("ssm-securestring")
    secrets = emulator.client("secretsmanager")
    app_secret = next(r.import_id for r in account.records if r.code_path == "data/app_secret")
    assert secrets.get_secret_value(SecretId=app_secret)["SecretString"] == canary_value("secretsmanager-value")
    database = emulator.client("rds").describe_db_instances(DBInstanceIdentifier="prod-retainwise-postgres")
    secret_arn = database["DBInstances"][0]["MasterUserSecret"]["SecretArn"]
    assert canary_value("rds-master-password") in secrets.get_secret_value(SecretId=secret_arn)["SecretString"]
    variables = emulator.client("lambda").get_function_configuration(
        FunctionName="prod-retainwise-legacy-export")["Environment"]["Variables"]
    assert variables == {"LEGACY_API_TOKEN": canary_value("lambda-environment")}


def test_the_build_is_deterministic(clean_emulator):
    reports = []
    for _ in range(2):
        clean_emulator.reset()
        clean_emulator.seed(SEED)
        reports.append(build_account(clean_emulator.session(), clean_emulator.endpoint, PROD).to_json())
    assert reports[0] == reports[1]


def test_drift_switch_changes_four_settings_and_reports_both_values(clean_emulator):
    clean_emulator.seed(SEED)
    report = build_account(clean_emulator.session(), clean_emulator.endpoint, PROD, drift=True)
    drifted = {record.code_path: record.drift for record in report.records if record.drift}
    assert set(drifted) == {"logs/backend_log_group", "messaging/alerts_topic", "alarms/jobs_queue_depth_alarm",
                            "messaging/jobs_queue"}
    assert drifted["messaging/jobs_queue"]["visibility_timeout_seconds"] == {"code": 300, "live": 120}
    queue_url = next(r.import_id for r in report.records if r.code_path == "messaging/jobs_queue")
    live = clean_emulator.client("sqs").get_queue_attributes(QueueUrl=queue_url, AttributeNames=["VisibilityTimeout"])
    assert live["Attributes"]["VisibilityTimeout"] == "120"
    groups = clean_emulator.client("logs").describe_log_groups(logGroupNamePrefix="/ecs/prod-retainwise/backend")
    assert groups["logGroups"][0]["retentionInDays"] == 30
    alarm = clean_emulator.client("cloudwatch").describe_alarms(AlarmNames=["prod-retainwise-jobs-queue-depth"])
    assert alarm["MetricAlarms"][0]["Threshold"] == 1000.0
