"""ListStateMachineVersions and ValidateStateMachineDefinition answer instead of HTTP 500."""

from __future__ import annotations

import json


def test_versions_are_listed_newest_first_and_none_before_publishing(clean_emulator):
    sfn = clean_emulator.client("stepfunctions")
    role = "arn:aws:iam::123456789012:role/sfn"
    definition = json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Pass", "End": True}}})
    arn = sfn.create_state_machine(name="plain", roleArn=role, definition=definition)["stateMachineArn"]
    assert sfn.list_state_machine_versions(stateMachineArn=arn)["stateMachineVersions"] == []
    published = sfn.create_state_machine(name="published", roleArn=role, definition=definition,
                                         publish=True)["stateMachineArn"]
    sfn.update_state_machine(stateMachineArn=published, definition=definition, publish=True)
    versions = sfn.list_state_machine_versions(stateMachineArn=published)["stateMachineVersions"]
    assert [v["stateMachineVersionArn"] for v in versions] == [f"{published}:2", f"{published}:1"]


def test_a_definition_is_ok_when_start_at_names_a_state_and_fails_otherwise(clean_emulator):
    sfn = clean_emulator.client("stepfunctions")
    good = json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Pass", "End": True}}})
    assert sfn.validate_state_machine_definition(definition=good)["result"] == "OK"
    bad = sfn.validate_state_machine_definition(definition=json.dumps({"StartAt": "Nowhere", "States": {}}))
    assert bad["result"] == "FAIL" and bad["diagnostics"][0]["code"] == "SCHEMA_VALIDATION_FAILED"
    assert sfn.validate_state_machine_definition(definition="{not json")["result"] == "FAIL"
