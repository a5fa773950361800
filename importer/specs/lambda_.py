"""Lambda: functions, the statements of their resource policies (permissions), event source mappings,
aliases, function URLs, asynchronous invoke configs, provisioned concurrency (one call per function
each) and layers (their latest version, one ListLayers for all).

ListFunctions returns each function's configuration, environment variables included: they are
never kept (no expression reads Environment). Permissions come from GetPolicy per function (the
unqualified policy; a function without one answers ResourceNotFoundException).
"""

from importer.specs.base import Call, Reference, ResourceSpec

_SOURCE_ARN = "Condition.ArnLike.\"AWS:SourceArn\" || Condition.StringEquals.\"AWS:SourceArn\""
_PRINCIPAL = "Principal.Service || Principal.AWS || Principal"
_FUNCTION = Reference("function_name", "aws_lambda_function", "FunctionName")
# A qualified function ARN's name[:qualifier]; AWS writes the unqualified config's as <name>:$LATEST.
_QUALIFIED = "trim_suffix(split_part(FunctionArn, ':function:', `1`), ':$LATEST')"
_QUALIFIER = "split_part(FunctionArn, ':', `7`)"


def _per_function(type_: str, call: Call, **spec) -> ResourceSpec:
    """A type read with one ``call`` per function (its ``FunctionName`` inherited)."""
    return ResourceSpec(type=type_, service="lambda", parent="aws_lambda_function", list=call,
                        inherit={"FunctionName": "FunctionName"}, **spec)


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
    _per_function(
        "aws_lambda_alias", Call("ListAliases", items="Aliases[]", params={"FunctionName": "=FunctionName"},
                                 absent_on=("ResourceNotFoundException",)),
        import_id="{FunctionName}/{Name}", identity={"function_name": "FunctionName", "name": "Name"},
        aliases=("AliasArn",), references=(_FUNCTION,),
        attributes={"arn": "AliasArn", "name": "Name", "function_version": "FunctionVersion"},
    ),
    _per_function(
        "aws_lambda_function_url", Call("GetFunctionUrlConfig", items="[@]", params={"FunctionName": "=FunctionName"},
                                        absent_on=("ResourceNotFoundException",)),
        import_id="{FunctionName}", identity={"function_name": "FunctionName"}, aliases=("FunctionUrl",),
        references=(_FUNCTION,),
        attributes={"function_url": "FunctionUrl", "authorization_type": "AuthType", "invoke_mode": "InvokeMode"},
        note="the unqualified URL only (an alias's URL needs the call with Qualifier per alias)",
    ),
    _per_function(
        "aws_lambda_function_event_invoke_config",
        Call("ListFunctionEventInvokeConfigs", items="FunctionEventInvokeConfigs[]",
             params={"FunctionName": "=FunctionName"}, absent_on=("ResourceNotFoundException",)),
        fields={"ConfigId": _QUALIFIED}, import_id="{ConfigId}",
        identity={"function_name": "FunctionName", "qualifier": f"split_part({_QUALIFIED}, ':', `1`)"},
        references=(_FUNCTION,
                    Reference("destination_config.on_failure.destination", "aws_sqs_queue",
                              "DestinationConfig.OnFailure.Destination")),
        attributes={"maximum_retry_attempts": "MaximumRetryAttempts",
                    "maximum_event_age_in_seconds": "MaximumEventAgeInSeconds"},
        note="one per function and qualifier; destinations may be queues, topics, functions or buses "
             "(only SQS queues are declared references yet)",
    ),
    _per_function(
        "aws_lambda_provisioned_concurrency_config",
        Call("ListProvisionedConcurrencyConfigs", items="ProvisionedConcurrencyConfigs[]",
             params={"FunctionName": "=FunctionName"}, absent_on=("ResourceNotFoundException",)),
        fields={"Qualifier": _QUALIFIER}, import_id="{FunctionName},{Qualifier}",
        identity={"function_name": "FunctionName", "qualifier": _QUALIFIER}, references=(_FUNCTION,),
        attributes={"provisioned_concurrent_executions": "RequestedProvisionedConcurrentExecutions",
                    "status": "Status"},
        note="always on an alias or a version (the qualifier)",
    ),
    ResourceSpec(
        type="aws_lambda_layer_version", service="lambda",
        list=Call("ListLayers", items="Layers[?LatestMatchingVersion].merge(LatestMatchingVersion, "
                                      "{LayerName: LayerName, LayerArn: LayerArn})"),
        import_id="{LayerVersionArn}", identity={"layer_name": "LayerName"}, aliases=("LayerVersionArn",),
        attributes={"arn": "LayerVersionArn", "layer_arn": "LayerArn", "layer_name": "LayerName",
                    "version": "Version", "compatible_runtimes": "CompatibleRuntimes"},
        note="the latest version of each layer (older versions need ListLayerVersions per layer: not read)",
    ),
)
