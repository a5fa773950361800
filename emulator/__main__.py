"""``python -m emulator``: see ``emulator.cli``."""

import sys

from emulator.cli import emulator
from importer.cli.errors import run_cli
from importer.cli.interrupts import install_interrupt_handlers

install_interrupt_handlers()
sys.exit(run_cli(emulator, "python -m emulator"))
