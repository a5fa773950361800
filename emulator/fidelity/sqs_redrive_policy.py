"""SQS returns ``RedrivePolicy`` with spaces after the JSON separators; AWS returns compact
JSON, and provider 5.100 plans an in-place update against ``jsonencode(...)`` when they differ."""

from __future__ import annotations

import json
from typing import Any


def apply() -> None:
    """Serialize the stored redrive policy compactly, as AWS does."""
    from moto.sqs.models import Queue

    original = Queue.attributes.fget

    def attributes(self: Any) -> dict[str, Any]:
        result = original(self)
        if self.redrive_policy:
            result["RedrivePolicy"] = json.dumps(self.redrive_policy, separators=(",", ":"))
        return result

    Queue.attributes = property(attributes)
