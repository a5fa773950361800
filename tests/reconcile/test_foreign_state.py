"""A state another project wrote: every instance (count, for_each, modules, other names) holds its
object; a state entry not in code whose object the code describes becomes a move; the rest are
orphans awaiting a decision; an object a sibling stack's state holds is managed elsewhere; an
object held under another type needs the two-step recipe. Nothing is ever imported twice."""

from __future__ import annotations

import json
from pathlib import Path

from importer.classes import ResourceClass
from importer.desired.config import DesiredConfig, DesiredResource
from importer.discovery.inventory import Inventory, LiveObject
from importer.ids import TfAddress
from importer.plan import ImportPlan, Orphan, PlanError, PlannedImport
from importer.plan_contract import check_against_state
from importer.planner import build_plan
from importer.specs import registry
from importer.state.reader import TerraformState, parse_state

import pytest

REPO = "123456789012.dkr.ecr.us-east-1.amazonaws.com/"
ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/0123456789abcdef"


def live(type_name, import_id, identity=None, references=None):
    return LiveObject(type_name, import_id, identity or {}, references or {}, ())


def inventory(*objects) -> Inventory:
    return Inventory(region="us-east-1", objects=list(objects), failures=[], types=sorted(registry()))


def config(resources: dict[str, dict]) -> DesiredConfig:
    return DesiredConfig(Path("main.tf.json"), tuple(DesiredResource(TfAddress.parse(a), body)
                                                     for a, body in resources.items()), {})


def state(entries: list[tuple[str, str]], extra: dict[str, dict] | None = None) -> TerraformState:
    """A state holding ``(address, id)`` instances, grouped per resource the way Terraform writes them."""
    grouped: dict[tuple, dict] = {}
    for text, id_ in entries:
        address = TfAddress.parse(text)
        entry = grouped.setdefault((address.module, str(address.type), address.name), {
            "mode": "managed", "type": str(address.type), "name": address.name, "instances": [],
            **({"module": address.module} if address.module else {})})
        instance = {"attributes": {"id": id_, **(extra or {}).get(text, {})}}
        if address.key is not None:
            instance["index_key"] = address.key
        entry["instances"].append(instance)
    return parse_state(json.dumps({"version": 4, "serial": 1, "lineage": "l", "resources": list(grouped.values())}),
                       "test.tfstate")


QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/"
LIVE = [
    live("aws_ecr_repository", "worker", {"name": "worker"}),
    live("aws_sqs_queue", QUEUE + "orders", {"name": "orders"}),
    live("aws_sqs_queue", QUEUE + "archive.v2", {"name": "archive.v2"}),
    live("aws_sqs_queue", QUEUE + "old-test", {"name": "old-test"}),
    live("aws_sqs_queue", QUEUE + "jobs", {"name": "jobs"}),
    live("aws_sqs_queue", QUEUE + "staging-jobs", {"name": "staging-jobs"}),
    live("aws_lb", ARN, {"name": "web"}),
]
CODE = config({
    "aws_ecr_repository.worker": {"name": "worker"},
    "aws_sqs_queue.orders": {"name": "orders"},
    "aws_sqs_queue.archive": {"name": "archive.v2"},
    "aws_sqs_queue.jobs": {"name": "jobs"},
    "aws_sqs_queue.staging_twin": {"name": "staging-jobs"},
    "aws_lb.web": {"name": "web"},
})
LEGACY = state([
    ("aws_ecr_repository.legacy_worker", "worker"),                       # a rename
    ("aws_sqs_queue.this[0]", QUEUE + "orders"),                          # count
    ('module.queues["a.b"].aws_sqs_queue.this["archive.v2"]', QUEUE + "archive.v2"),  # module + for_each
    ("aws_sqs_queue.old_test", QUEUE + "old-test"),                       # orphan, live
    ("aws_sqs_queue.gone[1]", QUEUE + "gone"),                            # orphan, gone
    ("aws_alb.web", ARN),                                                 # the same object under another type
])
STAGING = state([("aws_sqs_queue.jobs", QUEUE + "staging-jobs")])


@pytest.fixture(scope="module")
def plan() -> ImportPlan:
    return build_plan("prod", CODE, LEGACY, inventory(*LIVE), registry(), siblings={"staging": STAGING})


def test_renames_count_for_each_and_module_instances_become_moves(plan):
    assert {(m.from_, m.to, m.id) for m in plan.moved} == {
        ("aws_ecr_repository.legacy_worker", "aws_ecr_repository.worker", "worker"),
        ("aws_sqs_queue.this[0]", "aws_sqs_queue.orders", QUEUE + "orders"),
        ('module.queues["a.b"].aws_sqs_queue.this["archive.v2"]', "aws_sqs_queue.archive", QUEUE + "archive.v2"),
    }


def test_only_the_object_no_state_holds_is_imported(plan):
    assert [(i.address, i.id) for batch in plan.batches for i in batch] == [("aws_sqs_queue.jobs", QUEUE + "jobs")]


def test_state_entries_not_in_code_are_orphans_kept_until_decided(plan):
    assert plan.orphaned == [Orphan("aws_alb.web", ARN, None), Orphan("aws_sqs_queue.gone[1]", QUEUE + "gone", False),
                             Orphan("aws_sqs_queue.old_test", QUEUE + "old-test", True)]
    assert plan.pending[ResourceClass.ORPHANED.value] == 3


