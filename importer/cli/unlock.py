"""State locks: who holds one, how to recover from a run that died holding it, and
``python -m importer unlock``, which releases a lock only when its holder is proven to be a dead
``apply`` of ours (same host, the process that recorded the run is gone, the lock is no older than
the run); otherwise it prints the exact ``terraform force-unlock`` to run by hand."""

from __future__ import annotations

import fcntl
import getpass
import json
import os
import shutil
import socket
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

import click

from importer.cli.options import DEFAULT_OUTPUT_ROOT, region_option, source_options
from importer.cli.settings import settings_for, terraform_environment
from importer.cli.write import write_atomic

RUN_MARKERS = "apply-run-*.json"  # one per apply: apply-run-<pid>.json
CLOCK_SLACK_SECONDS = 60


@dataclass(frozen=True)
class LockInfo:
    """A lock file's contents; ``unreadable`` says why when it is not a Terraform lock."""

    location: str
    id: str | None = None
    who: str | None = None
    operation: str | None = None
    created: str | None = None
    unreadable: str | None = None

    def age(self, now: datetime | None = None) -> str:
        """How long ago the lock was taken (``?`` when the time cannot be read)."""
        try:
            created = datetime.fromisoformat(str(self.created))
        except ValueError:
            return "?"
        seconds = int(((now or datetime.now(timezone.utc)) - created).total_seconds())
        hours, rest = divmod(max(seconds, 0), 3600)
        return (f"{hours}h " if hours else "") + f"{rest // 60}m {rest % 60}s"


def parse_lock(location: str, body: bytes) -> LockInfo:
    """A lock file's bytes as LockInfo; never raises (garbage, ``[]`` or ``"str"`` are unreadable)."""
    try:
        info = json.loads(body.decode())
    except (UnicodeDecodeError, ValueError) as error:
        return LockInfo(location, unreadable=f"not JSON ({type(error).__name__})")
    if not isinstance(info, dict):
        return LockInfo(location, unreadable=f"a JSON {type(info).__name__}, not a lock")
    if not isinstance(info.get("ID"), str) or not info["ID"]:
        who = f", held by {str(info['Who'])[:200]}" if info.get("Who") else ""
        return LockInfo(location, unreadable=f"a lock without an ID{who}")
    text = {key: str(info[key]) if info.get(key) is not None else None for key in ("Who", "Operation", "Created")}
    return LockInfo(location, info["ID"], text["Who"], text["Operation"], text["Created"])


def recovery(lock: LockInfo, config_dir: Path | None, source: str) -> str:
    """The exact commands that release ``lock`` once its holder is known to be dead."""
    if lock.unreadable:
        return (f"if no Terraform run uses this state, delete the lock file itself (aws s3 rm {lock.location}); "
                "terraform force-unlock needs a readable lock ID")
    where = f"cd {config_dir} && " if config_dir else ""
    return (f"if that run is dead: python -m importer unlock {source} --lock-id {lock.id} (proves it was a run of "
            f"ours), or by hand: {where}terraform init -input=false && terraform force-unlock {lock.id}")


def describe(lock: LockInfo, config_dir: Path | None = None, source: str = "--stack STACK") -> str:
    """One line: the lock's ID, holder, operation, creation time and age, then the recovery."""
    if lock.unreadable:
        return f"lock file {lock.location} exists but is unreadable ({lock.unreadable}); {recovery(lock, config_dir, source)}"
    return (f"lock ID {lock.id} on {lock.location} held by {lock.who or 'unknown'} for "
            f"{lock.operation or 'an unknown operation'} since {lock.created or '?'} (age {lock.age()}); "
            f"{recovery(lock, config_dir, source)}")


