"""Codify the hand-built prod account's unmanaged leftovers with the real Terraform against the
emulator: every object codified, references into the stack's code, no secret anywhere, the same
result twice, and the cleaned configuration plans import-only on its own."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from importer.codify.generate import _check_config, _root_config, codify
from importer.codify.model import Reference
from importer.codify.references import references_of, target_identifiers
from importer.discovery.inventory import LiveObject
from importer.terraform.runner import Terraform
from tests.tools import PROJECT_ROOT, hand_built_prod

pytestmark = [pytest.mark.terraform, pytest.mark.slow]
CANARY = "rw-canary"


@pytest.fixture(scope="module")
def leftovers(emulator, tmp_path_factory):
    root = tmp_path_factory.mktemp("codify")
    stack_dir, environ, _ = hand_built_prod(emulator, root, seed=5)
    subprocess.run([sys.executable, "-m", "importer", "plan", "--config", str(stack_dir / "cdk.tf.json"),
                    "--output-dir", str(root / "out")], cwd=PROJECT_ROOT, env=environ, capture_output=True,
                   text=True, timeout=600, check=False)
    plan = json.loads((root / "out" / "plan.json").read_text())
    inventory = json.loads((root / "out" / "inventory.json").read_text())
    objects = [LiveObject(**{k: tuple(v) if k == "aliases" else v for k, v in o.items()}) for o in inventory["objects"]]
    wanted = {(u["type"], u["id"]) for u in plan["unmanaged"]}
    in_code = {m["address"]: m["id"] for m in plan["managed"]}
    in_code.update({i["address"]: i["id"] for batch in plan["batches"] for i in batch["imports"]})
    selected = [o for o in objects if (o.type, o.import_id) in wanted]
    results, seconds = [], []
    for run in (1, 2):
        started = time.monotonic()
        results.append(codify(selected, region="us-east-1", environ=environ, workdir=root / f"w{run}",
                              in_code=in_code, known=objects))
        seconds.append(time.monotonic() - started)
    print(f"codified {len(selected)} objects in {seconds[0]:.1f} s ({seconds[0] / len(selected):.2f} s/object)")
    return {"root": root, "environ": environ, "selected": selected, "results": results, "objects": objects,
            "in_code": in_code, "plan": plan}


def test_every_leftover_is_codified_the_same_way_twice(leftovers):
    first, second = leftovers["results"]
    assert first == second
    assert first.skipped == ()
    assert sorted((r.tf_type, r.import_id) for r in first.resources) == sorted(
        (o.type, o.import_id) for o in leftovers["selected"])
    assert len(first.resources) == len(leftovers["plan"]["unmanaged"]) >= 5


def test_references_point_into_the_code_and_between_codified_objects(leftovers):
    result = leftovers["results"][0]
    found = {ref for resource in result.resources for ref in references_of(resource.arguments)}
    codified = {r.address for r in result.resources}
    into_code = {ref for ref in found if ref.address in leftovers["in_code"]}
    assert any(ref.address.startswith("aws_vpc.") for ref in into_code)  # the debug group's vpc_id
    assert any(ref.address in codified for ref in found)  # the rule -> its codified security group
    assert set(result.external) == into_code


def test_no_secret_anywhere(leftovers):
    result = leftovers["results"][0]
    assert CANARY not in repr(result)
    lambdas = [r for r in result.resources if r.tf_type == "aws_lambda_function"]
    assert lambdas and "environment" in lambdas[0].secrets and "environment" not in lambdas[0].arguments
    parameters = [r for r in result.resources if r.tf_type == "aws_ssm_parameter"]
    assert parameters and all("value" in p.secrets and "value" not in p.arguments for p in parameters)


def test_the_cleaned_configuration_plans_import_only(leftovers, tmp_path):
    result = leftovers["results"][0]
    by_id = {(o.type, o.import_id): o for o in leftovers["objects"]}
    literal = {}
    for address, import_id in leftovers["in_code"].items():
        tf_type = address.split(".")[0]
        attributes = by_id[(tf_type, import_id)].attributes if (tf_type, import_id) in by_id else {}
        literal.update({Reference(address, a): v for a, v in target_identifiers(import_id, attributes).items()})
    resolved = {r.address: dict(r.arguments) for r in result.resources}
    config = _check_config(resolved, {r.address: list(r.secrets) for r in result.resources}, literal)
    objects = {r.address: by_id[(r.tf_type, r.import_id)] for r in result.resources}
    (tmp_path / "main.tf.json").write_text(json.dumps(_root_config("us-east-1", objects)))
    (tmp_path / "codified.tf.json").write_text(json.dumps(config))
    terraform = Terraform(tmp_path, leftovers["environ"])
    terraform.init()
    terraform.plan("p.tfplan")
    changes = terraform.show_json("p.tfplan")["resource_changes"]
    assert sorted(c["address"] for c in changes) == sorted(resolved)
    assert all(c["change"]["actions"] == ["no-op"] and c["change"].get("importing") for c in changes), \
        [(c["address"], c["change"]["actions"]) for c in changes if c["change"]["actions"] != ["no-op"]]
