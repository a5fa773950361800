"""``python -m importer summary``: resource counts per type for each configuration, side by side."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from importer.cli.options import config_file_option, stack_option, synth_dir_option, synthesized_stack
from importer.desired.config import ConfigError, DesiredConfig, load_config


def _load_all(paths: list[Path]) -> list[DesiredConfig]:
    try:
        return [load_config(path) for path in paths]
    except ConfigError as error:
        raise click.ClickException(str(error)) from error


@click.command(name="summary")
@stack_option(multiple=True)
@config_file_option(multiple=True)
@synth_dir_option
def summary_command(stacks: tuple[str, ...], configs: tuple[Path, ...], synth_dir: Path) -> None:
    """Print resource counts per type for each configuration, side by side."""
    paths = [synthesized_stack(stack, synth_dir) for stack in stacks] + list(configs)
    if not paths:
        raise click.UsageError("give at least one --stack or --config")
    loaded = _load_all(paths)
    labels = [config.path.parent.name if config.path.name == "cdk.tf.json" else config.path.name
              for config in loaded]
    counts = [config.count_by_type() for config in loaded]
    table = Table(title="Resources per type", show_footer=True)
    table.add_column("type", footer="total")
    for label, count in zip(labels, counts):
        table.add_column(label, justify="right", footer=str(sum(count.values())))
    for type_name in sorted(set().union(*counts)):
        table.add_row(type_name, *(str(count.get(type_name, 0)) for count in counts))
    Console().print(table)
