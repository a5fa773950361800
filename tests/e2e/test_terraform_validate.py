"""The synthesized stacks are valid for the real Terraform CLI and the real AWS provider."""

from __future__ import annotations

import json
import shutil

import pytest

from stacks.config import ENVIRONMENTS
from tests.tools import run, terraform_environment

pytestmark = pytest.mark.terraform


@pytest.mark.parametrize("env", list(ENVIRONMENTS))
def test_stack_passes_terraform_init_and_validate(synth_dir, tmp_path, env):
    environ = terraform_environment(tmp_path)
    workdir = tmp_path / env
    shutil.copytree(synth_dir / "stacks" / env, workdir)
    run(["terraform", "init", "-backend=false", "-input=false", "-no-color"], workdir, environ)
    lock = (workdir / ".terraform.lock.hcl").read_text()
    assert 'provider "registry.terraform.io/hashicorp/aws"' in lock
    result = json.loads(run(["terraform", "validate", "-json", "-no-color"], workdir, environ).stdout)
    problems = [f"{d['severity']}: {d['summary']} {d.get('address', '')}" for d in result["diagnostics"]]
    assert result["valid"] is True, problems
    assert result["warning_count"] == 0, problems
