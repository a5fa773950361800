"""IAM policy documents as plain JSON strings (Terraform compares them semantically)."""

from __future__ import annotations

import json
from typing import Any, Iterable


def policy_document(statements: Iterable[dict[str, Any]]) -> str:
    """A policy document with the given statements, in the order given."""
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def allow(actions: list[str], resources: list[str] | str, sid: str | None = None, **extra: Any) -> dict[str, Any]:
    """One Allow statement; ``extra`` adds Condition or Principal blocks."""
    statement: dict[str, Any] = {"Effect": "Allow", "Action": actions, "Resource": resources, **extra}
    if sid:
        statement = {"Sid": sid, **statement}
    return statement


def assume_role_policy(service: str) -> str:
    """Trust policy letting one AWS service principal assume the role."""
    return policy_document([{
        "Effect": "Allow",
        "Principal": {"Service": service},
        "Action": "sts:AssumeRole",
    }])
