"""A thin, explicit wrapper around the real Terraform CLI in one working directory."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping


class TerraformError(RuntimeError):
    """A terraform command failed; carries the command and the tail of its output."""


@dataclass
class Terraform:
    """Runs ``terraform`` in ``workdir`` with exactly the environment given."""

    workdir: Path
    environ: Mapping[str, str]
    binary: str = field(default_factory=lambda: shutil.which("terraform") or "terraform")
    timeout_seconds: int = 1800

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        """Run one command with ``-no-color``; raise TerraformError on failure when ``check``."""
        command = [self.binary, *args]
        environ = {**os.environ, **self.environ, "TF_IN_AUTOMATION": "1", "CHECKPOINT_DISABLE": "1"}
        result = subprocess.run(command, cwd=self.workdir, env=environ, capture_output=True, text=True,
                                timeout=self.timeout_seconds)
        if check and result.returncode not in (0,):
            raise TerraformError(
                f"`terraform {' '.join(args)}` exited {result.returncode} in {self.workdir}:\n"
                f"{(result.stderr or result.stdout)[-6000:]}"
            )
        return result

    def init(self, backend: bool = True) -> None:
        """``terraform init`` (providers from the configured mirror)."""
        self.run("init", "-input=false", "-no-color", f"-backend={'true' if backend else 'false'}")

    def plan(self, out: str = "plan.tfplan", *extra: str) -> int:
        """``terraform plan -out`` with ``-detailed-exitcode``: 0 no changes, 2 changes."""
        result = self.run("plan", "-input=false", "-no-color", "-detailed-exitcode", f"-out={out}", *extra,
                          check=False)
        if result.returncode not in (0, 2):
            raise TerraformError(f"`terraform plan` exited {result.returncode} in {self.workdir}:\n"
                                 f"{(result.stderr or result.stdout)[-6000:]}")
        return result.returncode

    def show_json(self, plan_file: str = "plan.tfplan") -> dict[str, Any]:
        """The saved plan as Terraform's JSON plan representation."""
        return json.loads(self.run("show", "-json", "-no-color", plan_file).stdout)

    def apply(self, plan_file: str = "plan.tfplan") -> None:
        """Apply exactly the saved plan."""
        self.run("apply", "-input=false", "-no-color", plan_file)
