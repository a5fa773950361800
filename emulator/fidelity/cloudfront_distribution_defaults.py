"""Two CloudFront distribution defaults moto invents.

AWS: a cache behavior that names a cache policy (``CachePolicyId``) has no ``ForwardedValues`` (the legacy
cache settings) in ``GetDistribution``; a viewer certificate that is CloudFront's default certificate has no
``SSLSupportMethod``. moto answered ``ForwardedValues`` (cookies none, no query string) for every behavior
and ``SSLSupportMethod: sni-only`` for every certificate, so an imported distribution written with a cache
policy and the default certificate planned an update (forwarded_values added, ssl_support_method removed).
"""

from __future__ import annotations

from typing import Any


def apply() -> None:
    """Drop the invented ForwardedValues and SSLSupportMethod."""
    from moto.cloudfront import models

    behaviour_init = models.DefaultCacheBehaviour.__init__
    certificate_init = models.ViewerCertificate.__init__

    def behaviour(self: Any, config: dict[str, Any]) -> None:
        behaviour_init(self, config)
        if config.get("CachePolicyId") and not config.get("ForwardedValues"):
            self.forwarded_values = None

    def certificate(self: Any, config: dict[str, Any]) -> None:
        certificate_init(self, config)
        if not config.get("SSLSupportMethod") and not config.get("ACMCertificateArn") \
                and not config.get("IAMCertificateId"):
            self.ssl_support_method = None

    models.DefaultCacheBehaviour.__init__ = behaviour
    models.ViewerCertificate.__init__ = certificate
