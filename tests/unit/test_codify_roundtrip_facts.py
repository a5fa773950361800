"""What the prod round trips taught codify, checked without Terraform: the cleaning facts they
added, and that an update of arguments that touch only state (verify's gate accepts them) does not
keep an object out of the generated module."""

from __future__ import annotations

from importer.codify import clean, generate
from importer.discovery.inventory import LiveObject


def test_round_trip_facts_drop_what_import_reads_but_code_must_not_set():
    generated = ['  connectivity_type = "public"', "  secondary_private_ip_address_count = 0",
                 '  subnet_id = "subnet-1"']
    assert clean.prune_generated("aws_nat_gateway", list(generated)) == [generated[0], generated[2]]
    assert "network_interface" in clean.type_facts("aws_eip").drop
    assert "subnet_configuration" in clean.type_facts("aws_vpc_endpoint").drop
    arguments, comments, _ = clean.clean_values("aws_ssm_parameter", {"arn": "arn:aws:ssm:::parameter/x", "name": "x"},
                                                {})
    assert arguments == {"name": "x"} and comments == ["arn: dropped (computed by the provider from the name)"]


def _plan(tf_type: str, actions: list[str], before: dict, after: dict) -> dict:
    return {"resource_changes": [{"address": f"{tf_type}.x", "type": tf_type,
                                  "change": {"actions": actions, "before": before, "after": after}}]}


def test_state_only_updates_are_not_changes_but_anything_else_is():
    resolved = {"aws_sns_topic_subscription.x": {}, "aws_secretsmanager_secret.x": {}}
    subscription = _plan("aws_sns_topic_subscription", ["update"], {"confirmation_timeout_in_minutes": None},
                         {"confirmation_timeout_in_minutes": 1, "endpoint_auto_confirms": False})
    assert generate._changing(subscription, resolved) == {}
    secret = _plan("aws_secretsmanager_secret", ["update"], {"recovery_window_in_days": None, "description": "a"},
                   {"recovery_window_in_days": 30, "description": "b"})
    assert generate._changing(secret, resolved) == {"aws_secretsmanager_secret.x": ["description"]}
    replaced = _plan("aws_secretsmanager_secret", ["delete", "create"], {"recovery_window_in_days": None},
                     {"recovery_window_in_days": 30})
    assert generate._changing(replaced, resolved) == {"aws_secretsmanager_secret.x": ["recovery_window_in_days"]}


def test_names_come_from_the_name_tag_discovery_reads_into_the_identity():
    subnet = LiveObject("aws_subnet", "subnet-0abc", identity={"tags.Name": "prod-private-us-east-1a"})
    assert generate.construct_names([subnet]) == {("aws_subnet", "subnet-0abc"): "prod_private_us_east_1a"}


def test_members_of_two_types_sharing_a_name_get_their_type_appended():
    from importer.codify.naming import member_names

    names = member_names([("aws_iam_role.flow_logs", "aws_iam_role", "flow-logs"),
                          ("aws_cloudwatch_log_group.flow_logs", "aws_cloudwatch_log_group", "flow-logs"),
                          ("aws_vpc.main", "aws_vpc", "main")])
    assert names == {"aws_iam_role.flow_logs": "flow_logs_iam_role", "aws_vpc.main": "main",
                     "aws_cloudwatch_log_group.flow_logs": "flow_logs_cloudwatch_log_group"}


def test_json_text_is_kept_as_import_read_it_when_jsonencode_respaced_it():
    read = {"input": '{"task": "daily-report", "dry_run": false}', "rule": "r"}
    generated = {"input": '{"dry_run":false,"task":"daily-report"}', "rule": "r", "arn": "a"}
    assert clean.as_read("aws_cloudwatch_event_target", generated, read) == \
        {"input": read["input"], "rule": "r", "arn": "a"}
    assert clean.as_read("aws_cloudwatch_event_target", {"input": '{"a":1}'}, {"input": '{"a": 2}'}) == \
        {"input": '{"a":1}'}  # another document


def test_arguments_import_does_not_read_back_are_dropped_when_import_left_them_null():
    generated = {"proxy_protocol_v2": False, "slow_start": 30, "name": "api", "port": 443}
    read = {"proxy_protocol_v2": None, "slow_start": 30, "name": "api", "port": 443}
    values = clean.as_read("aws_lb_target_group", generated, read)
    assert values["proxy_protocol_v2"] is clean.NOT_READ and values["slow_start"] == 30  # read back: kept
    arguments, comments, _ = clean.clean_values("aws_lb_target_group", values, {})
    assert arguments == {"slow_start": 30, "name": "api", "port": 443}
    assert comments == ["proxy_protocol_v2: dropped (import does not read it back: Terraform wrote the provider's "
                        "default)"]
    lambda_values = clean.as_read("aws_lambda_function", {"filename": "x.zip"}, {"filename": None})
    assert lambda_values == {"filename": "x.zip"}  # a placeholder: given from outside, not dropped


def test_tag_keys_the_stack_provider_adds_are_left_out_of_codified_tags():
    """A key with the default_tags value is the provider's (left out; an emptied ``tags`` goes), a
    key with another value or not among the defaults stays; without default_tags nothing changes."""
    from importer.codify.clean import without_default_tags
    from importer.codify.model import CodifiedResource, CodifyResult

    def resource(name, tags):
        return CodifiedResource("aws_sqs_queue", name, f"https://q/{name}", {"name": name, "tags": tags}, (), ())

    result = CodifyResult(resources=(resource("a", {"Project": "p", "Name": "a"}), resource("b", {"Project": "p"}),
                                     resource("c", {"Project": "other"})), external={})
    cleaned = without_default_tags(result, {"Project": "p", "Environment": "prod"})
    assert [r.arguments.get("tags") for r in cleaned.resources] == [{"Name": "a"}, None, {"Project": "other"}]
    assert without_default_tags(result, None) == result
