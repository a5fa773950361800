"""Session fixtures: the three stacks synthesized once, in process, for all synth tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stacks.app import build_app
from stacks.config import ENVIRONMENTS
from stacks.settings import ProviderSettings


def synthesize(outdir: Path, settings: ProviderSettings) -> dict[str, dict]:
    """Synthesize every environment into ``outdir`` and return each stack's parsed cdk.tf.json."""
    app, _ = build_app(ENVIRONMENTS.values(), settings, outdir=outdir)
    app.synth()
    return {name: json.loads((outdir / "stacks" / name / "cdk.tf.json").read_text()) for name in ENVIRONMENTS}


@pytest.fixture(scope="session")
def synth_dir(tmp_path_factory) -> Path:
    """Directory holding the synthesized stacks for real AWS (no emulator settings)."""
    outdir = tmp_path_factory.mktemp("synth")
    synthesize(outdir, ProviderSettings())
    return outdir


@pytest.fixture(scope="session")
def synthesized(synth_dir) -> dict[str, dict]:
    """Parsed cdk.tf.json per environment name."""
    return {name: json.loads((synth_dir / "stacks" / name / "cdk.tf.json").read_text()) for name in ENVIRONMENTS}


@pytest.fixture(scope="session")
def emulator(tmp_path_factory):
    """One emulator process for the whole session (real HTTP on loopback), stopped at the end."""
    from emulator.controller import Emulator

    log_path = tmp_path_factory.mktemp("emulator") / "emulator.log"
    running = Emulator.start(log_path=log_path)
    yield running
    running.stop()


@pytest.fixture
def clean_emulator(emulator):
    """The session emulator, reset to an empty account before the test."""
    emulator.reset()
    return emulator
