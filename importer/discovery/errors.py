"""Typed discovery errors: what stops the run, and what only makes it incomplete."""

from __future__ import annotations

from dataclasses import dataclass

ACCESS_DENIED_CODES = frozenset({
    "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError",
    "AuthorizationErrorException", "UnrecognizedClientException", "InvalidClientTokenId",
})


class DiscoveryAborted(RuntimeError):
    """The account cannot be read at all (no credentials, unknown region, unreachable endpoint)."""


class ReadOnlyViolation(RuntimeError):
    """A non-read operation was attempted through the discovery session; it was not sent."""


@dataclass(frozen=True)
class ReadFailure:
    """One call that could not be read: the run completes but is marked incomplete."""

    service: str
    operation: str
    code: str
    message: str
    spec: str

    @property
    def denied(self) -> bool:
        """True when the caller lacks permission (as opposed to a server error)."""
        return self.code in ACCESS_DENIED_CODES
