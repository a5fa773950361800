"""Moves and forgets in verify and apply, without Terraform: the gate's verdicts on moves and
forgets (listed, unlisted), the blocks every batch config carries (and the full config does not),
when batch 1 is done, the state a later batch must find, and the refusals before any Terraform run.
The same verdicts on plans the real Terraform produced are in tests/e2e/test_gate_real_plans.py."""

from __future__ import annotations

import json

import pytest

from importer.plan import ImportPlan, Move, Orphan, PlanError, PlannedImport
from importer.state.reader import parse_state
from importer.verify.batch_config import batch_config, config_digest
from importer.verify.gate import GateResult, Verdict, judge
from importer.verify.state_changes import forgotten_resources, not_done, preflight, state_after_moves
from importer.verify.verify import expected_state, split_entry, state_before_batch

QUEUE = {"name": "jobs", "visibility_timeout_seconds": 30}


def change(address, actions, before=None, after=None, previous=None, importing=None):
    entry = {"address": address, "mode": "managed", "type": next(p for p in address.split(".") if p.startswith("aws_")),
             "change": {"actions": actions, "before": before, "after": after, "after_unknown": {}}}
    if previous:
        entry["previous_address"] = previous
    if importing:
        entry["change"]["importing"] = {"id": importing}
    return entry


def judged(*changes, forgotten=()):
    return judge({"resource_changes": list(changes)}, forgotten=forgotten)


def test_a_move_without_changes_is_accepted_as_a_move():
    moved_from = 'module.q.aws_sqs_queue.this["a.b"]'
    result = judged(change("aws_sqs_queue.jobs", ["no-op"], QUEUE, QUEUE, previous=moved_from))
    [verdict] = result.verdicts
    assert result.accepted and (verdict.kind, verdict.previous_address) == ("move", moved_from)
    assert result.counts() == {"move": 1}


def test_a_move_that_updates_is_judged_like_any_update():
    drifted = judged(change("aws_sqs_queue.jobs", ["update"], QUEUE, {**QUEUE, "visibility_timeout_seconds": 60},
                            previous="aws_sqs_queue.old[0]"))
    assert not drifted.accepted and drifted.refused()[0].kind == "update"
    assert drifted.counts() == {"update": 1, "move": 1}
    state_only = judged(change("aws_db_instance.db", ["update"], {"skip_final_snapshot": True},
                               {"skip_final_snapshot": False}, previous="aws_db_instance.legacy"))
    assert state_only.accepted and state_only.verdicts[0].kind == "state-only"


def test_only_listed_forgets_are_accepted_and_deletes_stay_refused():
    listed = change('module.m.aws_sqs_queue.q["x.y"]', ["forget"], QUEUE, None)
    unlisted = change("aws_sqs_queue.other", ["forget"], QUEUE, None)
    deleted = change("aws_sqs_queue.gone", ["delete"], QUEUE, None)
    result = judged(listed, unlisted, deleted, forgotten={"module.m.aws_sqs_queue.q", "aws_sqs_queue.gone"})
    verdicts = {v.address: (v.kind, v.status) for v in result.verdicts}
    assert verdicts == {'module.m.aws_sqs_queue.q["x.y"]': ("forget", "accepted"),
                        "aws_sqs_queue.other": ("forget", "refused"), "aws_sqs_queue.gone": ("delete", "refused")}
    assert judged(listed).refused()[0].kind == "forget"  # nothing listed: nothing forgotten


def test_verdicts_keep_the_previous_address_through_verify_json():
    verdict = Verdict("aws_sqs_queue.jobs", "aws_sqs_queue", ("no-op",), False, "accepted", "move",
                      previous_address="aws_sqs_queue.old[0]")
    assert Verdict.from_dict(json.loads(json.dumps(verdict.to_dict()))) == verdict
    assert GateResult([verdict]).counts() == {"move": 1}


CONFIG = {"provider": {"aws": [{"region": "us-east-1"}]}, "resource": {"aws_sqs_queue": {
    "jobs": {"name": "jobs"}, "fresh": {"name": "fresh"}, "later": {"name": "later"}}}}


def _plan(**extra) -> ImportPlan:
    batches = [[PlannedImport("aws_sqs_queue.fresh", "aws_sqs_queue", "https://q/fresh")],
               [PlannedImport("aws_sqs_queue.later", "aws_sqs_queue", "https://q/later")]]
    return ImportPlan("main", batches, moved=[Move('module.q.aws_sqs_queue.this["a.b"]', "aws_sqs_queue.jobs",
                                                   "https://q/jobs")], **extra)


FORGET = Orphan("aws_sqs_queue.old[1]", "https://q/old", True, "forget")


