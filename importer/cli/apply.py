"""``python -m importer apply``: apply one verified batch to the real state through a saved, gated plan."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import click

from importer.cli.options import region_option, source_options
from importer.cli.settings import Settings, region_environment, settings_for
from importer.cli.unlock import apply_run, describe, local_lock, read_s3_lock
from importer.cli.verify import load_inputs, read_state_text, state_of
from importer.desired.config import ConfigError
from importer.state.reader import StateError
from importer.terraform.runner import TerraformError
from importer.verify.verify import VerifyFileError, VerifyResult


def lock_holder(location: str, settings: Settings, config_dir: Path | None = None,
                source: str = "--stack STACK") -> str | None:
    """Who holds the state lock (ID, holder, operation, age) and how to recover, when someone does
    (S3 lockfile, or a local state's lock); None when the state is free."""
    lock = (read_s3_lock(location, settings.state_region, settings.endpoint_url) if location.startswith("s3://")
            else local_lock(Path(location)))
    return None if lock is None else describe(lock, config_dir, source)


def _parse_batch(_ctx, _param, value: str) -> int | None:
    """``--batch N`` (a positive number) or ``all`` (None)."""
    if value == "all":
        return None
    if value.isdigit() and int(value) > 0:
        return int(value)
    raise click.BadParameter(f"{value!r} is not a batch number or 'all'", param_hint="--batch")


@click.command(name="apply")
@source_options
@click.option("--batch", "batch", required=True, callback=_parse_batch, metavar="N|all",
              help="The batch to apply (as verified), or 'all': every batch not in state yet, in one saved plan "
                   "(each batch verified clean first; one Terraform plan instead of one per batch).")
@click.option("--output-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Where plan.json and verify.json are (default: imports/<stack>).")
@region_option
def apply_command(source, batch, output_dir, region) -> None:
    """Apply one verified batch to the real state: checks the config and state are the ones verify
    saw and nobody holds the lock, backs the state up, re-plans, gates the saved plan, applies it
    and confirms every import is in state (batch 1: every move landed, every forget gone). Refuses
    orphans still decided "keep" and imports of objects the state holds elsewhere. Exit 0 when
    applied or already done, 1 when refused."""
    from importer.verify.apply import ApplyRefused, apply_batch, local_state_path

    plan, output_dir = load_inputs(source, output_dir)
    label, path = source.label, source.path
    settings = settings_for(source.input.provider_document(), region, str(path))
    try:
        verified = VerifyResult.from_json((output_dir / "verify.json").read_text())
    except (OSError, json.JSONDecodeError) as error:
        raise click.ClickException(f"no usable {output_dir / 'verify.json'}: run verify first") from error
    except VerifyFileError as error:
        raise click.ClickException(f"{output_dir / 'verify.json'} was not written by verify: run verify again") \
            from error
    location = state_of(source)
    try:
        with tempfile.TemporaryDirectory(prefix=f"apply-{label}-") as scratch, \
                apply_run(output_dir, location, Path(scratch)):
            outcome = apply_batch(
                source.input, None, plan, batch, verified,
                lambda: read_state_text(location, settings.state_region, settings.endpoint_url),
                lambda: lock_holder(location, settings, source.input.directory, source.describe()),
                region_environment(Path(scratch), settings), Path(scratch) / "work",
                output_dir / "backups", local_state=local_state_path(source.input.backend(), location))
    except (ApplyRefused, TerraformError, StateError, ConfigError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(outcome.message + (f" (state backed up to {outcome.backup})" if outcome.backup else ""))
