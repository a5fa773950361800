"""Adopt a state another project wrote, end to end on the real Terraform: a hand-written "legacy"
project (a ``count`` resource, a ``for_each`` resource whose keys hold dots, a local module, a
resource the new code renames, one the new code drops) creates the objects with its own local
state; the new code describes them at other root addresses, plus objects made by hand since.
plan -> moves, one orphan, imports; verify refuses while the orphan is "keep"; decided "forget",
verify is clean; apply every batch; the full plan is empty, a second plan has nothing to do, and
the state holds each live object exactly once (the forgotten one stays live). The legacy project
tags its objects itself, the new code through the provider's default_tags: after a move only the
state's ``tags`` differ (``tags_all`` is the same), which the gate accepts as state-only, and the
apply of batch 1 sends AWS no mutating request (the emulator's recorder)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from emulator import recording
from importer.state.reader import parse_state
from tests.tools import PROJECT_ROOT, run, terraform_environment

pytestmark = pytest.mark.terraform

PROVIDER = {"aws": [{"region": "us-east-1", "skip_credentials_validation": True, "skip_metadata_api_check": "true",
                     "max_retries": 2}]}
GROUPS = {"app.v1": "/ad/app.v1", "api.v2": "/ad/api.v2"}


TAGS = {"owner": "platform"}
NEW_PROVIDER = {"aws": [{**PROVIDER["aws"][0], "default_tags": [{"tags": TAGS}]}]}


def queue(name: str, tags: dict | None = None) -> dict:
    return {"name": name, "visibility_timeout_seconds": 30, "max_message_size": 262144, **({"tags": tags} if tags else {})}


LEGACY = {
    "provider": PROVIDER,
    "resource": {
        "aws_sqs_queue": {"workers": {**queue("ad-worker-${count.index}", TAGS), "count": 2},
                          "legacy_jobs": queue("ad-jobs", TAGS), "old": queue("ad-old", TAGS)},
        "aws_cloudwatch_log_group": {"groups": {"for_each": GROUPS, "name": "${each.value}", "tags": TAGS}},
    },
    "module": {"queue": {"source": "./modules/queue", "queue_name": "ad-module-queue"}},
}
MODULE = {"variable": {"queue_name": {"type": "string"}},
          "resource": {"aws_sqs_queue": {"this": {**queue("${var.queue_name}", TAGS)}}}}
# legacy address -> the new code's address
MOVES = {"aws_sqs_queue.workers[0]": "aws_sqs_queue.worker_a", "aws_sqs_queue.workers[1]": "aws_sqs_queue.worker_b",
         'aws_cloudwatch_log_group.groups["app.v1"]': "aws_cloudwatch_log_group.app",
         'aws_cloudwatch_log_group.groups["api.v2"]': "aws_cloudwatch_log_group.api",
         "module.queue.aws_sqs_queue.this": "aws_sqs_queue.module_queue",
         "aws_sqs_queue.legacy_jobs": "aws_sqs_queue.jobs"}
FRESH = ("ad-fresh-1", "ad-fresh-2")  # made by hand since; only the new code describes them


def new_code(state_path) -> dict:
    """Flat Terraform JSON at other root addresses; the legacy state stays where it is."""
    return {"provider": NEW_PROVIDER, "terraform": {"backend": {"local": {"path": str(state_path)}}}, "resource": {
        "aws_sqs_queue": {"worker_a": queue("ad-worker-0"), "worker_b": queue("ad-worker-1"),
                          "module_queue": queue("ad-module-queue"), "jobs": queue("ad-jobs"),
                          "fresh_1": queue(FRESH[0]), "fresh_2": queue(FRESH[1])},
        "aws_cloudwatch_log_group": {"app": {"name": GROUPS["app.v1"]}, "api": {"name": GROUPS["api.v2"]}}}}


def importer(env, *args):
    return subprocess.run([sys.executable, "-m", "importer", *args], cwd=PROJECT_ROOT, env=env, capture_output=True,
                          text=True, timeout=1200)


@pytest.fixture(scope="module")
def adopted(emulator, tmp_path_factory):
    """The legacy project applied with the real Terraform, the hand-made queues, the new code."""
    root = tmp_path_factory.mktemp("adopt")
    emulator.reset()
    tf_env = {**terraform_environment(root), **emulator.environment()}
    legacy = root / "legacy"
    (legacy / "modules" / "queue").mkdir(parents=True)
    (legacy / "main.tf.json").write_text(json.dumps(LEGACY, indent=1))
    (legacy / "modules" / "queue" / "main.tf.json").write_text(json.dumps(MODULE, indent=1))
    started = time.perf_counter()
    run(["terraform", "init", "-input=false", "-no-color"], legacy, tf_env)
    run(["terraform", "apply", "-auto-approve", "-input=false", "-no-color"], legacy, tf_env)
    legacy_seconds = time.perf_counter() - started
    sqs = emulator.client("sqs")
    for name in FRESH:
        sqs.create_queue(QueueName=name, Attributes={"VisibilityTimeout": "30", "MaximumMessageSize": "262144"},
                         tags=TAGS)
    new = root / "new"
    new.mkdir()
    (new / "main.tf.json").write_text(json.dumps(new_code(legacy / "terraform.tfstate"), indent=1))
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")} | tf_env
    return {"root": root, "legacy": legacy, "new": new, "env": env, "tf_env": tf_env, "emulator": emulator,
            "state": legacy / "terraform.tfstate", "legacy_seconds": legacy_seconds,
            "config": ["--config", str(new / "main.tf.json"), "--output-dir", str(root / "out")]}


def test_a_foreign_state_is_adopted_with_moves_forgets_and_imports(adopted):
    env, config, out, state_path = adopted["env"], adopted["config"], adopted["root"] / "out", adopted["state"]
    timings = {"legacy project apply": adopted["legacy_seconds"]}
    legacy_state = parse_state(state_path.read_text(), str(state_path))
    assert {str(r.address) for r in legacy_state.resources} == set(MOVES) | {"aws_sqs_queue.old"}

    started = time.perf_counter()
    planned = importer(env, "plan", *config, "--state", str(state_path), "--batch-size", "1")
    timings["plan"] = time.perf_counter() - started
    assert planned.returncode == 2, planned.stdout + planned.stderr
    plan = json.loads((out / "plan.json").read_text())
    ids = legacy_state.ids()
    assert sorted((m["from"], m["to"], m["id"]) for m in plan["moved"]) == sorted(
        (source, target, ids[source]) for source, target in MOVES.items())
    assert [(o["address"], o["decision"]) for o in plan["orphaned"]] == [("aws_sqs_queue.old", "keep")]
    imports = [i["address"] for batch in plan["batches"] for i in batch["imports"]]
    assert sorted(imports) == ["aws_sqs_queue.fresh_1", "aws_sqs_queue.fresh_2"] and len(plan["batches"]) == 2

    refused = importer(env, "verify", *config, "--state", str(state_path))
    lines = [line for line in refused.stderr.splitlines() if line.strip()]
    assert refused.returncode == 1 and len(lines) == 1, refused.stdout + refused.stderr
    assert 'set "decision": "forget" for aws_sqs_queue.old in plan.json' in lines[0] and "plan.json" in lines[0]
    assert not (out / "verify.json").exists()

    plan["orphaned"][0]["decision"] = "forget"  # the user's decision, by editing plan.json
    (out / "plan.json").write_text(json.dumps(plan, indent=2))
    state_text = state_path.read_text()
    started = time.perf_counter()
    verified = importer(env, "verify", *config, "--state", str(state_path))
    timings["verify"] = time.perf_counter() - started
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert state_path.read_text() == state_text  # verify only read the real state
    result = json.loads((out / "verify.json").read_text())
    assert result["clean"] and result["final"]["clean"] and result["final"]["changes"] == []
    first, second = result["batches"]
    assert (first["counts"]["move"], first["counts"]["forget"], first["counts"]["import"]) == (6, 1, 1)
    moved_tags = [f for v in first["verdicts"] if v["kind"] != "forget" for f in v["findings"]]
    assert len(moved_tags) == 6 and {(f["attribute"], f["kind"]) for f in moved_tags} == {("tags", "state-only")}
    assert second["counts"] == {"import": 1}
    assert {(v["previous_address"], v["address"]) for v in first["verdicts"] if v.get("previous_address")} == set(
        MOVES.items())  # each a move whose only difference is the state's own tags (state-only)
    assert [v["address"] for v in first["verdicts"] if v["kind"] == "forget"] == ["aws_sqs_queue.old"]
    report = (out / "report.md").read_text()
    assert "### Moves and forgets" in report and "forgotten (AWS keeps it)" in report

    started = time.perf_counter()
    recording.start(adopted["emulator"].endpoint)
    applied = importer(env, "apply", *config, "--batch", "1")
    calls = recording.stop_and_read(adopted["emulator"].endpoint)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert calls and [c for c in calls if c.mutating] == []  # moves, their tags, the forget, the import: state only
    assert "batch 1: 1 imports applied, 6 moves, 1 forgets" in applied.stdout
    after_first = parse_state(state_path.read_text(), "state").fingerprint()["resources"]
    assert after_first == second["state_before"]["resources"]  # the state verify predicted for batch 2
    again = importer(env, "apply", *config, "--batch", "1")
    assert again.returncode == 0 and "nothing to do" in again.stdout, again.stdout + again.stderr
    timings["apply both batches"] = time.perf_counter() - started

    started = time.perf_counter()  # verify again half-way, batch by batch: batch 1 is done, batch 2 planned alone
    halfway = importer(env, "verify", *config, "--per-batch")
    timings["verify --per-batch after batch 1"] = time.perf_counter() - started
    assert halfway.returncode == 0, halfway.stdout + halfway.stderr
    result = json.loads((out / "verify.json").read_text())
    assert [{k: n for k, n in b["counts"].items() if k != "no-op"} for b in result["batches"]] == [
        {"in state": 1}, {"import": 1}] and result["plans_run"] == 2  # no-ops: the moved resources, in state now
    assert result["batches"][1]["state_before"]["resources"] == after_first

    started = time.perf_counter()
    applied = importer(env, "apply", *config, "--batch", "2")
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert "batch 2: 1 imports applied" in applied.stdout and "moves" not in applied.stdout
    timings["apply both batches"] += time.perf_counter() - started

    new, tf_env = adopted["new"], adopted["tf_env"]
    started = time.perf_counter()
    run(["terraform", "init", "-input=false", "-no-color"], new, tf_env)
    final = subprocess.run(["terraform", "plan", "-input=false", "-no-color", "-detailed-exitcode"], cwd=new,
                           env=tf_env, capture_output=True, text=True, timeout=600)
    timings["final terraform plan"] = time.perf_counter() - started
    assert final.returncode == 0, final.stdout[-3000:] + final.stderr[-3000:]

    started = time.perf_counter()
    replanned = importer(env, "plan", "--config", str(new / "main.tf.json"), "--output-dir",
                         str(adopted["root"] / "replan"))
    timings["second plan"] = time.perf_counter() - started
    assert replanned.returncode == 0, replanned.stdout + replanned.stderr
    second_plan = json.loads((adopted["root"] / "replan" / "plan.json").read_text())
    assert not any(batch["imports"] for batch in second_plan["batches"])
    assert second_plan["moved"] == [] and second_plan["orphaned"] == [] and second_plan["ambiguous"] == []
    assert len(second_plan["managed"]) == 8

    final_state = parse_state(state_path.read_text(), str(state_path))
    held = [(str(r.type), r.id) for r in final_state.resources]
    assert len(held) == len(set(held)) == 8  # each live object at exactly one address
    assert {str(r.address) for r in final_state.resources} == set(MOVES.values()) | {
        "aws_sqs_queue.fresh_1", "aws_sqs_queue.fresh_2"}
    assert ids["aws_sqs_queue.old"] not in {r.id for r in final_state.resources}
    sqs = adopted["emulator"].client("sqs")
    assert sqs.get_queue_url(QueueName="ad-old")["QueueUrl"]  # forgotten, not destroyed
    print("adopt-foreign-state seconds: " + ", ".join(f"{step} {seconds:.1f}" for step, seconds in timings.items()))
