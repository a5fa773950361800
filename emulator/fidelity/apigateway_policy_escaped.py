"""API Gateway returns a REST API's resource policy as escaped JSON (``{\\"Version\\":...}``, compact): the
AWS provider unquotes it (``strconv.Unquote``) before parsing. The emulator returned the document as sent,
and provider 5.100 then failed every plan of the API ("invalid character 'V' after top-level value")."""

from __future__ import annotations

import json
from typing import Any


def _escaped(policy: str) -> str:
    try:
        document = json.dumps(json.loads(policy), separators=(",", ":"))
    except ValueError:  # already escaped, or not JSON: left as stored
        return policy
    return json.dumps(document)[1:-1]


def apply() -> None:
    """Serialize the stored policy as AWS does: compact JSON, escaped as a JSON string's content."""
    from moto.apigateway.models import RestAPI

    original = RestAPI.to_dict

    def to_dict(self: Any) -> dict[str, Any]:
        result = original(self)
        if result.get(RestAPI.PROP_POLICY):
            result[RestAPI.PROP_POLICY] = _escaped(result[RestAPI.PROP_POLICY])
        return result

    RestAPI.to_dict = to_dict
