"""A NAT gateway created without ``ConnectivityType`` is ``public`` in AWS; the emulator stores
no type at all, and provider 5.100 then plans a replacement (``connectivity_type`` forces new)."""

from __future__ import annotations

from typing import Any


def apply() -> None:
    """Default a missing connectivity type to ``public``, as AWS does."""
    from moto.ec2.models.nat_gateways import NatGatewayBackend

    original = NatGatewayBackend.create_nat_gateway

    def create_nat_gateway(self: Any, subnet_id: str, allocation_id: str, tags: Any = None,
                           connectivity_type: str | None = "public") -> Any:
        return original(self, subnet_id, allocation_id, tags, connectivity_type or "public")

    NatGatewayBackend.create_nat_gateway = create_nat_gateway
