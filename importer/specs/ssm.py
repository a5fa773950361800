"""SSM Parameter Store: parameters, from ``DescribeParameters`` metadata only (never a value,
SecureString or not: no GetParameter/GetParameters)."""

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
)
