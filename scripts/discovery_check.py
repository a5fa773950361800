"""Development check: build the hand-built account in a fresh emulator, discover every type that has
a spec, and print what discovery missed or found extra compared with the builder's report.

    .venv/bin/python scripts/discovery_check.py
"""
import sys, time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from emulator.controller import Emulator
from emulator.scenario.builder import build_account
from importer.discovery.session import ClientFactory
from importer.discovery.runner import DiscoveryRunner
from importer.specs import registry, required_specs
from stacks.config import PROD
e = Emulator.start()
try:
    e.seed(1)
    report = build_account(e.session(), e.endpoint, PROD)
    types = set(registry())
    specs = required_specs(types)
    allowed = frozenset((s.service, op) for s in specs for op in s.operations())
    factory = ClientFactory(e.session(), "us-east-1", allowed, endpoint_url=e.endpoint)
    t = time.time()
    inv = DiscoveryRunner(factory).run(specs, types)
    print("seconds", time.time() - t, "calls", inv.api_calls, "objects", len(inv.objects), "failures", inv.failures)
    found = {(o.type, o.import_id) for o in inv.objects}
    expected = {(r.type, r.import_id) for r in report.records if r.type in types}
    print("calls by service:", inv.calls_by_service)
    print("missing:", sorted(expected - found))
    print("extra:", sorted(found - expected))
finally:
    e.stop()
