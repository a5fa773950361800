"""Specs of the data, identity and messaging services (IAM, S3, KMS, Secrets Manager, RDS, SQS,
SNS, CloudWatch Logs, CloudWatch alarms, SSM): the tricky exclusions and import IDs on sample
items, then discovery of a small account built with boto3 in the emulator."""

from __future__ import annotations

import json
import re


from importer.discovery.runner import DiscoveryRunner
from importer.discovery.service import DiscoverySettings, discover
from importer.specs import registry

SERVICES = ("iam", "s3", "kms", "secretsmanager", "rds", "sqs", "sns", "logs", "cloudwatch", "ssm")
TYPES = {spec.type for spec in registry().values() if spec.service in SERVICES}
ACCOUNT = "123456789012"


def _spec(type_name: str):
    return registry()[type_name]


def _kept(type_name: str, items: list[dict], runner: DiscoveryRunner | None = None) -> list[str]:
    """Import IDs of the items the spec keeps (after its exclusions)."""
    spec = _spec(type_name)
    runner = runner or DiscoveryRunner(clients=None)
    return [DiscoveryRunner._live_object(spec, item).import_id for item in runner._keep(spec, items)]


# -- exclusions on sample items --------------------------------------------------------------------

def test_aws_managed_and_deleted_kms_keys_are_excluded():
    def key(key_id, manager="CUSTOMER", state="Enabled"):
        return {"KeyId": key_id, "KeyArn": f"arn:aws:kms:us-east-1:{ACCOUNT}:key/{key_id}", "KeyManager": manager,
                "KeyState": state, "Description": key_id}

    items = [key("mine"), key("aws-s3", manager="AWS"), key("going", state="PendingDeletion"), key("off", state="Disabled")]
    assert _kept("aws_kms_key", items) == ["mine", "off"]


def test_predefined_aws_aliases_are_excluded_and_alias_points_at_its_key():
    items = [{"AliasName": "alias/app", "AliasArn": "arn:aws:kms:us-east-1:1:alias/app", "TargetKeyId": "k-1"},
             {"AliasName": "alias/aws/rds", "AliasArn": "arn:aws:kms:us-east-1:1:alias/aws/rds", "TargetKeyId": "k-2"},
             {"AliasName": "alias/aws/ebs", "AliasArn": "arn:aws:kms:us-east-1:1:alias/aws/ebs"}]
    assert _kept("aws_kms_alias", items) == ["alias/app"]
    live = DiscoveryRunner._live_object(_spec("aws_kms_alias"), items[0])
    assert live.references == {"target_key_id": "k-1"}


def test_secrets_owned_by_another_service_are_excluded_and_the_import_id_is_the_arn():
    arn = f"arn:aws:secretsmanager:us-east-1:{ACCOUNT}:secret:"
    items = [
        {"ARN": f"{arn}app/key-AbCdEf", "Name": "app/key", "Tags": []},
        {"ARN": f"{arn}rds!db-1234-XyZ123", "Name": "rds!db-1234", "OwningService": "rds"},
        {"ARN": f"{arn}rds!cluster-99-QwErTy", "Name": "rds!cluster-99"},  # older answers without OwningService
        {"ARN": f"{arn}other-123456", "Name": "other",
         "Tags": [{"Key": "aws:secretsmanager:owningService", "Value": "appflow"}]},
    ]
    assert _kept("aws_secretsmanager_secret", items) == [f"{arn}app/key-AbCdEf"]


def test_default_rds_groups_and_cluster_members_are_left_out():
    assert _kept("aws_db_parameter_group", [
        {"DBParameterGroupName": "default.postgres16", "DBParameterGroupFamily": "postgres16"},
        {"DBParameterGroupName": "app-postgres16", "DBParameterGroupFamily": "postgres16"},
    ]) == ["app-postgres16"]
    assert _kept("aws_db_subnet_group", [{"DBSubnetGroupName": "default"}, {"DBSubnetGroupName": "app-db"}]) == ["app-db"]
    runner = DiscoveryRunner(clients=None)
    response = {"DBInstances": [{"DBInstanceIdentifier": "app"},
                                {"DBInstanceIdentifier": "aurora-1", "DBClusterIdentifier": "aurora"}]}
    listed = runner._items_from(_spec("aws_db_instance"), response, None)
    assert [item["DBInstanceIdentifier"] for item in listed] == ["app"]


