"""The served provider (one process for many Terraform commands): its reattach line is read
exactly, the CA-bundle exception is decided from the environment, and the process is always stopped."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from importer.terraform.provider_server import AWS_SOURCE, installed_provider, provider_environment, \
    reattach_value, served_provider

REATTACH = {AWS_SOURCE: {"Protocol": "grpc", "ProtocolVersion": 5, "Pid": 42, "Test": True,
                         "Addr": {"Network": "unix", "String": "/tmp/plugin1"}}}
PRINTED = ("Provider started. To attach Terraform CLI, set the TF_REATTACH_PROVIDERS environment variable with "
           f"the following:\n\n\tTF_REATTACH_PROVIDERS='{json.dumps(REATTACH)}'\n")


def test_the_reattach_line_is_read_only_for_the_provider_asked():
    assert json.loads(reattach_value(PRINTED)) == REATTACH
    assert reattach_value(PRINTED, "registry.terraform.io/hashicorp/google") is None
    assert reattach_value("Provider started.") is None
    assert reattach_value("TF_REATTACH_PROVIDERS='{not json'") is None


def test_a_ca_bundle_is_dropped_only_when_every_endpoint_is_plain_http():
    assert provider_environment({"AWS_REGION": "us-east-1"}) == {"AWS_REGION": "us-east-1"}
    local = {"AWS_CA_BUNDLE": "/ca.pem", "AWS_ENDPOINT_URL": "http://127.0.0.1:5000",
             "AWS_ENDPOINT_URL_S3": "http://127.0.0.1:5000"}
    assert provider_environment(local) == {k: v for k, v in local.items() if k != "AWS_CA_BUNDLE"}
    assert provider_environment({"AWS_CA_BUNDLE": "/ca.pem"}) is None  # real AWS over TLS
    assert provider_environment({**local, "AWS_ENDPOINT_URL_S3": "https://s3.example"}) is None


def _fake_provider(workdir: Path, script: str) -> Path:
    folder = workdir / ".terraform" / "providers" / AWS_SOURCE / "5.100.0" / "linux_amd64"
    folder.mkdir(parents=True)
    (folder / "LICENSE.txt").write_text("license")
    binary = folder / "terraform-provider-aws_v5.100.0_x5"
    binary.write_text(script)
    binary.chmod(binary.stat().st_mode | stat.S_IXUSR)
    return binary


def test_the_provider_is_served_and_stopped(tmp_path):
    binary = _fake_provider(tmp_path, f"#!/bin/sh\necho $$ > {tmp_path}/pid\ncat <<'EOF'\n{PRINTED}EOF\n"
                                      "exec sleep 300\n")
    assert installed_provider(tmp_path) == binary.resolve()
    with served_provider(tmp_path, {"PATH": os.environ["PATH"]}) as extra:
        assert json.loads(extra["TF_REATTACH_PROVIDERS"]) == REATTACH
        pid = int((tmp_path / "pid").read_text())
        os.kill(pid, 0)  # running
    assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2]
    assert not (tmp_path / "provider-server.log").exists()


def test_without_a_reattach_line_or_a_binary_nothing_is_served(tmp_path):
    with served_provider(tmp_path, {}) as extra:
        assert extra == {}
    _fake_provider(tmp_path, "#!/bin/sh\necho starting\nexit 3\n")
    with served_provider(tmp_path, {"PATH": os.environ["PATH"]}, start_timeout=5) as extra:
        assert extra == {}
