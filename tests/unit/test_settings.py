"""Settings derived from the environment in one place (region and account to read), state locks
and their recovery, and the Terraform runner's process-group cleanup."""

from __future__ import annotations

import getpass
import json
import os
import signal
import socket
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import click
import pytest

from importer.cli.settings import (DEFAULT_REGION, ProviderPins, SettingsError, check_account, check_caller_account,
                                   provider_pins, resolve_region, resolve_settings)
from importer.desired.config import default_aws_provider
from importer.cli.unlock import (LockInfo, apply_run, describe, local_lock, parse_lock, unlock,
                                 why_not_ours)
from importer.terraform.runner import Terraform, TerraformError

PINNED = ProviderPins(where="cfg.tf.json", region="eu-west-1")
UNPINNED = ProviderPins(where="cfg.tf.json")


def document(*providers, backend=None):
    doc = {"provider": {"aws": list(providers)}}
    if backend:
        doc["terraform"] = {"backend": backend}
    return doc


def test_the_pinned_region_is_read_and_environment_or_flag_that_differ_are_refused():
    assert resolve_region(PINNED, None, {}) == ("eu-west-1", 'the configuration\'s provider "aws" region in cfg.tf.json')
    assert resolve_region(PINNED, None, {"AWS_REGION": "eu-west-1"})[0] == "eu-west-1"
    assert resolve_region(PINNED, "eu-west-1", {"AWS_REGION": "us-east-1"})[0] == "eu-west-1"  # flag wins over env
    for environ, name in (({"AWS_REGION": "us-east-1"}, "AWS_REGION"),
                          ({"AWS_DEFAULT_REGION": "us-west-2"}, "AWS_DEFAULT_REGION"),
                          ({"AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "us-west-2"}, "AWS_DEFAULT_REGION")):
        with pytest.raises(SettingsError) as refused:
            resolve_region(PINNED, None, environ)
        message = str(refused.value)
        assert f"{name}={environ[name]} (environment)" in message and "eu-west-1" in message
        assert "cfg.tf.json" in message and "\n" not in message
    with pytest.raises(SettingsError, match=r"--region us-east-1 \(command line\) differs from eu-west-1 .*cfg.tf.json"):
        resolve_region(PINNED, "us-east-1", {})


def test_without_a_pinned_region_the_flag_then_environment_then_backend_then_default_is_read():
    backend = ProviderPins(where="x", backend_region="ap-south-1")
    assert resolve_region(UNPINNED, "us-west-1", {"AWS_REGION": "eu-west-1"}) == ("us-west-1", "--region")
    assert resolve_region(UNPINNED, None, {"AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "us-west-2"}) == \
        ("eu-west-1", "AWS_REGION")
    assert resolve_region(UNPINNED, None, {"AWS_DEFAULT_REGION": "us-west-2"}) == ("us-west-2", "AWS_DEFAULT_REGION")
    assert resolve_region(backend, None, {})[0] == "ap-south-1"
    assert resolve_region(UNPINNED, None, {}) == (DEFAULT_REGION, "default")


def test_the_default_provider_is_the_alias_free_block_and_only_a_literal_region_pins():
    doc = document({"alias": "dr", "region": "us-west-2"}, {"region": "eu-west-1", "allowed_account_ids": ["111"]},
                   backend={"s3": {"bucket": "b", "key": "k", "region": "eu-central-1"}})
    assert default_aws_provider(doc)["region"] == "eu-west-1"
    pins = provider_pins(doc, "cfg")
    assert (pins.region, pins.allowed_account_ids, pins.backend_region) == ("eu-west-1", ("111",), "eu-central-1")
    assert provider_pins(document({"region": "${var.region}"}), "cfg").region is None
    assert provider_pins({"provider": {"aws": {"region": "sa-east-1"}}}, "cfg").region == "sa-east-1"  # one block
    assert provider_pins([], "cfg") == ProviderPins(where="cfg")  # not a config: nothing pinned, no traceback
    settings = resolve_settings(doc, "cfg", None, {"AWS_ENDPOINT_URL": "http://127.0.0.1:1"})
    assert (settings.region, settings.state_region, settings.endpoint_url) == \
        ("eu-west-1", "eu-central-1", "http://127.0.0.1:1")


def test_the_account_must_be_allowed_and_not_forbidden():
    pins = ProviderPins(where="cfg", allowed_account_ids=("111111111111",), forbidden_account_ids=("222222222222",))
    check_account(pins, "111111111111", "STS")
    with pytest.raises(SettingsError, match=r"account 123456789012 \(STS\) is not in allowed_account_ids "
                                            r"111111111111 .*cfg"):
        check_account(pins, "123456789012", "STS")
    with pytest.raises(SettingsError, match="222222222222 .* is in forbidden_account_ids"):
        check_account(ProviderPins(where="cfg", forbidden_account_ids=("222222222222",)), "222222222222", "STS")
    asked = []
    unpinned = resolve_settings(document({"region": "eu-west-1"}), "cfg", None, {})
    check_caller_account(unpinned, lambda s: asked.append(s) or "1")
    assert asked == []  # no account rule: no STS call at all
    limited = resolve_settings(document({"region": "eu-west-1", "allowed_account_ids": ["111"]}), "cfg", None, {})
    with pytest.raises(SettingsError, match="account 999"):
        check_caller_account(limited, lambda s: "999")


VALID_LOCK = {"ID": "6f1c0b8e-aaaa", "Operation": "OperationTypeApply", "Info": "", "Who": "ci@runner-7",
              "Version": "1.11.4", "Created": "2026-01-05T10:00:00.123456789Z", "Path": "b/k"}


@pytest.mark.parametrize("body", [b"garbage", b"[]", b'"str"', b"{}", b'{"ID": 5}', b"\xff\xfe"])
def test_malformed_lock_files_are_unreadable_not_a_traceback(body):
    lock = parse_lock("s3://b/k.tflock", body)
    assert lock.unreadable and lock.id is None
    line = describe(lock, Path("cdktf.out/stacks/prod"), "--stack prod")
    assert line.startswith("lock file s3://b/k.tflock exists but is unreadable") and "\n" not in line
    assert "aws s3 rm s3://b/k.tflock" in line


def test_a_lock_is_described_with_id_holder_operation_age_and_recovery():
    lock = parse_lock("s3://b/k.tflock", json.dumps(VALID_LOCK).encode())
    assert lock.age(datetime(2026, 1, 5, 11, 2, 3, 500000, tzinfo=timezone.utc)) == "1h 2m 3s"
    line = describe(lock, Path("cdktf.out/stacks/prod"), "--stack prod")
    for part in ("lock ID 6f1c0b8e-aaaa", "held by ci@runner-7", "OperationTypeApply", "2026-01-05T10:00:00",
                 "python -m importer unlock --stack prod --lock-id 6f1c0b8e-aaaa",
                 "cd cdktf.out/stacks/prod && terraform init -input=false && terraform force-unlock 6f1c0b8e-aaaa"):
        assert part in line
    assert "\n" not in line


def test_a_local_lock_info_file_counts_only_while_terraform_holds_the_lock(tmp_path):
    state = tmp_path / "terraform.tfstate"
    state.write_text("{}")
    assert local_lock(state) is None
    (tmp_path / ".terraform.tfstate.lock.info").write_text(json.dumps(VALID_LOCK))
    assert local_lock(state) is None  # left by a killed run: the kernel released the lock
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, sys, time\nf = open(sys.argv[1], 'r+b')\nfcntl.lockf(f, fcntl.LOCK_EX)\n"
        "print('locked', flush=True)\ntime.sleep(60)"), str(state)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        lock = local_lock(state)
        assert lock is not None and lock.id == "6f1c0b8e-aaaa"
    finally:
        holder.kill()
        holder.wait()
    assert json.loads(state.read_text()) == {}


def _dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def _our_lock(created: datetime) -> LockInfo:
    return LockInfo("s3://b/k.tflock", "lock-1", f"{getpass.getuser()}@{socket.gethostname()}",
                    "OperationTypeApply", created.isoformat())


def test_unlock_releases_only_a_lock_proven_to_be_a_dead_apply_of_ours(tmp_path):
    now = datetime.now(timezone.utc)
    released = []
    scratch = tmp_path / "apply-prod-x"
    scratch.mkdir()
    run = {"pid": _dead_pid(), "host": socket.gethostname(), "started": time.time() - 5, "state": "s3://b/k",
           "scratch": str(scratch)}
    lock = _our_lock(now)
    with pytest.raises(click.ClickException, match="not released: no apply-run-<pid>.json"):
        unlock("s3://b/k", lock, None, tmp_path, Path("cfg"), "--stack prod", released.append)
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", "importer", "apply"])  # like ours
    try:
        deadline = time.monotonic() + 10
        while b"apply" not in Path(f"/proc/{running.pid}/cmdline").read_bytes() and time.monotonic() < deadline:
            time.sleep(0.01)  # the command line is empty until exec completes
        live = {**run, "pid": running.pid}
        (tmp_path / f"apply-run-{running.pid}.json").write_text(json.dumps(live))
        assert "still running" in why_not_ours(lock, live, "s3://b/k")
        with pytest.raises(click.ClickException, match="still running.*terraform force-unlock lock-1"):
            unlock("s3://b/k", lock, "lock-1", tmp_path, Path("cfg"), "--stack prod", released.append)
    finally:
        running.kill()
        running.wait()
    assert why_not_ours(lock, {**run, "pid": os.getpid()}, "s3://b/k") is None  # alive, but not an apply: reused
    orphan = subprocess.Popen(["sleep", "60"], cwd=scratch)  # a terraform that outlived the apply, say
    try:
        assert f"still runs in {scratch} (pid {orphan.pid})" in why_not_ours(lock, run, "s3://b/k")
    finally:
        orphan.kill()
        orphan.wait()
    assert "not from this host" in why_not_ours(LockInfo("l", "i", "ci@elsewhere", created=now.isoformat()), run,
                                                "s3://b/k")
    assert "older than" in why_not_ours(_our_lock(now - timedelta(hours=1)), run, "s3://b/k")
    assert "against s3://b/k" in why_not_ours(lock, run, "s3://other/k")
    with pytest.raises(click.ClickException, match="--lock-id nope is not the lock on s3://b/k .its ID is lock-1"):
        unlock("s3://b/k", lock, "nope", tmp_path, Path("cfg"), "--stack prod", released.append)
    assert released == []
    (tmp_path / f"apply-run-{running.pid}.json").unlink()
    (tmp_path / "apply-run-1.json").write_text(json.dumps({**run, "state": "s3://other/k"}))  # another state's
    (tmp_path / f"apply-run-{run['pid']}.json").write_text(json.dumps(run))
    message = unlock("s3://b/k", lock, "lock-1", tmp_path, Path("cfg"), "--stack prod", released.append)
    assert released == [lock] and "released lock ID lock-1" in message
    assert not (tmp_path / f"apply-run-{run['pid']}.json").exists() and not scratch.exists()
    assert (tmp_path / "apply-run-1.json").exists()
    assert unlock("s3://b/k", None, None, tmp_path, Path("cfg"), "--stack prod", released.append).startswith("no lock")


def test_the_apply_run_marker_exists_only_while_the_run_does(tmp_path):
    with apply_run(tmp_path / "out", "s3://b/k", tmp_path / "apply-x"):
        (tmp_path / "out" / "apply-run-1.json").write_text("{}")  # a killed run's record is kept
        recorded = json.loads((tmp_path / "out" / f"apply-run-{os.getpid()}.json").read_text())
        assert recorded["pid"] == os.getpid() and recorded["state"] == "s3://b/k"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["apply-run-1.json"]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] if Path(f"/proc/{pid}").exists() else "X"
    return status != "Z"


def test_a_timeout_stops_the_whole_process_group_and_is_one_terraform_error(tmp_path):
    # a background child of the shell ignores SIGINT (as a provider plugin may): SIGKILL must reach it
    terraform = Terraform(tmp_path, {}, binary="/bin/sh", timeout_seconds=1)
    started = time.monotonic()
    with pytest.raises(TerraformError) as failed:
        terraform.run("-c", "sleep 120 & echo $! > child.pid; wait")
    assert "did not finish within 1 s" in str(failed.value) and "\n" not in str(failed.value)
    assert time.monotonic() - started < 30
    child = int((tmp_path / "child.pid").read_text())
    deadline = time.monotonic() + 5
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child)


def test_an_interruption_stops_terraform_before_it_propagates(tmp_path):
    script = (
        "import sys\nfrom pathlib import Path\nfrom importer.cli.interrupts import install_interrupt_handlers\n"
        "from importer.terraform.runner import Terraform\ninstall_interrupt_handlers()\n"
        "try:\n    Terraform(Path(sys.argv[1]), {}, binary='/bin/sh').run('-c', 'echo $$ > leader.pid; sleep 120')\n"
        "except KeyboardInterrupt as error:\n    print('interrupted by', error.signal_name)\n")
    process = subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], stdout=subprocess.PIPE, text=True,
                               cwd=Path(__file__).resolve().parents[2])
    deadline = time.monotonic() + 30
    while not (tmp_path / "leader.pid").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    leader = int((tmp_path / "leader.pid").read_text())
    process.send_signal(signal.SIGTERM)
    out, _ = process.communicate(timeout=60)
    assert "interrupted by SIGTERM" in out
    assert not _alive(leader)
