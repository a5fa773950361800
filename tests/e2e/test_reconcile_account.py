"""Reconciliation of the hand-built prod account (part in state, drift on) and of a small account
described by a hand-written Terraform JSON config; IMPORT_BATCH synthesis proven on the real
Terraform."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from emulator.scenario.terraform_seed import address_by_code_path
from importer.plan import ImportPlan
from importer.specs.facts import not_restored_by_type
from importer.verify.batch_config import batch_config
from importer.verify.changes import resource_changes
from tests.tools import PROJECT_ROOT, hand_built_prod, run

NOT_RESTORED = not_restored_by_type()
# Every test here uses the prod fixture, which imports part of the account with the real Terraform.
pytestmark = pytest.mark.terraform


def importer_plan(emulator, *args, cwd=PROJECT_ROOT):
    environ = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    environ.update(emulator.environment())
    return subprocess.run([sys.executable, "-m", "importer", "plan", *args], cwd=cwd, env=environ,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def prod(emulator, tmp_path_factory):
    """The hand-built account with state and drift, its stack, and two runs of `plan`."""
    root = tmp_path_factory.mktemp("reconcile")
    stack_dir, environ, report = hand_built_prod(emulator, root, seed=5, drift=True)
    results = [importer_plan(emulator, "--config", str(stack_dir / "cdk.tf.json"), "--output-dir", str(root / f"run{i}"))
               for i in (1, 2)]
    return {"root": root, "stack_dir": stack_dir, "report": report, "results": results, "environ": environ,
            "plan": json.loads((root / "run1" / "plan.json").read_text())}


def test_plan_exits_2_and_is_identical_across_runs(prod):
    assert [r.returncode for r in prod["results"]] == [2, 2], prod["results"][0].stderr
    for name in ("plan.json", "report.md"):
        assert (prod["root"] / "run1" / name).read_text() == (prod["root"] / "run2" / name).read_text()


def test_every_resource_in_code_appears_exactly_once_with_the_live_id(prod):
    plan, report = prod["plan"], prod["report"]
    config = json.loads((prod["stack_dir"] / "cdk.tf.json").read_text())
    truth = {address: report.by_code_path()[path].import_id for path, address in address_by_code_path(config).items()}
    placed = [entry["address"] for entry in plan["managed"]]
    placed += [i["address"] for batch in plan["batches"] for i in batch["imports"]]
    placed += plan["create"] + [a["address"] for a in plan["ambiguous"]] + [b["address"] for b in plan["blocked"]]
    placed += plan["stale"] + [m["address"] for m in plan["id_mismatch"]] + plan["unsupported"]
    assert sorted(placed) == sorted(truth)
    assert plan["create"] == plan["stale"] == plan["ambiguous"] == plan["blocked"] == plan["id_mismatch"] == []
    imported = {i["address"]: i["id"] for batch in plan["batches"] for i in batch["imports"]}
    assert imported == {a: i for a, i in truth.items() if a in imported}
    assert len(plan["managed"]) == len([r for r in report.records if r.in_state]) == 30
    assert all(len(batch["imports"]) <= 25 for batch in plan["batches"])


def test_unmanaged_and_drifted_objects_are_reported(prod):
    plan, report = prod["plan"], prod["report"]
    unmanaged = {(u["type"], u["id"]) for u in plan["unmanaged"]}
    assert {(r.type, r.import_id) for r in report.records if r.unmanaged} <= unmanaged
    drift = {(d["attribute"], str(d["code"]), str(d["live"])) for d in plan["drift"]}
    assert ("retention_in_days", "90", "30") in drift
    assert ("visibility_timeout_seconds", "300", "120") in drift
    assert ("threshold", "500", "1000.0") in drift
    text = (prod["root"] / "run1" / "report.md").read_text()
    assert "```mermaid" in text and "## Unmanaged (live, not in code)" in text and "prod-retainwise-test-queue-old" in text


def test_resources_in_state_but_not_in_code_are_orphaned_not_dropped(prod, emulator, tmp_path):
    config = json.loads((prod["stack_dir"] / "cdk.tf.json").read_text())
    removed = sorted(f"aws_ecr_lifecycle_policy.{name}" for name in config["resource"].pop("aws_ecr_lifecycle_policy"))
    path = tmp_path / "main.tf.json"
    path.write_text(json.dumps(config))
    result = importer_plan(emulator, "--config", str(path), "--output-dir", str(tmp_path / "out"))
    assert result.returncode == 2, result.stderr
    plan = json.loads((tmp_path / "out" / "plan.json").read_text())
    assert plan["orphaned"] == removed


@pytest.mark.terraform
def test_import_batch_synthesis_keeps_exactly_the_clean_config_and_terraform_agrees(prod, emulator, tmp_path):
    (tmp_path / "imports" / "prod").mkdir(parents=True)
    (tmp_path / "imports" / "prod" / "plan.json").write_text(json.dumps(prod["plan"]))
    environ = {**prod["environ"], "IMPORT_BATCH": "1", "RETAINWISE_ENVIRONMENTS": "prod",
               "CDKTF_OUTDIR": str(tmp_path / "out"), "PYTHONPATH": str(PROJECT_ROOT)}
    run([sys.executable, str(PROJECT_ROOT / "main.py")], tmp_path, {**os.environ, **environ})
    stack_dir = tmp_path / "out" / "stacks" / "prod"
    config = json.loads((stack_dir / "cdk.tf.json").read_text())
    batch = prod["plan"]["batches"][0]["imports"]
    kept = {f"{t}.{n}" for t, instances in config["resource"].items() for n in instances}
    assert kept == {m["address"] for m in prod["plan"]["managed"]} | {i["address"] for i in batch}
    assert sorted((i["to"], i["id"]) for i in config["import"]) == sorted((i["address"], i["id"]) for i in batch)
    # verify derives the same batch config from the full JSON, without CDKTF
    derived = batch_config(json.loads((prod["stack_dir"] / "cdk.tf.json").read_text()),
                           ImportPlan.from_dict(prod["plan"]), 1)
    assert derived["resource"] == config["resource"]
    assert sorted((i["to"], i["id"]) for i in derived["import"]) == sorted((i["to"], i["id"]) for i in config["import"])
    run(["terraform", "init", "-input=false", "-no-color"], stack_dir, prod["environ"])
    run(["terraform", "plan", "-input=false", "-no-color", "-out=batch.tfplan"], stack_dir, prod["environ"])
    shown = json.loads(run(["terraform", "show", "-json", "batch.tfplan"], stack_dir, prod["environ"]).stdout)
    changes = resource_changes(shown)
    assert sorted(c.address for c in changes if c.importing_id) == sorted(i["address"] for i in batch)
    # The drift switch changed four settings by hand; the builder's report says which.
    addresses = address_by_code_path(json.loads((prod["stack_dir"] / "cdk.tf.json").read_text()))
    drifted = {(addresses[r.code_path], name) for r in prod["report"].records if r.drift
               for attribute in r.drift for name in (attribute.split(".")[0], "tags_all")}
    for change in changes:
        assert change.actions in (("no-op",), ("update",)), (change.address, change.actions)
        allowed = set(NOT_RESTORED.get(change.type, ()))
        allowed |= {attribute for address, attribute in drifted if address == change.address}
        assert {d.name for d in change.diffs if d.after != "(known after apply)"} <= allowed, change.address
