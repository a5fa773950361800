"""IAM (global): roles, their inline policies and managed-policy attachments, customer managed policies,
users and groups with theirs, users' group memberships; instance profiles; OIDC and SAML providers,
service-linked roles, the account's password policy and alias.

All but instance profiles come from one paginated ``GetAccountAuthorizationDetails`` call (the runner
makes identical calls once): roles carry their inline policies and attached policies, so no per-role
``ListRolePolicies``/``ListAttachedRolePolicies`` calls are needed. Policy documents are in the
response but never kept as attributes.
"""

from importer.specs.base import GLOBAL, Call, Reference, ResourceSpec

# Roles, customer managed policies, users and groups in one answer; MaxItems keeps the page count low.
_DETAILS = {"Filter": ["Role", "LocalManagedPolicy", "User", "Group"], "MaxItems": 1000}
_USERS = Call("GetAccountAuthorizationDetails", items="UserDetailList[]", params=_DETAILS)
_ROLES = Call("GetAccountAuthorizationDetails", items="RoleDetailList[]", params=_DETAILS)
_GROUPS = Call("GetAccountAuthorizationDetails", items="GroupDetailList[]", params=_DETAILS)
_ROLE = Reference("role", "aws_iam_role", "RoleName")
_USER = Reference("user", "aws_iam_user", "UserName")
_GROUP = Reference("group", "aws_iam_group", "GroupName")
_SERVICE_ROLE = "starts_with(Path, '/aws-service-role/')"
_OIDC_URL = "join('', ['https://', split_part(Arn, 'oidc-provider/', `1`)])"
# The ARN ends with the name (after the path); the emulator's answer has no PolicyName field.
_POLICY_NAME = "PolicyName || split_part(Arn, '/', `-1`)"

