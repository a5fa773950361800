"""The gate on plans the real Terraform produced: create, update, delete, replace, import only,
import with an update, a move (``moved`` block, with and without an update), a listed forget and
an unlisted one (``removed`` blocks), each judged as it must be; all from one plan."""

from __future__ import annotations

import json

import pytest

from importer.verify.gate import judge
from tests.tools import run, terraform_environment

pytestmark = pytest.mark.terraform

PROVIDER = {"aws": [{"region": "us-east-1", "skip_credentials_validation": True, "skip_metadata_api_check": "true",
                     "max_retries": 2}]}


def queue(name: str, visibility: int = 30) -> dict:
    return {"name": name, "visibility_timeout_seconds": visibility, "max_message_size": 262144}


def test_each_kind_of_change_gets_the_right_verdict(clean_emulator, tmp_path):
    environ = {**terraform_environment(tmp_path), **clean_emulator.environment()}
    workdir = tmp_path / "work"
    workdir.mkdir()
    first = {"provider": PROVIDER, "resource": {"aws_sqs_queue": {
        "keep": queue("g-keep"), "gone": queue("g-gone"), "renamed": queue("g-old-name"),
        "counted": {**queue("g-counted-${count.index}"), "count": 1}, "drift_old": queue("g-drift"),
        "listed": queue("g-listed"), "unlisted": queue("g-unlisted")}}}
    (workdir / "main.tf.json").write_text(json.dumps(first))
    run(["terraform", "init", "-input=false", "-no-color"], workdir, environ)
    run(["terraform", "apply", "-auto-approve", "-input=false", "-no-color"], workdir, environ)
    sqs = clean_emulator.client("sqs")
    urls = {name: sqs.create_queue(QueueName=name, Attributes={"VisibilityTimeout": "30",
                                                                "MaximumMessageSize": "262144"})["QueueUrl"]
            for name in ("g-import", "g-import-drifted")}
    second = {"provider": PROVIDER, "resource": {"aws_sqs_queue": {
        "keep": queue("g-keep", 60), "renamed": queue("g-new-name"), "added": queue("g-added"),
        "imported": queue("g-import"), "imported_drifted": queue("g-import-drifted", 45),
        "moved_here": queue("g-counted-0"), "moved_drifted": queue("g-drift", 90)}},
        "import": [{"to": "aws_sqs_queue.imported", "id": urls["g-import"]},
                   {"to": "aws_sqs_queue.imported_drifted", "id": urls["g-import-drifted"]}],
        "moved": [{"from": "aws_sqs_queue.counted[0]", "to": "aws_sqs_queue.moved_here"},
                  {"from": "aws_sqs_queue.drift_old", "to": "aws_sqs_queue.moved_drifted"}],
        "removed": [{"from": f"aws_sqs_queue.{name}", "lifecycle": {"destroy": False}}
                    for name in ("listed", "unlisted")]}
    (workdir / "main.tf.json").write_text(json.dumps(second))
    run(["terraform", "plan", "-input=false", "-no-color", "-out=mixed.tfplan"], workdir, environ)
    shown = json.loads(run(["terraform", "show", "-json", "mixed.tfplan"], workdir, environ).stdout)
    result = judge(shown, forgotten={"aws_sqs_queue.listed"})
    verdicts = {v.address.split(".")[1]: v for v in result.verdicts}
    assert {name: (v.kind, v.status) for name, v in verdicts.items()} == {
        "keep": ("update", "refused"), "gone": ("delete", "refused"), "renamed": ("replace", "refused"),
        "added": ("create", "refused"), "imported": ("import", "accepted"),
        "imported_drifted": ("update", "refused"), "moved_here": ("move", "accepted"),
        "moved_drifted": ("update", "refused"), "listed": ("forget", "accepted"), "unlisted": ("forget", "refused"),
    }
    assert not result.accepted
    assert (verdicts["moved_here"].previous_address, verdicts["moved_drifted"].previous_address) == (
        "aws_sqs_queue.counted[0]", "aws_sqs_queue.drift_old")
    assert verdicts["listed"].actions == ("forget",) and verdicts["moved_here"].actions == ("no-op",)
    assert {f.attribute: f.kind for f in verdicts["moved_drifted"].findings} == {"visibility_timeout_seconds": "drift"}
    assert result.counts()["move"] == 2 and result.counts()["forget"] == 2
    drift = {f.attribute: (f.code, f.live, f.kind) for f in verdicts["imported_drifted"].findings}
    assert drift["visibility_timeout_seconds"] == (45, 30, "drift")
    assert verdicts["imported_drifted"].importing and not verdicts["keep"].importing
    assert {f.attribute: f.kind for f in verdicts["renamed"].findings}["name"] == "forces-replacement"
