"""Development check: build the hand-built account in a fresh emulator, import every object the
code describes into a throw-away local state with the real Terraform, and print each resource
whose plan is not a pure import, with the attributes that differ.

    .venv/bin/python scripts/import_check.py [--only network,security] [--keep-workdir DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if (ROOT / "node_modules/.bin/node").exists():
    os.environ.setdefault("JSII_NODE", str(ROOT / "node_modules/.bin/node"))

from emulator.controller import Emulator  # noqa: E402
from emulator.scenario.builder import build_account  # noqa: E402
from emulator.scenario.terraform_seed import address_by_code_path, import_blocks, write_workdir  # noqa: E402
from importer.desired.slicer import slice_config  # noqa: E402
from importer.terraform.cliconfig import find_provider_mirror, write_cli_config  # noqa: E402
from importer.terraform.runner import Terraform  # noqa: E402
from importer.verify.changes import resource_changes  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", help="comma-separated construct path prefixes to import (default: all)")
    parser.add_argument("--keep-workdir", type=Path)
    args = parser.parse_args()
    from stacks.app import build_app
    from stacks.config import PROD
    from stacks.settings import ProviderSettings

    scratch = Path(args.keep_workdir or tempfile.mkdtemp(prefix="import-check-"))
    emulator = Emulator.start(log_path=scratch / "emulator.log")
    try:
        app, _ = build_app([PROD], ProviderSettings(endpoint_url=emulator.endpoint), outdir=scratch / "synth")
        app.synth()
        stack_dir = scratch / "synth" / "stacks" / "prod"
        config = json.loads((stack_dir / "cdk.tf.json").read_text())
        started = time.time()
        report = build_account(emulator.session(), emulator.endpoint, PROD)
        print(f"built {len(report.records)} live objects in {time.time() - started:.1f} s")
        mapping = address_by_code_path(config)
        prefixes = tuple(args.only.split(",")) if args.only else ("",)
        records = [r for r in report.records if r.code_path and r.code_path.startswith(prefixes)]
        missing = sorted(set(p for p in mapping if p.startswith(prefixes)) - {r.code_path for r in records})
        keep = {mapping[r.code_path] for r in records if r.code_path in mapping}
        workdir = write_workdir(scratch / "tf", slice_config(config, keep) if args.only else config,
                                import_blocks(records, mapping), stack_dir, local_backend=True)
        cli_config = scratch / "terraform.rc"
        write_cli_config(cli_config, find_provider_mirror(os.environ))
        terraform = Terraform(workdir, {**os.environ, **emulator.environment(), "TF_CLI_CONFIG_FILE": str(cli_config)})
        terraform.init()
        started = time.time()
        terraform.plan()
        print(f"plan in {time.time() - started:.1f} s")
        changes = resource_changes(terraform.show_json())
        print(Counter("import" if c.is_pure_import else "+".join(c.actions) for c in changes))
        for change in changes:
            if change.is_pure_import:
                continue
            print(f"\n{change.address} {change.actions} importing={change.importing_id}")
            for diff in change.diffs:
                if diff.name in ("tags_all",) and diff.before == diff.after:
                    continue
                print(f"    {diff.name}: {json.dumps(diff.before)[:300]} -> {json.dumps(diff.after)[:300]}")
        if missing:
            print("\nin code but not built:", missing)
    finally:
        emulator.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
