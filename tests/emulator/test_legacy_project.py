"""The older hand-written project whose state the legacy scenario variant seeds: every resource
ignores all changes (importing at its addresses must never change AWS), and the addresses the
seed imports to are the ones its configuration declares, in every address form."""

from __future__ import annotations

import json
import re

from emulator.scenario.legacy_state import LEFTOVERS, LEGACY_PROJECT, QUEUES, legacy_project


def _resources(document: dict) -> dict[str, dict]:
    return {f"{type_name}.{name}": body for type_name, blocks in document.get("resource", {}).items()
            for name, body in blocks.items()}


def test_every_resource_of_the_project_and_its_module_ignores_all_changes():
    root = legacy_project()
    resources = _resources(root)
    for name, module in root["module"].items():
        document = json.loads((LEGACY_PROJECT / module["source"] / "main.tf.json").read_text())
        resources.update({f"module.{name}.{address}": body for address, body in _resources(document).items()})
    assert len(resources) >= 7
    assert {address: body.get("lifecycle", {}).get("ignore_changes") for address, body in resources.items()} == \
        {address: "all" for address in resources}
    assert any("count" in body for body in resources.values()) and any("for_each" in body for body in resources.values())


def test_the_leftovers_and_queues_are_declared_by_the_project():
    root = legacy_project()
    assert set(root["variable"]["queues"]["default"]) == set(QUEUES)
    assert [key for key, path in QUEUES.items() if path is None] == ["test-queue-old"]
    resources = set(_resources(root)) | {"module.queues.aws_sqs_queue.this"}
    for address in LEFTOVERS:
        assert re.sub(r"\[[^\]]*\]$", "", address) in resources, address
