"""Staging and dev copies are real: each environment's stack, synthesized with emulator settings,
goes through the real Terraform CLI and AWS provider against the local emulator: init (S3
backend in the emulator), apply, a second plan that must be empty, and a destroy that leaves
nothing of the stack behind.

The wall time of each phase is printed (``pytest -s``) and, when ``COPY_TIMINGS_FILE`` is set,
written there as JSON (``{env: {phase: seconds}}``, merged with what the file already holds).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from stacks.app import build_app
from stacks.config import ENVIRONMENTS
from stacks.settings import ProviderSettings
from tests.tools import run, terraform_environment

pytestmark = pytest.mark.terraform

COPIES = ["staging", "dev"]
PHASE_TIMEOUT_SECONDS = 900


class PhaseClock:
    """Wall time per named phase, in the order the phases ran."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """Time the enclosed block as ``name`` (recorded even when the block fails)."""
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = round(time.perf_counter() - started, 2)

    def report(self, env: str) -> None:
        """Print the timings and merge them into ``COPY_TIMINGS_FILE`` when that is set."""
        print(f"\n[{env}] " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in self.seconds.items()))
        target = os.environ.get("COPY_TIMINGS_FILE")
        if not target:
            return
        path = Path(target)
        recorded = json.loads(path.read_text()) if path.exists() and path.read_text().strip() else {}
        recorded[env] = dict(self.seconds)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(recorded, indent=2, sort_keys=True) + "\n")


def synthesize_for_emulator(env: str, endpoint: str, outdir: Path) -> Path:
    """Synthesize one environment with emulator settings and return its stack directory."""
    app, _ = build_app([ENVIRONMENTS[env]], ProviderSettings(endpoint_url=endpoint), outdir=outdir)
    app.synth()
    stack_dir = outdir / "stacks" / env
    assert (stack_dir / "cdk.tf.json").is_file()
    return stack_dir


def terraform(args: list[str], workdir: Path, environ: dict[str, str]):
    """Run ``terraform <args>`` without colour, failing the test with its output on error."""
    return run(["terraform", *args, "-no-color"], workdir, environ, timeout=PHASE_TIMEOUT_SECONDS)


def created_counts(config: dict) -> dict[str, int]:
    """Number of resources per type in a synthesized config."""
    return {tf_type: len(blocks) for tf_type, blocks in config.get("resource", {}).items()}


def active_clusters(emulator, prefix: str) -> list[str]:
    """ARNs of the ACTIVE ECS clusters named with ``prefix``.

    A deleted cluster stays listed as INACTIVE for a while, in AWS as in the emulator.
    """
    ecs = emulator.client("ecs")
    arns = [arn for arn in ecs.list_clusters()["clusterArns"] if prefix in arn]
    if not arns:
        return []
    return [c["clusterArn"] for c in ecs.describe_clusters(clusters=arns)["clusters"] if c["status"] == "ACTIVE"]


def stack_objects(emulator, prefix: str, environment_tag: str) -> dict[str, list[str]]:
    """Objects of the stack present in the emulator, per kind (an empty list when there are none)."""
    ec2 = emulator.client("ec2")
    tag_filter = [{"Name": "tag:Environment", "Values": [environment_tag]}]
    found = {
        "vpcs": [v["VpcId"] for v in ec2.describe_vpcs(Filters=tag_filter)["Vpcs"]],
        "subnets": [s["SubnetId"] for s in ec2.describe_subnets(Filters=tag_filter)["Subnets"]],
        "security groups": [g["GroupId"] for g in ec2.describe_security_groups(Filters=tag_filter)["SecurityGroups"]],
        "queues": emulator.client("sqs").list_queues(QueueNamePrefix=prefix).get("QueueUrls", []),
        "topics": [t["TopicArn"] for t in emulator.client("sns").list_topics()["Topics"] if prefix in t["TopicArn"]],
        "buckets": [b["Name"] for b in emulator.client("s3").list_buckets()["Buckets"]
                    if b["Name"].startswith(prefix) and not b["Name"].endswith("-tfstate")],
        "roles": [r["RoleName"] for r in emulator.client("iam").list_roles()["Roles"]
                  if r["RoleName"].startswith(prefix)],
        "log groups": [g["logGroupName"] for g in emulator.client("logs").describe_log_groups()["logGroups"]
                       if prefix in g["logGroupName"]],
        "parameters": [p["Name"] for p in emulator.client("ssm").describe_parameters()["Parameters"]
                       if prefix in p["Name"] or f"/{environment_tag}/" in p["Name"]],
        "ecs clusters": active_clusters(emulator, prefix),
        "load balancers": [lb["LoadBalancerName"] for lb in
                           emulator.client("elbv2").describe_load_balancers()["LoadBalancers"]
                           if lb["LoadBalancerName"].startswith(environment_tag)],
        "db instances": [db["DBInstanceIdentifier"] for db in
                         emulator.client("rds").describe_db_instances()["DBInstances"]
                         if db["DBInstanceIdentifier"].startswith(prefix)],
        "functions": [f["FunctionName"] for f in emulator.client("lambda").list_functions()["Functions"]
                      if f["FunctionName"].startswith(prefix)],
        "alarms": [a["AlarmName"] for a in emulator.client("cloudwatch").describe_alarms()["MetricAlarms"]
                   if a["AlarmName"].startswith(prefix)],
    }
    return found


@pytest.mark.parametrize("env", COPIES)
def test_environment_copy_applies_plans_clean_and_destroys(clean_emulator, tmp_path, env):
    emulator = clean_emulator
    config = ENVIRONMENTS[env]
    environ = {**terraform_environment(tmp_path), **emulator.environment()}
    clock = PhaseClock()
    try:
        with clock.phase("synth"):
            stack_dir = synthesize_for_emulator(env, emulator.endpoint, tmp_path / "synth")
        workdir = tmp_path / "work"
        shutil.copytree(stack_dir, workdir)
        synthesized = json.loads((workdir / "cdk.tf.json").read_text())
        assert synthesized["terraform"]["backend"]["s3"]["bucket"] == config.state_bucket

        emulator.client("s3").create_bucket(Bucket=config.state_bucket)

        with clock.phase("init"):
            terraform(["init", "-input=false"], workdir, environ)
        with clock.phase("apply"):
            terraform(["apply", "-auto-approve", "-input=false"], workdir, environ)

        state = json.loads(terraform(["show", "-json"], workdir, environ).stdout)
        managed = [r for r in state["values"]["root_module"].get("resources", []) if r["mode"] == "managed"]
        assert len(managed) == sum(created_counts(synthesized).values())
        created = stack_objects(emulator, config.prefix, env)
        assert [kind for kind, names in created.items() if not names] == [], "applied but missing in the emulator"

        with clock.phase("second plan"):
            second = plan_detailed(workdir, environ)
        assert second.returncode == 0, f"second plan is not empty:\n{second.stdout[-6000:]}\n{second.stderr[-3000:]}"

        with clock.phase("destroy"):
            terraform(["destroy", "-auto-approve", "-input=false"], workdir, environ)
        state_after = json.loads(terraform(["show", "-json"], workdir, environ).stdout)
        assert not state_after.get("values", {}).get("root_module", {}).get("resources")
        remaining = stack_objects(emulator, config.prefix, env)
        assert {kind: names for kind, names in remaining.items() if names} == {}, "destroy left objects behind"
    finally:
        clock.report(env)


def plan_detailed(workdir: Path, environ: dict[str, str]) -> subprocess.CompletedProcess:
    """``terraform plan -detailed-exitcode``: exit 0 no changes, 2 changes, 1 error; the caller judges."""
    return subprocess.run(["terraform", "plan", "-detailed-exitcode", "-input=false", "-no-color"], cwd=workdir,
                          env=environ, capture_output=True, text=True, timeout=PHASE_TIMEOUT_SECONDS)