def test_target_tracking_alarms_are_excluded():
    items = [{"AlarmName": "TargetTracking-service/c/s-AlarmHigh-1234", "Dimensions": []},
             {"AlarmName": "app-queue-depth", "Dimensions": [{"Name": "QueueName", "Value": "jobs"}]}]
    assert _kept("aws_cloudwatch_metric_alarm", items) == ["app-queue-depth"]
    live = DiscoveryRunner._live_object(_spec("aws_cloudwatch_metric_alarm"), items[1])
    assert live.references["dimensions.QueueName"] == "jobs"


def test_service_linked_roles_are_excluded_with_their_policies_and_attachments():
    runner = DiscoveryRunner(clients=None)
    roles = [
        {"RoleName": "app", "Path": "/", "Arn": f"arn:aws:iam::{ACCOUNT}:role/app",
         "RolePolicyList": [{"PolicyName": "inline"}],
         "AttachedManagedPolicies": [{"PolicyName": "p", "PolicyArn": f"arn:aws:iam::{ACCOUNT}:policy/team/p"}]},
        {"RoleName": "AWSServiceRoleForECS", "Path": "/aws-service-role/ecs.amazonaws.com/",
         "RolePolicyList": [{"PolicyName": "internal"}],
         "AttachedManagedPolicies": [{"PolicyName": "AmazonECSServiceRolePolicy",
                                      "PolicyArn": "arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy"}]},
        {"RoleName": "AWSReservedSSO_Admin_0123", "Path": "/aws-reserved/sso.amazonaws.com/"},
    ]
    assert _kept("aws_iam_role", roles, runner) == ["app"]
    response = {"RoleDetailList": roles}
    for type_name, expected in (("aws_iam_role_policy", ["app:inline"]),
                                ("aws_iam_role_policy_attachment", [f"app/arn:aws:iam::{ACCOUNT}:policy/team/p"])):
        spec = _spec(type_name)
        objects = [DiscoveryRunner._live_object(spec, item) for item in runner._items_from(spec, response, None)]
        assert len(objects) == 2
        assert [o.import_id for o in objects if not runner._follows_excluded(spec, o)] == expected


def test_customer_policy_name_comes_from_the_arn_when_the_answer_lacks_it():
    live = DiscoveryRunner._live_object(_spec("aws_iam_policy"), {"Arn": f"arn:aws:iam::{ACCOUNT}:policy/team/read"})
    assert live.import_id == f"arn:aws:iam::{ACCOUNT}:policy/team/read"
    assert live.identity == {"name": "read"}


def test_bucket_versioning_exists_only_once_its_status_was_set():
    spec, parent = _spec("aws_s3_bucket_versioning"), {"Name": "logs"}
    runner = DiscoveryRunner(clients=None)
    assert runner._items_from(spec, {}, parent) == []
    assert runner._items_from(spec, {"Status": "Suspended"}, parent) == [{"Status": "Suspended", "Bucket": "logs"}]


def test_queue_policy_exists_only_with_a_policy_attribute_and_is_imported_by_url():
    url = f"https://sqs.us-east-1.amazonaws.com/{ACCOUNT}/jobs"
    items = [{"QueueUrl": url, "QueueArn": f"arn:aws:sqs:us-east-1:{ACCOUNT}:jobs", "Policy": "{}"},
             {"QueueUrl": f"{url}-dlq", "QueueArn": f"arn:aws:sqs:us-east-1:{ACCOUNT}:jobs-dlq"}]
    assert _kept("aws_sqs_queue_policy", items) == [url]
    queue = DiscoveryRunner._live_object(_spec("aws_sqs_queue"), items[0])
    assert queue.import_id == url and queue.identity == {"name": "jobs"}
    assert queue.attributes["url"] == url and queue.attributes["arn"] == items[0]["QueueArn"]


def test_unconfirmed_subscriptions_cannot_be_imported_and_are_not_listed():
    response = {"Subscriptions": [
        {"SubscriptionArn": "PendingConfirmation", "TopicArn": "arn:aws:sns:us-east-1:1:t", "Protocol": "email"},
        {"SubscriptionArn": "arn:aws:sns:us-east-1:1:t:abc", "TopicArn": "arn:aws:sns:us-east-1:1:t",
         "Protocol": "lambda", "Endpoint": "arn:aws:lambda:us-east-1:1:function:f"},
    ]}
    items = DiscoveryRunner(clients=None)._items_from(_spec("aws_sns_topic_subscription"), response, None)
    assert [item["SubscriptionArn"] for item in items] == ["arn:aws:sns:us-east-1:1:t:abc"]
    live = DiscoveryRunner._live_object(_spec("aws_sns_topic_subscription"), items[0])
    assert live.references == {"topic_arn": "arn:aws:sns:us-east-1:1:t", "endpoint": "arn:aws:lambda:us-east-1:1:function:f"}


