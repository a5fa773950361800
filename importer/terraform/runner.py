"""A thin, explicit wrapper around the real Terraform CLI in one working directory.

Terraform runs in its own process group, so an interruption of ours (Ctrl-C, SIGTERM) or a timeout
stops it the way Terraform expects: SIGINT first (it finishes the current call, writes state and
releases its lock), then SIGTERM and SIGKILL to the whole group after a grace period. No
``terraform`` or provider process outlives the command that started it."""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

log = logging.getLogger(__name__)

INTERRUPT_GRACE_SECONDS = 20.0
TERMINATE_GRACE_SECONDS = 5.0


def error_output(result: subprocess.CompletedProcess, limit: int = 6000) -> str:
    """What to show of a failed command: its stderr only. Its stdout (a rendered plan or apply log)
    can print configuration values the provider does not mark sensitive (Lambda environment), so
    it is never copied into an error message."""
    errors = (result.stderr or "").strip()
    return errors[-limit:] if errors else "(no error output; the command's normal output is withheld: it can show values)"


class TerraformError(RuntimeError):
    """A terraform command failed or timed out; carries the command and the tail of its output."""


def _signal_group(process: subprocess.Popen, signum: int) -> None:
    try:
        os.killpg(process.pid, signum)
    except (ProcessLookupError, PermissionError):
        pass


def stop_process_group(process: subprocess.Popen, interrupt_grace: float = INTERRUPT_GRACE_SECONDS,
                       terminate_grace: float = TERMINATE_GRACE_SECONDS) -> None:
    """Stop a process started with ``start_new_session=True`` and everything in its group:
    SIGINT, then SIGTERM after ``interrupt_grace`` seconds, then SIGKILL; reaps the leader."""
    for signum, grace in ((signal.SIGINT, interrupt_grace), (signal.SIGTERM, terminate_grace)):
        if process.poll() is not None:
            break
        _signal_group(process, signum)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            continue
    _signal_group(process, signal.SIGKILL)  # the leader may be gone while a provider plugin lingers
    if process.poll() is None:
        process.wait()


def run_in_own_group(command: list[str], cwd: Path, environ: Mapping[str, str],
                     timeout: float) -> subprocess.CompletedProcess:
    """``subprocess.run(capture_output=True, text=True)`` in a new session; on timeout or any
    interruption (KeyboardInterrupt, SystemExit) the group is stopped before the error propagates."""
    process = subprocess.Popen(command, cwd=cwd, env=dict(environ), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except BaseException:
        # SIGINT after SIGINT would cancel Terraform's graceful stop: block ours while it winds down
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:
            stop_process_group(process)
            process.communicate()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        raise
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


@dataclass
class Terraform:
    """Runs ``terraform`` in ``workdir`` with exactly the environment given (the caller passes the
    full environment: :func:`importer.cli.settings.terraform_environment` builds it for the CLI).
    With ``launch_dir``, Terraform is started there with ``-chdir=workdir``: ``path.cwd`` is then
    the user's directory, as in their own run, while everything Terraform writes stays in ``workdir``."""

    workdir: Path
    environ: Mapping[str, str]
    binary: str = field(default_factory=lambda: shutil.which("terraform") or "terraform")
    timeout_seconds: int = 1800
    launch_dir: Path | None = None

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        """Run one command with ``-no-color``; raise TerraformError on failure (when ``check``)
        or when it does not finish within ``timeout_seconds`` (it is then stopped)."""
        chdir = [f"-chdir={Path(self.workdir).resolve()}"] if self.launch_dir else []
        command = [self.binary, *chdir, *args]
        environ = {**self.environ, "TF_IN_AUTOMATION": "1", "CHECKPOINT_DISABLE": "1"}
        line = " ".join(["terraform", *args])
        log.debug("%s: starting in %s", line, self.workdir)
        started = time.monotonic()
        try:
            result = run_in_own_group(command, self.launch_dir or self.workdir, environ, self.timeout_seconds)
        except subprocess.TimeoutExpired as error:
            log.info("%s in %s: stopped after %.1f s (timeout)", line, self.workdir, time.monotonic() - started)
            raise TerraformError(f"`terraform {args[0] if args else ''}` did not finish within "
                                 f"{self.timeout_seconds} s in {self.workdir}; it was stopped") from error
        except OSError as error:
            raise TerraformError(f"cannot run {self.binary}: {error.strerror or error}") from error
        except BaseException:
            log.info("%s in %s: interrupted after %.1f s", line, self.workdir, time.monotonic() - started)
            raise
        log.info("%s in %s: exit %d, %.1f s", line, self.workdir, result.returncode, time.monotonic() - started)
        if check and result.returncode not in (0,):
            raise TerraformError(
                f"`terraform {' '.join(args)}` exited {result.returncode} in {self.workdir}:\n"
                f"{error_output(result)}"
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
                                 f"{error_output(result)}")
        return result.returncode

    def show_json(self, plan_file: str = "plan.tfplan") -> dict[str, Any]:
        """The saved plan as Terraform's JSON plan representation."""
        return json.loads(self.run("show", "-json", "-no-color", plan_file).stdout)

    def apply(self, plan_file: str = "plan.tfplan") -> None:
        """Apply exactly the saved plan."""
        self.run("apply", "-input=false", "-no-color", plan_file)

    def force_unlock(self, lock_id: str) -> None:
        """``terraform force-unlock -force ID`` (the backend must be initialised in ``workdir``)."""
        self.run("force-unlock", "-force", "-no-color", lock_id)
