"""``RotateSecret`` starts the rotation function asynchronously in AWS: the call returns at once with
rotation configured, whatever the function then does. The emulator invoked the function synchronously,
four times, which runs it in Docker: without Docker the call hung until the client gave up. Here the
rotation is configured and the invocations are skipped (the emulator cannot run function code)."""

from __future__ import annotations

import threading
from typing import Any

_ROTATING = threading.local()


def apply() -> None:
    """Skip the Lambda invocations RotateSecret makes; keep everything else it does."""
    from moto.awslambda.models import LambdaBackend
    from moto.secretsmanager.models import SecretsManagerBackend

    original_rotate = SecretsManagerBackend.rotate_secret
    original_invoke = LambdaBackend.invoke

    def rotate_secret(self: Any, *args: Any, **kwargs: Any) -> str:
        _ROTATING.active = True
        try:
            return original_rotate(self, *args, **kwargs)
        finally:
            _ROTATING.active = False

    def invoke(self: Any, *args: Any, **kwargs: Any) -> Any:
        if getattr(_ROTATING, "active", False):
            return b""
        return original_invoke(self, *args, **kwargs)

    SecretsManagerBackend.rotate_secret = rotate_secret
    LambdaBackend.invoke = invoke
