"""IAM enforcement (on after ``POST /moto-api/reset-auth``) judged as IAM judges identity policies,
as far as the emulator knows the request. Nothing here runs while enforcement is off.

What the emulator did, and what AWS does:
- Resource: it knows the request's resource ARN only for S3, SQS, IAM roles and STS AssumeRole,
  and passes ``*`` elsewhere, which no scoped ``Resource`` matches: every resource-scoped Allow
  was refused. Here an unknown resource (``*``) matches any ``Resource``: those services are
  enforced at action level only. SSM parameters and Secrets Manager secrets are made known.
  ``NotResource`` was ignored.
- Conditions: it evaluated only ``StringEquals`` on keys it had a value for (``sts:ExternalId``)
  and made an Allow whose condition failed an explicit deny (IAM ignores the statement). Here
  identity-policy conditions are not evaluated (no request context): they count as satisfied.
Statements are matched by ``emulator/iam_policy.py``, the matcher the tests' policy simulator
uses too (lenient here: what it does not model never allows); moto still combines the
statements' answers into the decision.
- Action names: the prefix was the signing name (``monitoring:`` for CloudWatch, IAM says
  ``cloudwatch:``); S3 bucket subresources it did not list fell back to ListBucket, CreateBucket
  or DeleteBucket, and HeadBucket is no IAM action. Wildcards are ``*``/``?``, actions match
  case-insensitively (it used a case-sensitive regex).
- Signatures: a GET/HEAD/DELETE without a body (Lambda, Route 53) was refused as
  SignatureDoesNotMatch: the emulator hashed its parsed parameters as the payload.
- ``AssumeRoleWithWebIdentity`` is unsigned in AWS and allowed by the role's trust policy; the
  emulator required a signature and never read the trust. Here the token's ``iss``/``aud``/``sub``
  are checked against the trust policy and the account's OIDC providers (no token signature).
The services and condition keys enforced are data (``iam_enforcement.json``). When
``EMULATOR_IAM_DECISIONS`` names a file, every decision is appended to it as a JSON line.
"""

from __future__ import annotations

import base64
import json
import os
import threading
from pathlib import Path
from typing import Any

from emulator import iam_policy as policy
from emulator.iam_policy import glob_match as glob_matches  # noqa: F401  (the one IAM wildcard match)

DATA = json.loads((Path(__file__).with_name("iam_enforcement.json")).read_text())
WEB_IDENTITY = "sts:AssumeRoleWithWebIdentity"
_LOG_LOCK = threading.Lock()


def statement_applies(statement: dict[str, Any], action: str, resource: str) -> bool:
    """Whether an identity-policy statement covers ``action`` on ``resource`` (``*`` = unknown);
    the request context is unknown, so conditions count as satisfied."""
    return policy.statement_applies(statement, action, None if resource == "*" else resource, None, strict=False)


def _decide(original, self, action, resource="*", principal=None, incoming_condition_values=None):
    from moto.iam.access_control import PermissionResult

    if principal is not None or not self._statement.get("Resource") and not self._statement.get("NotResource"):
        return original(self, action, resource, principal, incoming_condition_values)  # trust policies
    if not statement_applies(self._statement, action, resource):
        return PermissionResult.NEUTRAL
    return PermissionResult.PERMITTED if self._statement.get("Effect") == "Allow" else PermissionResult.DENIED


def _log(entry: dict[str, Any]) -> None:
    target = os.environ.get("EMULATOR_IAM_DECISIONS")
    if target:
        with _LOG_LOCK, open(target, "a") as handle:
            handle.write(json.dumps(entry) + "\n")


def _patch_requests() -> None:
    from moto.iam import access_control

    base = access_control.IAMRequestBase
    original_init, original_check = base.__init__, base.check_action_permitted
    prefixes = DATA["iam_prefix_of_signing_name"]

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        original_init(self, *args, **kwargs)
        service, _, name = self._action.partition(":")
        self._action = f"{prefixes.get(service, service)}:{name}"

    def check_action_permitted(self: Any, resource: str) -> None:
        entry = {"principal": self._access_key.arn, "action": self._action, "resource": resource}
        try:
            original_check(self, resource)
        except Exception:
            _log({**entry, "allowed": False})
            raise
        _log({**entry, "allowed": True})

    original_request = base._create_aws_request

    def _create_aws_request(self: Any) -> Any:
        request = original_request(self)
        if not self._body and self._method in ("GET", "HEAD", "DELETE"):
            request.data = b""  # the signed payload is the (empty) body, not the parsed parameters
        return request

    base.__init__, base.check_action_permitted = __init__, check_action_permitted
    base._create_aws_request = _create_aws_request
    statement_class = access_control.IAMPolicyStatement
    original_decide = statement_class.is_action_permitted
    statement_class.is_action_permitted = (
        lambda self, action, resource="*", principal=None, incoming_condition_values=None:
        _decide(original_decide, self, action, resource, principal, incoming_condition_values))


