"""``python -m importer codify``: write a CDKTF Python module for live objects the code does not
describe yet (plan.json's ``unmanaged``), with values Terraform itself reads, references instead of
literal IDs and no secrets. Reads ``imports/<stack>/plan.json`` and ``inventory.json`` (run ``plan``
first); writes one module (default ``stacks/adopted/<stack>.py``) atomically. Exit 0, or 1."""

from __future__ import annotations

import json
import logging
import tempfile
import time
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from importer.cli.options import DEFAULT_OUTPUT_ROOT, ConfigSource, check_class_name, check_python_module, \
    source_options
from importer.cli.settings import region_environment, settings_for
from importer.cli.write import write_atomic
from importer.codify import naming
from importer.codify.clean import without_default_tags
from importer.codify.generate import CodifyError, codify
from importer.codify.model import CodifyResult
from importer.codify.python_emitter import Counts, EmitError, render_module, value_counts
from importer.desired.config import default_tags_of
from importer.discovery.inventory import Inventory, InventoryError, LiveObject
from importer.plan import ImportPlan, PlanError
from importer.terraform.runner import Terraform, TerraformError

log = logging.getLogger(__name__)
ALL_UNMANAGED = "all-unmanaged"
DEFAULT_MODULE_ROOT = Path("stacks") / "adopted"


def read_inputs(output_dir: Path, source: ConfigSource) -> tuple[ImportPlan, Inventory]:
    """plan.json and inventory.json of ``output_dir``; either missing: run plan first (one line)."""
    missing = [name for name in ("plan.json", "inventory.json") if not (output_dir / name).is_file()]
    if missing:
        raise click.ClickException(f"{output_dir / missing[0]} not found: run plan first "
                                   f"(python -m importer plan {source.describe()})")
    try:
        plan = ImportPlan.load(output_dir / "plan.json")
        path = output_dir / "inventory.json"
        inventory = Inventory.from_json(path.read_text(), str(path))
    except (PlanError, InventoryError, OSError) as error:
        raise click.ClickException(str(error)) from error
    return plan, inventory


def select(plan: ImportPlan, inventory: Inventory, selections: tuple[str, ...]) -> list[LiveObject]:
    """The unmanaged objects named by ``selections`` (a type, an import ID, or all-unmanaged), in
    (type, import ID) order; a selection that names none is an error."""
    unmanaged = sorted((entry.type, entry.id) for entry in plan.unmanaged)
    chosen: set[tuple[str, str]] = set()
    for value in selections or (ALL_UNMANAGED,):
        found = {key for key in unmanaged if value in (ALL_UNMANAGED, key[0], key[1])}
        if not found and value != ALL_UNMANAGED:
            types = ", ".join(sorted({t for t, _ in unmanaged})[:8]) or "none"
            raise click.BadParameter(f"{value!r} is neither the type nor the import ID of an unmanaged object "
                                     f"(unmanaged types: {types})", param_hint="--select")
        chosen |= found
    if not chosen:
        raise click.ClickException("nothing is unmanaged in this plan: there is nothing to codify")
    objects = {(item.type, item.import_id): item for item in inventory.objects}
    absent = sorted(key for key in chosen if key not in objects)
    if absent:
        raise click.ClickException(f"inventory.json does not hold {absent[0][0]} {absent[0][1]}: run plan again")
    return [objects[key] for key in sorted(chosen)]


def in_code(plan: ImportPlan) -> dict[str, str]:
    """Address -> live ID of everything the code holds once the plan is applied (reference targets)."""
    held = {entry.address: entry.id for entry in plan.managed}
    held |= {move.to: move.id for move in plan.moved}
    held |= {item.address: item.id for batch in plan.batches for item in batch}
    return dict(sorted(held.items()))


def read_shapes(types: set[str], environ: dict[str, str], scratch: Path) -> naming.Shapes:
    """Nested-block shapes of ``types`` from the provider's own schema (``terraform providers schema``),
    read in the scratch directory ``scratch``."""
    scratch.mkdir(parents=True, exist_ok=True)
    (scratch / "main.tf.json").write_text(json.dumps({"terraform": {"required_providers": {"aws": {
        "source": "hashicorp/aws", "version": ">= 5.100.0, < 7.0.0"}}}}))
    terraform = Terraform(scratch, environ)
    terraform.init(backend=False)
    schema = json.loads(terraform.run("providers", "schema", "-json").stdout)
    return naming.shapes_from_schema(schema, types)


