"""Clients for discovery: explicit retry configuration, a read-only allow-list enforced on every
call (a refused call is never sent), and a counter of the calls made."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

import boto3
from botocore.config import Config

from importer.discovery.errors import ReadOnlyViolation

log = logging.getLogger(__name__)

READ_PREFIXES = ("Describe", "List", "Get")
# Read operations that return secret material: never allowed, whatever a spec says.
SECRET_READING_OPERATIONS = frozenset({
    "GetSecretValue", "BatchGetSecretValue", "GetParameter", "GetParameters", "GetParametersByPath",
    "GetParameterHistory", "Decrypt", "GenerateDataKey", "GetRandomPassword", "GetAuthorizationToken",
    "GetFunction", "GetFunctionConfiguration", "DescribeTaskDefinition", "GetKeyPolicy",
})
IDENTITY_CHECK = ("sts", "GetCallerIdentity")

# Called with (service name, client) after a client is made; registers event handlers on it.
Instrument = Callable[[str, Any], None]


def is_read_operation(operation: str) -> bool:
    """True for a Describe/List/Get operation that does not return secret material."""
    return operation.startswith(READ_PREFIXES) and operation not in SECRET_READING_OPERATIONS


class CallCounter:
    """Counts API calls (pages included) per service, thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.by_service: dict[str, int] = {}

    def add(self, service: str) -> None:
        """Count one call to ``service``."""
        with self._lock:
            self.by_service[service] = self.by_service.get(service, 0) + 1

    @property
    def total(self) -> int:
        """All calls counted so far."""
        return sum(self.by_service.values())


@dataclass
class ClientFactory:
    """Creates one guarded client per service (create them before starting threads)."""

    session: boto3.Session
    region: str
    allowed: frozenset[tuple[str, str]]
    endpoint_url: str | None = None
    retry_mode: str = "standard"
    max_attempts: int = 6
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    instruments: Iterable[Instrument] = ()
    counter: CallCounter = field(default_factory=CallCounter)
    _clients: dict[str, Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        refused = sorted(f"{s}:{o}" for s, o in self.allowed if not is_read_operation(o) and (s, o) != IDENTITY_CHECK)
        if refused:
            raise ReadOnlyViolation(f"not read-only operations cannot be allowed: {', '.join(refused)}")

    def client(self, service: str):
        """The guarded client for ``service`` (cached)."""
        if service not in self._clients:
            client = self.session.client(
                service, region_name=self.region, endpoint_url=self.endpoint_url,
                config=Config(retries={"mode": self.retry_mode, "max_attempts": self.max_attempts},
                              connect_timeout=self.connect_timeout, read_timeout=self.read_timeout,
                              max_pool_connections=32),
            )
            client.meta.events.register("before-call.*.*", self._guard(service))
            client.meta.events.register("after-call.*.*", _log_call(service))
            for instrument in self.instruments:
                instrument(service, client)
            self._clients[service] = client
        return self._clients[service]

    def _guard(self, service: str) -> Callable[..., None]:
        def check(model: Any, **_: Any) -> None:
            operation = model.name
            if (service, operation) not in self.allowed and (service, operation) != IDENTITY_CHECK:
                raise ReadOnlyViolation(f"{service}:{operation} is not on the read-only allow-list; not sent")
            self.counter.add(service)

        return check


def _log_call(service: str) -> Callable[..., None]:
    """Log each answered call (DEBUG) and the calls botocore had to retry (INFO); never a value."""
    def logged(model: Any, parsed: Any = None, **_: Any) -> None:
        metadata = parsed.get("ResponseMetadata", {}) if isinstance(parsed, dict) else {}
        retries = metadata.get("RetryAttempts", 0)
        code = parsed.get("Error", {}).get("Code") if isinstance(parsed, dict) else None
        outcome = f"{code}" if code else f"HTTP {metadata.get('HTTPStatusCode', '?')}"
        if retries:
            log.info("call %s:%s: %s after %d retries", service, model.name, outcome, retries)
        else:
            log.debug("call %s:%s: %s", service, model.name, outcome)

    return logged
