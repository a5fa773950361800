"""``python -m importer -v``: the log a user needs when something goes wrong (where the region came
from, which state was read, what was decided, each Terraform command with its directory and
duration) on stderr, never a value; without ``-v`` nothing extra on stderr."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from importer.cli.logs import configure_logging
from importer.discovery.inventory import Inventory, LiveObject
from importer.specs import registry
from importer.terraform.runner import Terraform
from tests.tools import PROJECT_ROOT

QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/"
CANARY = "canary-value-never-logged"


@pytest.fixture
def planned_inputs(tmp_path):
    config = tmp_path / "main.tf.json"
    config.write_text(json.dumps({"provider": {"aws": [{"region": "us-east-1"}]},
                                  "resource": {"aws_sqs_queue": {"jobs": {"name": "jobs"}}}}))
    inventory = tmp_path / "inventory.json"
    inventory.write_text(Inventory(region="us-east-1", objects=[LiveObject("aws_sqs_queue", QUEUE + "jobs", {
        "name": "jobs"}, {}, (), {"policy": CANARY})], failures=[], types=sorted(registry())).to_json())
    state = tmp_path / "terraform.tfstate"
    state.write_text(json.dumps({"version": 4, "serial": 7, "lineage": "l-7", "resources": []}))
    return ["plan", "--config", str(config), "--state", str(state), "--inventory", str(inventory),
            "--output-dir", str(tmp_path / "out")]


def _importer(*args: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    environ["AWS_ENDPOINT_URL"] = f"http://user:{CANARY}@127.0.0.1:9"  # user info is never logged
    return subprocess.run([sys.executable, "-m", "importer", *args], cwd=PROJECT_ROOT, env=environ,
                          capture_output=True, text=True, timeout=120)


def test_verbose_logs_the_region_source_the_state_and_the_decisions(planned_inputs):
    result = _importer("-v", *planned_inputs)
    assert result.returncode == 2, result.stderr
    log = result.stderr
    assert 'INFO importer.cli.settings: region us-east-1 (from the configuration\'s provider "aws" region in ' in log
    assert "endpoint http://127.0.0.1:9" in log
    assert "terraform.tfstate: serial 7, lineage l-7, 0 instances" in log
    assert "plan main: 1 import, 1 batches" in log
    assert CANARY not in log and CANARY not in result.stdout


def test_without_verbose_nothing_extra_reaches_stderr(planned_inputs):
    result = _importer(*planned_inputs)
    assert result.returncode == 2, result.stderr
    assert result.stderr == ""


def test_each_terraform_command_is_logged_with_its_directory_exit_and_duration(tmp_path):
    stream = io.StringIO()
    configure_logging(1, stream)
    try:
        Terraform(tmp_path, {"SECRET_TOKEN": CANARY}, binary="/bin/sh").run("-c", "exit 0")
    finally:
        configure_logging(0)
    line = stream.getvalue().strip()
    assert line.startswith(f"INFO importer.terraform.runner: terraform -c exit 0 in {tmp_path}: exit 0, ")
    assert line.endswith(" s") and CANARY not in line


def test_quiet_logging_prints_nothing(tmp_path, capsys):
    configure_logging(0)
    Terraform(tmp_path, {}, binary="/bin/sh").run("-c", "exit 0")
    assert capsys.readouterr().err == ""


def test_retried_calls_are_logged_and_every_call_with_vv():
    from types import SimpleNamespace

    from importer.discovery.session import _log_call

    stream = io.StringIO()
    logged = _log_call("sqs")
    model = SimpleNamespace(name="ListQueues")
    try:
        configure_logging(1, stream)
        logged(model, parsed={"ResponseMetadata": {"RetryAttempts": 2, "HTTPStatusCode": 200}, "QueueUrls": [CANARY]})
        logged(model, parsed={"ResponseMetadata": {"RetryAttempts": 0, "HTTPStatusCode": 200}})
        configure_logging(2, stream)
        logged(model, parsed={"Error": {"Code": "AccessDenied", "Message": CANARY}, "ResponseMetadata": {}})
    finally:
        configure_logging(0)
    assert stream.getvalue().splitlines() == [
        "INFO importer.discovery.session: call sqs:ListQueues: HTTP 200 after 2 retries",
        "DEBUG importer.discovery.session: call sqs:ListQueues: AccessDenied",
    ]
