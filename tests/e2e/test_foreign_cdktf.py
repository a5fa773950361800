"""Two CDKTF Python apps the importer's team did not write for itself (tests/fixtures/foreign/cdktf_*):
each is synthesized, deployed into the emulator with the real Terraform, and its state thrown away;
then plan -> verify -> apply every batch must bring every instance back at its own address with the
ID the thrown-away state held, and a final `terraform plan -detailed-exitcode` must be empty.

- cdktf_iterators: TerraformIterator.from_map / from_list / from_resources (for_each), TerraformCount
  from a number variable, variables with and without defaults (a var file and a -var), a name built
  from DataAwsCallerIdentity, outputs; CDKTF's default local backend (terraform.<stack>.tfstate
  beside the app).
- cdktf_hcl_module: TerraformHclModule over a local HCL module (count inside, a nested module with
  for_each), copied by CDKTF into the stack's assets/, and resources fed by the module's outputs.

The apps are synthesized the way `cdktf synth` runs them (the app command with CDKTF_OUTDIR and
CDKTF_CONTEXT_JSON carrying cdktf.json's local modules), by the project's Python with the light
provider bindings (stacks/__init__.py): the same JSON, several seconds faster.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.tools import PROJECT_ROOT, run, terraform_environment

pytestmark = [pytest.mark.terraform, pytest.mark.slow]

FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "foreign"
# Run main.py as `cdktf synth` would, with the light bindings stand-in registered first.
_SYNTH = ("import runpy, sys; sys.path.insert(0, {root!r}); import stacks; sys.path.pop(0); "
          "runpy.run_path('main.py', run_name='__main__')")
_EMPTY_CLASSES = ("managed", "moved", "create", "unmanaged", "managed_elsewhere", "orphaned", "stale", "ambiguous",
                  "id_mismatch", "blocked", "unsupported")


@dataclass(frozen=True)
class ForeignApp:
    """One fixture app: its folder, the stack it synthesizes, and the inputs given at deploy."""

    folder: str
    stack: str
    instances: int
    var_files: tuple[str, ...] = ()
    variables: dict[str, str] = field(default_factory=dict)

    def terraform_arguments(self, app_dir: Path) -> list[str]:
        """-var-file/-var arguments as the user gives them to terraform."""
        return ([f"-var-file={app_dir / name}" for name in self.var_files]
                + [f"-var={name}={value}" for name, value in self.variables.items()])

    def importer_arguments(self, app_dir: Path) -> list[str]:
        """The same inputs in the importer's --var-file/--var form."""
        arguments = []
        for name in self.var_files:
            arguments += ["--var-file", str(app_dir / name)]
        for name, value in self.variables.items():
            arguments += ["--var", f"{name}={value}"]
        return arguments


APPS = [
    ForeignApp("cdktf_iterators", "order-events", instances=21, var_files=("deploy.tfvars.json",),
               variables={"log_retention_days": "14"}),
    ForeignApp("cdktf_hcl_module", "ledger-network", instances=16),
]


@pytest.fixture(scope="module")
def foreign_emulator(tmp_path_factory):
    """An emulator of this module's own: each app is deployed into an empty account."""
    from emulator.controller import Emulator

    running = Emulator.start(log_path=tmp_path_factory.mktemp("foreign-emulator") / "emulator.log")
    yield running
    running.stop()


def synthesize(app_dir: Path, environ: dict[str, str]) -> float:
    """Run the app like `cdktf synth` does; return the wall time in seconds."""
    config = json.loads((app_dir / "cdktf.json").read_text())
    local_modules = [m if isinstance(m, str) else m["source"] for m in config.get("terraformModules", [])]
    local_modules = [m for m in local_modules if m.startswith(("./", "../"))]
    synth_environ = dict(environ, CDKTF_OUTDIR=str(app_dir / "cdktf.out"),
                         CDKTF_CONTEXT_JSON=json.dumps({"cdktfRelativeModules": local_modules}),
                         JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION="1")
    started = time.perf_counter()
    run([sys.executable, "-c", _SYNTH.format(root=str(PROJECT_ROOT))], app_dir, synth_environ, timeout=180)
    return time.perf_counter() - started


def state_path(stack_dir: Path) -> Path:
    """Where the stack's local backend keeps state (CDKTF's default: beside the app)."""
    config = json.loads((stack_dir / "cdk.tf.json").read_text())
    local = config.get("terraform", {}).get("backend", {}).get("local", {})
    path = Path(local.get("path", "terraform.tfstate"))
    return path if path.is_absolute() else stack_dir / path


