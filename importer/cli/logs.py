"""``--verbose``: what the importer does, for when something goes wrong. ``-v`` logs each Terraform
command (directory, exit, duration), discovery per type (failures, retries), where the state was
read, where the region came from and the plan/verify decisions; ``-vv`` adds every API call. Off by
default; always on stderr (stdout keeps the commands' own output). Values are never logged: no
resource attributes, no environment variables but the region's name."""

from __future__ import annotations

import logging
import sys
from typing import TextIO

LOGGER = "importer"
_FORMAT = "%(levelname)s %(name)s: %(message)s"


def configure_logging(verbosity: int, stream: TextIO | None = None) -> None:
    """Send the ``importer`` loggers to ``stream`` (stderr): INFO with 1, DEBUG with 2 or more,
    nothing with 0 (replaces whatever an earlier call installed)."""
    logger = logging.getLogger(LOGGER)
    for handler in [h for h in logger.handlers if getattr(h, "importer_cli", False)]:
        logger.removeHandler(handler)
    handler: logging.Handler
    if verbosity <= 0:
        handler, level = logging.NullHandler(), logging.WARNING
    else:
        handler = logging.StreamHandler(stream or sys.stderr)
        handler.setFormatter(logging.Formatter(_FORMAT))
        level = logging.INFO if verbosity == 1 else logging.DEBUG
    handler.importer_cli = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False
