"""``python -m emulator ...`` as a user runs it: start, env, build-account, stop."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.tools import PROJECT_ROOT


def importer(*args: str, state_file, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "emulator", "--state-file", str(state_file), *args],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, check=check, timeout=300)


def test_start_env_build_and_stop(tmp_path):
    state_file = tmp_path / "emulator.json"
    started = importer("start", state_file=state_file)
    assert "emulator listening at http://127.0.0.1:" in started.stdout
    try:
        exports = importer("env", state_file=state_file).stdout
        assert "export AWS_ENDPOINT_URL=http://127.0.0.1:" in exports and "AWS_ENDPOINT_URL_S3" in exports
        again = importer("start", state_file=state_file, check=False)
        assert again.returncode == 1 and "already runs" in again.stderr
        report_path = tmp_path / "account.json"
        built = importer("build-account", "--report", str(report_path), state_file=state_file)
        assert "hand-built prod account" in built.stdout
        report = json.loads(report_path.read_text())
        assert len([r for r in report["records"] if r["code_path"]]) == 173
        assert not [r for r in report["records"] if r["in_state"]]  # no --stack-dir: nothing imported
    finally:
        importer("stop", state_file=state_file)
    assert not state_file.exists()
    missing = importer("env", state_file=state_file, check=False)
    assert missing.returncode == 1 and "no emulator recorded" in missing.stderr and "Traceback" not in missing.stderr


def test_build_account_rejects_bad_input_without_touching_anything(tmp_path):
    state_file = tmp_path / "emulator.json"
    result = importer("build-account", "--environment", "qa", state_file=state_file, check=False)
    assert result.returncode == 1 and "choose from prod, staging, dev" in result.stderr
    result = importer("build-account", "--stack-dir", str(tmp_path), state_file=state_file, check=False)
    assert result.returncode == 1 and "holds no cdk.tf.json" in result.stderr
    result = importer("build-account", "--state-from", "hcl", state_file=state_file, check=False)
    assert result.returncode == 1 and "--state-from: 'hcl': choose from stack, legacy" in result.stderr
    result = importer("build-account", "--state-from", "legacy", state_file=state_file, check=False)
    assert result.returncode == 1 and "--state-from: needs --stack-dir" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not state_file.exists()


def test_stop_refuses_a_recorded_pid_that_is_not_our_emulator(tmp_path):
    bystander = subprocess.Popen(["sleep", "120"])  # a harmless process the stale record names
    try:
        state_file = tmp_path / "emulator.json"
        state_file.write_text(json.dumps({"endpoint": "http://127.0.0.1:45999", "pid": bystander.pid}))
        result = importer("stop", state_file=state_file, check=False)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and f"pid {bystander.pid}" in lines[0] and "not an emulator" in lines[0]
        assert "nothing was signalled" in lines[0]
        assert bystander.poll() is None  # still running
        assert state_file.exists()  # the record is kept for the user to look at
    finally:
        bystander.kill()
        bystander.wait()


def test_stop_refuses_an_emulator_pid_recorded_with_another_port(tmp_path):
    state_file = tmp_path / "emulator.json"
    importer("start", state_file=state_file)
    try:
        running = json.loads(state_file.read_text())
        port = int(running["endpoint"].rsplit(":", 1)[1])
        stale = tmp_path / "stale.json"
        stale.write_text(json.dumps({**running, "endpoint": f"http://127.0.0.1:{port + 1}"}))
        result = importer("stop", state_file=stale, check=False)
        assert result.returncode == 1 and f"does not listen on port {port + 1}" in result.stderr
        assert importer("env", state_file=state_file).returncode == 0  # the emulator still answers
    finally:
        importer("stop", state_file=state_file)
    assert not state_file.exists()
