"""One table of bad inputs across every command: each is refused with exit 1 and one line on stderr
naming the file, flag or value, no traceback, nothing written and the state unchanged.

The commands run in process through the same entry point as ``python -m importer``
(:func:`importer.cli.errors.run_cli`); a few run as real subprocesses to prove the same end to end.
Cases that need S3 reach the session emulator over real HTTP."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from importer.cli import cli
from importer.cli.errors import run_cli
from importer.discovery.inventory import Inventory
from importer.plan import ImportPlan, Orphan, PlannedImport
from importer.plan_records import Unmanaged
from tests.tools import PROJECT_ROOT

CONFIG = {
    "provider": {"aws": [{"region": "us-east-1"}]},
    "resource": {"aws_sqs_queue": {"jobs": {"name": "jobs"}}},
}
STATE_V4 = {"version": 4, "terraform_version": "1.11.4", "serial": 3, "lineage": "L-1", "outputs": {},
            "resources": []}


@dataclass(frozen=True)
class Case:
    """One bad input: the command line (``{ws}`` is the workspace) and what the error line must name."""

    id: str
    args: tuple[str, ...]
    names: str
    needs_s3: bool = False
    env: dict[str, str | None] = field(default_factory=dict)


def _write_json(path: Path, document) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(document if isinstance(document, str) else json.dumps(document))


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    """A project folder holding one good config, a synthesized stack, a plan, and bad files of every kind."""
    ws = tmp_path / "ws"
    _write_json(ws / "good" / "main.tf.json", CONFIG)
    _write_json(ws / "cdktf.out" / "stacks" / "prod" / "cdk.tf.json", CONFIG)
    _write_json(ws / "good" / "terraform.tfstate", STATE_V4)
    plan = ImportPlan("main", [[PlannedImport("aws_sqs_queue.jobs", "aws_sqs_queue", "https://q/jobs")]])
    _write_json(ws / "imports" / "main" / "plan.json", plan.to_json())
    _write_json(ws / "list.tf.json", "[1, 2]")
    _write_json(ws / "broken.tf.json", "{not json")
    _write_json(ws / "nobucket.tf.json", {**CONFIG, "terraform": {"backend": {"s3": {"key": "k"}}}})
    _write_json(ws / "remote.tf.json", {**CONFIG, "terraform": {"backend": {"remote": {"organization": "x"}}}})
    _write_json(ws / "corrupt.tfstate", '{"version": 4, "resources": [')
    _write_json(ws / "v3.tfstate", {**STATE_V4, "version": 3})
    _write_json(ws / "damaged.tfstate", {**STATE_V4, "resources": [1, 2]})
    _write_json(ws / "garbage-inventory.json", {"objects": "nope"})
    _write_json(ws / "dict-batches" / "plan.json", {**json.loads(plan.to_json()), "batches": {"1": []}})
    _write_json(ws / "list-verify" / "plan.json", plan.to_json())
    _write_json(ws / "list-verify" / "verify.json", "[]")
    _write_json(ws / "verified" / "plan.json", plan.to_json())
    _write_json(ws / "verified" / "verify.json", {"batches": []})
    _write_json(ws / "bad-state-dir" / "main.tf.json", CONFIG)
    _write_json(ws / "bad-state-dir" / "terraform.tfstate", "garbage")
    (ws / "bad-state-dir" / "imports").mkdir()
    kept = ImportPlan("main", plan.batches, orphaned=[Orphan("aws_sqs_queue.old", "https://q/old", True)])
    for folder in ("orphan-kept", "orphan-kept-verified"):
        _write_json(ws / folder / "plan.json", kept.to_json())
    _write_json(ws / "orphan-kept-verified" / "verify.json", {"batches": []})
    _write_json(ws / "held.tfstate", {**STATE_V4, "resources": [{
        "mode": "managed", "type": "aws_sqs_queue", "name": "legacy", "provider": "provider[\"x\"]",
        "instances": [{"index_key": 0, "attributes": {"id": "https://q/jobs"}}]}]})
    _write_json(ws / "good-inventory.json", Inventory(region="us-east-1", objects=[], failures=[]).to_json())
    _write_json(ws / "codify" / "plan.json", ImportPlan("main", plan.batches, unmanaged=[
        Unmanaged("aws_sqs_queue", "https://q/old", "old")]).to_json())
    _write_json(ws / "codify" / "inventory.json", Inventory(region="us-east-1", objects=[], failures=[]).to_json())
    (ws / "empty-dir").mkdir()
    (ws / "hcl").mkdir()
    (ws / "hcl" / "main.tf").write_text('resource "aws_sqs_queue" "q" {\n  name = var.name\n}\n')
    _write_json(ws / "hcl" / "extra.tf.json", "{not json")
    (ws / "infra").mkdir()  # intake: a folder to convert, a hand-written module, a converter that fails
    (ws / "infra" / "main.tf").write_text('resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n')
    (ws / "mine.py").write_text("print('written by hand')\n")
    (ws / "fake").mkdir()
    (ws / "fake" / "cdktf").write_text("#!/bin/sh\necho '[ERROR] default - Failed to parse HCL: boom' >&2\nexit 1\n")
    (ws / "fake" / "cdktf").chmod(0o755)
    monkeypatch.chdir(ws)
    return ws


GOOD = ("--config", "good/main.tf.json")
CASES = [
    Case("no-command-option", ("plan", "--bogus"), "--bogus"),
    Case("plan-without-config", ("plan",), "--stack or --config"),
    Case("plan-stack-path", ("plan", "--stack", "../../x"), "'../../x'"),
    Case("plan-unknown-stack", ("plan", "--stack", "qa"), "'qa'"),
    Case("plan-missing-config", ("plan", "--config", "missing.tf.json"), "missing.tf.json"),
    Case("plan-config-is-a-list", ("plan", "--config", "list.tf.json"), "list.tf.json"),
    Case("plan-config-not-json", ("plan", "--config", "broken.tf.json"), "broken.tf.json"),
    Case("plan-config-dir-without-tf", ("plan", "--config", "empty-dir"), "empty-dir: no .tf or .tf.json files"),
    Case("plan-config-hcl-file", ("plan", "--config", "hcl/main.tf"), "give --config hcl"),
    Case("plan-config-dir-json-broken", ("plan", "--config", "hcl"), "extra.tf.json"),
    Case("plan-var-file-missing", ("plan", *GOOD, "--var-file", "nope.tfvars"), "nope.tfvars"),
    Case("plan-var-not-name-value", ("plan", *GOOD, "--var", "novalue"), "--var"),
    Case("plan-var-bad-name", ("plan", *GOOD, "--var", "9x=1"), "'9x=1'"),
    Case("verify-config-dir-without-tf", ("verify", "--config", "empty-dir"), "empty-dir"),
    Case("apply-var-file-is-a-dir", ("apply", *GOOD, "--batch", "1", "--var-file", "empty-dir"), "empty-dir"),
    Case("unlock-config-hcl-file", ("unlock", "--config", "hcl/main.tf"), "hcl/main.tf"),
    Case("plan-s3-backend-without-bucket", ("plan", "--config", "nobucket.tf.json"), "bucket"),
    Case("plan-unsupported-backend", ("plan", "--config", "remote.tf.json"), "remote"),
    Case("plan-state-without-key", ("plan", *GOOD, "--state", "s3://bucket"), "s3://bucket"),
    Case("plan-state-not-json", ("plan", *GOOD, "--state", "corrupt.tfstate"), "corrupt.tfstate"),
    Case("plan-state-version-3", ("plan", *GOOD, "--state", "v3.tfstate"), "v3.tfstate"),
    Case("plan-state-damaged", ("plan", *GOOD, "--state", "damaged.tfstate"), "damaged.tfstate"),
    Case("plan-inventory-garbage", ("plan", *GOOD, "--inventory", "garbage-inventory.json"), "garbage-inventory.json"),
    Case("plan-inventory-missing", ("plan", *GOOD, "--inventory", "nope.json"), "nope.json"),
    Case("plan-batch-size-zero", ("plan", *GOOD, "--batch-size", "0"), "--batch-size"),
    Case("plan-sibling-config-missing", ("plan", *GOOD, "--sibling-config", "missing.tf.json"), "missing.tf.json"),
    Case("plan-sibling-config-not-json", ("plan", *GOOD, "--sibling-config", "broken.tf.json"), "broken.tf.json"),
    Case("plan-sibling-config-remote-backend", ("plan", *GOOD, "--sibling-config", "remote.tf.json"), "remote"),
    Case("plan-sibling-state-no-name", ("plan", *GOOD, "--sibling-state", "damaged.tfstate"), "--sibling-state"),
    Case("plan-sibling-state-damaged", ("plan", *GOOD, "--sibling-state", "staging=damaged.tfstate"),
         "sibling stack staging (--sibling-state): damaged.tfstate"),
    Case("plan-sibling-state-unreadable", ("plan", *GOOD, "--sibling-state", "staging=good"), "sibling stack staging"),
    Case("plan-sibling-state-is-own-state", ("plan", *GOOD, "--sibling-state", "other=good/terraform.tfstate"),
         "this stack's own state"),
    Case("plan-sibling-state-bucket-without-key", ("plan", *GOOD, "--sibling-state", "staging=s3://bucket"),
         "s3://bucket"),
    Case("plan-forget-not-an-address", ("plan", *GOOD, "--forget", "everything"), "'everything'"),
    Case("plan-forget-not-orphaned", ("plan", *GOOD, "--inventory", "good-inventory.json", "--forget",
                                      "aws_sqs_queue.jobs"), "aws_sqs_queue.jobs is not orphaned"),
    Case("plan-state-bucket-missing", ("plan", *GOOD, "--state", "s3://no-such-bucket/k", "--inventory",
                                       "garbage-inventory.json"), "no-such-bucket", needs_s3=True),
    Case("verify-without-plan", ("verify", "--config", "list-verify/../good/main.tf.json", "--output-dir", "nowhere"),
         "nowhere/plan.json"),
    Case("verify-plan-batches-dict", ("verify", *GOOD, "--output-dir", "dict-batches"), "batches"),
    Case("verify-config-is-a-list", ("verify", "--config", "list.tf.json"), "list.tf.json"),
    Case("verify-state-not-json", ("verify", *GOOD, "--output-dir", "imports/main", "--state", "corrupt.tfstate"),
         "corrupt.tfstate"),
    Case("verify-state-version-3", ("verify", *GOOD, "--output-dir", "imports/main", "--state", "v3.tfstate"),
         "v3.tfstate"),
    Case("verify-state-without-key", ("verify", *GOOD, "--output-dir", "imports/main", "--state", "s3://bucket"),
         "s3://bucket"),
    Case("verify-state-bucket-missing", ("verify", *GOOD, "--output-dir", "imports/main", "--state",
                                         "s3://no-such-bucket/k"), "no-such-bucket", needs_s3=True),
    Case("verify-stack-path", ("verify", "--stack", "../prod"), "'../prod'"),
    Case("verify-orphan-kept", ("verify", *GOOD, "--output-dir", "orphan-kept"),
         'set "decision": "forget" for aws_sqs_queue.old in plan.json'),
    Case("verify-import-held-by-state", ("verify", *GOOD, "--output-dir", "imports/main", "--state", "held.tfstate"),
         "held by state address aws_sqs_queue.legacy[0]"),
    Case("apply-orphan-kept", ("apply", *GOOD, "--output-dir", "orphan-kept-verified", "--batch", "1"),
         "orphan-kept-verified/plan.json: aws_sqs_queue.old"),
    Case("apply-without-verify", ("apply", *GOOD, "--output-dir", "imports/main", "--batch", "1"), "verify.json"),
    Case("apply-batch-not-a-number", ("apply", *GOOD, "--batch", "x"), "--batch"),
    Case("apply-batch-missing", ("apply", *GOOD), "--batch"),
    Case("apply-batch-zero", ("apply", *GOOD, "--batch", "0"), "'0' is not a batch number or 'all'"),
    Case("apply-verify-json-a-list", ("apply", *GOOD, "--output-dir", "list-verify", "--batch", "1"), "verify.json"),
    Case("apply-state-garbage", ("apply", "--config", "bad-state-dir/main.tf.json", "--output-dir", "verified",
                                 "--batch", "1"), "terraform.tfstate"),
    Case("discover-config-is-a-list", ("discover", "--config", "list.tf.json"), "list.tf.json"),
    Case("discover-unknown-stack", ("discover", "--stack", "nope"), "'nope'"),
    Case("discover-var-without-config", ("discover", "--var", "a=b"), "--var-file and --var need --stack or --config"),
    Case("discover-config-dir-without-tf", ("discover", "--config", "empty-dir"), "empty-dir"),
    Case("discover-max-workers-zero", ("discover", "--max-workers", "0"), "--max-workers"),
    Case("discover-retry-mode", ("discover", "--retry-mode", "wild"), "wild"),
    Case("policy-without-repo", ("policy", *GOOD, "--github-environment", "prod"), "--github-repo"),
    Case("policy-both-pins", ("policy", *GOOD, "--github-repo", "a/b", "--github-environment", "prod",
                              "--github-branch", "main"), "--github-branch"),
    Case("policy-config-not-json", ("policy", "--config", "broken.tf.json", "--github-repo", "a/b",
                                    "--github-branch", "main"), "broken.tf.json"),
    Case("summary-nothing", ("summary",), "--stack or --config"),
    Case("summary-config-not-json", ("summary", "--config", "broken.tf.json"), "broken.tf.json"),
    Case("unlock-stack-path", ("unlock", "--stack", "../x"), "'../x'"),
    Case("codify-without-plan", ("codify", *GOOD, "--output-dir", "nowhere"), "nowhere/plan.json not found: run plan"),
    Case("codify-select-unknown", ("codify", *GOOD, "--output-dir", "codify", "--select", "aws_nothing"),
         "'aws_nothing'"),
    Case("codify-not-in-inventory", ("codify", *GOOD, "--output-dir", "codify"), "does not hold aws_sqs_queue"),
    Case("codify-class-name", ("codify", *GOOD, "--class-name", "bad name"), "--class-name"),
    Case("codify-output-not-python", ("codify", *GOOD, "--output", "adopted.txt"), "--output"),
    Case("intake-missing-dir", ("intake", "nowhere", "--stack", "prod"), "nowhere is not a directory"),
    Case("intake-no-tf", ("intake", "empty-dir", "--stack", "prod"), "empty-dir holds no .tf file"),
    Case("intake-tf-json", ("intake", "hcl", "--stack", "prod", "--output", "gen.py"), "extra.tf.json"),
    Case("intake-without-stack", ("intake", "infra"), "--stack"),
    Case("intake-output-not-ours", ("intake", "infra", "--stack", "prod", "--output", "mine.py"),
         "mine.py exists and intake did not write it"),
    Case("intake-output-dir-missing", ("intake", "infra", "--stack", "prod", "--output", "nowhere/gen.py"),
         "nowhere does not exist"),
    Case("intake-converter-fails", ("intake", "infra", "--stack", "prod", "--output", "gen.py", "--cdktf",
                                    "fake/cdktf"), "cdktf convert failed: Failed to parse HCL: boom"),
    Case("unknown-command", ("nonsense",), "nonsense"),
]


def _snapshot(root: Path) -> dict[str, str]:
    """Every file under ``root`` with its content digest (to prove nothing was written or changed)."""
    return {str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input_is_one_line_exit_1_and_nothing_written(case, workspace, monkeypatch, capsys, request):
    if case.needs_s3:
        emulator = request.getfixturevalue("emulator")
        for key, value in emulator.environment().items():
            monkeypatch.setenv(key, value)
    else:  # nothing may be read from AWS for these: an unreachable endpoint proves it
        monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    before = _snapshot(workspace)
    code = run_cli(cli, "python -m importer", list(case.args))
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if line.strip()]
    assert code == 1, (code, captured.out, captured.err)
    assert len(lines) == 1 and lines[0].startswith("Error: "), captured.err
    assert case.names in lines[0], lines[0]
    assert "Traceback" not in captured.err + captured.out
    assert _snapshot(workspace) == before, "a refused command wrote or changed a file"


def test_every_command_has_a_bad_input_case():
    covered = {case.args[0] for case in CASES}
    commands = set(cli.commands) - {"emulator"}  # the emulator's own bad inputs: tests/emulator/test_emulator_cli.py
    assert commands <= covered, f"commands without a bad-input case: {sorted(commands - covered)}"


def test_no_credentials_and_no_endpoint_are_one_line_from_a_real_process(workspace, tmp_path):
    """End to end through ``python -m importer``: no credentials at all, then an endpoint that does not answer."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    base |= {"AWS_CONFIG_FILE": str(tmp_path / "none"), "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none"),
             "AWS_EC2_METADATA_DISABLED": "true", "AWS_REGION": "us-east-1", "PYTHONPATH": str(PROJECT_ROOT),
             "AWS_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_MAX_ATTEMPTS": "1"}
    keys = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
    for env, names in ((base, "credentials"), (base | keys, "127.0.0.1:9")):
        before = _snapshot(workspace)
        result = subprocess.run([sys.executable, "-m", "importer", "plan", *GOOD, "--state", "s3://b/k"],
                                cwd=workspace, env=env, capture_output=True, text=True, timeout=300)
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert result.returncode == 1, result.stdout + result.stderr
        assert len(lines) == 1 and names in lines[0] and "Traceback" not in result.stderr, result.stderr
        assert _snapshot(workspace) == before


@pytest.mark.parametrize("value, names", [("terrain", "RETAINWISE_CDK='terrain': choose one of cdktf, cdktn"),
                                          ("cdktn", "make setup-cdktn")])
def test_a_bad_cdk_backend_setting_is_one_line_from_main(tmp_path, value, names):
    """RETAINWISE_CDK (stacks/__init__.py): an unknown backend, or cdktn asked for in the cdktf
    environment, stops main.py before anything is built or written."""
    outdir = tmp_path / "out"
    env = dict(os.environ, RETAINWISE_CDK=value, CDKTF_OUTDIR=str(outdir), PYTHONPATH=str(PROJECT_ROOT))
    result = subprocess.run([sys.executable, "main.py"], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 1 and len(lines) == 1 and names in lines[0], result.stderr
    assert "Traceback" not in result.stderr and not outdir.exists()
