"""Verify benchmark: the hand-built prod account (30 resources already in state), every batch
planned, gated and applied to a sandbox copy, plus the final full plan; against one plan that
imports everything at once on the same account and state."""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

from importer.discovery.service import DiscoverySettings, discover
from importer.desired.config import load_config
from importer.desired.evaluated import evaluate
from emulator.controller import Emulator
from emulator.scenario.builder import build_account
from importer.planner import build_plan
from importer.specs import registry
from importer.state.reader import parse_state
from importer.terraform.cliconfig import find_provider_mirror, write_cli_config
from importer.terraform.runner import Terraform
from importer.verify.batch_config import LOCAL_STATE
from importer.verify.verify import verify


def _config_reads(config: Path, workdir: Path, environ: dict[str, str]) -> tuple[float, float, int, bool]:
    """(direct seconds, evaluated seconds, instances, same addresses) for one flat JSON config: why
    the direct reader is kept for flat JSON."""
    started = time.perf_counter()
    direct = load_config(config)
    direct_seconds = time.perf_counter() - started
    started = time.perf_counter()
    evaluated = evaluate(config, workdir=workdir, environ=environ)
    evaluated_seconds = time.perf_counter() - started
    same = [r.address for r in direct.resources] == [r.address for r in evaluated.resources]
    return direct_seconds, evaluated_seconds, len(direct.resources), same


def run(modes: tuple[str, ...] = ("combined", "per-batch")) -> list[tuple[str, str]]:
    """Printable rows: verify time per mode, one-shot time, ratios, plans run."""
    from stacks.app import build_app
    from stacks.config import PROD
    from stacks.settings import ProviderSettings

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        emulator = Emulator.start()
        try:
            app, _ = build_app([PROD], ProviderSettings(endpoint_url=emulator.endpoint), outdir=root / "synth")
            app.synth()
            stack_dir = root / "synth" / "stacks" / "prod"
            write_cli_config(root / "terraform.rc", find_provider_mirror(os.environ))
            environ = {**os.environ, **emulator.environment(), "TF_CLI_CONFIG_FILE": str(root / "terraform.rc")}
            emulator.seed(1)
            build_account(emulator.session(), emulator.endpoint, PROD, stack_dir=stack_dir, terraform_environment=environ)
            state_text = emulator.client("s3").get_object(Bucket=PROD.state_bucket, Key=PROD.state_key)["Body"].read().decode()
            config_json = json.loads((stack_dir / "cdk.tf.json").read_text())
            inventory = discover(emulator.session(), DiscoverySettings(region=emulator.region, endpoint_url=emulator.endpoint))
            plan = build_plan("prod", load_config(stack_dir / "cdk.tf.json"), parse_state(state_text, "bench"),
                              inventory, registry())
            results = {mode: verify("prod", config_json, stack_dir, plan, state_text, environ, root / f"sandbox-{mode}",
                                    mode=mode) for mode in modes}
            one_shot = root / "one-shot"
            one_shot.mkdir()
            (one_shot / LOCAL_STATE).write_text(state_text)
            document = {**config_json, "terraform": {**config_json["terraform"], "backend": {"local": {"path": LOCAL_STATE}}},
                        "import": [{"to": i.address, "id": i.id} for batch in plan.batches for i in batch]}
            (one_shot / "main.tf.json").write_text(json.dumps(document))
            (one_shot / "assets").symlink_to(stack_dir / "assets")
            terraform = Terraform(one_shot, environ)
            terraform.init()
            started = time.perf_counter()
            terraform.plan("all.tfplan")
            one_shot_seconds = time.perf_counter() - started
            reads = _config_reads(stack_dir / "cdk.tf.json", root / "evaluate", environ)
        finally:
            emulator.stop()
    rows = [("one plan importing everything at once", f"{one_shot_seconds:.1f} s"),
            ("prod config read: direct vs evaluated by Terraform",
             f"{reads[0] * 1000:.0f} ms vs {reads[1]:.1f} s ({reads[1] / reads[0]:.0f}x; same "
             f"{reads[2]} addresses: {reads[3]})")]
    imports = sum(len(batch) for batch in plan.batches)
    for mode, result in results.items():
        rows.append((f"verify {mode}: {len(plan.batches)} batches of {imports} imports + final plan",
                     f"{result.seconds:.1f} s, {result.plans_run} plans, {result.seconds / one_shot_seconds:.1f}x "
                     f"one-shot ({'clean' if result.clean else 'NOT clean'}; target <= 3x)"))
    return rows
