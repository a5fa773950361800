"""CloudWatch: metric alarms, composite alarms (one DescribeAlarms call per alarm type) and dashboards."""

from importer.specs.base import Call, Reference, ResourceSpec


def _dimension(name: str) -> str:
    return f"Dimensions[?Name=='{name}'].Value | [0]"


SPECS = (
    ResourceSpec(
        type="aws_cloudwatch_metric_alarm", service="cloudwatch",
        list=Call("DescribeAlarms", items="MetricAlarms[]", params={"AlarmTypes": ["MetricAlarm"], "MaxRecords": 100}),
        import_id="{AlarmName}",
        # Target tracking scaling policies create and own their alarms ("DO NOT EDIT OR DELETE").
        exclude="starts_with(AlarmName, 'TargetTracking-')",
        identity={"alarm_name": "AlarmName"}, aliases=("AlarmArn",),
        references=(
            Reference("alarm_actions", "aws_sns_topic", "AlarmActions"),
            Reference("ok_actions", "aws_sns_topic", "OKActions"),
            Reference("insufficient_data_actions", "aws_sns_topic", "InsufficientDataActions"),
            # Dimensions whose value is one of the target's identifiers (import ID or alias). ServiceName
            # (an ECS service's bare name) and WebACL (a web ACL's name) are not, so they are left out:
            # a reference that can never resolve would rule the right alarm out.
            Reference("dimensions.QueueName", "aws_sqs_queue", _dimension("QueueName")),
            Reference("dimensions.DBInstanceIdentifier", "aws_db_instance", _dimension("DBInstanceIdentifier")),
            Reference("dimensions.FunctionName", "aws_lambda_function", _dimension("FunctionName")),
            Reference("dimensions.ClusterName", "aws_ecs_cluster", _dimension("ClusterName")),
            Reference("dimensions.LoadBalancer", "aws_lb", _dimension("LoadBalancer")),
            Reference("dimensions.TargetGroup", "aws_lb_target_group", _dimension("TargetGroup")),
        ),
        attributes={
            "alarm_name": "AlarmName", "namespace": "Namespace", "metric_name": "MetricName",
            "statistic": "Statistic", "comparison_operator": "ComparisonOperator", "threshold": "Threshold",
            "period": "Period", "evaluation_periods": "EvaluationPeriods", "treat_missing_data": "TreatMissingData",
            "actions_enabled": "ActionsEnabled",
        },
        note="TargetTracking-* alarms belong to Application Auto Scaling target tracking policies",
    ),
    ResourceSpec(
        type="aws_cloudwatch_dashboard", service="cloudwatch",
        list=Call("ListDashboards", items="DashboardEntries[]"),
        import_id="{DashboardName}", identity={"dashboard_name": "DashboardName"}, aliases=("DashboardArn",),
        attributes={"dashboard_name": "DashboardName", "dashboard_arn": "DashboardArn"},
        note="the dashboard body (GetDashboard) is not read: the name is its identity",
    ),
    ResourceSpec(
        type="aws_cloudwatch_composite_alarm", service="cloudwatch",
        list=Call("DescribeAlarms", items="CompositeAlarms[]", params={"AlarmTypes": ["CompositeAlarm"], "MaxRecords": 100}),
        import_id="{AlarmName}", identity={"alarm_name": "AlarmName"}, aliases=("AlarmArn",),
        references=(
            Reference("alarm_actions", "aws_sns_topic", "AlarmActions"),
            Reference("ok_actions", "aws_sns_topic", "OKActions"),
            Reference("insufficient_data_actions", "aws_sns_topic", "InsufficientDataActions"),
        ),
        attributes={"alarm_name": "AlarmName", "alarm_rule": "AlarmRule", "actions_enabled": "ActionsEnabled"},
    ),
)
