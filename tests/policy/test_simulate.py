"""The test policy simulator follows IAM's evaluation rules."""

from __future__ import annotations

import pytest

from tests.policy.simulate import (ALLOW, EXPLICIT_DENY, IMPLICIT_DENY, SimulationError, conditions_hold, evaluate,
                                   glob_match)

QUEUE = "arn:aws:sqs:us-east-1:123456789012:prod-retainwise-jobs"


def _doc(*statements):
    return {"Version": "2012-10-17", "Statement": list(statements)}


ALLOW_SQS = {"Sid": "A", "Effect": "Allow", "Action": ["sqs:DeleteQueue", "sqs:Get*"],
             "Resource": "arn:aws:sqs:us-east-1:123456789012:prod-retainwise-*"}


def test_allow_needs_action_and_resource_with_wildcards():
    assert evaluate(_doc(ALLOW_SQS), "sqs:DeleteQueue", QUEUE).decision == ALLOW
    assert evaluate(_doc(ALLOW_SQS), "SQS:deletequeue", QUEUE).allowed  # actions are case-insensitive
    assert evaluate(_doc(ALLOW_SQS), "sqs:GetQueueUrl", QUEUE).allowed
    assert evaluate(_doc(ALLOW_SQS), "sqs:CreateQueue", QUEUE).decision == IMPLICIT_DENY
    assert not evaluate(_doc(ALLOW_SQS), "sqs:DeleteQueue", QUEUE.replace("prod", "staging")).allowed
    assert not evaluate(_doc(ALLOW_SQS), "sqs:DeleteQueue", QUEUE.replace("prod-retainwise", "PROD-retainwise")).allowed
    assert evaluate(_doc(), "sqs:DeleteQueue", QUEUE).decision == IMPLICIT_DENY


def test_explicit_deny_wins_across_documents():
    deny = {"Sid": "D", "Effect": "Deny", "Action": "sqs:*", "Resource": "*"}
    decision = evaluate([_doc(ALLOW_SQS), _doc(deny)], "sqs:DeleteQueue", QUEUE)
    assert decision.decision == EXPLICIT_DENY and decision.matched == ("D",)
    not_action = {"Sid": "N", "Effect": "Deny", "NotAction": "sqs:Get*", "Resource": "*"}
    assert evaluate(_doc(ALLOW_SQS, not_action), "sqs:DeleteQueue", QUEUE).decision == EXPLICIT_DENY
    assert evaluate(_doc(ALLOW_SQS, not_action), "sqs:GetQueueUrl", QUEUE).allowed


def test_a_failed_condition_leaves_the_request_denied():
    tagged = {"Sid": "T", "Effect": "Allow", "Action": "ec2:DeleteVpc", "Resource": "arn:aws:ec2:*:*:vpc/*",
              "Condition": {"StringEquals": {"aws:ResourceTag/Environment": "prod", "aws:ResourceTag/Project": "rw"}}}
    vpc = "arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0abc"
    prod = {"aws:ResourceTag/Environment": "prod", "aws:ResourceTag/Project": "rw"}
    assert evaluate(_doc(tagged), "ec2:DeleteVpc", vpc, prod).allowed
    assert evaluate(_doc(tagged), "ec2:DeleteVpc", vpc, {**prod, "aws:resourcetag/environment": "prod"}).allowed
    assert not evaluate(_doc(tagged), "ec2:DeleteVpc", vpc, {**prod, "aws:ResourceTag/Environment": "staging"}).allowed
    assert not evaluate(_doc(tagged), "ec2:DeleteVpc", vpc, {"aws:ResourceTag/Environment": "prod"}).allowed
    assert not evaluate(_doc(tagged), "ec2:DeleteVpc", vpc).allowed


def test_condition_operators():
    ctx = {"s3:prefix": "prod/terraform.tfstate", "aws:SecureTransport": "true", "aws:TagKeys": ["Name", "Env"],
           "aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:prod-alerts"}
    assert conditions_hold({"StringLike": {"s3:prefix": ["env:/*", "prod/*"]}}, ctx)
    assert not conditions_hold({"StringLike": {"s3:prefix": "staging/*"}}, ctx)
    assert conditions_hold({"StringNotEquals": {"aws:Missing": "x"}}, ctx)  # negated, key absent: true
    assert not conditions_hold({"StringEquals": {"aws:Missing": "x"}}, ctx)
    assert conditions_hold({"StringEqualsIfExists": {"aws:Missing": "x"}}, ctx)
    assert conditions_hold({"Bool": {"aws:SecureTransport": True}}, ctx)
    assert conditions_hold({"Null": {"aws:Missing": "true", "s3:prefix": "false"}}, ctx)
    assert not conditions_hold({"Null": {"s3:prefix": "true"}}, ctx)
    assert conditions_hold({"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:123456789012:prod-*"}}, ctx)
    assert not conditions_hold({"ArnLike": {"aws:SourceArn": "arn:aws:sqs:*:*:*"}}, ctx)
    assert conditions_hold({"ForAllValues:StringEquals": {"aws:TagKeys": ["Name", "Env", "Owner"]}}, ctx)
    assert not conditions_hold({"ForAllValues:StringEquals": {"aws:TagKeys": ["Name"]}}, ctx)
    assert conditions_hold({"ForAllValues:StringEquals": {"aws:Missing": ["Name"]}}, ctx)
    assert conditions_hold({"ForAnyValue:StringEquals": {"aws:TagKeys": ["Env"]}}, ctx)
    assert not conditions_hold({"ForAnyValue:StringEquals": {"aws:Missing": ["Env"]}}, ctx)
    with pytest.raises(SimulationError, match="several values"):
        conditions_hold({"StringEquals": {"aws:TagKeys": "Name"}}, ctx)


def test_what_it_does_not_simulate_fails_loudly():
    with pytest.raises(SimulationError, match="unknown condition operator"):
        conditions_hold({"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}, {"aws:MultiFactorAuthAge": "1"})
    with pytest.raises(SimulationError, match="set operator"):
        conditions_hold({"ForSomeValues:StringEquals": {"k": "v"}}, {"k": "v"})
    with pytest.raises(SimulationError, match="policy variables"):
        evaluate(_doc({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}"}),
                 "s3:GetObject", "arn:aws:s3:::b/x")
    with pytest.raises(SimulationError, match="neither Resource"):
        evaluate(_doc({"Effect": "Allow", "Action": "s3:GetObject"}), "s3:GetObject", "arn:aws:s3:::b/x")


def test_glob_spans_separators():
    assert glob_match("arn:aws:ecs:*:*:service/prod-*/prod-*", "arn:aws:ecs:us-east-1:1:service/prod-a/prod-b")
    assert glob_match("arn:aws:s3:::b/?.txt", "arn:aws:s3:::b/a.txt")
    assert not glob_match("arn:aws:s3:::b/?.txt", "arn:aws:s3:::b/ab.txt")
