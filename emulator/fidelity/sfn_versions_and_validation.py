"""Step Functions has ``ListStateMachineVersions`` and ``ValidateStateMachineDefinition``
(provider 5.100 calls the first on every read of ``aws_sfn_state_machine``, the second on every
plan of one); the emulator answered HTTP 500 to both, so the plan failed. Versions are now listed
(published ones, newest first), and a definition is validated as AWS does in its simplest part:
JSON whose ``StartAt`` names one of its ``States`` is OK, anything else FAILs with a diagnostic."""

from __future__ import annotations

import json
from typing import Any


def _diagnostics(definition: str) -> list[dict[str, str]]:
    try:
        document = json.loads(definition)
    except ValueError:
        return [{"severity": "ERROR", "code": "INVALID_JSON_DESCRIPTION", "message": "definition is not JSON"}]
    if not isinstance(document, dict) or document.get("StartAt") not in (document.get("States") or {}):
        return [{"severity": "ERROR", "code": "SCHEMA_VALIDATION_FAILED",
                 "message": "StartAt must name one of the States", "location": "/StartAt"}]
    return []


def apply() -> None:
    """Add the two operations to the emulator's Step Functions responses."""
    from moto.stepfunctions.responses import StepFunctionResponse

    def list_state_machine_versions(self: Any) -> str:
        machine = self.stepfunction_backend.describe_state_machine(self._get_param("stateMachineArn"))
        versions = sorted(getattr(machine, "versions", {}).values(), key=lambda v: v.version, reverse=True)
        return json.dumps({"stateMachineVersions": [
            {"stateMachineVersionArn": version.arn, "creationDate": version.creation_date} for version in versions]},
            default=str)

    def validate_state_machine_definition(self: Any) -> str:
        diagnostics = _diagnostics(self._get_param("definition") or "")
        return json.dumps({"result": "FAIL" if diagnostics else "OK", "diagnostics": diagnostics, "truncated": False})

    StepFunctionResponse.list_state_machine_versions = list_state_machine_versions
    StepFunctionResponse.validate_state_machine_definition = validate_state_machine_definition
