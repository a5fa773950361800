"""Run the CDKTF CLI's own HCL -> Python converter (``cdktf convert --language python``) offline:
a scratch ``cdktf.json`` names the AWS provider, whose schema the CLI reads through Terraform with
the local provider mirror (``TF_CLI_CONFIG_FILE`` in the environment given). An optional schema
cache directory (the CLI's ``--experimental-provider-schema-cache-path``) saves that read on later
runs. Nothing is written outside the scratch directory (and the cache, when given)."""

from __future__ import annotations

import json
import logging
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from importer.intake.project import IntakeError
from importer.terraform.runner import stop_process_group

log = logging.getLogger(__name__)
PROVIDER = "hashicorp/aws@~>5.100"  # what the local mirror holds (5.100.0)
TIMEOUT_SECONDS = 900
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_QUIET = {"CHECKPOINT_DISABLE": "1", "DISABLE_VERSION_CHECK": "true", "CDKTF_DISABLE_PLUGIN_CACHE_ENV": "true",
          "JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION": "1", "FORCE_COLOR": "0", "CI": "1"}


@dataclass(frozen=True)
class Converted:
    """The converter's Python output and how long it took."""

    source: str
    seconds: float


def _failure(result: subprocess.CompletedProcess) -> str:
    """The converter's own error line (the first ``[ERROR]`` line, else its last words)."""
    lines = [_ANSI.sub("", line).strip() for line in (result.stderr or "").splitlines()]
    lines = [line for line in lines if line and not line.startswith("at ")]
    for line in lines:
        if "[ERROR]" in line:
            return line.split(" - ", 1)[-1][:400]
    return (lines[-1] if lines else f"exit {result.returncode}, no output")[:400]


def convert(hcl: str, cdktf: Path, scratch: Path, environ: Mapping[str, str],
            schema_cache: Path | None = None, provider: str = PROVIDER) -> Converted:
    """Python source for the HCL text ``hcl`` from ``cdktf convert --language python`` (the binary
    ``cdktf``, run in ``scratch``); IntakeError with the converter's error line when it fails."""
    if not cdktf.is_file():
        raise IntakeError(f"the CDKTF CLI is not at {cdktf}: run `make setup` (npm ci) or give --cdktf")
    workdir = scratch / "convert"
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "cdktf.json").write_text(json.dumps({
        "language": "python", "app": "true", "terraformProviders": [provider], "terraformModules": [],
        "sendCrashReports": "false", "context": {}}, indent=2))
    (workdir / "input.tf").write_text(hcl)
    command = [str(cdktf), "convert", "--language", "python"]
    if schema_cache is not None:
        schema_cache.mkdir(parents=True, exist_ok=True)
        command += ["--experimental-provider-schema-cache-path", str(schema_cache)]
    path = f"{cdktf.parent}:{environ.get('PATH', '')}"  # the project's Node (node_modules/.bin) first
    env = {**environ, **_QUIET, "PATH": path, "CDKTF_HOME": str(scratch / "cdktf-home")}
    started = time.monotonic()
    result = _run(command, workdir, env, hcl)
    seconds = time.monotonic() - started
    log.info("cdktf convert: exit %d, %.1f s", result.returncode, seconds)
    if result.returncode != 0 or not result.stdout.strip():
        raise IntakeError(f"cdktf convert failed: {_failure(result)}")
    return Converted(source=result.stdout, seconds=seconds)


def _run(command: list[str], cwd: Path, env: Mapping[str, str], hcl: str) -> subprocess.CompletedProcess:
    """The converter fed ``hcl`` through a pipe (it reads nothing from a redirected file: exit 0, no
    output), stopped with its process group on a timeout or an interruption."""
    try:
        process = subprocess.Popen(command, cwd=cwd, env=dict(env), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, start_new_session=True)
    except OSError as error:
        raise IntakeError(f"cannot run {command[0]}: {error.strerror or error}") from error
    try:
        stdout, stderr = process.communicate(input=hcl, timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired as error:
        stop_process_group(process, interrupt_grace=2)
        raise IntakeError(f"cdktf convert did not finish within {TIMEOUT_SECONDS} s; it was stopped") from error
    except BaseException:
        stop_process_group(process, interrupt_grace=2)
        raise
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
