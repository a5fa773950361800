"""SQS keeps ``RedriveAllowPolicy`` and returns it (compact JSON, as AWS does); the emulator
stored it but never returned it, and refused it as an attribute name in GetQueueAttributes, so
provider 5.100 retried for minutes reading ``aws_sqs_queue_redrive_allow_policy``."""

from __future__ import annotations

import json
from typing import Any

NAME = "RedriveAllowPolicy"


def apply() -> None:
    """Accept the attribute name and return the stored policy when there is one."""
    from moto.sqs.models import Queue

    if NAME not in Queue.BASE_ATTRIBUTES:
        Queue.BASE_ATTRIBUTES = [*Queue.BASE_ATTRIBUTES, NAME]
    Queue.redrive_allow_policy = None  # class default: a queue never given one has none
    original = Queue.attributes.fget

    def attributes(self: Any) -> dict[str, Any]:
        result = original(self)
        value = result.pop(NAME, None)
        if value:
            result[NAME] = json.dumps(json.loads(value), separators=(",", ":")) if isinstance(value, str) else \
                json.dumps(value, separators=(",", ":"))
        return result

    Queue.attributes = property(attributes)
