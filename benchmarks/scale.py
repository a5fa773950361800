"""Scale benchmark: a generated HCL folder of N instances in modules with count/for_each
(benchmarks.scale_config), deployed into a fresh emulator with the real Terraform, its state thrown
away, then adopted by the importer: discover, plan --config DIR, verify, apply every batch, and a
final plain ``terraform plan -detailed-exitcode`` that must be empty. Every step is timed and set
against one plain ``terraform plan`` of the deployed config (the baseline).

``python -m benchmarks scale`` (sizes from SCALE_SIZES, default 200,500,1000) or
``python -m benchmarks.scale 200 500``; SCALE_BATCH_SIZE passes ``--batch-size`` to plan; apply is one
``apply --batch all`` (SCALE_APPLY=per-batch: one ``apply --batch k`` per batch). Target: 1,000 resources adopted in under 5 minutes, and
no step growing faster than linearly (growth / size ratio <= 1 from the smallest to the largest N).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.scale_config import write_config
from emulator.controller import Emulator
from importer.terraform.cliconfig import find_provider_mirror, write_cli_config

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = (200, 500, 1000)
ADOPTION_STEPS = ("discover", "plan", "verify", "apply all")
TARGET_SECONDS = 300
STEP_TIMEOUT_SECONDS = 1800
# the provider waits ~25 s after creating each SQS queue (attribute propagation): deploy wide
DEPLOY_PARALLELISM = 50


class StepFailed(RuntimeError):
    """A step exited with an unexpected status: which step, the command and its output."""


@dataclass
class SizeResult:
    """Figures for one N."""

    size: int
    instances: int
    seconds: dict[str, float] = field(default_factory=dict)
    batches: int = 0
    apply_seconds: list[float] = field(default_factory=list)
    failure: str = ""

    @property
    def adoption(self) -> float:
        """Seconds of the importer's steps together."""
        return sum(self.seconds.get(step, 0.0) for step in ADOPTION_STEPS)


