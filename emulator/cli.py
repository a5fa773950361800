"""``python -m emulator ...``: the embedded AWS account (part of the command line, so it
may read flags and the environment)."""

from __future__ import annotations

import os
import shlex
import tempfile
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from emulator.controller import Emulator, EmulatorError

DEFAULT_STATE_FILE = Path(".emulator/state.json")
DETERMINISTIC_SEED = 20261128


def _running(state_file: Path) -> Emulator:
    try:
        emulator = Emulator.load(state_file)
    except EmulatorError as error:
        raise click.ClickException(str(error)) from error
    if not emulator.is_alive():
        raise click.ClickException(f"the emulator recorded in {state_file} ({emulator.endpoint}) is not answering")
    return emulator


@click.group()
@click.option("--state-file", type=click.Path(path_type=Path), default=DEFAULT_STATE_FILE, show_default=True,
              help="Where the running emulator's endpoint and pid are recorded.")
@click.pass_context
def emulator(ctx: click.Context, state_file: Path) -> None:
    """Run the local AWS emulator and build the hand-built account in it."""
    ctx.obj = state_file


@emulator.command()
@click.option("--port", type=int, default=0, help="Port on 127.0.0.1 (default: a free one).")
@click.pass_obj
def start(state_file: Path, port: int) -> None:
    """Start the emulator in the background and print how to reach it."""
    if state_file.exists():
        try:
            previous = Emulator.load(state_file)
            if previous.is_alive():
                raise click.ClickException(f"an emulator already runs at {previous.endpoint} (see `emulator stop`)")
        except EmulatorError:
            pass
    state_file.parent.mkdir(parents=True, exist_ok=True)
    try:
        running = Emulator.start(port=port, log_path=state_file.parent / "emulator.log", detach=True)
    except EmulatorError as error:
        raise click.ClickException(str(error)) from error
    running.save(state_file)
    click.echo(f"emulator listening at {running.endpoint} (pid {running.pid}); use it with:")
    click.echo(f"  eval \"$(python -m emulator --state-file {state_file} env)\"")


@emulator.command()
@click.pass_obj
def stop(state_file: Path) -> None:
    """Stop the emulator recorded in the state file."""
    try:
        Emulator.load(state_file).stop()
    except EmulatorError as error:
        raise click.ClickException(str(error)) from error
    state_file.unlink(missing_ok=True)
    click.echo("emulator stopped")


@emulator.command()
@click.pass_obj
def env(state_file: Path) -> None:
    """Print ``export`` lines that point AWS clients and Terraform at the emulator."""
    for key, value in _running(state_file).environment().items():
        click.echo(f"export {key}={shlex.quote(value)}")


@emulator.command()
@click.pass_obj
def reset(state_file: Path) -> None:
    """Forget every resource in the emulator."""
    _running(state_file).reset()
    click.echo("emulator reset: the account is empty")


@emulator.command("build-account")
@click.option("--environment", "environment_name", default="prod", show_default=True,
              help="Which environment's hand-built account to create.")
@click.option("--stack-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Synthesized stack (made with AWS_ENDPOINT_URL set); with it, part of the account is "
                   "imported into the stack's S3 backend with the real Terraform.")
@click.option("--state-from", "state_from", default=None, metavar="stack|legacy",
              help="Who wrote that state (with --stack-dir): 'stack' (default) imports the VPC core, security "
                   "groups and ECR repositories at the stack's own addresses; 'legacy' has an older hand-written "
                   "project (emulator/scenario/legacy_project/) import a part at its addresses (count and for_each "
                   "instances, a module, other names, two leftovers), so plan finds moves and orphans.")
@click.option("--drift/--no-drift", default=False, help="Also change four settings by hand after the fact.")
@click.option("--report", "report_path", type=click.Path(path_type=Path), help="Write the JSON report here.")
@click.pass_obj
def build_account_command(state_file: Path, environment_name: str, stack_dir: Path | None, state_from: str | None,
                          drift: bool, report_path: Path | None) -> None:
    """Create the hand-built account (reset first) and print what it holds."""
    from emulator.scenario.builder import build_account
    from emulator.scenario.state import STATE_VARIANTS
    from importer.terraform.cliconfig import MirrorNotFound, find_provider_mirror, write_cli_config
    from stacks.config import ENVIRONMENTS  # this scenario is the project's own account

    if environment_name not in ENVIRONMENTS:
        raise click.BadParameter(f"choose from {', '.join(ENVIRONMENTS)}", param_hint="--environment")
    if stack_dir is not None and not (stack_dir / "cdk.tf.json").is_file():
        raise click.BadParameter(f"{stack_dir} holds no cdk.tf.json", param_hint="--stack-dir")
    if state_from is not None and state_from not in STATE_VARIANTS:
        raise click.BadParameter(f"{state_from!r}: choose from {', '.join(STATE_VARIANTS)}", param_hint="--state-from")
    if state_from is not None and stack_dir is None:
        raise click.BadParameter("needs --stack-dir (the state lives in that stack's backend)", param_hint="--state-from")
    running = _running(state_file)
    running.reset()
    running.seed(DETERMINISTIC_SEED)
    terraform_environment = {**os.environ, **running.environment()}  # Terraform gets exactly this
    with tempfile.TemporaryDirectory() as scratch:
        cli_config = os.environ.get("TF_CLI_CONFIG_FILE")
        if stack_dir is not None and not (cli_config and Path(cli_config).is_file()):
            try:
                cli_config = str(Path(scratch) / "terraform.rc")
                write_cli_config(Path(cli_config), find_provider_mirror(os.environ))
            except MirrorNotFound as error:
                raise click.ClickException(str(error)) from error
        if cli_config:
            terraform_environment["TF_CLI_CONFIG_FILE"] = cli_config
        console = Console(stderr=True)
        with console.status("building") as status:
            report = build_account(
                running.session(), running.endpoint, ENVIRONMENTS[environment_name], drift=drift,
                stack_dir=stack_dir, terraform_environment=terraform_environment, state_from=state_from or "stack",
                progress=lambda step: status.update(f"building: {step}"),
            )
    if report_path:
        report_path.parent.mkdir(parents=True, exist_ok=True)
        report_path.write_text(report.to_json())
    _print_report(report)


def _print_report(report) -> None:
    counts: dict[str, list[int]] = {}
    for record in report.records:
        row = counts.setdefault(record.type, [0, 0, 0, 0])
        row[0] += 1
        row[1] += record.in_state
        row[2] += record.unmanaged
        row[3] += bool(record.drift)
    table = Table(title=f"hand-built {report.environment} account", show_footer=True)
    totals = [sum(row[i] for row in counts.values()) for i in range(4)]
    table.add_column("type", footer="total")
    for index, label in enumerate(("live", "in state", "not in code", "drifted")):
        table.add_column(label, justify="right", footer=str(totals[index]))
    for type_name in sorted(counts):
        table.add_row(type_name, *(str(value) if value else "" for value in counts[type_name]))
    Console().print(table)
    for note in report.notes:
        click.echo(note)
