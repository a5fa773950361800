"""IAM: the ECS execution role, one task role per service, the Lambda role, their inline
policies (including the ``s3-access`` policy on both task roles) and a customer managed policy."""

from __future__ import annotations

from dataclasses import dataclass

from constructs import Construct
from stacks.aws import IamPolicy, IamRole, IamRolePolicy, IamRolePolicyAttachment

from stacks.config import EnvironmentConfig
from stacks.constructs.policies import allow, assume_role_policy, policy_document

AWS_MANAGED = "arn:aws:iam::aws:policy/"
QUEUE_CONSUMER_ACTIONS = [
    "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes",
]


@dataclass(frozen=True)
class IamInputs:
    """ARNs of what the roles are allowed to touch."""

    account_id: str
    uploads_bucket_arn: str
    kms_key_arn: str
    app_secret_arn: str
    jobs_queue_arn: str
    notifications_queue_arn: str


class Iam(Construct):
    """Roles and policies of the services."""

    def __init__(self, scope: Construct, construct_id: str, *, config: EnvironmentConfig, inputs: IamInputs) -> None:
        super().__init__(scope, construct_id)
        prefix = config.prefix
        parameters_arn = f"arn:aws:ssm:{config.region}:{inputs.account_id}:parameter/{prefix}/*"
        self.execution_role = self._role("execution_role", f"{prefix}-ecs-execution", "ecs-tasks.amazonaws.com")
        self.backend_task_role = self._role("backend_task_role", f"{prefix}-backend-task", "ecs-tasks.amazonaws.com")
        self.worker_task_role = self._role("worker_task_role", f"{prefix}-worker-task", "ecs-tasks.amazonaws.com")
        self.lambda_role = self._role("lambda_role", f"{prefix}-lambda", "lambda.amazonaws.com")

        s3_access = [
            allow(["s3:ListBucket"], inputs.uploads_bucket_arn, sid="ListUploads"),
            allow(["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], f"{inputs.uploads_bucket_arn}/*",
                  sid="ReadWriteUploads"),
            allow(["kms:Decrypt", "kms:GenerateDataKey"], inputs.kms_key_arn, sid="UseDataKey"),
        ]
        inline = {
            ("backend_s3_access", self.backend_task_role, "s3-access"): s3_access,
            ("worker_s3_access", self.worker_task_role, "s3-access"): s3_access,
            ("backend_sqs_send", self.backend_task_role, "sqs-send"): [
                allow(["sqs:SendMessage", "sqs:GetQueueAttributes"], inputs.jobs_queue_arn),
            ],
            ("worker_sqs_consume", self.worker_task_role, "sqs-consume"): [
                allow(QUEUE_CONSUMER_ACTIONS, [inputs.jobs_queue_arn, inputs.notifications_queue_arn]),
            ],
            ("execution_secrets_read", self.execution_role, "secrets-read"): [
                allow(["secretsmanager:GetSecretValue"], inputs.app_secret_arn),
                allow(["ssm:GetParameters"], parameters_arn),
                allow(["kms:Decrypt"], inputs.kms_key_arn),
            ],
            ("lambda_sqs_send", self.lambda_role, "sqs-send"): [
                allow(["sqs:SendMessage"], inputs.jobs_queue_arn),
            ],
        }
        for (construct_name, role, policy_name), statements in inline.items():
            IamRolePolicy(self, construct_name, name=policy_name, role=role.id, policy=policy_document(statements))

        self.app_config_policy = IamPolicy(
            self, "app_config_read", name=f"{prefix}-app-config-read",
            description="Read the application's SSM parameters",
            policy=policy_document([
                allow(["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"], parameters_arn),
                allow(["kms:Decrypt"], inputs.kms_key_arn),
            ]),
        )
        attachments = {
            "execution_managed": (self.execution_role, f"{AWS_MANAGED}service-role/AmazonECSTaskExecutionRolePolicy"),
            "lambda_basic": (self.lambda_role, f"{AWS_MANAGED}service-role/AWSLambdaBasicExecutionRole"),
            "lambda_vpc": (self.lambda_role, f"{AWS_MANAGED}service-role/AWSLambdaVPCAccessExecutionRole"),
            "backend_app_config": (self.backend_task_role, self.app_config_policy.arn),
            "worker_app_config": (self.worker_task_role, self.app_config_policy.arn),
        }
        for construct_name, (role, policy_arn) in attachments.items():
            IamRolePolicyAttachment(self, f"{construct_name}_attachment", role=role.name, policy_arn=policy_arn)

    def _role(self, construct_name: str, role_name: str, service: str) -> IamRole:
        return IamRole(
            self, construct_name, name=role_name, assume_role_policy=assume_role_policy(service),
            tags={"Name": role_name},
        )