def local_lock(state_path: Path) -> LockInfo | None:
    """The lock of a local state: Terraform holds a POSIX lock on the state file and writes
    ``.<name>.lock.info`` beside it. An info file whose lock is free is left over from a killed run
    (the kernel released the lock) and does not block Terraform: not a lock."""
    info_path = state_path.with_name(f".{state_path.name}.lock.info")
    if not info_path.exists():
        return None
    if state_path.exists():
        with open(state_path, "rb") as handle:
            try:
                fcntl.lockf(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
                fcntl.lockf(handle, fcntl.LOCK_UN)
                return None
            except OSError:
                pass
    return parse_lock(str(info_path), info_path.read_bytes())


def lock_source(stack: str | None, config_path: Path | None) -> str:
    """How the user named the configuration, for commands we print back."""
    return f"--stack {stack}" if stack else f"--config {config_path}"


@contextmanager
def apply_run(output_dir: Path, location: str, scratch: Path) -> Iterator[None]:
    """Record this ``apply`` (pid, host, start, scratch directory) while it runs, so ``unlock`` can
    later prove a lock left behind was ours and its run is dead. Removed when the run ends."""
    marker = output_dir / f"apply-run-{os.getpid()}.json"  # never another run's record: it may be evidence
    write_atomic(marker, json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "user": getpass.getuser(),
                                     "started": time.time(), "state": location, "scratch": str(scratch)}))
    try:
        yield
    finally:
        marker.unlink(missing_ok=True)


def _pid_is_an_apply(pid: int) -> bool:
    """True while ``pid`` runs ``... importer ... apply ...`` (a reused pid does not)."""
    try:
        arguments = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return b"importer" in arguments and b"apply" in arguments


def processes_working_in(directory: str) -> list[int]:
    """Pids of the processes whose working directory is ``directory`` or below (e.g. an orphaned
    ``terraform`` still applying after the apply that started it was killed)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            cwd = os.readlink(entry / "cwd") if entry.name.isdigit() else ""
        except OSError:
            continue
        if cwd == directory or cwd.startswith(directory.rstrip("/") + "/"):
            found.append(int(entry.name))
    return found


def why_not_ours(lock: LockInfo, run: dict[str, Any] | None, location: str) -> str | None:
    """None when the lock provably belongs to a dead apply of ours; else the reason it is not proven."""
    if not run:
        return "no apply-run-<pid>.json records an apply of ours that did not finish"
    host = socket.gethostname()
    if run.get("state") != location or run.get("host") != host:
        return f"the unfinished apply recorded ran on {run.get('host')} against {run.get('state')}"
    if not str(lock.who or "").endswith(f"@{host}"):
        return f"the lock is held by {lock.who}, not from this host ({host})"
    if _pid_is_an_apply(int(run.get("pid", 0))):
        return f"the apply that recorded it (pid {run.get('pid')}) is still running"
    survivors = processes_working_in(str(run.get("scratch"))) if run.get("scratch") else []
    if survivors:
        return f"a process it started still runs in {run.get('scratch')} (pid {survivors[0]})"
    try:
        created = datetime.fromisoformat(str(lock.created)).timestamp()
    except ValueError:
        return f"the lock's creation time {lock.created!r} cannot be read"
    if created < float(run.get("started", 0)) - CLOCK_SLACK_SECONDS:
        return "the lock is older than the unfinished apply recorded"
    return None


def release(lock: LockInfo, backend: dict[str, Any], environ: dict[str, str]) -> None:
    """``terraform force-unlock`` in a scratch directory holding only the configuration's backend."""
    from importer.terraform.runner import Terraform

    with tempfile.TemporaryDirectory(prefix="unlock-") as scratch:
        (Path(scratch) / "main.tf.json").write_text(json.dumps({"terraform": {"backend": backend}}))
        terraform = Terraform(Path(scratch), environ)
        terraform.init()
        terraform.force_unlock(str(lock.id))


def read_s3_lock(location: str, region: str, endpoint_url: str | None) -> LockInfo | None:
    """The ``.tflock`` beside an S3 state, read through a client allowed only GetObject."""
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError

    from importer.discovery.session import ClientFactory
    from importer.state.reader import StateError, split_s3_location

    bucket, key = split_s3_location(location)
    client = ClientFactory(boto3.Session(), region, frozenset({("s3", "GetObject")}),
                           endpoint_url=endpoint_url).client("s3")
    try:
        body = client.get_object(Bucket=bucket, Key=f"{key}.tflock")["Body"].read()
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
            return None
        raise StateError(f"cannot read the lock {location}.tflock: {error.response['Error'].get('Message', error)}") \
            from error
    except BotoCoreError as error:
        raise StateError(f"cannot read the lock {location}.tflock: {error}") from error
    return parse_lock(f"{location}.tflock", body)


