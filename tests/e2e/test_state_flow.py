"""The verify/apply flow on small hand-written configs, from an account with no state at all:
an S3 backend whose state object does not exist yet, and a config with no backend (local state
beside the config). Every batch is applied from one verify, verify is run again half-way and
the rest applied from it, outputs reference resources of every batch and of the create set, and
the planned creates are told apart from unexpected changes."""

from __future__ import annotations

import copy
import json
import os
import stat
import subprocess
import sys

import pytest

from importer.state.reader import parse_state
from tests.tools import PROJECT_ROOT, run, terraform_environment

pytestmark = pytest.mark.terraform

STATE_BUCKET = "sf-state"
TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
PROVIDER = {"aws": [{"region": "us-east-1", "skip_credentials_validation": True, "skip_metadata_api_check": "true",
                     "s3_use_path_style": True, "max_retries": 2}]}
S3_BACKEND = {"s3": {"bucket": STATE_BUCKET, "key": "flow/terraform.tfstate", "region": "us-east-1",
                     "use_lockfile": True, "skip_credentials_validation": True, "skip_requesting_account_id": True,
                     "skip_metadata_api_check": True, "skip_region_validation": True, "use_path_style": True}}
QUEUES, PARAMETERS, ROLES = ("a", "b", "c", "d"), ("a", "c"), ("app", "worker")


def build(emulator, prefix: str) -> None:
    """What a person made by hand: four queues, two String parameters holding queue URLs, two roles."""
    sqs, ssm, iam = emulator.client("sqs"), emulator.client("ssm"), emulator.client("iam")
    urls = {name: sqs.create_queue(QueueName=f"{prefix}-{name}", Attributes={"MaximumMessageSize": "262144"})[
        "QueueUrl"] for name in QUEUES}
    for name in PARAMETERS:
        ssm.put_parameter(Name=f"/{prefix}/{name}-url", Type="String", Value=urls[name])
    for name in ROLES:
        iam.create_role(RoleName=f"{prefix}-{name}", AssumeRolePolicyDocument=TRUST)


def config(prefix: str, backend: dict | None, create: bool) -> dict:
    """The code for that account; an output on every resource (and a local on two batches)."""
    resources = {
        "aws_sqs_queue": {name: {"name": f"{prefix}-{name}", "max_message_size": 262144} for name in QUEUES},
        "aws_ssm_parameter": {f"{name}_url": {"name": f"/{prefix}/{name}-url", "type": "String",
                                              "value": f"${{aws_sqs_queue.{name}.url}}"} for name in PARAMETERS},
        "aws_iam_role": {name: {"name": f"{prefix}-{name}", "assume_role_policy": TRUST} for name in ROLES},
    }
    if create:  # new code: not live yet
        resources["aws_sqs_queue"]["fresh"] = {"name": f"{prefix}-fresh", "max_message_size": 262144}
    outputs = {f"{type_name}_{name}": {"value": f"${{{type_name}.{name}.arn}}"}
               for type_name, instances in resources.items() for name in instances}
    outputs["urls"] = {"value": "${local.urls}", "sensitive": True}  # a parameter's value is sensitive
    document = {"provider": copy.deepcopy(PROVIDER), "resource": resources, "output": outputs,
                "locals": {"urls": "${aws_sqs_queue.a.url} ${aws_ssm_parameter.c_url.value} ${aws_iam_role.app.id}"}}
    if backend:
        document["terraform"] = {"backend": backend}
    return document


@pytest.fixture(scope="module")
def account(emulator, tmp_path_factory):
    """Both hand-built accounts (one per story, by name prefix) and the environment of the CLI."""
    root = tmp_path_factory.mktemp("state-flow")
    emulator.reset()
    emulator.client("s3").create_bucket(Bucket=STATE_BUCKET)
    build(emulator, "sfs3")
    build(emulator, "sfloc")
    scratch = root / "tmp"  # where verify and apply keep their sandboxes: must end empty
    scratch.mkdir()
    tf_env = {**terraform_environment(root), **emulator.environment()}
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")} | tf_env | {"TMPDIR": str(scratch)}
    return {"root": root, "env": env, "tf_env": tf_env, "scratch": scratch}


