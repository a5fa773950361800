"""RotateSecret returns at once with rotation configured (AWS runs the function asynchronously)."""

from __future__ import annotations

import json
import time

from stacks.functions.packaging import build_function

TRUST = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                 "Principal": {"Service": "lambda.amazonaws.com"}}]}


def test_rotate_secret_configures_rotation_without_running_the_function(clean_emulator):
    role = clean_emulator.client("iam").create_role(RoleName="rotator", AssumeRolePolicyDocument=json.dumps(TRUST))
    function_arn = clean_emulator.client("lambda").create_function(
        FunctionName="rotator", Role=role["Role"]["Arn"], Runtime="python3.12", Handler="handler.handler",
        Code={"ZipFile": build_function("scheduler").content})["FunctionArn"]
    secrets = clean_emulator.client("secretsmanager")
    arn = secrets.create_secret(Name="rotated", SecretString="x")["ARN"]
    started = time.monotonic()
    secrets.rotate_secret(SecretId=arn, RotationLambdaARN=function_arn, RotationRules={"AutomaticallyAfterDays": 30})
    assert time.monotonic() - started < 10
    described = secrets.describe_secret(SecretId=arn)
    assert described["RotationEnabled"] is True and described["RotationLambdaARN"] == function_arn
    assert described["RotationRules"]["AutomaticallyAfterDays"] == 30
