"""CloudWatch Logs Insights saved queries: ``PutQueryDefinition`` (creates, or updates by
``queryDefinitionId``), ``DescribeQueryDefinitions`` (optionally by name prefix) and
``DeleteQueryDefinition``. The emulator had none of them (HTTP 500)."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any


def apply() -> None:
    """Add the three operations with a per-backend store."""
    from moto.logs.responses import LogsResponse

    def store(backend: Any) -> dict[str, dict[str, Any]]:
        if not hasattr(backend, "query_definitions"):
            backend.query_definitions = {}
        return backend.query_definitions

    def put_query_definition(self: Any) -> str:
        definitions = store(self.logs_backend)
        definition_id = self._get_param("queryDefinitionId") or str(uuid.uuid4())
        definition = {"queryDefinitionId": definition_id, "name": self._get_param("name"),
                      "queryString": self._get_param("queryString"), "lastModified": int(time.time() * 1000)}
        if self._get_param("logGroupNames"):
            definition["logGroupNames"] = list(self._get_param("logGroupNames"))
        definitions[definition_id] = definition
        return json.dumps({"queryDefinitionId": definition_id})

    def describe_query_definitions(self: Any) -> str:
        prefix = self._get_param("queryDefinitionNamePrefix") or ""
        found = [d for d in store(self.logs_backend).values() if d["name"].startswith(prefix)]
        return json.dumps({"queryDefinitions": sorted(found, key=lambda d: d["name"])})

    def delete_query_definition(self: Any) -> str:
        removed = store(self.logs_backend).pop(self._get_param("queryDefinitionId"), None)
        return json.dumps({"success": removed is not None})

    LogsResponse.put_query_definition = put_query_definition
    LogsResponse.describe_query_definitions = describe_query_definitions
    LogsResponse.delete_query_definition = delete_query_definition
