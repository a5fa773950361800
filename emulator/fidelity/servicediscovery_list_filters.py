"""Cloud Map ``ListNamespaces`` filters.

AWS: ``ListNamespaces(Filters=[{"Name": "TYPE", "Values": ["DNS_PRIVATE"], "Condition": "EQ"}])`` returns only
the namespaces of that type (conditions EQ, IN; names TYPE, NAME, HTTP_NAME). moto ignored ``Filters`` and
returned every namespace.
"""

from __future__ import annotations

import json
from typing import Any

_FIELDS = {"TYPE": "Type", "NAME": "Name", "HTTP_NAME": "Properties.HttpProperties.HttpName"}


def _value(namespace: dict[str, Any], path: str) -> Any:
    for key in path.split("."):
        namespace = (namespace or {}).get(key) if isinstance(namespace, dict) else None
    return namespace


def _matches(namespace: dict[str, Any], filters: list[dict[str, Any]]) -> bool:
    for entry in filters:
        path = _FIELDS.get(entry.get("Name", ""))
        if path is None:
            continue
        value, wanted = _value(namespace, path), entry.get("Values") or []
        if entry.get("Condition", "EQ") == "BEGINS_WITH":
            if not any(isinstance(value, str) and value.startswith(w) for w in wanted):
                return False
        elif value not in wanted:
            return False
    return True


def apply() -> None:
    """Filter moto's ListNamespaces answer by the request's Filters."""
    from moto.servicediscovery.responses import ServiceDiscoveryResponse

    def list_namespaces(self: Any) -> Any:
        filters = (json.loads(self.body or "{}") or {}).get("Filters") or []
        namespaces = [ns.to_json() for ns in self.servicediscovery_backend.list_namespaces()]
        return 200, {}, json.dumps({"Namespaces": [ns for ns in namespaces if _matches(ns, filters)]})

    ServiceDiscoveryResponse.list_namespaces = list_namespaces