def _patch_s3_names() -> None:
    from moto.s3 import responses

    for kind, methods in DATA["s3_actions"].items():
        for method, names in methods.items():
            responses.ACTION_MAP[kind].setdefault(method, {}).update(names)


def _each_resource(response_class: Any, arns_of) -> None:
    """Check the request once per resource ARN that ``arns_of(response)`` names (``*`` if none)."""
    original = response_class._authenticate_and_authorize_normal_action

    def authorize(self: Any, resource: str = "*") -> None:
        for arn in arns_of(self) or ["*"]:
            original(self, arn)

    response_class._authenticate_and_authorize_normal_action = authorize


def _ssm_arns(response: Any) -> list[str]:
    if "Parameter" not in (response._get_action() or ""):
        return []
    names = policy.as_list(response._get_param("Name")) + policy.as_list(response._get_param("Names"))
    prefix = f"arn:{response.partition}:ssm:{response.region}:{response.current_account}:parameter/"
    return [prefix + name.lstrip("/") for name in names if not name.startswith("arn:")] + [
        name for name in names if name.startswith("arn:")]


def _secret_arns(response: Any) -> list[str]:
    secret_id = response._get_param("SecretId")
    if not secret_id:
        return []
    secret = response.backend.secrets.get(secret_id)
    return [secret.arn] if secret is not None else []


def _claims(token: str) -> dict[str, Any]:
    try:
        payload = token.split(".")[1]
        return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError):
        return {}


def web_identity_allowed(trust: dict[str, Any], claims: dict[str, Any], providers: dict[str, str]) -> bool:
    """Whether a trust policy lets a token with ``claims`` assume the role (``providers``: ARN -> URL)."""
    host = str(claims.get("iss", "")).removeprefix("https://")
    values = {f"{host}:aud": claims.get("aud"), f"{host}:sub": claims.get("sub")}
    context = {key: value for key, value in values.items() if isinstance(value, str)}  # other claims: unknown
    statements = trust.get("Statement")
    allowed = False
    for statement in statements if isinstance(statements, list) else [statements]:
        if not policy.field_matches(statement, "Action", WEB_IDENTITY, ignore_case=True, strict=False):
            continue
        federated = policy.as_list((statement.get("Principal") or {}).get("Federated"))
        if not any(providers.get(arn) == host for arn in federated):
            continue
        if policy.conditions_hold(statement.get("Condition") or {}, context, strict=False):
            if statement.get("Effect") == "Deny":
                return False
            allowed = True
    return allowed


def _patch_web_identity() -> None:
    from moto import settings
    from moto.core.authorization import ActionAuthenticatorMixin
    from moto.core.exceptions import AccessDeniedError
    from moto.iam.models import iam_backends
    from moto.sts.responses import TokenResponse

    original = TokenResponse._authenticate_and_authorize_normal_action

    def authorize(self: Any, resource: str = "*") -> None:
        enforcing = ActionAuthenticatorMixin.request_count >= settings.INITIAL_NO_AUTH_ACTION_COUNT
        if not enforcing or self._get_action() != "AssumeRoleWithWebIdentity":
            return original(self, resource)
        backend = iam_backends[self.current_account][self.partition]
        providers = {arn: provider.url for arn, provider in backend.open_id_providers.items()}
        role_arn, claims = self._get_param("RoleArn"), _claims(self._get_param("WebIdentityToken") or "")
        role = next((r for r in backend.roles.values() if r.arn == role_arn), None)
        trust = role.assume_role_policy_document if role is not None else "{}"
        allowed = role is not None and web_identity_allowed(
            json.loads(trust) if isinstance(trust, str) else trust, claims, providers)
        _log({"principal": f"web-identity:{claims.get('sub')}", "action": WEB_IDENTITY, "resource": role_arn,
              "allowed": allowed})
        if not allowed:
            raise AccessDeniedError(user_arn=f"web-identity:{claims.get('sub')}", action=WEB_IDENTITY)

    TokenResponse._authenticate_and_authorize_normal_action = authorize


def apply() -> None:
    """Patch moto's policy evaluation, action naming, resource knowledge and web identity."""
    from moto.secretsmanager.responses import SecretsManagerResponse
    from moto.ssm.responses import SimpleSystemManagerResponse

    _patch_requests()
    _patch_s3_names()
    _each_resource(SimpleSystemManagerResponse, _ssm_arns)
    _each_resource(SecretsManagerResponse, _secret_arns)
    _patch_web_identity()
