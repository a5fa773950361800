"""The pieces of the one-plan verify that are pure: imported IDs from plan JSON, and the state
each batch must find (what `apply --batch k` checks)."""

from __future__ import annotations

from importer.plan import PlannedImport
from importer.verify.verify import planned_ids, state_before_batch

PLAN_JSON = {"resource_changes": [
    {"address": "aws_vpc.main", "change": {"actions": ["no-op"], "importing": {"id": "vpc-1"}, "after": {"id": "vpc-1"}}},
    {"address": "aws_sqs_queue.jobs", "change": {"actions": ["update"], "importing": {"id": "https://q/jobs"},
                                                 "after": {"id": "https://q/jobs"}}},
    {"address": "aws_iam_role.app", "change": {"actions": ["no-op"], "after": {"id": "app"}}},  # already managed
]}
ORIGINAL = {"exists": True, "lineage": "l-1", "serial": 4, "sha256": "abc", "resources": ["aws_iam_role.app=app"]}


def planned(address: str, id_: str) -> PlannedImport:
    return PlannedImport(address, address.split(".")[0], id_, ())


def test_only_imported_resources_give_ids():
    assert planned_ids(PLAN_JSON) == {"aws_vpc.main": "vpc-1", "aws_sqs_queue.jobs": "https://q/jobs"}


def test_batch_one_finds_the_original_state_and_later_batches_the_earlier_imports():
    imported = planned_ids(PLAN_JSON)
    batches = [[planned("aws_vpc.main", "vpc-1")], [planned("aws_sqs_queue.jobs", "https://q/jobs")]]
    assert state_before_batch(ORIGINAL, imported, []) is ORIGINAL
    second = state_before_batch(ORIGINAL, imported, batches[:1])
    assert second["lineage"] == "l-1" and second["serial"] is None
    assert second["resources"] == ["aws_iam_role.app=app", "aws_vpc.main=vpc-1"]
    third = state_before_batch(ORIGINAL, imported, batches[:2])
    assert third["resources"] == ["aws_iam_role.app=app", "aws_sqs_queue.jobs=https://q/jobs", "aws_vpc.main=vpc-1"]


def test_an_import_the_plan_did_not_show_is_recorded_as_unknown():
    second = state_before_batch(ORIGINAL, {}, [[planned("aws_vpc.main", "vpc-1")]])
    assert "aws_vpc.main=None" in second["resources"]  # apply then refuses: no state will match
