"""``python -m importer plan``: match code, state and live into ``imports/<stack>/plan.json`` and
``report.md``. Exit status like ``terraform plan -detailed-exitcode``: 0 nothing to do and no
decision pending, 2 moves, imports or forgets planned, or decisions pending (ambiguous, id-mismatch,
orphaned and kept, blocked, unsupported; the last line says which), 1 error."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from pathlib import Path

import boto3
import click
from rich.console import Console
from rich.table import Table

from importer.cli.errors import finish
from importer.cli.options import DEFAULT_OUTPUT_ROOT, read_desired, region_option, source_options, synthesized_stacks
from importer.cli.siblings import parse_sibling_states, read_siblings, sibling_sources
from importer.cli.write import write_atomic
from importer.classes import ResourceClass
from importer.discovery.errors import DiscoveryAborted
from importer.discovery.inventory import Inventory, InventoryError
from importer.discovery.service import DiscoverySettings, discover
from importer.emit.report_md import outcome_line, render
from importer.graph.batches import DEFAULT_BATCH_SIZE
from importer.ids import TfAddress
from importer.plan import FORGET, ImportPlan, Orphan, PlanError
from importer.planner import build_plan
from importer.specs import registry
from importer.state.reader import StateError, state_location
from importer.state.source import get_object_client, read_state

__all__ = ["FORGET_ALL", "decide_forgets", "outcome_line", "plan_command"]
log = logging.getLogger(__name__)
FORGET_ALL = "all"


def _print_summary(plan: ImportPlan) -> None:
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
        extra = f", {len(plan.moved)} moves, {len(plan.forgets)} forgets" if index == 1 else ""
        console.print(f"batch {index}: {len(batch)} imports{extra}")


def _parse_forgets(_ctx, _param, values: tuple[str, ...]) -> tuple[str, ...]:
    """``--forget ADDRESS`` (an orphan's address, or its resource's address without keys) or ``all``."""
    parsed = []
    for value in values:
        if value == FORGET_ALL:
            parsed.append(value)
            continue
        try:
            parsed.append(str(TfAddress.parse(value)))
        except ValueError as error:
            raise click.BadParameter(f"{value!r} is not a resource address (or 'all')", param_hint="--forget") \
                from error
    return tuple(parsed)


def decide_forgets(plan: ImportPlan, forgets: tuple[str, ...]) -> ImportPlan:
    """Set the decision of the orphans ``forgets`` names to ``forget`` (``all``: every orphan). An
    address names one orphaned instance or, without keys, every orphaned instance of a resource;
    one a ``removed`` block would not cover exactly is refused (ClickException, one line)."""
    if not forgets:
        return plan
    groups: dict[str, list[Orphan]] = {}
    for orphan in plan.orphaned:
        groups.setdefault(str(TfAddress.parse(orphan.address).unkeyed), []).append(orphan)
    chosen: set[str] = set()
    for address in forgets:
        if address == FORGET_ALL:
            chosen |= {orphan.address for orphan in plan.orphaned}
        elif address in groups:
            chosen |= {orphan.address for orphan in groups[address]}
        elif any(address == orphan.address for orphan in plan.orphaned):
            chosen.add(address)
        else:
            orphaned = ", ".join(o.address for o in plan.orphaned[:5]) + (" ..." if len(plan.orphaned) > 5 else "")
            raise click.BadParameter(f"{address} is not orphaned in this plan (orphaned: {orphaned or 'none'}); "
                                     "nothing was written", param_hint="--forget")
    for resource, members in groups.items():
        left = [orphan.address for orphan in members if orphan.address not in chosen]
        if left and len(left) < len(members):
            raise click.BadParameter(f"a removed block forgets every instance of {resource}, and {', '.join(left)} "
                                     f"is orphaned too: give --forget {resource}; nothing was written",
                                     param_hint="--forget")
    if not plan.orphaned:
        log.info("--forget: nothing is orphaned in this plan")
    return replace(plan, orphaned=[replace(orphan, decision=FORGET) if orphan.address in chosen else orphan
                                   for orphan in plan.orphaned])


@click.command(name="plan")
@source_options
@click.option("--state", "state_option", help="State location: a path or s3://bucket/key (default: the config's "
                                              "backend).")
@click.option("--sibling-config", "sibling_configs", multiple=True,
              type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Another stack's Terraform JSON; its backend locates its state. Repeatable. With --stack, the "
                   "other stacks synthesized in --synth-dir are siblings already. What a sibling's state holds is "
                   "managed elsewhere: never matched, imported or listed as unmanaged here.")
@click.option("--sibling-state", "sibling_states", multiple=True, callback=parse_sibling_states,
              metavar="NAME=PATH|s3://BUCKET/KEY",
              help="A sibling stack's state given directly (also overrides the location of the sibling NAME). "
                   "Repeatable. A sibling without state yet is skipped; a damaged one is an error.")
@click.option("--forget", "forgets", multiple=True, callback=_parse_forgets, metavar="ADDRESS|all",
              help="Decide \"forget\" for this orphan (in state, not in code): a removed block drops it from state, "
                   "AWS keeps it. ADDRESS is an orphaned instance, or a resource address without keys for all its "
                   "instances; 'all' forgets every orphan. Repeatable; each run decides afresh. An address that is "
                   "not orphaned is refused.")
@click.option("--inventory", "inventory_path", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Use this inventory.json instead of discovering again.")
@click.option("--batch-size", type=click.IntRange(1, 500), default=DEFAULT_BATCH_SIZE, show_default=True,
              help="Maximum imports per batch.")
@click.option("--output-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Where plan.json and report.md go (default: imports/<stack>).")
@region_option
def plan_command(source, state_option, sibling_configs, sibling_states, forgets, inventory_path,
                 batch_size, output_dir, region) -> None:
    """Match code to live to state, order the imports by dependency and batch them; moves and forgets
    go with batch 1. A configuration that is not flat JSON (a directory, modules, count/for_each,
    variables) is evaluated by Terraform first, on an empty sandbox state: every resource instance
    is matched at its own address. Exit 0: nothing to do; 2: work planned or decisions pending; 1: error."""
    label, path = source.label, source.path
    output_dir = output_dir or DEFAULT_OUTPUT_ROOT / label
    specs = registry()
    settings, config = read_desired(source, region)  # the region the config pins, and the account it allows
    endpoint = settings.endpoint_url
    session = boto3.Session()
    stack = source.label if source.from_stack else None
    try:  # the states first: a bad state location fails before anything is discovered or written
        location = state_option or state_location(config.backend, source.input.directory)
        state = read_state(location, get_object_client(session, settings.state_region, endpoint))
        log.info("state %s: %s", location, f"serial {state.serial}, lineage {state.lineage}, "
                 f"{len(state.resources)} instances" if state.exists else "none yet")
        siblings = sibling_sources(label, location, synthesized_stacks(source.synth_dir) if stack else {}, sibling_configs,
                                   sibling_states)
        sibling_states_read, sibling_record = read_siblings(
            siblings, lambda own: get_object_client(session, own or settings.state_region, endpoint))
        if inventory_path:
            inventory = Inventory.from_json(inventory_path.read_text(), str(inventory_path))
            log.info("inventory %s: %d objects read in %s", inventory_path, len(inventory.objects), inventory.region)
        else:
            types = {str(r.type) for r in config.resources if str(r.type) in specs}
            inventory = discover(session, DiscoverySettings(region=settings.region, endpoint_url=endpoint), types)
        if inventory.region != settings.region:
            raise click.ClickException(f"{inventory_path} was read in {inventory.region}, but the region to read is "
                                       f"{settings.region} ({settings.region_source}); no plan was written")
        if not inventory.complete:
            if not inventory_path:  # kept to see what could be read
                write_atomic(output_dir / "inventory.json", inventory.to_json())
            raise click.ClickException(f"the inventory is incomplete ({', '.join(inventory.incomplete_services())} "
                                       "could not be read); no plan was written")
    except (DiscoveryAborted, StateError, InventoryError) as error:
        raise click.ClickException(str(error)) from error
    sources = {"config": str(path), "state": location + ("" if state.exists else " (none yet)"),
               "state_serial": state.serial, "state_lineage": state.lineage, "live_objects": len(inventory.objects)}
    if siblings:
        sources["siblings"] = sibling_record
    plan = build_plan(label, config, state, inventory, specs, batch_size, sources, siblings=sibling_states_read)
    plan = decide_forgets(plan, forgets)  # a refused --forget writes nothing, not even the inventory
    if not inventory_path:  # kept even when the plan breaks the contract below: the next run can reuse it
        write_atomic(output_dir / "inventory.json", inventory.to_json())
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
