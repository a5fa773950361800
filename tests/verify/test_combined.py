"""The pure pieces of verify and apply: imported IDs from plan JSON, the state each batch must
find (what `apply --batch k` checks, from no state or after a partial apply), the final plan's
planned creates, the batch configuration (outputs, locals, data, resources in state), the config
digest, and state copies written owner-only."""

from __future__ import annotations

import json
import stat

import pytest

from importer.plan import ImportPlan, Managed, PlanError, PlannedImport
from importer.verify.apply import ApplyRefused, _check_state, local_state_path
from importer.verify.batch_config import batch_config, config_digest
from importer.verify.gate import GateResult, Verdict
from importer.state.reader import parse_state
from importer.verify.verify import (expected_state, final_summary, final_verdict, planned_ids, state_before_batch,
                                    unimported, write_private)

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


def test_an_import_the_plan_did_not_show_is_refused_never_recorded_as_unknown():
    imports = [planned("aws_vpc.main", "vpc-1"), planned("aws_subnet.a", "subnet-1"), planned("aws_iam_role.app", "app")]
    refused = unimported(PLAN_JSON, imports, {"aws_iam_role.app"})  # the role is in state: done, not missing
    assert [(v.address, v.status, v.kind) for v in refused] == [("aws_subnet.a", "refused", "not-imported")]
    assert not GateResult(refused).accepted


def test_imports_already_in_state_are_not_added_again_and_never_as_none():
    original = {**ORIGINAL, "resources": ["aws_iam_role.app=app", "aws_vpc.main=vpc-1"]}  # batch 1 applied
    batches = [[planned("aws_vpc.main", "vpc-1")], [planned("aws_sqs_queue.jobs", "https://q/jobs")]]
    imported = {"aws_sqs_queue.jobs": "https://q/jobs"}  # the re-verify plan imports only what is missing
    assert state_before_batch(original, imported, batches[:1]) is original
    third = state_before_batch(original, imported, batches[:2])
    assert third["resources"] == ["aws_iam_role.app=app", "aws_sqs_queue.jobs=https://q/jobs", "aws_vpc.main=vpc-1"]
    assert not any(entry.endswith("=None") for entry in third["resources"])


def test_with_no_state_yet_the_expected_state_pins_no_lineage():
    nothing = parse_state(None, "none").fingerprint()
    second = state_before_batch(nothing, {"aws_vpc.main": "vpc-1"}, [[planned("aws_vpc.main", "vpc-1")]])
    assert second["lineage"] is None and second["resources"] == ["aws_vpc.main=vpc-1"]
    assert expected_state(nothing, []) is nothing


def _verdict(address: str, actions: tuple[str, ...]) -> Verdict:
    return Verdict(address, address.split(".")[0], actions, False, "refused", "create")


def test_the_final_plan_may_hold_exactly_the_planned_creates():
    creates = [_verdict("aws_sqs_queue.new", ("create",)), _verdict("aws_ssm_parameter.new", ("create",))]
    assert final_verdict(creates, {"aws_sqs_queue.new", "aws_ssm_parameter.new"}) == \
        ([], ["aws_sqs_queue.new", "aws_ssm_parameter.new"])
    assert final_verdict([], set()) == ([], [])
    # one create missing, one too many, or another action: CHANGES, every change listed
    assert final_verdict(creates[:1], {"aws_sqs_queue.new", "aws_ssm_parameter.new"}) == (creates[:1], [])
    assert final_verdict(creates, {"aws_sqs_queue.new"}) == (creates, [])
    mixed = [creates[0], _verdict("aws_iam_role.app", ("update",))]
    assert final_verdict(mixed, {"aws_sqs_queue.new"}) == (mixed, [])
    replaced = [_verdict("aws_sqs_queue.new", ("delete", "create"))]
    assert final_verdict(replaced, {"aws_sqs_queue.new"}) == (replaced, [])


def test_final_summary_names_the_planned_creates():
    assert final_summary({"clean": True, "planned_creates": []}) == "no changes"
    assert final_summary({"clean": True, "planned_creates": ["aws_sqs_queue.new"]}) == \
        "1 planned creates (not imports): aws_sqs_queue.new"
    assert final_summary({"clean": False, "planned_creates": []}) == "CHANGES"


def test_state_copies_are_created_owner_only(tmp_path):
    (tmp_path / "copy.tfstate").write_text("old, world-readable")
    (tmp_path / "copy.tfstate").chmod(0o644)
    for name in ("copy.tfstate", "new.tfstate"):
        write_private(tmp_path / name, '{"version": 4}')
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600
        assert (tmp_path / name).read_text() == '{"version": 4}'


# --- the batch configuration and what apply checks -------------------------------------------

def _plan(*batches: list[str], create: tuple[str, ...] = ()) -> ImportPlan:
    return ImportPlan("s", [[planned(address, address.split(".")[1]) for address in batch] for batch in batches],
                      managed=[Managed("aws_iam_role.base", "base")], create=list(create))


