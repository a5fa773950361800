"""Options every command shares, defined once: where the configuration comes from (``--stack``,
``--config``, ``--synth-dir``), ``--region``, and the default directories."""

from __future__ import annotations

from pathlib import Path

import functools
import keyword
import logging
import re
import tempfile
import time
from dataclasses import dataclass

import click
from rich.console import Console

from importer.desired.config import ConfigError, DesiredConfig, load_config
from importer.cli.settings import Settings, region_environment, settings_for
from importer.desired.source import ConfigInput

log = logging.getLogger(__name__)

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
    """The stack name a configuration stands for: cdktf writes <outdir>/stacks/<stack>/cdk.tf.json
    (the folder's name); a directory is named by its name, any other file by its name up to the
    first dot."""
    if config.is_dir():
        return config.resolve().name
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


_VARIABLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


def _parse_variables(_ctx, _param, values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """``--var NAME=VALUE`` as Terraform takes it (the value may hold ``=``)."""
    parsed = []
    for value in values:
        name, equals, text = value.partition("=")
        if not equals or not _VARIABLE_NAME.match(name):
            raise click.BadParameter(f"{value!r} is not NAME=VALUE with a variable name", param_hint="--var")
        parsed.append((name, text))
    return tuple(parsed)


@dataclass(frozen=True)
class ConfigSource:
    """The configuration a command works on: its label (the stack name: imports/<label>) and input."""

    label: str
    input: ConfigInput
    from_stack: bool = False
    synth_dir: Path = DEFAULT_SYNTH_DIR

    @property
    def path(self) -> Path:
        """The configuration file or directory."""
        return self.input.path

    def describe(self) -> str:
        """How to name it again on a command line (``--stack prod``, ``--config infra/``)."""
        return f"--stack {self.label}" if self.from_stack else f"--config {self.path}"


def source_options(command, *, required: bool = True):
    """``--stack``, ``--config FILE|DIR``, ``--synth-dir``, ``--var-file``, ``--var``: the command
    receives one ``source`` (a :class:`ConfigSource`, already checked: a bad one is one error line;
    None when not ``required`` and neither ``--stack`` nor ``--config`` is given)."""

    @functools.wraps(command)
    def with_source(*args, stack, config_path, synth_dir, var_files, variables, **kwargs):
        label, path = config_source(stack, config_path, synth_dir)
        if path is None:
            if required:
                raise click.UsageError("give --stack or --config")
            if var_files or variables:
                raise click.UsageError("--var-file and --var need --stack or --config")
            return command(*args, source=None, **kwargs)
        config = ConfigInput(path, tuple(var_files), tuple(variables))
        try:
            config.check()
        except ConfigError as error:
            raise click.ClickException(str(error)) from error
        return command(*args, source=ConfigSource(label, config, bool(stack), synth_dir), **kwargs)

    options = (stack_option(),
               click.option("--config", "config_path", type=click.Path(path_type=Path),
                            help="A Terraform configuration: a JSON file (.tf.json), or a directory of .tf/.tf.json "
                                 "files with its modules. Terraform evaluates what is not flat JSON (modules, "
                                 "count/for_each, variables, data sources)."),
               synth_dir_option,
               click.option("--var-file", "var_files", multiple=True,
                            type=click.Path(path_type=Path, dir_okay=False, exists=True),
                            help="A Terraform variables file, as terraform -var-file takes it. Repeatable."),
               click.option("--var", "variables", multiple=True, callback=_parse_variables, metavar="NAME=VALUE",
                            help="A Terraform variable, as terraform -var takes it (a value starting with [ or { "
                                 "is an HCL expression). Repeatable; applied after the var files."))
    for option in reversed(options):
        with_source = option(with_source)
    return with_source


def optional_source_options(command):
    """:func:`source_options` where no configuration at all is allowed (``source`` is then None)."""
    return source_options(command, required=False)


def read_desired(source: ConfigSource, flag_region: str | None) -> tuple[Settings, DesiredConfig]:
    """The settings and desired instances of ``source``. A configuration Terraform evaluates is
    evaluated with the region resolved from what it pins literally; a region it takes from a
    variable is then checked like a literal one."""
    settings = settings_for(source.input.provider_document(), flag_region, str(source.path))
    if not source.input.evaluated:
        try:
            return settings, load_config(source.path)
        except ConfigError as error:
            raise click.ClickException(str(error)) from error
    started = time.monotonic()
    try:
        with tempfile.TemporaryDirectory(prefix="evaluate-") as scratch, \
                Console(stderr=True).status(f"Terraform evaluates {source.path}"):
            desired = source.input.read(Path(scratch) / "box", region_environment(Path(scratch), settings))
    except ConfigError as error:
        raise click.ClickException(str(error)) from error
    log.info("%s evaluated by Terraform in %.1f s: %d instances", source.path, time.monotonic() - started,
             len(desired.resources))
    if desired.provider_region and not settings.pins.region:
        document = source.input.provider_document()
        document["provider"]["aws"][0]["region"] = desired.provider_region
        settings = settings_for(document, flag_region, str(source.path), check_account_ids=False)
    return settings, desired


_CLASS_NAME = re.compile(r"^[A-Z][A-Za-z0-9]*$")


def check_class_name(_ctx, _param, value: str | None) -> str | None:
    """``--class-name``: a CapWords Python class name (generated modules define it)."""
    if value is not None and (not _CLASS_NAME.match(value) or keyword.iskeyword(value)):
        raise click.BadParameter(f"{value!r} is not a CapWords Python class name", param_hint="--class-name")
    return value


def check_python_module(_ctx, _param, value: Path | None) -> Path | None:
    """``--output`` of a generated module: NAME.py with NAME a Python identifier."""
    if value is not None and (value.suffix != ".py" or not value.stem.isidentifier()):
        raise click.BadParameter(f"{value} is not a Python module path (NAME.py, NAME an identifier)",
                                 param_hint="--output")
    return value
