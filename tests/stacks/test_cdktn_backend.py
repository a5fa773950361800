"""The two CDK backends (issue 17): CDKTF (``.venv``) and CDK Terrain (``.venv-cdktn``, ``make
setup-cdktn``) synthesize the same stacks. Every stack is synthesized with both (each through
``main.py`` in a subprocess of its own environment, the backend chosen by what is installed) and
must give the same parsed JSON (the CDK version string aside), the same Lambda assets, the same
``terraform validate`` result against the local mirror and the same importer config digest, so a
``verify`` made under one backend stays valid under the other. The fast tests check the selection
rule and that the stacks import CDK and provider classes only through :mod:`stacks.cdk` and
:mod:`stacks.aws`."""

from __future__ import annotations

import ast
import hashlib
import json
import os
import subprocess
import time
from pathlib import Path

import pytest

from importer.verify.batch_config import config_digest
from stacks import BACKENDS, select_backend
from stacks.config import ENVIRONMENTS
from tests.tools import PROJECT_ROOT, run, terraform_environment

PYTHONS = {"cdktf": PROJECT_ROOT / ".venv" / "bin" / "python", "cdktn": PROJECT_ROOT / ".venv-cdktn" / "bin" / "python"}
VERSIONS = {"cdktf": "0.21.0", "cdktn": "0.24.0"}
FACADES = {"stacks/cdk.py", "stacks/aws.py", "stacks/__init__.py"}
BACKEND_MODULES = {package for pair in BACKENDS.values() for package in pair}


# --- the selection rule and the one place (fast) ----------------------------------------------------

@pytest.mark.parametrize("environ, installed, expected", [
    ({}, {"cdktf", "cdktf_cdktf_provider_aws", "cdktn", "cdktn_provider_aws"}, "cdktf"),
    ({}, {"cdktn", "cdktn_provider_aws"}, "cdktn"),
    ({}, {"cdktf", "cdktn", "cdktn_provider_aws"}, "cdktn"),  # cdktf without its bindings is not usable
    ({"RETAINWISE_CDK": "cdktn"}, {"cdktf", "cdktf_cdktf_provider_aws", "cdktn", "cdktn_provider_aws"}, "cdktn"),
    ({"RETAINWISE_CDK": " cdktf "}, {"cdktf", "cdktf_cdktf_provider_aws"}, "cdktf"),
])
def test_the_setting_or_the_installed_backend_is_selected(environ, installed, expected):
    assert select_backend(environ, installed.__contains__) == expected


@pytest.mark.parametrize("environ, installed, names", [
    ({"RETAINWISE_CDK": "terrain"}, {"cdktn", "cdktn_provider_aws"}, "RETAINWISE_CDK='terrain': choose one of cdktf, cdktn"),
    ({"RETAINWISE_CDK": "cdktn"}, {"cdktf", "cdktf_cdktf_provider_aws", "cdktn"}, "cdktn_provider_aws not installed"),
    ({"RETAINWISE_CDK": "cdktn"}, set(), "make setup-cdktn"),
    ({}, set(), "neither cdktf nor cdktn is installed"),
])
def test_a_bad_or_unusable_setting_is_one_line(environ, installed, names):
    with pytest.raises(SystemExit) as error:
        select_backend(environ, installed.__contains__)
    assert names in str(error.value) and "\n" not in str(error.value)


def _imports(path: Path) -> list[ast.ImportFrom | ast.Import]:
    return [node for node in ast.walk(ast.parse(path.read_text())) if isinstance(node, (ast.Import, ast.ImportFrom))]


def test_stacks_import_cdk_and_provider_classes_only_through_the_facades():
    offenders = []
    for path in sorted([*PROJECT_ROOT.glob("stacks/**/*.py"), PROJECT_ROOT / "main.py"]):
        relative = str(path.relative_to(PROJECT_ROOT))
        for node in [] if relative in FACADES else _imports(path):
            modules = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            offenders += [f"{relative}:{node.lineno} {m}" for m in modules if m.split(".")[0] in BACKEND_MODULES]
    assert not offenders, offenders


def _provider_branches() -> list[list[tuple[str, tuple[str, ...]]]]:
    """(module, names) of every import in each branch of stacks/aws.py's one ``if``."""
    tree = ast.parse((PROJECT_ROOT / "stacks" / "aws.py").read_text())
    branch, = [node for node in tree.body if isinstance(node, ast.If)]
    return [[(node.module, tuple(alias.name for alias in node.names)) for node in body]
            for body in (branch.body, branch.orelse)]


