"""Command line of the importer. The only module that reads flags and the environment."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from importer import __version__
from importer.cli_discover import discover_command, synthesized_stack
from importer.cli_errors import run_cli
from importer.cli_interrupts import install_interrupt_handlers
from importer.cli_plan import plan_command
from importer.cli_policy import policy_command
from importer.cli_unlock import unlock_command
from importer.cli_verify import apply_command, verify_command
from importer.desired.config import ConfigError, DesiredConfig, load_config

DEFAULT_SYNTH_DIR = Path("cdktf.out")


def _load_all(paths: list[Path]) -> list[DesiredConfig]:
    try:
        return [load_config(path) for path in paths]
    except ConfigError as error:
        raise click.ClickException(str(error)) from error


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="importer")
def cli() -> None:
    """Reconcile Terraform state with a hand-built AWS account.

    Reads the live account (read-only), the Terraform state and the Terraform JSON
    configuration (a CDKTF synth or any *.tf.json), matches live objects to the resources in
    code and imports them in batches whose plans are verified clean.
    """


@cli.command()
@click.option("--stack", "stacks", multiple=True, help="Stack synthesized by cdktf (repeatable).")
@click.option("--config", "configs", multiple=True, type=click.Path(path_type=Path),
              help="Any Terraform JSON configuration file (repeatable).")
@click.option("--synth-dir", type=click.Path(path_type=Path), default=DEFAULT_SYNTH_DIR, show_default=True,
              help="Where `cdktf synth` wrote its output.")
def summary(stacks: tuple[str, ...], configs: tuple[Path, ...], synth_dir: Path) -> None:
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


cli.add_command(discover_command)
cli.add_command(plan_command)
cli.add_command(verify_command)
cli.add_command(apply_command)
cli.add_command(policy_command)
cli.add_command(unlock_command)


def main() -> None:
    """Entry point for ``python -m importer``: every failure ends as one line on stderr and exit 1
    (see :func:`importer.cli_errors.run_cli`); exits 0 and 2 are the commands' own results."""
    install_interrupt_handlers()  # SIGTERM cleans up like Ctrl-C
    sys.exit(run_cli(cli, "python -m importer"))


if __name__ == "__main__":
    sys.exit(main())