CONFIG = {
    "//": {"metadata": {"version": "0.21.0"}},
    "provider": {"aws": [{"region": "us-east-1", "default_tags": [{"tags": {"team": "a"}}]}]},
    "resource": {
        "aws_iam_role": {"base": {"name": "base", "//": {"metadata": {"path": "s/base"}}}},
        "aws_sqs_queue": {"one": {"name": "one"}, "two": {"name": "two"}, "new": {"name": "new"}},
        "aws_ssm_parameter": {"two": {"name": "two", "value": "${aws_sqs_queue.two.url}"}},
    },
    "data": {"aws_iam_policy_document": {"two": {"statement": [{"resources": ["${aws_sqs_queue.two.arn}"]}]},
                                         "any": {"statement": [{"resources": ["*"]}]}}},
    "locals": {"two_url": "${aws_sqs_queue.two.url}", "two_doc": "${data.aws_iam_policy_document.two.json}",
               "one_url": "${aws_sqs_queue.one.url}", "static": "x"},
    "output": {"one": {"value": "${aws_sqs_queue.one.url}"}, "two": {"value": "${local.two_url}"},
               "doc": {"value": "${local.two_doc}"}, "new": {"value": "${aws_sqs_queue.new.arn}"},
               "base": {"value": "${aws_iam_role.base.arn}", "depends_on": ["aws_sqs_queue.two"]}},
    "import": [{"to": "aws_sqs_queue.one", "id": "one"}],
}


def test_the_batch_config_leaves_out_outputs_locals_and_data_on_what_it_leaves_out():
    plan = _plan(["aws_sqs_queue.one"], ["aws_sqs_queue.two", "aws_ssm_parameter.two"], create=("aws_sqs_queue.new",))
    first = batch_config(CONFIG, plan, 1)
    assert {t: sorted(r) for t, r in first["resource"].items()} == {"aws_iam_role": ["base"], "aws_sqs_queue": ["one"]}
    assert sorted(first["output"]) == ["one"]  # two (via a local), doc (via a local and data), new, base (depends_on)
    assert sorted(first["locals"]) == ["one_url", "static"]
    assert sorted(first["data"]["aws_iam_policy_document"]) == ["any"]
    assert first["import"] == [{"to": "aws_sqs_queue.one", "id": "one"}]
    second = batch_config(CONFIG, plan, 2)
    assert sorted(second["output"]) == ["base", "doc", "one", "two"]  # only the create's output goes
    assert sorted(second["locals"]) == sorted(CONFIG["locals"]) and "aws_sqs_queue" in second["resource"]
    full = batch_config(CONFIG, plan, None)
    assert full["output"] == CONFIG["output"] and "import" not in full


def test_resources_in_state_are_kept_without_import_blocks():
    plan = _plan(["aws_sqs_queue.one"], ["aws_sqs_queue.two", "aws_ssm_parameter.two"])
    first = batch_config(CONFIG, plan, 1, in_state={"aws_sqs_queue.two", "aws_ssm_parameter.two"})
    assert sorted(first["resource"]["aws_sqs_queue"]) == ["one", "two"]  # not deleted by batch 1's plan
    assert "aws_ssm_parameter" in first["resource"] and "two" in first["output"]
    everything = batch_config(CONFIG, plan, 2, cumulative=True, in_state={"aws_sqs_queue.one"})
    assert [block["to"] for block in everything["import"]] == ["aws_sqs_queue.two", "aws_ssm_parameter.two"]
    assert "import" not in batch_config(CONFIG, plan, 1, in_state={"aws_sqs_queue.one"})


def test_a_kept_resource_that_needs_what_is_left_out_is_refused():
    config = {**CONFIG, "resource": {**CONFIG["resource"], "aws_sqs_queue": {
        "one": {"name": "one", "policy": "${local.two_doc}"}, "two": {"name": "two"}}}}
    with pytest.raises(PlanError, match="local.two_doc"):
        batch_config(config, _plan(["aws_sqs_queue.one"], ["aws_sqs_queue.two", "aws_ssm_parameter.two"]), 1)


def test_the_digest_sees_every_plan_changing_edit_but_not_metadata_imports_or_key_order():
    digest = config_digest(CONFIG)
    tags = json.loads(json.dumps(CONFIG))
    tags["provider"]["aws"][0]["default_tags"][0]["tags"]["team"] = "b"
    assert config_digest(tags) != digest
    for edit in (("output", {}), ("locals", {}), ("terraform", {"required_version": ">= 1.5"}),
                 ("moved", [{"from": "aws_sqs_queue.a", "to": "aws_sqs_queue.b"}])):
        assert config_digest({**CONFIG, edit[0]: edit[1]}) != digest, edit[0]
    reordered = json.loads(json.dumps(dict(reversed(list(CONFIG.items())))))
    reordered["resource"]["aws_iam_role"]["base"]["//"] = {"metadata": {"path": "s/elsewhere", "uniqueId": "x"}}
    reordered["//"] = {"metadata": {"version": "0.22.0"}}
    reordered["import"] = [{"to": "aws_sqs_queue.two", "id": "two"}]
    assert config_digest(reordered) == digest


def test_apply_compares_the_lineage_only_when_verify_saw_one():
    seen_nothing = {"lineage": None, "resources": ["aws_sqs_queue.one=one"]}
    now = {"lineage": "made-by-batch-1", "serial": 1, "resources": ["aws_sqs_queue.one=one"]}
    _check_state(now, seen_nothing, 2)
    _check_state(now, {**seen_nothing, "lineage": "made-by-batch-1"}, 2)
    with pytest.raises(ApplyRefused, match="verify saw lineage other"):
        _check_state(now, {**seen_nothing, "lineage": "other"}, 2)
    with pytest.raises(ApplyRefused, match="not the one verify planned batch 2 against"):
        _check_state({**now, "resources": []}, seen_nothing, 2)


def test_a_config_without_a_remote_backend_applies_to_the_state_beside_it(tmp_path):
    location = str(tmp_path / "terraform.tfstate")
    assert local_state_path({}, location) == tmp_path / "terraform.tfstate"
    assert local_state_path({"local": {"path": "x"}}, location).is_absolute()
    assert local_state_path({"s3": {"bucket": "b", "key": "k"}}, "s3://b/k") is None
