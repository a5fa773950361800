"""Fixtures: the synthesized stacks (cdktf.out) and their generated policies."""

from __future__ import annotations

from pathlib import Path

import pytest

from importer.desired.config import load_config
from importer.policy.generate import PolicyContext, generate, name_prefix_from_backend, trust_policy

ROOT = Path(__file__).resolve().parents[2]
ENVIRONMENTS = ("prod", "staging", "dev")
ACCOUNT = "123456789012"


def stack_path(env: str) -> Path:
    path = ROOT / "cdktf.out" / "stacks" / env / "cdk.tf.json"
    if not path.exists():
        pytest.skip(f"{path} is missing: run the synth (python main.py) first")
    return path


@pytest.fixture(scope="session", params=ENVIRONMENTS)
def generated(request):
    """(env, config, context, GeneratedPolicies) for each environment."""
    config = load_config(stack_path(request.param))
    context = PolicyContext(ACCOUNT, "us-east-1", name_prefix_from_backend(config.backend))
    trust = trust_policy(ACCOUNT, "acme/infrastructure", environment=request.param)
    return request.param, config, context, generate(config, context, trust)
