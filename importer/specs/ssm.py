"""SSM: Parameter Store parameters, from ``DescribeParameters`` metadata only (never a value,
SecureString or not: no GetParameter/GetParameters); the account's own documents (``Owner: Self``:
the hundreds AWS and third parties publish are not the account's) and maintenance windows."""

from importer.specs.base import Call, Reference, ResourceSpec

SPECS = (
    ResourceSpec(
        type="aws_ssm_parameter", service="ssm",
        list=Call("DescribeParameters", items="Parameters[]", params={"MaxResults": 50}),
        import_id="{Name}", identity={"name": "Name"}, aliases=("ARN",),
        references=(Reference("key_id", "aws_kms_key", "KeyId"),),
        attributes={"name": "Name", "type": "Type", "tier": "Tier", "data_type": "DataType",
                    "description": "Description"},
    ),
    ResourceSpec(
        type="aws_ssm_document", service="ssm",
        list=Call("ListDocuments", items="DocumentIdentifiers[]",
                  params={"Filters": [{"Key": "Owner", "Values": ["Self"]}], "MaxResults": 50}),
        import_id="{Name}", identity={"name": "Name"},
        attributes={"name": "Name", "document_type": "DocumentType", "document_format": "DocumentFormat",
                    "target_type": "TargetType", "version_name": "VersionName"},
        note="Owner Self only: AWS-owned and shared documents are not the account's",
    ),
    ResourceSpec(
        type="aws_ssm_maintenance_window", service="ssm",
        list=Call("DescribeMaintenanceWindows", items="WindowIdentities[]", params={"MaxResults": 100}),
        import_id="{WindowId}", identity={"name": "Name"},
        attributes={"name": "Name", "schedule": "Schedule", "duration": "Duration", "cutoff": "Cutoff",
                    "enabled": "Enabled"},
    ),
)