def recorded_runs(output_dir: Path, location: str) -> dict[Path, dict[str, Any]]:
    """The apply runs recorded against ``location`` that did not remove their record."""
    runs = {}
    for marker in sorted(output_dir.glob(RUN_MARKERS)):
        try:
            run = json.loads(marker.read_text())
        except (OSError, ValueError):
            continue
        if isinstance(run, dict) and run.get("state") == location:
            runs[marker] = run
    return runs


def proving_run(lock: LockInfo, runs: dict[Path, dict[str, Any]], location: str) -> tuple[Path | None, str | None]:
    """(the record of the dead apply of ours that left ``lock``, None) or (None, why none proves it)."""
    reasons = []
    for marker, run in runs.items():
        reason = why_not_ours(lock, run, location)
        if reason and "still run" in reason:
            return None, reason  # a live apply of ours may hold this lock right now
        reasons.append((marker, reason))
    for marker, reason in reasons:
        if reason is None:
            return marker, None
    return None, reasons[-1][1] if reasons else why_not_ours(lock, None, location)


def unlock(location: str, lock: LockInfo | None, lock_id: str | None, output_dir: Path, config_dir: Path,
           source: str, do_release: Callable[[LockInfo], None]) -> str:
    """Release ``lock`` when it is proven to be ours and dead; the message of what happened, or
    click.ClickException naming what is not proven and the manual recovery."""
    runs = recorded_runs(output_dir, location)
    if lock is None:
        for marker, run in runs.items():  # killed after Terraform unlocked: the records are moot
            if not _pid_is_an_apply(int(run.get("pid", 0))):
                marker.unlink(missing_ok=True)
        return f"no lock on {location}: nothing to release"
    if lock.unreadable:
        raise click.ClickException(describe(lock, config_dir, source))
    if lock_id and lock_id != lock.id:
        raise click.ClickException(f"--lock-id {lock_id} is not the lock on {location} (its ID is {lock.id}); "
                                   "nothing was released")
    marker, reason = proving_run(lock, runs, location)
    if marker is None:
        raise click.ClickException(f"not released: {reason}; {describe(lock, config_dir, source)}")
    run = runs[marker]
    do_release(lock)
    scratch = Path(str(run.get("scratch", "")))
    if scratch.name.startswith("apply-") and scratch.is_dir():
        shutil.rmtree(scratch, ignore_errors=True)  # the dead run's working directory
    for dead in runs:
        dead.unlink(missing_ok=True)
    return f"released lock ID {lock.id} on {location} (left by apply pid {run.get('pid')}, which is gone)"


@click.command(name="unlock")
@source_options
@click.option("--lock-id", help="The lock ID to release (as printed by apply); must match the lock.")
@click.option("--output-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Where apply recorded its run (default: imports/<stack>).")
@region_option
def unlock_command(source, lock_id, output_dir, region) -> None:
    """Release the state lock left by an ``apply`` of ours that died (kill -9, lost runner): only when
    the lock was taken on this host after that run started and its process is gone. Anything
    else is refused with the lock's holder and the exact ``terraform force-unlock`` to run by hand."""
    from importer.state.reader import StateError, state_location
    from importer.terraform.runner import TerraformError

    label, path, config_dir = source.label, source.path, source.input.directory
    try:
        backend = source.input.backend()
        location = state_location(backend, config_dir)
    except (OSError, ValueError) as error:
        raise click.ClickException(f"{path}: cannot read the configuration ({error})") from error
    settings = settings_for(source.input.provider_document(), region, str(path), check_account_ids=False)
    named = source.describe()
    try:
        lock = (read_s3_lock(location, settings.state_region, settings.endpoint_url) if location.startswith("s3://")
                else local_lock(Path(location)))
        if lock is not None and not location.startswith("s3://"):
            raise click.ClickException(f"{describe(lock, config_dir, named)}: a local lock is held by a running "
                                       "Terraform process; it is released when that process ends")

        def do_release(held: LockInfo) -> None:
            with tempfile.TemporaryDirectory(prefix="unlock-env-") as scratch:
                release(held, backend, terraform_environment(Path(scratch)))

        message = unlock(location, lock, lock_id, output_dir or DEFAULT_OUTPUT_ROOT / label, config_dir, named,
                         do_release)
    except (StateError, TerraformError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(message)
