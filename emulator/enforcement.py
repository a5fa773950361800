"""IAM enforcement in the emulator: install generated roles, get their credentials the way GitHub
Actions does (OIDC web identity), and switch enforcement on or off.

Once on, every request must be signed with keys the emulator's IAM knows and is judged against
the caller's policies (see ``fidelity/iam_enforcement.py`` for what is evaluated and what is not).
"""

from __future__ import annotations

import base64
import json
import urllib.request
from dataclasses import dataclass
from typing import Any, Mapping

from emulator.fidelity.iam_enforcement import DATA
from importer.policy.split import size, split_policy

GITHUB_ISSUER = "https://token.actions.githubusercontent.com"
GITHUB_AUDIENCE = "sts.amazonaws.com"
INLINE_ROLE_POLICY_LIMIT = 10240  # IAM: all inline policies of one role together, whitespace not counted
ADMIN_USER = "emulator-admin"


@dataclass(frozen=True)
class Credentials:
    """Access keys of an IAM user or of an assumed role session."""

    access_key_id: str
    secret_access_key: str
    session_token: str | None = None
    arn: str = ""

    def environment(self) -> dict[str, str]:
        """The standard credential variables (the session token only for a role session)."""
        values = {"AWS_ACCESS_KEY_ID": self.access_key_id, "AWS_SECRET_ACCESS_KEY": self.secret_access_key}
        if self.session_token:
            values["AWS_SESSION_TOKEN"] = self.session_token
        return values

    def boto3_arguments(self) -> dict[str, str | None]:
        """Keyword arguments for ``boto3.client``/``Session``."""
        return {"aws_access_key_id": self.access_key_id, "aws_secret_access_key": self.secret_access_key,
                "aws_session_token": self.session_token}


def set_enforcement(endpoint: str, on: bool) -> None:
    """Judge every following request against IAM (``on``), or none of them."""
    body = b"0" if on else b"inf"
    request = urllib.request.Request(f"{endpoint}/moto-api/reset-auth", method="POST", data=body,
                                     headers={"Content-Type": "text/plain"})
    with urllib.request.urlopen(request, timeout=30) as response:
        if response.status != 200:
            raise RuntimeError(f"reset-auth answered HTTP {response.status}")


def resource_level_services() -> dict[str, str]:
    """Services whose requests the emulator checks against a statement's Resource (the rest: action only)."""
    return dict(DATA["resource_level"])


def evaluated_condition_keys() -> list[str]:
    """The only condition keys the emulator evaluates (all in trust policies)."""
    return list(DATA["evaluated_condition_keys"])


def create_admin(iam) -> Credentials:
    """A user with AdministratorAccess, for setting the account up while enforcement is on."""
    iam.create_user(UserName=ADMIN_USER)
    iam.attach_user_policy(UserName=ADMIN_USER, PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")
    key = iam.create_access_key(UserName=ADMIN_USER)["AccessKey"]
    arn = iam.get_user(UserName=ADMIN_USER)["User"]["Arn"]
    return Credentials(key["AccessKeyId"], key["SecretAccessKey"], arn=arn)


def create_github_oidc_provider(iam) -> str:
    """The account's GitHub Actions OIDC identity provider (ARN), created once."""
    for provider in iam.list_open_id_connect_providers()["OpenIDConnectProviderList"]:
        if provider["Arn"].endswith("/" + GITHUB_ISSUER.removeprefix("https://")):
            return provider["Arn"]
    return iam.create_open_id_connect_provider(Url=GITHUB_ISSUER, ClientIDList=[GITHUB_AUDIENCE],
                                               ThumbprintList=["0" * 40])["OpenIDConnectProviderArn"]


def create_role(iam, name: str, trust: Mapping[str, Any], policy: Mapping[str, Any]) -> str:
    """A role with ``trust`` and ``policy``: inline when it fits IAM's inline limit, else as the
    managed-policy parts of ``split_policy``. Returns the role ARN."""
    arn = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
    if size(policy) <= INLINE_ROLE_POLICY_LIMIT:
        iam.put_role_policy(RoleName=name, PolicyName=name, PolicyDocument=json.dumps(policy))
        return arn
    for number, part in enumerate(split_policy(policy), 1):
        part_arn = iam.create_policy(PolicyName=f"{name}-{number}", PolicyDocument=json.dumps(part))["Policy"]["Arn"]
        iam.attach_role_policy(RoleName=name, PolicyArn=part_arn)
    return arn


def github_token(subject: str, audience: str = GITHUB_AUDIENCE, issuer: str = GITHUB_ISSUER) -> str:
    """An unsigned JWT with GitHub's claims (the emulator checks claims against the trust, not signatures)."""
    def encode(value: Mapping[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    return ".".join([encode({"alg": "none", "typ": "JWT"}),
                     encode({"iss": issuer, "aud": audience, "sub": subject}), "signature"])


def assume_with_web_identity(sts, role_arn: str, token: str, session_name: str = "github-actions") -> Credentials:
    """Credentials of ``role_arn`` from ``sts:AssumeRoleWithWebIdentity`` with ``token``."""
    answer = sts.assume_role_with_web_identity(RoleArn=role_arn, RoleSessionName=session_name,
                                               WebIdentityToken=token)
    credentials = answer["Credentials"]
    return Credentials(credentials["AccessKeyId"], credentials["SecretAccessKey"], credentials["SessionToken"],
                       arn=answer["AssumedRoleUser"]["Arn"])
