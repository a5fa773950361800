"""The Terraform type to IAM action mapping is complete and speaks IAM's vocabulary (policy_sentry)."""

from __future__ import annotations

import pytest

from importer.policy.mapping import action_info, actions_for, arn_matches, fill, load_mapping, unknown_actions
from importer.specs import registry
from tests.policy.conftest import ENVIRONMENTS, stack_path

from importer.desired.config import load_config

VALUES = {"Partition": "aws", "Region": "us-east-1", "Account": "123456789012",
          "Prefix": "prod-retainwise-", "Stem": "prod-retainwise"}

# boto3 operation names whose IAM action is spelled differently (service model vs. IAM)
OPERATION_TO_ACTION = {
    ("s3", "ListBuckets"): "s3:ListAllMyBuckets",
    ("s3", "GetBucketCors"): "s3:GetBucketCORS",
    ("s3", "GetBucketLifecycleConfiguration"): "s3:GetLifecycleConfiguration",
    ("s3", "GetPublicAccessBlock"): "s3:GetBucketPublicAccessBlock",
    ("s3", "GetBucketEncryption"): "s3:GetEncryptionConfiguration",
    ("budgets", "DescribeBudgets"): "budgets:ViewBudget",
    ("s3", "GetBucketNotificationConfiguration"): "s3:GetBucketNotification",
    ("s3", "GetBucketReplication"): "s3:GetReplicationConfiguration",
    ("s3", "GetObjectLockConfiguration"): "s3:GetBucketObjectLockConfiguration",
    ("s3", "GetBucketAccelerateConfiguration"): "s3:GetAccelerateConfiguration",
    ("s3", "ListBucketIntelligentTieringConfigurations"): "s3:GetIntelligentTieringConfiguration",
    ("s3", "ListBucketMetricsConfigurations"): "s3:GetMetricsConfiguration",
    ("s3", "ListBucketInventoryConfigurations"): "s3:GetInventoryConfiguration",
    ("s3", "ListBucketAnalyticsConfigurations"): "s3:GetAnalyticsConfiguration",
}
VERB_ACTIONS = {"apigateway": "apigateway:GET", "apigatewayv2": "apigateway:GET"}
IAM_PREFIX = {"elbv2": "elasticloadbalancing", "stepfunctions": "states", "sesv2": "ses", "efs": "elasticfilesystem"}


def test_every_action_in_the_mapping_exists_in_iam_with_its_canonical_spelling():
    mapping = load_mapping()
    actions = {a for entry in mapping.values() for a in entry.read + entry.write + entry.sensitive_read}
    assert len(actions) > 250
    assert unknown_actions(actions) == []


def test_every_type_of_every_stack_and_every_discovery_spec_has_an_entry():
    mapping = load_mapping()
    for env in ENVIRONMENTS:
        assert set(load_config(stack_path(env)).count_by_type()) <= set(mapping)
    assert set(registry()) <= set(mapping)


def test_sensitive_reads_are_reads_of_the_same_type():
    for entry in load_mapping().values():
        assert set(entry.sensitive_read) <= set(entry.read), entry.type


def test_write_actions_never_read_secret_values_and_reads_are_not_writes():
    for entry in load_mapping().values():
        for action in entry.read:
            assert action_info(action).access_level in ("Read", "List"), (entry.type, action)
        for action in entry.read + entry.write:
            assert action not in ("secretsmanager:GetSecretValue", "kms:Decrypt", "ssm:GetParametersByPath"), action


def test_every_arn_template_is_an_arn_iam_knows_for_some_action_of_its_type():
    for entry in load_mapping().values():
        formats = {raw for action in entry.read + entry.write for raw in action_info(action).resource_formats}
        for template in entry.arns:
            arn = fill(template, VALUES)
            # "*" only for a type none of whose actions IAM can scope to a resource (account-level settings).
            assert any(arn_matches(arn, raw) for raw in formats) or (template == "*" and not formats), (entry.type, arn)


def test_each_scopable_write_matches_an_arn_of_its_own_type_or_of_the_stack():
    mapping = load_mapping()
    every = [fill(t, VALUES) for entry in mapping.values() for t in entry.arns]
    for entry in mapping.values():
        own = [fill(t, VALUES) for t in entry.arns]
        for action in entry.write:
            info = action_info(action)
            if info.resource_level:
                assert any(arn_matches(arn, raw) for raw in info.resource_formats for arn in own + every), \
                    (entry.type, action)


def test_discovery_operations_are_covered_by_the_plan_reads():
    mapping = load_mapping()
    for spec in registry().values():
        for service, operation in spec.calls():
            prefix = IAM_PREFIX.get(service, service)
            action = OPERATION_TO_ACTION.get((service, operation), f"{prefix}:{operation}")
            if service in VERB_ACTIONS:  # API Gateway's IAM actions are HTTP verbs: every read is a GET
                action = VERB_ACTIONS[service]
            assert action_info(action) is not None, action
            assert action in mapping[spec.type].read, (spec.type, action)


def test_a_type_without_an_entry_is_named():
    with pytest.raises(ValueError, match="aws_made_up_thing"):
        actions_for({"aws_sqs_queue", "aws_made_up_thing"})


def test_policy_sentry_answers_what_the_generator_relies_on():
    assert action_info("sqs:ListQueues").resource_level is False
    assert action_info("sqs:CreateQueue").resource_level is True
    assert action_info("sqs:createqueue").name == "sqs:CreateQueue"
    assert action_info("sqs:NoSuchThing") is None and action_info("sqs:*") is None
