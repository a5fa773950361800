"""One object per type the hand-built account does not make yet, built on request.

``tests/e2e/test_type_round_trips.py`` builds every type it proves with ``build(ctx, types)`` and
imports each with the small config written for it in ``tests/fixtures/types/<type>.tf.json``
(the names the builders use are the ones those configs use). One module per service group, each
with ``BUILDERS`` (Terraform type -> builder); modules are found automatically. Not a step of the
hand-built account: tests and the demo count that account's objects.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Callable

from emulator.scenario.context import BuildContext


def _builders() -> dict[str, Callable[[BuildContext], None]]:
    builders: dict[str, Callable[[BuildContext], None]] = {}
    for module in sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name != "shared"):
        for type_name, builder in importlib.import_module(f"{__name__}.{module}").BUILDERS.items():
            if type_name in builders:
                raise ValueError(f"{type_name} has two catalogue builders (again in {module}.py)")
            builders[type_name] = builder
    return builders


BUILDERS = _builders()


def build(ctx: BuildContext, types: list[str]) -> None:
    """Build the object of each type in ``types`` (an unknown type is a KeyError)."""
    for type_name in types:
        BUILDERS[type_name](ctx)
