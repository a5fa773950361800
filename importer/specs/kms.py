"""KMS: customer managed keys and their aliases.

A key has no name: what identifies it for matching is its description, which only
``DescribeKey`` returns, so keys take one ``DescribeKey`` each. The same answer says who manages
the key (``KeyManager``), which is how AWS managed keys are left out. Aliases come from one
``ListAliases`` call; the predefined ``alias/aws/*`` ones are AWS's.
"""

from importer.specs.base import Call, Reference, ResourceSpec

_AWS_ALIAS = "starts_with(AliasName, 'alias/aws/')"

SPECS = (
    ResourceSpec(
        type="aws_kms_key", service="kms", list=Call("ListKeys", items="Keys[]", params={"Limit": 1000}),
        detail=Call("DescribeKey", items="KeyMetadata", params={"KeyId": "=KeyId"}, absent_on=("NotFoundException",)),
        import_id="{KeyId}",
        # AWS managed keys; keys being deleted (the provider treats them as gone).
        exclude="KeyManager == 'AWS' || KeyState == 'PendingDeletion' || KeyState == 'PendingReplicaDeletion'",
        identity={"description": "Description"}, aliases=("KeyArn || Arn",),
        attributes={"key_id": "KeyId", "arn": "Arn", "description": "Description", "key_usage": "KeyUsage",
                    "customer_master_key_spec": "KeySpec || CustomerMasterKeySpec", "is_enabled": "Enabled",
                    "multi_region": "MultiRegion"},
        note="one DescribeKey per key (AWS managed ones included): the description is the key's only identity",
    ),
    ResourceSpec(
        type="aws_kms_alias", service="kms", list=Call("ListAliases", items="Aliases[]", params={"Limit": 100}),
        import_id="{AliasName}", exclude=_AWS_ALIAS, identity={"name": "AliasName"}, aliases=("AliasArn",),
        references=(Reference("target_key_id", "aws_kms_key", "TargetKeyId"),),
        attributes={"name": "AliasName", "arn": "AliasArn", "target_key_id": "TargetKeyId"},
        note="alias/aws/* aliases are predefined for AWS managed keys",
    ),
)
