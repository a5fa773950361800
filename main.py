#!/usr/bin/env python
"""Composition root: picks the environments, builds their stacks and synthesizes them.

This is the only place that reads the process environment:
- ``AWS_ENDPOINT_URL``: a local AWS emulator instead of AWS (provider and backend adapt);
- ``RETAINWISE_ENVIRONMENTS``: comma-separated subset of prod,staging,dev (default: all);
- ``CDKTF_OUTDIR``: set by the cdktf CLI (default ``cdktf.out``).
"""

import os
import sys

from stacks.app import build_app
from stacks.config import ENVIRONMENTS
from stacks.settings import ProviderSettings


def selected_environments(value: str | None):
    """The EnvironmentConfigs named in ``value`` (all when empty); unknown names are an error."""
    names = [name.strip() for name in (value or "").split(",") if name.strip()] or list(ENVIRONMENTS)
    unknown = [name for name in names if name not in ENVIRONMENTS]
    if unknown:
        sys.exit(f"unknown environment(s) {', '.join(unknown)}; choose from {', '.join(ENVIRONMENTS)}")
    return [ENVIRONMENTS[name] for name in names]


def main() -> None:
    """Synthesize the selected stacks into the CDKTF output directory."""
    app, _ = build_app(
        selected_environments(os.environ.get("RETAINWISE_ENVIRONMENTS")),
        ProviderSettings.from_environ(os.environ),
        outdir=os.environ.get("CDKTF_OUTDIR", "cdktf.out"),
    )
    app.synth()


if __name__ == "__main__":
    main()
