"""Lambda provisioned concurrency is served for an alias (put, get, list, delete), as in AWS."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from botocore.exceptions import ClientError


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "def handler(event, context):\n    return event\n")
    return buffer.getvalue()


def test_provisioned_concurrency_of_an_alias_is_put_read_listed_and_deleted(clean_emulator):
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                     "Principal": {"Service": "lambda.amazonaws.com"}}]}
    role = clean_emulator.client("iam").create_role(RoleName="pc-fn", AssumeRolePolicyDocument=json.dumps(
        trust))["Role"]["Arn"]
    awslambda = clean_emulator.client("lambda")
    arn = awslambda.create_function(FunctionName="pc-fn", Runtime="python3.12", Role=role, Handler="handler.handler",
                                    Code={"ZipFile": _zip()}, Publish=True)["FunctionArn"]
    awslambda.create_alias(FunctionName="pc-fn", Name="live", FunctionVersion="1")
    assert awslambda.list_provisioned_concurrency_configs(FunctionName="pc-fn")["ProvisionedConcurrencyConfigs"] == []
    with pytest.raises(ClientError, match="ProvisionedConcurrencyConfigNotFoundException"):
        awslambda.get_provisioned_concurrency_config(FunctionName="pc-fn", Qualifier="live")

    put = awslambda.put_provisioned_concurrency_config(FunctionName="pc-fn", Qualifier="live",
                                                       ProvisionedConcurrentExecutions=2)
    assert put["RequestedProvisionedConcurrentExecutions"] == 2 and put["Status"] == "READY"
    assert awslambda.get_provisioned_concurrency_config(FunctionName="pc-fn", Qualifier="live")[
        "AllocatedProvisionedConcurrentExecutions"] == 2
    listed = awslambda.list_provisioned_concurrency_configs(FunctionName="pc-fn")["ProvisionedConcurrencyConfigs"]
    assert [(c["FunctionArn"], c["RequestedProvisionedConcurrentExecutions"]) for c in listed] == [(f"{arn}:live", 2)]

    awslambda.delete_provisioned_concurrency_config(FunctionName="pc-fn", Qualifier="live")
    assert awslambda.list_provisioned_concurrency_configs(FunctionName="pc-fn")["ProvisionedConcurrencyConfigs"] == []
    with pytest.raises(ClientError, match="ResourceNotFoundException"):
        awslambda.list_provisioned_concurrency_configs(FunctionName="no-such-fn")
