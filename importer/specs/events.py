"""EventBridge (default event bus): rules and their targets.

Import IDs omit the bus on the default bus (``rule``, ``rule/target``) and carry it otherwise.
Rules another AWS service manages (``ManagedBy``) are excluded, and so their targets are never read.
"""

from importer.specs.base import Call, Reference, ResourceSpec

_BUS = "EventBusName || 'default'"

SPECS = (
    ResourceSpec(
        type="aws_cloudwatch_event_rule", service="events", list=Call("ListRules", items="Rules[]"),
        fields={"RuleId": f"({_BUS}) == 'default' && Name || join('/', [EventBusName, Name])"},
        import_id="{RuleId}", exclude="ManagedBy", identity={"name": "Name"}, aliases=("Arn", "Name"),
        references=(Reference("role_arn", "aws_iam_role", "RoleArn"),),
        attributes={"arn": "Arn", "name": "Name", "schedule_expression": "ScheduleExpression",
                    "event_pattern": "EventPattern", "state": "State", "description": "Description",
                    "event_bus_name": _BUS},
        note="default event bus only; rules with ManagedBy belong to the AWS service that created them",
    ),
    ResourceSpec(
        type="aws_cloudwatch_event_target", service="events", parent="aws_cloudwatch_event_rule",
        list=Call("ListTargetsByRule", items="Targets[]", params={"Rule": "=Name", "EventBusName": f"={_BUS}"}),
        inherit={"Rule": "Name", "EventBusName": _BUS},
        fields={"TargetId": "EventBusName == 'default' && join('/', [Rule, Id]) "
                            "|| join('/', [EventBusName, Rule, Id])"},
        import_id="{TargetId}", identity={"rule": "Rule", "target_id": "Id"},
        # Terraform's own id of a target is <rule>-<target id>.
        aliases=("join('-', [Rule, Id])",),
        references=(Reference("rule", "aws_cloudwatch_event_rule", "Rule"),
                    Reference("arn", "aws_lambda_function", "Arn"),
                    Reference("role_arn", "aws_iam_role", "RoleArn")),
        attributes={"target_id": "Id", "arn": "Arn"},
        note="Input and InputTransformer are not kept; arn may point at other types than functions",
    ),
)
