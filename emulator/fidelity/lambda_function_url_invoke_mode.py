"""Lambda function URLs: AWS answers ``InvokeMode`` ``BUFFERED`` (or ``RESPONSE_STREAM``) in upper
case, ``BUFFERED`` when none was sent, and ``UpdateFunctionUrlConfig`` changes it. The emulator
answered ``Buffered`` by default and ignored it on update, so provider 5.100 planned an update of
``aws_lambda_function_url.invoke_mode`` from "Buffered" to "BUFFERED" after every import."""

from __future__ import annotations

from typing import Any


def apply() -> None:
    """Answer AWS's default invoke mode, and store the one an update sends."""
    from moto.awslambda.models import FunctionUrlConfig

    original_to_dict = FunctionUrlConfig.to_dict
    original_update = FunctionUrlConfig.update

    def to_dict(self: Any) -> dict[str, Any]:
        answer = original_to_dict(self)
        answer["InvokeMode"] = self.config.get("InvokeMode") or "BUFFERED"
        return answer

    def update(self: Any, new_config: dict[str, Any]) -> None:
        original_update(self, new_config)
        if new_config.get("InvokeMode"):
            self.config["InvokeMode"] = new_config["InvokeMode"]

    FunctionUrlConfig.to_dict = to_dict
    FunctionUrlConfig.update = update
