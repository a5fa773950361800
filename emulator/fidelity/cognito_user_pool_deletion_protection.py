"""Cognito answers a user pool's ``DeletionProtection`` (``INACTIVE`` unless it was turned on) in
DescribeUserPool; the emulator left it out, and provider 5.100 then planned ``deletion_protection``
from "" to its default "INACTIVE" after every import."""

from __future__ import annotations

from typing import Any


def apply() -> None:
    """Answer DeletionProtection INACTIVE for a pool created without it, as AWS does."""
    from moto.cognitoidp.models import CognitoIdpUserPool

    original = CognitoIdpUserPool.to_json

    def to_json(self: Any, extended: bool = False) -> dict[str, Any]:
        result = original(self, extended)
        if extended:
            result.setdefault("DeletionProtection", "INACTIVE")
        return result

    CognitoIdpUserPool.to_json = to_json
