"""Lambda functions answer their ``LoggingConfig`` (defaults included), as in AWS."""

from __future__ import annotations

import io
import json
import zipfile


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "def handler(event, context):\n    return event\n")
    return buffer.getvalue()


def _role(emulator) -> str:
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                     "Principal": {"Service": "lambda.amazonaws.com"}}]}
    return emulator.client("iam").create_role(RoleName="fn", AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]


def test_logging_config_is_stored_defaulted_and_updated(clean_emulator):
    awslambda = clean_emulator.client("lambda")
    role = _role(clean_emulator)
    common = {"Runtime": "python3.12", "Role": role, "Handler": "handler.handler", "Code": {"ZipFile": _zip()}}
    created = awslambda.create_function(FunctionName="custom", **common,
                                        LoggingConfig={"LogFormat": "Text", "LogGroup": "/custom/group"})
    assert created["LoggingConfig"] == {"LogFormat": "Text", "LogGroup": "/custom/group"}
    assert awslambda.get_function(FunctionName="custom")["Configuration"]["LoggingConfig"] == \
        {"LogFormat": "Text", "LogGroup": "/custom/group"}

    awslambda.create_function(FunctionName="plain", **common)
    assert awslambda.get_function_configuration(FunctionName="plain")["LoggingConfig"] == \
        {"LogFormat": "Text", "LogGroup": "/aws/lambda/plain"}

    awslambda.update_function_configuration(FunctionName="plain", LoggingConfig={"LogFormat": "JSON"})
    assert awslambda.get_function_configuration(FunctionName="plain")["LoggingConfig"] == {
        "LogFormat": "JSON", "LogGroup": "/aws/lambda/plain", "ApplicationLogLevel": "INFO", "SystemLogLevel": "INFO"}