def timed(step: str, command: list[str], cwd: Path, environ: dict[str, str], ok=(0,)) -> float:
    """Run ``command``; its wall time, or StepFailed naming ``step`` with the output's tail."""
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=environ, capture_output=True, text=True,
                            timeout=STEP_TIMEOUT_SECONDS)
    seconds = time.perf_counter() - started
    if result.returncode not in ok:
        raise StepFailed(f"{step}: `{' '.join(command)}` exited {result.returncode} after {seconds:.1f} s\n"
                         f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return seconds


def deploy(directory: Path, environ: dict[str, str], result: SizeResult) -> None:
    """terraform init + apply (timed as deploy), then one plain plan of the deployed config (baseline)."""
    result.seconds["init"] = timed("init", ["terraform", "init", "-input=false"], directory, environ)
    result.seconds["deploy"] = timed("deploy", ["terraform", "apply", "-auto-approve", "-input=false",
                                                f"-parallelism={DEPLOY_PARALLELISM}"], directory, environ)
    state = json.loads((directory / "terraform.tfstate").read_text())
    result.instances = sum(len(r["instances"]) for r in state["resources"] if r["mode"] == "managed")
    result.seconds["baseline plan"] = timed("baseline plan", ["terraform", "plan", "-input=false",
                                                              "-detailed-exitcode"], directory, environ)


def adopt(directory: Path, output: Path, environ: dict[str, str], result: SizeResult) -> None:
    """Throw the state away and adopt everything with the importer; the final plan must be empty."""
    for name in ("terraform.tfstate", "terraform.tfstate.backup"):
        (directory / name).unlink(missing_ok=True)
    importer = [sys.executable, "-m", "importer"]
    config = ["--config", str(directory)]
    inventory = output / "inventory.json"
    # every supported type (the emulator holds only this configuration's objects)
    result.seconds["discover"] = timed("discover", [*importer, "discover", "--output", str(inventory)],
                                       PROJECT_ROOT, environ)
    batch_size = ["--batch-size", os.environ["SCALE_BATCH_SIZE"]] if os.environ.get("SCALE_BATCH_SIZE") else []
    result.seconds["plan"] = timed("plan", [*importer, "plan", *config, "--inventory", str(inventory), *batch_size,
                                            "--output-dir", str(output)], PROJECT_ROOT, environ, ok=(0, 2))
    result.seconds["verify"] = timed("verify", [*importer, "verify", *config, "--output-dir", str(output)],
                                     PROJECT_ROOT, environ)
    batches = [batch["index"] for batch in json.loads((output / "plan.json").read_text())["batches"]]
    result.batches = len(batches)
    # default: `apply --batch all` (one saved plan for every verified batch); SCALE_APPLY=per-batch: one run each
    for k in (batches if os.environ.get("SCALE_APPLY") == "per-batch" else ["all"]):
        result.apply_seconds.append(timed(f"apply batch {k}", [*importer, "apply", *config, "--batch", str(k),
                                                               "--output-dir", str(output)], PROJECT_ROOT, environ))
        result.seconds["apply all"] = sum(result.apply_seconds)
    result.seconds["final plan"] = timed("final plan (must be empty)", ["terraform", "plan", "-input=false",
                                                                        "-detailed-exitcode"], directory, environ)


def measure(size: int, scratch: Path, deploy_only: bool = False) -> SizeResult:
    """Deploy ``size`` instances into a fresh emulator and adopt them; figures, or the failure."""
    root = scratch / f"n{size}"
    directory, output = root / f"scale{size}", root / "out"
    output.mkdir(parents=True)
    result = SizeResult(size, write_config(directory, size).total)
    write_cli_config(root / "terraform.rc", find_provider_mirror(os.environ))
    emulator = Emulator.start(log_path=root / "emulator.log")
    try:
        environ = {**os.environ, **emulator.environment(), "TF_CLI_CONFIG_FILE": str(root / "terraform.rc"),
                   "CHECKPOINT_DISABLE": "1", "TF_IN_AUTOMATION": "1"}
        environ.pop("TF_LOG", None)
        deploy(directory, environ, result)
        if not deploy_only:
            adopt(directory, output, environ, result)
    except StepFailed as error:
        result.failure = str(error)
    finally:
        emulator.stop()
    return result


def rows_for(result: SizeResult) -> list[tuple[str, str]]:
    """Printable rows for one N: each step's seconds and ratio to the baseline plan, the total."""
    n = f"N={result.size:,}"
    baseline = result.seconds.get("baseline plan")
    rows = [(f"{n}: deploy (init + apply -parallelism={DEPLOY_PARALLELISM})",
             f"{result.seconds.get('init', 0) + result.seconds.get('deploy', 0):.1f} s ({result.instances} instances)")]
    for step in ("baseline plan", *ADOPTION_STEPS, "final plan"):
        if step in result.seconds:
            ratio = f", {result.seconds[step] / baseline:.1f}x baseline" if baseline and step != "baseline plan" else ""
            applies = result.apply_seconds
            extra = "" if step != "apply all" or not applies else (
                f", {result.batches} batches in one `apply --batch all`" if len(applies) == 1 else
                f", {len(applies)}/{result.batches} batches, first {applies[0]:.1f} s, last {applies[-1]:.1f} s")
            rows.append((f"{n}: {step}", f"{result.seconds[step]:.1f} s{ratio}{extra}"))
    if not result.failure and all(step in result.seconds for step in ADOPTION_STEPS):
        rows.append((f"{n}: whole adoption (discover + plan + verify + apply all)",
                     f"{result.adoption:.1f} s, {result.adoption / baseline:.1f}x baseline"
                     + (f" (target < {TARGET_SECONDS} s at 1,000)" if result.size >= 1000 else "")))
    if result.failure:
        lines = [line for line in result.failure.splitlines() if line.strip()]
        rows.append((f"{n}: FAILED at {result.failure.split(':')[0]}", lines[-1][:300]))
    return rows


def growth_rows(results: list[SizeResult]) -> list[tuple[str, str]]:
    """Per step: (time at the largest N / time at the smallest) / (largest N / smallest N)."""
    done = [r for r in results if not r.failure]
    if len(done) < 2:
        return []
    small, large = min(done, key=lambda r: r.size), max(done, key=lambda r: r.size)
    size_ratio = large.instances / small.instances
    rows = []
    for step in ("deploy", "baseline plan", *ADOPTION_STEPS, "final plan"):
        if step in small.seconds and step in large.seconds:
            growth = large.seconds[step] / small.seconds[step]
            rows.append((f"growth {small.size}->{large.size}: {step}",
                         f"{growth:.2f}x time / {size_ratio:.2f}x size = {growth / size_ratio:.2f} (target <= 1)"))
    return rows


def sizes_from(argv: list[str]) -> tuple[int, ...]:
    """Sizes from argv, else SCALE_SIZES (comma-separated), else the defaults."""
    text = ",".join(argv) or os.environ.get("SCALE_SIZES", "")
    return tuple(int(part) for part in text.split(",") if part.strip()) or DEFAULT_SIZES


def run(sizes: tuple[int, ...] | None = None, deploy_only: bool = False) -> list[tuple[str, str]]:
    """Printable rows for every size (SCALE_SIZES when not given) and the growth per step."""
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        for size in sizes or sizes_from([]):
            result = measure(size, Path(scratch), deploy_only)
            if result.failure:
                print(result.failure, file=sys.stderr)
            results.append(result)
    return [row for result in results for row in rows_for(result)] + growth_rows(results)


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--deploy-only"]
    for label, figure in run(sizes_from(arguments), deploy_only="--deploy-only" in sys.argv):
        print(f"{label:70s} {figure}")
