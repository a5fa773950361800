"""ELBv2 defaults that AWS fills in and the emulator leaves out.

- ``DescribeLoadBalancerAttributes`` on an application load balancer returns every attribute
  with its default (idle timeout 60, HTTP/2 on, desync mitigation "defensive", client
  keep-alive 3600, ...); the emulator returns only the few that were set.
- A redirect action created without ``Host``/``Path``/``Query`` comes back from AWS with the
  defaults ``#{host}``, ``/#{path}`` and ``#{query}``; the emulator returns them empty.
Without these, adopting a load balancer or listener made with the CLI plans spurious updates.
"""

from __future__ import annotations

from typing import Any

APPLICATION_DEFAULTS = {
    "access_logs.s3.enabled": "false",
    "access_logs.s3.bucket": "",
    "access_logs.s3.prefix": "",
    "connection_logs.s3.enabled": "false",
    "connection_logs.s3.bucket": "",
    "connection_logs.s3.prefix": "",
    "client_keep_alive.seconds": "3600",
    "deletion_protection.enabled": "false",
    "idle_timeout.timeout_seconds": "60",
    "load_balancing.cross_zone.enabled": "true",
    "routing.http.desync_mitigation_mode": "defensive",
    "routing.http.drop_invalid_header_fields.enabled": "false",
    "routing.http.preserve_host_header.enabled": "false",
    "routing.http.x_amzn_tls_version_and_cipher_suite.enabled": "false",
    "routing.http.xff_client_port.enabled": "false",
    "routing.http.xff_header_processing.mode": "append",
    "routing.http2.enabled": "true",
    "waf.fail_open.enabled": "false",
    "zonal_shift.config.enabled": "false",
}
REDIRECT_DEFAULTS = {"Host": "#{host}", "Path": "/#{path}", "Query": "#{query}"}


def apply() -> None:
    """Seed application load balancers with AWS's attribute defaults; complete redirect configs."""
    from moto.elbv2 import models

    original_balancer_init = models.FakeLoadBalancer.__init__

    def balancer_init(self: Any, *args: Any, **kwargs: Any) -> None:
        original_balancer_init(self, *args, **kwargs)
        if self.type == "application":
            self.attrs = {**APPLICATION_DEFAULTS, **self.attrs, "load_balancing.cross_zone.enabled": "true"}

    original_action_init = models.FakeAction.__init__

    def action_init(self: Any, data: dict[str, Any]) -> None:
        redirect = data.get("RedirectConfig")
        if isinstance(redirect, dict):
            for key, value in REDIRECT_DEFAULTS.items():
                if not redirect.get(key):
                    redirect[key] = value
        original_action_init(self, data)

    models.FakeLoadBalancer.__init__ = balancer_init
    models.FakeAction.__init__ = action_init
