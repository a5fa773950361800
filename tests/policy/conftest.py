"""Fixtures: the synthesized stacks (the session synth, never ./cdktf.out) and their generated policies."""

from __future__ import annotations

from pathlib import Path

import pytest

from importer.desired.config import load_config
from importer.policy.generate import PolicyContext, generate, name_prefix_from_backend, trust_policy

ENVIRONMENTS = ("prod", "staging", "dev")
ACCOUNT = "123456789012"

# Set by the autouse fixture below before any policy test runs: the session synth directory
# (tests/conftest.py `synth_dir`, synthesized in process), so a fresh clone needs no prior synth.
_SYNTH: dict[str, Path] = {}


@pytest.fixture(scope="session", autouse=True)
def policy_synth_dir(synth_dir) -> Path:
    """The session synth directory, recorded for ``stack_path``."""
    _SYNTH["dir"] = synth_dir
    return synth_dir


def stack_path(env: str) -> Path:
    """The synthesized ``cdk.tf.json`` of ``env`` (real-AWS settings) from the session synth."""
    if "dir" not in _SYNTH:
        raise RuntimeError("stack_path() needs the session synth: use it from a test under tests/policy/")
    path = _SYNTH["dir"] / "stacks" / env / "cdk.tf.json"
    assert path.is_file(), f"the session synth wrote no {path}"
    return path


@pytest.fixture(scope="session", params=ENVIRONMENTS)
def generated(request):
    """(env, config, context, GeneratedPolicies) for each environment."""
    config = load_config(stack_path(request.param))
    context = PolicyContext(ACCOUNT, "us-east-1", name_prefix_from_backend(config.backend))
    trust = trust_policy(ACCOUNT, "acme/infrastructure", environment=request.param)
    return request.param, config, context, generate(config, context, trust)
