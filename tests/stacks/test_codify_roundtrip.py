"""Codify round trip on the hand-built prod account: synthesize prod WITHOUT one construct, build
the account, plan (that construct's objects are unmanaged), codify them into a Python module, wire
the module into the stack in its place, synthesize, plan again (every one of them is an import, none
unmanaged) and verify on the real Terraform (every batch clean, final plan empty)."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.tools import PROJECT_ROOT, terraform_environment

pytestmark = [pytest.mark.terraform, pytest.mark.slow]
PARAMETER = re.compile(r"^\s+# (\w+): (aws_\w+)\.(\w+)\.([\w.]+) \(an object outside this module\)$", re.M)
SECRET = re.compile(r"^\s+# (\w+): a secret, never in code", re.M)
# construct id in RetainwiseStack (one nothing else in the stack reads) -> the code paths of its objects
REMOVED = {"alarms": "alarms/", "parameters": "parameters/"}
# (references at least, secrets taken from outside): each alarm notifies the alerts topic (alarm and OK
# actions); a parameter's value is sensitive to the provider, so none is written: all are constructor parameters
EXPECTED = {"alarms": (42, 0), "parameters": (0, 10)}


def _importer(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "importer", *args], cwd=PROJECT_ROOT, env=env, capture_output=True,
                          text=True, timeout=1800)


def _synth(emulator, outdir: Path, removed: str, module: Path | None = None) -> Path:
    """Synthesize prod for the emulator without the construct ``removed``; with ``module``, the
    generated construct takes its place (the one line a user adds, its parameters wired from the
    resources of the stack the module's comments name)."""
    from cdktf import TerraformResource

    from stacks.app import build_app
    from stacks.config import PROD
    from stacks.settings import ProviderSettings

    app, stacks = build_app([PROD], ProviderSettings(endpoint_url=emulator.endpoint), outdir=outdir)
    stack = stacks[PROD.name]
    assert stack.node.try_remove_child(removed)
    if module is not None:
        spec = importlib.util.spec_from_file_location(f"adopted_{removed}", module)
        generated = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(generated)
        resources = {f"{c.terraform_resource_type}.{c.friendly_unique_id}": c for c in stack.node.find_all()
                     if isinstance(c, TerraformResource)}
        wiring = {name: getattr(resources[f"{tf_type}.{address}"], attribute)
                  for name, tf_type, address, attribute in PARAMETER.findall(module.read_text())}
        wiring |= {name: "given-from-outside" for name in SECRET.findall(module.read_text())}
        getattr(generated, f"Adopted{removed.title()}")(stack, f"adopted_{removed}", **wiring)
    app.synth()
    return outdir / "stacks" / PROD.name


@pytest.mark.parametrize("removed", sorted(REMOVED))
def test_codified_construct_round_trips_to_imports_and_a_clean_verify(removed, emulator, tmp_path):
    from emulator.scenario.builder import build_account
    from stacks.config import PROD

    without = _synth(emulator, tmp_path / "without", removed)
    environ = {**terraform_environment(tmp_path), **emulator.environment()}
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")} | environ
    emulator.reset()
    emulator.seed(11)
    report = build_account(emulator.session(), emulator.endpoint, PROD, stack_dir=without,
                           terraform_environment=environ)
    ids = sorted(r.import_id for r in report.records if (r.code_path or "").startswith(REMOVED[removed]))
    assert ids
    imports = tmp_path / "imports"
    # plan discovers only the types its config has: every supported type is read first, so that
    # objects of a type the code no longer holds at all are listed as unmanaged
    discovered = _importer(env, "discover", "--output", str(imports / "inventory.json"))
    assert discovered.returncode == 0, discovered.stderr
    first = _importer(env, "plan", "--config", str(without / "cdk.tf.json"), "--output-dir", str(imports),
                      "--inventory", str(imports / "inventory.json"))
    assert first.returncode == 2, first.stderr
    unmanaged = {u["id"] for u in json.loads((imports / "plan.json").read_text())["unmanaged"]}
    assert set(ids) <= unmanaged

    module = tmp_path / f"adopted_{removed}.py"
    selection = [arg for import_id in ids for arg in ("--select", import_id)]
    codified = _importer(env, "codify", "--config", str(without / "cdk.tf.json"), "--output-dir", str(imports),
                         *selection, "--output", str(module), "--class-name", f"Adopted{removed.title()}")
    assert codified.returncode == 0, codified.stdout + codified.stderr
    source = module.read_text()
    total = re.search(r"total\s*│\s*(\d+)\s*│\s*(\d+)\s*│\s*(\d+)\s*│\s*(\d+)\s*│\s*(\d+)", codified.stdout)
    assert total and int(total.group(1)) == len(ids), codified.stdout
    print(f"\n{removed}: {total.group(1)} resources, {total.group(2)} references, {total.group(3)} literals, "
          f"{total.group(4)} literal IDs, {total.group(5)} secrets\n{codified.stdout}")
    references, secrets = EXPECTED[removed]
    assert int(total.group(2)) >= references and int(total.group(5)) == secrets, source

    with_module = _synth(emulator, tmp_path / "with", removed, module)
    again = tmp_path / "imports-again"
    second = _importer(env, "plan", "--config", str(with_module / "cdk.tf.json"), "--output-dir", str(again),
                       "--inventory", str(imports / "inventory.json"))
    assert second.returncode == 2, second.stderr
    plan = json.loads((again / "plan.json").read_text())
    imported = {i["id"] for batch in plan["batches"] for i in batch["imports"]}
    assert set(ids) <= imported and not set(ids) & {u["id"] for u in plan["unmanaged"]}
    verified = _importer(env, "verify", "--config", str(with_module / "cdk.tf.json"), "--output-dir", str(again))
    assert verified.returncode == 0, verified.stdout[-4000:] + verified.stderr[-2000:]
    assert json.loads((again / "verify.json").read_text())["final"]["clean"]
    assert source == module.read_text()  # nothing rewrote it
