"""The whole story on the hand-built prod account: plan, verify every batch clean on a sandbox
copy of the state (the real state untouched), apply every batch for real, and end with a full
plan that has no changes; plus every refusal of `apply` for bad input."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from emulator import recording
from stacks.config import PROD
from tests.tools import PROJECT_ROOT, hand_built_prod, run

pytestmark = pytest.mark.terraform


def importer(env, *args):
    return subprocess.run([sys.executable, "-m", "importer", *args], cwd=PROJECT_ROOT, env=env, capture_output=True,
                          text=True, timeout=1200)


@pytest.fixture(scope="module")
def story(emulator, tmp_path_factory):
    """Account with 30 resources in state; plan and verify done; verify's requests recorded."""
    root = tmp_path_factory.mktemp("story")
    stack_dir, tf_env, _ = hand_built_prod(emulator, root, seed=3)
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")} | tf_env
    config = ["--config", str(stack_dir / "cdk.tf.json"), "--output-dir", str(root / "imports")]
    planned = importer(env, "plan", *config)
    s3 = emulator.client("s3")
    before = s3.get_object(Bucket=PROD.state_bucket, Key=PROD.state_key)["Body"].read()
    recording.start(emulator.endpoint)
    verified = importer(env, "verify", *config)
    calls = recording.stop_and_read(emulator.endpoint)
    after = s3.get_object(Bucket=PROD.state_bucket, Key=PROD.state_key)["Body"].read()
    return {"root": root, "stack_dir": stack_dir, "env": env, "config": config, "planned": planned,
            "verified": verified, "calls": calls, "state_before": before, "state_after": after}


def test_verify_accepts_every_batch_and_the_final_plan_is_empty(story):
    assert story["planned"].returncode == 2, story["planned"].stderr
    assert story["verified"].returncode == 0, story["verified"].stdout + story["verified"].stderr
    result = json.loads((story["root"] / "imports" / "verify.json").read_text())
    plan = json.loads((story["root"] / "imports" / "plan.json").read_text())
    assert result["clean"] and result["final"]["clean"] and len(result["batches"]) == len(plan["batches"])
    imported = sum(b["counts"].get("import", 0) + b["counts"].get("state-only", 0) for b in result["batches"])
    assert imported == sum(len(b["imports"]) for b in plan["batches"])
    state_only = [f for b in result["batches"] for v in b["verdicts"] for f in v["findings"]]
    assert state_only and {f["kind"] for f in state_only} == {"state-only"}
    assert "## Verification on a sandbox copy of the state" in (story["root"] / "imports" / "report.md").read_text()


def _judged(result):
    """Per batch: accepted, counts of changes (no-ops differ: per batch, earlier batches are in state) and verdicts."""
    return [(b["index"], b["accepted"], {k: n for k, n in b["counts"].items() if k != "no-op"}, sorted(
        (v["address"], v["status"], v["kind"], tuple(sorted(f["attribute"] for f in v["findings"])))
        for v in b["verdicts"])) for b in result["batches"]]


def test_per_batch_procedure_judges_every_batch_as_the_combined_plan_does(story):
    per_batch_dir = story["root"] / "per-batch"
    per_batch_dir.mkdir()
    shutil.copy(story["root"] / "imports" / "plan.json", per_batch_dir / "plan.json")
    verified = importer(story["env"], "verify", "--per-batch", "--config", story["config"][1],
                        "--output-dir", str(per_batch_dir))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    combined = json.loads((story["root"] / "imports" / "verify.json").read_text())
    per_batch = json.loads((per_batch_dir / "verify.json").read_text())
    assert (combined["mode"], per_batch["mode"]) == ("combined", "per-batch")
    assert combined["plans_run"] == 2 and per_batch["plans_run"] == len(per_batch["batches"]) + 1
    assert _judged(per_batch) == _judged(combined)
    for mine, theirs in zip(combined["batches"], per_batch["batches"]):  # what apply checks against
        assert (mine["state_before"]["lineage"], mine["state_before"]["resources"]) == \
               (theirs["state_before"]["lineage"], theirs["state_before"]["resources"])
    assert per_batch["final"]["clean"] and combined["final"]["clean"]


def test_verify_never_touches_the_real_state_nor_changes_aws(story):
    assert story["state_after"] == story["state_before"]  # byte-identical: same serial and lineage
    assert story["calls"], "the recorder saw the imports' reads"
    writes = sorted({f"{c.service}:{c.operation}" for c in story["calls"] if c.mutating})
    assert writes == []  # sandbox applies of imports and state-only updates send no write


def test_apply_refuses_a_config_changed_since_verify(story, tmp_path):
    config = json.loads((story["stack_dir"] / "cdk.tf.json").read_text())
    queue = next(iter(config["resource"]["aws_sqs_queue"].values()))
    queue["visibility_timeout_seconds"] = 31
    changed = tmp_path / "cdk.tf.json"
    changed.write_text(json.dumps(config))
    result = importer(story["env"], "apply", "--config", str(changed), "--output-dir", str(story["root"] / "imports"),
                      "--batch", "1")
    assert result.returncode == 1 and "changed since verify" in result.stderr


def test_apply_every_batch_then_nothing_is_left_to_do(story, emulator):
    env, config = story["env"], story["config"]
    plan = json.loads((story["root"] / "imports" / "plan.json").read_text())
    count = len(plan["batches"])
    refused = importer(env, "apply", *config, "--batch", str(count + 1))
    assert refused.returncode == 1 and f"batch {count + 1} does not exist" in refused.stderr
    if count > 1:
        early = importer(env, "apply", *config, "--batch", "2")
        assert early.returncode == 1 and "not the one verify planned batch 2 against" in early.stderr
    s3 = emulator.client("s3")
    s3.put_object(Bucket=PROD.state_bucket, Key=f"{PROD.state_key}.tflock", Body=b'{"Who": "alice@laptop"}')
    locked = importer(env, "apply", *config, "--batch", "1")
    assert locked.returncode == 1 and "alice@laptop" in locked.stderr
    s3.delete_object(Bucket=PROD.state_bucket, Key=f"{PROD.state_key}.tflock")
    for batch in range(1, count + 1):
        applied = importer(env, "apply", *config, "--batch", str(batch))
        assert applied.returncode == 0, applied.stderr
        assert f"batch {batch}: {len(plan['batches'][batch - 1]['imports'])} imports applied" in applied.stdout
    again = importer(env, "apply", *config, "--batch", str(count))
    assert again.returncode == 0 and "nothing to do" in again.stdout
    backups = sorted((story["root"] / "imports" / "backups").iterdir())
    assert len(backups) == count
    stack_dir = story["stack_dir"]
    run(["terraform", "init", "-input=false", "-no-color"], stack_dir, env)
    final = subprocess.run(["terraform", "plan", "-input=false", "-no-color", "-detailed-exitcode"], cwd=stack_dir,
                           env=env, capture_output=True, text=True, timeout=600)
    assert final.returncode == 0, final.stdout[-3000:]
    replanned = importer(env, "plan", *config[:2], "--output-dir", str(story["root"] / "replan"))
    assert replanned.returncode == 0, replanned.stderr
    summary = json.loads((story["root"] / "replan" / "plan.json").read_text())["summary"]
    assert summary["import"] == 0 and summary["managed"] == 173
