"""A Lambda whose ``source_code_hash`` equals the live ``code_sha256`` is not drift: provider 5.100
leaves ``source_code_hash`` empty after an import (it keeps it only from configuration), so the
first plan sets it although the code is exactly what runs. The gate says so (``not-restored``,
still refused: applying re-sends the code); a hash that differs from what runs stays drift. The
cheap drift of ``plan`` never reports the hash either (discovery does not read it as an argument)."""

from __future__ import annotations

import json

from importer.desired.config import load_config
from importer.discovery.inventory import Inventory, LiveObject
from importer.planner import build_plan
from importer.specs import registry
from importer.state.reader import TerraformState
from importer.verify.gate import judge

LIVE_HASH = "vTATfT6We5iO0Tdb2jZyY8OTDqYqKh2WDBaZK5E8x2Q="  # base64 SHA-256, as Lambda and filebase64sha256 give it
BEFORE = {"function_name": "fn", "code_sha256": LIVE_HASH, "source_code_hash": "", "filename": None,
          "publish": None, "handler": "handler.handler"}


def lambda_plan(code_hash: str) -> dict:
    after = {**BEFORE, "source_code_hash": code_hash, "filename": "fn.zip", "publish": False}
    return {"format_version": "1.2", "resource_changes": [{
        "address": "aws_lambda_function.fn", "mode": "managed", "type": "aws_lambda_function", "name": "fn",
        "change": {"actions": ["update"], "before": BEFORE, "after": after, "after_unknown": {},
                   "importing": {"id": "fn"}}}]}


def findings(code_hash: str) -> dict[str, tuple[str, str]]:
    [verdict] = judge(lambda_plan(code_hash)).verdicts
    assert verdict.status == "refused"  # filename and the hash make the provider upload the code again
    return {f.attribute: (f.kind, f.advice) for f in verdict.findings}


def test_a_hash_equal_to_the_live_code_sha256_is_not_drift():
    found = findings(LIVE_HASH)
    kind, advice = found["source_code_hash"]
    assert kind == "not-restored"
    assert "equals the live code_sha256" in advice and "lifecycle.ignore_changes" in advice
    assert found["filename"][0] == "not-restored" and found["publish"][0] == "state-only"


def test_a_hash_that_differs_from_what_runs_is_still_drift():
    kind, advice = findings("T3RoZXJDb2RlLi4uLi4uLi4uLi4uLi4uLi4uLi4uLi4=")["source_code_hash"]
    assert kind == "drift" and "T3RoZXJDb2Rl" in advice


def test_plan_reports_no_cheap_drift_for_a_matching_lambda(tmp_path):
    path = tmp_path / "main.tf.json"
    path.write_text(json.dumps({"resource": {"aws_lambda_function": {"fn": {
        "function_name": "fn", "handler": "handler.handler", "runtime": "python3.12", "role": "arn:aws:iam::1:role/r",
        "filename": "fn.zip", "source_code_hash": LIVE_HASH}}}}))
    live = LiveObject("aws_lambda_function", "fn", {"function_name": "fn"}, {"role": "arn:aws:iam::1:role/r"}, (),
                      attributes={"function_name": "fn", "handler": "handler.handler", "runtime": "python3.12"})
    inventory = Inventory(region="us-east-1", objects=[live], failures=[], types=sorted(registry()))
    plan = build_plan("main", load_config(path), TerraformState("none", False), inventory, registry())
    assert [[i.address for i in b] for b in plan.batches] == [["aws_lambda_function.fn"]]
    assert plan.drift == []
    live.attributes["handler"] = "other.handler"  # the cheap drift does see a real difference
    plan = build_plan("main", load_config(path), TerraformState("none", False), inventory, registry())
    assert [(d.attribute, d.live) for d in plan.drift] == [("handler", "other.handler")]
