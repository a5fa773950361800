"""IAM: a user, two groups, the user's memberships and an instance profile; the idn- user and group with their
inline policies and policy attachments."""

from __future__ import annotations

import base64
import hashlib
import json

from emulator.scenario.catalogue.shared import once
from emulator.scenario.context import BuildContext


def _user(ctx: BuildContext) -> None:
    once(ctx, "user:cat-deployer", lambda: (ctx.client("iam").create_user(UserName="cat-deployer"),
                                             ctx.record("aws_iam_user", "cat-deployer", None)))


def _groups(ctx: BuildContext) -> None:
    def make() -> None:
        for name in ("cat-deployers", "cat-readers"):
            ctx.client("iam").create_group(GroupName=name)
            ctx.record("aws_iam_group", name, None)
    once(ctx, "groups", make)


def iam_user_group_membership(ctx: BuildContext) -> None:
    """cat-deployer belongs to cat-deployers and cat-readers."""
    _user(ctx)
    _groups(ctx)
    for group in ("cat-deployers", "cat-readers"):
        ctx.client("iam").add_user_to_group(UserName="cat-deployer", GroupName=group)
    ctx.record("aws_iam_user_group_membership", "cat-deployer/cat-deployers/cat-readers", None)


def iam_instance_profile(ctx: BuildContext) -> None:
    """cat-web-instance: the profile EC2 instances of cat-web start with, holding its role."""
    iam = ctx.client("iam")
    iam.create_role(RoleName="cat-web-instance", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                "Principal": {"Service": "ec2.amazonaws.com"}}]}))
    iam.create_instance_profile(InstanceProfileName="cat-web-instance")
    iam.add_role_to_instance_profile(InstanceProfileName="cat-web-instance", RoleName="cat-web-instance")
    ctx.record("aws_iam_role", "cat-web-instance", None)
    ctx.record("aws_iam_instance_profile", "cat-web-instance", None)


_READ_BUCKETS = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*"}]})


def _idn_user(ctx: BuildContext) -> None:
    once(ctx, "user:idn-ci", lambda: (ctx.client("iam").create_user(UserName="idn-ci"),
                                       ctx.record("aws_iam_user", "idn-ci", None)))


def _idn_group(ctx: BuildContext) -> None:
    once(ctx, "group:idn-admins", lambda: (ctx.client("iam").create_group(GroupName="idn-admins"),
                                            ctx.record("aws_iam_group", "idn-admins", None)))


def _idn_policy(ctx: BuildContext) -> str:
    """The customer managed policy idn-deploy (made once): its ARN."""
    if "idn-deploy" not in ctx.ids:
        arn = ctx.client("iam").create_policy(PolicyName="idn-deploy", PolicyDocument=_READ_BUCKETS)["Policy"]["Arn"]
        ctx.record("aws_iam_policy", arn, None)
        ctx.ids["idn-deploy"] = arn
    return ctx.ids["idn-deploy"]


def iam_user_policy(ctx: BuildContext) -> None:
    """idn-ci's inline policy idn-ci-read."""
    _idn_user(ctx)
    ctx.client("iam").put_user_policy(UserName="idn-ci", PolicyName="idn-ci-read", PolicyDocument=_READ_BUCKETS)
    ctx.record("aws_iam_user_policy", "idn-ci:idn-ci-read", None)


def iam_group_policy(ctx: BuildContext) -> None:
    """idn-admins' inline policy idn-admins-read."""
    _idn_group(ctx)
    ctx.client("iam").put_group_policy(GroupName="idn-admins", PolicyName="idn-admins-read",
                                       PolicyDocument=_READ_BUCKETS)
    ctx.record("aws_iam_group_policy", "idn-admins:idn-admins-read", None)


def iam_user_policy_attachment(ctx: BuildContext) -> None:
    """idn-deploy attached to idn-ci."""
    _idn_user(ctx)
    arn = _idn_policy(ctx)
    ctx.client("iam").attach_user_policy(UserName="idn-ci", PolicyArn=arn)
    ctx.record("aws_iam_user_policy_attachment", f"idn-ci/{arn}", None)


