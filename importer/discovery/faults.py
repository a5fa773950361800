"""Injected latency and errors for tests and benchmarks: each instrument registers botocore
event handlers on a client; an injected error is a real HTTP error response in the service's
own protocol, so botocore parses and retries it exactly as it would one from AWS."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

from botocore.awsrequest import AWSResponse

from importer.discovery.session import Instrument


class _Body:
    def __init__(self, content: bytes) -> None:
        self._content = content

    def stream(self, **_: Any):
        yield self._content


def _protocol(client: Any) -> str:
    """The protocol the client really speaks (a model may list several)."""
    model = client.meta.service_model
    return getattr(model, "resolved_protocol", None) or model.protocol


def _cbor_text(text: str) -> bytes:
    data = text.encode()
    if len(data) < 24:
        return bytes([0x60 | len(data)]) + data
    if len(data) < 256:
        return bytes([0x78, len(data)]) + data
    return bytes([0x79]) + len(data).to_bytes(2, "big") + data


def error_body(protocol: str, code: str, message: str) -> tuple[dict[str, str], bytes]:
    """Headers and body of an error response in ``protocol``."""
    if protocol in ("json", "rest-json"):
        return ({"Content-Type": "application/x-amz-json-1.1", "x-amzn-ErrorType": code},
                json.dumps({"__type": code, "message": message}).encode())
    if protocol == "smithy-rpc-v2-cbor":
        body = bytes([0xA2]) + _cbor_text("__type") + _cbor_text(code) + _cbor_text("message") + _cbor_text(message)
        return {"Content-Type": "application/cbor", "smithy-protocol": "rpc-v2-cbor"}, body
    if protocol == "ec2":
        return ({"Content-Type": "text/xml"}, (
            f"<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors>"
            "<RequestID>injected</RequestID></Response>").encode())
    return ({"Content-Type": "text/xml"}, (
        f"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>"
        "<RequestId>injected</RequestId></ErrorResponse>").encode())


def latency(seconds: float) -> Instrument:
    """Every HTTP attempt waits ``seconds`` before it is sent (a remote region's round trip)."""
    def instrument(service: str, client: Any) -> None:
        client.meta.events.register("before-send", lambda **_: time.sleep(seconds))
    return instrument


def failing(services: set[str], code: str, status: int, message: str = "injected failure") -> Instrument:
    """Every call to ``services`` answers ``status``/``code`` (e.g. 403 AccessDenied, 500 InternalError)."""
    def instrument(service: str, client: Any) -> None:
        if service not in services:
            return
        headers, body = error_body(_protocol(client), code, message)

        def respond(request: Any, **_: Any) -> AWSResponse:
            return AWSResponse(request.url, status, headers, _Body(body))

        client.meta.events.register("before-send", respond)
    return instrument


class Throttling:
    """Answers the first attempt of every ``every``-th distinct request with HTTP 400 Throttling;
    the retry of a throttled request goes through. Counts what it throttled."""

    def __init__(self, every: int = 3) -> None:
        self.every = every
        self.throttled = 0
        self._seen: dict[str, int] = {}
        self._lock = threading.Lock()

    def __call__(self, service: str, client: Any) -> None:
        codes = {"json": "ThrottlingException", "rest-json": "ThrottlingException",
                 "smithy-rpc-v2-cbor": "ThrottlingException"}
        protocol = _protocol(client)
        headers, body = error_body(protocol, codes.get(protocol, "Throttling"), "Rate exceeded")

        def respond(request: Any, **_: Any) -> AWSResponse | None:
            # botocore keeps one invocation ID across the retries of a call
            key = request.headers.get("amz-sdk-invocation-id") or f"{request.url} {request.body!r}"
            with self._lock:
                attempt = self._seen.get(key, 0)
                self._seen[key] = attempt + 1
                throttle = attempt == 0 and len(self._seen) % self.every == 0
                if throttle:
                    self.throttled += 1
            return AWSResponse(request.url, 400, headers, _Body(body)) if throttle else None

        client.meta.events.register("before-send", respond)
