"""The gate on hand-written plan documents in Terraform's documented JSON plan format
(``resource_changes[].change`` with ``actions``, ``before``, ``after``, ``after_unknown``,
``importing``, ``replace_paths``); real plans from the real Terraform are judged in tests/e2e."""

from __future__ import annotations

import pytest

from importer.verify.gate import judge


def change(address, actions, before=None, after=None, importing=None, unknown=None, replace_paths=None):
    type_name = address.split(".")[0]
    body = {"actions": actions, "before": before, "after": after, "after_unknown": unknown or {}}
    if importing:
        body["importing"] = {"id": importing}
    if replace_paths:
        body["replace_paths"] = replace_paths
    return {"address": address, "mode": "managed", "type": type_name, "name": address.split(".")[1],
            "change": body}


def plan(*changes):
    return {"format_version": "1.2", "resource_changes": list(changes)}


QUEUE = {"name": "jobs", "visibility_timeout_seconds": 300}


def test_pure_imports_and_unchanged_resources_are_accepted():
    result = judge(plan(change("aws_sqs_queue.jobs", ["no-op"], QUEUE, QUEUE, importing="https://q/jobs"),
                        change("aws_vpc.main", ["no-op"], {"id": "vpc-1"}, {"id": "vpc-1"})))
    assert result.accepted and result.counts() == {"import": 1, "no-op": 1}


def test_an_update_of_state_only_arguments_is_accepted_and_listed():
    result = judge(plan(change("aws_db_instance.db", ["update"], {"skip_final_snapshot": True, "id": "x"},
                               {"skip_final_snapshot": False, "id": "x"}, importing="db")))
    assert result.accepted
    [verdict] = result.verdicts
    assert verdict.kind == "state-only" and verdict.findings[0].kind == "state-only"


@pytest.mark.parametrize("actions, kind", [(["create"], "create"), (["delete"], "delete"),
                                           (["delete", "create"], "replace"), (["create", "delete"], "replace")])
def test_creates_deletes_and_replacements_are_refused(actions, kind):
    result = judge(plan(change("aws_sqs_queue.jobs", actions, QUEUE if "delete" in actions else None,
                               QUEUE if "create" in actions else None)))
    assert not result.accepted and result.refused()[0].kind == kind


def test_drift_is_refused_with_both_values_and_the_construct_to_change():
    result = judge(plan(change("aws_sqs_queue.jobs", ["update"], {**QUEUE, "visibility_timeout_seconds": 120}, QUEUE,
                               importing="https://q/jobs")), {"aws_sqs_queue.jobs": "messaging/jobs_queue"})
    [verdict] = result.refused()
    [finding] = verdict.findings
    assert (finding.attribute, finding.kind, finding.code, finding.live) == (
        "visibility_timeout_seconds", "drift", 300, 120)
    assert "messaging/jobs_queue" in finding.advice


def test_an_argument_import_cannot_read_back_that_calls_aws_is_refused():
    result = judge(plan(change("aws_lambda_function.fn", ["update"], {"filename": None}, {"filename": "code.zip"},
                               importing="fn")))
    assert not result.accepted and result.refused()[0].findings[0].kind == "not-restored"


def test_replacement_names_the_attribute_that_forces_it():
    result = judge(plan(change("aws_sqs_queue.jobs", ["delete", "create"], QUEUE, {**QUEUE, "name": "jobs-2"},
                               replace_paths=[["name"]])))
    [finding] = result.refused()[0].findings
    assert (finding.attribute, finding.kind) == ("name", "forces-replacement")


def test_provider_noise_is_named_as_such():
    before = {"policy": '{"Version": "2012-10-17", "Statement": []}', "tags": {"a": "b"}, "tags_all": {"a": "b"}}
    after = {"policy": '{"Statement":[],"Version":"2012-10-17"}', "tags": {"a": "b"},
             "tags_all": {"a": "b", "Environment": "prod"}}
    result = judge(plan(change("aws_iam_policy.p", ["update"], before, after)))
    kinds = {f.attribute: f.kind for f in result.refused()[0].findings}
    assert kinds == {"policy": "provider-noise", "tags_all": "provider-noise"}


def test_computed_consequences_of_an_update_are_not_findings():
    result = judge(plan(change("aws_kms_key.k", ["update"], {"deletion_window_in_days": None, "arn": "a"},
                               {"deletion_window_in_days": 30, "arn": None}, importing="k", unknown={"arn": True})))
    assert result.accepted and [f.attribute for f in result.verdicts[0].findings] == ["deletion_window_in_days"]


@pytest.mark.parametrize("before, after, unknown, accepted", [
    ({"tags": {"owner": "a"}, "tags_all": {"owner": "a"}}, {"tags": None, "tags_all": {"owner": "a"}}, {}, True),
    ({"tags": {"owner": "a"}, "tags_all": {"owner": "a"}}, {"tags": None, "tags_all": {"owner": "b"}}, {}, False),
    ({"tags": {"owner": "a"}, "tags_all": {"owner": "a"}}, {"tags": None, "tags_all": None}, {"tags_all": True}, False),
    ({"tags": {"owner": "a"}}, {"tags": None}, {}, False),  # a type without tags_all sends tags itself
])
def test_a_tags_only_difference_is_state_only_exactly_when_tags_all_is_known_and_unchanged(before, after, unknown,
                                                                                         accepted):
    result = judge(plan(change("aws_sqs_queue.jobs", ["update"], {**QUEUE, **before}, {**QUEUE, **after},
                               unknown=unknown)))
    assert result.accepted is accepted
    tags = next(f for f in result.verdicts[0].findings if f.attribute == "tags")
    assert (tags.kind == "state-only") is accepted
