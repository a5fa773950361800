#!/usr/bin/env python
"""Composition root: picks the environments, builds their stacks and synthesizes them.

This is the only place that reads the process environment:
- ``AWS_ENDPOINT_URL``: a local AWS emulator instead of AWS (provider and backend adapt);
- ``RETAINWISE_ENVIRONMENTS``: comma-separated subset of prod,staging,dev (default: all);
- ``CDKTF_OUTDIR``: set by the cdktf CLI (default ``cdktf.out``);
- ``IMPORT_BATCH``: synthesize import batch k for every environment that has an
  ``imports/<env>/plan.json``: its config keeps the managed resources and batches 1..k, with
  import blocks for batch k; environments without a plan synthesize as usual.
"""

import os
import sys
from pathlib import Path

from importer.plan import ImportPlan, PlanError
from importer.verify.batch_config import batch_selection
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


def main() -> None:
    """Synthesize the selected stacks into the CDKTF output directory."""
    environments = selected_environments(os.environ.get("RETAINWISE_ENVIRONMENTS"))
    batch = import_batch_number(os.environ.get("IMPORT_BATCH"))
    app, stacks = build_app(environments, ProviderSettings.from_environ(os.environ),
                            outdir=os.environ.get("CDKTF_OUTDIR", "cdktf.out"))
    if batch is not None:
        planned = [env.name for env in environments if (PLANS_DIR / env.name / "plan.json").exists()]
        if not planned:
            sys.exit(f"IMPORT_BATCH={batch}: no imports/<env>/plan.json for {', '.join(e.name for e in environments)}"
                     " (run `python -m importer plan --stack <env>` first)")
        for name in planned:
            try:
                plan = ImportPlan.load(PLANS_DIR / name / "plan.json")
                plan.check_against(stack_addresses(stacks[name]))  # every batch, not only the selected one
                selection = batch_selection(plan, batch)  # the rule verify and apply use
                imports = {planned.address: planned.id for planned in selection.imports}
                removed = apply_import_batch(stacks[name], set(selection.keep), imports)
            except (PlanError, SelectionError) as error:
                sys.exit(f"IMPORT_BATCH={batch} for {name}: {error}")
            print(f"{name}: import batch {batch}: {len(imports)} imports, {len(selection.keep)} resources kept, "
                  f"{removed} left for later", file=sys.stderr)
    app.synth()


if __name__ == "__main__":
    main()
