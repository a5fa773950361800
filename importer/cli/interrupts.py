"""SIGTERM ends a command the way Ctrl-C does: the signal becomes a KeyboardInterrupt in the main
thread, so ``with`` blocks remove their sandboxes and the Terraform runner stops its process group
before the command exits (the one line and exit status come from :mod:`importer.cli.errors`)."""

from __future__ import annotations

import signal
from typing import Any


class Interrupted(KeyboardInterrupt):
    """The command was stopped by a signal (``signal_name`` says which)."""

    def __init__(self, signal_name: str) -> None:
        super().__init__(signal_name)
        self.signal_name = signal_name


_received: list[str] = []


def _raise_interrupted(signum: int, _frame: Any) -> None:
    _received.append(signal.Signals(signum).name)
    if len(_received) == 1:  # later signals must not cut short the cleanup the first one started
        raise Interrupted(_received[0])


def install_interrupt_handlers() -> None:
    """Turn SIGTERM and SIGINT into :class:`Interrupted` (call once, from the main thread)."""
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, _raise_interrupted)