def importer(env, *args):
    return subprocess.run([sys.executable, "-m", "importer", *args], cwd=PROJECT_ROOT, env=env, capture_output=True,
                          text=True, timeout=900)


def ok(result, code: int = 0):
    assert result.returncode == code, result.stdout[-3000:] + result.stderr[-3000:]
    return result


def story_dir(account, name: str, document: dict):
    work = account["root"] / name
    work.mkdir()
    (work / "main.tf.json").write_text(json.dumps(document, indent=1))
    return work, ["--config", str(work / "main.tf.json"), "--output-dir", str(work / "imports")]


def batches_of(work) -> list[list[str]]:
    plan = json.loads((work / "imports" / "plan.json").read_text())
    return [[i["address"] for i in batch["imports"]] for batch in plan["batches"]]


def verified(work) -> dict:
    return json.loads((work / "imports" / "verify.json").read_text())


def assert_no_unknown_ids(result: dict) -> None:
    entries = [entry for batch in result["batches"] for entry in batch["state_before"]["resources"]]
    assert not [entry for entry in entries if entry.endswith("=None")]
    assert all(v["address"] for batch in result["batches"] for v in batch["verdicts"])


def test_from_an_absent_s3_state_every_batch_applies_and_verify_again_half_way_continues(account, emulator):
    env = account["env"]
    work, args = story_dir(account, "s3", config("sfs3", S3_BACKEND, create=False))
    ok(importer(env, "plan", *args, "--batch-size", "2"), 2)
    batches = batches_of(work)
    assert len(batches) >= 4 and sum(map(len, batches)) == 8
    ok(importer(env, "verify", *args))
    first = verified(work)
    assert first["state"]["exists"] is False and first["batches"][0]["state_before"]["lineage"] is None
    for batch in (1, 2, 3):  # batch 2 used to be refused: verify saw no lineage, batch 1's apply made one
        assert f"batch {batch}: {len(batches[batch - 1])} imports applied" in ok(
            importer(env, "apply", *args, "--batch", str(batch))).stdout
    backups = sorted((work / "imports" / "backups").iterdir())
    assert len(backups) == 2  # before batches 2 and 3: batch 1 found no state to back up
    assert stat.S_IMODE((work / "imports" / "backups").stat().st_mode) == 0o700
    assert {stat.S_IMODE(path.stat().st_mode) for path in backups} == {0o600}

    again = ok(importer(env, "verify", *args))  # half-way: batches 1-3 are in state now
    second = verified(work)
    assert_no_unknown_ids(second)
    assert [b["counts"].get("in state", 0) for b in second["batches"][:3]] == [len(b) for b in batches[:3]]
    state = emulator.client("s3").get_object(Bucket=STATE_BUCKET, Key="flow/terraform.tfstate")["Body"].read().decode()
    lineage = json.loads(state)["lineage"]
    assert second["batches"][3]["state_before"]["lineage"] == lineage
    assert second["batches"][3]["state_before"]["resources"] == sorted(f"{a}={i}"
                                                                       for a, i in parse_state(state, "state").ids().items())
    assert "final full plan: no changes" in again.stdout

    tagged = config("sfs3", S3_BACKEND, create=False)  # a default_tags edit changes every plan
    tagged["provider"]["aws"][0]["default_tags"] = [{"tags": {"team": "platform"}}]
    (account["root"] / "tagged").mkdir()
    (account["root"] / "tagged" / "main.tf.json").write_text(json.dumps(tagged))
    refused = importer(env, "apply", "--config", str(account["root"] / "tagged" / "main.tf.json"),
                       "--output-dir", str(work / "imports"), "--batch", "4")
    assert refused.returncode == 1 and "configuration changed since verify" in refused.stderr

    for batch in range(4, len(batches) + 1):
        ok(importer(env, "apply", *args, "--batch", str(batch)))
    assert "nothing to do" in ok(importer(env, "apply", *args, "--batch", "1")).stdout
    run(["terraform", "init", "-input=false", "-no-color"], work, account["tf_env"])
    final = subprocess.run(["terraform", "plan", "-input=false", "-no-color", "-detailed-exitcode"], cwd=work,
                           env=account["tf_env"], capture_output=True, text=True, timeout=600)
    assert final.returncode == 0, final.stdout[-3000:] + final.stderr[-3000:]
    assert not (work / "terraform.tfstate").exists()  # the state went to S3, nowhere else
    assert list(account["scratch"].iterdir()) == []  # no sandbox or scratch copy of the state is left


