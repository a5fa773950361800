"""`cdktf synth` through the real CLI, as the README documents it, gives the same stacks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from stacks.config import ENVIRONMENTS
from tests.tools import PROJECT_ROOT, require_tool, run

pytestmark = pytest.mark.cdktf_cli


def _cdktf_environment() -> dict[str, str]:
    bin_dir = PROJECT_ROOT / "node_modules" / ".bin"
    if not (bin_dir / "cdktf").exists():
        require_tool("cdktf CLI not installed in node_modules (run `make setup`)", "REQUIRE_TERRAFORM")
    scripts = Path(sys.executable).parent
    environ = dict(os.environ, CHECKPOINT_DISABLE="1", JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION="1")
    environ["PATH"] = os.pathsep.join([str(bin_dir), str(scripts), environ.get("PATH", "")])
    if (bin_dir / "node").exists():
        environ["JSII_NODE"] = str(bin_dir / "node")
    if shutil.which("pipenv", path=environ["PATH"]) is None:
        require_tool("pipenv not on PATH: cdktf.json runs the app with `pipenv run`", "REQUIRE_TERRAFORM")
    environ.pop("AWS_ENDPOINT_URL", None)
    return environ


def test_cdktf_synth_cli_writes_every_stack(synthesized, tmp_path):
    environ = _cdktf_environment()
    outdir = tmp_path / "cdktf.out"
    result = run(["cdktf", "synth", "--output", str(outdir)], PROJECT_ROOT, environ, timeout=600)
    assert "Generated Terraform code for the stacks" in result.stdout
    manifest = json.loads((outdir / "manifest.json").read_text())
    assert sorted(manifest["stacks"]) == sorted(ENVIRONMENTS)
    for env in ENVIRONMENTS:
        stack = json.loads((outdir / "stacks" / env / "cdk.tf.json").read_text())
        # The CLI runs main.py: same resources as the in-process synth the other tests use.
        assert stack["resource"] == synthesized[env]["resource"]


def test_cdktf_list_shows_the_three_environments(tmp_path):
    environ = _cdktf_environment()
    # `cdktf list` synthesizes first: into tmp_path, never the checkout's cdktf.out (no test may rely on that).
    result = subprocess.run(["cdktf", "list", "--output", str(tmp_path / "cdktf.out")], cwd=PROJECT_ROOT,
                            env=environ, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert all(env in result.stdout for env in ENVIRONMENTS)
    assert (tmp_path / "cdktf.out" / "manifest.json").is_file()
