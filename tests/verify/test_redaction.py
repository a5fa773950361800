"""No secret survives the reading of a plan: values Terraform marks sensitive (``before_sensitive``
/ ``after_sensitive``, a bool or a structure of bools at any depth), the attributes the sensitive
data names and the unmarked secret carriers (Lambda environment, ECS container definitions) are
masked in every diff, finding, advice, report and terminal line, while the finding still says
which attribute (and which part of it) differs. Synthetic plans in Terraform's JSON plan format."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from importer.discovery.inventory import REDACTED, redact, sensitive_path
from importer.emit.verify_md import render_verify
from importer.verify.changes import SENSITIVE, resource_changes
from importer.verify.gate import SENSITIVE_DIFFERS, describe_values, judge, value_cells

SECRET = "rw-canary-unit-redaction-5f1d2c"
OTHER_SECRET = "rw-canary-unit-redaction-other-9a8b"


def change(address, actions, before, after, *, before_sensitive=None, after_sensitive=None, importing=True,
           replace_paths=None):
    body = {"actions": actions, "before": before, "after": after, "after_unknown": {},
            "before_sensitive": before_sensitive if before_sensitive is not None else False,
            "after_sensitive": after_sensitive if after_sensitive is not None else False}
    if importing:
        body["importing"] = {"id": address.split(".")[1]}
    if replace_paths:
        body["replace_paths"] = replace_paths
    type_name, name = address.split(".")
    return {"address": address, "mode": "managed", "type": type_name, "name": name, "change": body}


def plan(*changes):
    return {"format_version": "1.2", "resource_changes": list(changes)}


def findings_of(result):
    return {(verdict.address, finding.attribute): finding for verdict in result.verdicts
            for finding in verdict.findings}


def assert_no_secret(*texts):
    for text in texts:
        assert SECRET not in text and OTHER_SECRET not in text, text


# One plan with every way a secret reaches a diff.
PLAN = plan(
    # the provider marks `value` (top level)
    change("aws_ssm_parameter.db_url", ["update"], {"name": "/db/url", "type": "SecureString", "value": SECRET},
           {"name": "/db/url", "type": "SecureString", "value": "placeholder"},
           before_sensitive={"value": True}, after_sensitive={"value": True}),
    # a sensitive variable feeds `password`: marked on the code's side only, live unread (null)
    change("aws_db_instance.main", ["update"], {"identifier": "main", "password": None},
           {"identifier": "main", "password": SECRET}, after_sensitive={"password": True}),
    # an unmarked carrier: the provider does not mark Lambda environment variables
    change("aws_lambda_function.fn", ["update"],
           {"function_name": "fn", "environment": [{"variables": {"TOKEN": SECRET, "LEVEL": "info"}}]},
           {"function_name": "fn", "environment": [{"variables": {"TOKEN": "placeholder", "LEVEL": "debug"}}]},
           before_sensitive={"environment": [{"variables": {}}]}, after_sensitive={"environment": [{"variables": {}}]}),
    # a mark deep inside a list/map attribute: only that leaf differs
    change("aws_lb_listener.https", ["update"],
           {"port": 443, "default_action": [{"type": "authenticate-oidc",
                                             "authenticate_oidc": [{"client_id": "app", "client_secret": SECRET}]}]},
           {"port": 443, "default_action": [{"type": "authenticate-oidc",
                                             "authenticate_oidc": [{"client_id": "app", "client_secret": "x"}]}]},
           before_sensitive={"default_action": [{"authenticate_oidc": [{"client_secret": True}]}]},
           after_sensitive={"default_action": [{"authenticate_oidc": [{"client_secret": True}]}]}),
    # a sensitive variable in a map that is not sensitive by itself, beside a plain difference; the
    # provider derives tags_all from it and Terraform does not mark the copy
    change("aws_sqs_queue.jobs", ["update"],
           {"name": "jobs", "tags": {"Team": "platform", "Tier": "1"}, "tags_all": {"Team": "platform", "Tier": "1"}},
           {"name": "jobs", "tags": {"Team": OTHER_SECRET, "Tier": "2"},
            "tags_all": {"Team": OTHER_SECRET, "Tier": "2"}},
           after_sensitive={"tags": {"Team": True}, "tags_all": {}}),
    # a whole nested block marked with one `true` (the mirror stops at the block)
    change("aws_ecs_service.api", ["update"],
           {"name": "api", "service_connect_configuration": [{"namespace": SECRET}]},
           {"name": "api", "service_connect_configuration": [{"namespace": "ns"}]},
           after_sensitive={"service_connect_configuration": True}),
    # a secret that forces a replacement (ECS container definitions: unmarked carrier, JSON text)
    change("aws_ecs_task_definition.api", ["delete", "create"],
           {"family": "api", "container_definitions": json.dumps([{"environment": [{"value": SECRET}]}])},
           {"family": "api", "container_definitions": json.dumps([{"environment": [{"value": "x"}]}])},
           replace_paths=[["container_definitions"]], importing=False),
)


def test_no_diff_holds_a_secret_and_each_names_the_secret_parts_that_differ():
    changes = {c.address: {d.name: d for d in c.diffs} for c in resource_changes(PLAN)}
    assert_no_secret(repr(changes))
    value = changes["aws_ssm_parameter.db_url"]["value"]
    assert (value.before, value.after, value.sensitive) == (SENSITIVE, SENSITIVE, ("value",))
    password = changes["aws_db_instance.main"]["password"]
    assert (password.before, password.after, password.sensitive) == (None, SENSITIVE, ("password",))
    assert changes["aws_lambda_function.fn"]["environment"].sensitive == ("environment",)
    action = changes["aws_lb_listener.https"]["default_action"]
    assert action.sensitive == ("default_action[0].authenticate_oidc[0].client_secret",)
    assert action.before == action.after == [{"type": "authenticate-oidc", "authenticate_oidc": [
        {"client_id": "app", "client_secret": SENSITIVE}]}]
    tags = changes["aws_sqs_queue.jobs"]["tags"]
    assert tags.sensitive == ("tags.Team",)
    assert (tags.before, tags.after) == ({"Team": SENSITIVE, "Tier": "1"}, {"Team": SENSITIVE, "Tier": "2"})
    tags_all = changes["aws_sqs_queue.jobs"]["tags_all"]
    assert tags_all.sensitive == ("tags_all.Team",)
    assert (tags_all.before, tags_all.after) == ({"Team": SENSITIVE, "Tier": "1"}, {"Team": SENSITIVE, "Tier": "2"})
    assert changes["aws_ecs_service.api"]["service_connect_configuration"].sensitive == (
        "service_connect_configuration",)
    assert changes["aws_ecs_task_definition.api"]["container_definitions"].sensitive == ("container_definitions",)


def test_findings_say_sensitive_value_differs_instead_of_values():
    result = judge(PLAN, {"aws_ssm_parameter.db_url": "data/db_url"})
    assert not result.accepted
    found = findings_of(result)
    assert_no_secret(repr(result), json.dumps([v.to_dict() for v in result.verdicts]))
    for key in [("aws_ssm_parameter.db_url", "value"), ("aws_db_instance.main", "password"),
                ("aws_lambda_function.fn", "environment"), ("aws_ecs_service.api", "service_connect_configuration"),
                ("aws_ecs_task_definition.api", "container_definitions")]:
        finding = found[key]
        assert describe_values(finding) == SENSITIVE_DIFFERS, key
        assert value_cells(finding) == (SENSITIVE_DIFFERS, SENSITIVE_DIFFERS), key
    assert found[("aws_db_instance.main", "password")].kind == "not-restored"
    assert found[("aws_ssm_parameter.db_url", "value")].kind == "drift"
    assert "sensitive variable" in found[("aws_ssm_parameter.db_url", "value")].advice
    assert "data/db_url" in found[("aws_ssm_parameter.db_url", "value")].advice
    assert found[("aws_ecs_task_definition.api", "container_definitions")].kind == "forces-replacement"
    assert "not shown" in found[("aws_ecs_task_definition.api", "container_definitions")].advice


def test_a_secret_inside_an_attribute_is_masked_and_the_part_named():
    found = findings_of(judge(PLAN))
    only_secret = found[("aws_lb_listener.https", "default_action")]
    assert describe_values(only_secret) == \
        "(sensitive value differs at default_action[0].authenticate_oidc[0].client_secret)"
    mixed = found[("aws_sqs_queue.jobs", "tags")]
    line = describe_values(mixed)
    assert line.startswith("(sensitive value differs at tags.Team); code ")
    assert '"Tier": "2"' in line and '"Tier": "1"' in line and SENSITIVE in line
    assert_no_secret(line, mixed.advice)


def test_a_plain_difference_still_shows_both_values():
    result = judge(plan(change("aws_sqs_queue.q", ["update"], {"visibility_timeout_seconds": 30},
                               {"visibility_timeout_seconds": 60})))
    finding = result.refused()[0].findings[0]
    assert describe_values(finding) == "code 60, live 30" and finding.sensitive == ()
    assert "code says 60, live is 30" in finding.advice


def test_a_secret_json_document_that_only_reorders_is_noise_judged_on_the_real_values():
    before = json.dumps({"a": SECRET, "b": 1})
    after = json.dumps({"b": 1, "a": SECRET}, indent=1)
    [finding] = judge(plan(change("aws_ssm_parameter.p", ["update"], {"value": before}, {"value": after},
                                  before_sensitive={"value": True}, after_sensitive={"value": True}))).verdicts[
        0].findings
    assert finding.kind == "provider-noise" and finding.code == finding.live == SENSITIVE
    assert finding.sensitive == ("value",) and SECRET not in finding.advice


def test_the_value_of_a_sensitive_variable_is_masked_wherever_it_is_copied_unmarked():
    document = plan(change("aws_ssm_parameter.p", ["update"], {"description": "old", "name": "p"},
                           {"description": f"built from {SECRET} by the provider", "name": "p"}))
    document["variables"] = {"token": {"value": SECRET}, "region": {"value": "us-east-1"}}
    document["configuration"] = {"root_module": {"variables": {"token": {"sensitive": True}, "region": {}}}}
    [diff] = resource_changes(document)[0].diffs
    assert (diff.name, diff.after, diff.sensitive) == ("description", SENSITIVE, ("description",))
    assert_no_secret(repr(judge(document)))
    document["configuration"]["root_module"]["variables"]["token"] = {}  # not sensitive: shown
    assert SECRET in resource_changes(document)[0].diffs[0].after


def test_a_value_the_provider_always_marks_is_masked_by_path_and_does_not_hide_the_rest_of_the_plan():
    # the provider marks every SSM parameter's value, plain String ones too: their text is no secret
    document = plan(change("aws_ssm_parameter.bucket", ["update"], {"value": "prod-uploads", "tier": "Standard"},
                           {"value": "prod-uploads", "tier": "Advanced"},
                           before_sensitive={"value": True}, after_sensitive={"value": True}),
                    change("aws_s3_bucket_policy.uploads", ["update"], {"bucket": "prod-uploads", "policy": "a"},
                           {"bucket": "prod-uploads", "policy": "arn:aws:s3:::prod-uploads/*"}))
    policy = {d.name: d for c in resource_changes(document) for d in c.diffs}["policy"]
    assert (policy.before, policy.after, policy.sensitive) == ("a", "arn:aws:s3:::prod-uploads/*", ())


@pytest.mark.parametrize("mirror, path, expected", [
    (True, ("anything",), True),
    ({"a": True}, ("a", 0, "b"), True),
    ({"a": [{"b": {"c": True}}]}, ("a", 0, "b", "c"), True),
    ({"a": [{"b": {"c": True}}]}, ("a", 0, "b", "d"), False),
    ({"a": [{"b": {"c": True}}]}, ("a", 1, "b", "c"), False),
    ({"a": [False, True]}, ("a", 1), True),
    ({"a": {}}, ("a",), False),
    (False, ("a",), False),
    (None, ("a",), False),
])
def test_terraform_marks_are_read_at_any_depth(mirror, path, expected):
    from importer.verify.changes import sensitivity

    assert sensitivity("aws_test_thing", mirror)(path) is expected


def test_one_answer_for_discovery_and_verify():
    # the data file (provider marks by leaf name: any depth), the unmarked carriers, the names
    assert sensitive_path("aws_db_instance", ("password",))
    assert sensitive_path("aws_alb_listener", ("default_action", 0, "authenticate_oidc", 0, "client_secret"))
    assert sensitive_path("aws_lambda_function", ("environment", 0, "variables", "ANY"))
    assert sensitive_path("aws_ecs_task_definition", ("container_definitions",))
    assert sensitive_path("aws_ssm_parameter", ("value",))
    assert not sensitive_path("aws_ssm_parameter", ("insecure_value",))
    assert not sensitive_path("aws_secretsmanager_secret_version", ("secret_id",))  # a reference, not a secret
    assert not sensitive_path("aws_sqs_queue", ("tags", "Environment"))  # a tag key named like a carrier
    assert redact("aws_db_instance", {"password": SECRET, "engine": "postgres"}) == {
        "password": REDACTED, "engine": "postgres"}


def test_report_and_terminal_lines_hold_no_secret():
    result = judge(PLAN)
    verdicts = result.verdicts
    outcome = SimpleNamespace(index=1, accepted=False, counts=result.counts(), seconds=1.0, verdicts=verdicts)
    report = render_verify(SimpleNamespace(batches=[outcome], final={}, combined_plan_seconds=None, plans_run=1,
                                           seconds=1.0))
    assert_no_secret(report)
    assert report.count(SENSITIVE_DIFFERS) >= 10  # code and live cells of the five secret-only findings
    assert "| password | not-restored |" in report