def test_without_a_backend_the_state_beside_the_config_with_planned_creates_and_outputs(account):
    env = account["env"]
    work, args = story_dir(account, "local", config("sfloc", None, create=True))
    ok(importer(env, "plan", *args, "--batch-size", "2"), 2)
    batches = batches_of(work)
    assert len(batches) >= 4
    assert json.loads((work / "imports" / "plan.json").read_text())["create"] == ["aws_sqs_queue.fresh"]

    combined = ok(importer(env, "verify", *args))  # outputs on later batches and on the create: still clean
    assert "final full plan: 1 planned creates (not imports): aws_sqs_queue.fresh" in combined.stdout
    assert verified(work)["final"] == {**verified(work)["final"], "clean": True, "changes": [],
                                       "planned_creates": ["aws_sqs_queue.fresh"]}
    assert "Final plan of the full configuration: 1 planned creates (not imports): aws_sqs_queue.fresh." in (
        work / "imports" / "report.md").read_text()
    per_batch = ok(importer(env, "verify", "--per-batch", *args))  # apply checks against this one
    assert "1 planned creates (not imports)" in per_batch.stdout and verified(work)["mode"] == "per-batch"

    for batch in (1, 2):
        ok(importer(env, "apply", *args, "--batch", str(batch)))
    state_file = work / "terraform.tfstate"  # Terraform's default: beside the config
    assert set(parse_state(state_file.read_text(), "state").ids()) == set(batches[0] + batches[1])

    ok(importer(env, "verify", "--per-batch", *args))  # half-way, the literal procedure
    second = verified(work)
    assert_no_unknown_ids(second)
    assert [b["counts"] for b in second["batches"][:2]] == [{"in state": len(b)} for b in batches[:2]]
    assert all(b["accepted"] for b in second["batches"]) and second["plans_run"] == len(batches) - 2 + 1
    for batch in range(3, len(batches) + 1):
        ok(importer(env, "apply", *args, "--batch", str(batch)))
    imported = {address for batch in batches for address in batch}
    assert set(parse_state(state_file.read_text(), "state").ids()) == imported

    last = ok(importer(env, "verify", *args))  # everything imported: only the planned create is left
    assert "1 planned creates (not imports): aws_sqs_queue.fresh" in last.stdout
    run(["terraform", "init", "-input=false", "-no-color"], work, account["tf_env"])
    run(["terraform", "plan", "-input=false", "-no-color", "-out=final.tfplan"], work, account["tf_env"])
    shown = json.loads(run(["terraform", "show", "-json", "final.tfplan"], work, account["tf_env"]).stdout)
    changes = [(c["address"], c["change"]["actions"]) for c in shown["resource_changes"]
               if c["change"]["actions"] != ["no-op"]]
    assert changes == [("aws_sqs_queue.fresh", ["create"])]

    document = json.loads((work / "main.tf.json").read_text())  # more to create than the plan says: CHANGES
    document["resource"]["aws_sqs_queue"]["extra"] = {"name": "sfloc-extra", "max_message_size": 262144}
    (work / "main.tf.json").write_text(json.dumps(document))
    changed = importer(env, "verify", *args)
    assert changed.returncode == 1 and "final full plan: CHANGES" in changed.stdout
    final = verified(work)["final"]
    assert not final["clean"] and final["planned_creates"] == []
    assert sorted(change["address"] for change in final["changes"]) == ["aws_sqs_queue.extra", "aws_sqs_queue.fresh"]
    assert list(account["scratch"].iterdir()) == []
