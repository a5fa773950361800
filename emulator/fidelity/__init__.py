"""Fixes for places where the emulator answers differently from AWS, applied inside the
emulator process only (``emulator.server``), never to clients.

One module per gap: its docstring says what AWS does and what the emulator did; its
``apply()`` patches moto. Modules are found automatically; ``tests/emulator`` proves each fix
over real HTTP.
"""

from __future__ import annotations

import importlib
import pkgutil

_APPLIED: list[str] = []


def available() -> list[str]:
    """Names of every fix module in this package, sorted."""
    return sorted(module.name for module in pkgutil.iter_modules(__path__) if not module.name.startswith("_"))


def apply_all() -> list[str]:
    """Apply every fix once per process and return the names applied."""
    for name in available():
        if name not in _APPLIED:
            importlib.import_module(f"{__name__}.{name}").apply()
            _APPLIED.append(name)
    return list(_APPLIED)
