"""API Gateway returns a REST API's resource policy as escaped compact JSON, as AWS does."""

from __future__ import annotations

import json


def test_rest_api_policy_comes_back_escaped_and_unescapes_to_the_document(clean_emulator):
    apigw = clean_emulator.client("apigateway")
    policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
                                                      "Action": "execute-api:Invoke", "Resource": "*"}]}
    api_id = apigw.create_rest_api(name="fidelity", policy=json.dumps(policy, indent=2))["id"]
    plain_id = apigw.create_rest_api(name="plain")["id"]

    returned = apigw.get_rest_api(restApiId=api_id)["policy"]
    assert returned.startswith('{\\"Version\\":\\"2012-10-17\\"')
    assert json.loads(json.loads(f'"{returned}"')) == policy
    listed = {api["id"]: api for api in apigw.get_rest_apis()["items"]}
    assert listed[api_id]["policy"] == returned and "policy" not in listed[plain_id]
