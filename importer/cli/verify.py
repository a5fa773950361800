"""``python -m importer verify``: prove each import batch clean on a sandbox copy of the state (and
the inputs ``apply`` shares with it: the config, the plan, the state text, the Terraform environment)."""

from __future__ import annotations

import json
import logging
import tempfile
from pathlib import Path

import boto3
import click
from rich.console import Console

from importer.cli.options import DEFAULT_OUTPUT_ROOT, ConfigSource, region_option, source_options
from importer.cli.errors import finish
from importer.cli.settings import region_environment, settings_for
from importer.cli.write import write_atomic
from importer.desired.config import ConfigError, load_config
from importer.emit.report_md import render
from importer.emit.verify_md import render_verify
from importer.plan import ImportPlan, PlanError
from importer.state.reader import StateError, state_location
from importer.state.source import get_object_client, read_state_text as state_text_at
from importer.terraform.runner import TerraformError
from importer.verify.gate import REFUSED, describe_values
from importer.verify.verify import final_summary, verify

log = logging.getLogger(__name__)


def read_state_text(location: str, region: str, endpoint_url: str | None = None) -> str | None:
    """The raw state at ``location`` (read-only), or None when there is none yet; StateError when it
    is not Terraform state version 4 (the one state reader, through a GetObject-only S3 client)."""
    text = state_text_at(location, get_object_client(boto3.Session(), region, endpoint_url))
    log.info("state %s: %s", location, "none yet" if text is None else f"{len(text)} characters read")
    return text


def load_inputs(source: ConfigSource, output_dir: Path | None) -> tuple[ImportPlan, Path]:
    """(plan, output dir) of a configuration, or a clear error: a plan that names addresses a flat
    configuration does not declare is refused before any Terraform run (an evaluated one's are
    checked by Terraform itself: an import, move or forget to an undeclared address fails its plan)."""
    output_dir = output_dir or DEFAULT_OUTPUT_ROOT / source.label
    try:
        plan = ImportPlan.load(output_dir / "plan.json")
        if not source.input.evaluated:
            plan.check_against(resource.address for resource in load_config(source.path).resources)
    except (OSError, json.JSONDecodeError, PlanError, ConfigError) as error:
        raise click.ClickException(str(error)) from error
    return plan, output_dir


def state_of(source: ConfigSource) -> str:
    """Where the configuration's state is: its backend, else terraform.tfstate beside it."""
    try:
        return state_location(source.input.backend(), source.input.directory)
    except (ConfigError, StateError) as error:
        raise click.ClickException(str(error)) from error


@click.command(name="verify")
@source_options
@click.option("--state", "state_option", help="State location (default: the config's backend). Read, never written.")
@click.option("--output-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Where plan.json is and verify.json goes (default: imports/<stack>).")
@region_option
@click.option("--per-batch", is_flag=True,
              help="Plan, gate and sandbox-apply each batch in turn (one plan per batch; slower). By default one "
                   "plan imports every batch and each batch is judged on its own resources.")
def verify_command(source, state_option, output_dir, region, per_batch) -> None:
    """Plan every batch on a sandbox copy of the state with the real Terraform; accept a batch
    only when it holds pure imports, the plan's moves and forgets (batch 1), or updates that touch
    only state; apply the accepted batches to the sandbox, then plan the full config. Refused
    before any Terraform run: orphans still decided "keep", imports of objects the state holds.
    Exit 0 when every batch is clean and the final full plan shows no changes but exactly the
    plan's creates, 1 otherwise. A batch already in state is done: run it again at any point.
    The real state is only read."""
    plan, output_dir = load_inputs(source, output_dir)
    label = source.label
    settings = settings_for(source.input.provider_document(), region, str(source.path))
    location = state_option or state_of(source)
    console = Console(stderr=True)
    try:
        state_text = read_state_text(location, settings.state_region, settings.endpoint_url)
        with tempfile.TemporaryDirectory(prefix=f"verify-{label}-") as scratch, console.status("verifying") as status:
            result = verify(label, source.input, None, plan, state_text, region_environment(Path(scratch), settings),
                            Path(scratch) / "sandbox", progress=lambda message: status.update(message),
                            mode="per-batch" if per_batch else "combined")
    except (StateError, TerraformError, PlanError, ConfigError) as error:
        raise click.ClickException(str(error)) from error
    log.info("verify %s: %d of %d batches clean, %s; %d plans", label, sum(b.accepted for b in result.batches),
             len(result.batches), "clean" if result.clean else "not clean", result.plans_run)
    write_atomic(output_dir / "verify.json", result.to_json())
    write_atomic(output_dir / "report.md", render(plan) + render_verify(result))
    out = Console(soft_wrap=True)
    for batch in result.batches:
        counts = ", ".join(f"{n} {kind}" for kind, n in sorted(batch.counts.items()))
        timing = "" if batch.seconds is None else f"; {batch.seconds:.1f} s"
        out.print(f"batch {batch.index}: {'clean' if batch.accepted else 'REFUSED'} ({counts}{timing})",
                  style="green" if batch.accepted else "bold red", markup=False)
        for verdict in batch.verdicts:
            if verdict.status == REFUSED:
                out.print(f"  {verdict.address}: {'/'.join(verdict.actions)}", markup=False)
                for finding in verdict.findings:
                    out.print(f"    {finding.attribute} ({finding.kind}): {describe_values(finding)}", markup=False)
    if result.final:
        out.print(f"final full plan: {final_summary(result.final)}", markup=False)
    out.print(f"{result.plans_run} plans in {result.seconds:.1f} s -> {output_dir / 'verify.json'}", markup=False)
    finish(0 if result.clean else 1)
