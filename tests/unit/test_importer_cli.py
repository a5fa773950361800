"""The importer's command line: help, and a summary of any Terraform JSON config."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from importer.cli import cli
from importer.desired.config import ConfigError, load_config
from importer.ids import TfAddress, TfType
from tests.tools import PROJECT_ROOT

HAND_WRITTEN = {
    "terraform": {"backend": {"local": {"path": "terraform.tfstate"}}},
    "resource": {
        "aws_sqs_queue": {"jobs": {"name": "jobs"}, "dlq": {"name": "jobs-dlq"}},
        "aws_s3_bucket": {"uploads": {"bucket": "uploads"}},
    },
}


def test_python_dash_m_importer_help_lists_the_commands():
    result = subprocess.run([sys.executable, "-m", "importer", "--help"], cwd=PROJECT_ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0
    assert "Usage: python -m importer" in result.stdout and "summary" in result.stdout


def test_summary_counts_a_hand_written_config(tmp_path):
    path = tmp_path / "main.tf.json"
    path.write_text(json.dumps(HAND_WRITTEN))
    result = CliRunner().invoke(cli, ["summary", "--config", str(path)], terminal_width=120)
    assert result.exit_code == 0, result.output
    rows = {line.split("│")[1].strip(): line.split("│")[2].strip() for line in result.output.splitlines()
            if line.count("│") == 3}
    assert rows["aws_sqs_queue"] == "2" and rows["aws_s3_bucket"] == "1" and rows["total"] == "3"


@pytest.mark.parametrize("content, message", [
    ("{not json", "not JSON"),
    ("[1, 2]", "object at the top level"),
    ('{"resource": {"aws_vpc": []}}', "must map names to bodies"),
    ('{"resource": {"AWS VPC": {"x": {}}}}', "not a Terraform resource type"),
])
def test_bad_config_gives_one_clear_error_and_exit_1(tmp_path, content, message):
    path = tmp_path / "bad.tf.json"
    path.write_text(content)
    result = CliRunner().invoke(cli, ["summary", "--config", str(path)])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output


def test_summary_without_input_is_a_usage_error():
    assert CliRunner().invoke(cli, ["summary"]).exit_code == 2


def test_config_reader_keeps_addresses_typed_and_sorted(tmp_path):
    path = tmp_path / "main.tf.json"
    path.write_text(json.dumps(HAND_WRITTEN))
    config = load_config(path)
    assert [str(r.address) for r in config.resources] == ["aws_s3_bucket.uploads", "aws_sqs_queue.dlq",
                                                          "aws_sqs_queue.jobs"]
    assert config.backend == {"local": {"path": "terraform.tfstate"}}
    with pytest.raises(ConfigError, match="no such file"):
        load_config(tmp_path / "missing.json")


def test_addresses_parse_and_refuse_what_is_not_a_resource_instance():
    assert TfAddress.parse("aws_vpc.network_vpc_1A2B3C") == TfAddress(TfType("aws_vpc"), "network_vpc_1A2B3C")
    assert TfType("aws_vpc").provider == "aws"
    for text in ("aws_vpc", "module.x", "data.aws_vpc.y", "aws_vpc.x[x]", "aws_vpc.x[0", "Bad.x"):
        with pytest.raises(ValueError):
            TfAddress.parse(text)
