"""Network interfaces that AWS services create for themselves (NAT gateways, load balancers, ECS tasks, EFS
mount targets, Resolver endpoints...) are requester-managed in AWS (``RequesterManaged: true``); the emulator
described every interface as made by the account, so discovery took a NAT gateway's interface (and its EIP
association) for something the user made. Interfaces made through the EC2 API itself (CreateNetworkInterface,
RunInstances) stay the account's."""

from __future__ import annotations

import threading
from typing import Any, Callable

_BY_ACCOUNT = threading.local()


def _made_by_the_account(method: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        _BY_ACCOUNT.depth = getattr(_BY_ACCOUNT, "depth", 0) + 1
        try:
            return method(self, *args, **kwargs)
        finally:
            _BY_ACCOUNT.depth -= 1
    return wrapper


def apply() -> None:
    """Mark interfaces created outside the EC2 API's own calls as requester-managed."""
    from moto.ec2.models.elastic_network_interfaces import NetworkInterfaceBackend
    from moto.ec2.responses.elastic_network_interfaces import ElasticNetworkInterfaces
    from moto.ec2.responses.instances import InstanceResponse

    original = NetworkInterfaceBackend.create_network_interface

    def create_network_interface(self: Any, *args: Any, **kwargs: Any) -> Any:
        interface = original(self, *args, **kwargs)
        if not getattr(_BY_ACCOUNT, "depth", 0):
            interface.requester_managed = True
        return interface

    NetworkInterfaceBackend.create_network_interface = create_network_interface
    ElasticNetworkInterfaces.create_network_interface = _made_by_the_account(
        ElasticNetworkInterfaces.create_network_interface)
    InstanceResponse.run_instances = _made_by_the_account(InstanceResponse.run_instances)
