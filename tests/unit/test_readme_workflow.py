"""The README's workflow block, run as written in a fresh shell after `make setup`.

A scratch copy of the project (sharing the installed .venv and node_modules) stands in for a fresh
clone; the emulator, with the hand-built prod account, stands in for AWS. The shell starts without
the project's tools on PATH (no cdktf, no pipenv), as a new terminal does: the block's own prep
line must make `cdktf synth`, `importer discover` and `importer plan` work. The lines after
`importer plan` need the user's review and a real account (verify/apply change state, `cdktf
deploy` needs the Terraform registry); the demo and the e2e tests run those.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.tools import PROJECT_ROOT, hand_built_prod, require_tool

LAST_RUN = "importer plan --stack prod"
SCRATCH_IGNORE = shutil.ignore_patterns(".git", ".venv", "node_modules", "cdktf.out*", "imports", ".emulator",
                                        ".tools", ".build", ".pytest_cache", "__pycache__", "generated")
# Set by `make` or a prepared shell; a new terminal has none of them.
PREPARED_VARIABLES = ("TF_CLI_CONFIG_FILE", "JSII_NODE", "JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION",
                      "CHECKPOINT_DISABLE", "VIRTUAL_ENV", "PYTHONPATH", "RETAINWISE_ROOT", "RETAINWISE_ENVIRONMENTS",
                      "IMPORT_BATCH", "CDKTF_OUTDIR", "CDKTF_CONTEXT_JSON", "MAKEFLAGS", "MAKELEVEL", "MFLAGS")


def workflow_block(readme: str) -> list[str]:
    """The lines of the first ```sh block of the README's "## The workflow" section."""
    section = readme.split("\n## The workflow\n", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```sh\n(.*?)```", section, re.S)
    assert match, "the workflow section has no ```sh block"
    return match.group(1).splitlines()


def runnable_prefix(lines: list[str]) -> list[str]:
    """The block up to and including ``importer plan --stack prod``."""
    ends = [i for i, line in enumerate(lines) if line.startswith(LAST_RUN)]
    assert ends, f"the workflow block no longer runs `{LAST_RUN}`"
    return lines[:ends[0] + 1]


def python_dir() -> Path:
    """Where the ``python3`` that ran ``make setup`` lives (the first on the test's PATH, as for make)."""
    return Path(shutil.which("python3")).parent


def fresh_shell_environment(scratch: Path) -> dict[str, str]:
    """The test's environment as a new terminal would have it: no project tool on PATH, and no
    pipenv unless it sits beside that ``python3`` (pyenv shims, say: there a new terminal has it too;
    dropping that directory would hand the shell another python3 than the one ``make setup`` ran)."""
    environ = {key: value for key, value in os.environ.items()
               if key not in PREPARED_VARIABLES and not key.startswith(("PIPENV_", "AWS_", "PYTEST_"))}
    kept = []
    for entry in filter(None, environ.get("PATH", "").split(os.pathsep)):
        inside_project = any(Path(entry).resolve().is_relative_to(root) for root in (PROJECT_ROOT, scratch))
        beside_python = Path(entry) == python_dir()
        if not inside_project and (beside_python or not (Path(entry) / "pipenv").exists()):
            kept.append(entry)
    environ["PATH"] = os.pathsep.join(kept)
    for tool in ("terraform", "make", "python3", "npm"):
        assert shutil.which(tool, path=environ["PATH"]), f"{tool} is needed on PATH before `make setup`"
    return environ


def scratch_copy(root: Path) -> Path:
    """The project's files in ``root``, with the installed environments of this checkout linked in."""
    scratch = root / "project"
    shutil.copytree(PROJECT_ROOT, scratch, ignore=SCRATCH_IGNORE)  # keeps mtimes: make sees what is installed
    for installed in (".venv", "node_modules"):
        (scratch / installed).symlink_to(PROJECT_ROOT / installed)
    if (PROJECT_ROOT / ".tools").is_dir():
        shutil.copytree(PROJECT_ROOT / ".tools", scratch / ".tools")
    return scratch


def test_block_prepares_the_shell_in_one_line_and_leaves_out_no_step():
    lines = workflow_block((PROJECT_ROOT / "README.md").read_text())
    assert lines[0] == "make setup"
    assert lines[1].startswith("source scripts/env.sh")
    commands = [line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()]
    assert [c.split()[0] for c in commands[2:]] == ["cdktf", "importer", "importer", "importer", "importer", "cdktf",
                                                     "importer"]
    # No second preparation step hidden in the block (an export or alias would mean env.sh is not enough).
    assert not [c for c in commands if c.startswith(("export ", "alias ", "PATH="))]


@pytest.mark.cdktf_cli
@pytest.mark.terraform
def test_readme_workflow_runs_as_written_in_a_fresh_shell(emulator, tmp_path):
    if not (PROJECT_ROOT / "node_modules" / ".bin" / "cdktf").exists():
        require_tool("cdktf CLI not installed in node_modules (run `make setup`)", "REQUIRE_TERRAFORM")
    stale = subprocess.run(["make", "-q", ".venv/.synced", "node_modules/.synced"], cwd=PROJECT_ROOT,
                           capture_output=True, text=True)
    assert stale.returncode == 0, "the installed environments are older than Pipfile/package.json: run `make setup`"
    _, _, report = hand_built_prod(emulator, tmp_path, seed=11)
    assert any(record.in_state for record in report.records) and not all(r.in_state for r in report.records)

    scratch = scratch_copy(tmp_path)
    environ = {**fresh_shell_environment(scratch), **emulator.environment()}
    assert shutil.which("cdktf", path=environ["PATH"]) is None
    assert shutil.which("pipenv", path=environ["PATH"]) is None or (python_dir() / "pipenv").exists()
    assert Path(shutil.which("python3", path=environ["PATH"])).parent == python_dir()  # make setup's interpreter
    script = scratch / "workflow.sh"
    script.write_text("set -e\n" + "\n".join(runnable_prefix(workflow_block((scratch / "README.md").read_text())))
                      + "\n")
    result = subprocess.run(["bash", str(script)], cwd=scratch, env=environ, capture_output=True, text=True,
                            timeout=900)
    output = f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"

    assert result.returncode == 2, f"the block stopped early (exit {result.returncode}):\n{output}"
    assert "not found" not in result.stderr, output
    for env in ("prod", "staging", "dev"):
        assert (scratch / "cdktf.out" / "stacks" / env / "cdk.tf.json").is_file()
    inventory = json.loads((scratch / "imports" / "prod" / "inventory.json").read_text())
    assert inventory  # discovery wrote what it read
    plan = json.loads((scratch / "imports" / "prod" / "plan.json").read_text())
    assert plan["stack"] == "prod" and plan["batches"] and plan["managed"]
    assert (scratch / "imports" / "prod" / "report.md").read_text().strip()
