"""Step Functions state machines and activities: one list call each (the definition is never read)."""

from importer.specs.base import Call, ResourceSpec

SPECS = (
    ResourceSpec(
        type="aws_sfn_state_machine", service="stepfunctions",
        list=Call("ListStateMachines", items="stateMachines[]"), import_id="{stateMachineArn}",
        identity={"name": "name"}, aliases=("name",),
        attributes={"arn": "stateMachineArn", "name": "name", "type": "type"},
        note="the role and the resources the definition calls need DescribeStateMachine per machine: not read",
    ),
    ResourceSpec(
        type="aws_sfn_activity", service="stepfunctions", list=Call("ListActivities", items="activities[]"),
        import_id="{activityArn}", identity={"name": "name"}, aliases=("name",),
        attributes={"arn": "activityArn", "name": "name"},
    ),
)
