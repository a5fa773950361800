"""EventBridge: rules and their targets (default bus), custom event buses and their policies,
archives, connections and API destinations (one list call each for the last five).

Import IDs omit the bus on the default bus (``rule``, ``rule/target``) and carry it otherwise.
Rules another AWS service manages (``ManagedBy``) are excluded, and so their targets are never read.
A connection's auth secrets (API key, password, OAuth client secret) are never read: ListConnections
does not return them, and no detail call is made.
"""

from importer.specs.base import Call, Reference, ResourceSpec

_BUS = "EventBusName || 'default'"
_BUSES = Call("ListEventBuses", items="EventBuses[]")

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
    ResourceSpec(
        type="aws_cloudwatch_event_bus", service="events", list=_BUSES, import_id="{Name}",
        exclude="Name == 'default'", identity={"name": "Name"}, aliases=("Arn",),
        attributes={"arn": "Arn", "name": "Name", "description": "Description"},
        note="the default bus is AWS-made (excluded); partner buses are listed like custom ones",
    ),
    ResourceSpec(
        type="aws_cloudwatch_event_bus_policy", service="events", list=_BUSES, import_id="{Name}",
        exclude="!Policy", identity={"event_bus_name": "Name"},
        references=(Reference("event_bus_name", "aws_cloudwatch_event_bus", "Name"),),
        attributes={"event_bus_name": "Name"},
        note="exists only when the bus has a Policy (the default bus's too); the document is not kept",
    ),
    ResourceSpec(
        type="aws_cloudwatch_event_archive", service="events", list=Call("ListArchives", items="Archives[]"),
        import_id="{ArchiveName}", identity={"name": "ArchiveName"},
        references=(Reference("event_source_arn", "aws_cloudwatch_event_bus", "EventSourceArn"),),
        attributes={"name": "ArchiveName", "event_source_arn": "EventSourceArn", "retention_days": "RetentionDays",
                    "state": "State"},
        note="archives of the default bus point at an excluded bus: their reference stays unresolved",
    ),
    ResourceSpec(
        type="aws_cloudwatch_event_connection", service="events",
        list=Call("ListConnections", items="Connections[]"), import_id="{Name}", identity={"name": "Name"},
        aliases=("ConnectionArn",),
        attributes={"arn": "ConnectionArn", "name": "Name", "authorization_type": "AuthorizationType",
                    "state": "ConnectionState"},
        note="auth secrets are never read (import cannot restore them either: the code needs "
             "ignore_changes on them or a sensitive variable)",
    ),
    ResourceSpec(
        type="aws_cloudwatch_event_api_destination", service="events",
        list=Call("ListApiDestinations", items="ApiDestinations[]"), import_id="{Name}", identity={"name": "Name"},
        aliases=("ApiDestinationArn",),
        references=(Reference("connection_arn", "aws_cloudwatch_event_connection", "ConnectionArn"),),
        attributes={"arn": "ApiDestinationArn", "name": "Name", "invocation_endpoint": "InvocationEndpoint",
                    "http_method": "HttpMethod"},
    ),
)
