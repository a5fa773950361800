"""``python -m importer intake`` end to end without the 40-60 s converter: a stand-in ``cdktf`` replays
the recorded conversion of tests/fixtures/intake/legacy (what it received on stdin is kept), so the
command's reading (``terraform get``), rewrite, writing, module copies and re-run rules run for real.
The real converter runs in tests/e2e/test_intake.py."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from importer.cli import cli
from importer.cli.errors import run_cli
from tests.tools import require_tool

pytestmark = pytest.mark.terraform  # terraform get resolves the fixture's module call (under a second)
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "intake"


def _digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    if shutil.which("terraform") is None:
        require_tool("terraform CLI not on PATH (intake resolves module calls with terraform get)", "REQUIRE_TERRAFORM")
    shutil.copytree(FIXTURES / "legacy", tmp_path / "infra")
    fake = tmp_path / "bin" / "cdktf"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\ncat > "{tmp_path}/stdin.tf"\ncat "{FIXTURES / "converted_legacy.py.txt"}"\n')
    fake.chmod(0o755)
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _intake(*args: str) -> int:
    return run_cli(cli, "python -m importer", ["intake", "infra", "--stack", "prod", "--cdktf", "bin/cdktf", *args])


def test_intake_writes_the_construct_and_module_copies_and_leaves_the_folder_alone(workspace, capsys):
    before = _digest(workspace / "infra")
    assert _intake("--output", "out/legacy.py", "--class-name", "LegacyInfra") == 0
    stdout = capsys.readouterr().out
    assert _digest(workspace / "infra") == before
    source = (workspace / "out" / "legacy.py").read_text()
    compile(source, "legacy.py", "exec")
    assert "class LegacyInfra(Construct):" in source
    copy = workspace / "out" / "legacy_modules" / "modules" / "queue" / "main.tf"
    assert copy.read_text() == (workspace / "infra" / "modules" / "queue" / "main.tf").read_text()
    received = (workspace / "stdin.tf").read_text()  # every root .tf file, in name order, none of the module's
    assert [line for line in received.splitlines() if line.startswith("# ")][:4] == [
        "# ecs.tf", "# network.tf", "# variables.tf", "# versions.tf"]
    assert 'resource "aws_sqs_queue"' not in received
    assert "module queue: TerraformHclModule" in stdout and "plan --stack prod --state OLD_STATE" in stdout


def test_a_rerun_regenerates_its_own_output_identically(workspace):
    assert _intake("--output", "out/legacy.py") == 0
    first = (workspace / "out" / "legacy.py").read_text()
    assert _intake("--output", "out/legacy.py") == 0
    assert (workspace / "out" / "legacy.py").read_text() == first  # deterministic, and ours to replace


def test_the_default_output_is_stacks_intake_stack_py(workspace):
    assert _intake() == 0
    assert "class IntakeProd(Construct):" in (workspace / "stacks" / "intake" / "prod.py").read_text()
    assert (workspace / "stacks" / "intake" / "prod_modules" / "modules" / "queue" / "main.tf").is_file()
