"""Secrets Manager: secrets, from ``ListSecrets`` metadata only (values are never read)."""

from importer.specs.base import Call, Reference, ResourceSpec

SPECS = (
    ResourceSpec(
        type="aws_secretsmanager_secret", service="secretsmanager",
        list=Call("ListSecrets", items="SecretList[]", params={"MaxResults": 100}),
        import_id="{ARN}",
        # Secrets another service creates and rotates (RDS master user secrets: OwningService 'rds',
        # name 'rds!db-...'/'rds!cluster-...') belong to that service's resource, not to Terraform.
        exclude="OwningService || starts_with(Name, 'rds!') || tag(Tags, 'aws:secretsmanager:owningService')",
        identity={"name": "Name"}, aliases=("ARN", "Name"),
        references=(Reference("kms_key_id", "aws_kms_key", "KmsKeyId"),),
        attributes={"name": "Name", "arn": "ARN", "description": "Description", "rotation_enabled": "RotationEnabled"},
    ),
)