def test_these_specs_never_read_values_or_keep_documents():
    forbidden_operations = {"GetSecretValue", "BatchGetSecretValue", "GetParameter", "GetParameters",
                            "GetParametersByPath", "GetParameterHistory", "GetKeyPolicy", "Decrypt"}
    for type_name in TYPES:
        spec = _spec(type_name)
        assert not spec.operations() & forbidden_operations, type_name
        kept = set(re.findall(r"[A-Za-z_]+", " ".join([*spec.attributes.values(), *spec.identity.values(),
                                                         *spec.aliases, *spec.fields.values()])))
        assert not kept & {"Policy", "PolicyDocument", "AssumeRolePolicyDocument", "PolicyVersionList",
                           "SecretString", "SecretBinary", "Value"}, type_name


# -- a small account in the emulator ----------------------------------------------------------------

CANARY = "rw-canary-test-specs-data-iam"


def _build(emulator) -> dict[str, set[str]]:
    """A few objects of each type (and AWS-made ones that must not be found); returns the
    expected import IDs by type."""
    iam, kms, s3 = emulator.client("iam"), emulator.client("kms"), emulator.client("s3")
    trust = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                                "Principal": {"Service": "ecs-tasks.amazonaws.com"}}]})
    document = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket",
                                                                   "Resource": "*"}]})
    iam.create_role(RoleName="app-task", AssumeRolePolicyDocument=trust)
    iam.put_role_policy(RoleName="app-task", PolicyName="list", PolicyDocument=document)
    policy_arn = iam.create_policy(PolicyName="app-read", Path="/team/", PolicyDocument=document)["Policy"]["Arn"]
    managed = "arn:aws:iam::aws:policy/ReadOnlyAccess"
    for arn in (policy_arn, managed):
        iam.attach_role_policy(RoleName="app-task", PolicyArn=arn)
    # Not an aws_iam_role (AWS's own path), but an aws_iam_service_linked_role code may declare.
    linked = iam.create_service_linked_role(AWSServiceName="elasticbeanstalk.amazonaws.com")["Role"]["Arn"]

    key_id = kms.create_key(Description="app data")["KeyMetadata"]["KeyId"]
    kms.create_alias(AliasName="alias/app-data", TargetKeyId=key_id)

    s3.create_bucket(Bucket="app-uploads")
    s3.put_bucket_versioning(Bucket="app-uploads", VersioningConfiguration={"Status": "Suspended"})
    s3.put_bucket_policy(Bucket="app-uploads", Policy=document.replace('"*"', '"arn:aws:s3:::app-uploads"')
                         .replace('"Action"', '"Principal": "*", "Action"'))
    s3.put_bucket_encryption(Bucket="app-uploads", ServerSideEncryptionConfiguration={"Rules": [{
        "ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key_id}}]})
    s3.create_bucket(Bucket="app-bare")  # no configuration at all: only the bucket

    secret_arn = emulator.client("secretsmanager").create_secret(Name="app/token", SecretString=CANARY)["ARN"]
    rds = emulator.client("rds")
    rds.create_db_parameter_group(DBParameterGroupName="app-pg16", DBParameterGroupFamily="postgres16",
                                  Description="app")
    # Makes an rds!db-... secret owned by RDS. Its key is given: with the default one the emulator would
    # create the alias/aws/secretsmanager key as a customer managed key (AWS marks it KeyManager AWS).
    rds.create_db_instance(DBInstanceIdentifier="app-db", Engine="postgres", DBInstanceClass="db.t3.micro",
                           AllocatedStorage=20, MasterUsername="app", ManageMasterUserPassword=True,
                           MasterUserSecretKmsKeyId=key_id, DBParameterGroupName="app-pg16")

    sqs = emulator.client("sqs")
    queue_url = sqs.create_queue(QueueName="app-jobs")["QueueUrl"]
    plain_url = sqs.create_queue(QueueName="app-plain")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns = emulator.client("sns")
    topic_arn = sns.create_topic(Name="app-alerts")["TopicArn"]
    subscription = sns.subscribe(TopicArn=topic_arn, Protocol="sqs", Endpoint=queue_arn,
                                 ReturnSubscriptionArn=True)["SubscriptionArn"]
    sqs.set_queue_attributes(QueueUrl=queue_url, Attributes={"Policy": json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"},
                                                "Action": "sqs:SendMessage", "Resource": queue_arn}]})})

    emulator.client("logs").create_log_group(logGroupName="/app/jobs")
    cloudwatch = emulator.client("cloudwatch")
    for name in ("app-jobs-depth", "TargetTracking-service/app/jobs-AlarmHigh-0000"):
        cloudwatch.put_metric_alarm(AlarmName=name, Namespace="AWS/SQS", MetricName="ApproximateNumberOfMessagesVisible",
                                    Dimensions=[{"Name": "QueueName", "Value": "app-jobs"}], Statistic="Maximum",
                                    ComparisonOperator="GreaterThanThreshold", Threshold=10.0, Period=300,
                                    EvaluationPeriods=1, AlarmActions=[topic_arn])
    emulator.client("ssm").put_parameter(Name="/app/secret", Type="SecureString", Value=CANARY)
    return {
        "aws_iam_role": {"app-task"}, "aws_iam_role_policy": {"app-task:list"},
        "aws_iam_role_policy_attachment": {f"app-task/{policy_arn}", f"app-task/{managed}"},
        "aws_iam_policy": {policy_arn}, "aws_iam_service_linked_role": {linked},
        "aws_kms_key": {key_id}, "aws_kms_alias": {"alias/app-data"},
        "aws_s3_bucket": {"app-uploads", "app-bare"}, "aws_s3_bucket_versioning": {"app-uploads"},
        "aws_s3_bucket_policy": {"app-uploads"}, "aws_s3_bucket_server_side_encryption_configuration": {"app-uploads"},
        "aws_secretsmanager_secret": {secret_arn},
        "aws_db_instance": {"app-db"}, "aws_db_parameter_group": {"app-pg16"},
        "aws_sqs_queue": {queue_url, plain_url}, "aws_sqs_queue_policy": {queue_url},
        "aws_sns_topic": {topic_arn}, "aws_sns_topic_subscription": {subscription},
        "aws_cloudwatch_log_group": {"/app/jobs"}, "aws_cloudwatch_metric_alarm": {"app-jobs-depth"},
        "aws_ssm_parameter": {"/app/secret"},
    }