def test_both_provider_branches_import_the_same_classes_from_the_same_submodules():
    cdktf, cdktn = _provider_branches()
    assert {module.split(".")[0] for module, _ in cdktf} == {"cdktf_cdktf_provider_aws"}
    assert [(module.replace("cdktf_cdktf_provider_aws.", "cdktn_provider_aws.", 1), names)
            for module, names in cdktf] == cdktn
    import stacks.aws
    names = {name for _, group in cdktf for name in group}
    assert set(stacks.aws.__all__) == names and len(names) > 60


# --- both backends, every stack (real synth in two environments, terraform validate) --------------

def _cdktn_environment() -> Path:
    """The second environment's Python, built with ``make setup-cdktn`` when missing (make test's
    setup builds it first; this covers a plain pytest run)."""
    python = PYTHONS["cdktn"]
    if not python.exists() or not (python.parent.parent / ".synced").exists():
        result = subprocess.run(["make", "setup-cdktn"], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, f"make setup-cdktn failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return python


def _synthesize(backend: str, python: Path, outdir: Path) -> float:
    environ = {key: value for key, value in os.environ.items()
               if key not in {"RETAINWISE_CDK", "RETAINWISE_ENVIRONMENTS", "RETAINWISE_ADOPTED", "IMPORT_BATCH",
                              "AWS_ENDPOINT_URL", "VIRTUAL_ENV"}}
    environ |= {"CDKTF_OUTDIR": str(outdir), "PYTHONPATH": str(PROJECT_ROOT)}
    started = time.monotonic()
    run([str(python), "main.py"], PROJECT_ROOT, environ, timeout=600)  # no RETAINWISE_CDK: what is installed
    return time.monotonic() - started


def _version_aside(document: dict) -> tuple[dict, str]:
    document = json.loads(json.dumps(document))
    version = document["//"]["metadata"].pop("version")
    return document, version


def _assets(stack_dir: Path) -> dict[str, str]:
    return {str(path.relative_to(stack_dir)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(stack_dir.rglob("*")) if path.is_file() and path.name != "cdk.tf.json"}


def _validate(stack_dir: Path, environ: dict[str, str]) -> dict:
    run(["terraform", "init", "-backend=false", "-input=false", "-no-color"], stack_dir, environ)
    result = json.loads(run(["terraform", "validate", "-json", "-no-color"], stack_dir, environ).stdout)
    result.pop("format_version", None)
    return result


@pytest.mark.slow
@pytest.mark.terraform
def test_every_stack_is_the_same_under_cdktf_and_cdk_terrain(tmp_path):
    environ = terraform_environment(tmp_path)  # skips (or fails under REQUIRE_TERRAFORM) without Terraform
    pythons = {"cdktf": PYTHONS["cdktf"], "cdktn": _cdktn_environment()}
    timings = {backend: _synthesize(backend, python, tmp_path / backend) for backend, python in pythons.items()}
    for name in ENVIRONMENTS:
        dirs = {backend: tmp_path / backend / "stacks" / name for backend in pythons}
        documents = {backend: json.loads((path / "cdk.tf.json").read_text()) for backend, path in dirs.items()}
        (cdktf, cdktf_version), (cdktn, cdktn_version) = (_version_aside(documents[b]) for b in ("cdktf", "cdktn"))
        assert (cdktf_version, cdktn_version) == (VERSIONS["cdktf"], VERSIONS["cdktn"])  # each backend really ran
        assert cdktf == cdktn, f"{name}: the two backends synthesize different configurations"
        assert len([r for group in cdktn["resource"].values() for r in group]) > 150
        assert _assets(dirs["cdktf"]) == _assets(dirs["cdktn"]) != {}
        assert config_digest(documents["cdktf"]) == config_digest(documents["cdktn"])
        results = {backend: _validate(path, environ) for backend, path in dirs.items()}
        assert results["cdktf"] == results["cdktn"] and results["cdktf"]["valid"], results
    print(f"synth of {len(ENVIRONMENTS)} stacks: " + ", ".join(f"{b} {s:.1f} s" for b, s in timings.items()))
