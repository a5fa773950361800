"""A listener's ``Certificates`` in DescribeListeners (and Create/ModifyListener) is its default certificate
only, as in AWS; the certificates added with AddListenerCertificates are listed by DescribeListenerCertificates.
The emulator listed them all on the listener, so provider 5.100 (which reads ``certificate_arn`` only when the
listener has exactly one) read a listener with an extra certificate back without its certificate_arn."""

from __future__ import annotations

from typing import Any

_PATHS = ("CreateListenerOutput", "DescribeListenersOutput", "ModifyListenerOutput")


def apply() -> None:
    """Answer the first (default) certificate of the listener's list only."""
    from moto.elbv2.responses import ELBV2Response

    def default_certificate(data: list[str]) -> Any:
        return [{"CertificateArn": cert} for cert in data[:1]] or None

    for output in _PATHS:
        ELBV2Response.RESPONSE_KEY_PATH_TO_TRANSFORMER[f"{output}.Listeners.Listener.Certificates"] = \
            default_certificate
