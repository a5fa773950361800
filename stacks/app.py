"""Builds the CDKTF app: one RetainwiseStack per requested environment."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from stacks.cdk import App

from stacks.config import EnvironmentConfig
from stacks.retainwise import RetainwiseStack
from stacks.settings import ProviderSettings


def build_app(
    environments: Iterable[EnvironmentConfig], settings: ProviderSettings, outdir: str | Path = "cdktf.out",
) -> tuple[App, dict[str, RetainwiseStack]]:
    """Create the app and its stacks (not yet synthesized).

    ``skip_validation`` avoids CDKTF's per-resource ``terraform version`` calls; the
    synthesized config is validated by ``terraform validate`` in the test suite instead.
    """
    outdir = Path(outdir).resolve()
    app = App(outdir=str(outdir), skip_validation=True)
    artifact_dir = outdir / ".artifacts"
    stacks = {env.name: RetainwiseStack(app, env, settings, artifact_dir) for env in environments}
    return app, stacks
