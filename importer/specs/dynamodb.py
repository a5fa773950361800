"""DynamoDB tables: ListTables gives names, one DescribeTable per table the rest."""

from importer.specs.base import Call, Reference, ResourceSpec

SPECS = (
    ResourceSpec(
        type="aws_dynamodb_table", service="dynamodb", list=Call("ListTables", items="TableNames[].{TableName: @}"),
        detail=Call("DescribeTable", items="Table", params={"TableName": "=TableName"},
                    absent_on=("ResourceNotFoundException",)),
        import_id="{TableName}", identity={"name": "TableName"}, aliases=("TableArn", "LatestStreamArn"),
        references=(Reference("server_side_encryption.kms_key_arn", "aws_kms_key", "SSEDescription.KMSMasterKeyArn"),),
        exclude="TableStatus == 'DELETING'",
        attributes={"arn": "TableArn", "name": "TableName",
                    "billing_mode": "BillingModeSummary.BillingMode || 'PROVISIONED'",
                    "hash_key": "KeySchema[?KeyType=='HASH'].AttributeName | [0]",
                    "range_key": "KeySchema[?KeyType=='RANGE'].AttributeName | [0]",
                    "stream_arn": "LatestStreamArn"},
        note="one DescribeTable per table; items are never read",
    ),
)
