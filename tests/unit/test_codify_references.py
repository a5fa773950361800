"""Codify references on hand-written inputs: exact identifiers only, names only where a spec
declares the reference, embedded ARNs as Templates, shared values and cycles stay literal."""

from importer.codify.model import Reference, Template
from importer.codify.references import Target, declared_references, find_cycle, resolve

QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:prod-jobs"
DLQ_ARN = "arn:aws:sqs:us-east-1:123456789012:prod-jobs-dlq"
TARGETS = [
    Target("aws_sqs_queue.jobs", "aws_sqs_queue", {"arn": QUEUE_ARN, "name": "prod-jobs", "id": "https://q/prod-jobs"}),
    Target("aws_sqs_queue.dlq", "aws_sqs_queue", {"arn": DLQ_ARN, "name": "prod-jobs-dlq", "id": "https://q/prod-jobs-dlq"}),
    Target("aws_iam_role.app", "aws_iam_role", {"arn": "arn:aws:iam::123456789012:role/app", "name": "app", "id": "app"}),
    Target("aws_vpc.main", "aws_vpc", {"id": "vpc-0123456789abcdef0"}),
    Target("aws_security_group.a", "aws_security_group", {"id": "sg-0123456789abcdef0"}),
    Target("aws_sqs_queue_policy.jobs", "aws_sqs_queue_policy", {"id": "https://q/prod-jobs"}),
]
DECLARED = declared_references()


def test_whole_values_and_list_elements_become_references():
    out = resolve("aws_lambda_function.f", "aws_lambda_function",
                  {"role": "arn:aws:iam::123456789012:role/app", "vpc_config": [{"security_group_ids": ["sg-0123456789abcdef0", "sg-ffffffffffff"]}]},
                  TARGETS, DECLARED)
    assert out["role"] == Reference("aws_iam_role.app", "arn")
    assert out["vpc_config"] == [{"security_group_ids": [Reference("aws_security_group.a", "id"), "sg-ffffffffffff"]}]


def test_names_only_where_a_spec_declares_the_reference():
    out = resolve("aws_iam_role_policy_attachment.x", "aws_iam_role_policy_attachment",
                  {"role": "app", "description": "app"}, TARGETS, DECLARED)
    assert out == {"role": Reference("aws_iam_role.app", "name"), "description": "app"}


def test_embedded_arns_are_exact_not_prefixes():
    policy = '{"Resource":["%s","%s/*"],"Other":"%s-old"}' % (QUEUE_ARN, DLQ_ARN, QUEUE_ARN)
    out = resolve("aws_iam_policy.p", "aws_iam_policy", {"policy": policy}, TARGETS, DECLARED)
    assert isinstance(out["policy"], Template)
    assert out["policy"].references() == (Reference("aws_sqs_queue.jobs", "arn"), Reference("aws_sqs_queue.dlq", "arn"))
    joined = "".join(p if isinstance(p, str) else {QUEUE_ARN: QUEUE_ARN}.get(p.address, "") for p in out["policy"].parts)
    assert f"{QUEUE_ARN}-old" in joined  # the look-alike stayed literal


def test_tags_self_and_shared_values_stay_literal():
    out = resolve("aws_vpc.main", "aws_vpc", {"tags": {"Id": "sg-0123456789abcdef0"}, "x": "vpc-0123456789abcdef0"},
                  TARGETS, DECLARED)
    assert out == {"tags": {"Id": "sg-0123456789abcdef0"}, "x": "vpc-0123456789abcdef0"}
    # the queue and its policy share the URL: only a declared reference tells which one
    shared = resolve("aws_cloudwatch_metric_alarm.a", "aws_cloudwatch_metric_alarm", {"x": "https://q/prod-jobs"}, TARGETS, DECLARED)
    assert shared == {"x": "https://q/prod-jobs"}
    declared = resolve("aws_sqs_queue_policy.other", "aws_sqs_queue_policy", {"queue_url": "https://q/prod-jobs"}, TARGETS, DECLARED)
    assert declared == {"queue_url": Reference("aws_sqs_queue.jobs", "id")}


def test_forbidden_targets_and_cycles():
    out = resolve("aws_x.a", "aws_x", {"vpc": "vpc-0123456789abcdef0"}, TARGETS, DECLARED, frozenset({"aws_vpc.main"}))
    assert out == {"vpc": "vpc-0123456789abcdef0"}
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
