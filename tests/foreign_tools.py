"""Helpers for the tests that deploy a configuration nobody on the team wrote (HCL folders, CDKTF
apps) with the real Terraform, throw its state away and let the importer adopt it again.

Kept generic: nothing here knows a fixture's names, types or layout beyond "a folder Terraform runs in".
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.tools import PROJECT_ROOT

FOREIGN_FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "foreign"


def copy_fixtures(names: list[str], destination: Path, source: Path = FOREIGN_FIXTURES) -> Path:
    """Copy the named fixture folders side by side under ``destination`` (so relative module
    sources such as ``../shared_modules/x`` still resolve) and return ``destination``."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copytree(source / name, destination / name,
                        ignore=shutil.ignore_patterns(".terraform", "*.tfstate", "*.tfstate.backup", ".terraform.lock.hcl"))
    return destination


def terraform(arguments: list[str], cwd: Path, environ: dict[str, str], *, expect: tuple[int, ...] = (0,),
              timeout: int = 600) -> subprocess.CompletedProcess:
    """Run ``terraform <arguments>`` in ``cwd``; fail the test with its output unless the exit code is expected."""
    command = ["terraform", *arguments]
    if arguments and arguments[0] in ("init", "plan", "apply", "destroy", "import"):
        command += ["-input=false", "-no-color"]
    result = subprocess.run(command, cwd=cwd, env=environ, capture_output=True, text=True, timeout=timeout)
    if result.returncode not in expect:
        pytest.fail(f"terraform {' '.join(arguments)} in {cwd} exited {result.returncode} (expected {expect})\n"
                    f"{result.stdout[-6000:]}\n{result.stderr[-4000:]}")
    return result


def deploy(workdir: Path, environ: dict[str, str], options: list[str] = ()) -> None:
    """``terraform init`` then ``apply -auto-approve`` with ``options`` (``-var-file=...``, ``-var=...``)."""
    terraform(["init"], workdir, environ)
    terraform(["apply", "-auto-approve", *options], workdir, environ)


def read_state(path: Path) -> dict:
    """The parsed state file at ``path``."""
    return json.loads(path.read_text())


def instance_address(resource: dict, instance: dict) -> str:
    """The full instance address of one state instance (module path, type.name, count/for_each key)."""
    address = f"{resource['type']}.{resource['name']}"
    if resource.get("module"):
        address = f"{resource['module']}.{address}"
    key = instance.get("index_key")
    if isinstance(key, str):
        address += f'["{key}"]'
    elif key is not None:
        address += f"[{key}]"
    return address


# Types whose `id` provider 5.100 makes up at create time (`<role>-<timestamp>`) and writes otherwise on import
# (`<role>/<policy ARN>`): the same object is told by these attributes instead.
GENERATED_IDS = {"aws_iam_role_policy_attachment": ("role", "policy_arn")}


def managed_ids(state: dict) -> dict[str, str]:
    """{instance address: id} of every managed instance in a parsed state (data sources left out); for a type
    of ``GENERATED_IDS``, its identifying attributes joined by ``|``."""
    def identifier(resource: dict, attributes: dict) -> str:
        names = GENERATED_IDS.get(resource["type"])
        return "|".join(str(attributes.get(name)) for name in names) if names else attributes["id"]

    return {instance_address(resource, instance): identifier(resource, instance["attributes"])
            for resource in state.get("resources", []) if resource.get("mode") == "managed"
            for instance in resource.get("instances", [])}


def keep_in_state(path: Path, keep: set[str]) -> None:
    """Trim the state file at ``path`` to the managed instances whose address is in ``keep`` (data
    sources dropped too), bumping the serial as Terraform would for a changed state."""
    state = read_state(path)
    resources = []
    for resource in state.get("resources", []):
        if resource.get("mode") != "managed":
            continue
        instances = [i for i in resource.get("instances", []) if instance_address(resource, i) in keep]
        if instances:
            resources.append({**resource, "instances": instances})
    state["resources"] = resources
    state["serial"] = state.get("serial", 0) + 1
    path.write_text(json.dumps(state, indent=2))


def every_third(addresses: list[str]) -> set[str]:
    """About a third of ``addresses`` (every third one in sorted order), deterministic."""
    return set(sorted(addresses)[::3])


@dataclass
class ImporterRun:
    """One run of ``python -m importer`` and what it said."""

    command: list[str]
    returncode: int
    stdout: str
    stderr: str

    def describe(self) -> str:
        """The command with its exit code and output tails, for a failure message."""
        return (f"{' '.join(self.command)} exited {self.returncode}\n--- stdout\n{self.stdout[-6000:]}\n"
                f"--- stderr\n{self.stderr[-6000:]}")


def importer_environment(emulator_environment: dict[str, str], terraform_environment: dict[str, str]) -> dict[str, str]:
    """The environment the importer CLI runs with: the caller's AWS_* variables replaced by the
    emulator's, and the Terraform CLI config of the test."""
    base = {k: v for k, v in terraform_environment.items() if not k.startswith("AWS_")}
    return {**base, **emulator_environment}


def importer(command: str, config_flags: list[str], environ: dict[str, str], *extra: str,
             timeout: int = 900) -> ImporterRun:
    """Run ``python -m importer <command> <config_flags> <extra>`` from the project root."""
    arguments = [sys.executable, "-m", "importer", command, *config_flags, *extra]
    result = subprocess.run(arguments, cwd=PROJECT_ROOT, env=environ, capture_output=True, text=True,
                            timeout=timeout)
    return ImporterRun(arguments[2:], result.returncode, result.stdout, result.stderr)


def config_flags(config: Path, var_files: list[Path] = (), variables: dict[str, str] | None = None) -> list[str]:
    """The CLI's config flags: ``--config`` plus each ``--var-file`` and ``--var NAME=VALUE``."""
    flags = ["--config", str(config)]
    for var_file in var_files:
        flags += ["--var-file", str(var_file)]
    for name, value in (variables or {}).items():
        flags += ["--var", f"{name}={value}"]
    return flags


def planned_imports(plan: dict) -> dict[str, str]:
    """{address: id} of every import in a plan.json, over all batches."""
    return {entry["address"]: entry["id"] for batch in plan.get("batches", []) for entry in batch["imports"]}


def terraform_options(var_files: list[Path] = (), variables: dict[str, str] | None = None) -> list[str]:
    """The same inputs as Terraform's own ``-var-file``/``-var`` options."""
    return [f"-var-file={f}" for f in var_files] + [f"-var={k}={v}" for k, v in (variables or {}).items()]


def clear_local_state(path: Path) -> None:
    """Throw a local state file (and its backup) away."""
    for candidate in (path, path.with_name(path.name + ".backup")):
        if candidate.exists():
            os.remove(candidate)
