"""API Gateway v2 leaves ``mutualTlsAuthentication`` out of a custom domain name that has no mutual TLS; the
emulator answered it empty, and provider 5.100 then read a ``mutual_tls_authentication`` block of nulls and
planned an update against code that sets none."""

from __future__ import annotations

from typing import Any


def apply() -> None:
    """Answer the mutual TLS settings only when a truststore is set, as AWS does."""
    from moto.apigatewayv2.models import DomainName

    original = DomainName.to_json

    def to_json(self: Any) -> dict[str, Any]:
        result = original(self)
        if not (result.get("mutualTlsAuthentication") or {}).get("truststoreUri"):
            result.pop("mutualTlsAuthentication", None)
        return result

    DomainName.to_json = to_json