def test_discovery_finds_the_small_account_with_documented_import_ids(clean_emulator):
    expected = _build(clean_emulator)
    inventory = discover(clean_emulator.session(),
                         DiscoverySettings(region=clean_emulator.region, endpoint_url=clean_emulator.endpoint), TYPES)
    assert inventory.complete, inventory.failures
    found: dict[str, set[str]] = {}
    for live in inventory.objects:
        found.setdefault(live.type, set()).add(live.import_id)
    assert found == expected
    # One list call per type (shared where the call is the same), plus: nineteen S3 reads per bucket,
    # one DescribeKey per key, one GetQueueAttributes per queue (shared by queue and queue policy); IAM:
    # GetAccountAuthorizationDetails for all but instance profiles, ListInstanceProfiles, and one list or get each
    # for OIDC providers, SAML providers, the password policy and the account alias.
    # RDS: instances, parameter and subnet groups, clusters, cluster parameter groups, option groups. SNS: topics,
    # subscriptions, one GetTopicAttributes per topic (its policy). Logs: groups, metric filters, one
    # DescribeSubscriptionFilters per group, resource policies, query definitions. CloudWatch: metric alarms,
    # composite alarms, dashboards. SSM: parameters, documents, maintenance windows. Secrets: ListSecrets, one
    # GetResourcePolicy per secret.
    # A small account with a bare bucket is above 1.3 calls per object; the hand-built one is below.
    calls = {service: count for service, count in inventory.calls_by_service.items() if service != "sts"}
    assert calls == {"iam": 2 + 4, "s3": 1 + 19 * 2, "kms": 1 + 1 + 1, "secretsmanager": 1 + 1, "rds": 6,
                     "sqs": 1 + 2, "sns": 2 + 1, "logs": 4 + 1, "cloudwatch": 3, "ssm": 3}
    assert CANARY not in inventory.to_json()  # the SecureString and the secret value were never read

    by_id = {(o.type, o.import_id): o for o in inventory.objects}
    key = next(o for o in inventory.objects if o.type == "aws_kms_key")
    assert key.identity == {"description": "app data"}
    encryption = by_id[("aws_s3_bucket_server_side_encryption_configuration", "app-uploads")]
    assert encryption.references["rule.apply_server_side_encryption_by_default.kms_master_key_id"] in \
        {key.import_id, *key.aliases}
    queue_url = next(iter(expected["aws_sqs_queue_policy"]))
    queue = by_id[("aws_sqs_queue", queue_url)]
    subscription = next(o for o in inventory.objects if o.type == "aws_sns_topic_subscription")
    assert subscription.references["endpoint"] in queue.aliases
    assert by_id[("aws_db_instance", "app-db")].references["parameter_group_name"] == "app-pg16"