SPECS = (
    ResourceSpec(
        type="aws_iam_role", service="iam", scope=GLOBAL, list=_ROLES, import_id="{RoleName}",
        # Service-linked roles and the roles IAM Identity Center creates are AWS's, not the account's code.
        exclude=f"{_SERVICE_ROLE} || starts_with(Path, '/aws-reserved/')",
        identity={"name": "RoleName"}, aliases=("Arn", "RoleId"),
        references=(Reference("permissions_boundary", "aws_iam_policy", "PermissionsBoundary.PermissionsBoundaryArn"),),
        attributes={"arn": "Arn", "path": "Path"},
        note="service-linked (/aws-service-role/) and Identity Center (/aws-reserved/) roles are AWS defaults",
    ),
    ResourceSpec(
        type="aws_iam_role_policy", service="iam", scope=GLOBAL, list=_ROLES,
        explode="RolePolicyList", inherit={"RoleName": "RoleName"}, import_id="{RoleName}:{PolicyName}",
        identity={"role": "RoleName", "name": "PolicyName"}, references=(_ROLE,), drop_with_excluded=("role",),
        attributes={"name": "PolicyName"},
    ),
    ResourceSpec(
        type="aws_iam_role_policy_attachment", service="iam", scope=GLOBAL, list=_ROLES,
        explode="AttachedManagedPolicies", inherit={"RoleName": "RoleName"}, import_id="{RoleName}/{PolicyArn}",
        identity={"role": "RoleName", "policy_arn": "PolicyArn"}, drop_with_excluded=("role",),
        references=(_ROLE, Reference("policy_arn", "aws_iam_policy", "PolicyArn")),
        attributes={"policy_arn": "PolicyArn"},
    ),
    ResourceSpec(
        type="aws_iam_policy", service="iam", scope=GLOBAL,
        list=Call("GetAccountAuthorizationDetails", items="Policies[]", params=_DETAILS),
        import_id="{Arn}", identity={"name": _POLICY_NAME}, aliases=("Arn", _POLICY_NAME, "PolicyId"),
        attributes={"name": _POLICY_NAME, "arn": "Arn", "path": "Path", "description": "Description"},
        note="LocalManagedPolicy: customer managed policies only (AWS managed ones are not resources of the account)",
    ),
    ResourceSpec(
        type="aws_iam_user", service="iam", scope=GLOBAL, list=_USERS, import_id="{UserName}",
        identity={"name": "UserName"}, aliases=("Arn", "UserId"),
        references=(Reference("permissions_boundary", "aws_iam_policy", "PermissionsBoundary.PermissionsBoundaryArn"),),
        attributes={"arn": "Arn", "name": "UserName", "path": "Path"},
        note="access keys, login profiles and SSH keys are other types (secrets: never read)",
    ),
    ResourceSpec(
        type="aws_iam_group", service="iam", scope=GLOBAL,
        list=_GROUPS,
        import_id="{GroupName}", identity={"name": "GroupName"}, aliases=("Arn", "GroupId"),
        attributes={"arn": "Arn", "name": "GroupName", "path": "Path"},
    ),
    ResourceSpec(
        type="aws_iam_user_group_membership", service="iam", scope=GLOBAL, list=_USERS,
        fields={"Groups": "join('/', GroupList)"}, import_id="{UserName}/{Groups}", exclude="!GroupList",
        identity={"user": "UserName"},
        references=(_USER, Reference("groups", "aws_iam_group", "GroupList")),
        attributes={"user": "UserName", "groups": "GroupList"},
        note="one object per user with all its groups (the provider's import ID user/group1/group2); code that "
             "splits a user's groups over several memberships matches none",
    ),
    ResourceSpec(
        type="aws_iam_instance_profile", service="iam", scope=GLOBAL,
        list=Call("ListInstanceProfiles", items="InstanceProfiles[]"), import_id="{InstanceProfileName}",
        identity={"name": "InstanceProfileName"}, aliases=("Arn", "InstanceProfileId"),
        references=(Reference("role", "aws_iam_role", "Roles[0].RoleName"),),
        attributes={"arn": "Arn", "name": "InstanceProfileName", "path": "Path", "role": "Roles[0].RoleName"},
    ),
    ResourceSpec(
        type="aws_iam_user_policy", service="iam", scope=GLOBAL, list=_USERS,
        explode="UserPolicyList", inherit={"UserName": "UserName"}, import_id="{UserName}:{PolicyName}",
        identity={"user": "UserName", "name": "PolicyName"}, references=(_USER,), attributes={"name": "PolicyName"},
    ),
    ResourceSpec(
        type="aws_iam_group_policy", service="iam", scope=GLOBAL, list=_GROUPS,
        explode="GroupPolicyList", inherit={"GroupName": "GroupName"}, import_id="{GroupName}:{PolicyName}",
        identity={"group": "GroupName", "name": "PolicyName"}, references=(_GROUP,), attributes={"name": "PolicyName"},
    ),
    ResourceSpec(
        type="aws_iam_user_policy_attachment", service="iam", scope=GLOBAL, list=_USERS,
        explode="AttachedManagedPolicies", inherit={"UserName": "UserName"}, import_id="{UserName}/{PolicyArn}",
        identity={"user": "UserName", "policy_arn": "PolicyArn"},
        references=(_USER, Reference("policy_arn", "aws_iam_policy", "PolicyArn")),
        attributes={"policy_arn": "PolicyArn"},
    ),
    ResourceSpec(
        type="aws_iam_group_policy_attachment", service="iam", scope=GLOBAL, list=_GROUPS,
        explode="AttachedManagedPolicies", inherit={"GroupName": "GroupName"}, import_id="{GroupName}/{PolicyArn}",
        identity={"group": "GroupName", "policy_arn": "PolicyArn"},
        references=(_GROUP, Reference("policy_arn", "aws_iam_policy", "PolicyArn")),
        attributes={"policy_arn": "PolicyArn"},
    ),
    ResourceSpec(
        type="aws_iam_openid_connect_provider", service="iam", scope=GLOBAL,
        list=Call("ListOpenIDConnectProviders", items="OpenIDConnectProviderList[]"), import_id="{Arn}",
        identity={"url": _OIDC_URL}, aliases=("Arn",), attributes={"arn": "Arn"},
        note="the URL is the ARN's tail (no per-provider read); code writes it with https://",
    ),
    ResourceSpec(
        type="aws_iam_saml_provider", service="iam", scope=GLOBAL,
        list=Call("ListSAMLProviders", items="SAMLProviderList[]"), import_id="{Arn}",
        identity={"name": "split_part(Arn, '/', `-1`)"}, aliases=("Arn",),
        attributes={"arn": "Arn", "name": "split_part(Arn, '/', `-1`)"},
    ),
    ResourceSpec(
        type="aws_iam_service_linked_role", service="iam", scope=GLOBAL,
        list=Call("GetAccountAuthorizationDetails", items=f"RoleDetailList[?{_SERVICE_ROLE}]", params=_DETAILS),
        import_id="{Arn}", aliases=("RoleName",),
        identity={"aws_service_name": "split_part(Path, '/', `2`)", "custom_suffix": "split_part(RoleName, '_', `1`)"},
        attributes={"arn": "Arn", "name": "RoleName", "path": "Path"},
        note="roles under /aws-service-role/ (aws_iam_role leaves them out); AWS makes some itself when a "
             "service is first used, and those are unmanaged until code declares them",
    ),
    ResourceSpec(
        type="aws_iam_account_password_policy", service="iam", scope=GLOBAL,
        list=Call("GetAccountPasswordPolicy", items="PasswordPolicy", absent_on=("NoSuchEntity",)),
        import_id="iam-account-password-policy",
        attributes={"minimum_password_length": "MinimumPasswordLength", "max_password_age": "MaxPasswordAge"},
        note="one per account, imported by the provider's fixed word; NoSuchEntity: no policy set",
    ),
    ResourceSpec(
        type="aws_iam_account_alias", service="iam", scope=GLOBAL,
        list=Call("ListAccountAliases", items="AccountAliases[].{AccountAlias: @}"), import_id="{AccountAlias}",
        identity={"account_alias": "AccountAlias"}, note="at most one per account",
    ),
)
