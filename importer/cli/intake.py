"""``python -m importer intake DIR --stack ENV``: convert a folder of hand-written Terraform (HCL) into
one CDKTF Python construct through the CDKTF CLI's own converter, then intake's rewrite (see
:mod:`importer.intake.rewrite`). Writes only ``--output`` and, beside it, ``<stem>_modules/`` (copies
of the local modules); the folder is only read. Exit 0, or 1 (one line, nothing written)."""

from __future__ import annotations

import logging
import re
import tempfile
import time
from pathlib import Path

import click

from importer.cli.options import check_class_name, check_python_module
from importer.cli.settings import terraform_environment
from importer.cli.write import write_atomic
from importer.codify import naming
from importer.intake.convert import convert
from importer.intake.output import check_output, copy_modules, modules_dir
from importer.intake.project import IntakeError, read_project
from importer.intake.rewrite import rewrite

log = logging.getLogger(__name__)
DEFAULT_MODULE_ROOT = Path("stacks") / "intake"
DEFAULT_CDKTF = Path("node_modules") / ".bin" / "cdktf"
_STACK = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


def _check_stack(_ctx, _param, value: str) -> str:
    if not _STACK.match(value):
        raise click.BadParameter(f"{value!r} is not a stack name (letters, digits, - and _)", param_hint="--stack")
    return value


def _check_directory(_ctx, _param, value: Path) -> Path:
    if not value.is_dir():
        raise click.BadParameter(f"{value} is not a directory", param_hint="DIR")
    if not any(path.is_file() for path in value.glob("*.tf")):
        raise click.BadParameter(f"{value} holds no .tf file: nothing to convert", param_hint="DIR")
    return value


@click.command(name="intake")
@click.argument("directory", metavar="DIR", type=click.Path(path_type=Path), callback=_check_directory)
@click.option("--stack", required=True, callback=_check_stack,
              help="The stack the construct is for: names the defaults (stacks/intake/<stack>.py, Intake<Stack>) "
                   "and the plan command to run next.")
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False), callback=check_python_module,
              help="The Python module to write (default: stacks/intake/<stack>.py; an explicit one's directory "
                   "must exist). Local modules are copied beside it into <stem>_modules/.")
@click.option("--class-name", callback=check_class_name,
              help="The Construct subclass's name (default: Intake<Stack>).")
@click.option("--cdktf", "cdktf", type=click.Path(path_type=Path, dir_okay=False), default=DEFAULT_CDKTF,
              show_default=True, help="The CDKTF CLI whose converter runs (its directory's node first on PATH).")
@click.option("--schema-cache", type=click.Path(path_type=Path, file_okay=False),
              help="A directory where the converter keeps the AWS provider schema between runs.")
def intake_command(directory, stack, output, class_name, cdktf, schema_cache) -> None:
    """Convert a folder of hand-written Terraform (HCL) into a CDKTF Python construct: `cdktf convert
    --language python` (the CDKTF CLI's converter, offline with the local provider mirror) writes the
    resources, data sources, variables and expressions; intake makes it one Construct subclass wired
    with one line (prebuilt provider bindings, no provider or backend of its own, each module call a
    TerraformHclModule of a copy of the module, variables as constructor parameters).

    Then wire it into the stack, synthesize, and run `plan --stack STACK --state OLD_STATE`: the
    objects the old project's state holds are moved (by ID) to the construct's addresses, not imported.
    """
    started = time.monotonic()
    explicit = output is not None
    output = output or DEFAULT_MODULE_ROOT / f"{naming.identifier(stack)}.py"
    class_name = class_name or f"Intake{naming.pascal(naming.identifier(stack))}"
    try:
        if not explicit:
            output.parent.mkdir(parents=True, exist_ok=True)
        check_output(output)
        with tempfile.TemporaryDirectory(prefix=f"intake-{stack}-") as scratch:
            environ = terraform_environment(Path(scratch))
            project = read_project(directory, Path(scratch), environ)
            converted = convert(project.text, cdktf.absolute(), Path(scratch), environ, schema_cache=schema_cache)
        result = rewrite(converted.source, project, class_name, modules_dir(output).name, origin=str(directory))
    except IntakeError as error:
        raise click.ClickException(f"intake: {error}") from error
    copy_modules(project, output)
    write_atomic(output, result.source)
    click.echo(f"converted {directory} ({len(project.files)} .tf files) with cdktf convert in {converted.seconds:.1f} s")
    for line in result.dropped:
        click.echo(f"dropped: {line}")
    for module in result.modules:
        where = f"copied to {modules_dir(output) / module.directory}" if module.local else f"source {module.source}"
        click.echo(f"module {module.name}: TerraformHclModule ({where})")
    if result.parameters:
        click.echo(f"constructor parameters: {', '.join(p.name for p in result.parameters)}")
    secrets = [p.name for p in result.parameters if p.sensitive]
    if secrets:
        click.echo(f"secrets never written (required parameters, give them from outside): {', '.join(secrets)}")
    state = directory / "terraform.tfstate"
    click.echo(f"wrote {output} ({class_name}) in {time.monotonic() - started:.1f} s. Next: add "
               f'`{class_name}(stack, "legacy")` to stack {stack}, synthesize, then `python -m importer plan '
               f"--stack {stack} --state {state if state.is_file() else 'OLD_STATE'}` (moves from the old addresses)")
