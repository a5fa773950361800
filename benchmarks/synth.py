"""Synth benchmark: all three stacks, plain CDKTF imports versus the light provider bindings.

Each variant runs ``main.py`` in a fresh interpreter (as ``cdktf synth`` does), so import
cost is included; the outputs of both variants are compared byte for byte.
"""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Importing the full bindings package first disables the stand-in (see stacks/__init__.py).
_RUN_MAIN = "import runpy, sys; sys.path.insert(0, {root!r}); {preload}runpy.run_path({main!r}, run_name='__main__')"


@dataclass(frozen=True)
class SynthRun:
    """One synth of every stack: wall time and where it wrote."""

    variant: str
    seconds: float
    outdir: Path


def synth_once(outdir: Path, full_bindings: bool) -> SynthRun:
    """Run main.py in a new interpreter writing to ``outdir``; raise with its output on failure."""
    code = _RUN_MAIN.format(
        root=str(PROJECT_ROOT), main=str(PROJECT_ROOT / "main.py"),
        preload="import cdktf_cdktf_provider_aws; " if full_bindings else "",
    )
    environ = dict(os.environ, CDKTF_OUTDIR=str(outdir))
    environ.pop("AWS_ENDPOINT_URL", None)
    environ.pop("RETAINWISE_ENVIRONMENTS", None)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, env=environ, capture_output=True,
                            text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"synth failed ({'full' if full_bindings else 'light'} bindings):\n{result.stderr[-3000:]}")
    return SynthRun("plain CDKTF imports" if full_bindings else "light bindings", seconds, outdir)


def same_stacks(first: Path, second: Path) -> bool:
    """True when every stack's cdk.tf.json is byte-identical in both output folders."""
    stacks = sorted(path.name for path in (first / "stacks").iterdir())
    if stacks != sorted(path.name for path in (second / "stacks").iterdir()):
        return False
    return all(filecmp.cmp(first / "stacks" / name / "cdk.tf.json", second / "stacks" / name / "cdk.tf.json",
                           shallow=False) for name in stacks)


def run(repeats: int = 2) -> list[tuple[str, str]]:
    """Time both variants (best of ``repeats``) and return printable rows."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        light = min((synth_once(root / f"light{i}", False) for i in range(repeats)), key=lambda r: r.seconds)
        plain = min((synth_once(root / f"plain{i}", True) for i in range(repeats)), key=lambda r: r.seconds)
        identical = same_stacks(light.outdir, plain.outdir)
    return [
        ("synth 3 stacks, plain CDKTF imports", f"{plain.seconds:.2f} s"),
        ("synth 3 stacks, light provider bindings", f"{light.seconds:.2f} s (target <= 5 s)"),
        ("speed-up", f"{plain.seconds / light.seconds:.1f}x"),
        ("outputs byte-identical", "yes" if identical else "NO"),
    ]
