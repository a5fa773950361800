"""Auto Scaling groups answer ``CapacityReservationSpecification`` (``CapacityReservationPreference``
"default" unless set), as in AWS; the emulator left it out, so provider 5.100 read the block back empty
and planned an update after every import of a group."""

from __future__ import annotations

from typing import Any

_DEFAULT = {"CapacityReservationPreference": "default"}


def apply() -> None:
    """The group's specification as given at creation or update, else AWS's default."""
    from moto.autoscaling.models import FakeAutoScalingGroup

    def get(self: Any) -> dict:
        return self.__dict__.get("_capacity_reservation_specification") or dict(_DEFAULT)

    def set_(self: Any, value: Any) -> None:
        self.__dict__["_capacity_reservation_specification"] = value

    FakeAutoScalingGroup.capacity_reservation_specification = property(get, set_)
