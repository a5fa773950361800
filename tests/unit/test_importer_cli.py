"""The importer's command line: help, and a summary of any Terraform JSON config."""

from __future__ import annotations

import contextlib
import io
import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from importer.cli import cli
from importer.cli.errors import run_cli
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


# --- plan: sibling stacks, --forget, the outcome line (local states and a recorded inventory, no AWS) ---

QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/"
PROVIDER = {"aws": [{"region": "us-east-1"}]}
CODE = {"aws_sqs_queue": {"jobs": {"name": "jobs"}, "shared": {"name": "shared"}}}


def _state(entries: list[tuple[str, str, object]]) -> dict:
    """A v4 state of sqs queues: (resource name, queue name, index key or None)."""
    resources: dict[str, dict] = {}
    for name, queue, key in entries:
        entry = resources.setdefault(name, {"mode": "managed", "type": "aws_sqs_queue", "name": name, "instances": []})
        entry["instances"].append({"attributes": {"id": QUEUE + queue, "name": queue},
                                   **({"index_key": key} if key is not None else {})})
    return {"version": 4, "serial": 7, "lineage": "L", "resources": list(resources.values())}


def _inventory(*queues: str) -> str:
    from importer.discovery.inventory import Inventory, LiveObject
    from importer.specs import registry

    return Inventory(region="us-east-1", objects=[LiveObject("aws_sqs_queue", QUEUE + q, {"name": q}, {}, ())
                                                  for q in queues], failures=[], types=sorted(registry())).to_json()


@pytest.fixture
def project(tmp_path, monkeypatch):
    """prod's code (jobs, shared), prod's state written by an older project (legacy_jobs holds jobs;
    old[0], old[1] hold queues no code describes), staging's state (holds shared and cache), and
    every queue live plus one nobody holds."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AWS_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")  # nothing may be read from AWS
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    (tmp_path / "prod.tf.json").write_text(json.dumps({"provider": PROVIDER, "resource": CODE}))
    (tmp_path / "prod.tfstate").write_text(json.dumps(_state([("legacy_jobs", "jobs", None), ("old", "old-a", 0),
                                                               ("old", "old-b", 1)])))
    (tmp_path / "staging.tfstate").write_text(json.dumps(_state([("shared", "shared", None),
                                                                  ("cache", "cache", None)])))
    (tmp_path / "inventory.json").write_text(_inventory("jobs", "shared", "cache", "old-a", "old-b", "loose"))
    return tmp_path


def _plan(*extra: str) -> tuple[int, str, str]:
    """``python -m importer plan`` of prod, in process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run_cli(cli, "python -m importer", ["plan", "--config", "prod.tf.json", "--state", "prod.tfstate",
                                                   "--inventory", "inventory.json", "--output-dir", "out", *extra])
    return code, out.getvalue(), err.getvalue()


def _written() -> dict:
    return json.loads(Path("out/plan.json").read_text())


def test_a_siblings_objects_are_managed_elsewhere_and_never_imported_even_when_code_describes_them(project):
    code, out, err = _plan("--sibling-state", "staging=staging.tfstate")
    assert code == 2, out + err
    plan = _written()
    assert plan["moved"] == [{"from": "aws_sqs_queue.legacy_jobs", "to": "aws_sqs_queue.jobs", "id": QUEUE + "jobs"}]
    assert [i["address"] for b in plan["batches"] for i in b["imports"]] == []
    assert {(e["id"], e["stack"], e["address"]) for e in plan["managed_elsewhere"]} == {
        (QUEUE + "cache", "staging", "aws_sqs_queue.cache"), (QUEUE + "shared", "staging", "aws_sqs_queue.shared")}
    assert [u["id"] for u in plan["unmanaged"]] == [QUEUE + "loose"]  # cache is not unmanaged: staging holds it
    [ambiguous] = plan["ambiguous"]
    assert ambiguous["address"] == "aws_sqs_queue.shared" and "stack staging" in ambiguous["reason"]
    assert plan["sources"]["siblings"] == [{"stack": "staging", "state": "staging.tfstate", "exists": True,
                                            "serial": 7, "lineage": "L", "instances": 2}]
    assert out.rstrip().splitlines()[-1] == ("1 move, 0 imports in 1 batch; 0 forgets; decisions pending: "
                                             "1 ambiguous, 2 orphaned (see report.md)")
    code, _, _ = _plan()  # without the sibling, shared is an import and cache unmanaged
    plan = _written()
    assert [i["address"] for b in plan["batches"] for i in b["imports"]] == ["aws_sqs_queue.shared"]
    assert plan["managed_elsewhere"] == [] and QUEUE + "cache" in {u["id"] for u in plan["unmanaged"]}