def _summary(result: CodifyResult, secrets: tuple[str, ...], parameters: tuple[str, ...]) -> Counts:
    table = Table(title="codified (literal IDs: literals shaped like an ARN or ID, left for review; secrets: taken "
                        "from outside)")
    table.add_column("type", no_wrap=True)
    for column in ("resources", "references", "literals", "literal IDs", "secrets"):
        table.add_column(column, justify="right")
    total = Counts()
    by_type: dict[str, list] = {}
    for resource in result.resources:
        by_type.setdefault(resource.tf_type, []).append(resource)
    for tf_type, members in sorted(by_type.items()):
        counts = sum((value_counts(r.arguments) for r in members), Counts())
        total += counts
        table.add_row(tf_type, str(len(members)), str(counts.references), str(counts.literals),
                      str(counts.literal_ids), str(sum(len(r.secrets) for r in members)))
    table.add_row("total", str(len(result.resources)), str(total.references), str(total.literals),
                  str(total.literal_ids), str(len(secrets)), style="bold")
    console = Console()
    console.print(table)
    if parameters:
        console.print(f"constructor parameters for objects outside the module: {', '.join(parameters)}", markup=False)
    return total


@click.command(name="codify")
@source_options
@click.option("--select", "selections", multiple=True, metavar="TYPE|IMPORT_ID|all-unmanaged",
              help="Which unmanaged objects to codify: a Terraform type, an import ID, or all-unmanaged (the "
                   "default). Repeatable.")
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False), callback=check_python_module,
              help="The Python module to write (default: stacks/adopted/<stack>.py).")
@click.option("--class-name", callback=check_class_name,
              help="The Construct subclass's name (default: Adopted<Stack>).")
@click.option("--output-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Where plan.json and inventory.json are (default: imports/<stack>).")
def codify_command(source, selections, output, class_name, output_dir) -> None:
    """Generate idiomatic CDKTF Python for live objects the code does not describe yet: Terraform
    generates their configuration from what the provider reads (import + -generate-config-out in a
    sandbox), which is cleaned until a plan of it is import-only; values equal to the ID, ARN or name
    of an object in code or codified become references; secrets are constructor parameters."""
    output_dir = output_dir or DEFAULT_OUTPUT_ROOT / source.label
    plan, inventory = read_inputs(output_dir, source)
    objects = select(plan, inventory, selections)
    output = output or DEFAULT_MODULE_ROOT / f"{naming.identifier(source.label)}.py"
    class_name = class_name or f"Adopted{naming.pascal(naming.identifier(source.label))}"
    settings = settings_for(source.input.provider_document(), inventory.region, str(source.path))
    started = time.monotonic()
    try:
        with tempfile.TemporaryDirectory(prefix=f"codify-{source.label}-") as scratch, \
                Console(stderr=True).status(f"Terraform reads {len(objects)} objects"):
            environ = region_environment(Path(scratch), settings)
            result = codify(objects, region=inventory.region, environ=environ, workdir=Path(scratch),
                            in_code=in_code(plan), known=inventory.objects)
            shapes = read_shapes({r.tf_type for r in result.resources}, environ, Path(scratch) / "schema")
        result = without_default_tags(result, default_tags_of(source.input.provider_document()))
        emitted = render_module(result, class_name, shapes=shapes, origin=f"stack {source.label}")
    except (CodifyError, TerraformError, EmitError) as error:
        raise click.ClickException(f"codify: {error}") from error
    write_atomic(output, emitted.source)
    log.info("codify %s: %d objects in %.1f s", source.label, len(result.resources), time.monotonic() - started)
    _summary(result, emitted.secrets, emitted.parameters)
    for line in result.skipped:
        click.echo(f"not codified: {line}")
    click.echo(f"wrote {output} ({class_name}, {len(result.resources)} resources) in {time.monotonic() - started:.1f} s")
