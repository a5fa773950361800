"""RDS ``DescribeDBParameters`` marks each parameter with its ``Source`` (``user`` for values set
with ``ModifyDBParameterGroup``/``CreateDBParameterGroup``, ``system`` or ``engine-default``
otherwise) and honours the ``Source`` request filter. The emulator returned the modified
parameters without any ``Source``, so provider 5.100, which keeps only ``user`` parameters (and
configured ones that carry a source), read back no parameters and planned to add every
``parameter`` block of ``aws_db_parameter_group`` again on each plan."""

from __future__ import annotations

from typing import Any


def apply() -> None:
    """Stamp modified parameters ``Source: user`` and filter ``DescribeDBParameters`` by source."""
    from moto.core.responses import ActionResult
    from moto.rds.exceptions import DBParameterGroupNotFoundError
    from moto.rds.models import DBParameterGroup
    from moto.rds.responses import RDSResponse

    original_update = DBParameterGroup.update_parameters

    def update_parameters(self: Any, new_parameters: Any) -> None:
        stamped = [dict(parameter, Source=parameter.get("Source") or "user") for parameter in new_parameters]
        original_update(self, stamped)

    def describe_db_parameters(self: Any) -> ActionResult:
        name = self.params.get("DBParameterGroupName")
        groups = self.backend.describe_db_parameter_groups({"db_parameter_group_name": name})
        if not groups:
            raise DBParameterGroupNotFoundError(name)
        source = self.params.get("Source")
        parameters = [
            parameter for parameter in groups[0].parameters.values()
            if source is None or parameter.get("Source", "engine-default") == source
        ]
        return ActionResult({"Parameters": parameters})

    DBParameterGroup.update_parameters = update_parameters
    RDSResponse.describe_db_parameters = describe_db_parameters
