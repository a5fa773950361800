"""Answers of real AWS the emulator does not give (a qualifier ``$LATEST``, several provisioned
concurrency configs, SNS's default policy beside edited ones), through the real discovery runner on
stubbed answers (botocore's Stubber checks every request and answer against the service model)."""

from __future__ import annotations

import json

import boto3
from botocore import xform_name
from botocore.stub import Stubber

from importer.discovery.runner import DiscoveryRunner
from importer.discovery.session import ClientFactory
from importer.specs import registry

ACCOUNT = "123456789012"
FUNCTION_ARN = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:evt-api"


def _discover(types: list[str], answers: list[tuple[str, str, dict]]):
    """Run discovery of ``types`` (parents first) on ``answers``: (service, operation, response) in call order."""
    specs = [registry()[t] for t in types]
    stubbers: dict[str, Stubber] = {}

    def stub(service: str, client) -> None:
        stubbers[service] = Stubber(client)
        for answer_service, operation, response in answers:
            if answer_service == service:
                stubbers[service].add_response(xform_name(operation), response)
        stubbers[service].activate()

    session = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")
    factory = ClientFactory(session, "us-east-1", frozenset(c for s in specs for c in s.calls()), instruments=(stub,))
    inventory = DiscoveryRunner(factory, max_workers=1).run(specs)
    for stubber in stubbers.values():
        stubber.assert_no_pending_responses()
    return inventory


def _function() -> dict:
    return {"Functions": [{"FunctionName": "evt-api", "FunctionArn": FUNCTION_ARN, "Runtime": "python3.12"}]}


def test_provisioned_concurrency_configs_are_found_per_function_with_the_comma_import_id():
    configs = {"ProvisionedConcurrencyConfigs": [
        {"FunctionArn": f"{FUNCTION_ARN}:live", "RequestedProvisionedConcurrentExecutions": 2, "Status": "READY"},
        {"FunctionArn": f"{FUNCTION_ARN}:3", "RequestedProvisionedConcurrentExecutions": 1, "Status": "READY"}]}
    inventory = _discover(["aws_lambda_function", "aws_lambda_provisioned_concurrency_config"],
                          [("lambda", "ListFunctions", _function()),
                           ("lambda", "ListProvisionedConcurrencyConfigs", configs)])
    found = [o for o in inventory.objects if o.type == "aws_lambda_provisioned_concurrency_config"]
    assert [o.import_id for o in found] == ["evt-api,live", "evt-api,3"]
    assert found[0].identity == {"function_name": "evt-api", "qualifier": "live"}
    assert found[0].references == {"function_name": "evt-api"}
    assert found[0].attributes["provisioned_concurrent_executions"] == 2
    assert inventory.api_calls == 2 and not inventory.failures


def test_event_invoke_configs_drop_the_latest_qualifier_aws_writes_and_keep_an_alias():
    configs = {"FunctionEventInvokeConfigs": [
        {"FunctionArn": f"{FUNCTION_ARN}:$LATEST", "MaximumRetryAttempts": 1},
        {"FunctionArn": f"{FUNCTION_ARN}:live", "MaximumRetryAttempts": 0}]}
    inventory = _discover(["aws_lambda_function", "aws_lambda_function_event_invoke_config"],
                          [("lambda", "ListFunctions", _function()),
                           ("lambda", "ListFunctionEventInvokeConfigs", configs)])
    found = [o for o in inventory.objects if o.type == "aws_lambda_function_event_invoke_config"]
    assert [(o.import_id, o.identity["qualifier"]) for o in found] == [("evt-api", None), ("evt-api:live", "live")]


def test_only_topic_policies_other_than_the_one_sns_writes_are_topic_policy_objects():
    topic = f"arn:aws:sns:us-east-1:{ACCOUNT}:"
    default = {"Version": "2008-10-17", "Id": "__default_policy_ID", "Statement": [
        {"Sid": "__default_statement_ID", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["SNS:Publish"],
         "Resource": f"{topic}plain", "Condition": {"StringEquals": {"AWS:SourceOwner": ACCOUNT}}}]}
    edited = {**default, "Statement": [*default["Statement"], {"Sid": "EventBridgePublish", "Effect": "Allow",
                                                             "Principal": {"Service": "events.amazonaws.com"},
                                                             "Action": "sns:Publish", "Resource": f"{topic}edited"}]}
    own = {"Version": "2012-10-17", "Statement": [{"Sid": "EventBridgePublish", "Effect": "Allow",
                                                    "Principal": {"Service": "events.amazonaws.com"},
                                                    "Action": "sns:Publish", "Resource": f"{topic}own"}]}
    attributes = lambda name, policy: {"Attributes": {"TopicArn": f"{topic}{name}", "Policy": json.dumps(policy)}}
    inventory = _discover(["aws_sns_topic", "aws_sns_topic_policy"], [
        ("sns", "ListTopics", {"Topics": [{"TopicArn": f"{topic}{n}"} for n in ("plain", "edited", "own")]}),
        ("sns", "GetTopicAttributes", attributes("plain", default)),
        ("sns", "GetTopicAttributes", attributes("edited", edited)),
        ("sns", "GetTopicAttributes", attributes("own", own))])
    policies = [o.import_id for o in inventory.objects if o.type == "aws_sns_topic_policy"]
    assert policies == [f"{topic}edited", f"{topic}own"]
    assert len([o for o in inventory.objects if o.type == "aws_sns_topic"]) == 3
    assert inventory.api_calls == 4  # one ListTopics shared by both types, one GetTopicAttributes per topic
