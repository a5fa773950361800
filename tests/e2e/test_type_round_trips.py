"""Every type proven by a fixture (``proof`` in ``importer/specs/facts/*.json``), in one round trip: ONE emulator,
ONE build of every type's scenario object (``emulator.scenario.catalogue``), the fixture configs
merged into one Terraform JSON config, ONE `importer plan`, then `importer verify`: one plan
importing every object at once, applied to a sandbox state, and a final plan that must be empty.
Per type: discovery found the object with the provider's import ID, and the import was clean."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from emulator.scenario import catalogue
from emulator.scenario.context import BuildContext
from importer.specs import table
from stacks.config import PROD
from tests.tools import PROJECT_ROOT

pytestmark = [pytest.mark.terraform, pytest.mark.slow]

FIXTURES = PROJECT_ROOT / "tests/fixtures/types"
# ROUND_TRIP_TYPES=aws_a,aws_b narrows a local run to some types while one works on them (the CI runs all).
ONLY = {t for t in os.environ.get("ROUND_TRIP_TYPES", "").split(",") if t}
TYPES = sorted(t for t, how in table.proof().items() if how == "fixture" and (not ONLY or t in ONLY))
PROVIDER = {"aws": [{"region": "us-east-1", "skip_credentials_validation": True, "skip_metadata_api_check": "true",
                     "s3_use_path_style": True, "max_retries": 2}]}


def merged_config(types: list[str], state_path: str) -> dict:
    """The fixtures as one config; a resource two fixtures declare must be declared identically."""
    resources: dict[str, dict] = {}
    for type_name in types:
        for kind, blocks in json.loads((FIXTURES / f"{type_name}.tf.json").read_text())["resource"].items():
            for name, body in blocks.items():
                known = resources.setdefault(kind, {}).setdefault(name, body)
                assert known == body, f"{kind}.{name} differs between fixtures ({type_name})"
    return {"terraform": {"backend": {"local": {"path": state_path}}}, "provider": PROVIDER, "resource": resources}


def importer(env, *args):
    return subprocess.run([sys.executable, "-m", "importer", *args], cwd=PROJECT_ROOT, env=env, capture_output=True,
                          text=True, timeout=900)


@pytest.fixture(scope="module")
def round_trip(emulator, tmp_path_factory):
    root = tmp_path_factory.mktemp("types")
    emulator.reset()
    ctx = BuildContext(emulator.session(), emulator.endpoint, PROD)
    catalogue.build(ctx, TYPES)
    config = root / "main.tf.json"
    config.write_text(json.dumps(merged_config(TYPES, str(root / "terraform.tfstate")), indent=1))
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")} | emulator.environment()
    out = ["--config", str(config), "--output-dir", str(root / "out")]
    planned, verified = importer(env, "plan", *out), None
    if planned.returncode == 2:
        verified = importer(env, "verify", *out)
    read = lambda name: json.loads((root / "out" / name).read_text()) if (root / "out" / name).exists() else {}
    return {"records": ctx.report.records, "planned": planned, "verified": verified,
            "inventory": read("inventory.json"), "plan": read("plan.json"), "verify": read("verify.json")}


def test_one_plan_imports_every_fixture_object_and_the_next_plan_is_empty(round_trip):
    assert round_trip["planned"].returncode == 2, round_trip["planned"].stdout + round_trip["planned"].stderr
    verified = round_trip["verified"]
    assert verified.returncode == 0, verified.stdout + verified.stderr
    result, plan = round_trip["verify"], round_trip["plan"]
    assert result["clean"] and result["final"]["clean"] and result["plans_run"] == 2
    assert plan["create"] == [] and plan["unmanaged"] == [] and plan["ambiguous"] == []
    imported = sum(b["counts"].get("import", 0) + b["counts"].get("state-only", 0) for b in result["batches"])
    assert imported == sum(len(b["imports"]) for b in plan["batches"]) == len(round_trip["records"])


@pytest.mark.parametrize("type_name", TYPES)
def test_discovery_finds_the_object_with_its_import_id_and_it_is_imported_clean(round_trip, type_name):
    expected = sorted(r.import_id for r in round_trip["records"] if r.type == type_name)
    found = sorted(o["import_id"] for o in round_trip["inventory"].get("objects", []) if o["type"] == type_name)
    # Discovery may also find objects of the type that another fixture's code holds inline (a rule inline in
    # its security group or ACL): the plan has no unmanaged object, so each of those is the code's.
    assert expected and set(expected) <= set(found)
    imports = {i["address"]: i["id"] for b in round_trip["plan"].get("batches", []) for i in b["imports"]
               if i["type"] == type_name}
    # Every resource of the type any fixture declares (another type's fixture may declare one it needs).
    declared = merged_config(TYPES, "")["resource"][type_name]
    assert sorted(imports) == sorted(f"{type_name}.{name}" for name in declared)
    assert sorted(imports.values()) == expected
    verdicts = {v["address"]: v for b in round_trip["verify"].get("batches", []) for v in b["verdicts"]}
    assert all(verdicts[address]["status"] == "accepted" for address in imports), [verdicts[a] for a in imports]