def test_a_sibling_stacks_object_is_managed_elsewhere_and_never_a_candidate(plan):
    assert [(e.type, e.id, e.stack, e.address) for e in plan.managed_elsewhere] == [
        ("aws_sqs_queue", QUEUE + "staging-jobs", "staging", "aws_sqs_queue.jobs")]
    assert QUEUE + "staging-jobs" not in {u.id for u in plan.unmanaged}
    twin = next(a for a in plan.ambiguous if a.address == "aws_sqs_queue.staging_twin")
    assert "managed by stack staging at aws_sqs_queue.jobs" in twin.reason


def test_an_object_held_under_another_type_gets_the_two_step_recipe(plan):
    web = next(a for a in plan.ambiguous if a.address == "aws_lb.web")
    assert "held by state address aws_alb.web of type aws_alb" in web.reason
    assert "Terraform cannot move between types" in web.reason and "run plan again" in web.reason


def test_unmanaged_lists_nothing_a_state_holds(plan):
    assert plan.unmanaged == []


def test_the_plan_round_trips_and_moves_and_forgets_go_in_batch_one(plan):
    again = ImportPlan.from_dict(json.loads(plan.to_json()))
    assert again == plan
    decided = ImportPlan.from_dict({**json.loads(plan.to_json()), "orphaned": [
        {**o.to_dict(), "decision": "forget"} for o in plan.orphaned]})
    assert decided.state_blocks() == {
        "moved": [{"from": m.from_, "to": m.to} for m in plan.moved],
        "removed": [{"from": a, "lifecycle": {"destroy": False}}
                    for a in ("aws_alb.web", "aws_sqs_queue.gone", "aws_sqs_queue.old_test")]}
    keep, _ = decided.selection(1)
    assert {m.to for m in plan.moved} <= keep


def test_a_hand_edited_import_of_a_state_held_object_is_refused_however_it_is_written(plan):
    document = json.loads(plan.to_json())
    document["batches"][0]["imports"].append(
        {"address": "aws_sqs_queue.copy", "type": "aws_sqs_queue", "id": QUEUE + "orders", "depends_on": []})
    with pytest.raises(PlanError, match=r"held by state address aws_sqs_queue\.this\[0\]"):
        ImportPlan.from_dict(document)
    document["moved"] = []  # the edit hides the move too: the real state still refuses it
    edited = ImportPlan.from_dict(document)
    with pytest.raises(PlanError, match=r"aws_sqs_queue\.copy: live aws_sqs_queue '.*orders' is held by state "
                                        r"address aws_sqs_queue\.this\[0\]"):
        check_against_state(edited, LEGACY.holders(), lambda message: (_ for _ in ()).throw(PlanError(message)))


def test_a_second_code_address_for_a_moved_object_is_ambiguous_not_a_second_move():
    code = config({"aws_ecr_repository.a": {"name": "worker"}, "aws_ecr_repository.b": {"name": "worker"}})
    plan = build_plan("prod", code, LEGACY, inventory(*LIVE), registry())
    assert [(m.from_, m.to) for m in plan.moved] == [("aws_ecr_repository.legacy_worker", "aws_ecr_repository.a")]
    assert [(a.address, a.reason) for a in plan.ambiguous] == [
        ("aws_ecr_repository.b", "already held by aws_ecr_repository.a")]


def test_an_import_block_in_code_cannot_take_an_object_a_state_entry_holds():
    code = DesiredConfig(Path("main.tf.json"), (DesiredResource(TfAddress.parse("aws_sqs_queue.x"), {"name": "zzz"}),),
                         {}, import_blocks=({"to": "aws_sqs_queue.x", "id": QUEUE + "old-test"},))
    plan = build_plan("prod", code, LEGACY, inventory(*LIVE), registry())
    assert not any(plan.batches[0]) if plan.batches else True
    assert "aws_sqs_queue.old_test" in {o.address for o in plan.orphaned}


def test_elimination_never_picks_the_free_twin_of_an_object_an_orphan_holds():
    twins = [live("aws_sqs_queue", QUEUE + "a", {"name": "q"}), live("aws_sqs_queue", QUEUE + "b", {"name": "q"})]
    held = state([("aws_sqs_queue.old", QUEUE + "a")])
    plan = build_plan("prod", config({"aws_sqs_queue.q": {"name": "q"}}), held, inventory(*twins), registry())
    assert not any(plan.batches[0]) and not plan.moved
    assert [a.address for a in plan.ambiguous] == ["aws_sqs_queue.q"]


def test_a_top_level_forget_array_decides_too_and_names_only_orphans(plan):
    document = json.loads(plan.to_json())
    document["forget"] = ["aws_sqs_queue.gone", "aws_sqs_queue.old_test"]
    decided = ImportPlan.from_dict(document)
    assert {o.address: o.decision for o in decided.orphaned} == {
        "aws_alb.web": "keep", "aws_sqs_queue.gone[1]": "forget", "aws_sqs_queue.old_test": "forget"}
    document["forget"] = ["aws_sqs_queue.orders"]
    with pytest.raises(PlanError, match=r"forget names 'aws_sqs_queue\.orders', which is not orphaned"):
        ImportPlan.from_dict(document)
