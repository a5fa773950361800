"""Intake of a hand-written HCL project, end to end on the real tools: the fixture project
(tests/fixtures/intake/legacy: ``aws_subnet.private`` by ``count``, ``aws_iam_role.ecs_task`` from a
policy data source, ``aws_ecs_cluster.main``, a local module called with ``for_each``, variables) is
applied into the emulator by the real Terraform with its own local state; ``intake`` converts it
(the real ``cdktf convert``); the generated construct is wired with one line into a small CDKTF app
whose backend is that old state; ``plan --state`` plans moves (not imports) from the old addresses;
verify is clean; apply; the final Terraform plan is empty and the state holds each object once."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from importer.state.reader import parse_state
from tests.tools import PROJECT_ROOT, require_tool, run, terraform_environment

pytestmark = [pytest.mark.terraform, pytest.mark.cdktf_cli, pytest.mark.slow]
FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "intake" / "legacy"
CDKTF = PROJECT_ROOT / "node_modules" / ".bin" / "cdktf"
# the old project's addresses (its state) -> the construct's, before CDKTF's unique suffix
OLD = {"aws_subnet.private[0]", "aws_subnet.private[1]", "aws_iam_role.ecs_task", "aws_ecs_cluster.main",
       'module.queue["jobs"].aws_sqs_queue.this', 'module.queue["mail"].aws_sqs_queue.this', "aws_vpc.main"}


def importer(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "importer", *args], cwd=PROJECT_ROOT, env=env, capture_output=True,
                          text=True, timeout=1800)


def tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def synth(module: Path, state: Path, outdir: Path) -> Path:
    """A small CDKTF app: a stack with its own provider and the old state as its backend, and the
    generated construct wired with one line."""
    import stacks  # noqa: F401  (the bindings' fast import)
    from cdktf import App, LocalBackend, TerraformStack
    from cdktf_cdktf_provider_aws.provider import AwsProvider

    from stacks.base import AWS_PROVIDER_CONSTRAINT  # the bindings pin 6.x; the mirror holds 5.100

    spec = importlib.util.spec_from_file_location("intake_legacy", module)
    generated = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generated)
    app = App(outdir=str(outdir), skip_validation=True)
    stack = TerraformStack(app, "prod")
    stack.add_override("terraform.required_providers.aws", {"source": "hashicorp/aws", "version": AWS_PROVIDER_CONSTRAINT})
    AwsProvider(stack, "aws", region="us-east-1", skip_credentials_validation=True, skip_metadata_api_check="true",
                max_retries=2)
    LocalBackend(stack, path=str(state))
    generated.LegacyInfra(stack, "legacy")  # the one line a user adds
    app.synth()
    return outdir / "stacks" / "prod"


@pytest.fixture(scope="module")
def intaken(emulator, tmp_path_factory):
    if not CDKTF.exists():
        require_tool("cdktf CLI not installed in node_modules (run `make setup`)", "REQUIRE_TERRAFORM")
    root = tmp_path_factory.mktemp("intake")
    emulator.reset()
    tf_env = {**terraform_environment(root), **emulator.environment()}
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")} | tf_env
    legacy = root / "legacy"
    shutil.copytree(FIXTURE, legacy)
    timings = {}
    started = time.perf_counter()
    run(["terraform", "init", "-input=false", "-no-color"], legacy, tf_env)
    run(["terraform", "apply", "-auto-approve", "-input=false", "-no-color"], legacy, tf_env, timeout=600)
    timings["legacy apply"] = time.perf_counter() - started
    before = tree_digest(legacy)
    (root / "app").mkdir()
    module = root / "app" / "legacy.py"
    started = time.perf_counter()
    converted = importer(env, "intake", str(legacy), "--stack", "prod", "--output", str(module),
                         "--class-name", "LegacyInfra", "--schema-cache", str(root / "schema-cache"))
    timings["intake"] = time.perf_counter() - started
    assert converted.returncode == 0, converted.stdout + converted.stderr
    assert tree_digest(legacy) == before  # the user's folder is only read
    started = time.perf_counter()
    stack_dir = synth(module, legacy / "terraform.tfstate", root / "synth")
    timings["synth"] = time.perf_counter() - started
    return {"root": root, "legacy": legacy, "module": module, "env": env, "tf_env": tf_env, "stack": stack_dir,
            "timings": timings, "stdout": converted.stdout,
            "config": ["--config", str(stack_dir / "cdk.tf.json"), "--output-dir", str(root / "out")]}


def test_intake_writes_one_construct_with_modules_and_parameters(intaken):
    source = intaken["module"].read_text()
    print(f"\n{intaken['stdout']}\n{source}")
    assert source.startswith('"""Generated by `python -m importer intake` from')
    assert "class LegacyInfra(Construct):" in source and "imports." not in source and "AwsProvider" not in source
    assert 'env: str = "legacy"' in source and 'queues: Sequence[Any] = ("jobs", "mail")' in source
    assert "TerraformHclModule(self, \"queue\"" in source and "TerraformCount.of(" in source
    copies = intaken["module"].parent / "legacy_modules" / "modules" / "queue" / "main.tf"
    assert copies.read_text() == (FIXTURE / "modules" / "queue" / "main.tf").read_text()
    document = json.loads((intaken["stack"] / "cdk.tf.json").read_text())
    assert set(document["resource"]) == {"aws_vpc", "aws_subnet", "aws_iam_role", "aws_ecs_cluster"}
    assert list(document["module"].values())[0]["name"] == "${var.%s}-${each.key}" % next(
        v for v in document["variable"] if v.startswith("legacy_env_"))
    assert "cdktf convert" in intaken["stdout"] and "dropped: AwsProvider" in intaken["stdout"]


