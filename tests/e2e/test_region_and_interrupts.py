"""The region and account read are the ones the configuration pins; a lock left by a killed run
is named with its recovery and released only when provably ours; SIGTERM to ``verify`` leaves no
sandbox and no Terraform behind. All as a user runs them: ``python -m importer`` in a subprocess
against the emulator, with the real Terraform."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.tools import PROJECT_ROOT, terraform_environment

pytestmark = pytest.mark.terraform

MOTO_ACCOUNT = "123456789012"
EMULATOR_PROVIDER = {"skip_credentials_validation": True, "skip_metadata_api_check": "true",
                     "s3_use_path_style": True, "max_retries": 2}
S3_BACKEND = {"bucket": "lock-tfstate", "key": "locks/terraform.tfstate", "region": "us-east-1", "use_lockfile": True,
              "skip_credentials_validation": True, "skip_requesting_account_id": True,
              "skip_metadata_api_check": True, "skip_region_validation": True, "use_path_style": True,
              "max_retries": 2}
EMPTY_STATE = {"version": 4, "terraform_version": "1.11.4", "serial": 3, "lineage": "5f0c6b1e-region-test",
               "outputs": {}, "resources": [], "check_results": None}


def importer(*args: str, environ: dict[str, str], timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "importer", *args], cwd=PROJECT_ROOT, env=environ,
                          capture_output=True, text=True, timeout=timeout)


def one_error_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


def write_config(path: Path, resources: dict, provider: dict, backend: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"provider": {"aws": [{**EMULATOR_PROVIDER, **provider}]}, "resource": resources,
                                "terraform": {"backend": backend}}, indent=1))
    return path


@pytest.fixture(scope="module")
def pinned(emulator, tmp_path_factory):
    """A queue made by hand in eu-west-1 and a config pinned to eu-west-1 (local state) that holds it;
    its environment names no region (the emulator's own us-east-1 removed)."""
    emulator.reset()
    root = tmp_path_factory.mktemp("pinned")
    sqs = emulator.session().client("sqs", region_name="eu-west-1", endpoint_url=emulator.endpoint)
    sqs.create_queue(QueueName="pinned-jobs", Attributes={"MaximumMessageSize": "262144"})
    (root / "stack").mkdir()
    (root / "stack" / "terraform.tfstate").write_text(json.dumps(EMPTY_STATE))
    config = write_config(root / "stack" / "main.tf.json",
                          {"aws_sqs_queue": {"jobs": {"name": "pinned-jobs", "max_message_size": 262144}}},
                          {"region": "eu-west-1"}, {"local": {"path": "terraform.tfstate"}})
    environ = {**terraform_environment(root), **emulator.environment()}
    for name in ("AWS_REGION", "AWS_DEFAULT_REGION"):
        environ.pop(name)
    return root, config, environ


def test_a_region_that_differs_from_the_pinned_one_is_refused_by_every_command(pinned):
    root, config, environ = pinned
    out = root / "refused"
    shell = {**environ, "AWS_REGION": "us-east-1"}
    commands = {
        "discover": ("discover", "--config", str(config), "--output", str(out / "inventory.json")),
        "plan": ("plan", "--config", str(config), "--output-dir", str(out)),
        "policy": ("policy", "--config", str(config), "--output-dir", str(out), "--account-id", MOTO_ACCOUNT,
                   "--name-prefix", "pinned-", "--github-repo", "acme/infra", "--github-branch", "main"),
    }
    for name, args in commands.items():
        line = one_error_line(importer(*args, environ=shell))
        assert "AWS_REGION=us-east-1 (environment)" in line and "eu-west-1" in line and str(config) in line, name
    line = one_error_line(importer(*commands["plan"], environ={**environ, "AWS_DEFAULT_REGION": "ap-south-1"}))
    assert "AWS_DEFAULT_REGION=ap-south-1 (environment)" in line and "eu-west-1" in line
    line = one_error_line(importer(*commands["discover"], "--region", "us-east-1", environ=environ))
    assert "--region us-east-1 (command line) differs from eu-west-1" in line
    assert not out.exists()  # nothing written


def test_the_pinned_region_is_read_from_a_shell_without_one_and_verify_agrees(pinned):
    root, config, environ = pinned
    out = root / "out"
    found = importer("discover", "--config", str(config), "--output", str(out / "inventory.json"), environ=environ)
    assert found.returncode == 0, found.stderr
    inventory = json.loads((out / "inventory.json").read_text())
    assert inventory["region"] == "eu-west-1"
    assert [o["identity"].get("name") for o in inventory["objects"]] == ["pinned-jobs"]
    assert "live resources in eu-west-1" in found.stdout
    planned = importer("plan", "--config", str(config), "--output-dir", str(out), environ=environ)
    assert planned.returncode == 2, planned.stderr
    plan = json.loads((out / "plan.json").read_text())
    assert [i["address"] for batch in plan["batches"] for i in batch["imports"]] == ["aws_sqs_queue.jobs"]
    assert plan["summary"]["create"] == 0
    elsewhere = importer("plan", "--config", str(config), "--output-dir", str(root / "other"), "--inventory",
                         str(out / "inventory.json"), "--region", "eu-west-1", environ=environ)
    assert elsewhere.returncode == 2  # an inventory read in the pinned region is accepted
    state_before = (config.parent / "terraform.tfstate").read_bytes()
    refused = importer("verify", "--config", str(config), "--output-dir", str(out),
                       environ={**environ, "AWS_REGION": "us-west-2"})
    assert "AWS_REGION=us-west-2 (environment)" in one_error_line(refused)
    assert not (out / "verify.json").exists()
    refused = importer("apply", "--config", str(config), "--output-dir", str(out), "--batch", "1",
                       environ={**environ, "AWS_REGION": "us-west-2"})
    assert "AWS_REGION=us-west-2 (environment)" in one_error_line(refused)
    assert (config.parent / "terraform.tfstate").read_bytes() == state_before


def test_an_account_the_provider_does_not_allow_is_refused(pinned):
    root, config, environ = pinned
    document = json.loads(config.read_text())
    document["provider"]["aws"][0]["allowed_account_ids"] = ["111111111111"]
    other = root / "allowed" / "main.tf.json"
    other.parent.mkdir()
    other.write_text(json.dumps(document))
    line = one_error_line(importer("discover", "--config", str(other), "--output", str(root / "allowed" / "inv.json"),
                                   environ=environ))
    assert f"account {MOTO_ACCOUNT}" in line and "allowed_account_ids 111111111111" in line and str(other) in line
    assert not (root / "allowed" / "inv.json").exists()
    line = one_error_line(importer("policy", "--config", str(other), "--output-dir", str(root / "allowed" / "p"),
                                   "--account-id", "222222222222", "--name-prefix", "pinned-", "--github-repo",
                                   "acme/infra", "--github-branch", "main", environ=environ))
    assert "account 222222222222 (--account-id) is not in allowed_account_ids 111111111111" in line
    document["provider"]["aws"][0]["allowed_account_ids"] = [MOTO_ACCOUNT]
    other.write_text(json.dumps(document))
    allowed = importer("discover", "--config", str(other), "--output", str(root / "allowed" / "inv.json"),
                       environ=environ)
    assert allowed.returncode == 0, allowed.stderr


def _processes() -> dict[int, tuple[int, int, str]]:
    """pid -> (parent pid, process group, command line) for every process we can see."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] != "Z":
            found[int(entry.name)] = (int(fields[1]), int(fields[2]), cmdline)
    return found


def _cwd_under(pid: int, root: Path) -> bool:
    try:
        return os.readlink(f"/proc/{pid}/cwd").startswith(str(root))
    except OSError:
        return False


def test_sigterm_to_verify_removes_the_sandbox_and_stops_terraform(pinned):
    root, config, environ = pinned
    out = root / "interrupt"
    scratch = root / "tmp"
    scratch.mkdir()
    planned = importer("plan", "--config", str(config), "--output-dir", str(out), environ=environ)
    assert planned.returncode == 2, planned.stderr
    state_before = (config.parent / "terraform.tfstate").read_bytes()
    process = subprocess.Popen([sys.executable, "-m", "importer", "verify", "--config", str(config), "--output-dir",
                                str(out)], cwd=PROJECT_ROOT, env={**environ, "TMPDIR": str(scratch)},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    terraform_pid = None
    deadline = time.monotonic() + 120
    while terraform_pid is None and time.monotonic() < deadline and process.poll() is None:
        terraform_pid = next((pid for pid, (parent, _, cmdline) in _processes().items()
                              if parent == process.pid and "terraform" in cmdline and " plan " in cmdline), None)
        time.sleep(0.05)
    assert terraform_pid is not None, "verify never started terraform plan"
    assert list(scratch.glob("verify-*")), "the sandbox exists while verify runs"
    time.sleep(0.5)  # let the provider plugin start too
    process.send_signal(signal.SIGTERM)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode != 0 and "Traceback" not in stderr
    assert "interrupted" in stderr
    assert not list(scratch.glob("verify-*")), "the sandbox (a copy of the state) was left behind"
    left = [f"{pid}: {cmdline}" for pid, (_, group, cmdline) in _processes().items()
            if pid == terraform_pid or group == terraform_pid or _cwd_under(pid, scratch)]
    assert not left, f"processes left behind: {left}"
    assert (config.parent / "terraform.tfstate").read_bytes() == state_before
    assert not (out / "verify.json").exists()


@pytest.fixture
def locked_stack(emulator, tmp_path):
    """A stack with an S3 backend and one live queue to import, planned and verified."""
    emulator.reset()
    emulator.client("s3").create_bucket(Bucket=S3_BACKEND["bucket"])
    emulator.client("sqs").create_queue(QueueName="locked-jobs", Attributes={"MaximumMessageSize": "262144"})
    config = write_config(tmp_path / "stack" / "main.tf.json",
                          {"aws_sqs_queue": {"jobs": {"name": "locked-jobs", "max_message_size": 262144}}},
                          {"region": "us-east-1"}, {"s3": S3_BACKEND})
    environ = {**terraform_environment(tmp_path), **emulator.environment()}
    out = tmp_path / "out"
    for command in (("plan",), ("verify",)):
        result = importer(*command, "--config", str(config), "--output-dir", str(out), environ=environ)
        assert result.returncode in (0, 2), result.stdout + result.stderr
    return config, environ, out


def _hold_the_lock_and_die(config: Path, environ: dict[str, str], emulator, workdir: Path) -> dict:
    """A Terraform apply on the same backend that takes the lock, then is killed with SIGKILL (as a
    killed CI job leaves it); returns the lock it left."""
    workdir.mkdir()
    (workdir / "main.tf.json").write_text(json.dumps({"terraform": {"backend": {"s3": S3_BACKEND}},
                                                      "resource": {"terraform_data": {"hold": {"input": "x"}}}}))
    subprocess.run(["terraform", "init", "-input=false", "-no-color"], cwd=workdir, env=environ, check=True,
                   capture_output=True, timeout=120)
    holder = subprocess.Popen(["terraform", "apply", "-no-color"], cwd=workdir, env=environ, stdin=subprocess.PIPE,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    s3, key = emulator.client("s3"), S3_BACKEND["key"] + ".tflock"
    deadline = time.monotonic() + 60
    lock = None
    while lock is None and time.monotonic() < deadline:
        try:
            lock = json.loads(s3.get_object(Bucket=S3_BACKEND["bucket"], Key=key)["Body"].read())
        except s3.exceptions.NoSuchKey:
            time.sleep(0.1)
    os.killpg(holder.pid, signal.SIGKILL)
    holder.wait()
    assert lock is not None, "terraform never took the lock"
    return lock


def test_a_lock_left_by_a_killed_run_is_named_with_its_recovery(locked_stack, emulator, tmp_path):
    config, environ, out = locked_stack
    lock = _hold_the_lock_and_die(config, environ, emulator, tmp_path / "holder")
    refused = one_error_line(importer("apply", "--config", str(config), "--output-dir", str(out), "--batch", "1",
                                      environ=environ))
    for part in (f"lock ID {lock['ID']}", f"held by {lock['Who']}", "OperationTypeApply", "age ",
                 f"python -m importer unlock --config {config} --lock-id {lock['ID']}",
                 f"cd {config.parent} && terraform init -input=false && terraform force-unlock {lock['ID']}"):
        assert part in refused, part
    # the holder was not an apply of ours: unlock refuses and says what to run by hand
    line = one_error_line(importer("unlock", "--config", str(config), "--output-dir", str(out), environ=environ))
    assert "not released: no apply-run-<pid>.json" in line and f"force-unlock {lock['ID']}" in line
    # an apply of ours that died: same host, its pid gone, the lock taken after it started
    dead = subprocess.Popen(["true"])
    dead.wait()
    (out / f"apply-run-{dead.pid}.json").write_text(json.dumps({"pid": dead.pid, "host": os.uname().nodename,
                                                    "started": time.time() - 120, "state": "s3://lock-tfstate/"
                                                    "locks/terraform.tfstate", "scratch": str(tmp_path / "gone")}))
    wrong = one_error_line(importer("unlock", "--config", str(config), "--output-dir", str(out), "--lock-id", "x",
                                    environ=environ))
    assert f"--lock-id x is not the lock on s3://lock-tfstate/locks/terraform.tfstate (its ID is {lock['ID']})" in wrong
    released = importer("unlock", "--config", str(config), "--output-dir", str(out), "--lock-id", lock["ID"],
                        environ=environ)
    assert released.returncode == 0 and f"released lock ID {lock['ID']}" in released.stdout, released.stderr
    s3 = emulator.client("s3")
    with pytest.raises(s3.exceptions.NoSuchKey):
        s3.get_object(Bucket=S3_BACKEND["bucket"], Key=S3_BACKEND["key"] + ".tflock")
    applied = importer("apply", "--config", str(config), "--output-dir", str(out), "--batch", "1", environ=environ)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert not list(out.glob("apply-run-*.json"))


def test_an_unreadable_lock_file_is_named_with_its_location_not_a_traceback(locked_stack, emulator):
    config, environ, out = locked_stack
    location = "s3://lock-tfstate/locks/terraform.tfstate.tflock"
    for body in (b"garbage", b"[]", b'"str"'):
        emulator.client("s3").put_object(Bucket=S3_BACKEND["bucket"], Key=S3_BACKEND["key"] + ".tflock", Body=body)
        for command in (("apply", "--batch", "1"), ("unlock",)):
            line = one_error_line(importer(*command, "--config", str(config), "--output-dir", str(out),
                                           environ=environ))
            assert f"lock file {location} exists but is unreadable" in line, (body, command, line)
            assert f"aws s3 rm {location}" in line


def _kill_group_leftovers(group: int) -> None:
    """After the test: a provider plugin whose Terraform died with the killed apply may outlive it
    (Terraform's behaviour, not ours: nothing is left to stop it); stop it so it does not linger."""
    for pid, (_, pgid, _) in _processes().items():
        if pgid == group:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def test_kill_9_of_apply_during_terraform_apply_is_recovered(locked_stack, emulator, request):
    """The original report: ``kill -9`` of apply while Terraform applies. Whatever Terraform managed
    before it lost its output pipe, the next apply names any lock left, ``unlock`` proves it was
    ours and releases it, and the batch then completes."""
    config, environ, out = locked_stack
    apply = ("apply", "--config", str(config), "--output-dir", str(out), "--batch", "1")
    process = subprocess.Popen([sys.executable, "-m", "importer", *apply], cwd=PROJECT_ROOT, env=environ,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    terraform_pid = None
    deadline = time.monotonic() + 120
    while terraform_pid is None and time.monotonic() < deadline and process.poll() is None:
        terraform_pid = next((pid for pid, (parent, _, cmdline) in _processes().items()
                              if parent == process.pid and " apply " in cmdline), None)
        time.sleep(0.02)
    assert terraform_pid is not None, "apply never started terraform apply"
    group = _processes()[terraform_pid][1]
    request.addfinalizer(lambda: _kill_group_leftovers(group))
    process.kill()
    process.wait()
    deadline = time.monotonic() + 120
    while terraform_pid in _processes() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert terraform_pid not in _processes(), "terraform outlived the killed apply for two minutes"
    s3 = emulator.client("s3")
    try:
        lock = json.loads(s3.get_object(Bucket=S3_BACKEND["bucket"], Key=S3_BACKEND["key"] + ".tflock")["Body"].read())
    except s3.exceptions.NoSuchKey:
        lock = None  # Terraform finished and unlocked before it noticed its reader was gone
    assert len(list(out.glob("apply-run-*.json"))) == 1  # the killed run's record
    if lock is not None:
        refused = one_error_line(importer(*apply, environ=environ))
        assert f"lock ID {lock['ID']}" in refused and f"--lock-id {lock['ID']}" in refused
    released = importer("unlock", "--config", str(config), "--output-dir", str(out), environ=environ)
    assert released.returncode == 0, released.stderr
    assert (f"released lock ID {lock['ID']}" if lock else "nothing to release") in released.stdout
    done = importer(*apply, environ=environ)
    assert done.returncode == 0, done.stdout + done.stderr
    state = json.loads(s3.get_object(Bucket=S3_BACKEND["bucket"], Key=S3_BACKEND["key"])["Body"].read())
    assert [(r["type"], r["name"]) for r in state["resources"]] == [("aws_sqs_queue", "jobs")]
    assert not list(out.glob("apply-run-*.json"))
