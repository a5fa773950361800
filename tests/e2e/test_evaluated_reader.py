"""The instance-level reader with the real Terraform: one evaluation of the fixture configuration
(every form in one HCL folder) against the emulator gives what the committed plan JSON gives.
Set UPDATE_EVALUATED_FIXTURE=1 to rewrite tests/fixtures/evaluated/plan.json from this run."""

from __future__ import annotations

import json
import os
import time

import pytest

from importer.desired.evaluated import EvaluationError, evaluate, plan_json, read_plan
from tests.tools import terraform_environment
from tests.unit.test_evaluated_reader import CONFIG, FIXTURES, VAR_FILE, check_fixture

pytestmark = pytest.mark.terraform


def test_terraform_evaluates_the_fixture_and_the_reader_reads_every_form(emulator, tmp_path):
    environ = {**terraform_environment(tmp_path), **emulator.environment()}
    before = sorted(p.name for p in CONFIG.iterdir())
    started = time.monotonic()
    plan = plan_json(CONFIG, var_files=[VAR_FILE], workdir=tmp_path / "box", environ=environ)
    seconds = time.monotonic() - started
    print(f"evaluation of the fixture configuration: {seconds:.1f} s")
    check_fixture(read_plan(plan, CONFIG))
    assert sorted(p.name for p in CONFIG.iterdir()) == before  # nothing written beside the config
    assert not (CONFIG / ".terraform").exists()
    if os.environ.get("UPDATE_EVALUATED_FIXTURE"):
        (FIXTURES / "plan.json").write_text(json.dumps(plan, indent=1, sort_keys=True) + "\n")


def test_a_variable_without_a_value_is_terraforms_own_error(emulator, tmp_path):
    environ = {**terraform_environment(tmp_path), **emulator.environment()}
    with pytest.raises(EvaluationError, match="prefix"):
        evaluate(CONFIG, workdir=tmp_path / "box", environ=environ, variables={"networks": '["10.9.0.0/16"]'})
