"""Discovery benchmark: the hand-built prod account in the emulator, every call delayed by 50 ms
(the emulator answers in ~1 ms and is CPU-bound on 2 cores, so latency is what concurrency hides).
Sequential (one worker) versus the concurrent runner, and API calls per discovered resource."""

from __future__ import annotations

from importer.discovery import faults
from importer.discovery.service import DiscoverySettings, discover
from emulator.controller import Emulator
from emulator.scenario.builder import build_account

LATENCY_SECONDS = 0.05


def run(workers: int = 16) -> list[tuple[str, str]]:
    """Build the account once, discover it twice, and return printable rows."""
    from stacks.config import PROD

    emulator = Emulator.start()
    try:
        emulator.seed(1)
        build_account(emulator.session(), emulator.endpoint, PROD)
        base = dict(region=emulator.region, endpoint_url=emulator.endpoint, instruments=(faults.latency(LATENCY_SECONDS),))
        sequential = discover(emulator.session(), DiscoverySettings(max_workers=1, **base))
        concurrent = discover(emulator.session(), DiscoverySettings(max_workers=workers, **base))
        plain = discover(emulator.session(), DiscoverySettings(region=emulator.region, endpoint_url=emulator.endpoint,
                                                               max_workers=workers))
    finally:
        emulator.stop()
    objects = len(concurrent.objects)
    return [
        ("discovery, 50 ms/call, sequential", f"{sequential.seconds:.2f} s ({len(sequential.objects)} resources)"),
        (f"discovery, 50 ms/call, {workers} workers", f"{concurrent.seconds:.2f} s"),
        ("concurrent / sequential", f"{concurrent.seconds / sequential.seconds:.2f} (target <= 0.2)"),
        ("discovery, no injected latency", f"{plain.seconds:.2f} s"),
        ("API calls per discovered resource", f"{concurrent.api_calls / objects:.2f} "
                                              f"({concurrent.api_calls} calls / {objects}; target <= 1.3)"),
    ]