def test_every_batch_config_carries_the_moves_and_forgets_and_the_full_config_does_not():
    plan = _plan(orphaned=[FORGET])
    blocks = {"moved": [{"from": 'module.q.aws_sqs_queue.this["a.b"]', "to": "aws_sqs_queue.jobs"}],
              "removed": [{"from": "aws_sqs_queue.old", "lifecycle": {"destroy": False}}]}
    for batch in (1, 2):
        document = batch_config(CONFIG, plan, batch)
        assert {kind: document[kind] for kind in blocks} == blocks
        assert "aws_sqs_queue" in document["resource"] and "jobs" in document["resource"]["aws_sqs_queue"]
    full = batch_config(CONFIG, plan, None)
    assert "moved" not in full and "removed" not in full
    assert config_digest(batch_config(CONFIG, plan, 1)) != config_digest(CONFIG) and config_digest(CONFIG) == \
        config_digest({**CONFIG, "import": [{"to": "aws_sqs_queue.fresh", "id": "x"}]})


def test_the_forgotten_resources_have_no_keys():
    assert forgotten_resources(_plan(orphaned=[FORGET, Orphan('module.a["k"].aws_sqs_queue.b[0]', "u", True,
                                                              "forget")])) == {"aws_sqs_queue.old",
                                                                               "module.a.aws_sqs_queue.b"}


def test_batch_one_is_done_only_when_imports_moves_and_forgets_all_show_in_state():
    plan = _plan(orphaned=[FORGET])
    moved_from, done = 'module.q.aws_sqs_queue.this["a.b"]', {"aws_sqs_queue.fresh", "aws_sqs_queue.jobs"}
    assert not_done(plan, 1, done) == []
    assert not_done(plan, 1, done | {moved_from}) == [f"{moved_from} -> aws_sqs_queue.jobs"]
    assert not_done(plan, 1, {"aws_sqs_queue.fresh"}) == [f"{moved_from} -> aws_sqs_queue.jobs"]
    assert not_done(plan, 1, done | {"aws_sqs_queue.old[1]"}) == ["aws_sqs_queue.old[1] (forget)"]
    assert not_done(plan, 1, done - {"aws_sqs_queue.fresh"}) == ["aws_sqs_queue.fresh"]
    assert not_done(plan, 2, {"aws_sqs_queue.later", moved_from}) == []  # moves belong to batch 1


def test_later_batches_find_the_state_after_the_moves_and_forgets():
    plan = _plan(orphaned=[FORGET, Orphan("aws_sqs_queue.old[0]", "https://q/old0", True, "forget")])
    original = {"exists": True, "lineage": "L", "serial": 7, "sha256": "x", "resources": sorted([
        'module.q.aws_sqs_queue.this["a.b"]=https://q/jobs', "aws_sqs_queue.old[0]=https://q/old0",
        "aws_sqs_queue.old[1]=https://q/old", 'aws_sqs_queue.kept["x=y"]=https://q/kept'])}
    imported = {"aws_sqs_queue.fresh": "https://q/fresh", "aws_sqs_queue.later": "https://q/later"}
    assert state_before_batch(original, imported, [], plan) is original
    second = state_before_batch(original, imported, plan.batches[:1], plan)
    assert second["resources"] == sorted(['aws_sqs_queue.kept["x=y"]=https://q/kept',
                                          "aws_sqs_queue.jobs=https://q/jobs", "aws_sqs_queue.fresh=https://q/fresh"])
    assert (second["lineage"], second["serial"]) == ("L", None)
    assert split_entry('aws_sqs_queue.kept["x=y"]=a=b') == ('aws_sqs_queue.kept["x=y"]', "a=b")
    applied = expected_state(original, [f"{a}={i}" for a, i in state_after_moves(
        dict(split_entry(e) for e in original["resources"]), plan).items()])
    assert state_before_batch(applied, imported, plan.batches[:1], plan)["resources"] == second["resources"]


def _state(*entries) -> str:
    return json.dumps({"version": 4, "serial": 1, "lineage": "L", "outputs": {}, "resources": [
        {"mode": "managed", "type": "aws_sqs_queue", "name": name, "provider": "p",
         "instances": [{"index_key": key, "attributes": {"id": id_}}]} for name, key, id_ in entries]})


def test_orphans_kept_and_imports_of_held_objects_are_refused_before_terraform():
    kept = _plan(orphaned=[Orphan("aws_sqs_queue.old[1]", "https://q/old", True)])
    kept.origin = "imports/main/plan.json"
    with pytest.raises(PlanError, match=r'imports/main/plan.json: aws_sqs_queue.old\[1\] .*set "decision": "forget" '
                                        r'for aws_sqs_queue.old\[1\] in plan.json'):
        preflight(kept, parse_state(None, "state"))
    held = parse_state(_state(("legacy", "x.y", "https://q/later")), "state")
    with pytest.raises(PlanError, match=r'held by state address aws_sqs_queue.legacy\["x.y"\]'):
        preflight(_plan(orphaned=[FORGET]), held)
    done = parse_state(_state(("later", None, "https://q/later")), "state")
    preflight(_plan(orphaned=[FORGET]), done)  # imported already, at its own address: fine
