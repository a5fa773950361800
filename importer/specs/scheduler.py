"""EventBridge Scheduler: schedule groups and schedules (one list call each).

ListSchedules returns every group's schedules with their group name and target ARN; the target's
role and input need GetSchedule per schedule and are not read.
"""

from importer.specs.base import Call, Reference, ResourceSpec

SPECS = (
    ResourceSpec(
        type="aws_scheduler_schedule_group", service="scheduler",
        list=Call("ListScheduleGroups", items="ScheduleGroups[]"), import_id="{Name}",
        exclude="Name == 'default'", identity={"name": "Name"}, aliases=("Arn",),
        attributes={"arn": "Arn", "name": "Name", "state": "State"},
        note="the default group is AWS-made (excluded)",
    ),
    ResourceSpec(
        type="aws_scheduler_schedule", service="scheduler", list=Call("ListSchedules", items="Schedules[]"),
        import_id="{GroupName}/{Name}", identity={"group_name": "GroupName", "name": "Name"}, aliases=("Arn",),
        references=(Reference("group_name", "aws_scheduler_schedule_group", "GroupName"),
                    Reference("target.arn", "aws_sqs_queue", "Target.Arn")),
        attributes={"arn": "Arn", "name": "Name", "group_name": "GroupName", "state": "State",
                    "target_arn": "Target.Arn"},
        note="schedules of the default group are listed too; target.arn may point at any service "
             "(only SQS queues are declared references yet); target role and input are not read",
    ),
)
