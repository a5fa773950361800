"""Split a policy into documents that fit IAM's managed-policy size limit (6,144 characters,
whitespace not counted); a role may have 10 managed policies attached by default."""

from __future__ import annotations

import json
from typing import Any, Mapping

MANAGED_POLICY_LIMIT = 6144
_ENVELOPE = len('{"Version":"2012-10-17","Statement":[]}')


def size(document: Any) -> int:
    """IAM's measure of a policy: its JSON without whitespace."""
    return len(json.dumps(document, separators=(",", ":")))


def _fit(statement: dict[str, Any], limit: int) -> list[dict[str, Any]]:
    """The statement, or its actions cut into pieces that each fit ``limit``."""
    if size(statement) + _ENVELOPE <= limit or len(statement["Action"]) < 2:
        return [statement]
    half = len(statement["Action"]) // 2
    first = dict(statement, Action=statement["Action"][:half], Sid=statement["Sid"] + "A")
    second = dict(statement, Action=statement["Action"][half:], Sid=statement["Sid"] + "B")
    return _fit(first, limit) + _fit(second, limit)


def split_policy(document: Mapping[str, Any], limit: int = MANAGED_POLICY_LIMIT) -> list[dict[str, Any]]:
    """Statements packed into few documents of at most ``limit`` characters (first fit, largest
    statement first); each document keeps the statements in their original order."""
    pieces = [piece for s in document["Statement"] for piece in _fit(dict(s), limit)]
    parts: list[list[int]] = []
    for index in sorted(range(len(pieces)), key=lambda i: (-size(pieces[i]), i)):
        for part in parts:
            if size({"Version": document["Version"], "Statement": [pieces[i] for i in part + [index]]}) <= limit:
                part.append(index)
                break
        else:
            parts.append([index])
    return [{"Version": document["Version"], "Statement": [pieces[i] for i in sorted(part)]} for part in parts]
