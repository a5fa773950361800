"""``python -m importer -v verify`` against the emulator with the real Terraform: every Terraform
command is logged with its directory, exit status and duration, beside where the region came from
and the state read; without ``-v`` stderr holds none of it."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from tests.tools import PROJECT_ROOT, terraform_environment

pytestmark = pytest.mark.terraform

EMULATOR_PROVIDER = {"region": "us-east-1", "skip_credentials_validation": True, "skip_metadata_api_check": "true",
                     "s3_use_path_style": True, "max_retries": 2}


def test_verbose_verify_logs_each_terraform_command(emulator, tmp_path):
    emulator.reset()
    emulator.client("sqs").create_queue(QueueName="verbose-jobs", Attributes={"MaximumMessageSize": "262144"})
    stack = tmp_path / "stack"
    stack.mkdir()
    config = stack / "main.tf.json"
    config.write_text(json.dumps({"provider": {"aws": [EMULATOR_PROVIDER]},
                                  "resource": {"aws_sqs_queue": {"jobs": {"name": "verbose-jobs",
                                                                          "max_message_size": 262144}}},
                                  "terraform": {"backend": {"local": {"path": "terraform.tfstate"}}}}))
    environ = {**terraform_environment(tmp_path), **emulator.environment()}

    def importer(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "importer", *args, "--config", str(config), "--output-dir",
                               str(tmp_path / "out")], cwd=PROJECT_ROOT, env=environ, capture_output=True, text=True,
                              timeout=600)

    planned = importer("-v", "plan")
    assert planned.returncode == 2, planned.stderr
    assert "region us-east-1 (from the configuration's provider \"aws\" region in" in planned.stderr
    assert "discovery aws_sqs_queue: 1 objects" in planned.stderr
    verified = importer("-v", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    log = verified.stderr
    assert re.search(r"INFO importer\.terraform\.runner: terraform init -input=false .* in \S+: exit 0, [\d.]+ s", log)
    assert re.search(r"terraform plan -input=false -no-color -detailed-exitcode .* in \S+: exit 2, [\d.]+ s", log)
    assert "state " + str(stack / "terraform.tfstate") + ": none yet" in log
    assert "verify main: 1 of 1 batches clean, clean" in log
    quiet = importer("verify")
    assert quiet.returncode == 0 and "INFO" not in quiet.stderr and "terraform" not in quiet.stderr
