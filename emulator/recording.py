"""What reached the emulator: its request recorder, read back as (service, operation, mutating)."""

from __future__ import annotations

import base64
import json
import re
import urllib.parse
import urllib.request
from dataclasses import dataclass

from importer.discovery.session import READ_PREFIXES

_SERVICE = re.compile(r"Credential=[^/]+/[^/]+/[^/]+/([^/]+)/aws4_request")


@dataclass(frozen=True)
class RecordedCall:
    """One request the emulator received."""

    service: str
    operation: str
    method: str
    mutating: bool


def _post(endpoint: str, path: str) -> None:
    request = urllib.request.Request(f"{endpoint}/moto-api/recorder/{path}", method="POST", data=b"")
    urllib.request.urlopen(request, timeout=30).close()


def start(endpoint: str) -> None:
    """Forget earlier recordings and record every request from now on."""
    _post(endpoint, "reset-recording")
    _post(endpoint, "start-recording")


def stop_and_read(endpoint: str) -> list[RecordedCall]:
    """Stop recording and return what was recorded."""
    _post(endpoint, "stop-recording")
    with urllib.request.urlopen(f"{endpoint}/moto-api/recorder/download-recording", timeout=30) as response:
        lines = response.read().decode().splitlines()
    return [_call(json.loads(line)) for line in lines if line.strip()]


def _call(entry: dict) -> RecordedCall:
    headers = {key.lower(): value for key, value in entry.get("headers", {}).items()}
    match = _SERVICE.search(headers.get("authorization", ""))
    service = match.group(1) if match else "unknown"
    body = entry.get("body") or ""
    if entry.get("body_encoded"):
        body = base64.b64decode(body).decode(errors="replace")
    method = entry.get("method", "GET")
    operation = ""
    if "x-amz-target" in headers:
        operation = headers["x-amz-target"].rsplit(".", 1)[-1]
    elif "/operation/" in entry.get("url", ""):
        operation = entry["url"].rsplit("/operation/", 1)[1].split("?")[0]
    else:
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(entry.get("url", "")).query)
        form = urllib.parse.parse_qs(body) if isinstance(body, str) else {}
        operation = (form.get("Action") or query.get("Action") or [""])[0]
    if operation:
        mutating = not operation.startswith(READ_PREFIXES)
    else:  # REST protocols: the method says whether it writes
        operation = f"{method} {urllib.parse.urlsplit(entry.get('url', '')).path}"
        mutating = method not in ("GET", "HEAD")
    return RecordedCall(service, operation, method, mutating)
