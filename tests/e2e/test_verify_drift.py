"""With drift in the hand-built account, verify stops at the first dirty batch and names every
drifted attribute there with the code's and the live value."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from emulator.scenario.terraform_seed import address_by_code_path
from tests.tools import PROJECT_ROOT, hand_built_prod

pytestmark = pytest.mark.terraform


def test_verify_stops_at_the_first_dirty_batch_and_names_each_drift(emulator, tmp_path):
    stack_dir, tf_env, report = hand_built_prod(emulator, tmp_path, seed=9, drift=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")} | tf_env
    args = ["--config", str(stack_dir / "cdk.tf.json"), "--output-dir", str(tmp_path / "imports")]
    for command in ("plan", "verify"):
        result = subprocess.run([sys.executable, "-m", "importer", command, *args], cwd=PROJECT_ROOT, env=env,
                                capture_output=True, text=True, timeout=1200)
    assert result.returncode == 1, result.stdout
    verified = json.loads((tmp_path / "imports" / "verify.json").read_text())
    plan = json.loads((tmp_path / "imports" / "plan.json").read_text())
    addresses = address_by_code_path(json.loads((stack_dir / "cdk.tf.json").read_text()))
    drifted = {addresses[r.code_path]: r.drift for r in report.records if r.drift}
    batch_of = {i["address"]: b["index"] for b in plan["batches"] for i in b["imports"]}
    first_dirty = min(batch_of[address] for address in drifted)
    assert verified["stopped_at"] == first_dirty and len(verified["batches"]) == first_dirty
    assert not verified["final"] and not verified["clean"]
    findings = {(v["address"], f["attribute"]): f for v in verified["batches"][-1]["verdicts"] for f in v["findings"]
                if f["kind"] == "drift"}
    for address, drift in drifted.items():
        if batch_of[address] != first_dirty:
            continue
        for attribute, values in drift.items():
            name = attribute.split(".")[0]
            finding = findings[(address, name)]
            if name == "tags":
                assert finding["live"].get("Owner") == values["live"] and "Owner" not in (finding["code"] or {})
            else:
                assert (float(finding["code"]), float(finding["live"])) == (float(values["code"]), float(values["live"]))
            assert "change the construct" in finding["advice"] or "to the live value" in finding["advice"]
    assert "drift" in result.stdout and "REFUSED" in result.stdout
