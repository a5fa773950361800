"""``python -m importer plan``: match code, state and live into ``imports/<stack>/plan.json`` and
``report.md``. Exit status like ``terraform plan -detailed-exitcode``: 0 nothing to import and no
decision pending, 2 imports planned or decisions pending (ambiguous, id-mismatch, orphaned, blocked,
unsupported; the last line says which), 1 error."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import boto3
import click
from rich.console import Console
from rich.table import Table

from importer.cli.options import DEFAULT_OUTPUT_ROOT, config_options, region_option, required_config
from importer.cli.errors import finish
from importer.cli.settings import settings_for
from importer.cli.write import write_atomic
from importer.discovery.errors import DiscoveryAborted
from importer.discovery.inventory import Inventory, InventoryError
from importer.discovery.service import DiscoverySettings, discover
from importer.classes import ResourceClass
from importer.emit.report_md import render
from importer.graph.batches import DEFAULT_BATCH_SIZE
from importer.plan import ImportPlan, PlanError
from importer.planner import build_plan
from importer.specs import registry
from importer.state.reader import StateError, state_location
from importer.state.source import get_object_client, read_state

log = logging.getLogger(__name__)


def _print_summary(plan) -> None:
    console = Console()
    table = Table(title=f"import plan for {plan.stack}")
    table.add_column("class")
    table.add_column("count", justify="right")
    table.add_column("meaning")
    for kind in ResourceClass:
        if plan.count(kind):
            table.add_row(kind.value, str(plan.count(kind)), kind.explanation)
    console.print(table)
    for index, batch in enumerate(plan.batches, start=1):
        console.print(f"batch {index}: {len(batch)} imports")


@click.command(name="plan")
@config_options
@click.option("--state", "state_option", help="State location: a path or s3://bucket/key (default: the config's "
                                              "backend).")
@click.option("--inventory", "inventory_path", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Use this inventory.json instead of discovering again.")
@click.option("--batch-size", type=click.IntRange(1, 500), default=DEFAULT_BATCH_SIZE, show_default=True,
              help="Maximum imports per batch.")
@click.option("--output-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Where plan.json and report.md go (default: imports/<stack>).")
@region_option
def plan_command(stack, config_path, state_option, inventory_path, batch_size, synth_dir, output_dir, region) -> None:
    """Match code to live to state, order the imports by dependency and batch them."""
    label, path, config = required_config(stack, config_path, synth_dir)
    output_dir = output_dir or DEFAULT_OUTPUT_ROOT / label
    specs = registry()
    settings = settings_for(path, region)  # the region the config pins, and the account it allows
    endpoint = settings.endpoint_url
    session = boto3.Session()
    location = state_option or state_location(config.backend, path.parent)
    try:  # the state first: a bad state location fails before anything is discovered or written
        state = read_state(location, get_object_client(session, settings.state_region, endpoint))
        log.info("state %s: %s", location, f"serial {state.serial}, lineage {state.lineage}, "
                 f"{len(state.resources)} instances" if state.exists else "none yet")
        if inventory_path:
            inventory = Inventory.from_json(inventory_path.read_text(), str(inventory_path))
            log.info("inventory %s: %d objects read in %s", inventory_path, len(inventory.objects), inventory.region)
        else:
            types = {str(r.type) for r in config.resources if str(r.type) in specs}
            inventory = discover(session, DiscoverySettings(region=settings.region, endpoint_url=endpoint), types)
            write_atomic(output_dir / "inventory.json", inventory.to_json())
        if inventory.region != settings.region:
            raise click.ClickException(f"{inventory_path} was read in {inventory.region}, but the region to read is "
                                       f"{settings.region} ({settings.region_source}); no plan was written")
        if not inventory.complete:
            raise click.ClickException(f"the inventory is incomplete ({', '.join(inventory.incomplete_services())} "
                                       "could not be read); no plan was written")
    except (DiscoveryAborted, StateError, InventoryError) as error:
        raise click.ClickException(str(error)) from error
    sources = {"config": str(path), "state": location + ("" if state.exists else " (none yet)"),
               "state_serial": state.serial, "state_lineage": state.lineage, "live_objects": len(inventory.objects)}
    plan = build_plan(label, config, state, inventory, specs, batch_size, sources)
    log.info("plan %s: %s", label, ", ".join(f"{count} {name}" for name, count in plan.summary().items() if count)
             or "nothing declared")
    try:  # what is written must load: the same contract check every later command runs
        ImportPlan.from_dict(json.loads(plan.to_json()), str(output_dir / "plan.json"))
    except PlanError as error:
        raise click.ClickException(f"the new plan breaks the plan contract, no plan was written: {error}") from error
    write_atomic(output_dir / "plan.json", plan.to_json())
    write_atomic(output_dir / "report.md", render(plan))
    _print_summary(plan)
    click.echo(f"wrote {output_dir / 'plan.json'} and {output_dir / 'report.md'}")
    click.echo(outcome_line(plan))
    finish(2 if plan.has_work or plan.pending else 0)


def outcome_line(plan: ImportPlan) -> str:
    """What the exit status means for this plan: 2 when imports are planned or decisions are
    pending (which, said here), 0 only when there is nothing to import and nothing to decide."""
    imports = sum(len(batch) for batch in plan.batches)
    work = f"{imports} import(s) planned in {len(plan.batches)} batch(es)" if imports else "nothing to import"
    pending = ", ".join(f"{count} {name}" for name, count in plan.pending.items())
    return f"{work}; decisions pending: {pending} (see report.md)" if pending else f"{work}; no decision pending"
