#!/usr/bin/env python
"""Composition root: picks the environments, builds their stacks and synthesizes them.

This is the only place that reads the process environment (but for ``RETAINWISE_CDK``,
``cdktf|cdktn``: the CDK backend, read by the ``stacks`` package when the imports below load it,
since the stacks' import lines depend on it; unset: cdktf if installed, else cdktn):
- ``AWS_ENDPOINT_URL``: a local AWS emulator instead of AWS (provider and backend adapt);
- ``RETAINWISE_ENVIRONMENTS``: comma-separated subset of prod,staging,dev (default: all);
- ``CDKTF_OUTDIR``: set by the cdktf CLI (default ``cdktf.out``);
- ``IMPORT_BATCH``: synthesize import batch k for every environment that has an
  ``imports/<env>/plan.json``: its config keeps the managed resources, moved targets and batches
  1..k, with import blocks for batch k and the plan's ``moved``/``removed`` blocks (moves and
  forgets); environments without a plan synthesize as usual. Every plan is loaded and checked
  (its contract: one live object, one address) before anything is built or written.
- ``RETAINWISE_ADOPTED``: ``ENV:PATH[,ENV:PATH]``, a module written by ``python -m importer codify``
  wired into that environment's stack as ``adopted`` when it is synthesized (see stacks.adopted);
  unset: nothing is added.
"""

import os
import sys
from pathlib import Path

from importer.plan import ImportPlan, PlanError
from importer.verify.batch_config import batch_selection
from stacks.adopted import AdoptedModuleError, wire_adopted
from stacks.app import build_app
from stacks.config import ENVIRONMENTS
from stacks.import_selection import SelectionError, apply_import_batch, stack_addresses
from stacks.settings import ProviderSettings

PLANS_DIR = Path("imports")


def selected_environments(value: str | None):
    """The EnvironmentConfigs named in ``value`` (all when empty); unknown names are an error."""
    names = [name.strip() for name in (value or "").split(",") if name.strip()] or list(ENVIRONMENTS)
    unknown = [name for name in names if name not in ENVIRONMENTS]
    if unknown:
        sys.exit(f"unknown environment(s) {', '.join(unknown)}; choose from {', '.join(ENVIRONMENTS)}")
    return [ENVIRONMENTS[name] for name in names]


def import_batch_number(value: str | None) -> int | None:
    """The batch asked for with IMPORT_BATCH, or None."""
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        sys.exit(f"IMPORT_BATCH must be a batch number (1, 2, ...), not {value!r}")
    return int(value)


def load_plans(environments, batch: int) -> dict[str, ImportPlan]:
    """The checked plan of every environment that has one; one line naming the file when a plan
    is missing for all of them or breaks the contract (nothing is synthesized then)."""
    planned = [env.name for env in environments if (PLANS_DIR / env.name / "plan.json").exists()]
    if not planned:
        sys.exit(f"IMPORT_BATCH={batch}: no imports/<env>/plan.json for {', '.join(e.name for e in environments)}"
                 " (run `python -m importer plan --stack <env>` first)")
    plans = {}
    for name in planned:
        try:
            plans[name] = ImportPlan.load(PLANS_DIR / name / "plan.json")
        except PlanError as error:
            sys.exit(f"IMPORT_BATCH={batch} for {name}: {error}")
    return plans


def apply_batch(stacks, plans: dict[str, ImportPlan], batch: int) -> None:
    """Cut each planned stack down to import batch ``batch`` (see stacks.import_selection)."""
    for name, plan in plans.items():
        try:
            plan.check_against(stack_addresses(stacks[name]))  # every batch, not only the selected one
            selection = batch_selection(plan, batch)  # the rule verify and apply use
            imports = {planned.address: planned.id for planned in selection.imports}
            applied = apply_import_batch(stacks[name], set(selection.keep), imports, plan.state_blocks())
        except (PlanError, SelectionError) as error:
            sys.exit(f"IMPORT_BATCH={batch} for {name}: {error}")
        print(f"{name}: import batch {batch}: {applied.imports} imports, {applied.moves} moves, "
              f"{applied.forgets} forgets, {len(selection.keep)} resources kept, {applied.removed} left for later",
              file=sys.stderr)


def adopted_modules(value: str | None, environments) -> dict[str, Path]:
    """Environment -> generated module from RETAINWISE_ADOPTED, for the environments synthesized
    (others are skipped); an unknown environment or a missing file is an error."""
    modules = {}
    for item in filter(None, (part.strip() for part in (value or "").split(","))):
        name, _, path = item.partition(":")
        if name not in ENVIRONMENTS or not path:
            sys.exit(f"RETAINWISE_ADOPTED: {item!r} is not ENV:PATH (ENV one of {', '.join(ENVIRONMENTS)})")
        if not Path(path).is_file():
            sys.exit(f"RETAINWISE_ADOPTED: {path} not found (write it with python -m importer codify)")
        if name in {env.name for env in environments}:
            modules[name] = Path(path)
    return modules


def main() -> None:
    """Synthesize the selected stacks into the CDKTF output directory."""
    environments = selected_environments(os.environ.get("RETAINWISE_ENVIRONMENTS"))
    batch = import_batch_number(os.environ.get("IMPORT_BATCH"))
    plans = load_plans(environments, batch) if batch is not None else {}
    adopted = adopted_modules(os.environ.get("RETAINWISE_ADOPTED"), environments)
    app, stacks = build_app(environments, ProviderSettings.from_environ(os.environ),
                            outdir=os.environ.get("CDKTF_OUTDIR", "cdktf.out"))
    for name, path in adopted.items():
        try:
            wire_adopted(stacks[name], path)
        except AdoptedModuleError as error:
            sys.exit(f"RETAINWISE_ADOPTED for {name}: {error}")
    if batch is not None:
        apply_batch(stacks, plans, batch)
    app.synth()


if __name__ == "__main__":
    main()