def instance_ids(state_file: Path) -> dict[str, str]:
    """{instance address: id} of every managed resource instance in a state file."""
    state = json.loads(state_file.read_text())
    ids = {}
    for resource in state["resources"]:
        if resource["mode"] != "managed":
            continue
        prefix = f"{resource['module']}." if resource.get("module") else ""
        for instance in resource["instances"]:
            key = instance.get("index_key")
            suffix = "" if key is None else f"[{json.dumps(key)}]"
            ids[f"{prefix}{resource['type']}.{resource['name']}{suffix}"] = instance["attributes"]["id"]
    return ids


def importer(command: str, config: Path, app: ForeignApp, app_dir: Path, out: Path, environ: dict[str, str],
             *extra: str) -> subprocess.CompletedProcess:
    """Run `python -m importer <command>` on the synthesized stack."""
    arguments = [sys.executable, "-m", "importer", command, "--config", str(config), *app.importer_arguments(app_dir),
                 "--output-dir", str(out), *extra]
    return subprocess.run(arguments, cwd=PROJECT_ROOT, env=environ, capture_output=True, text=True, timeout=900)


def explain(result: subprocess.CompletedProcess) -> str:
    """A failing CLI run's command, exit code and output tails."""
    return f"{' '.join(result.args[2:])}\nexit {result.returncode}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"


@pytest.mark.parametrize("app", APPS, ids=[a.folder for a in APPS])
def test_a_foreign_cdktf_app_is_adopted_back_into_an_empty_final_plan(app, foreign_emulator, tmp_path):
    foreign_emulator.reset()
    timings: dict[str, float] = {}
    app_dir = tmp_path / app.folder
    shutil.copytree(FIXTURES / app.folder, app_dir)
    environ = {k: v for k, v in terraform_environment(tmp_path).items() if not k.startswith("AWS_")}
    environ |= foreign_emulator.environment()

    timings["synth"] = synthesize(app_dir, environ)
    stack_dir = app_dir / "cdktf.out" / "stacks" / app.stack
    config = stack_dir / "cdk.tf.json"
    started = time.perf_counter()
    run(["terraform", "init", "-input=false", "-no-color"], stack_dir, environ)
    run(["terraform", "apply", "-auto-approve", "-input=false", "-no-color", *app.terraform_arguments(app_dir)],
        stack_dir, environ, timeout=600)
    timings["deploy"] = time.perf_counter() - started
    state_file = state_path(stack_dir)
    deployed = instance_ids(state_file)
    assert len(deployed) == app.instances, sorted(deployed)
    state_file.unlink()  # thrown away: live objects stay, Terraform no longer knows them
    state_file.with_name(state_file.name + ".backup").unlink(missing_ok=True)

    out = tmp_path / "imports"
    started = time.perf_counter()
    planned = importer("plan", config, app, app_dir, out, environ)
    timings["plan"] = time.perf_counter() - started
    assert planned.returncode == 2, explain(planned)
    plan = json.loads((out / "plan.json").read_text())
    imports = {i["address"]: i["id"] for batch in plan["batches"] for i in batch["imports"]}
    not_imported = {name: plan[name] for name in _EMPTY_CLASSES if plan.get(name)}
    assert (sorted(set(deployed) - set(imports)), not_imported) == ([], {}), explain(planned)
    assert sorted(imports) == sorted(deployed)

    started = time.perf_counter()
    verified = importer("verify", config, app, app_dir, out, environ)
    timings["verify"] = time.perf_counter() - started
    assert verified.returncode == 0, explain(verified)

    started = time.perf_counter()
    for batch in plan["batches"]:
        applied = importer("apply", config, app, app_dir, out, environ, "--batch", str(batch["index"]))
        assert applied.returncode == 0, explain(applied)
    timings["apply"] = time.perf_counter() - started

    final = subprocess.run(["terraform", "plan", "-detailed-exitcode", "-input=false", "-no-color",
                            *app.terraform_arguments(app_dir)], cwd=stack_dir, env=environ, capture_output=True,
                           text=True, timeout=600)
    assert final.returncode == 0, final.stdout[-4000:] + final.stderr[-2000:]
    assert instance_ids(state_file) == deployed
    print(f"{app.folder}: {len(deployed)} instances in {len(plan['batches'])} batches; "
          + ", ".join(f"{step} {seconds:.1f} s" for step, seconds in timings.items()))
