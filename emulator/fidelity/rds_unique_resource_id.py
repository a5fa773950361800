"""Every RDS instance in the emulator gets the same ``DbiResourceId``; in AWS each one is unique.
Provider 5.100 reads an instance by that ID (``dbi-resource-id`` filter), so with two instances in
one account (prod and a staging copy) it finds both and reports the resource as missing."""

from __future__ import annotations

import string
from typing import Any


def apply() -> None:
    """Give each new DB instance its own resource ID (deterministic when the emulator is seeded)."""
    from moto.moto_api._internal import mock_random
    from moto.rds.models import DBInstance

    original = DBInstance.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        alphabet = string.ascii_uppercase + string.digits
        self.dbi_resource_id = "db-" + "".join(mock_random.choice(alphabet) for _ in range(26))

    DBInstance.__init__ = init
