"""CloudWatch Logs: log groups, their metric and subscription filters, account resource policies and
saved Logs Insights queries.

Metric filters, resource policies and saved queries come from one account-wide call each; subscription filters
only from ``DescribeSubscriptionFilters`` per log group (the API has no account-wide listing).
"""

from importer.specs.base import Call, Reference, ResourceSpec

SPECS = (
    ResourceSpec(
        type="aws_cloudwatch_log_group", service="logs",
        list=Call("DescribeLogGroups", items="logGroups[]", params={"limit": 50}),
        import_id="{logGroupName}", identity={"name": "logGroupName"},
        # logGroupArn has no ':*' (what flow logs and WAF logging point at); arn has it.
        aliases=("logGroupArn || trim_suffix(arn, ':*')", "arn"),
        references=(Reference("kms_key_id", "aws_kms_key", "kmsKeyId"),),
        attributes={"name": "logGroupName", "arn": "logGroupArn || trim_suffix(arn, ':*')", "retention_in_days": "retentionInDays", "log_group_class": "logGroupClass"},
    ),
    ResourceSpec(
        type="aws_cloudwatch_log_metric_filter", service="logs",
        list=Call("DescribeMetricFilters", items="metricFilters[]", params={"limit": 50}),
        import_id="{logGroupName}:{filterName}", identity={"name": "filterName", "log_group_name": "logGroupName"},
        references=(Reference("log_group_name", "aws_cloudwatch_log_group", "logGroupName"),),
        attributes={"name": "filterName", "log_group_name": "logGroupName", "pattern": "filterPattern"},
    ),
    ResourceSpec(
        type="aws_cloudwatch_log_subscription_filter", service="logs", parent="aws_cloudwatch_log_group",
        list=Call("DescribeSubscriptionFilters", items="subscriptionFilters[]",
                  params={"logGroupName": "=logGroupName"}, absent_on=("ResourceNotFoundException",)),
        import_id="{logGroupName}|{filterName}", identity={"name": "filterName", "log_group_name": "logGroupName"},
        references=(Reference("log_group_name", "aws_cloudwatch_log_group", "logGroupName"),),
        attributes={"name": "filterName", "log_group_name": "logGroupName", "destination_arn": "destinationArn",
                    "filter_pattern": "filterPattern", "distribution": "distribution"},
        note="one DescribeSubscriptionFilters per log group: the API lists them per group only",
    ),
    ResourceSpec(
        type="aws_cloudwatch_log_resource_policy", service="logs",
        list=Call("DescribeResourcePolicies", items="resourcePolicies[]", params={"limit": 50}),
        import_id="{policyName}", identity={"policy_name": "policyName"},
        # Log delivery (vended logs) writes its own account policy when a service is first pointed at a group.
        exclude="starts_with(policyName, 'AWSLogDeliveryWrite')",
        attributes={"policy_name": "policyName"},
        note="AWSLogDeliveryWrite* policies are the ones AWS log delivery creates; the document is not kept",
    ),
    ResourceSpec(
        type="aws_cloudwatch_query_definition", service="logs",
        list=Call("DescribeQueryDefinitions", items="queryDefinitions[]", params={"maxResults": 1000}),
        inherit={"Region": "_region", "AccountId": "_account"},
        # The provider imports a saved query by its ARN (partition aws: GovCloud and China would differ).
        import_id="arn:aws:logs:{Region}:{AccountId}:query-definition:{queryDefinitionId}",
        identity={"name": "name"}, aliases=("queryDefinitionId",),
        references=(Reference("log_group_names", "aws_cloudwatch_log_group", "logGroupNames"),),
        attributes={"name": "name", "query_string": "queryString"},
    ),
)
