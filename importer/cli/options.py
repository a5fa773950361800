"""Options every command shares, defined once: where the configuration comes from (``--stack``,
``--config``, ``--synth-dir``), ``--region``, and the default directories."""

from __future__ import annotations

from pathlib import Path

import click

from importer.desired.config import ConfigError, DesiredConfig, load_config

DEFAULT_SYNTH_DIR = Path("cdktf.out")
DEFAULT_OUTPUT_ROOT = Path("imports")


def stack_option(multiple: bool = False):
    """``--stack``: a stack synthesized by cdktf (``summary`` takes several)."""
    return click.option("--stack", "stacks" if multiple else "stack", multiple=multiple,
                        help="A cdktf stack (reads SYNTH_DIR/stacks/STACK/cdk.tf.json)"
                             + ("; repeatable." if multiple else "."))


def config_file_option(multiple: bool = False):
    """``--config``: any Terraform JSON configuration file (``summary`` takes several)."""
    return click.option("--config", "configs" if multiple else "config_path", multiple=multiple,
                        type=click.Path(path_type=Path, dir_okay=False),
                        help="Any Terraform JSON configuration file" + ("; repeatable." if multiple else "."))


synth_dir_option = click.option("--synth-dir", type=click.Path(path_type=Path), default=DEFAULT_SYNTH_DIR,
                                 show_default=True, help="Where cdktf synthesized the stacks.")


def config_options(command):
    """``--stack``, ``--config`` and ``--synth-dir``: where a command's Terraform JSON config comes from
    (read with :func:`config_source`)."""
    for option in reversed((stack_option(), config_file_option(), synth_dir_option)):
        command = option(command)
    return command


def region_option(command):
    """``--region``: read from the command line only; the environment is consulted by
    :func:`importer.cli.settings.settings_for` so the two can be told apart."""
    return click.option(
        "--region", default=None,
        help="Region to read when the configuration pins none (default: AWS_REGION, AWS_DEFAULT_REGION, the S3 "
             "backend's, else us-east-1). Refused when it differs from the region the provider block pins.")(command)


def synthesized_stacks(synth_dir: Path) -> dict[str, Path]:
    """Every stack synthesized in ``synth_dir``: name -> its cdk.tf.json, sorted by name."""
    stacks_dir = synth_dir / "stacks"
    found = sorted(stacks_dir.glob("*/cdk.tf.json")) if stacks_dir.is_dir() else []
    return {path.parent.name: path for path in found}


def synthesized_stack(stack: str, synth_dir: Path) -> Path:
    """The cdk.tf.json of ``stack``: it must be one of the stacks synthesized in ``synth_dir`` (a name,
    never a path, so that outputs stay under imports/<stack>/)."""
    stacks_dir = synth_dir / "stacks"
    available = sorted(synthesized_stacks(synth_dir))
    if stack not in available:
        have = f"synthesized: {', '.join(available)}" if available else "nothing synthesized there: run `cdktf synth`"
        raise click.BadParameter(f"{stack!r} is not a stack in {stacks_dir} ({have})", param_hint="--stack")
    return stacks_dir / stack / "cdk.tf.json"


def config_source(stack: str | None, config: Path | None, synth_dir: Path) -> tuple[str, Path | None]:
    """(label, config path) from ``--stack`` or ``--config``; neither means every supported type."""
    if stack and config:
        raise click.UsageError("give --stack or --config, not both")
    if stack:
        return stack, synthesized_stack(stack, synth_dir)
    if config:
        return config_label(config), config
    return "account", None


def config_label(config: Path) -> str:
    """The stack name a configuration file stands for: cdktf writes <outdir>/stacks/<stack>/cdk.tf.json
    (the folder's name); any other file is named by its name up to the first dot."""
    return config.parent.name if config.name == "cdk.tf.json" else config.name.split(".")[0]


def required_config(stack: str | None, config: Path | None, synth_dir: Path) -> tuple[str, Path, DesiredConfig]:
    """(label, path, parsed config) for commands that need one: ``--stack`` or ``--config`` is
    required; a config that is not usable is one error line naming the file."""
    label, path = config_source(stack, config, synth_dir)
    if path is None:
        raise click.UsageError("give --stack or --config")
    try:
        return label, path, load_config(path)
    except ConfigError as error:
        raise click.ClickException(str(error)) from error
