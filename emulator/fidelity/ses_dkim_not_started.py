"""SES reports Easy DKIM only for domains where it was set up (``VerifyDomainDkim``): any other
identity answers ``DkimEnabled: false``, ``DkimVerificationStatus: NotStarted`` and no tokens. The
emulator answered every domain as DKIM-enabled and verified, so a domain identity alone looked like an
``aws_ses_domain_dkim`` too."""

from __future__ import annotations

from typing import Any


def apply() -> None:
    """Remember the domains VerifyDomainDkim was called for; report the others as not started."""
    from moto.ses import models, responses

    backend_class = models.SESBackend
    original_verify = responses.EmailResponse.verify_domain_dkim
    original_attributes = backend_class.get_identity_dkim_attributes
    original_delete = backend_class.delete_identity

    def dkim_domains(backend: Any) -> set[str]:
        if not hasattr(backend, "dkim_domains"):
            backend.dkim_domains = set()
        return backend.dkim_domains

    def verify_domain_dkim(self: Any) -> Any:
        result = original_verify(self)
        dkim_domains(self.backend).add(self._get_param("Domain"))
        return result

    def get_identity_dkim_attributes(self: Any, identities: list[str]) -> dict[str, dict[str, Any]]:
        result = original_attributes(self, identities)
        for identity, attributes in result.items():
            if identity not in dkim_domains(self):
                attributes.update({"DkimEnabled": False, "DkimVerificationStatus": "NotStarted"})
                attributes.pop("DkimTokens", None)
        return result

    def delete_identity(self: Any, identity: str) -> None:
        original_delete(self, identity)
        dkim_domains(self).discard(identity)

    responses.EmailResponse.verify_domain_dkim = verify_domain_dkim
    backend_class.get_identity_dkim_attributes = get_identity_dkim_attributes
    backend_class.delete_identity = delete_identity
