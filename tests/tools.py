"""Helpers shared by the tests: locating real tools, and failing instead of skipping in CI."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from importer.terraform.cliconfig import MirrorNotFound, find_provider_mirror, write_cli_config

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def require_tool(reason: str | None, flag: str) -> None:
    """Skip with ``reason`` (loudly, shown by -ra) or fail when ``flag`` is set in the environment."""
    if reason is None:
        return
    if os.environ.get(flag):
        pytest.fail(f"{reason} (and {flag} is set, so this may not be skipped)")
    pytest.skip(reason)


def terraform_environment(tmp_root: Path) -> dict[str, str]:
    """Environment for running the real terraform with the local mirror, or skip/fail with why."""
    binary = shutil.which("terraform")
    if binary is None:
        require_tool("terraform CLI not on PATH", "REQUIRE_TERRAFORM")
    try:
        mirror = find_provider_mirror(os.environ)
    except MirrorNotFound as error:
        require_tool(f"no local AWS provider mirror: {error}", "REQUIRE_TERRAFORM")
    cli_config = tmp_root / "terraform.rc"
    write_cli_config(cli_config, mirror)
    environ = dict(os.environ, TF_CLI_CONFIG_FILE=str(cli_config), CHECKPOINT_DISABLE="1", TF_IN_AUTOMATION="1")
    environ.pop("TF_LOG", None)
    return environ


def run(command: list[str], cwd: Path, environ: dict[str, str], timeout: int = 300) -> subprocess.CompletedProcess:
    """Run a command, failing the test with its output when it exits non-zero."""
    result = subprocess.run(command, cwd=cwd, env=environ, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        pytest.fail(f"{' '.join(command)} exited {result.returncode}\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
    return result


def synth_for_emulator(config, emulator, outdir: Path) -> Path:
    """Synthesize one environment with its provider and backend aimed at the emulator; return the
    stack directory (holding cdk.tf.json and the Lambda asset)."""
    from stacks.app import build_app
    from stacks.settings import ProviderSettings

    app, _ = build_app([config], ProviderSettings(endpoint_url=emulator.endpoint), outdir=outdir)
    app.synth()
    return outdir / "stacks" / config.name


def hand_built_prod(emulator, root: Path, seed: int, *, drift: bool = False, state_from: str = "stack"):
    """Synthesize prod for the emulator, then reset it and build the hand-built prod account (part
    of it imported into the S3 backend, at the stack's addresses or by the legacy project: see
    emulator.scenario.state). Returns (stack dir, Terraform environment, builder report)."""
    from emulator.scenario.builder import build_account
    from stacks.config import PROD

    stack_dir = synth_for_emulator(PROD, emulator, root / "synth")
    environ = {**terraform_environment(root), **emulator.environment()}
    emulator.reset()
    emulator.seed(seed)
    report = build_account(emulator.session(), emulator.endpoint, PROD, drift=drift, stack_dir=stack_dir,
                           terraform_environment=environ, state_from=state_from)
    return stack_dir, environ, report
