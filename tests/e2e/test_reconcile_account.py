"""Reconciliation of the hand-built prod account whose partial state an older hand-written project
wrote (its addresses: count, for_each, a module, a rename, two leftovers; drift on): moves,
orphans and imports, each object once; IMPORT_BATCH synthesis proven on the real Terraform."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from emulator.scenario.terraform_seed import address_by_code_path
from importer.ids import TfAddress
from importer.plan import ImportPlan
from importer.specs.facts import not_restored_by_type
from importer.state.reader import parse_state
from importer.verify.batch_config import batch_config
from importer.verify.changes import resource_changes
from importer.verify.gate import STATE_ONLY
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
    """The hand-built account with the legacy project's state and drift, its stack, the state as
    the backend holds it, and two runs of `plan`."""
    root = tmp_path_factory.mktemp("reconcile")
    stack_dir, environ, report = hand_built_prod(emulator, root, seed=5, drift=True, state_from="legacy")
    backend = json.loads((stack_dir / "cdk.tf.json").read_text())["terraform"]["backend"]["s3"]
    state_text = emulator.session().client("s3", endpoint_url=emulator.endpoint).get_object(
        Bucket=backend["bucket"], Key=backend["key"])["Body"].read().decode()
    results = [importer_plan(emulator, "--config", str(stack_dir / "cdk.tf.json"), "--output-dir", str(root / f"run{i}"))
               for i in (1, 2)]
    return {"root": root, "stack_dir": stack_dir, "report": report, "results": results, "environ": environ,
            "state": parse_state(state_text, "legacy state"),
            "plan": json.loads((root / "run1" / "plan.json").read_text())}


def _truth(prod) -> dict[str, str]:
    """Code address -> the live ID the builder made for it."""
    config = json.loads((prod["stack_dir"] / "cdk.tf.json").read_text())
    by_path = prod["report"].by_code_path()
    return {address: by_path[path].import_id for path, address in address_by_code_path(config).items()}


def test_plan_exits_2_and_is_identical_across_runs(prod):
    assert [r.returncode for r in prod["results"]] == [2, 2], prod["results"][0].stderr
    for name in ("plan.json", "report.md"):
        assert (prod["root"] / "run1" / name).read_text() == (prod["root"] / "run2" / name).read_text()


def test_every_resource_in_code_appears_exactly_once_with_the_live_id(prod):
    plan, truth = prod["plan"], _truth(prod)
    placed = [entry["address"] for entry in plan["managed"]] + [move["to"] for move in plan["moved"]]
    placed += [i["address"] for batch in plan["batches"] for i in batch["imports"]]
    placed += plan["create"] + [a["address"] for a in plan["ambiguous"]] + [b["address"] for b in plan["blocked"]]
    placed += plan["stale"] + [m["address"] for m in plan["id_mismatch"]] + plan["unsupported"]
    assert sorted(placed) == sorted(truth)
    assert plan["create"] == plan["stale"] == plan["ambiguous"] == plan["blocked"] == plan["id_mismatch"] == []
    imported = {i["address"]: i["id"] for batch in plan["batches"] for i in batch["imports"]}
    assert imported == {a: i for a, i in truth.items() if a in imported}
    assert plan["managed"] == []  # nothing in the state is at a stack address
    assert all(len(batch["imports"]) <= 25 for batch in plan["batches"])


def test_the_legacy_state_becomes_moves_from_every_address_form_and_orphans(prod):
    plan, report, truth = prod["plan"], prod["report"], _truth(prod)
    by_path = address_by_code_path(json.loads((prod["stack_dir"] / "cdk.tf.json").read_text()))
    held = [r for r in report.records if r.in_state]
    assert sorted(str(resource.address) for resource in prod["state"].resources) == sorted(r.state_address for r in held)
    expected = {(r.state_address, by_path[r.code_path], r.import_id) for r in held if r.code_path}
    assert {(m["from"], m["to"], m["id"]) for m in plan["moved"]} == expected
    assert all(truth[to] == id_ for _, to, id_ in expected)
    sources = [m["from"] for m in plan["moved"]]
    assert any(re.fullmatch(r"aws_\w+\.\w+\[\d+\]", a) for a in sources)  # count
    assert any(re.fullmatch(r'aws_\w+\.\w+\["[^"]+"\]', a) for a in sources)  # for_each
    assert any(a.startswith("module.") for a in sources)  # a resource in a module
    assert any(re.fullmatch(r"aws_\w+\.\w+", a) for a in sources)  # a plain rename
    orphans = {(o["address"], o["id"]): (o["live"], o["decision"]) for o in plan["orphaned"]}
    assert orphans == {(r.state_address, r.import_id): (True, "keep") for r in held if not r.code_path}
    assert any(address.startswith("module.") for address, _ in orphans) and len(orphans) == 2
    assert plan["summary"]["moved"] == len(expected) == 14 and plan["summary"]["orphaned"] == 2


def test_nothing_any_state_address_holds_is_imported_again(prod):
    holders = prod["state"].holders()
    imports = [(i["address"], i["id"]) for batch in prod["plan"]["batches"] for i in batch["imports"]]
    assert imports and not [(a, i) for a, i in imports if (str(TfAddress.parse(a).type), i) in holders]
    # (the ECR repositories' names are also their lifecycle policies' IDs: another type, another object)


def test_unmanaged_and_drifted_objects_are_reported(prod):
    plan, report = prod["plan"], prod["report"]
    unmanaged = {(u["type"], u["id"]) for u in plan["unmanaged"]}
    assert {(r.type, r.import_id) for r in report.records if r.unmanaged and not r.in_state} <= unmanaged
    assert not {(r.type, r.import_id) for r in report.records if r.in_state} & unmanaged  # held: orphans
    drift = {(d["attribute"], str(d["code"]), str(d["live"])) for d in plan["drift"]}
    assert ("retention_in_days", "90", "30") in drift
    assert ("visibility_timeout_seconds", "300", "120") in drift
    assert ("threshold", "500", "1000.0") in drift
    text = (prod["root"] / "run1" / "report.md").read_text()
    assert "```mermaid" in text and "## Unmanaged (live, not in code)" in text and "prod-retainwise-test-queue-old" in text


@pytest.mark.terraform
def test_import_batch_synthesis_keeps_exactly_the_clean_config_and_terraform_agrees(prod, emulator, tmp_path):
    (tmp_path / "imports" / "prod").mkdir(parents=True)
    decided = {**prod["plan"], "orphaned": [{**o, "decision": "forget"} for o in prod["plan"]["orphaned"]]}
    (tmp_path / "imports" / "prod" / "plan.json").write_text(json.dumps(decided))  # as `plan --forget` writes it
    environ = {**prod["environ"], "IMPORT_BATCH": "1", "RETAINWISE_ENVIRONMENTS": "prod",
               "CDKTF_OUTDIR": str(tmp_path / "out"), "PYTHONPATH": str(PROJECT_ROOT)}
    run([sys.executable, str(PROJECT_ROOT / "main.py")], tmp_path, {**os.environ, **environ})
    stack_dir = tmp_path / "out" / "stacks" / "prod"
    config = json.loads((stack_dir / "cdk.tf.json").read_text())
    batch = prod["plan"]["batches"][0]["imports"]
    kept = {f"{t}.{n}" for t, instances in config["resource"].items() for n in instances}
    moved = {m["to"] for m in prod["plan"]["moved"]}
    assert kept == {m["address"] for m in prod["plan"]["managed"]} | moved | {i["address"] for i in batch}
    assert sorted((i["to"], i["id"]) for i in config["import"]) == sorted((i["address"], i["id"]) for i in batch)
    assert sorted((m["from"], m["to"]) for m in config["moved"]) == sorted((m["from"], m["to"]) for m in prod["plan"]["moved"])
    assert sorted(r["from"] for r in config["removed"]) == sorted(TfAddress.parse(o["address"]).unkeyed
                                                                   for o in prod["plan"]["orphaned"])
    # verify derives the same batch config from the full JSON, without CDKTF
    derived = batch_config(json.loads((prod["stack_dir"] / "cdk.tf.json").read_text()),
                           ImportPlan.from_dict(decided), 1)
    assert derived["resource"] == config["resource"]
    assert sorted((i["to"], i["id"]) for i in derived["import"]) == sorted((i["to"], i["id"]) for i in config["import"])
    run(["terraform", "init", "-input=false", "-no-color"], stack_dir, prod["environ"])
    run(["terraform", "plan", "-input=false", "-no-color", "-out=batch.tfplan"], stack_dir, prod["environ"])
    shown = json.loads(run(["terraform", "show", "-json", "batch.tfplan"], stack_dir, prod["environ"]).stdout)
    changes = resource_changes(shown)
    assert sorted(c.address for c in changes if c.importing_id) == sorted(i["address"] for i in batch)
    assert {(c.previous_address, c.address) for c in changes if c.previous_address} == \
        {(m["from"], m["to"]) for m in prod["plan"]["moved"]}
    assert sorted(c.address for c in changes if c.actions == ("forget",)) == \
        sorted(o["address"] for o in prod["plan"]["orphaned"])
    # The drift switch changed four settings by hand; the builder's report says which.
    addresses = address_by_code_path(json.loads((prod["stack_dir"] / "cdk.tf.json").read_text()))
    drifted = {(addresses[r.code_path], name) for r in prod["report"].records if r.drift
               for attribute in r.drift for name in (attribute.split(".")[0], "tags_all")}
    for change in (c for c in changes if c.actions != ("forget",)):
        assert change.actions in (("no-op",), ("update",)), (change.address, change.actions)
        allowed = set(NOT_RESTORED.get(change.type, ()))
        allowed |= {attribute for address, attribute in drifted if address == change.address}
        assert {d.name for d in change.diffs if d.after != "(known after apply)"} <= allowed, change.address