def test_intake_output_plans_moves_from_the_old_addresses_and_ends_clean(intaken):
    env, config, out, legacy = intaken["env"], intaken["config"], intaken["root"] / "out", intaken["legacy"]
    state_path = legacy / "terraform.tfstate"
    timings = dict(intaken["timings"])
    old_state = parse_state(state_path.read_text(), str(state_path))
    ids = old_state.ids()
    assert set(ids) == OLD

    started = time.perf_counter()
    planned = importer(env, "plan", *config, "--state", str(state_path))
    timings["plan"] = time.perf_counter() - started
    assert planned.returncode == 2, planned.stdout + planned.stderr
    plan = json.loads((out / "plan.json").read_text())
    moved = {m["from"]: (m["to"], m["id"]) for m in plan["moved"]}
    assert set(moved) == OLD - {"aws_vpc.main"}  # the converter kept the VPC's own name (override_logical_id)
    # the plan names each object by its import ID (an ECS cluster's name; its state ID is the ARN)
    assert all(ids[old] in (new_id, f"arn:aws:ecs:us-east-1:123456789012:cluster/{new_id}")
               for old, (_, new_id) in moved.items())
    assert moved["aws_subnet.private[1]"][0].startswith("aws_subnet.legacy_private_")
    assert moved["aws_subnet.private[1]"][0].endswith("[1]")
    assert moved['module.queue["mail"].aws_sqs_queue.this'][0].startswith("module.legacy_queue_")
    assert [e["address"] for e in plan["managed"]] == ["aws_vpc.main"]
    imported = {i["id"] for batch in plan["batches"] for i in batch["imports"]}
    assert not imported & set(ids.values())  # moves, never imports, for what the old state holds
    assert plan["orphaned"] == [] and plan["ambiguous"] == []

    started = time.perf_counter()
    verified = importer(env, "verify", *config, "--state", str(state_path))
    timings["verify"] = time.perf_counter() - started
    assert verified.returncode == 0, verified.stdout[-4000:] + verified.stderr[-2000:]
    assert json.loads((out / "verify.json").read_text())["final"]["clean"]

    started = time.perf_counter()
    applied = importer(env, "apply", *config, "--batch", "all")
    timings["apply"] = time.perf_counter() - started
    assert applied.returncode == 0, applied.stdout[-4000:] + applied.stderr[-2000:]

    started = time.perf_counter()
    run(["terraform", "init", "-input=false", "-no-color"], intaken["stack"], intaken["tf_env"])
    final = subprocess.run(["terraform", "plan", "-input=false", "-no-color", "-detailed-exitcode"],
                           cwd=intaken["stack"], env=intaken["tf_env"], capture_output=True, text=True, timeout=600)
    timings["final terraform plan"] = time.perf_counter() - started
    assert final.returncode == 0, final.stdout[-3000:] + final.stderr[-3000:]

    state = parse_state(state_path.read_text(), str(state_path))
    held = [(str(r.type), r.id) for r in state.resources]
    assert len(held) == len(set(held)) == len(OLD)  # each live object at exactly one address
    assert {str(r.address) for r in state.resources} == {to for to, _ in moved.values()} | {"aws_vpc.main"}
    print("\nintake timings: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.items()))
