"""Data services: a DynamoDB table, a Kinesis stream and a Step Functions state machine."""

from __future__ import annotations

import json

from emulator.scenario.context import BuildContext


def dynamodb_table(ctx: BuildContext) -> None:
    """cat-sessions, on demand, keyed by id."""
    ctx.client("dynamodb").create_table(
        TableName="cat-sessions", BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}])
    ctx.record("aws_dynamodb_table", "cat-sessions", None)


def kinesis_stream(ctx: BuildContext) -> None:
    """cat-clicks, one shard, kept a day."""
    ctx.client("kinesis").create_stream(StreamName="cat-clicks", ShardCount=1)
    ctx.record("aws_kinesis_stream", "cat-clicks", None)


def sfn_state_machine(ctx: BuildContext) -> None:
    """cat-checkout, one Pass state, run by its own role."""
    role_arn = ctx.client("iam").create_role(RoleName="cat-checkout", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                "Principal": {"Service": "states.amazonaws.com"}}]}))["Role"]["Arn"]
    ctx.record("aws_iam_role", "cat-checkout", None)
    arn = ctx.client("stepfunctions").create_state_machine(name="cat-checkout", roleArn=role_arn, definition=json.dumps(
        {"StartAt": "Done", "States": {"Done": {"Type": "Pass", "End": True}}}, separators=(",", ":"),
        sort_keys=True))["stateMachineArn"]  # as jsonencode() writes it: AWS keeps the text, provider 5.100 compares it
    ctx.record("aws_sfn_state_machine", arn, None)


BUILDERS = {
    "aws_dynamodb_table": dynamodb_table,
    "aws_kinesis_stream": kinesis_stream,
    "aws_sfn_state_machine": sfn_state_machine,
}
