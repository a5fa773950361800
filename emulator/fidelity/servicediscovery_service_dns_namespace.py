"""A Cloud Map service's ``DnsConfig.NamespaceId``.

AWS: ``GetService`` of a service with DNS records returns ``DnsConfig.NamespaceId`` (the namespace it was
created in; the request may leave it out and give ``NamespaceId`` at the top level, as the console and the
provider do). The provider reads ``dns_config.namespace_id`` from it. moto returned the ``DnsConfig`` as sent,
without ``NamespaceId``, so an imported service planned a replacement (namespace_id "" -> ns-...).
"""

from __future__ import annotations

from typing import Any


def apply() -> None:
    """Fill DnsConfig.NamespaceId from the service's namespace."""
    from moto.servicediscovery.models import Service

    original = Service.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        if self.dns_config is not None and not self.dns_config.get("NamespaceId"):
            self.dns_config = {**self.dns_config, "NamespaceId": self.namespace_id}

    Service.__init__ = init