def iam_group_policy_attachment(ctx: BuildContext) -> None:
    """idn-deploy attached to idn-admins."""
    _idn_group(ctx)
    arn = _idn_policy(ctx)
    ctx.client("iam").attach_group_policy(GroupName="idn-admins", PolicyArn=arn)
    ctx.record("aws_iam_group_policy_attachment", f"idn-admins/{arn}", None)


# The identity provider's signing certificate (a stand-in: IAM wants metadata of at least 1,000 characters).
_SIGNING_CERT = base64.b64encode(b"".join(hashlib.sha256(b"idn-sso %d" % i).digest() for i in range(20))).decode()
SAML_METADATA = ('<?xml version="1.0" encoding="UTF-8"?><md:EntityDescriptor '
                 'xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idn-sso.example.com/saml">'
                 '<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
                 '<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">'
                 f'<ds:X509Data><ds:X509Certificate>{_SIGNING_CERT}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>'
                 '</md:KeyDescriptor><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" '
                 'Location="https://idn-sso.example.com/saml/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>')


def iam_openid_connect_provider(ctx: BuildContext) -> None:
    """The OIDC provider CI jobs federate through (https://idn-ci.example.com)."""
    arn = ctx.client("iam").create_open_id_connect_provider(
        Url="https://idn-ci.example.com", ClientIDList=["sts.amazonaws.com"],
        ThumbprintList=["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"])["OpenIDConnectProviderArn"]
    ctx.record("aws_iam_openid_connect_provider", arn, None)


def iam_saml_provider(ctx: BuildContext) -> None:
    """The SAML provider idn-sso, from its identity provider's metadata."""
    arn = ctx.client("iam").create_saml_provider(Name="idn-sso", SAMLMetadataDocument=SAML_METADATA)["SAMLProviderArn"]
    ctx.record("aws_iam_saml_provider", arn, None)


def iam_service_linked_role(ctx: BuildContext) -> None:
    """Auto Scaling's service-linked role with the suffix idn-workers."""
    arn = ctx.client("iam").create_service_linked_role(
        AWSServiceName="autoscaling.amazonaws.com", CustomSuffix="idn-workers",
        Description="idn workers scaling")["Role"]["Arn"]
    ctx.record("aws_iam_service_linked_role", arn, None)


def iam_account_password_policy(ctx: BuildContext) -> None:
    """The account's password policy (an account singleton)."""
    ctx.client("iam").update_account_password_policy(
        MinimumPasswordLength=14, RequireSymbols=True, RequireNumbers=True, RequireUppercaseCharacters=True,
        RequireLowercaseCharacters=True, AllowUsersToChangePassword=True, MaxPasswordAge=90,
        PasswordReusePrevention=24)
    ctx.record("aws_iam_account_password_policy", "iam-account-password-policy", None)


def iam_account_alias(ctx: BuildContext) -> None:
    """The account's alias idn-retainwise (an account singleton)."""
    ctx.client("iam").create_account_alias(AccountAlias="idn-retainwise")
    ctx.record("aws_iam_account_alias", "idn-retainwise", None)


BUILDERS = {
    "aws_iam_user": _user,
    "aws_iam_group": _groups,
    "aws_iam_user_group_membership": iam_user_group_membership,
    "aws_iam_instance_profile": iam_instance_profile,
    "aws_iam_user_policy": iam_user_policy,
    "aws_iam_group_policy": iam_group_policy,
    "aws_iam_user_policy_attachment": iam_user_policy_attachment,
    "aws_iam_group_policy_attachment": iam_group_policy_attachment,
    "aws_iam_openid_connect_provider": iam_openid_connect_provider,
    "aws_iam_saml_provider": iam_saml_provider,
    "aws_iam_service_linked_role": iam_service_linked_role,
    "aws_iam_account_password_policy": iam_account_password_policy,
    "aws_iam_account_alias": iam_account_alias,
}