def test_stack_siblings_are_the_other_synthesized_stacks_and_one_without_state_is_skipped(project, caplog):
    stacks = project / "cdktf.out" / "stacks"
    for name in ("prod", "staging", "dev"):
        (stacks / name).mkdir(parents=True)
        (stacks / name / "cdk.tf.json").write_text(json.dumps({
            "provider": PROVIDER, "resource": CODE if name == "prod" else {},
            "terraform": {"backend": {"local": {"path": f"terraform.{name}.tfstate"}}}}))
    (stacks / "staging" / "terraform.staging.tfstate").write_text((project / "staging.tfstate").read_text())
    with caplog.at_level(logging.INFO, logger="importer.cli.siblings"):
        code = run_cli(cli, "python -m importer", ["plan", "--stack", "prod", "--state", "prod.tfstate",
                                                   "--inventory", "inventory.json", "--output-dir", "out"])
    assert code == 2
    plan = _written()
    assert [(s["stack"], s["exists"]) for s in plan["sources"]["siblings"]] == [("dev", False), ("staging", True)]
    assert {e["stack"] for e in plan["managed_elsewhere"]} == {"staging"} and len(plan["managed_elsewhere"]) == 2
    assert any("sibling stack dev" in r.getMessage() and "skipped" in r.getMessage() for r in caplog.records)
    (stacks / "dev" / "terraform.dev.tfstate").write_text('{"version": 4, "resources": {}}')  # damaged: an error
    code = run_cli(cli, "python -m importer", ["plan", "--stack", "prod", "--state", "prod.tfstate", "--inventory",
                                               "inventory.json", "--output-dir", "out2"])
    assert code == 1 and not (project / "out2").exists()


def test_forget_sets_the_decision_and_moves_and_forgets_are_work(project):
    code, out, err = _plan("--forget", "aws_sqs_queue.old", "--sibling-state", "staging=staging.tfstate")
    assert code == 2, out + err
    plan = _written()
    assert [(o["address"], o["id"], o["live"], o["decision"]) for o in plan["orphaned"]] == [
        ("aws_sqs_queue.old[0]", QUEUE + "old-a", True, "forget"), ("aws_sqs_queue.old[1]", QUEUE + "old-b", True,
                                                                     "forget")]
    assert out.rstrip().splitlines()[-1] == ("1 move, 0 imports in 1 batch; 2 forgets; decisions pending: "
                                             "1 ambiguous (see report.md)")
    code, out, _ = _plan("--forget", "all")
    assert code == 2 and {o["decision"] for o in _written()["orphaned"]} == {"forget"}
    assert out.rstrip().splitlines()[-1] == "1 move, 1 import in 1 batch; 2 forgets; no decision pending"


@pytest.mark.parametrize("flags, names", [
    (("--forget", "aws_sqs_queue.jobs"), "aws_sqs_queue.jobs is not orphaned"),  # in code: a move target
    (("--forget", "aws_sqs_queue.old[0]"), "give --forget aws_sqs_queue.old"),  # half of one resource
    (("--forget", "module.m.aws_sqs_queue.x"), "module.m.aws_sqs_queue.x is not orphaned"),
    (("--forget", "old"), "--forget"),
    (("--sibling-state", "staging"), "--sibling-state"),
    (("--sibling-state", "prod=staging.tfstate"), "'prod'"),
    (("--sibling-state", "staging=prod.tfstate"), "this stack's own state"),
    (("--sibling-state", "staging=nowhere"), "nowhere"),  # a directory, not a state
    (("--sibling-config", "missing.tf.json"), "missing.tf.json"),
])
def test_refused_flags_are_one_line_and_write_nothing(project, flags, names):
    (project / "nowhere").mkdir()
    code, out, err = _plan(*flags)
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 1 and len(lines) == 1 and names in lines[0], (out, err)
    assert not (project / "out").exists()


def test_a_plan_with_only_a_move_exits_2_and_with_nothing_left_exits_0(project):
    (project / "prod.tf.json").write_text(json.dumps({"provider": PROVIDER, "resource": {
        "aws_sqs_queue": {"jobs": {"name": "jobs"}}}}))
    (project / "prod.tfstate").write_text(json.dumps(_state([("legacy_jobs", "jobs", None)])))
    code, out, _ = _plan()
    assert code == 2 and out.rstrip().splitlines()[-1] == "1 move, 0 imports in 1 batch; 0 forgets; no decision pending"
    (project / "prod.tfstate").write_text(json.dumps(_state([("jobs", "jobs", None)])))
    code, out, _ = _plan()
    assert code == 0 and out.rstrip().splitlines()[-1] == "nothing to do; no decision pending"


def test_s3_siblings_are_read_through_the_backend_and_a_missing_bucket_is_skipped(project, clean_emulator,
                                                                                   monkeypatch, caplog):
    for key, value in clean_emulator.environment().items():
        monkeypatch.setenv(key, value)
    s3 = clean_emulator.client("s3")
    s3.create_bucket(Bucket="staging-state")
    s3.put_object(Bucket="staging-state", Key="staging.tfstate", Body=(project / "staging.tfstate").read_bytes())
    (project / "staging.tf.json").write_text(json.dumps({"provider": PROVIDER, "terraform": {"backend": {"s3": {
        "bucket": "staging-state", "key": "staging.tfstate", "region": "us-east-1"}}}}))
    with caplog.at_level(logging.INFO, logger="importer.cli.siblings"):
        code, out, err = _plan("--sibling-config", "staging.tf.json", "--sibling-state", "dev=s3://no-such-bucket/k")
    assert code == 2, out + err
    plan = _written()
    assert [(s["stack"], s["state"], s["exists"]) for s in plan["sources"]["siblings"]] == [
        ("dev", "s3://no-such-bucket/k", False), ("staging", "s3://staging-state/staging.tfstate", True)]
    assert len(plan["managed_elsewhere"]) == 2
    assert any("no-such-bucket" in r.getMessage() and "skipped" in r.getMessage() for r in caplog.records)
