"""Reconciliation benchmark: synthetic desired/live/state sets of 2,000 and 20,000 resources
(VPCs with subnets, security groups and rules, queues with policies, log groups), planned in a
fresh interpreter each, reporting wall time and peak memory (max RSS)."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

GROUP = 40  # resources per VPC group: 1 vpc, 8 subnets, 8 groups, 8 rules, 5 queues, 5 policies, 5 log groups


def synthetic(size: int, directory: Path) -> tuple[Path, Path, Path]:
    """Write config, inventory and state for ``size`` resources (10 % already in state)."""
    resources: dict[str, dict] = {}
    objects, state = [], []

    def add(type_name, name, body, live_id, identity, references=None, aliases=()):
        resources.setdefault(type_name, {})[name] = body
        objects.append({"type": type_name, "import_id": live_id, "identity": identity,
                        "references": references or {}, "aliases": list(aliases), "attributes": {}})
        if len(objects) % 10 == 0:
            state.append({"mode": "managed", "type": type_name, "name": name,
                          "instances": [{"attributes": {"id": live_id, **body}}]})

    for g in range(size // GROUP):
        vpc = f"vpc-{g:06d}"
        cidr = f"10.{g // 256}.{g % 256}.0/24"
        add("aws_vpc", f"v{g}", {"cidr_block": cidr, "tags": {"Name": f"vpc{g}"}}, vpc,
            {"cidr_block": cidr, "tags.Name": f"vpc{g}"})
        for i in range(8):
            add("aws_subnet", f"s{g}_{i}", {"vpc_id": f"${{aws_vpc.v{g}.id}}", "cidr_block": f"10.{g}.{i}.0/28"},
                f"subnet-{g:06d}{i}", {"cidr_block": f"10.{g}.{i}.0/28"}, {"vpc_id": vpc})
            add("aws_security_group", f"g{g}_{i}", {"name": f"sg{g}-{i}", "vpc_id": f"${{aws_vpc.v{g}.id}}"},
                f"sg-{g:06d}{i}", {"name": f"sg{g}-{i}"}, {"vpc_id": vpc})
            add("aws_vpc_security_group_ingress_rule", f"r{g}_{i}", {
                "security_group_id": f"${{aws_security_group.g{g}_{i}.id}}", "from_port": 443, "to_port": 443,
                "ip_protocol": "tcp", "cidr_ipv4": "0.0.0.0/0"}, f"sgr-{g:06d}{i}",
                {"from_port": 443, "to_port": 443, "ip_protocol": "tcp", "cidr_ipv4": "0.0.0.0/0"},
                {"security_group_id": f"sg-{g:06d}{i}"})
        for i in range(5):
            url = f"https://sqs.us-east-1.amazonaws.com/123456789012/q{g}-{i}"
            add("aws_sqs_queue", f"q{g}_{i}", {"name": f"q{g}-{i}"}, url, {"name": f"q{g}-{i}"})
            add("aws_sqs_queue_policy", f"p{g}_{i}", {"queue_url": f"${{aws_sqs_queue.q{g}_{i}.url}}"}, url, {},
                {"queue_url": url})
            add("aws_cloudwatch_log_group", f"l{g}_{i}", {"name": f"/app/{g}/{i}"}, f"/app/{g}/{i}",
                {"name": f"/app/{g}/{i}"})
    paths = directory / "main.tf.json", directory / "inventory.json", directory / "terraform.tfstate"
    paths[0].write_text(json.dumps({"resource": resources}))
    paths[1].write_text(json.dumps({"region": "us-east-1", "complete": True, "failures": [], "objects": objects,
                                    "types": sorted(resources), "stats": {}}))
    paths[2].write_text(json.dumps({"version": 4, "serial": 1, "lineage": "bench", "resources": state}))
    return paths


_MEASURE = """
import json, sys, time
from pathlib import Path
from importer.desired.config import load_config
from importer.discovery.inventory import Inventory
from importer.planner import build_plan
from importer.specs import registry
from importer.state.source import read_state

config_path, inventory_path, state_path = map(Path, sys.argv[1:4])
started = time.perf_counter()
config = load_config(config_path)
inventory = Inventory.from_json(inventory_path.read_text())
state = read_state(str(state_path), lambda: None)
plan = build_plan("bench", config, state, inventory, registry())
seconds = time.perf_counter() - started
# VmHWM (this process's peak RSS) resets on exec; ru_maxrss would include the parent's memory.
peak_kb = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"seconds": seconds, "rss_mb": peak_kb / 1024, "summary": plan.summary()}))
"""


def measure(size: int) -> dict:
    """Plan ``size`` synthetic resources in a fresh interpreter; return its figures."""
    with tempfile.TemporaryDirectory() as scratch:
        paths = synthetic(size, Path(scratch))
        result = subprocess.run([sys.executable, "-c", _MEASURE, *map(str, paths)], capture_output=True, text=True,
                                cwd=Path(__file__).resolve().parent.parent, check=True)
    return json.loads(result.stdout)


def run(sizes: tuple[int, ...] = (2000, 20000)) -> list[tuple[str, str]]:
    """Printable rows: time and peak memory per size."""
    rows = []
    for size in sizes:
        figures = measure(size)
        summary = figures["summary"]
        rows.append((f"plan {size:,} resources (load + match + batch)",
                     f"{figures['seconds']:.2f} s, {figures['rss_mb']:.0f} MB peak RSS (VmHWM) "
                     f"({summary['import']} imports in {summary['batches']} batches, {summary['managed']} managed)"))
    rows.append(("target at 20,000", "<= 3 s and <= 1 GB"))
    return rows
