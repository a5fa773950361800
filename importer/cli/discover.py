"""``python -m importer discover``: read the live account into ``imports/<stack>/inventory.json``."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import boto3
import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from importer.cli.options import (DEFAULT_OUTPUT_ROOT, ConfigSource, optional_source_options, read_desired,
                                  region_option)
from importer.cli.settings import settings_for
from importer.cli.write import write_atomic
from importer.desired.config import DesiredConfig
from importer.discovery.errors import DiscoveryAborted
from importer.discovery.inventory import Inventory
from importer.discovery.service import DiscoverySettings, discover
from importer.specs import registry, required_specs

def _types_from(config: DesiredConfig | None, config_path: Path | None) -> set[str] | None:
    if config is None:
        return None
    types = set(config.count_by_type())
    unsupported = sorted(types - set(registry()))
    if unsupported:
        raise click.ClickException(f"no discovery spec for {', '.join(unsupported)} (used in {config_path}); "
                                   "nothing was read")
    return types


def _print_summary(console: Console, inventory: Inventory) -> None:
    services = {spec.type: spec.service for spec in registry().values()}
    objects = Counter(services[o.type] for o in inventory.objects)
    failed = {f.service: f for f in inventory.failures}
    table = Table(title=f"live resources in {inventory.region}", show_footer=True)
    table.add_column("service", footer="total")
    table.add_column("types", justify="right", footer=str(len(inventory.types)))
    table.add_column("resources", justify="right", footer=str(len(inventory.objects)))
    table.add_column("API calls", justify="right", footer=str(inventory.api_calls))
    table.add_column("status", footer="complete" if inventory.complete else "INCOMPLETE")
    types_per_service = Counter(services[t] for t in inventory.types)
    for service in sorted(types_per_service):
        failure = failed.get(service)
        status = f"[red]incomplete: {failure.operation} {failure.code}[/red]" if failure else "complete"
        table.add_row(service, str(types_per_service[service]), str(objects.get(service, 0)),
                      str(inventory.calls_by_service.get(service, 0)), status)
    console.print(table)


@click.command(name="discover")
@optional_source_options
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Where to write the inventory (default: imports/<stack>/inventory.json).")
@region_option
@click.option("--max-workers", type=click.IntRange(1, 64), default=16, show_default=True,
              help="Concurrent API calls.")
@click.option("--retry-mode", type=click.Choice(["standard", "adaptive"]), default="standard", show_default=True,
              help="botocore retry mode (throttling is retried with backoff).")
def discover_command(source: ConfigSource | None, output: Path | None, region: str | None, max_workers: int,
                     retry_mode: str) -> None:
    """Read the live account, read-only, into an inventory of Terraform types and import IDs.

    Exit status: 0 when every service could be read, 1 when the inventory is incomplete
    (the services that failed are named) or the account cannot be reached.
    """
    if source is None:
        label, path, config = "account", None, None
        where = settings_for(None, region)
    else:  # the region the config pins, and the account it allows (a configuration Terraform evaluates first)
        label, path = source.label, source.path
        where, config = read_desired(source, region)
    types = _types_from(config, path)
    output = output or DEFAULT_OUTPUT_ROOT / label / "inventory.json"
    settings = DiscoverySettings(region=where.region, endpoint_url=where.endpoint_url,
                                 max_workers=max_workers, retry_mode=retry_mode)
    console = Console(stderr=True)
    specs_count = len(required_specs(types if types is not None else set(registry())))
    with Progress(TextColumn("discovering"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                  console=console, transient=True, disable=not console.is_terminal) as progress:
        task = progress.add_task("", total=specs_count)
        try:
            inventory = discover(boto3.Session(), settings, types,
                                 progress=lambda name, count, failed: progress.update(task, advance=1, description=name))
        except DiscoveryAborted as error:
            raise click.ClickException(str(error)) from error
    write_atomic(output, inventory.to_json())
    _print_summary(Console(), inventory)
    click.echo(f"{len(inventory.objects)} resources, {inventory.api_calls} API calls, {inventory.seconds:.1f} s "
               f"-> {output}")
    if not inventory.complete:
        raise click.ClickException(f"inventory incomplete: could not read "
                                   f"{', '.join(inventory.incomplete_services())}")
