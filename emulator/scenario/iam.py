"""IAM, as built by hand: service roles, their inline policies, attachments and a managed policy."""

from __future__ import annotations

import json

from emulator.scenario.context import BuildContext

AWS_MANAGED = "arn:aws:iam::aws:policy/"
ROLES = {
    "execution_role": ("ecs-execution", "ecs-tasks.amazonaws.com"),
    "backend_task_role": ("backend-task", "ecs-tasks.amazonaws.com"),
    "worker_task_role": ("worker-task", "ecs-tasks.amazonaws.com"),
    "lambda_role": ("lambda", "lambda.amazonaws.com"),
}


def _document(*statements: dict) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def _allow(actions: list[str], resources, sid: str | None = None) -> dict:
    statement = {"Effect": "Allow", "Action": actions, "Resource": resources}
    return {"Sid": sid, **statement} if sid else statement


def build(ctx: BuildContext) -> None:
    """Roles first, then inline policies (s3-access included), managed policy and attachments."""
    iam, prefix, ids = ctx.client("iam"), ctx.prefix, ctx.ids
    roles = {}
    for key, (suffix, service) in ROLES.items():
        name = f"{prefix}-{suffix}"
        arn = iam.create_role(RoleName=name, Tags=ctx.tag_list(name), AssumeRolePolicyDocument=_document(
            {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}))["Role"]["Arn"]
        roles[key] = name
        ids[f"{key}_arn"] = arn
        ctx.record("aws_iam_role", name, f"iam/{key}")
    ids["roles"] = roles

    bucket_arn, key_arn = f"arn:aws:s3:::{prefix}-uploads", ids["kms_key_arn"]
    parameters_arn = ctx.arn("ssm", f"parameter/{prefix}/*")
    s3_access = (
        _allow(["s3:ListBucket"], bucket_arn, sid="ListUploads"),
        _allow(["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], f"{bucket_arn}/*", sid="ReadWriteUploads"),
        _allow(["kms:Decrypt", "kms:GenerateDataKey"], key_arn, sid="UseDataKey"),
    )
    inline = {
        ("backend_s3_access", "backend_task_role", "s3-access"): s3_access,
        ("worker_s3_access", "worker_task_role", "s3-access"): s3_access,
        ("backend_sqs_send", "backend_task_role", "sqs-send"): (
            _allow(["sqs:SendMessage", "sqs:GetQueueAttributes"], ids["jobs_queue_arn"]),),
        ("worker_sqs_consume", "worker_task_role", "sqs-consume"): (_allow(
            ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"],
            [ids["jobs_queue_arn"], ids["notifications_queue_arn"]]),),
        ("execution_secrets_read", "execution_role", "secrets-read"): (
            _allow(["secretsmanager:GetSecretValue"], ids["app_secret_arn"]),
            _allow(["ssm:GetParameters"], parameters_arn),
            _allow(["kms:Decrypt"], key_arn),
        ),
        ("lambda_sqs_send", "lambda_role", "sqs-send"): (_allow(["sqs:SendMessage"], ids["jobs_queue_arn"]),),
    }
    for (code_name, role_key, policy_name), statements in inline.items():
        iam.put_role_policy(RoleName=roles[role_key], PolicyName=policy_name, PolicyDocument=_document(*statements))
        ctx.record("aws_iam_role_policy", f"{roles[role_key]}:{policy_name}", f"iam/{code_name}")

    policy_arn = iam.create_policy(
        PolicyName=f"{prefix}-app-config-read", Description="Read the application's SSM parameters",
        Tags=ctx.tag_list(), PolicyDocument=_document(
            _allow(["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"], parameters_arn),
            _allow(["kms:Decrypt"], key_arn)),
    )["Policy"]["Arn"]
    ctx.record("aws_iam_policy", policy_arn, "iam/app_config_read")
    attachments = {
        "execution_managed": ("execution_role", f"{AWS_MANAGED}service-role/AmazonECSTaskExecutionRolePolicy"),
        "lambda_basic": ("lambda_role", f"{AWS_MANAGED}service-role/AWSLambdaBasicExecutionRole"),
        "lambda_vpc": ("lambda_role", f"{AWS_MANAGED}service-role/AWSLambdaVPCAccessExecutionRole"),
        "backend_app_config": ("backend_task_role", policy_arn),
        "worker_app_config": ("worker_task_role", policy_arn),
    }
    for code_name, (role_key, arn) in attachments.items():
        iam.attach_role_policy(RoleName=roles[role_key], PolicyArn=arn)
        ctx.record("aws_iam_role_policy_attachment", f"{roles[role_key]}/{arn}", f"iam/{code_name}_attachment")
