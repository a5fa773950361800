"""Discovery benchmark: the hand-built prod account in the emulator, every call delayed by 50 ms
(the emulator answers in ~1 ms and is CPU-bound on 2 cores, so latency is what concurrency hides).
Sequential (one worker) versus the concurrent runner, and API calls per discovered resource."""

from __future__ import annotations

from importer.discovery import faults
from importer.discovery.service import DiscoverySettings, discover
from emulator.controller import Emulator
from emulator.scenario.builder import build_account

LATENCY_SECONDS = 0.05


def _measure(emulator: Emulator, workers: int) -> dict[str, float]:
    """Discover the emulator's account three ways: sequential and concurrent at 50 ms per call, and plain."""
    base = dict(region=emulator.region, endpoint_url=emulator.endpoint, instruments=(faults.latency(LATENCY_SECONDS),))
    sequential = discover(emulator.session(), DiscoverySettings(max_workers=1, **base))
    concurrent = discover(emulator.session(), DiscoverySettings(max_workers=workers, **base))
    plain = discover(emulator.session(), DiscoverySettings(region=emulator.region, endpoint_url=emulator.endpoint,
                                                           max_workers=workers))
    return {"sequential": sequential.seconds, "concurrent": concurrent.seconds, "plain": plain.seconds,
            "objects": len(concurrent.objects), "calls": concurrent.api_calls, "types": len(
                {o.type for o in concurrent.objects})}


def _rows(label: str, figures: dict[str, float], workers: int) -> list[tuple[str, str]]:
    objects, calls = figures["objects"], figures["calls"]
    return [
        (f"{label}: 50 ms/call, sequential",
         f"{figures['sequential']:.2f} s ({objects} resources of {figures['types']} types)"),
        (f"{label}: 50 ms/call, {workers} workers", f"{figures['concurrent']:.2f} s"),
        (f"{label}: concurrent / sequential", f"{figures['concurrent'] / figures['sequential']:.2f} (target <= 0.2)"),
        (f"{label}: no injected latency", f"{figures['plain']:.2f} s"),
        (f"{label}: API calls per resource", f"{calls / objects:.2f} ({calls} calls / {objects}; target <= 1.3)"),
    ]


def run(workers: int = 16) -> list[tuple[str, str]]:
    """Build the hand-built account, discover it; add one catalogue object of every other type, discover
    again (every spec type then has an object); return printable rows for both."""
    from emulator.scenario import catalogue
    from emulator.scenario.context import BuildContext
    from stacks.config import PROD

    emulator = Emulator.start()
    try:
        emulator.seed(1)
        build_account(emulator.session(), emulator.endpoint, PROD)
        account = _measure(emulator, workers)
        catalogue.build(BuildContext(emulator.session(), emulator.endpoint, PROD), sorted(catalogue.BUILDERS))
        every_type = _measure(emulator, workers)
    finally:
        emulator.stop()
    return _rows("hand-built account", account, workers) + _rows("with every catalogue type", every_type, workers)
