"""Cognito's ListUserPoolClients answers each client's ID, name and pool only; the emulator also answered
the client secret of clients that have one. Discovery reads that list, and must never receive a secret."""

from __future__ import annotations

from typing import Any


def apply() -> None:
    """Keep ClientSecret to the full description (create, describe, update), as AWS does."""
    from moto.cognitoidp.models import CognitoIdpUserPoolClient

    original = CognitoIdpUserPoolClient.to_json

    def to_json(self: Any, extended: bool = False) -> dict[str, Any]:
        result = original(self, extended)
        if not extended:
            result.pop("ClientSecret", None)
        return result

    CognitoIdpUserPoolClient.to_json = to_json
