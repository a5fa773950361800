"""API Gateway REST API trees through the real discovery runner on stubbed answers shaped like AWS's (botocore's
Stubber checks every request and answer against the service model): resources, methods, integrations, method and
integration responses all come from ONE GetResources call per API, the root resource "/" is AWS's (excluded) while
a method on it is the account's, and a root base path mapping ("(none)") is imported as "domain/"."""

from __future__ import annotations

import boto3
from botocore.stub import Stubber

from importer.discovery.runner import DiscoveryRunner
from importer.discovery.session import ClientFactory
from importer.specs import registry, required_specs

TREE_TYPES = {"aws_api_gateway_resource", "aws_api_gateway_method", "aws_api_gateway_integration",
              "aws_api_gateway_method_response", "aws_api_gateway_integration_response"}
APIS = {"items": [{"id": "a1b2c3", "name": "api-orders", "rootResourceId": "root00"}]}
MOCK = {"type": "MOCK", "integrationResponses": {"200": {"statusCode": "200"}}}
RESOURCES = {"items": [
    {"id": "root00", "path": "/", "resourceMethods": {"OPTIONS": {"httpMethod": "OPTIONS", "authorizationType": "NONE",
                                                                  "methodIntegration": {"type": "MOCK"}}}},
    {"id": "res001", "parentId": "root00", "pathPart": "orders", "path": "/orders", "resourceMethods": {
        "GET": {"httpMethod": "GET", "authorizationType": "NONE", "methodIntegration": MOCK,
                "methodResponses": {"200": {"statusCode": "200"}, "404": {"statusCode": "404"}}},
        "POST": {"httpMethod": "POST", "authorizationType": "AWS_IAM"}}},
]}


def _discover(types: set[str], answers: list[tuple[str, dict, dict]]):
    specs = required_specs(types)
    stubbers: list[Stubber] = []

    def stub(service: str, client) -> None:
        stubber = Stubber(client)
        for method, answer, params in answers:
            stubber.add_response(method, answer, params)
        stubber.activate()
        stubbers.append(stubber)

    session = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")
    calls = frozenset(call for spec in specs for call in spec.calls())
    inventory = DiscoveryRunner(ClientFactory(session, "us-east-1", calls, instruments=(stub,)), max_workers=1).run(
        specs, wanted=types)
    for stubber in stubbers:
        stubber.assert_no_pending_responses()
    return inventory


def test_the_whole_tree_of_an_api_comes_from_one_get_resources_call():
    inventory = _discover(TREE_TYPES, [
        ("get_rest_apis", APIS, {"limit": 500}),
        ("get_resources", RESOURCES, {"restApiId": "a1b2c3", "embed": ["methods"], "limit": 500}),
    ])
    assert not inventory.failures and inventory.api_calls == 2
    found = {(o.type, o.import_id) for o in inventory.objects}
    assert found == {
        ("aws_api_gateway_resource", "a1b2c3/res001"),
        ("aws_api_gateway_method", "a1b2c3/root00/OPTIONS"),
        ("aws_api_gateway_method", "a1b2c3/res001/GET"),
        ("aws_api_gateway_method", "a1b2c3/res001/POST"),
        ("aws_api_gateway_integration", "a1b2c3/root00/OPTIONS"),
        ("aws_api_gateway_integration", "a1b2c3/res001/GET"),
        ("aws_api_gateway_method_response", "a1b2c3/res001/GET/200"),
        ("aws_api_gateway_method_response", "a1b2c3/res001/GET/404"),
        ("aws_api_gateway_integration_response", "a1b2c3/res001/GET/200"),
    }
    method = next(o for o in inventory.objects if o.import_id == "a1b2c3/res001/POST")
    assert method.references == {"rest_api_id": "a1b2c3", "resource_id": "res001"}
    assert method.identity == {"http_method": "POST"}


def test_a_root_base_path_mapping_is_imported_as_the_domain_and_a_slash():
    domains = {"items": [{"domainName": "api.example.com"}]}
    mappings = {"items": [{"basePath": "(none)", "restApiId": "a1b2c3", "stage": "prod"},
                          {"basePath": "v2", "restApiId": "a1b2c3", "stage": "next"}]}
    inventory = _discover({"aws_api_gateway_base_path_mapping"}, [
        ("get_domain_names", domains, {"limit": 500}),
        ("get_base_path_mappings", mappings, {"domainName": "api.example.com", "limit": 500}),
    ])
    assert sorted((o.import_id, o.identity["base_path"]) for o in inventory.objects) == [
        ("api.example.com/", ""), ("api.example.com/v2", "v2")]


def test_the_rest_api_policy_exists_only_when_the_api_has_one():
    apis = {"items": [{"id": "a1b2c3", "name": "open"},
                      {"id": "d4e5f6", "name": "guarded", "policy": '{\\"Version\\":\\"2012-10-17\\"}'}]}
    inventory = _discover({"aws_api_gateway_rest_api", "aws_api_gateway_rest_api_policy"},
                          [("get_rest_apis", apis, {"limit": 500})])
    assert inventory.api_calls == 1
    assert sorted((o.type, o.import_id) for o in inventory.objects) == [
        ("aws_api_gateway_rest_api", "a1b2c3"), ("aws_api_gateway_rest_api", "d4e5f6"),
        ("aws_api_gateway_rest_api_policy", "d4e5f6")]
    assert registry()["aws_api_gateway_rest_api_policy"].inline_in == ("aws_api_gateway_rest_api", "policy")
