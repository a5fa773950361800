"""Start, reach, reset and stop the local AWS emulator.

Clients reach it exactly as they reach AWS: through ``AWS_ENDPOINT_URL`` (and
``AWS_ENDPOINT_URL_S3`` for Terraform's S3 backend) with dummy credentials; nothing else.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config

DEFAULT_REGION = "us-east-1"
DUMMY_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
START_TIMEOUT_SECONDS = 60


class EmulatorError(RuntimeError):
    """The emulator could not be started, reached or stopped."""


SERVER_MODULE = "emulator.server"


def pid_exists(pid: int) -> bool:
    """True when a process with this pid exists (ours to signal or not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _listening_ports(pid: int) -> set[int]:
    """TCP ports the process listens on, from its socket inodes and /proc/net/tcp{,6}."""
    fd_dir = Path(f"/proc/{pid}/fd")
    inodes = set()
    for link in fd_dir.iterdir():
        try:
            target = os.readlink(link)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    ports = set()
    for table in ("tcp", "tcp6"):
        try:
            rows = Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            if len(fields) > 9 and fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


def why_not_emulator(pid: int, port: int) -> str | None:
    """None when ``pid`` is an emulator server of ours listening on ``port``; else what it is."""
    try:
        arguments = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError as error:
        return f"a process whose command line cannot be read ({error.strerror})"
    if SERVER_MODULE not in arguments:
        return f"not an emulator ({' '.join(a for a in arguments if a)[:80]!r})"
    try:
        listening = _listening_ports(pid)
    except OSError as error:
        return f"an emulator whose sockets cannot be read ({error.strerror})"
    if port not in listening:
        return f"an emulator that does not listen on port {port}"
    return None


@dataclass
class Emulator:
    """A running emulator process and how to reach it."""

    endpoint: str
    pid: int
    log_path: Path | None = None
    region: str = DEFAULT_REGION
    _process: subprocess.Popen | None = field(default=None, repr=False, compare=False)

    @classmethod
    def start(
        cls, *, host: str = "127.0.0.1", port: int = 0, log_path: Path | None = None,
        extra_environment: dict[str, str] | None = None, detach: bool = False,
    ) -> "Emulator":
        """Launch ``emulator.server`` (port 0 = a free port) and wait until it listens."""
        recording = Path(tempfile.gettempdir()) / f"moto-recording-{uuid.uuid4().hex}.jsonl"
        environ = dict(os.environ, MOTO_IAM_LOAD_MANAGED_POLICIES="true", MOTO_RECORDER_FILEPATH=str(recording),
                       **(extra_environment or {}))
        environ.pop("AWS_ENDPOINT_URL", None)
        log = open(log_path, "ab") if log_path else subprocess.DEVNULL
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "emulator.server", "--host", host, "--port", str(port)],
                stdout=subprocess.PIPE, stderr=log, env=environ, start_new_session=detach,
                cwd=Path(__file__).resolve().parents[1],
            )
        finally:
            if log_path:
                log.close()
        line = cls._read_ready_line(process)
        chosen_port = int(line.split()[1])
        return cls(endpoint=f"http://{host}:{chosen_port}", pid=process.pid, log_path=log_path, _process=process)

    @staticmethod
    def _read_ready_line(process: subprocess.Popen) -> str:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        assert process.stdout is not None
        while time.monotonic() < deadline:
            line = process.stdout.readline().decode().strip()
            if line.startswith("ready "):
                return line
            if process.poll() is not None:
                raise EmulatorError(f"emulator exited with code {process.returncode} before listening")
        process.kill()
        raise EmulatorError(f"emulator did not listen within {START_TIMEOUT_SECONDS} s")

    def stop(self) -> None:
        """Terminate the process (no error if it is already gone); EmulatorError, and no signal
        sent, when the recorded pid is not this emulator (a stale record naming a reused pid)."""
        if self._process is None:
            if not pid_exists(self.pid):
                return
            reason = why_not_emulator(self.pid, self.port)
            if reason:
                raise EmulatorError(f"pid {self.pid} recorded for the emulator at {self.endpoint} is {reason}; "
                                    "nothing was signalled")
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        if self._process is not None:
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        else:
            for _ in range(100):
                try:
                    os.kill(self.pid, 0)
                except ProcessLookupError:
                    return
                time.sleep(0.05)
            os.kill(self.pid, signal.SIGKILL)

    @property
    def port(self) -> int:
        """The TCP port of the endpoint."""
        return int(urllib.parse.urlsplit(self.endpoint).port or 0)

    def is_alive(self) -> bool:
        """True when the endpoint answers HTTP at all (any status: some moto pages answer 500
        once a Lambda function exists)."""
        try:
            with urllib.request.urlopen(f"{self.endpoint}/moto-api/", timeout=2):
                return True
        except urllib.error.HTTPError:
            return True
        except OSError:
            return False

    def reset(self) -> None:
        """Forget every resource (``POST /moto-api/reset``); fidelity fixes stay in place."""
        request = urllib.request.Request(f"{self.endpoint}/moto-api/reset", method="POST", data=b"")
        with urllib.request.urlopen(request, timeout=30) as response:
            if response.status != 200:
                raise EmulatorError(f"reset answered HTTP {response.status}")

    def seed(self, value: int) -> None:
        """Seed the emulator's random generator so the IDs it hands out repeat run after run."""
        request = urllib.request.Request(f"{self.endpoint}/moto-api/seed?a={value}", method="POST", data=b"")
        with urllib.request.urlopen(request, timeout=30) as response:
            if response.status != 200:
                raise EmulatorError(f"seed answered HTTP {response.status}")

    def environment(self) -> dict[str, str]:
        """Variables that point AWS SDKs, the AWS provider and the S3 backend at the emulator."""
        return {
            "AWS_ENDPOINT_URL": self.endpoint,
            "AWS_ENDPOINT_URL_S3": self.endpoint,
            "AWS_REGION": self.region,
            "AWS_DEFAULT_REGION": self.region,
            **DUMMY_CREDENTIALS,
        }

    def session(self) -> boto3.Session:
        """A boto3 session with the dummy credentials and the emulator's region."""
        return boto3.Session(
            aws_access_key_id=DUMMY_CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=DUMMY_CREDENTIALS["AWS_SECRET_ACCESS_KEY"], region_name=self.region,
        )

    def client(self, service: str, **config: Any):
        """A boto3 client for ``service`` on the emulator's endpoint."""
        return self.session().client(
            service, endpoint_url=self.endpoint,
            config=Config(retries={"mode": "standard", "max_attempts": 3}, **config),
        )

    def save(self, state_file: Path) -> None:
        """Record endpoint and pid so another process (``emulator stop``) can find it."""
        state_file.parent.mkdir(parents=True, exist_ok=True)
        state_file.write_text(json.dumps({
            "endpoint": self.endpoint, "pid": self.pid, "region": self.region,
            "log_path": str(self.log_path) if self.log_path else None,
        }, indent=2))

    @classmethod
    def load(cls, state_file: Path) -> "Emulator":
        """The emulator recorded in ``state_file``; EmulatorError when there is none."""
        try:
            data = json.loads(state_file.read_text())
        except FileNotFoundError as error:
            raise EmulatorError(f"no emulator recorded in {state_file} (start one with `emulator start`)") from error
        return cls(endpoint=data["endpoint"], pid=data["pid"], region=data.get("region", DEFAULT_REGION),
                   log_path=Path(data["log_path"]) if data.get("log_path") else None)
