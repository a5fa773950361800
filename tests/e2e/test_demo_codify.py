"""`make demo`'s codify step, proven on the real Terraform: on the hand-built prod account, the
leftovers no stack describes (old test queue, hand-made security group and its default rule, stray
IAM policy, legacy Lambda, SecureString parameter) are unmanaged; tagged first with the stack's
default tags (as the demo does: adopting an untagged object would tag it), codified into one module,
wired with ``stacks.adopted.wire_adopted`` (what ``RETAINWISE_ADOPTED`` does), planned as imports
only (none left unmanaged but the backend's bucket) and verified clean, final plan empty. No secret
value reaches the module."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.tools import PROJECT_ROOT, hand_built_prod

pytestmark = [pytest.mark.terraform, pytest.mark.slow]
LEFTOVER_TYPES = {"aws_sqs_queue", "aws_security_group", "aws_vpc_security_group_egress_rule", "aws_iam_policy",
                  "aws_lambda_function", "aws_ssm_parameter"}


def _importer(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "importer", *args], cwd=PROJECT_ROOT, env=env, capture_output=True,
                          text=True, timeout=1800)


def _tag(emulator, tf_type: str, import_id: str, tags: dict[str, str]) -> None:
    """What the demo's user does before codify: give the leftover the stack's default tags."""
    pairs = [{"Key": k, "Value": v} for k, v in tags.items()]
    calls = {
        "aws_sqs_queue": lambda: emulator.client("sqs").tag_queue(QueueUrl=import_id, Tags=tags),
        "aws_security_group": lambda: emulator.client("ec2").create_tags(Resources=[import_id], Tags=pairs),
        "aws_vpc_security_group_egress_rule": lambda: emulator.client("ec2").create_tags(Resources=[import_id],
                                                                                         Tags=pairs),
        "aws_iam_policy": lambda: emulator.client("iam").tag_policy(PolicyArn=import_id, Tags=pairs),
        "aws_lambda_function": lambda: emulator.client("lambda").tag_resource(Resource=emulator.client(
            "lambda").get_function(FunctionName=import_id)["Configuration"]["FunctionArn"], Tags=tags),
        "aws_ssm_parameter": lambda: emulator.client("ssm").add_tags_to_resource(
            ResourceType="Parameter", ResourceId=import_id, Tags=pairs),
    }
    calls[tf_type]()


def _synth_with(emulator, outdir: Path, module: Path) -> Path:
    from stacks.adopted import wire_adopted
    from stacks.app import build_app
    from stacks.config import PROD
    from stacks.settings import ProviderSettings

    app, stacks = build_app([PROD], ProviderSettings(endpoint_url=emulator.endpoint), outdir=outdir)
    wire_adopted(stacks[PROD.name], module)
    app.synth()
    return outdir / "stacks" / PROD.name


def test_demo_leftovers_codified_wired_planned_as_imports_and_verified_clean(emulator, tmp_path):
    stack_dir, environ, report = hand_built_prod(emulator, tmp_path, seed=11)
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")} | environ
    config = json.loads((stack_dir / "cdk.tf.json").read_text())
    backend_bucket = config["terraform"]["backend"]["s3"]["bucket"]
    default_tags = config["provider"]["aws"][0]["default_tags"][0]["tags"]
    imports = tmp_path / "imports"
    # as the demo: the configuration's types (discover without a configuration reads every supported
    # type, and then lists the queue's redrive policy, inline in the stack, as unmanaged too)
    discovered = _importer(env, "discover", "--config", str(stack_dir / "cdk.tf.json"), "--output",
                           str(imports / "inventory.json"))
    assert discovered.returncode == 0, discovered.stderr
    first = _importer(env, "plan", "--config", str(stack_dir / "cdk.tf.json"), "--output-dir", str(imports),
                      "--inventory", str(imports / "inventory.json"))
    assert first.returncode == 2, first.stderr
    unmanaged = {(u["type"], u["id"]) for u in json.loads((imports / "plan.json").read_text())["unmanaged"]}
    leftovers = sorted(key for key in unmanaged if key[1] != backend_bucket)
    assert {t for t, _ in leftovers} == LEFTOVER_TYPES, unmanaged
    assert {(r.type, r.import_id) for r in report.records if r.unmanaged} >= set(leftovers)

    for tf_type, import_id in leftovers:
        _tag(emulator, tf_type, import_id, default_tags)
    module = tmp_path / "adopted.py"
    selection = [arg for _, import_id in leftovers for arg in ("--select", import_id)]
    codified = _importer(env, "codify", "--config", str(stack_dir / "cdk.tf.json"), "--output-dir", str(imports),
                         *selection, "--output", str(module), "--class-name", "AdoptedProd")
    assert codified.returncode == 0, codified.stdout + codified.stderr
    source = module.read_text()
    print(f"\n{codified.stdout}")
    assert "not codified" not in codified.stdout, codified.stdout
    # the rule names its group by reference, the group its VPC (a parameter the wiring resolves)
    assert "security_group_id=self." in source and "network_vpc" in source, source
    for canary in report.canaries.values():
        assert canary not in source

    with_module = _synth_with(emulator, tmp_path / "with", module)
    again = tmp_path / "imports-again"
    second = _importer(env, "plan", "--config", str(with_module / "cdk.tf.json"), "--output-dir", str(again),
                       "--inventory", str(imports / "inventory.json"))
    assert second.returncode == 2, second.stderr
    plan = json.loads((again / "plan.json").read_text())
    imported = {(i["type"], i["id"]) for batch in plan["batches"] for i in batch["imports"]}
    assert set(leftovers) <= imported
    assert {(u["type"], u["id"]) for u in plan["unmanaged"]} == {("aws_s3_bucket", backend_bucket)}
    verified = _importer(env, "verify", "--config", str(with_module / "cdk.tf.json"), "--output-dir", str(again))
    assert verified.returncode == 0, verified.stdout[-4000:] + verified.stderr[-2000:]
    assert json.loads((again / "verify.json").read_text())["final"]["clean"]
