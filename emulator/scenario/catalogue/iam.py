"""IAM: a user, two groups, the user's memberships and an instance profile."""

from __future__ import annotations

import json

from emulator.scenario.catalogue.shared import once
from emulator.scenario.context import BuildContext


def _user(ctx: BuildContext) -> None:
    once(ctx, "user:cat-deployer", lambda: (ctx.client("iam").create_user(UserName="cat-deployer"),
                                             ctx.record("aws_iam_user", "cat-deployer", None)))


def _groups(ctx: BuildContext) -> None:
    def make() -> None:
        for name in ("cat-deployers", "cat-readers"):
            ctx.client("iam").create_group(GroupName=name)
            ctx.record("aws_iam_group", name, None)
    once(ctx, "groups", make)


def iam_user_group_membership(ctx: BuildContext) -> None:
    """cat-deployer belongs to cat-deployers and cat-readers."""
    _user(ctx)
    _groups(ctx)
    for group in ("cat-deployers", "cat-readers"):
        ctx.client("iam").add_user_to_group(UserName="cat-deployer", GroupName=group)
    ctx.record("aws_iam_user_group_membership", "cat-deployer/cat-deployers/cat-readers", None)


def iam_instance_profile(ctx: BuildContext) -> None:
    """cat-web-instance: the profile EC2 instances of cat-web start with, holding its role."""
    iam = ctx.client("iam")
    iam.create_role(RoleName="cat-web-instance", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                "Principal": {"Service": "ec2.amazonaws.com"}}]}))
    iam.create_instance_profile(InstanceProfileName="cat-web-instance")
    iam.add_role_to_instance_profile(InstanceProfileName="cat-web-instance", RoleName="cat-web-instance")
    ctx.record("aws_iam_role", "cat-web-instance", None)
    ctx.record("aws_iam_instance_profile", "cat-web-instance", None)


BUILDERS = {
    "aws_iam_user": _user,
    "aws_iam_group": _groups,
    "aws_iam_user_group_membership": iam_user_group_membership,
    "aws_iam_instance_profile": iam_instance_profile,
}
