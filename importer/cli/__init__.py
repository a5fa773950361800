"""Command line of the importer: the click group and ``main``. The package is the only code that
reads flags, and :mod:`importer.cli.settings` the only module that reads the environment."""

from __future__ import annotations

import sys

import click

from importer import __version__
from importer.cli.apply import apply_command
from importer.cli.codify import codify_command
from importer.cli.discover import discover_command
from importer.cli.errors import run_cli
from importer.cli.intake import intake_command
from importer.cli.interrupts import install_interrupt_handlers
from importer.cli.logs import configure_logging
from importer.cli.plan import plan_command
from importer.cli.policy import policy_command
from importer.cli.summary import summary_command
from importer.cli.unlock import unlock_command
from importer.cli.verify import verify_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="importer")
@click.option("-v", "--verbose", count=True,
              help="Log on stderr what happens (Terraform commands, discovery, state, region, decisions); "
                   "-vv adds every API call.")
def cli(verbose: int) -> None:
    """Reconcile Terraform state with a hand-built AWS account.

    Reads the live account (read-only), the Terraform state and the Terraform JSON
    configuration (a CDKTF synth or any *.tf.json), matches live objects to the resources in
    code and imports them in batches whose plans are verified clean.
    """
    configure_logging(verbose)


for _command in (summary_command, discover_command, plan_command, verify_command, apply_command, policy_command,
                 unlock_command, codify_command, intake_command):
    cli.add_command(_command)


def main() -> None:
    """Entry point for ``python -m importer``: every failure ends as one line on stderr and exit 1
    (see :func:`importer.cli.errors.run_cli`); exits 0 and 2 are the commands' own results."""
    install_interrupt_handlers()  # SIGTERM cleans up like Ctrl-C
    sys.exit(run_cli(cli, "python -m importer"))
