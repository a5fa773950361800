"""Codify benchmark: every object of the hand-built prod account (nothing of it in code or state,
i.e. every construct removed at once) codified in one run against the emulator, with the real
Terraform. Prints total time, time per object, Terraform runs and seconds per phase, skipped objects
with their reasons, and a digest of the CodifyResult (the same account gives the same digest).

``CODIFY_COMPARE=1`` also runs the engine the way it ran before the speed work
(:data:`importer.codify.generate.BASELINE`) on the same account and reports whether both results
are equal."""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from pathlib import Path

from emulator.controller import Emulator
from emulator.scenario.builder import build_account
from importer.codify.generate import BASELINE, FAST, RunLog, Tuning, codify
from importer.codify.model import CodifyResult
from importer.discovery.service import DiscoverySettings, discover
from importer.terraform.cliconfig import find_provider_mirror, write_cli_config

PHASES = ("init", "generate", "repair", "check")


def digest(result: CodifyResult) -> str:
    """A short, stable fingerprint of a result (its repr is deterministic: sorted tuples and dicts)."""
    return hashlib.sha256(repr(result).encode()).hexdigest()[:12]


def _timed(objects, environ, workdir: Path, region: str, tuning: Tuning) -> tuple[CodifyResult, RunLog, float]:
    log = RunLog()
    started = time.perf_counter()
    result = codify(objects, region=region, environ=environ, workdir=workdir, known=objects, log=log, tuning=tuning)
    return result, log, time.perf_counter() - started


def _rows(label: str, count: int, result: CodifyResult, log: RunLog, seconds: float) -> list[tuple[str, str]]:
    rows = [(f"{label}: {count} objects, total", f"{seconds:.1f} s ({seconds / count:.2f} s/object; target < 60 s)"),
            (f"{label}: Terraform runs", f"{log.count()} ({', '.join(f'{p} {log.count(p)}' for p in PHASES)})")]
    for phase in PHASES:
        commands = sorted({c for p, c, _ in log.runs if p == phase})
        rows.append((f"{label}: {phase} ({' + '.join(commands) or '-'})", f"{log.seconds(phase):.1f} s"))
    rows.append((f"{label}: codified / skipped, digest",
                 f"{len(result.resources)} / {len(result.skipped)}, {digest(result)}"))
    rows += [(f"{label}: skipped", reason) for reason in result.skipped]
    return rows


def run() -> list[tuple[str, str]]:
    """Build the account, discover every supported type, codify every object; printable rows."""
    from stacks.config import PROD

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        emulator = Emulator.start()
        try:
            emulator.seed(1)
            build_account(emulator.session(), emulator.endpoint, PROD)
            write_cli_config(root / "terraform.rc", find_provider_mirror(os.environ))
            environ = {**os.environ, **emulator.environment(), "TF_CLI_CONFIG_FILE": str(root / "terraform.rc")}
            inventory = discover(emulator.session(), DiscoverySettings(region=emulator.region,
                                                                       endpoint_url=emulator.endpoint))
            objects = sorted(inventory.objects, key=lambda o: (o.type, o.import_id))
            load = os.getloadavg()[0]
            fast = _timed(objects, environ, root / "fast", emulator.region, FAST)
            rows = [("machine load (1-min average) before / after", f"{load:.1f} / {os.getloadavg()[0]:.1f} "
                                                                    f"on {os.cpu_count()} cores")]
            rows += _rows("codify", len(objects), *fast)
            if os.environ.get("CODIFY_COMPARE") == "1":
                before = _timed(objects, environ, root / "before", emulator.region, BASELINE)
                rows += _rows("before (baseline engine)", len(objects), *before)
                rows.append(("same CodifyResult before and after", str(before[0] == fast[0])))
        finally:
            emulator.stop()
    return rows
