"""RDS ``DescribeDBClusters`` returns ``ScalingConfigurationInfo`` only for Aurora Serverless v1 clusters
(``EngineMode: serverless``). The emulator returned it, empty, for every cluster, so provider 5.100 read a
``scaling_configuration`` block of nulls on a provisioned cluster and planned an update after each import."""

from __future__ import annotations

from typing import Any


def apply() -> None:
    """Leave ``ScalingConfigurationInfo`` out unless the cluster has a scaling configuration."""
    from moto.rds.models import DBCluster

    original = DBCluster.scaling_configuration_info

    def scaling_configuration_info(self: Any) -> dict[str, Any] | None:
        return original.fget(self) if self.scaling_configuration else None

    DBCluster.scaling_configuration_info = property(scaling_configuration_info)
