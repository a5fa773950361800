"""Lambda function URLs answer AWS's invoke mode (``BUFFERED`` by default) and keep an updated one."""

from __future__ import annotations

import io
import json
import zipfile


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "def handler(event, context):\n    return event\n")
    return buffer.getvalue()


def test_invoke_mode_defaults_to_buffered_and_follows_updates(clean_emulator):
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                     "Principal": {"Service": "lambda.amazonaws.com"}}]}
    role = clean_emulator.client("iam").create_role(RoleName="url-fn", AssumeRolePolicyDocument=json.dumps(
        trust))["Role"]["Arn"]
    awslambda = clean_emulator.client("lambda")
    awslambda.create_function(FunctionName="url-fn", Runtime="python3.12", Role=role, Handler="handler.handler",
                              Code={"ZipFile": _zip()})
    assert awslambda.create_function_url_config(FunctionName="url-fn", AuthType="NONE")["InvokeMode"] == "BUFFERED"
    assert awslambda.get_function_url_config(FunctionName="url-fn")["InvokeMode"] == "BUFFERED"
    awslambda.update_function_url_config(FunctionName="url-fn", InvokeMode="RESPONSE_STREAM")
    assert awslambda.get_function_url_config(FunctionName="url-fn")["InvokeMode"] == "RESPONSE_STREAM"
