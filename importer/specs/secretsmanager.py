"""Secrets Manager: secrets, their rotation and their resource policies, from metadata only (values are
never read: no GetSecretValue). Rotation comes with ``ListSecrets``; a policy takes one
``GetResourcePolicy`` per secret (the document itself is not kept)."""

from importer.specs.base import Call, Reference, ResourceSpec

_SECRETS = Call("ListSecrets", items="SecretList[]", params={"MaxResults": 100})
# Secrets another service creates and rotates (RDS master user secrets: OwningService 'rds',
# name 'rds!db-...'/'rds!cluster-...') belong to that service's resource, not to Terraform.
_OWNED_ELSEWHERE = "OwningService || starts_with(Name, 'rds!') || tag(Tags, 'aws:secretsmanager:owningService')"

SPECS = (
    ResourceSpec(
        type="aws_secretsmanager_secret", service="secretsmanager",
        list=_SECRETS, import_id="{ARN}", exclude=_OWNED_ELSEWHERE,
        identity={"name": "Name"}, aliases=("ARN", "Name"),
        references=(Reference("kms_key_id", "aws_kms_key", "KmsKeyId"),),
        attributes={"name": "Name", "arn": "ARN", "description": "Description", "rotation_enabled": "RotationEnabled"},
    ),
    ResourceSpec(
        type="aws_secretsmanager_secret_rotation", service="secretsmanager", list=_SECRETS, import_id="{ARN}",
        exclude=f"!RotationEnabled || {_OWNED_ELSEWHERE}", identity={"secret_id": "ARN"},
        references=(Reference("secret_id", "aws_secretsmanager_secret", "ARN"),
                    Reference("rotation_lambda_arn", "aws_lambda_function", "RotationLambdaARN")),
        attributes={"secret_id": "ARN", "rotation_lambda_arn": "RotationLambdaARN",
                    "rotation_rules.automatically_after_days": "RotationRules.AutomaticallyAfterDays",
                    "rotation_rules.schedule_expression": "RotationRules.ScheduleExpression"},
        note="exists only when the secret has rotation enabled",
    ),
    ResourceSpec(
        type="aws_secretsmanager_secret_policy", service="secretsmanager", parent="aws_secretsmanager_secret",
        list=Call("GetResourcePolicy", items="[@]", params={"SecretId": "=ARN"},
                  absent_on=("ResourceNotFoundException",)),
        import_id="{ARN}", exclude="!ResourcePolicy", identity={"secret_arn": "ARN"},
        references=(Reference("secret_arn", "aws_secretsmanager_secret", "ARN"),),
        attributes={"secret_arn": "ARN"},
        inline_in=("aws_secretsmanager_secret", "policy"),
        note="one GetResourcePolicy per secret; exists only when the secret has a policy (not kept)",
    ),
)
