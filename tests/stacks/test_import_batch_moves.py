"""IMPORT_BATCH with moves and forgets: main.py synthesizes, through CDKTF itself (``move_from_id``
on the target construct, the stack's ``add_override`` for ``removed``), exactly the config that
``importer.verify.batch_config.batch_config`` derives without CDKTF; a hand-edited plan that
imports an object a state entry holds is refused in one line before anything is built."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cdktf import App, TerraformStack

from importer.ids import TfAddress
from importer.plan import FORGET, KEEP, ImportPlan, Managed, Move, Orphan, PlannedImport
from importer.specs import registry
from importer.verify.batch_config import batch_config
from stacks.import_selection import SelectionError, apply_import_batch
from tests.tools import PROJECT_ROOT, run, terraform_environment


def _without_metadata(value):
    if isinstance(value, dict):
        return {key: _without_metadata(item) for key, item in value.items() if key != "//"}
    if isinstance(value, list):
        return [_without_metadata(item) for item in value]
    return value


def _addresses(stack: dict) -> list[str]:
    return [f"{t}.{n}" for t, instances in stack.get("resource", {}).items() for n in instances]


def _unreferenced(stack: dict) -> list[str]:
    """Resources nothing else in the stack names (leaving one out never dangles a reference)."""
    found = []
    for address in _addresses(stack):
        type_name, name = address.split(".", 1)
        others = {**stack, "resource": {**stack["resource"], type_name: {
            other: body for other, body in stack["resource"][type_name].items() if other != name}}}
        if not re.search(rf"\b{re.escape(address)}\b", json.dumps(_without_metadata(others))):
            found.append(address)
    return found


def _legacy(address: str, suffix: str, key: str) -> str:
    """The address an older project gave a resource: inside a keyed module, with an instance key."""
    parsed = TfAddress.parse(address)
    return f'module.legacy["a"].{parsed.type}.{parsed.name}_{suffix}{key}'


def build_plan(name: str, stack: dict) -> ImportPlan:
    """A plan for ``stack`` with every kind of entry IMPORT_BATCH must honour: managed resources, a
    move into the code, two batches, a resource to create, orphans forgotten and one kept."""
    specs = registry()
    addresses = sorted(_addresses(stack))
    importable = [a for a in addresses if a.split(".")[0] in specs]
    leaves = [a for a in _unreferenced(stack) if a in importable]
    assert len(leaves) >= 2 and len(importable) >= 4, "the stack is too small for this test"
    later, create = leaves[0], leaves[1]
    moved_to, first = [a for a in importable if a not in (later, create)][:2]
    ids = {address: f"{address.split('.')[0]}-id-{number}" for number, address in enumerate(addresses)}
    forgotten = _legacy(first, "gone", "[0]")
    return ImportPlan(
        stack=name,
        batches=[[PlannedImport(first, first.split(".")[0], ids[first])],
                 [PlannedImport(later, later.split(".")[0], ids[later])]],
        managed=[Managed(a, ids[a]) for a in addresses if a not in (later, create, moved_to, first)],
        moved=[Move(_legacy(moved_to, "old", "[0]"), moved_to, ids[moved_to])],
        create=[create],
        orphaned=[Orphan(forgotten, "legacy-1", True, FORGET),
                  Orphan(forgotten.replace("[0]", "[1]"), "legacy-2", True, FORGET),
                  Orphan(_legacy(create, "kept", ""), "legacy-3", True, KEEP)],
    )


def _load_main():
    spec = importlib.util.spec_from_file_location("retainwise_main", PROJECT_ROOT / "main.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _env_name(synthesized) -> str:
    return min(synthesized, key=lambda env: len(_addresses(synthesized[env])))


@pytest.fixture(scope="module")
def planned(synthesized):
    name = _env_name(synthesized)
    return name, build_plan(name, synthesized[name])


def _synthesize_batch(name: str, plan: ImportPlan, batch: int, root: Path, monkeypatch) -> Path:
    """Run main.py in process with IMPORT_BATCH=batch in ``root`` holding the plan; the stack directory."""
    (root / "imports" / name).mkdir(parents=True)
    (root / "imports" / name / "plan.json").write_text(plan.to_json())
    monkeypatch.chdir(root)
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)  # the settings the synthesized fixture used
    for key, value in {"IMPORT_BATCH": str(batch), "RETAINWISE_ENVIRONMENTS": name,
                       "CDKTF_OUTDIR": str(root / "out")}.items():
        monkeypatch.setenv(key, value)
    _load_main().main()
    return root / "out" / "stacks" / name


@pytest.mark.parametrize("batch", [1, 2])
def test_import_batch_synthesizes_what_batch_config_derives(synthesized, planned, batch, tmp_path, monkeypatch,
                                                            capsys):
    name, plan = planned
    stack_dir = _synthesize_batch(name, plan, batch, tmp_path, monkeypatch)
    assert f"{name}: import batch {batch}: 1 imports, 1 moves, 1 forgets" in capsys.readouterr().err
    synthesized_batch = json.loads((stack_dir / "cdk.tf.json").read_text())
    derived = batch_config(synthesized[name], ImportPlan.from_dict(json.loads(plan.to_json())), batch)

    assert _without_metadata(synthesized_batch) == _without_metadata(derived)
    # and what that is, spelled out: the moved target kept and moved from the legacy address, the
    # forgotten resource named once without keys, the kept orphan not forgotten, this batch imported
    move, = plan.moved
    assert synthesized_batch["moved"] == [{"from": move.from_, "to": move.to}]
    assert synthesized_batch["removed"] == [{"from": TfAddress.parse(plan.forgets[0].address).unkeyed,
                                            "lifecycle": {"destroy": False}}]
    assert synthesized_batch["removed"][0]["from"].startswith('module.legacy.')
    imported = plan.batches[batch - 1][0]
    assert synthesized_batch["import"] == [{"to": imported.address, "id": imported.id}]
    kept = set(_addresses(synthesized_batch))
    assert move.to in kept and plan.create[0] not in kept
    assert (plan.batches[1][0].address in kept) == (batch == 2)


@pytest.mark.terraform
def test_terraform_accepts_the_moved_and_removed_blocks(planned, tmp_path, monkeypatch):
    name, plan = planned
    environ = terraform_environment(tmp_path)
    stack_dir = _synthesize_batch(name, plan, 1, tmp_path, monkeypatch)
    run(["terraform", "init", "-backend=false", "-input=false", "-no-color"], stack_dir, environ)
    assert "The configuration is valid" in run(["terraform", "validate", "-no-color"], stack_dir, environ).stdout


def _stack_with_two_queues():
    from cdktf_cdktf_provider_aws.provider import AwsProvider
    from cdktf_cdktf_provider_aws.sqs_queue import SqsQueue

    stack = TerraformStack(App(), "unit")
    AwsProvider(stack, "aws", region="us-east-1")
    SqsQueue(stack, "jobs", name="jobs")
    SqsQueue(stack, "mail", name="mail")
    return stack


@pytest.mark.parametrize("blocks, names", [
    ({"moved": [{"from": "aws_sqs_queue.old", "to": "aws_sqs_queue.absent"}]}, "aws_sqs_queue.absent"),
    ({"removed": [{"from": "aws_sqs_queue.jobs", "lifecycle": {"destroy": False}}]}, "forgets resources"),
])
def test_a_move_or_forget_the_stack_cannot_carry_is_refused(blocks, names):
    stack = _stack_with_two_queues()
    with pytest.raises(SelectionError, match=re.escape(names)):
        apply_import_batch(stack, {"aws_sqs_queue.jobs", "aws_sqs_queue.mail"}, {}, blocks)


def _snapshot(root: Path) -> dict[str, str]:
    return {str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("holder", ["managed", "moved", "orphaned"])
def test_a_hand_edited_import_of_a_held_object_is_one_line_and_nothing_written(planned, holder, tmp_path):
    name, plan = planned
    document = json.loads(plan.to_json())
    entry = document[holder][0]
    held, held_id = entry.get("address", entry.get("from")), entry["id"]
    held_type = str(TfAddress.parse(held).type)
    # the edit: import the held object again, at a new address of its type
    document["batches"][0]["imports"].append({"address": f"{held_type}.hand_edit", "type": held_type,
                                              "id": held_id, "depends_on": [], "matched_by": "hand edit"})
    plan_file = tmp_path / "imports" / name / "plan.json"
    plan_file.parent.mkdir(parents=True)
    plan_file.write_text(json.dumps(document))
    environ = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    environ.setdefault("JSII_NODE", str(PROJECT_ROOT / "node_modules" / ".bin" / "node"))
    environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")
    environ.update(IMPORT_BATCH="1", RETAINWISE_ENVIRONMENTS=name, CDKTF_OUTDIR=str(tmp_path / "out"),
                   PYTHONPATH=str(PROJECT_ROOT))
    before = _snapshot(tmp_path)
    result = subprocess.run([sys.executable, str(PROJECT_ROOT / "main.py")], cwd=tmp_path, env=environ,
                            capture_output=True, text=True, timeout=300)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 1, result.stdout + result.stderr
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"imports/{name}/plan.json" in lines[0] and held in lines[0] and repr(held_id) in lines[0], lines[0]
    assert _snapshot(tmp_path) == before and not (tmp_path / "out").exists()
