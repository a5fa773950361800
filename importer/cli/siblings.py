"""Sibling stacks for ``plan``: the other stacks whose states may hold objects of the same account.
An object a sibling's state holds is managed elsewhere: never a candidate for this stack.

Where they come from: with ``--stack``, every other stack synthesized in the same folder (its
backend locates its state); with any input, ``--sibling-config PATH`` (a sibling's Terraform JSON:
its backend locates the state) and ``--sibling-state NAME=PATH|s3://bucket/key`` (a state given
directly; it also overrides the location of a sibling of that name). A sibling whose state does
not exist yet (no file, no S3 object, no bucket) is skipped with a log line; a damaged one is an
error naming it."""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

import click
from botocore.exceptions import BotoCoreError, ClientError

from importer.cli.options import config_label
from importer.desired.config import ConfigError, load_config
from importer.state.reader import StateError, TerraformState, state_location
from importer.state.source import S3ClientFactory, StateBucketMissing, read_state

log = logging.getLogger(__name__)
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass(frozen=True)
class SiblingSource:
    """One sibling stack: its name, where its state is, and how it was named on the command line."""

    stack: str
    location: str
    origin: str
    region: str | None = None  # the S3 backend's own region, when its config names one


def parse_sibling_states(_ctx: Any, _param: Any, values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Click callback for ``--sibling-state NAME=LOCATION`` (repeatable)."""
    parsed = []
    for value in values:
        name, equals, location = value.partition("=")
        if not equals or not _NAME.match(name) or not location:
            raise click.BadParameter(f"{value!r} is not NAME=PATH or NAME=s3://bucket/key (NAME: the sibling "
                                     "stack's name)", param_hint="--sibling-state")
        parsed.append((name, location))
    return tuple(parsed)


def _from_config(path: Path, origin: str) -> SiblingSource:
    """A sibling named by its configuration: its backend says where its state is."""
    try:
        config = load_config(path)
        location = state_location(config.backend, path.parent)
    except (ConfigError, StateError) as error:
        raise click.ClickException(f"sibling {origin} {path}: {error}") from error
    s3 = config.backend.get("s3") if isinstance(config.backend, Mapping) else None
    region = s3.get("region") if isinstance(s3, Mapping) and isinstance(s3.get("region"), str) else None
    return SiblingSource(config_label(path), location, f"{origin} {path}", region)


def _same_place(first: str, second: str) -> bool:
    if first.startswith("s3://") or second.startswith("s3://"):
        return first == second
    return os.path.realpath(first) == os.path.realpath(second)


def sibling_sources(stack: str, own_state: str, synthesized: Mapping[str, Path], configs: tuple[Path, ...],
                    states: tuple[tuple[str, str], ...]) -> list[SiblingSource]:
    """The siblings of ``stack`` (whose state is at ``own_state``), by name: the synthesized
    stacks, then ``--sibling-config``; ``--sibling-state`` gives or overrides a location. A name
    given twice, this stack's own name, or this stack's own state location is refused."""
    found: dict[str, SiblingSource] = {}
    for name, path in synthesized.items():
        if name != stack:
            found[name] = _from_config(path, "synthesized stack")
    for path in configs:
        sibling = _from_config(path, "--sibling-config")
        if sibling.stack in found and found[sibling.stack].origin.startswith("--sibling-config"):
            raise click.BadParameter(f"{path}: a sibling named {sibling.stack!r} is given twice",
                                     param_hint="--sibling-config")
        found[sibling.stack] = sibling
    named: set[str] = set()
    for name, location in states:
        if name in named:
            raise click.BadParameter(f"{name!r} is given twice", param_hint="--sibling-state")
        named.add(name)
        previous = found.get(name)
        found[name] = SiblingSource(name, location, "--sibling-state", previous.region if previous else None)
    for sibling in found.values():
        if sibling.stack == stack:
            raise click.BadParameter(f"{sibling.stack!r} ({sibling.origin}) is the stack being planned, not a "
                                     "sibling", param_hint="--sibling-config/--sibling-state")
        if _same_place(sibling.location, own_state):
            raise click.ClickException(f"sibling stack {sibling.stack} ({sibling.origin}) keeps its state at "
                                       f"{sibling.location}, which is this stack's own state: give each stack its "
                                       "own backend key or path")
    return [found[name] for name in sorted(found)]


def read_siblings(siblings: list[SiblingSource], client_for: Callable[[str | None], S3ClientFactory],
                  ) -> tuple[dict[str, TerraformState], list[dict[str, Any]]]:
    """Each sibling's state (stack -> state; a sibling without state yet is left out, with a log
    line) and what plan.json's ``sources.siblings`` records of each. A damaged or unreadable
    state stops the run, naming the sibling and the location."""
    states: dict[str, TerraformState] = {}
    recorded: list[dict[str, Any]] = []
    for sibling in siblings:
        entry: dict[str, Any] = {"stack": sibling.stack, "state": sibling.location}
        try:
            state = read_state(sibling.location, client_for(sibling.region))
        except StateBucketMissing as missing:
            log.info("sibling stack %s: %s: skipped (no state yet)", sibling.stack, missing)
            recorded.append(entry | {"exists": False})
            continue
        except (StateError, ClientError, BotoCoreError, OSError) as error:
            raise click.ClickException(f"sibling stack {sibling.stack} ({sibling.origin}): {sibling.location}: "
                                       f"cannot be read: {error}" if not isinstance(error, StateError) else
                                       f"sibling stack {sibling.stack} ({sibling.origin}): {error}") from error
        if not state.exists:
            log.info("sibling stack %s: no state at %s yet: skipped", sibling.stack, sibling.location)
            recorded.append(entry | {"exists": False})
            continue
        log.info("sibling stack %s: state %s, serial %s, %d instances", sibling.stack, sibling.location,
                 state.serial, len(state.resources))
        states[sibling.stack] = state
        recorded.append(entry | {"exists": True, "serial": state.serial, "lineage": state.lineage,
                                 "instances": len(state.resources)})
    return states, recorded
