"""Build the hand-built account: every concern in dependency order, then the mess."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Mapping

import boto3

from emulator.scenario import compute, data, edge, functions, iam, mess, messaging, network, observability
from emulator.scenario import security
from emulator.scenario.context import AccountReport, BuildContext
from emulator.scenario.state import seed_state

# Order matters: later steps use IDs recorded by earlier ones.
STEPS: tuple[tuple[str, Callable[[BuildContext], None]], ...] = (
    ("network", network.build),
    ("security", security.build),
    ("interface endpoints", network.build_interface_endpoints),
    ("data", data.build),
    ("messaging", messaging.build),
    ("log groups", observability.build_log_groups),
    ("parameters", observability.build_parameters),
    ("iam", iam.build),
    ("edge", edge.build),
    ("compute", compute.build),
    ("functions", functions.build),
    ("alarms", observability.build_alarms),
    ("leftovers", mess.build_leftovers),
    ("canaries", mess.plant_canaries),
)


def build_account(
    session: boto3.Session, endpoint_url: str | None, config: Any, *, drift: bool = False,
    stack_dir: Path | None = None, terraform_environment: Mapping[str, str] | None = None,
    progress: Callable[[str], None] | None = None, state_from: str = "stack",
) -> AccountReport:
    """Create the account described by ``config`` (an EnvironmentConfig) and report it.

    With ``stack_dir`` (the synthesized stack, configured for this endpoint) and a Terraform
    environment, part of the account is imported into the stack's S3 backend with the real
    Terraform: at the stack's own addresses (``state_from="stack"``) or by the older hand-written
    project at its addresses (``"legacy"``); with ``drift``, four settings are then changed by hand.
    """
    ctx = BuildContext(session, endpoint_url, config)
    for name, step in STEPS:
        if progress:
            progress(name)
        step(ctx)
    if stack_dir is not None:
        if progress:
            progress("terraform state")
        count = seed_state(ctx, stack_dir, terraform_environment or {}, state_from)
        by = "by the legacy project at its own addresses" if state_from == "legacy" else "at the stack's addresses"
        ctx.report.notes.append(f"{count} resources imported {by} into s3://{config.state_bucket}/{config.state_key}")
    if drift:
        if progress:
            progress("drift")
        mess.apply_drift(ctx)
    return ctx.report
