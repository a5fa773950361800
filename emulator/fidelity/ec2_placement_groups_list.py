"""DescribePlacementGroups answers the account's placement groups, as in AWS; the emulator did not implement the
call (HTTP 500), so discovering every type failed on it. It cannot create placement groups either
(CreatePlacementGroup is not implemented), so the answer is always the empty list: aws_placement_group is
proven by unit tests on AWS's answers (tests/unit/test_stubbed_network_types.py)."""

from __future__ import annotations

from typing import Any


def apply() -> None:
    """Answer the empty list of placement groups."""
    from moto.core.responses import ActionResult
    from moto.ec2.responses import EC2Response

    def describe_placement_groups(self: Any) -> Any:
        self.error_on_dryrun()
        return ActionResult({"PlacementGroups": []})

    EC2Response.describe_placement_groups = describe_placement_groups
