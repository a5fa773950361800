"""Lambda: functions, the statements of their resource policies (permissions), event source mappings.

ListFunctions returns each function's configuration, environment variables included: they are
never kept (no expression reads Environment). Permissions come from GetPolicy per function (the
unqualified policy; a function without one answers ResourceNotFoundException).
"""

from importer.specs.base import Call, Reference, ResourceSpec

_SOURCE_ARN = "Condition.ArnLike.\"AWS:SourceArn\" || Condition.StringEquals.\"AWS:SourceArn\""
_PRINCIPAL = "Principal.Service || Principal.AWS || Principal"

SPECS = (
    ResourceSpec(
        type="aws_lambda_function", service="lambda", list=Call("ListFunctions", items="Functions[]"),
        import_id="{FunctionName}", identity={"function_name": "FunctionName"}, aliases=("FunctionArn",),
        references=(Reference("role", "aws_iam_role", "Role"),
                    Reference("vpc_config.subnet_ids", "aws_subnet", "VpcConfig.SubnetIds"),
                    Reference("vpc_config.security_group_ids", "aws_security_group", "VpcConfig.SecurityGroupIds"),
                    Reference("logging_config.log_group", "aws_cloudwatch_log_group", "LoggingConfig.LogGroup"),
                    Reference("kms_key_arn", "aws_kms_key", "KMSKeyArn"),
                    Reference("dead_letter_config.target_arn", "aws_sqs_queue", "DeadLetterConfig.TargetArn")),
        attributes={"arn": "FunctionArn", "function_name": "FunctionName", "runtime": "Runtime", "handler": "Handler",
                    "memory_size": "MemorySize", "timeout": "Timeout", "architectures": "Architectures",
                    "package_type": "PackageType"},
        note="environment variables are in the list response but never kept",
    ),
    ResourceSpec(
        type="aws_lambda_permission", service="lambda", parent="aws_lambda_function",
        list=Call("GetPolicy", items="from_json(Policy).Statement[]", params={"FunctionName": "=FunctionName"},
                  absent_on=("ResourceNotFoundException",)),
        inherit={"FunctionName": "FunctionName"}, import_id="{FunctionName}/{Sid}",
        identity={"function_name": "FunctionName", "statement_id": "Sid"},
        references=(Reference("function_name", "aws_lambda_function", "FunctionName"),
                    Reference("source_arn", "aws_cloudwatch_event_rule", _SOURCE_ARN)),
        attributes={"statement_id": "Sid", "action": "Action", "principal": _PRINCIPAL, "source_arn": _SOURCE_ARN},
        note="unqualified policies only (permissions of versions and aliases need GetPolicy with Qualifier); "
             "source_arn may point at other types than event rules (S3 buckets, SNS topics)",
    ),
    ResourceSpec(
        type="aws_lambda_event_source_mapping", service="lambda",
        list=Call("ListEventSourceMappings", items="EventSourceMappings[]"), import_id="{UUID}",
        identity={"function_name": "FunctionArn", "event_source_arn": "EventSourceArn"},
        aliases=("EventSourceMappingArn",),
        references=(Reference("function_name", "aws_lambda_function", "FunctionArn"),
                    Reference("event_source_arn", "aws_sqs_queue", "EventSourceArn")),
        attributes={"uuid": "UUID", "arn": "EventSourceMappingArn", "function_arn": "FunctionArn",
                    "event_source_arn": "EventSourceArn", "batch_size": "BatchSize", "state": "State"},
        note="one ListEventSourceMappings for all; event_source_arn may also be a Kinesis stream, DynamoDB "
             "stream or MSK cluster (only SQS queues are declared references yet)",
    ),
)
