"""Issue 11, item 1: a hand-written config that declares each secret-bearing resource with a WRONG
(placeholder) value, against live objects that hold canary secrets, and a sensitive variable with
a canary default. ``plan`` then ``verify`` with the real Terraform: the batch is refused (a secret
drift is still drift) and every finding names the attribute, but no canary reaches the terminal,
verify.json, report.md, plan.json, inventory.json, apply's refusal, or any file left behind."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from emulator.scenario.mess import canary_value, handler_zip
from importer.verify.gate import SENSITIVE_DIFFERS
from tests.tools import PROJECT_ROOT, terraform_environment

pytestmark = pytest.mark.terraform

PROVIDER = {"aws": [{"region": "us-east-1", "skip_credentials_validation": True, "skip_metadata_api_check": "true",
                     "s3_use_path_style": True, "max_retries": 2}]}
CANARIES = {kind: canary_value(kind) for kind in (
    "ssm-securestring", "lambda-environment", "rds-master-password", "sensitive-variable-tag")}
PLACEHOLDER = "placeholder-not-the-secret"
ASSUME = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})


def build_secret_account(emulator) -> str:
    """Live objects holding the canaries, made with boto3; returns the Lambda role's ARN."""
    emulator.client("ssm").put_parameter(Name="/sec/database_url", Type="SecureString",
                                         Value=CANARIES["ssm-securestring"])
    role = emulator.client("iam").create_role(RoleName="sec-export", AssumeRolePolicyDocument=ASSUME)["Role"]["Arn"]
    emulator.client("lambda").create_function(
        FunctionName="sec-export", Role=role, Runtime="python3.12", Handler="handler.handler",
        Code={"ZipFile": handler_zip()}, Environment={"Variables": {"API_TOKEN": CANARIES["lambda-environment"]}})
    emulator.client("rds").create_db_instance(
        DBInstanceIdentifier="sec-db", Engine="postgres", DBInstanceClass="db.t3.micro", AllocatedStorage=20,
        MasterUsername="app", MasterUserPassword="the-live-password-is-never-read")
    emulator.client("sqs").create_queue(QueueName="sec-jobs", Attributes={"MaximumMessageSize": "262144"},
                                        tags={"Team": "platform"})
    return role


def secret_config(role_arn: str, code_zip: Path) -> dict:
    """Every canary-bearing resource with a wrong value; two sensitive variables with canary defaults."""
    return {
        "variable": {
            "db_password": {"type": "string", "sensitive": True, "default": CANARIES["rds-master-password"]},
            "team": {"type": "string", "sensitive": True, "default": CANARIES["sensitive-variable-tag"]},
        },
        "provider": PROVIDER,
        "resource": {
            "aws_ssm_parameter": {"database_url": {"name": "/sec/database_url", "type": "SecureString",
                                                   "value": PLACEHOLDER}},
            "aws_lambda_function": {"export": {
                "function_name": "sec-export", "role": role_arn, "runtime": "python3.12", "handler": "handler.handler",
                "filename": str(code_zip), "environment": {"variables": {"API_TOKEN": PLACEHOLDER}}}},
            "aws_db_instance": {"main": {
                "identifier": "sec-db", "engine": "postgres", "instance_class": "db.t3.micro", "allocated_storage": 20,
                "username": "app", "password": "${var.db_password}", "skip_final_snapshot": True}},
            # a sensitive variable in an argument the provider does not mark: Terraform marks tags.Team
            "aws_sqs_queue": {"jobs": {"name": "sec-jobs", "max_message_size": 262144,
                                       "tags": {"Team": "${var.team}"}}},
        },
    }


def every_file(root: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}


def test_verify_names_each_secret_drift_and_no_canary_reaches_any_output(clean_emulator, tmp_path):
    role_arn = build_secret_account(clean_emulator)
    work, out, scratch = tmp_path / "work", tmp_path / "out", tmp_path / "tmp"
    for folder in (work, out, scratch):
        folder.mkdir()
    (work / "code.zip").write_bytes(handler_zip())
    config_path = work / "main.tf.json"
    config_path.write_text(json.dumps(secret_config(role_arn, work / "code.zip"), indent=1))
    env = ({k: v for k, v in terraform_environment(tmp_path).items() if not k.startswith("AWS_")}
           | clean_emulator.environment() | {"TMPDIR": str(scratch)})
    args = ["--config", str(config_path), "--output-dir", str(out)]
    runs, written = {}, {}
    for command, extra in (("plan", []), ("verify", []), ("apply", ["--batch", "1"])):
        runs[command] = subprocess.run([sys.executable, "-m", "importer", command, *args, *extra], cwd=PROJECT_ROOT,
                                       env=env, capture_output=True, text=True, timeout=900)
        written |= {f"{path} after {command}": data for path, data in every_file(out).items()}
    assert runs["plan"].returncode == 2, runs["plan"].stdout + runs["plan"].stderr
    plan = json.loads((out / "plan.json").read_text())
    assert {i["address"] for i in plan["batches"][0]["imports"]} == {
        "aws_ssm_parameter.database_url", "aws_lambda_function.export", "aws_db_instance.main", "aws_sqs_queue.jobs"}

    # A secret drift is still drift: the batch is refused.
    verify = runs["verify"]
    assert verify.returncode == 1, verify.stdout + verify.stderr
    verified = json.loads((out / "verify.json").read_text())
    assert verified["stopped_at"] == 1 and not verified["clean"]
    findings = {(v["address"], f["attribute"]): f for v in verified["batches"][0]["verdicts"] for f in v["findings"]}
    for address, attribute, kind in [("aws_ssm_parameter.database_url", "value", "drift"),
                                     ("aws_lambda_function.export", "environment", "drift"),
                                     ("aws_db_instance.main", "password", "not-restored")]:
        finding = findings[(address, attribute)]
        assert finding["kind"] == kind and finding["sensitive"] == [attribute], finding
        assert f"{attribute} ({kind}): {SENSITIVE_DIFFERS}" in verify.stdout
    tags = findings[("aws_sqs_queue.jobs", "tags")]
    assert tags["sensitive"] == ["tags.Team"] and tags["code"] == tags["live"] == {"Team": "(sensitive)"}, tags
    assert "tags (drift): (sensitive value differs at tags.Team)" in verify.stdout
    report = (out / "report.md").read_text()
    assert report.count(SENSITIVE_DIFFERS) >= 6 and "| password | not-restored |" in report
    assert runs["apply"].returncode == 1 and "not verified clean" in runs["apply"].stderr, runs["apply"].stderr

    # No canary anywhere: terminal, every file in the output folder, anything left in TMPDIR.
    texts = {f"{command} {stream}": getattr(result, stream) for command, result in runs.items()
             for stream in ("stdout", "stderr")}
    texts |= {where: data.decode(errors="replace") for where, data in written.items()}
    texts |= {str(path): data.decode(errors="replace") for path, data in every_file(scratch).items()}
    assert {f"{name} after plan" for name in ("plan.json", "inventory.json", "report.md")} | {
        "verify.json after verify"} <= {Path(where).name for where in texts}
    leaks = [(where, kind) for where, text in texts.items() for kind, canary in CANARIES.items() if canary in text]
    assert leaks == []
    assert PLACEHOLDER not in verify.stdout  # the code's side of a secret is not shown either
