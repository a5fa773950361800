"""Lambda returns ``LoggingConfig`` in every function configuration (``LogFormat`` ``Text`` and
log group ``/aws/lambda/<name>`` by default; ``ApplicationLogLevel``/``SystemLogLevel`` ``INFO``
by default with ``JSON``) and stores what ``CreateFunction``/``UpdateFunctionConfiguration``
send. The emulator dropped it, so provider 5.100 planned to add the ``logging_config`` block of
``aws_lambda_function`` again on each plan."""

from __future__ import annotations

from typing import Any


def logging_config(function_name: str, requested: dict[str, Any] | None) -> dict[str, Any]:
    """The configuration AWS stores for ``requested`` (None: the defaults)."""
    config = {"LogFormat": "Text", "LogGroup": f"/aws/lambda/{function_name}"}
    config.update({key: value for key, value in (requested or {}).items() if value})
    if config["LogFormat"] == "JSON":
        config.setdefault("ApplicationLogLevel", "INFO")
        config.setdefault("SystemLogLevel", "INFO")
    else:
        config.pop("ApplicationLogLevel", None)
        config.pop("SystemLogLevel", None)
    return config


def apply() -> None:
    """Store ``LoggingConfig`` on create and update, and answer it in the configuration."""
    from moto.awslambda.models import LambdaFunction

    original_init = LambdaFunction.__init__
    original_get_configuration = LambdaFunction.get_configuration
    original_update = LambdaFunction.update_configuration

    def __init__(self: Any, account_id: str, spec: dict[str, Any], *args: Any, **kwargs: Any) -> None:
        original_init(self, account_id, spec, *args, **kwargs)
        self.logging_config = logging_config(self.function_name, spec.get("LoggingConfig"))

    def get_configuration(self: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        config = original_get_configuration(self, *args, **kwargs)
        config["LoggingConfig"] = dict(getattr(self, "logging_config", None) or logging_config(self.function_name, None))
        return config

    def update_configuration(self: Any, config_updates: dict[str, Any]) -> dict[str, Any]:
        if "LoggingConfig" in config_updates:
            current = dict(getattr(self, "logging_config", None) or {})
            current.update(config_updates["LoggingConfig"] or {})
            self.logging_config = logging_config(self.function_name, current)
        return original_update(self, config_updates)

    LambdaFunction.__init__ = __init__
    LambdaFunction.get_configuration = get_configuration
    LambdaFunction.update_configuration = update_configuration
