"""IAM enforcement in the emulator judges identity policies as IAM does where it knows the request:
resource scopes, IAM's action names, wildcards, conditions, and the OIDC web-identity trust."""

from __future__ import annotations

import json

import boto3
import pytest
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

from emulator import enforcement
from emulator.controller import Emulator
from emulator.fidelity.iam_enforcement import glob_matches, statement_applies, web_identity_allowed
from importer.policy.generate import trust_policy

ACCOUNT = "123456789012"
PROVIDERS = {f"arn:aws:iam::{ACCOUNT}:oidc-provider/token.actions.githubusercontent.com":
             "token.actions.githubusercontent.com"}
POLICY = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["sqs:GetQueueAttributes"], "Resource": f"arn:aws:sqs:us-east-1:{ACCOUNT}:prod-*"},
    {"Effect": "Allow", "Action": ["cloudwatch:DescribeAlarms"], "Resource": "*"},
    {"Effect": "Allow", "Action": ["s3:GetEncryptionConfiguration", "s3:ListBucket"],
     "Resource": "arn:aws:s3:::prod-*"},
    {"Effect": "Allow", "Action": ["ssm:GetParameter"],
     "Resource": f"arn:aws:ssm:us-east-1:{ACCOUNT}:parameter/prod/a"},
    {"Effect": "Allow", "Action": ["ec2:DescribeVpcs"], "Resource": f"arn:aws:ec2:us-east-1:{ACCOUNT}:vpc/*",
     "Condition": {"StringEquals": {"aws:ResourceTag/Environment": "prod"}}},
]}


def test_iam_wildcards_are_literal_except_star_and_question_mark():
    assert glob_matches("arn:aws:s3:::prod-*", "arn:aws:s3:::prod-x")
    assert not glob_matches("arn:aws:s3:::prod.x", "arn:aws:s3:::prodyx")
    assert glob_matches("s3:getobject", "s3:GetObject", ignore_case=True)
    assert glob_matches("a?c", "abc") and not glob_matches("a?c", "ac")


def test_unknown_resource_matches_any_scope_and_not_resource_excludes():
    statement = {"Effect": "Allow", "Action": "sqs:*", "Resource": "arn:aws:sqs:*:*:prod-*"}
    assert statement_applies(statement, "sqs:CreateQueue", "*")
    assert not statement_applies(statement, "sqs:CreateQueue", "arn:aws:sqs:us-east-1:1:staging-a")
    assert not statement_applies({"Action": "s3:*", "NotResource": "arn:aws:s3:::x"}, "s3:GetObject", "arn:aws:s3:::x")


def test_web_identity_trust_checks_provider_audience_and_subject():
    trust = trust_policy(ACCOUNT, "acme/infra", environment="prod")
    claims = {"iss": "https://token.actions.githubusercontent.com", "aud": "sts.amazonaws.com",
              "sub": "repo:acme/infra:environment:prod"}
    assert web_identity_allowed(trust, claims, PROVIDERS)
    assert not web_identity_allowed(trust, claims | {"sub": "repo:acme/infra:environment:dev"}, PROVIDERS)
    assert not web_identity_allowed(trust, claims | {"aud": "other"}, PROVIDERS)
    assert not web_identity_allowed(trust, claims, {})  # no such provider in the account


@pytest.fixture(scope="module")
def enforced(tmp_path_factory):
    """An emulator of its own with one role installed and enforcement on (off again at the end)."""
    log = tmp_path_factory.mktemp("iam") / "decisions.jsonl"
    emulator = Emulator.start(extra_environment={"EMULATOR_IAM_DECISIONS": str(log)})
    try:
        iam = emulator.client("iam")
        for name in ("prod-jobs", "staging-jobs"):
            emulator.client("sqs").create_queue(QueueName=name)
        emulator.client("s3").create_bucket(Bucket="prod-b")
        for name in ("/prod/a", "/prod/b"):
            emulator.client("ssm").put_parameter(Name=name, Value="v", Type="SecureString")
        enforcement.create_github_oidc_provider(iam)
        arn = enforcement.create_role(iam, "ci", trust_policy(ACCOUNT, "acme/infra", environment="prod"), POLICY)
        enforcement.set_enforcement(emulator.endpoint, True)
        sts = boto3.client("sts", endpoint_url=emulator.endpoint, region_name="us-east-1",
                           config=Config(signature_version=UNSIGNED))
        credentials = enforcement.assume_with_web_identity(
            sts, arn, enforcement.github_token("repo:acme/infra:environment:prod"))

        def client(service):
            return boto3.client(service, endpoint_url=emulator.endpoint, region_name="us-east-1",
                                config=Config(retries={"max_attempts": 1}), **credentials.boto3_arguments())
        yield {"client": client, "sts": sts, "arn": arn, "log": log}
        enforcement.set_enforcement(emulator.endpoint, False)
    finally:
        emulator.stop()


def _denied(call) -> bool:
    try:
        call()
    except ClientError as error:
        return error.response["Error"]["Code"] in {"AccessDenied", "AccessDeniedException", "403"}
    return False


def test_web_identity_needs_the_pinned_subject(enforced):
    token = enforcement.github_token("repo:acme/infra:environment:staging")
    assert _denied(lambda: enforcement.assume_with_web_identity(enforced["sts"], enforced["arn"], token))


def test_resource_scopes_are_enforced_where_the_resource_is_known(enforced):
    sqs, ssm = enforced["client"]("sqs"), enforced["client"]("ssm")
    endpoint = sqs.meta.endpoint_url
    prod, staging = f"{endpoint}/{ACCOUNT}/prod-jobs", f"{endpoint}/{ACCOUNT}/staging-jobs"
    assert sqs.get_queue_attributes(QueueUrl=prod, AttributeNames=["All"])["Attributes"]
    assert _denied(lambda: sqs.get_queue_attributes(QueueUrl=staging, AttributeNames=["All"]))
    assert ssm.get_parameter(Name="/prod/a", WithDecryption=True)["Parameter"]["Value"] == "v"
    assert _denied(lambda: ssm.get_parameter(Name="/prod/b", WithDecryption=True))
    assert _denied(lambda: ssm.get_parameters(Names=["/prod/a", "/prod/b"], WithDecryption=True))


def test_action_names_are_iams_and_conditions_do_not_turn_into_denials(enforced):
    client = enforced["client"]
    assert "MetricAlarms" in client("cloudwatch").describe_alarms()  # signed as "monitoring"
    with pytest.raises(ClientError) as missing:
        client("s3").get_bucket_encryption(Bucket="prod-b")  # s3:GetEncryptionConfiguration, not ListBucket
    assert missing.value.response["Error"]["Code"] == "ServerSideEncryptionConfigurationNotFoundError"
    assert _denied(lambda: client("s3").get_bucket_versioning(Bucket="prod-b"))  # not granted
    client("s3").head_bucket(Bucket="prod-b")  # s3:ListBucket (HeadBucket is no IAM action)
    assert "Vpcs" in client("ec2").describe_vpcs()  # resource and condition unknown: action level
    decided = [json.loads(line) for line in enforced["log"].read_text().splitlines()]
    names = {d["action"] for d in decided}
    assert {"cloudwatch:DescribeAlarms", "s3:GetEncryptionConfiguration", "s3:ListBucket"} <= names
    assert not any(n.startswith("monitoring:") or n == "s3:HeadBucket" for n in names)
